"""Greetings and thanks are never an answer: the text test, and the booking form's use of it."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from bot.scheduling.booking_form import is_booking_digression
from bot.small_talk import is_greeting_or_thanks
from tests.unit.scheduling.conftest import make_profile


@pytest.mark.parametrize(
    "text",
    ["hi", "Hello!", "hey there", "good morning", "thanks", "Thank you!", "ok thanks",
     "thank you so much", "cheers", "hi again"],
)  # fmt: skip
def test_greetings_and_thanks_are_small_talk(text):
    assert is_greeting_or_thanks(text)


@pytest.mark.parametrize(
    "text",
    ["", "Dana Reyes", "Ty", "no thanks", "hi, my knee hurts", "good mornings",
     "when is my appointment?", "thanks, mornings please", "6"],
)  # fmt: skip
def test_anything_more_is_not_small_talk(text):
    assert not is_greeting_or_thanks(text)


def _svc() -> SimpleNamespace:
    return SimpleNamespace(profile=make_profile(), clock=lambda: dt.datetime(2026, 3, 2, 9, 0))


@pytest.mark.parametrize("requested", ["patient_name", "booking_preference", "sms_consent"])
@pytest.mark.parametrize("text,intent", [("thanks", "thank"), ("thank you", "thank"),
                                         ("hi", "greet"), ("hello", "describe_pain")])
def test_small_talk_at_a_booking_question_is_for_the_rules(requested, text, intent):
    # Even a classifier that is unsure, or reads "hello" as something else.
    assert is_booking_digression(_svc(), requested, text, intent, 0.3)


@pytest.mark.parametrize(
    "requested,text", [("patient_name", "Dana Reyes"), ("booking_preference", "mornings"),
                       ("booking_preference", "good mornings")],
)  # fmt: skip
def test_real_answers_stay_answers(requested, text):
    assert not is_booking_digression(_svc(), requested, text, "greet", 0.9)
