"""What staff do to an intake: mark it reviewed, record the call back, add notes."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from bot.frontdesk.models import IntakeFollowUp, StaffNote
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


def record_call_back(session: Session, intake_id: int, user_id: int, now: dt.datetime) -> bool:
    """The patient was called: unpin the intake. Calling implies reading it, so it is reviewed."""
    intake, followup = _intake_and_followup(session, intake_id)
    if followup.called_back_at is not None:
        return False
    followup.called_back_at = now
    followup.called_back_by_id = user_id
    if intake.reviewed_at is None:
        intake.reviewed_at = now
        followup.reviewed_by_id = user_id
    return True


def add_note(session: Session, intake_id: int, user_id: int, body: str, now: dt.datetime) -> None:
    if session.get(Intake, intake_id) is None:
        raise NotFound(intake_id)
    body = body.strip()
    if not body:
        raise ValueError("a note cannot be empty")
    session.add(
        StaffNote(intake_id=intake_id, author_id=user_id, body=body[:MAX_NOTE], created_at=now)
    )
