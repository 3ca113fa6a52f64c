"""The booking_emails table and its two halves: queue in the booking's transaction, send after.

A booking, cancel or reschedule queues its email in the same transaction (so the email exists
exactly when the change does); `deliver_due` sends what is due afterwards. A failed send leaves
the booking as it is: the row is retried with a doubling delay, and after `MAX_ATTEMPTS`, or a
permanent refusal, it stays `failed` with its error for staff (`failed_emails`).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage

from sqlalchemy import Column, ForeignKey, Index, Integer, String, Text, select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.clinic import ClinicProfile
from bot.db import Base, UTCDateTime, unit_of_work, utcnow
from bot.messaging.email.compose import BOOKED, CANCELLED, RESCHEDULED, compose
from bot.messaging.email.gateway import MailGateway, MailSendError, OutgoingEmail
from bot.scheduling.events import BookingEvents
from bot.scheduling.models import Booking, Patient
from bot.scheduling.records import BookingView

log = logging.getLogger(__name__)

PENDING, SENDING, SENT, FAILED = "pending", "sending", "sent", "failed"
MAX_ATTEMPTS = 6
RETRY_BASE = dt.timedelta(minutes=1)  # doubles each attempt: 1, 2, 4, 8, 16 minutes
LEASE = dt.timedelta(minutes=2)  # a claim older than this (a crashed sender) is due again


class BookingEmail(Base):
    __tablename__ = "booking_emails"
    __table_args__ = (Index("ix_booking_emails_status_next_attempt", "status", "next_attempt_at"),)

    id = Column(Integer, primary_key=True)
    booking_id = Column(
        Integer, ForeignKey("bookings.id", ondelete="CASCADE"), nullable=False, index=True
    )
    kind = Column(String(16), nullable=False)  # booked, rescheduled, cancelled
    sender = Column(String(320), nullable=False)
    to_address = Column(String(320), nullable=False)
    message = Column(Text, nullable=False)  # the whole RFC 5322 message, attachments included
    message_id = Column(String(255), nullable=False, unique=True)
    status = Column(String(16), nullable=False, default=PENDING)
    attempts = Column(Integer, nullable=False, default=0)
    next_attempt_at = Column(UTCDateTime(), nullable=False)
    last_error = Column(String(255))  # the failure's kind and SMTP code, never the address
    created_at = Column(UTCDateTime(), nullable=False, default=utcnow)
    sent_at = Column(UTCDateTime())


def _view(session: Session, booking: Booking) -> BookingView:
    return BookingView.of(booking, session.get(Patient, booking.patient_id))


def _queue(
    session: Session, kind: str, booking: BookingView, message: EmailMessage, now: dt.datetime
) -> None:
    session.add(
        BookingEmail(
            booking_id=booking.id,
            kind=kind,
            sender=message["From"].addresses[0].addr_spec,
            to_address=booking.email,
            message=message.as_string(),
            message_id=message["Message-ID"],
            status=PENDING,
            attempts=0,
            next_attempt_at=now,
            created_at=now,
        )
    )


def email_events(
    profile: ClinicProfile, calendar_url: Callable[[str], str], sender: str
) -> BookingEvents:
    """Hooks that queue the booked, rescheduled and cancelled emails (for patients with an email).

    A reschedule fires `cancelled` for the old booking, then `booked` for the new one: the new
    one's hook replaces the old one's queued cancellation with a single "moved" email.
    """

    def booked(session: Session, booking: Booking, now: dt.datetime) -> None:
        view = _view(session, booking)
        if not view.email:
            return
        previous = None
        if booking.rescheduled_from:
            session.flush()
            session.execute(
                BookingEmail.__table__.delete().where(
                    BookingEmail.booking_id == booking.rescheduled_from,
                    BookingEmail.kind == CANCELLED,
                    BookingEmail.status == PENDING,
                )
            )
            previous = _view(session, session.get(Booking, booking.rescheduled_from))
        kind = RESCHEDULED if previous else BOOKED
        message = compose(kind, view, profile, calendar_url(view.code), sender, previous)
        _queue(session, kind, view, message, now)

    def cancelled(session: Session, booking: Booking, now: dt.datetime) -> None:
        view = _view(session, booking)
        if view.email:
            message = compose(CANCELLED, view, profile, calendar_url(view.code), sender)
            _queue(session, CANCELLED, view, message, now)

    return BookingEvents(booked=booked, cancelled=cancelled)


@dataclass(frozen=True)
class DeliveryStats:
    sent: int = 0
    retrying: int = 0
    failed: int = 0


def _claim(factory: sessionmaker, email_id: int, now: dt.datetime) -> OutgoingEmail | None:
    """Take one due row for this sender (status `sending`, a lease); None if another took it."""
    with unit_of_work(factory) as session:
        taken = session.execute(
            update(BookingEmail)
            .where(
                BookingEmail.id == email_id,
                BookingEmail.status.in_((PENDING, SENDING)),
                BookingEmail.next_attempt_at <= now,
            )
            .values(status=SENDING, next_attempt_at=now + LEASE)
            .execution_options(synchronize_session=False)
        ).rowcount
        if taken != 1:
            return None
        row = session.get(BookingEmail, email_id)
        return OutgoingEmail(row.sender, row.to_address, row.message, row.message_id)


def _record(
    factory: sessionmaker, email_id: int, now: dt.datetime, error: MailSendError | None
) -> str:
    with unit_of_work(factory) as session:
        row = session.get(BookingEmail, email_id)
        row.attempts += 1
        if error is None:
            row.status, row.sent_at, row.last_error = SENT, now, None
        elif error.transient and row.attempts < MAX_ATTEMPTS:
            row.status, row.last_error = PENDING, str(error)[:255]
            row.next_attempt_at = now + RETRY_BASE * 2 ** (row.attempts - 1)
        else:
            row.status, row.last_error = FAILED, str(error)[:255]
        if error is not None:
            log.warning(
                "Booking email %s (%s, booking %s) not sent, attempt %d: %s; now %s",
                row.id,
                row.kind,
                row.booking_id,
                row.attempts,
                error,
                row.status,
            )
        return row.status


def deliver_due(
    factory: sessionmaker, gateway: MailGateway, clock: Callable[[], dt.datetime], limit: int = 20
) -> DeliveryStats:
    """Send up to `limit` due emails (new ones and retries), oldest first; never raises for a
    failed send (it is recorded on the row). Database errors propagate."""
    now = clock()
    with unit_of_work(factory) as session:
        due = list(
            session.execute(
                select(BookingEmail.id)
                .where(
                    BookingEmail.status.in_((PENDING, SENDING)),
                    BookingEmail.next_attempt_at <= now,
                )
                .order_by(BookingEmail.id)
                .limit(limit)
            ).scalars()
        )
    counts = {SENT: 0, PENDING: 0, FAILED: 0}
    for email_id in due:
        email = _claim(factory, email_id, now)
        if email is None:
            continue
        error = None
        try:
            gateway.send(email)
        except MailSendError as err:
            error = err
        except Exception as err:  # noqa: BLE001 - a gateway bug must not strand the other rows
            error = MailSendError(f"unexpected {type(err).__name__}", transient=True)
        counts[_record(factory, email_id, clock(), error)] += 1
    return DeliveryStats(sent=counts[SENT], retrying=counts[PENDING], failed=counts[FAILED])


def failed_emails(factory: sessionmaker) -> list[tuple[int, str, str]]:
    """(booking id, kind, last error) of every email that gave up, for staff to follow up."""
    query = select(BookingEmail.booking_id, BookingEmail.kind, BookingEmail.last_error).where(
        BookingEmail.status == FAILED
    )
    with unit_of_work(factory) as session:
        return [tuple(row) for row in session.execute(query)]
