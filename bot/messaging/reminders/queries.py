"""Read-only views of reminders for the staff console: a booking's texts and their states."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Dict, Iterable, List

from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from bot.db import unit_of_work
from bot.messaging.models import Reminder


@dataclass(frozen=True)
class ReminderView:
    id: int
    booking_id: int
    offset_minutes: int
    send_at: dt.datetime
    status: str  # planned, sending, sent, failed, cancelled
    attempts: int
    next_attempt_at: dt.datetime
    sent_at: dt.datetime | None
    provider_sid: str | None
    error_code: str | None
    error_message: str | None
    cancelled_at: dt.datetime | None
    cancel_reason: str | None

    @classmethod
    def of(cls, row: Reminder) -> ReminderView:
        return cls(
            id=row.id,
            booking_id=row.booking_id,
            offset_minutes=row.offset_minutes,
            send_at=row.send_at,
            status=row.status,
            attempts=row.attempts,
            next_attempt_at=row.next_attempt_at,
            sent_at=row.sent_at,
            provider_sid=row.provider_sid,
            error_code=row.error_code,
            error_message=row.error_message,
            cancelled_at=row.cancelled_at,
            cancel_reason=row.cancel_reason,
        )


def reminders_for_booking(factory: sessionmaker, booking_id: int) -> List[ReminderView]:
    """This booking's reminders, earliest first, in every status."""
    query = (
        select(Reminder)
        .where(Reminder.booking_id == booking_id)
        .order_by(Reminder.send_at, Reminder.id)
    )
    with unit_of_work(factory) as session:
        return [ReminderView.of(r) for r in session.execute(query).scalars()]


def reminders_for_bookings(
    factory: sessionmaker, booking_ids: Iterable[int]
) -> Dict[int, List[ReminderView]]:
    """`reminders_for_booking` for many bookings in one query; bookings without any are absent."""
    ids = sorted(set(booking_ids))
    if not ids:
        return {}
    query = (
        select(Reminder)
        .where(Reminder.booking_id.in_(ids))
        .order_by(Reminder.booking_id, Reminder.send_at, Reminder.id)
    )
    out: Dict[int, List[ReminderView]] = {}
    with unit_of_work(factory) as session:
        for row in session.execute(query).scalars():
            out.setdefault(row.booking_id, []).append(ReminderView.of(row))
    return out
