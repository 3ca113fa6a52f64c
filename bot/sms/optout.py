"""The opt-out registry: numbers that texted STOP get nothing more until they text START."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from bot.reminders.models import SmsOptOut
from bot.reminders.planning import cancel_for_phone, is_opted_out

__all__ = ["is_opted_out", "opt_in", "opt_out"]


def opt_out(session: Session, phone: str, keyword: str, now: dt.datetime) -> bool:
    """Record the opt-out and cancel the number's planned reminders; True if it is new."""
    row = session.get(SmsOptOut, phone)
    changed = row is None or not row.opted_out
    if row is None:
        row = SmsOptOut(phone=phone)
        session.add(row)
    if changed:
        row.opted_out, row.keyword, row.changed_at = True, keyword[:16], now
    cancel_for_phone(session, phone, now, "opted_out")
    session.flush()
    return changed


def opt_in(session: Session, phone: str, keyword: str, now: dt.datetime) -> bool:
    """Record that the number opted back in; True if it was opted out.

    Reminders cancelled by the opt-out stay cancelled: the next booking plans new ones.
    """
    row = session.get(SmsOptOut, phone)
    if row is None or not row.opted_out:
        return False
    row.opted_out, row.keyword, row.changed_at = False, keyword[:16], now
    session.flush()
    return True
