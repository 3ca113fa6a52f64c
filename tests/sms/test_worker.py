"""The worker in-process against the fake Twilio server: sends once, retries, stops for good."""

from __future__ import annotations

import datetime as dt
import json
import logging

from sqlalchemy import select, update

from bot.db import unit_of_work
from bot.messaging.models import Reminder
from bot.messaging.optout import opt_out, opt_out_state
from bot.messaging.reminders.queries import reminders_for_booking
from bot.messaging.reminders.worker import ReminderWorker, WorkerConfig, WorkerStats
from bot.messaging.transport.gateway import ConsoleGateway, SmsMessage
from bot.scheduling.models import Booking

UTC = dt.timezone.utc


def worker(factory, gateway, profile, clock, **config):
    return ReminderWorker(factory, gateway, profile, clock, WorkerConfig(worker_id="w1", **config))


def rows(factory):
    with unit_of_work(factory) as session:
        return {r.id: r for r in session.execute(select(Reminder)).scalars()}


def test_sends_due_reminders_once_and_records_the_sid(
    session_factory, profile, clock, book_and_plan, fake_twilio, twilio_gateway
):
    booking_id = book_and_plan(dt.datetime(2026, 12, 3, 11, 0))
    w = worker(session_factory, twilio_gateway, profile, clock)
    assert w.run_once().sent == 0  # nothing due yet
    clock.now = dt.datetime(2026, 12, 1, 16, 0, 30, tzinfo=UTC)  # 48-hour reminder due
    assert w.run_once().sent == 1
    assert w.run_once().sent == 0
    first, second = reminders_for_booking(session_factory, booking_id)
    assert first.status == "sent" and second.status == "planned"
    assert first.provider_sid in fake_twilio.messages
    message = fake_twilio.messages[first.provider_sid]
    assert message["to"] == "+12125550123" and message["from"] == "+17185550100"
    assert "Thu Dec 3 at 11:00 AM" in message["body"]
    clock.now = dt.datetime(2026, 12, 3, 14, 1, tzinfo=UTC)
    assert w.run_once().sent == 1
    assert fake_twilio.created_count() == 2
    assert {r.status for r in reminders_for_booking(session_factory, booking_id)} == {"sent"}


def test_5xx_429_and_timeouts_retry_with_exponential_backoff(
    session_factory, profile, clock, due_reminders, fake_twilio, twilio_gateway
):
    [rid] = due_reminders(session_factory, profile, 1, clock())
    w = worker(session_factory, twilio_gateway, profile, clock,
               retry_base=dt.timedelta(seconds=60), retry_max=dt.timedelta(hours=1))
    fake_twilio.fail_next(500, None)
    fake_twilio.fail_next(429, 20429)
    stats = w.run_once()
    assert stats.retried == 1 and stats.sent == 0
    r = rows(session_factory)[rid]
    assert r.status == "planned" and r.attempts == 1 and r.error_message == "HTTP 500"
    first_delay = r.next_attempt_at - clock()
    assert dt.timedelta(seconds=60) <= first_delay <= dt.timedelta(seconds=72)
    assert w.run_once().handled == 0  # not due before next_attempt_at
    clock.now = r.next_attempt_at
    assert w.run_once().retried == 1
    r = rows(session_factory)[rid]
    assert r.error_code == "20429" and r.attempts == 2
    assert dt.timedelta(seconds=120) <= r.next_attempt_at - clock() <= dt.timedelta(seconds=144)
    # A timeout: the server answers after the client (2 s) gave up.
    fake_twilio.delay = 2.5
    clock.now = r.next_attempt_at
    assert w.run_once().retried == 1
    r = rows(session_factory)[rid]
    assert r.error_message == "ReadTimeout" and r.attempts == 3
    fake_twilio.delay = 0
    clock.now = r.next_attempt_at
    assert w.run_once().sent == 1
    r = rows(session_factory)[rid]
    assert r.status == "sent" and r.error_message is None
    # The timed-out attempt reached the server too; the shared key kept it to one message.
    assert fake_twilio.created_count() == 1
    assert len({p["idempotency_key"] for p in fake_twilio.posts}) == 1


def test_retries_stop_after_max_attempts(
    session_factory, profile, clock, due_reminders, fake_twilio, twilio_gateway
):
    [rid] = due_reminders(session_factory, profile, 1, clock())
    w = worker(session_factory, twilio_gateway, profile, clock, max_attempts=3,
               retry_base=dt.timedelta(seconds=1))
    fake_twilio.fail_next(503, None, times=5)
    for _ in range(3):
        w.run_once()
        clock.advance(minutes=5)
    r = rows(session_factory)[rid]
    assert r.status == "failed" and r.attempts == 3


def test_invalid_number_fails_for_good(
    session_factory, profile, clock, due_reminders, fake_twilio, twilio_gateway
):
    [rid] = due_reminders(session_factory, profile, 1, clock(), phone_for=lambda i: "+12125550199")
    fake_twilio.fail_to["+12125550199"] = (400, 21211)
    stats = worker(session_factory, twilio_gateway, profile, clock).run_once()
    assert stats.failed == 1
    r = rows(session_factory)[rid]
    assert (r.status, r.error_code, r.error_message) == ("failed", "21211", "HTTP 400 error 21211")
    clock.advance(hours=2)
    assert worker(session_factory, twilio_gateway, profile, clock).run_once().handled == 0
    assert len(fake_twilio.posts) == 1


def test_unsubscribed_21610_fails_and_opts_the_number_out(
    session_factory, profile, clock, due_reminders, fake_twilio, twilio_gateway
):
    ids = due_reminders(session_factory, profile, 3, clock(), phone_for=lambda i: "+12125550177")
    fake_twilio.fail_to["+12125550177"] = (400, 21610)
    stats = worker(session_factory, twilio_gateway, profile, clock, batch=1).run_once()
    assert stats.failed == 1 and stats.sent == 0
    statuses = sorted(rows(session_factory)[i].status for i in ids)
    assert statuses == ["cancelled", "cancelled", "failed"]
    state = opt_out_state(session_factory, "+12125550177")
    assert state.opted_out and state.keyword == "carrier"
    assert len(fake_twilio.posts) == 1


def test_opted_out_and_cancelled_bookings_are_skipped_and_cancelled(
    session_factory, profile, clock, due_reminders, fake_twilio, twilio_gateway
):
    ids = due_reminders(session_factory, profile, 3, clock())
    w = worker(session_factory, twilio_gateway, profile, clock)
    claims = w.claim_batch()  # claimed, then the patient texts STOP before the send
    booking_id = rows(session_factory)[ids[1]].booking_id
    with unit_of_work(session_factory) as session:
        opt_out(session, rows(session_factory)[ids[0]].phone, "STOP", clock())
        session.execute(update(Booking).where(Booking.id == booking_id).values(status="cancelled"))
    stats = WorkerStats()
    for claim in claims:
        w.deliver(claim, stats)
    assert (stats.sent, stats.cancelled) == (1, 2)
    r = rows(session_factory)
    assert (r[ids[0]].status, r[ids[0]].cancel_reason) == ("cancelled", "opted_out")
    assert (r[ids[1]].status, r[ids[1]].cancel_reason) == ("cancelled", "booking_cancelled")
    assert r[ids[2]].status == "sent"
    assert fake_twilio.created_count() == 1


def test_expired_lease_is_retried_with_the_same_key(
    session_factory, profile, clock, due_reminders, fake_twilio, twilio_gateway
):
    """A worker claimed and sent, then died before recording: the next one resends, the
    provider sees the same key, and one message exists."""
    [rid] = due_reminders(session_factory, profile, 1, clock())
    crashed = worker(session_factory, twilio_gateway, profile, clock,
                     lease=dt.timedelta(seconds=60))
    [claim] = crashed.claim_batch()
    key = rows(session_factory)[rid].idempotency_key
    twilio_gateway.send(SmsMessage(rows(session_factory)[rid].phone, "x", key))  # the lost send
    other = worker(session_factory, twilio_gateway, profile, clock)
    assert other.run_once().handled == 0  # the lease still holds
    clock.advance(seconds=61)
    assert other.run_once().sent == 1
    r = rows(session_factory)[rid]
    assert r.status == "sent" and r.attempts == 2
    assert fake_twilio.created_count() == 1
    assert r.provider_sid == fake_twilio.by_key[key]
    # The crashed worker wakes up: its claim is gone, so it neither sends nor overwrites.
    stats = WorkerStats()
    crashed.deliver(claim, stats)
    assert stats.handled == 0 and len(fake_twilio.posts) == 2


def test_quiet_hours_defer_a_late_reminder_to_the_morning(
    session_factory, profile, clock, due_reminders, fake_twilio, twilio_gateway
):
    clock.now = dt.datetime(2026, 12, 1, 3, 0, tzinfo=UTC)  # 22:00 in New York
    [rid] = due_reminders(session_factory, profile, 1, clock())
    stats = worker(session_factory, twilio_gateway, profile, clock).run_once()
    assert stats.deferred == 1 and fake_twilio.posts == []
    r = rows(session_factory)[rid]
    assert r.status == "planned" and r.attempts == 0
    assert r.next_attempt_at == dt.datetime(2026, 12, 1, 13, 0, tzinfo=UTC)  # 8:00


def test_console_gateway_logs_masked_writes_outbox_and_dedupes(tmp_path, caplog):
    outbox = tmp_path / "var" / "sms-outbox.jsonl"
    gateway = ConsoleGateway(outbox)
    with caplog.at_level(logging.INFO):
        first = gateway.send(SmsMessage("+12125550123", "Hello", "key-1"))
        again = gateway.send(SmsMessage("+12125550123", "Hello", "key-1"))
        gateway.send(SmsMessage("+12125550123", "Other", "key-2"))
    assert first.sid == again.sid and again.status == "duplicate"
    lines = [json.loads(line) for line in outbox.read_text().splitlines()]
    assert [e["body"] for e in lines] == ["Hello", "Other"]
    assert lines[0]["to"] == "+12125550123"
    info = " ".join(r.getMessage() for r in caplog.records if r.levelno >= logging.INFO)
    assert "5550123" not in info and "23" in info


def test_no_phone_numbers_in_info_logs_of_the_twilio_path(
    session_factory, profile, clock, due_reminders, fake_twilio, twilio_gateway, caplog
):
    due_reminders(session_factory, profile, 2, clock(), phone_for=lambda i: f"+1212555016{i}")
    fake_twilio.fail_to["+12125550160"] = (400, 21211)
    with caplog.at_level(logging.DEBUG):
        worker(session_factory, twilio_gateway, profile, clock).run_once()
    info = " ".join(r.getMessage() for r in caplog.records if r.levelno >= logging.INFO)
    assert "555016" not in info and "2125550" not in info
