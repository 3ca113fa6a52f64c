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
