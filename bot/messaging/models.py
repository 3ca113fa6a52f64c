"""The reminders table: one row per text that is planned, being sent, sent, failed or cancelled.

A reminder row is the only copy of "text this patient later": nothing lives in Rasa's
in-memory scheduler, so a restart loses nothing. The worker claims a row by moving it from
`planned` to `sending` with a lease; see `bot.messaging.reminders.worker`.
"""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)

from bot.db import Base, UTCDateTime, utcnow

PLANNED = "planned"
SENDING = "sending"
SENT = "sent"
FAILED = "failed"
CANCELLED = "cancelled"
REMINDER_STATUSES = (PLANNED, SENDING, SENT, FAILED, CANCELLED)


class Reminder(Base):
    __tablename__ = "reminders"
    __table_args__ = (
        CheckConstraint(
            "status IN ('planned', 'sending', 'sent', 'failed', 'cancelled')", name="status"
        ),
        UniqueConstraint("booking_id", "offset_minutes", name="uq_reminders_booking_offset"),
        Index("ix_reminders_status_next_attempt", "status", "next_attempt_at"),
    )

    id = Column(Integer, primary_key=True)
    booking_id = Column(
        Integer, ForeignKey("bookings.id", ondelete="CASCADE"), nullable=False, index=True
    )
    phone = Column(String(20), nullable=False, index=True)  # E.164, copied from the patient
    offset_minutes = Column(Integer, nullable=False)  # before the appointment, as configured
    send_at = Column(UTCDateTime(), nullable=False)  # after the quiet-hours move
    body = Column(Text, nullable=False)
    status = Column(String(16), nullable=False, default=PLANNED)
    attempts = Column(Integer, nullable=False, default=0)
    next_attempt_at = Column(UTCDateTime(), nullable=False)
    claimed_by = Column(String(64))
    claim_token = Column(String(36))
    lease_until = Column(UTCDateTime())
    # Sent with every attempt, so a resend after a crash is recognisable as the same message.
    idempotency_key = Column(String(64), nullable=False, unique=True)
    provider_sid = Column(String(64))
    error_code = Column(String(16))
    error_message = Column(String(255))
    created_at = Column(UTCDateTime(), nullable=False, default=utcnow)
    sent_at = Column(UTCDateTime())
    cancelled_at = Column(UTCDateTime())
    cancel_reason = Column(String(32))
