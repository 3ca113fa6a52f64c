"""Reading bookings back: by code and phone, by conversation, by code alone (signed links)."""

from __future__ import annotations

import datetime as dt
from typing import List

from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from bot.db import unit_of_work
from bot.scheduling.contact import normalize_code
from bot.scheduling.errors import BookingNotFound
from bot.scheduling.models import BOOKED, Booking, Patient
from bot.scheduling.records import BookingView
from bot.scheduling.store import find_booking_row


def find_booking(factory: sessionmaker, code: str, phone: str) -> BookingView | None:
    """The booking with this code (any case, dash optional) and phone (any format), or None."""
    with unit_of_work(factory) as session:
        try:
            booking, patient = find_booking_row(session, code, phone)
        except BookingNotFound:
            return None
        return BookingView.of(booking, patient)


def bookings_for_conversation(
    factory: sessionmaker,
    conversation_id: str,
    upcoming_after: dt.datetime | None = None,
    include_cancelled: bool = False,
) -> List[BookingView]:
    """This conversation's bookings by start time; pass `upcoming_after=clock()` for future ones."""
    query = (
        select(Booking, Patient)
        .join(Patient, Patient.id == Booking.patient_id)
        .where(Booking.conversation_id == conversation_id)
        .order_by(Booking.starts_at)
    )
    if upcoming_after is not None:
        query = query.where(Booking.starts_at > upcoming_after)
    if not include_cancelled:
        query = query.where(Booking.status == BOOKED)
    with unit_of_work(factory) as session:
        return [BookingView.of(b, p) for b, p in session.execute(query).all()]


def booking_by_code(factory: sessionmaker, code: str) -> BookingView | None:
    """The booking with this code, for links that were signed for it (the calendar file)."""
    wanted = normalize_code(code)
    if not wanted:
        return None
    with unit_of_work(factory) as session:
        row = session.execute(
            select(Booking, Patient)
            .join(Patient, Patient.id == Booking.patient_id)
            .where(Booking.code == wanted)
        ).first()
        return BookingView.of(row[0], row[1]) if row else None
