"""Read-only views for the staff console: a booking's reminders and a number's opt-out state."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Dict, Iterable, List

from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from bot.contact import normalize_phone
from bot.db import unit_of_work
from bot.reminders.models import Reminder, SmsConfirmation, SmsOptOut


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


@dataclass(frozen=True)
class OptOutState:
    phone: str
    opted_out: bool
    keyword: str | None = None  # the word that set it: STOP, START, carrier (Twilio 21610)
    changed_at: dt.datetime | None = None


def reminders_for_booking(factory: sessionmaker, booking_id: int) -> List[ReminderView]:
    """This booking's reminders, earliest first, in every status."""
    query = (
        select(Reminder)
        .where(Reminder.booking_id == booking_id)
        .order_by(Reminder.send_at, Reminder.id)
    )
    with unit_of_work(factory) as session:
        return [ReminderView.of(r) for r in session.execute(query).scalars()]


def opt_out_state(factory: sessionmaker, phone: str) -> OptOutState:
    """Whether texts to `phone` (any format) are stopped; never-seen numbers are opted in."""
    e164 = normalize_phone(phone) or phone
    with unit_of_work(factory) as session:
        row = session.get(SmsOptOut, e164)
        if row is None:
            return OptOutState(e164, False)
        return OptOutState(e164, row.opted_out, row.keyword, row.changed_at)


def confirmed_at(factory: sessionmaker, booking_id: int) -> dt.datetime | None:
    """When the patient confirmed this booking by text, or None."""
    query = select(SmsConfirmation.confirmed_at).where(SmsConfirmation.booking_id == booking_id)
    with unit_of_work(factory) as session:
        return session.execute(query).scalar()


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


def opt_out_states(factory: sessionmaker, phones: Iterable[str]) -> Dict[str, OptOutState]:
    """`opt_out_state` for many numbers in one query, keyed by the numbers as given."""
    e164 = {phone: normalize_phone(phone) or phone for phone in set(phones)}
    if not e164:
        return {}
    query = select(SmsOptOut).where(SmsOptOut.phone.in_(sorted(set(e164.values()))))
    with unit_of_work(factory) as session:
        rows = {row.phone: row for row in session.execute(query).scalars()}
        return {
            phone: (
                OptOutState(number, row.opted_out, row.keyword, row.changed_at)
                if (row := rows.get(number))
                else OptOutState(number, False)
            )
            for phone, number in e164.items()
        }


def confirmations(factory: sessionmaker, booking_ids: Iterable[int]) -> Dict[int, dt.datetime]:
    """When each of these bookings was confirmed by text; unconfirmed ones are absent."""
    ids = sorted(set(booking_ids))
    if not ids:
        return {}
    query = select(SmsConfirmation.booking_id, SmsConfirmation.confirmed_at).where(
        SmsConfirmation.booking_id.in_(ids)
    )
    with unit_of_work(factory) as session:
        return {booking_id: at for booking_id, at in session.execute(query)}
