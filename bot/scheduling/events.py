"""What other features do when a booking changes, handed in by the bootstrap (no imports of them).

The booking services call these inside their own transaction, so whatever a hook writes (the
reminders, in this product) commits with the booking or not at all. `app.bootstrap` wires them
to the reminders; tests of scheduling alone use `NO_EVENTS`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from bot.scheduling.models import Booking

# (session, booking, now): the booking is flushed (it has its id) and not yet committed.
BookingHook = Callable[[Session, Booking, dt.datetime], None]


def _nothing(session: Session, booking: Booking, now: dt.datetime) -> None:
    return None


@dataclass(frozen=True)
class BookingEvents:
    booked: BookingHook = _nothing  # a new booking, also the new one of a reschedule
    cancelled: BookingHook = _nothing  # cancelled, also the old one of a reschedule


NO_EVENTS = BookingEvents()
