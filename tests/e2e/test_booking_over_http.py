"""Booking, checking and cancelling an assessment over REST with the real servers."""

from __future__ import annotations

import datetime as dt
import re
import uuid

import pytest
from sqlalchemy import text

from app.bootstrap import build_services
from bot import scheduling
from bot.db import make_engine
from bot.messaging.reminders.planning import reminder_times
from bot.settings import Settings
from tests.e2e.harness import Servers
from tests.screen import screen_answers

pytestmark = pytest.mark.e2e


def _sender() -> str:
    return f"web-{uuid.uuid4().hex[:10]}"


def _say(servers: Servers, me: str, message: str) -> str:
    return " ".join(servers.texts(me, message))


def _intake_to_offer(servers: Servers, me: str) -> str:
    _say(servers, me, "my right knee, about 4 months, stairs kill me")
    _say(servers, me, "6")
    for answer in screen_answers(message="my right knee, about 4 months, stairs kill me"):
        _say(servers, me, answer)
    return _say(servers, me, "yes")


def _query(servers: Servers, sql: str, **params):
    engine = make_engine(servers.database_url)
    with engine.connect() as conn:
        rows = conn.execute(text(sql), params).mappings().all()
    engine.dispose()
    return rows


def test_book_check_and_cancel_by_chat(servers):
    me = _sender()
    offer = _intake_to_offer(servers, me)
    assert "chronic pain assessment (60 minutes)" in offer
    assert "days or times suit you" in _say(servers, me, "yes")
    slots = _say(servers, me, "mornings")
    assert "1) " in slots and "2) " in slots and "3) " in slots and "AM with" in slots
    assert "name" in _say(servers, me, "2").lower()
    assert "phone" in _say(servers, me, "Sam Rivera").lower()
    assert "email" in _say(servers, me, "718 555 0142").lower()
    assert "text message" in _say(servers, me, "skip")
    confirmed = _say(servers, me, "yes")
    assert "You're booked" in confirmed and re.search(r"with (Dana|Marcus)", confirmed)
    code = re.search(r"booking code is ([A-Z0-9]{3}-[A-Z0-9]{3})", confirmed).group(1)
    assert re.search(rf"/calendar/{code}/\w+\.ics", confirmed)
    booking = _query(servers, "SELECT * FROM bookings WHERE code = :c", c=code)[0]
    assert booking["status"] == "booked" and booking["conversation_id"] == me
    assert booking["appointment_type_id"] == "chronic_assessment"
    reminders = _query(
        servers, "SELECT status FROM reminders WHERE booking_id = :b", b=booking["id"]
    )
    svc = build_services(Settings(database_url=servers.database_url))
    starts_at = booking["starts_at"]
    if isinstance(starts_at, str):
        starts_at = dt.datetime.fromisoformat(starts_at)
    if starts_at.tzinfo is None:
        starts_at = starts_at.replace(tzinfo=dt.timezone.utc)
    due = reminder_times(starts_at, svc.profile, svc.clock())  # 48 h and 2 h before, if ahead
    assert reminders and [r["status"] for r in reminders] == ["planned"] * len(due)
    assert code in _say(servers, me, "when is my appointment?")
    assert "Do you want to cancel" in _say(servers, me, "cancel my appointment")
    assert "is cancelled" in _say(servers, me, "yes")
    assert (
        _query(servers, "SELECT status FROM bookings WHERE code = :c", c=code)[0]["status"]
        == "cancelled"
    )


def test_a_slot_taken_a_second_earlier_gets_fresh_offers(servers):
    me = _sender()
    _intake_to_offer(servers, me)
    _say(servers, me, "yes")
    first_offer = _say(servers, me, "as soon as possible")
    first_line = re.search(r"1\) ([^\n]+?)(?= 2\) |\n)", first_offer).group(1)
    svc = build_services(Settings(database_url=servers.database_url))
    offered = scheduling.open_slots(
        svc.session_factory, svc.profile, svc.clock, "chronic_assessment", me
    )
    taken = next(s for s in offered if scheduling.format_slot(s, svc.profile) == first_line)
    scheduling.book(
        svc.session_factory,
        svc.profile,
        svc.clock,
        taken,
        scheduling.PatientDetails.create("Someone Else", "+12125550100"),
        conversation_id="another-visitor",
    )
    reply = _say(servers, me, "1")
    assert "someone booked that time a moment ago" in reply
    assert "1) " in reply and first_line not in reply


def test_cancel_from_a_new_chat_with_code_and_phone(servers):
    me = _sender()
    _intake_to_offer(servers, me)
    for message in ("yes", "afternoons", "1", "Ana Ruiz", "646 555 0100", "ana@example.com", "no"):
        reply = _say(servers, me, message)
    code = re.search(r"booking code is ([A-Z0-9]{3}-[A-Z0-9]{3})", reply).group(1)
    other = _sender()
    assert "booking code" in _say(servers, other, "I need to cancel my appointment").lower()
    assert "phone" in _say(servers, other, code.replace("-", "").lower()).lower()
    assert "Do you want to cancel" in _say(servers, other, "+1 646 555 0100")
    assert "is cancelled" in _say(servers, other, "yes")


def test_a_lookup_that_finds_nothing_asks_for_the_code_and_phone_once_more(servers):
    """Pass K: after "I couldn't find a booking ... Please check them", the corrected phone,
    sent alone, started an intake. The first miss asks for both again; a second says who can
    help, and the chat goes on (no fallback, no intake started by a phone number)."""
    me = _sender()
    _intake_to_offer(servers, me)
    for message in ("yes", "afternoons", "1", "Ana Ruiz", "646 555 0101", "ana@example.com", "no"):
        reply = _say(servers, me, message)
    code = re.search(r"booking code is ([A-Z0-9]{3}-[A-Z0-9]{3})", reply).group(1)
    other = _sender()
    assert "booking code" in _say(servers, other, "when is my appointment?").lower()
    _say(servers, other, code)
    retry = _say(servers, other, "646 555 0199")  # a typo in the phone
    assert "couldn't find" in retry and "booking code" in retry.lower(), retry
    assert "phone" in _say(servers, other, code).lower()
    found = _say(servers, other, "646 555 0101")
    assert "Your appointment is on" in found and code in found, found
    # twice wrong: who can help, once, and nothing asked that the patient did not start
    third = _sender()
    _say(servers, third, "cancel my appointment")
    _say(servers, third, "ZZZ-ZZZ")
    assert "Let's check them once more" in _say(servers, third, "646 555 0188")
    _say(servers, third, "ZZZ-ZZQ")
    last = _say(servers, third, "646 555 0188")
    assert "Please check them, or call us" in last and "once more" not in last, last
    assert "didn't understand" not in last


def test_a_code_given_as_people_give_it_finds_the_booking(servers):
    """Pass L: the code and phone in the first message got the pain questions; the code after
    "no code" got the fallback; the corrected phone alone was "no booking code"."""
    me = _sender()
    _intake_to_offer(servers, me)
    for message in ("yes", "afternoons", "1", "Ana Ruiz", "646 555 0102", "ana@example.com", "no"):
        reply = _say(servers, me, message)
    code = re.search(r"booking code is ([A-Z0-9]{3}-[A-Z0-9]{3})", reply).group(1)
    first = _say(servers, _sender(), f"when's my appointment? code {code}, phone 646 555 0102")
    assert "Your appointment is on" in first and code in first, first
    later = _sender()
    _say(servers, later, "when is my appointment")
    _say(servers, later, "no code")
    found = _say(servers, later, f"ok I found it: {code}")
    assert "phone number the booking was made with" in found, found
    assert "Your appointment is on" in _say(servers, later, "646 555 0102")
    corrected = _sender()
    _say(servers, corrected, "when is my appointment?")
    _say(servers, corrected, code)
    assert "once more" in _say(servers, corrected, "646 555 0199")
    asked = _say(servers, corrected, "646 555 0102")  # the number alone, first
    assert "booking code" in asked.lower() and "doesn't look like" not in asked, asked
    assert "Your appointment is on" in _say(servers, corrected, code)
