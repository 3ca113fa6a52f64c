"""components.pain_talk: a message that names where it hurts is pain talk, never out of scope
("bk/chest ache + sweaty wen i jog, stops wen i rest" got "Sorry, I can't help with that")."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlp import extract
from components.language import MESSAGE_LANGUAGE
from components.pain_extractor import PAIN_EXTRACTION
from components.pain_talk import READ_AS_PAIN_FROM, PainTalkGuard


def _guarded(text: str, intent: str, **extra: object) -> Message:
    ranking = [{"name": intent, "confidence": 0.6}, {"name": "greet", "confidence": 0.1}]
    message = Message(data={TEXT: text, INTENT: ranking[0], **extra})
    message.set(INTENT_RANKING_KEY, ranking)
    message.set(PAIN_EXTRACTION, extract(text).to_dict())
    PainTalkGuard().process([message])
    return message


@pytest.mark.parametrize("text", [
    "bk/chest ache + sweaty wen i jog, stops wen i rest",
    "75, stiff low back mornings, loosens w walk, want exercises",
    "neck sore, hands numb, keep droppin stuff",
])  # fmt: skip
@pytest.mark.parametrize("intent", ["out_of_scope", "nlu_fallback"])
def test_a_place_read_as_out_of_scope_or_unclear_is_pain_talk(text, intent):
    message = _guarded(text, intent)
    assert message.get(INTENT)["name"] == "describe_pain"
    assert message.get(INTENT_RANKING_KEY)[0]["name"] == "describe_pain"
    assert message.get(READ_AS_PAIN_FROM) == intent


@pytest.mark.parametrize(("text", "intent"), [
    ("can I bring my dog?", "out_of_scope"),  # no place
    ("what's the weather like", "nlu_fallback"),
    ("my knee hurts", "faq"),  # any other reading stands
    ("my knee hurts", "greet"),
    ("/out_of_scope", "out_of_scope"),  # a button
])  # fmt: skip
def test_anything_else_keeps_its_reading(text, intent):
    assert _guarded(text, intent).get(INTENT)["name"] == intent


def test_a_message_in_another_language_keeps_its_notice():
    text = "my knee, me duele mucho la rodilla"
    message = _guarded(text, "out_of_scope", **{MESSAGE_LANGUAGE: "es"})
    assert message.get(INTENT)["name"] == "out_of_scope"


@pytest.mark.parametrize("text", [
    "something twanged in my calf when i jumped for a rebound, can i book",
    "my left shoulder has been sore for weeks, do you have anything friday",
])  # fmt: skip
@pytest.mark.parametrize("intent", ["check_booking", "reschedule_booking"])
def test_pain_talk_read_as_a_question_about_a_booking_is_pain_talk(text, intent):
    assert _guarded(text, intent).get(INTENT)["name"] == "describe_pain"


@pytest.mark.parametrize(("text", "intent"), [
    ("cancel my appointment, my back is too sore to come", "cancel_booking"),
    ("can I move my appt? my knee is swollen today", "reschedule_booking"),
    ("when is my next session for my shoulder", "check_booking"),
    ("cant make it tmrw, my back's flared up, can we swap to next week", "reschedule_booking"),
    ("wen is my apointment again, knee still sore", "check_booking"),
    ("what time am i in tmrw, knee's worse", "check_booking"),
])  # fmt: skip
def test_a_question_about_an_appointment_keeps_its_reading(text, intent):
    assert _guarded(text, intent).get(INTENT)["name"] == intent


@pytest.mark.parametrize("text", [
    "she did, twice", "its for my dad, his name is Walter", "it hurts to move",
])  # fmt: skip
@pytest.mark.parametrize("intent", ["check_booking", "cancel_booking"])
def test_a_statement_that_names_no_appointment_is_no_booking_question(text, intent):
    """Second patient newcomer test: each, typed at a question of the intake or the contact
    form, was asked for a booking code."""
    assert _guarded(text, intent).get(INTENT)["name"] == "describe_pain"


@pytest.mark.parametrize("text", ["when is it?", "what time am I in", "is it still on?"])
def test_a_question_keeps_its_booking_reading_without_an_appointment_word(text):
    assert _guarded(text, "check_booking").get(INTENT)["name"] == "check_booking"


@pytest.mark.parametrize("text", ["7-8", "5 - 6", "3–4/10", "8-9 out of 10"])
def test_a_score_range_alone_is_pain_talk(text):
    """Pass K: "7-8" at the score question got the generic fallback ("7 to 8" worked)."""
    assert _guarded(text, "nlu_fallback").get(INTENT)["name"] == "describe_pain"
    assert _guarded(text, "greet").get(INTENT)["name"] == "greet"  # only the fallback's


@pytest.mark.parametrize("text", ["2-3 weeks", "9-5", "10-12", "1-800-555-0199"])
def test_other_ranges_are_left_to_the_classifier(text):
    assert _guarded(text, "nlu_fallback").get(INTENT)["name"] == "nlu_fallback"
