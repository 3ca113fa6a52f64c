"""The booking confirmation as the patient reads it: a short block in the chat, one fact a line
with the calendar link alone on its own line, and at most two SMS segments by text."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import yaml

from bot.messaging.transport.gsm import segments, sms_text
from bot.scheduling.confirmation import confirmation_for
from bot.scheduling.links import CalendarLinks
from bot.scheduling.records import BookingView
from bot.settings import ROOT

SECRET = "test-secret-" + "k" * 40
# The default link base, and a public one of 30 characters (each character over it counts).
BASES = ("http://localhost:8000", "https://book.bridgestreetpt.us")
# The longest date and time words: Wednesday in September, a two-digit hour.
STARTS = [
    dt.datetime(2027, 9, 29, 16, 45, tzinfo=dt.timezone.utc),  # Wed, September 29, 12:45 PM
    dt.datetime(2026, 12, 1, 14, 0, tzinfo=dt.timezone.utc),  # Tue, December 1, 9:00 AM
]


def _variants() -> dict[str | None, str]:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    return {v.get("channel"): v["text"] for v in domain["responses"]["utter_booking_confirmed"]}


def _values(profile, starts: dt.datetime, base: str) -> dict[str, Any]:  # noqa: ANN001
    therapist = max(profile.therapists, key=lambda t: len(t.name))
    view = BookingView(
        id=1,
        code="K7Q-4MD",
        therapist_id=therapist.id,
        appointment_type_id="chronic_assessment",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=1),
        status="booked",
        patient_name="Sam Rivera",
        phone="+17185550142",
        email=None,
        sms_consent=True,
        conversation_id="c",
        intake_id=None,
        rescheduled_from=None,
        created_at=starts,
        cancelled_at=None,
    )
    url = CalendarLinks(base, SECRET).url(view.code)
    return {**confirmation_for(view, profile).as_dict(), "ics_url": url}


@pytest.mark.parametrize("starts", STARTS)
@pytest.mark.parametrize("base", BASES)
def test_chat_confirmation_is_a_short_block(profile, starts, base):
    values = _values(profile, starts, base)
    lines = _variants()[None].format(**values).split("\n")
    assert len(lines) <= 7
    assert lines[-1] == values["ics_url"]  # the link alone, never run into the text
    facts = {
        "date and time": f"When: {values['date']} at {values['time']}",
        "therapist": values["therapist"],
        "address": values["address"],
        "what to bring": values["what_to_bring"],
        "code": f"booking code is {values['code']}",  # as tests/e2e read it
    }
    for what, fact in facts.items():
        assert sum(fact in line for line in lines[:-1]) == 1, f"{what} on one line"
    assert all(len(line) <= 90 for line in lines[:-1]), "a line a phone shows in two rows at most"


@pytest.mark.parametrize("starts", STARTS)
@pytest.mark.parametrize("base", BASES)
def test_sms_confirmation_fits_two_texts(profile, starts, base):
    values = _values(profile, starts, base)
    text = sms_text(_variants()["twilio_sms"].format(**values))
    assert segments(text) <= 2, f"{len(text)} characters: {text!r}"
    for key in ("date", "time", "therapist", "address", "what_to_bring", "ics_url"):
        assert values[key] in text, key
    assert f"booking code is {values['code']}" in text
    assert text.split("\n")[-1] == values["ics_url"]
