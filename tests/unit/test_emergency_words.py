"""Emergencies in plain words (newcomer test): "i think im having a heart attack", "I think I'm
having a stroke", "i can't breathe" got "Sorry, I can't help with that" or the duration
question; an 80-year-old on the kitchen floor after a fall got "see a doctor today"; bare
"chest pain" was asked only the exertion question and booked."""

from __future__ import annotations

import pytest

from bot.screening import detect, regional_questions
from bot.warning_signs import staff_title

NOW = [
    ("i think im having a heart attack", "rf_chest_now"),
    ("is this a heart attack? chest is tight and my arm is numb", "rf_chest_now"),
    ("my husband is having a heart attack", "rf_chest_now"),
    ("it feels like a heart attack", "rf_chest_now"),
    ("I think I'm having a stroke", "rf_stroke"),
    ("is this a stroke??", "rf_stroke"),
    ("i can't breathe", "rf_breathing_now"),
    ("she's gasping for air", "rf_breathing_now"),
    ("my wife cant move her left arm and her words are coming out wrong", "rf_stroke"),
    ("Im 80, fell in the kitchen, cant get up, hip really hurts", "rf_fall_cant_get_up"),
    ("mum fell and she's still on the floor, her hip hurts", "rf_fall_cant_get_up"),
]  # fmt: skip


@pytest.mark.parametrize(("said", "slot"), NOW)
def test_an_emergency_in_plain_words_is_its_question_stated(said, slot):
    found = detect(said)
    assert slot in found.stated and found.mentions_warning_sign
    assert found.advice in ("call_911", "emergency")


@pytest.mark.parametrize("said", [
    "my dad had a heart attack in 2010, my knee hurts on stairs",
    "I had a stroke 5 years ago and my shoulder is stiff",
    "heart attack risk runs in my family",
    "I cant breathe through my nose when I have a cold",
    "I fell last month but I can get up fine, my wrist aches",
    "I can't get up the stairs without my knee hurting",
])  # fmt: skip
def test_a_past_or_ordinary_mention_is_no_emergency(said):
    assert detect(said).advice not in ("call_911", "emergency")


def test_every_chest_patient_is_asked_whether_the_pain_is_now():
    assert regional_questions([{"region": "chest", "side": None}])[:2] == [
        "rf_chest_now", "rf_chest_exertion"
    ]
    assert "rf_chest_now" not in regional_questions([{"region": "shoulder", "side": "left"}])


@pytest.mark.parametrize("label", ["breathing_difficulty", "fall_cant_get_up"])
def test_staff_read_what_was_said_and_the_advice(label):
    title = staff_title(label)
    assert title != label and ("911" in title or "emergency" in title)


def test_a_question_left_unanswered_reads_so_for_staff_with_no_advice():
    from bot.frontdesk.callback import LABEL_ADVICE, advice_level

    title = staff_title("fracture_signs_unanswered")
    assert title.startswith("No answer: Possible fracture") and "no advice given" in title
    assert "fracture_signs_unanswered" not in LABEL_ADVICE
    assert advice_level(["fracture_signs_unanswered"], False) is None


@pytest.mark.parametrize(("said", "told"), [
    ("I think I'm having a stroke", ["rf_stroke"]),
    ("i think im having a heart attack", ["rf_chest_now"]),
    ("i can't breathe", ["rf_breathing_now"]),
    ("my wife cant move her left arm and her words are coming out wrong", ["rf_stroke"]),
    ("I cant breathe when I run up hills", []),  # on exertion: its question, not 911 at once
    ("my face feels a bit numb", []),  # one stroke sign: its question first
    ("can't breathe? no, I'm fine", []),
])  # fmt: skip
def test_an_emergency_told_plainly_needs_no_confirming_question(said, told):
    from bot.screening import told_emergency

    assert told_emergency(detect(said)) == told


def test_an_emergency_told_plainly_gets_its_advice_from_the_first_message():
    from bot.intake.form import Turn, fill_intake_slots, required_slots

    slots = fill_intake_slots(Turn("I think I'm having a stroke", "report_warning_sign", 1.0, {}),
                              None, {})  # fmt: skip
    assert slots["rf_stroke"] is True and slots["red_flag_advice"] == "call_911"
    assert not [s for s in required_slots(slots) if slots.get(s) is None]  # nothing asked first


def test_why_at_a_911_question_says_it_can_be_an_emergency():
    import yaml

    from bot.screening_form import why_response
    from bot.settings import ROOT

    responses = yaml.safe_load((ROOT / "domain.yml").read_text())["responses"]
    assert why_response("rf_breathing_now") == "utter_screen_why_urgent"
    assert why_response("rf_fracture") == "utter_screen_why"
    assert "911" in responses["utter_screen_why_urgent"][0]["text"]
    for name in ("utter_after_urgent", "utter_after_urgent_question"):
        urgent = [v for v in responses[name] if v.get("condition")]
        assert urgent[0]["condition"][0] == {"type": "slot", "name": "red_flag_advice",
                                             "value": "call_911"}  # fmt: skip
        assert urgent[0]["text"].startswith("Please call 911 now")
