"""Incoming texts before the assistant: STOP/START/HELP, C confirms, R reschedules, rest flows."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.messaging.confirmations import confirmed_at
from bot.messaging.inbound import RESCHEDULE_INTENT, handle_inbound
from bot.messaging.keywords import keyword_of
from bot.messaging.optout import opt_out_state
from bot.messaging.reminders.queries import reminders_for_booking
from bot.messaging.reminders.worker import ReminderWorker, WorkerConfig

UTC = dt.timezone.utc
ANA = "+12125550123"


def test_stop_opts_out_once_then_silence_and_start_opts_back_in(
    session_factory, profile, clock, book_and_plan
):
    booking_id = book_and_plan(dt.datetime(2026, 12, 3, 11, 0))
    first = handle_inbound(session_factory, profile, clock, "(212) 555-0123", "STOP")
    assert first.phone == ANA and "unsubscribed" in first.reply and first.forward is None
    assert "START" in first.reply and "911" in first.reply  # the one text STOP allows
    assert {r.status for r in reminders_for_booking(session_factory, booking_id)} == {"cancelled"}
    again = handle_inbound(session_factory, profile, clock, ANA, "stop")
    assert again.reply is None  # one confirmation, then nothing
    # nothing said back, but the words reach the assistant, unanswered (pass K: crisis words
    # texted after STOP were lost)
    after = handle_inbound(session_factory, profile, clock, ANA, "I have pain")
    assert (after.reply, after.forward, after.silent) == (None, "I have pain", True)
    assert handle_inbound(session_factory, profile, clock, ANA, "C").reply is None
    help_reply = handle_inbound(session_factory, profile, clock, ANA, "HELP").reply
    assert "Bridge Street PT" in help_reply and profile.phone in help_reply
    back = handle_inbound(session_factory, profile, clock, ANA, "UNSTOP")
    assert back.reply and not opt_out_state(session_factory, ANA).opted_out
    # Back in: the upcoming visit's reminders are planned again.
    assert {r.status for r in reminders_for_booking(session_factory, booking_id)} == {"planned"}
    assert handle_inbound(session_factory, profile, clock, ANA, "hi").forward == "hi"


def test_every_stop_word_opts_out(session_factory, profile, clock):
    for i, word in enumerate(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"]):
        phone = f"+1212555014{i}"
        assert keyword_of(word) is not None
        assert handle_inbound(session_factory, profile, clock, phone, word).reply
        state = opt_out_state(session_factory, phone)
        assert state.opted_out and state.keyword == word


def test_c_confirms_the_next_booking(session_factory, profile, clock, book_and_plan):
    later = book_and_plan(dt.datetime(2026, 12, 4, 10, 0))
    sooner = book_and_plan(dt.datetime(2026, 12, 3, 11, 0))
    outcome = handle_inbound(session_factory, profile, clock, ANA, " c ")
    assert "Thu Dec 3 at 11:00 AM is confirmed" in outcome.reply
    assert confirmed_at(session_factory, sooner) == clock()
    assert confirmed_at(session_factory, later) is None
    assert handle_inbound(session_factory, profile, clock, ANA, "Confirm").reply  # idempotent


def test_c_without_a_booking_points_to_the_phone(session_factory, profile, clock):
    outcome = handle_inbound(session_factory, profile, clock, "+12125550188", "C")
    assert "no upcoming visit" in outcome.reply and profile.phone in outcome.reply


def test_r_and_free_text_go_to_the_assistant(session_factory, profile, clock):
    assert handle_inbound(session_factory, profile, clock, ANA, "R").forward == RESCHEDULE_INTENT
    assert handle_inbound(session_factory, profile, clock, ANA, "reschedule").forward == (
        RESCHEDULE_INTENT)
    outcome = handle_inbound(session_factory, profile, clock, ANA, " my knee hurts ")
    assert outcome.forward == "my knee hurts" and outcome.reply is None
    nobody = handle_inbound(session_factory, profile, clock, "not a number", "hi")
    assert nobody.phone is None and nobody.forward is None
    assert profile.phone in nobody.reply and "911" in nobody.reply  # never an empty answer


@pytest.mark.parametrize(
    ("sender", "e164"),
    [("+15555550123", "+15555550123"), ("+19999999999", "+19999999999"),
     ("+447700900123", "+447700900123"), ("+12125550123", "+12125550123")],
)  # fmt: skip
def test_a_text_from_a_number_the_metadata_does_not_know_reaches_the_assistant(
    session_factory, profile, clock, sender, e164
):
    """Patient newcomer test: texts from numbers `phonenumbers` judges invalid (test ranges, new
    ranges) got an empty reply, every time."""
    outcome = handle_inbound(session_factory, profile, clock, sender, "my knee hurts")
    assert outcome.phone == e164 and outcome.forward == "my knee hurts"


def test_stop_is_honoured_before_the_next_reminder(
    session_factory, profile, clock, book_and_plan, fake_twilio, twilio_gateway
):
    booking_id = book_and_plan(dt.datetime(2026, 12, 3, 11, 0))
    worker = ReminderWorker(session_factory, twilio_gateway, profile, clock,
                            WorkerConfig(worker_id="w"))
    clock.now = dt.datetime(2026, 12, 1, 16, 1, tzinfo=UTC)
    assert worker.run_once().sent == 1
    clock.advance(minutes=5)
    handle_inbound(session_factory, profile, clock, ANA, "STOP")
    clock.now = dt.datetime(2026, 12, 3, 14, 1, tzinfo=UTC)  # the 2-hour reminder is due
    assert worker.run_once().handled == 0
    statuses = [(r.status, r.cancel_reason) for r in reminders_for_booking(session_factory,
                                                                          booking_id)]
    assert statuses == [("sent", None), ("cancelled", "opted_out")]
    assert fake_twilio.created_count() == 1
