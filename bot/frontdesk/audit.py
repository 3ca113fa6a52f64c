"""The audit log: who viewed or changed which intake or booking, and when."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.frontdesk.models import AuditEntry

ACTIONS = {
    "login": "Logged in",
    "logout": "Logged out",
    "login_failed": "Failed login",
    "account_locked": "Account locked",
    "login_throttled": "Too many failed logins from one address",
    "unlock_account": "Unlocked account",
    "view_intake": "Viewed intake",
    "mark_reviewed": "Marked reviewed",
    "undo_reviewed": "Marked not reviewed",
    "called_back": "Recorded call back",
    "add_note": "Added note",
    "edit_contact": "Corrected contact details",
    "cancel_booking": "Cancelled booking",
    "reschedule_booking": "Rescheduled booking",
    "export_csv": "Exported CSV",
    "export_fhir": "Exported FHIR",
    "api_intake": "Read intake (API)",
}
PAGE_SIZE = 100


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    username: str


def record(
    session: Session,
    actor: Actor,
    action: str,
    now: dt.datetime,
    intake_id: int | None = None,
    booking_code: str | None = None,
    detail: str | None = None,
) -> None:
    """Add one entry. `detail` is for ids and ranges only, never health details or phones."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    session.add(
        AuditEntry(
            at=now,
            user_id=actor.user_id,
            username=actor.username[:80],
            action=action,
            intake_id=intake_id,
            booking_code=booking_code,
            detail=(detail or None) and detail[:200],
        )
    )


def entries(
    session: Session, intake_id: int | None = None, username: str = "", page: int = 1
) -> tuple[list[AuditEntry], int]:
    """Newest first, optionally for one intake or one user; with the number of pages."""
    conds = []
    if intake_id is not None:
        conds.append(AuditEntry.intake_id == intake_id)
    if username:
        conds.append(AuditEntry.username == username.strip().lower())
    total = session.scalar(select(func.count()).select_from(AuditEntry).where(*conds)) or 0
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(1, page), pages)
    rows = session.scalars(
        select(AuditEntry)
        .where(*conds)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    ).all()
    return list(rows), pages
