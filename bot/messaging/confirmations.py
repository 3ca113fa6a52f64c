"""Text confirmations: a patient replies C to confirm their next visit, and staff see when."""

from __future__ import annotations

import datetime as dt
from typing import Dict, Iterable

from sqlalchemy import Column, ForeignKey, Integer, String, select
from sqlalchemy.orm import Session, sessionmaker

from bot.db import Base, UTCDateTime, unit_of_work
from bot.scheduling.models import BOOKED, Booking, Patient


class SmsConfirmation(Base):
    """A patient confirmed a booking by replying C to a text."""

    __tablename__ = "sms_confirmations"

    id = Column(Integer, primary_key=True)
    booking_id = Column(
        Integer, ForeignKey("bookings.id", ondelete="CASCADE"), nullable=False, unique=True
    )
    phone = Column(String(20), nullable=False)
    confirmed_at = Column(UTCDateTime(), nullable=False)


def confirm_next_visit(session: Session, phone: str, now: dt.datetime) -> dt.datetime | None:
    """Record that `phone` confirmed its next upcoming booking (once); when it starts, or None."""
    booking = session.execute(
        select(Booking)
        .join(Patient, Patient.id == Booking.patient_id)
        .where(Patient.phone == phone, Booking.status == BOOKED, Booking.starts_at > now)
        .order_by(Booking.starts_at)
        .limit(1)
    ).scalar()
    if booking is None:
        return None
    exists = session.execute(
        select(SmsConfirmation.id).where(SmsConfirmation.booking_id == booking.id)
    ).first()
    if not exists:
        session.add(SmsConfirmation(booking_id=booking.id, phone=phone, confirmed_at=now))
    return booking.starts_at


def confirmed_at(factory: sessionmaker, booking_id: int) -> dt.datetime | None:
    """When the patient confirmed this booking by text, or None."""
    query = select(SmsConfirmation.confirmed_at).where(SmsConfirmation.booking_id == booking_id)
    with unit_of_work(factory) as session:
        return session.execute(query).scalar()


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
