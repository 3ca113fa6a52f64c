"""Staff changes to a booking, each written to the audit log: cancel it, or move it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy.orm import sessionmaker

from bot import scheduling
from bot.clinic import ClinicProfile
from bot.db import unit_of_work
from bot.frontdesk import audit
from bot.scheduling.events import BookingEvents
from bot.scheduling.records import BookingView

Clock = Callable[[], dt.datetime]


def cancel_booking(
    factory: sessionmaker,
    clock: Clock,
    who: audit.Actor,
    booking: BookingView,
    *,
    events: BookingEvents,
) -> None:
    """Cancel `booking` for the patient. Raises `scheduling.SchedulingError` (started, gone)."""
    scheduling.cancel(factory, clock, booking.code, booking.phone, events=events)
    with unit_of_work(factory) as session:
        audit.record(
            session,
            who,
            "cancel_booking",
            clock(),
            intake_id=booking.intake_id,
            booking_code=booking.code,
        )


def reschedule_booking(
    factory: sessionmaker,
    profile: ClinicProfile,
    clock: Clock,
    who: audit.Actor,
    booking: BookingView,
    slot_key: str,
    *,
    events: BookingEvents,
) -> BookingView:
    """Move `booking` to the slot named by `slot_key`; returns the new booking.

    Raises `scheduling.SchedulingError` when the key is malformed or the time is gone.
    """
    slot = scheduling.Slot.from_key(slot_key)
    new = scheduling.reschedule(
        factory, profile, clock, booking.code, booking.phone, slot, events=events
    )
    with unit_of_work(factory) as session:
        audit.record(
            session,
            who,
            "reschedule_booking",
            clock(),
            intake_id=booking.intake_id,
            booking_code=new.code,
            detail=f"from booking {booking.code}",
        )
    return new
