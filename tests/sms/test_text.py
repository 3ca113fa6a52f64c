"""The reminder text: one GSM-7 segment, the keywords, a long clinic name shortened, no health."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.messaging.keywords import Keyword, keyword_of
from bot.messaging.reminders.text import KEYWORDS, reminder_text
from bot.messaging.transport.gsm import fits_one_segment, gsm7_length, is_gsm7, shorten, to_gsm7

UTC = dt.timezone.utc
WHEN = dt.datetime(2026, 12, 1, 14, 0, tzinfo=UTC)  # Tue 9:00 AM in New York


def test_gsm7_checker_counts_extension_characters_twice():
    assert is_gsm7("Hello @ £ é ñ ü")
    assert gsm7_length("{[€]}") == 10
    assert not is_gsm7("emoji 🙂")
    assert not is_gsm7("curly ’quote’")
    with pytest.raises(ValueError):
        gsm7_length("ł")
    assert fits_one_segment("a" * 160)
    assert not fits_one_segment("a" * 159 + "€")


def test_to_gsm7_and_shorten():
    assert to_gsm7("Łódź Physio – “Core”…") == "Lodz Physio - \"Core\"..."
    assert shorten("Bridge Street Strength and Physical Therapy", 20) == "Bridge Street"


def test_default_clinic_reminder_fits_with_day_time_and_keywords(profile):
    text = reminder_text(WHEN, profile)
    assert text.startswith("Bridge Street PT: ")
    assert "Tue Dec 1 at 9:00 AM" in text
    assert text.endswith(KEYWORDS)
    assert "Reply C to confirm, R to reschedule, STOP to opt out" in text
    assert fits_one_segment(text)


def test_no_health_or_clinical_details_in_the_text(profile):
    text = reminder_text(WHEN, profile).lower()
    for detail in ["assessment", "injury", "pain", "chronic", "acute", "dana", "priya", "marcus"]:
        assert detail not in text


@pytest.mark.parametrize(
    "name",
    [
        "The Extraordinarily Long Named Northern Brooklyn Centre for Strength, Mobility "
        "and Physical Therapy Excellence",
        "Łódź & Kraków Physiotherapy Centre — Über-Long Name With Many Non GSM Characters ✓",
        "X" * 300,
    ],
)
def test_long_or_non_gsm_clinic_name_is_shortened_to_one_segment(profile, name):
    long_profile = profile.copy(update={"name": name, "short_name": None})
    text = reminder_text(dt.datetime(2026, 12, 30, 22, 45, tzinfo=UTC), long_profile)
    assert is_gsm7(text)
    assert gsm7_length(text) <= 160
    assert text.endswith(KEYWORDS)
    assert "Wed Dec 30 at 5:45 PM" in text


def test_keywords_are_whole_messages_only():
    assert keyword_of(" stop ") is Keyword.STOP
    assert keyword_of("StopAll") is Keyword.STOP
    for word in ("UNSUBSCRIBE", "cancel", "End", "quit"):
        assert keyword_of(word) is Keyword.STOP
    assert keyword_of("unstop") is Keyword.START
    assert keyword_of("START") is Keyword.START
    assert keyword_of("help?") is Keyword.HELP
    assert keyword_of("c") is Keyword.CONFIRM
    assert keyword_of("Confirm!") is Keyword.CONFIRM
    assert keyword_of("R.") is Keyword.RESCHEDULE
    assert keyword_of("reschedule") is Keyword.RESCHEDULE
    assert keyword_of("please stop the pain") is None
    assert keyword_of("my back hurts") is None
    assert keyword_of("") is None
