"""With the database down, an SMS keyword is not silently dropped and text still reaches Rasa."""

from __future__ import annotations

from types import SimpleNamespace

from channels.twilio_sms import _outcome_without_database

PROBLEM = "Sorry, we're having a technical problem. Please try again in a minute."
APP = SimpleNamespace(
    ctx=SimpleNamespace(
        agent=SimpleNamespace(
            domain=SimpleNamespace(responses={"utter_technical_problem": [{"text": PROBLEM}]})
        )
    )
)


def test_a_keyword_that_cannot_be_recorded_asks_to_try_again():
    for word in ("STOP", "stop", "C", "START"):
        outcome = _outcome_without_database(APP, "+17185550142", word)
        assert outcome.reply == PROBLEM and outcome.forward is None, word


def test_other_text_still_goes_to_the_assistant():
    outcome = _outcome_without_database(APP, "(718) 555-0142", "I want to kill myself")
    assert outcome.phone == "+17185550142" and outcome.forward == "I want to kill myself"
    assert _outcome_without_database(APP, "not a number", "hi").phone is None
