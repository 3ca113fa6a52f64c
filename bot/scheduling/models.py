"""Tables of the booking domain: patients, bookings, holds and the cells that stop overlaps.

A booking or a live hold owns one `schedule_cells` row per slot-step cell it covers (appointment
plus buffer). The UNIQUE key on (therapist_id, cell_start) makes the database refuse a second
owner of any cell, so two overlapping bookings can't both commit, on SQLite or PostgreSQL.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)

from bot.db import Base, UTCDateTime, utcnow

BOOKED = "booked"
CANCELLED = "cancelled"
BOOKING_STATUSES = (BOOKED, CANCELLED)


class Patient(Base):
    __tablename__ = "patients"

    id = Column(Integer, primary_key=True)
    name = Column(String(200), nullable=False)
    phone = Column(String(20), nullable=False, index=True)  # E.164
    email = Column(String(320))
    sms_consent = Column(Boolean, nullable=False, default=False)
    sms_consent_at = Column(UTCDateTime())
    created_at = Column(UTCDateTime(), nullable=False, default=utcnow)


class Booking(Base):
    __tablename__ = "bookings"
    __table_args__ = (
        CheckConstraint("status IN ('booked', 'cancelled')", name="status"),
        Index("ix_bookings_therapist_starts", "therapist_id", "starts_at"),
    )

    id = Column(Integer, primary_key=True)
    code = Column(String(8), nullable=False, unique=True)
    patient_id = Column(Integer, ForeignKey("patients.id"), nullable=False, index=True)
    therapist_id = Column(String(64), nullable=False)
    appointment_type_id = Column(String(64), nullable=False)
    starts_at = Column(UTCDateTime(), nullable=False, index=True)
    ends_at = Column(UTCDateTime(), nullable=False)
    status = Column(String(16), nullable=False, default=BOOKED)
    intake_id = Column(Integer, ForeignKey("intakes.id", ondelete="SET NULL"), index=True)
    conversation_id = Column(String(255), index=True)
    created_at = Column(UTCDateTime(), nullable=False, default=utcnow)
    cancelled_at = Column(UTCDateTime())
    rescheduled_from = Column(Integer, ForeignKey("bookings.id"))


class Hold(Base):
    """A slot kept for one conversation while the patient gives their details."""

    __tablename__ = "holds"

    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(255), nullable=False, index=True)
    therapist_id = Column(String(64), nullable=False)
    appointment_type_id = Column(String(64), nullable=False)
    starts_at = Column(UTCDateTime(), nullable=False)
    ends_at = Column(UTCDateTime(), nullable=False)
    expires_at = Column(UTCDateTime(), nullable=False, index=True)
    created_at = Column(UTCDateTime(), nullable=False, default=utcnow)


class ScheduleCell(Base):
    """One slot-step cell of one therapist's time, owned by exactly one booking or hold."""

    __tablename__ = "schedule_cells"
    __table_args__ = (
        UniqueConstraint("therapist_id", "cell_start", name="uq_schedule_cells_therapist_cell"),
        CheckConstraint("(booking_id IS NULL) <> (hold_id IS NULL)", name="one_owner"),
    )

    id = Column(Integer, primary_key=True)
    therapist_id = Column(String(64), nullable=False)
    cell_start = Column(UTCDateTime(), nullable=False)
    booking_id = Column(Integer, ForeignKey("bookings.id", ondelete="CASCADE"), index=True)
    hold_id = Column(Integer, ForeignKey("holds.id", ondelete="CASCADE"), index=True)
    # Copied from the hold, so expired cells are found without a join; NULL for bookings.
    expires_at = Column(UTCDateTime())
