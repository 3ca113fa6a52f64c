"""JSON lines: one intake a line, with the field names of the intake data dictionary."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from typing import Any

from bot.intake.models import Intake

# Exported in this order: the data dictionary's names first, then the record's own.
EXPORT_FIELDS = (
    "id", "conversation_id", "status", "created_at", "duration_weeks", "duration_range",
    "duration_text", "pain_class", "pain_stage", "locations", "activities", "activities_text",
    "pain_score", "red_flags", "crisis", "callback_requested", "summary_confirmed",
    "patient_name", "phone", "email", "channel", "completed_at", "reviewed_at", "evidence",
    "raw_answers",
)  # fmt: skip


def to_record(intake: Intake) -> dict[str, Any]:
    """An intake as the data dictionary names it, ready for JSON (timestamps in UTC, ISO 8601)."""
    record: dict[str, Any] = {}
    for name in EXPORT_FIELDS:
        value = getattr(intake, name)
        record[name] = value.isoformat() if isinstance(value, dt.datetime) else value
    return record


def jsonl_lines(intakes: Iterable[Intake]) -> Iterator[str]:
    """One JSON object per intake, each ending in a newline."""
    for intake in intakes:
        yield json.dumps(to_record(intake), ensure_ascii=False) + "\n"
