"""The opt-out registry: numbers that texted STOP get nothing more until they text START."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.clinic import ClinicProfile
from bot.reminders.models import SmsOptOut
from bot.reminders.planning import cancel_for_phone, is_opted_out, plan_for_booking
from bot.scheduling.models import BOOKED, Booking, Patient

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


def opt_in(
    session: Session,
    phone: str,
    keyword: str,
    now: dt.datetime,
    profile: ClinicProfile | None = None,
) -> bool:
    """Record that the number opted back in; True if it was opted out.

    With the clinic profile, the reminders of the number's upcoming bookings (with SMS consent)
    are planned again: a patient who texts START expects their next visit's reminders.
    """
    row = session.get(SmsOptOut, phone)
    if row is None or not row.opted_out:
        return False
    row.opted_out, row.keyword, row.changed_at = False, keyword[:16], now
    session.flush()
    if profile is not None:
        upcoming = session.execute(
            select(Booking)
            .join(Patient, Patient.id == Booking.patient_id)
            .where(Patient.phone == phone, Booking.status == BOOKED, Booking.starts_at > now)
        ).scalars()
        for booking in upcoming:
            plan_for_booking(session, booking, profile, now)
    return True
