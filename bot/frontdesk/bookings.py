"""Read side of bookings for the front desk (the booking domain itself lives in bot.scheduling)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, sessionmaker

from bot.intake.models import Intake
from bot.messaging.confirmations import confirmations
from bot.messaging.optout import OptOutState, opt_out_states
from bot.messaging.reminders.queries import ReminderView, reminders_for_bookings
from bot.scheduling.contact import normalize_code
from bot.scheduling.models import BOOKED, Booking, Patient
from bot.scheduling.records import BookingView


@dataclass(frozen=True)
class BookingTexts:
    """A booking's text messages as the front desk sees them: reminders, opt-out, confirmation."""

    reminders: list[ReminderView]
    opt_out: OptOutState
    confirmed_at: dt.datetime | None


def texts_for_bookings(
    factory: sessionmaker, views: Iterable[BookingView]
) -> dict[int, BookingTexts]:
    """The `BookingTexts` of each booking, by booking id, in three queries whatever the count."""
    views = list(views)
    ids = [v.id for v in views]
    reminders = reminders_for_bookings(factory, ids)
    opt_outs = opt_out_states(factory, [v.phone for v in views])
    confirmed = confirmations(factory, ids)
    return {
        v.id: BookingTexts(reminders.get(v.id, []), opt_outs[v.phone], confirmed.get(v.id))
        for v in views
    }


def bookings_for_intakes(session: Session, intakes: Iterable[Intake]) -> dict[int, BookingView]:
    """The current booking of each intake: a live one over a cancelled one, then the newest."""
    intakes = list(intakes)
    if not intakes:
        return {}
    by_conversation = {i.conversation_id: i.id for i in intakes}
    ids = [i.id for i in intakes]
    rows = session.execute(
        select(Booking, Patient)
        .join(Patient, Patient.id == Booking.patient_id)
        .where(or_(Booking.intake_id.in_(ids), Booking.conversation_id.in_(list(by_conversation))))
        .order_by(Booking.created_at, Booking.id)
    ).all()
    out: dict[int, BookingView] = {}
    for booking, patient in rows:
        intake_id = booking.intake_id or by_conversation.get(booking.conversation_id)
        if intake_id not in ids:
            continue
        current = out.get(intake_id)
        if current is None or booking.status == BOOKED or not current.is_booked:
            out[intake_id] = BookingView.of(booking, patient)
    return out


def intake_ids_for_code(session: Session, text: str) -> list[int]:
    """Intakes whose booking has this code (any case, dash optional)."""
    code = normalize_code(text)
    if code is None:
        return []
    rows = session.execute(
        select(Booking.intake_id, Booking.conversation_id).where(Booking.code == code)
    ).all()
    ids = {intake_id for intake_id, _ in rows if intake_id}
    conversations = [conv for intake_id, conv in rows if not intake_id and conv]
    if conversations:
        ids.update(
            session.scalars(select(Intake.id).where(Intake.conversation_id.in_(conversations)))
        )
    return sorted(ids)


def booking_by_id(session: Session, booking_id: int) -> BookingView | None:
    row = session.execute(
        select(Booking, Patient)
        .join(Patient, Patient.id == Booking.patient_id)
        .where(Booking.id == booking_id)
    ).first()
    return BookingView.of(*row) if row else None


def bookings_between(
    session: Session, start: dt.datetime, end: dt.datetime, include_cancelled: bool = False
) -> list[BookingView]:
    """Bookings starting in [start, end), by start time."""
    query = (
        select(Booking, Patient)
        .join(Patient, Patient.id == Booking.patient_id)
        .where(Booking.starts_at >= start, Booking.starts_at < end)
        .order_by(Booking.starts_at, Booking.therapist_id)
    )
    if not include_cancelled:
        query = query.where(Booking.status == BOOKED)
    return [BookingView.of(b, p) for b, p in session.execute(query)]
