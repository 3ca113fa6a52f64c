"""Booking emails end to end: queued with the booking, sent through a real SMTP server
(aiosmtpd on 127.0.0.1), retried when the server is away, given up on when it refuses."""

from __future__ import annotations

import datetime as dt
import email
import logging
import socket
from collections.abc import Iterator
from email.message import EmailMessage
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from icalendar import Calendar
from sqlalchemy import select

from app.bootstrap import Services, make_mail_gateway
from bot.db import unit_of_work
from bot.messaging.email.gateway import MailSendError, OutgoingEmail, SmtpConfig, SmtpGateway
from bot.messaging.email.outbox import FAILED, PENDING, SENT, BookingEmail, failed_emails
from bot.scheduling import PatientDetails, book, cancel, open_slots, reschedule
from bot.scheduling.links import CalendarLinks
from bot.settings import Settings

pytest_plugins = ["tests.integration.conftest_scheduling"]

ANA = PatientDetails.create("Ana Ruiz", "(212) 555-0199", "ana@example.org", sms_consent=True)
BEN = PatientDetails.create("Ben Ode", "+1 646 555 0100")
LINKS = CalendarLinks("https://clinic.example.com", "test-secret-" + "k" * 40)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Inbox:
    """An aiosmtpd handler that keeps what it is sent, or refuses recipients with `refuse`."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], EmailMessage]] = []
        self.refuse: str | None = None
        self.logins: list[tuple[bytes, bytes]] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: ANN001, N802
        if self.refuse:
            return self.refuse
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: ANN001, N802
        parsed = email.message_from_bytes(envelope.content, policy=default_policy)
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), parsed))
        return "250 Message accepted for delivery"

    def authenticate(self, server, session, envelope, mechanism, auth_data):  # noqa: ANN001
        if isinstance(auth_data, LoginPassword):
            self.logins.append((auth_data.login, auth_data.password))
            ok = auth_data.password == b"s3cret"
            return AuthResult(success=ok, handled=ok)
        return AuthResult(success=False, handled=False)


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, int]]:
    handler = Inbox()
    port = _free_port()
    controller = Controller(
        handler,
        hostname="127.0.0.1",
        port=port,
        authenticator=handler.authenticate,
        auth_require_tls=False,
    )
    controller.start()
    yield handler, port
    controller.stop()


def _services(factory, profile, clock, port: int, **smtp) -> Services:  # noqa: ANN001
    env = {
        "EMAIL_GATEWAY": "smtp",
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(port),
        "MAIL_FROM": "frontdesk@bridgestreetpt.example",
        **smtp,
    }
    settings = Settings.from_env(env)
    return Services(
        settings,
        profile,
        factory,
        clock,
        calendar_links=LINKS,
        mail_gateway=make_mail_gateway(settings),
    )


def _first(svc: Services):  # noqa: ANN202
    tomorrow = svc.clock() + dt.timedelta(days=1)
    slots = open_slots(svc.session_factory, svc.profile, svc.clock, "chronic_assessment")
    return next(s for s in slots if s.starts_at > tomorrow)


def _book(svc: Services, patient: PatientDetails = ANA, conversation: str = "c1"):  # noqa: ANN202
    return book(
        svc.session_factory,
        svc.profile,
        svc.clock,
        _first(svc),
        patient,
        conversation_id=conversation,
        events=svc.booking_events,
    )


def _rows(svc: Services) -> list[BookingEmail]:
    with unit_of_work(svc.session_factory) as session:
        rows = session.execute(select(BookingEmail).order_by(BookingEmail.id)).scalars().all()
        session.expunge_all()
        return rows


def _text(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")


def _calendars(message: EmailMessage) -> list[Calendar]:
    return [
        Calendar.from_ical(part.get_payload(decode=True))
        for part in message.iter_attachments()
        if part.get_content_type() == "text/calendar"
    ]


def test_confirmation_email_carries_the_booking_and_its_ics(
    sched_factory, sched_profile, sched_clock, inbox, caplog
):
    handler, port = inbox
    svc = _services(sched_factory, sched_profile, sched_clock, port)
    booking = _book(svc)
    assert [r.status for r in _rows(svc)] == [PENDING]  # queued with the booking
    with caplog.at_level(logging.INFO):
        stats = svc.send_booking_emails()
    assert stats is not None and stats.sent == 1
    ((mail_from, rcpt, message),) = handler.messages
    assert mail_from == "frontdesk@bridgestreetpt.example" and rcpt == ["ana@example.org"]
    text = _text(message)
    local = booking.starts_at.astimezone(sched_profile.tz)
    therapist = sched_profile.therapist(booking.therapist_id).name
    for fact in (
        f"{local:%A, %B} {local.day}",
        f"{local:%-I:%M %p}",
        therapist,
        sched_profile.address,
        sched_profile.what_to_bring,
        booking.code,
        LINKS.url(booking.code),
    ):
        assert fact in text, fact
    assert f"\n{LINKS.url(booking.code)}\n" in text  # the link alone on its line
    # No health details: nothing about the appointment type or pain.
    appointment = next(t for t in sched_profile.appointment_types if t.id == "chronic_assessment")
    assert appointment.name.lower() not in text.lower() and "pain" not in text.lower()
    (calendar,) = _calendars(message)
    event = calendar.walk("VEVENT")[0]
    assert str(event["status"]) == "CONFIRMED" and booking.code in str(event["uid"])
    assert event.decoded("dtstart") == booking.starts_at
    assert _rows(svc)[0].status == SENT
    ours = [r for r in caplog.records if r.name.startswith(("bot.", "app."))]
    assert ours, "the send is logged"
    logged = " ".join(r.getMessage() for r in ours)
    # never the address or the number (a message id may hold any digits, even "555")
    assert "ana@example.org" not in logged and "555-0199" not in logged
    assert ANA.phone not in logged and ANA.phone[-7:] not in logged
    assert svc.send_booking_emails().sent == 0  # sent once only


def test_cancel_sends_a_cancellation_and_reschedule_one_moved_email(
    sched_factory, sched_profile, sched_clock, inbox
):
    handler, port = inbox
    svc = _services(sched_factory, sched_profile, sched_clock, port)
    first = _book(svc)
    later = _first(svc)
    moved = reschedule(
        svc.session_factory,
        svc.profile,
        svc.clock,
        first.code,
        ANA.phone,
        later,
        "c1",
        events=svc.booking_events,
    )
    cancel(svc.session_factory, svc.clock, moved.code, ANA.phone, events=svc.booking_events)
    assert [r.kind for r in _rows(svc)] == ["booked", "rescheduled", "cancelled"]
    assert svc.send_booking_emails().sent == 3
    booked, rescheduled, cancelled = (m for _, _, m in handler.messages)
    assert "Moved" in rescheduled["Subject"] and moved.code in _text(rescheduled)
    new_ics, old_ics = _calendars(rescheduled)
    assert str(new_ics.walk("VEVENT")[0]["status"]) == "CONFIRMED"
    assert str(old_ics.walk("VEVENT")[0]["status"]) == "CANCELLED"
    assert first.code in str(old_ics.walk("VEVENT")[0]["uid"])
    assert "Cancelled" in cancelled["Subject"] and moved.code in _text(cancelled)
    assert str(_calendars(cancelled)[0].walk("VEVENT")[0]["status"]) == "CANCELLED"


def test_no_email_address_queues_nothing(sched_factory, sched_profile, sched_clock, inbox):
    svc = _services(sched_factory, sched_profile, sched_clock, inbox[1])
    _book(svc, BEN, "c2")
    assert _rows(svc) == [] and svc.send_booking_emails().sent == 0


def test_server_away_keeps_the_booking_and_retries(sched_factory, sched_profile, sched_clock):
    port = _free_port()  # nothing listens here yet
    svc = _services(sched_factory, sched_profile, sched_clock, port, SMTP_TIMEOUT_SECONDS="2")
    booking = _book(svc)
    stats = svc.send_booking_emails()
    assert stats.sent == 0 and stats.retrying == 1
    (row,) = _rows(svc)
    assert row.status == PENDING and row.attempts == 1
    assert "ConnectionRefusedError" in row.last_error
    assert row.next_attempt_at > sched_clock()
    assert svc.send_booking_emails().sent == 0  # not due yet
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        sched_clock.advance(minutes=1)
        assert svc.send_booking_emails().sent == 1
    finally:
        controller.stop()
    assert booking.code in _text(handler.messages[0][2])
    assert _rows(svc)[0].status == SENT and _rows(svc)[0].attempts == 2


def test_a_refused_recipient_is_failed_for_staff(sched_factory, sched_profile, sched_clock, inbox):
    handler, port = inbox
    handler.refuse = "550 5.1.1 No such user"
    svc = _services(sched_factory, sched_profile, sched_clock, port)
    booking = _book(svc)
    assert svc.send_booking_emails().failed == 1
    (row,) = _rows(svc)
    assert row.status == FAILED and "550" in row.last_error
    assert failed_emails(svc.session_factory) == [(booking.id, "booked", row.last_error)]


def test_smtp_login_uses_the_configured_user(inbox):
    handler, port = inbox
    good = SmtpGateway(SmtpConfig("127.0.0.1", port, "clinic", "s3cret"))
    bad = SmtpGateway(SmtpConfig("127.0.0.1", port, "clinic", "wrong"))
    mail = OutgoingEmail("a@b.example", "c@d.example", "Subject: hi\n\nhello\n", "<1@b.example>")
    good.send(mail)
    with pytest.raises(MailSendError) as refused:
        bad.send(mail)
    assert not refused.value.transient and "535" in str(refused.value)
    assert handler.logins[0] == (b"clinic", b"s3cret")
    assert set(handler.logins[1:]) == {(b"clinic", b"wrong")}  # smtplib tries each mechanism
    assert len(handler.messages) == 1


def test_the_reminder_worker_sends_what_the_chat_left_queued(
    sched_factory, sched_profile, sched_clock, inbox
):
    from app.reminders import housekeeping

    handler, port = inbox
    svc = _services(sched_factory, sched_profile, sched_clock, port)
    booking = _book(svc)  # the turn ended before its action sent the email (a crash, say)
    for job in housekeeping(svc):
        job()
    assert _rows(svc)[0].status == SENT
    assert booking.code in _text(handler.messages[0][2])
