"""CSV of intakes, the one CSV writer: every cell is guarded against spreadsheet formulas."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable
from typing import Any

from bot.intake.models import Intake
from bot.scheduling.records import BookingView

# The data dictionary's names, plus what the front desk sees: queue status and booking.
COLUMNS = (
    "intake_id", "conversation_id", "created_at", "status", "queue_status", "patient_name",
    "phone", "email", "channel", "duration_text", "duration_weeks", "duration_range",
    "pain_class", "pain_stage", "locations", "activities", "activities_text", "pain_score",
    "red_flags", "crisis", "callback_requested", "summary_confirmed", "completed_at",
    "reviewed_at", "booking_code", "booking_status", "booking_starts_at", "therapist_id",
    "evidence", "raw_answers",
)  # fmt: skip
# A spreadsheet runs a cell that starts with one of these as a formula (CWE-1236).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_E164 = re.compile(r"^\+\d{6,15}$")

Row = tuple[Intake, str, "BookingView | None"]


def safe_cell(value: Any) -> str:
    """The cell's text, with a leading apostrophe when a spreadsheet would run it as a formula.

    A phone number in E.164 form (+17185550134) is left as it is: it is data, not a formula.
    """
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS) and not _E164.match(text):
        return "'" + text
    return text


def locations_text(locations: Iterable[dict[str, Any]] | None) -> str:
    """"lower_back; knee:left": region codes, each with its side when one was given."""
    parts = []
    for loc in locations or []:
        side = loc.get("side")
        parts.append(f"{loc.get('region')}:{side}" if side else str(loc.get("region")))
    return "; ".join(parts)


def _json(value: Any) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False)


def _local(value: dt.datetime | None, tz: dt.tzinfo) -> str:
    return value.astimezone(tz).isoformat(timespec="minutes") if value else ""


def _yes_no(value: Any) -> str:
    return "yes" if value else "no"


def row_values(
    intake: Intake, queue_status: str, booking: BookingView | None, tz: dt.tzinfo
) -> list[Any]:
    """The cells of one intake in `COLUMNS` order, before the formula guard."""
    return [
        intake.id, intake.conversation_id, _local(intake.created_at, tz), intake.status,
        queue_status, intake.patient_name, intake.phone, intake.email, intake.channel,
        intake.duration_text, intake.duration_weeks, _json(intake.duration_range),
        intake.pain_class, intake.pain_stage, locations_text(intake.locations),
        _json(intake.activities or []), intake.activities_text, intake.pain_score,
        _json(intake.red_flags or []), _yes_no(intake.crisis),
        _yes_no(intake.callback_requested), _yes_no(intake.summary_confirmed),
        _local(intake.completed_at, tz), _local(intake.reviewed_at, tz),
        booking.code if booking else "", booking.status if booking else "",
        _local(booking.starts_at, tz) if booking else "", booking.therapist_id if booking else "",
        _json(intake.evidence or {}), _json(intake.raw_answers or {}),
    ]  # fmt: skip


def intakes_csv(rows: Iterable[Row], tz: dt.tzinfo = dt.timezone.utc) -> str:
    """A header and one line per (intake, queue status, booking); times in `tz`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for intake, queue_status, booking in rows:
        writer.writerow([safe_cell(v) for v in row_values(intake, queue_status, booking, tz)])
    return out.getvalue()
