"""components.booking_code: a message that gives a booking code is a look-up (pass L: "64S-X2C"
after "no code" got the fallback; "my code is GR6-G7Z" as a first message, the pain questions)."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.scheduling.contact import code_in_message
from components.booking_code import BookingCodeReader


def _read(text: str, intent: str) -> Message:
    ranking = [{"name": intent, "confidence": 0.6}, {"name": "greet", "confidence": 0.1}]
    message = Message(data={TEXT: text, INTENT: ranking[0]})
    message.set(INTENT_RANKING_KEY, ranking)
    BookingCodeReader().process([message])
    return message


@pytest.mark.parametrize(("text", "intent"), [
    ("64S-X2C", "nlu_fallback"), ("my code is GR6-G7Z", "describe_pain"),
    ("ok I found it: 64S-X2C", "affirm"), ("gr6 g7z", "describe_pain"), ("ABC-DEF", "greet"),
])  # fmt: skip
def test_a_code_is_a_look_up(text, intent):
    message = _read(text, intent)
    assert message.get(INTENT) == {"name": "check_booking", "confidence": 1.0}
    assert [r["name"] for r in message.get(INTENT_RANKING_KEY)][:2] == ["check_booking", intent]


@pytest.mark.parametrize(("text", "intent"), [
    ("hi, I want to cancel my appointment GR6-G7Z", "cancel_booking"),  # its own intent
    ("yes yes", "affirm"), ("cramps", "describe_pain"), ("9am-5pm", "choose_slot"),
    ("2wk-3wk", "describe_pain"), ("abc-def", "nlu_fallback"), ("646 555 0123", "inform"),
    ("/affirm", "affirm"), ("I've had it 3 weeks", "describe_pain"),
])  # fmt: skip
def test_words_times_and_other_intents_are_left_alone(text, intent):
    assert _read(text, intent).get(INTENT)["name"] == intent


def test_the_code_is_read_from_the_message():
    assert code_in_message("when is my appointment? code gr6-g7z") == "GR6-G7Z"
    assert code_in_message("booking 2 weeks ago") is None


def test_in_the_pipelines_order_the_code_stays_a_look_up():
    """Review: placed before the pain-talk guard, the reader's check_booking was turned back into
    describe_pain ("64S-X2C", "my code is GR6-G7Z"). Run as config.yml orders them."""
    import yaml

    from bot.nlp import extract
    from components.pain_extractor import PAIN_EXTRACTION
    from components.pain_talk import PainTalkGuard

    with open("config.yml", encoding="utf-8") as f:
        names = [c["name"] for c in yaml.safe_load(f)["pipeline"]]
    reader = names.index("components.booking_code.BookingCodeReader")
    assert names.index("components.pain_talk.PainTalkGuard") < reader
    assert reader < names.index("components.warning_signs.WarningSignGuard")
    for text in ("64S-X2C", "my code is GR6-G7Z", "ok I found it: 64S-X2C", "booking ref 64S X2C"):
        ranking = [{"name": "describe_pain", "confidence": 0.9}]
        message = Message(data={TEXT: text, INTENT: ranking[0]})
        message.set(INTENT_RANKING_KEY, ranking)
        message.set(PAIN_EXTRACTION, extract(text).to_dict())
        PainTalkGuard().process([message])
        BookingCodeReader().process([message])
        assert message.get(INTENT)["name"] == "check_booking", text


@pytest.mark.parametrize("text", [
    "appointment on the 2nd please", "my knee hurts, I had an appointment with ortho on the 4th",
    "cancel my appointment on the 3rd", "Wed 4pm", "yes GR6 G7Z maybe", "9am-5pm",
])
def test_dates_and_times_are_no_code(text):
    """Review: "the 2nd" and "tue 3rd" were codes THE-2ND and TUE-3RD, and "appointment on the
    2nd please" became a look-up."""
    assert code_in_message(text) is None
    assert _read(text, "request_booking").get(INTENT)["name"] == "request_booking"
