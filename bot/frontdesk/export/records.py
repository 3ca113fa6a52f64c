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


def to_record(intake: Intake, queue_status: str | None = None) -> dict[str, Any]:
    """An intake as the data dictionary names it, ready for JSON (timestamps in UTC, ISO 8601);
    with `queue_status`, the console queue's status (a staff pin over the stored `status`) right
    after `status`, as in the CSV export and the console API."""
    record: dict[str, Any] = {}
    for name in EXPORT_FIELDS:
        value = getattr(intake, name)
        record[name] = value.isoformat() if isinstance(value, dt.datetime) else value
        if name == "status" and queue_status is not None:
            record["queue_status"] = queue_status
    return record


def jsonl_lines(rows: Iterable[tuple[Intake, str | None]]) -> Iterator[str]:
    """One JSON object per (intake, queue status), each ending in a newline."""
    for intake, queue_status in rows:
        yield json.dumps(to_record(intake, queue_status), ensure_ascii=False) + "\n"
