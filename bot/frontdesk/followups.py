"""What staff do to an intake: mark it reviewed (and undo it), record a call back with its outcome
and a note, add notes."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.frontdesk.models import CallAttempt, IntakeFollowUp, StaffNote
from bot.intake.models import Intake

MAX_NOTE = 4000


class NotFound(LookupError):
    """No intake with this id."""


def _intake_and_followup(session: Session, intake_id: int) -> tuple[Intake, IntakeFollowUp]:
    intake = session.get(Intake, intake_id)
    if intake is None:
        raise NotFound(intake_id)
    followup = session.get(IntakeFollowUp, intake_id)
    if followup is None:
        followup = IntakeFollowUp(intake_id=intake_id)
        session.add(followup)
    return intake, followup


def mark_reviewed(session: Session, intake_id: int, user_id: int, now: dt.datetime) -> bool:
    """Set reviewed_at (once). A new intake becomes `reviewed`; urgent and call-back keep
    their status, so the reason they were pinned is never lost. False if already reviewed."""
    intake, followup = _intake_and_followup(session, intake_id)
    if intake.reviewed_at is not None:
        return False
    intake.reviewed_at = now
    if intake.status == "new":
        intake.status = "reviewed"
    followup.reviewed_by_id = user_id
    return True


def undo_reviewed(session: Session, intake_id: int, now: dt.datetime) -> bool:
    """Clear reviewed_at (a `reviewed` status goes back to `new`). A patient already reached
    stays reached. False if the intake was not reviewed."""
    intake, followup = _intake_and_followup(session, intake_id)
    if intake.reviewed_at is None and intake.status != "reviewed":
        return False
    intake.reviewed_at = None
    if intake.status == "reviewed":
        intake.status = "new"
    followup.reviewed_by_id = None
    return True


OUTCOMES: dict[str, str] = {
    "reached": "Reached the patient",
    "voicemail": "Left a voicemail",
    "no_answer": "No answer",
}


def record_call_back(
    session: Session, intake_id: int, user_id: int, now: dt.datetime,
    outcome: str = "reached", note: str = "",
) -> bool:  # fmt: skip
    """Record one call (`outcome`, a key of `OUTCOMES`; `note` at most `MAX_NOTE` characters).
    Only `reached` unpins the intake, and it marks it reviewed; a voicemail or no answer keeps
    the patient in the call-back list. False if the patient was already reached (nothing is
    recorded). ValueError for an unknown outcome; NotFound for an unknown intake."""
    if outcome not in OUTCOMES:
        raise ValueError(f"unknown call outcome {outcome!r}")
    intake, followup = _intake_and_followup(session, intake_id)
    if followup.called_back_at is not None:
        return False
    session.add(CallAttempt(intake_id=intake_id, user_id=user_id, outcome=outcome,
                            note=note.strip()[:MAX_NOTE], at=now))  # fmt: skip
    if outcome != "reached":
        return True
    followup.called_back_at = now
    followup.called_back_by_id = user_id
    if intake.reviewed_at is None:
        intake.reviewed_at = now
        followup.reviewed_by_id = user_id
    return True


def call_attempts(session: Session, intake_id: int) -> list[CallAttempt]:
    """The intake's calls, oldest first."""
    query = select(CallAttempt).where(CallAttempt.intake_id == intake_id)
    return list(session.scalars(query.order_by(CallAttempt.at, CallAttempt.id)))


def add_note(session: Session, intake_id: int, user_id: int, body: str, now: dt.datetime) -> None:
    if session.get(Intake, intake_id) is None:
        raise NotFound(intake_id)
    body = body.strip()
    if not body:
        raise ValueError("a note cannot be empty")
    session.add(
        StaffNote(intake_id=intake_id, author_id=user_id, body=body[:MAX_NOTE], created_at=now)
    )
