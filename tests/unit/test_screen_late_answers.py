"""Signs and answers that come late: after the advice (bot.screening_form.after_advice), after a
"no" (said_after_no), and a count of non-answers left from an earlier question (tries_at)."""

from __future__ import annotations

import pytest

from bot.contact import sender_phone
from bot.intake.answers import asks_for_diagnosis
from bot.screening import detect
from bot.screening_form import (
    GAVE_UP,
    after_advice,
    said_after_no,
    takes_back_answer,
    tries_at,
)

CARDIAC = {
    "pain_locations": [{"region": "shoulder", "side": "left"}], "warning_signs": ["cardiac"],
    "rf_chest_exertion": False, "rf_fever": True, "red_flag_advice": "doctor",
}  # fmt: skip
AFTER = [
    # (said after the advice, the slots then, the questions now yes, the advice now)
    ("now I'm coughing up blood and I can't breathe",
     {"warning_signs": ["dvt"], "rf_leg_clot": True, "red_flag_advice": "doctor_today"},
     {"rf_clot_breathing"}, "call_911"),
    ("now he has chest pain sitting still and he's sweating",
     {"warning_signs": ["cardiac"], "rf_chest_exertion": True, "red_flag_advice": "doctor_today"},
     {"rf_chest_now"}, "call_911"),
    ("my wife says my face is drooping on one side now",
     {"warning_signs": ["cervical_arterial"], "rf_neck_vascular": True,
      "red_flag_advice": "emergency"}, {"rf_stroke"}, "call_911"),
    ("my chest is crushing and the pain goes into my jaw, it started 30 minutes ago",
     {"rf_fever": True, "red_flag_advice": "doctor"}, {"rf_chest_now", "rf_chest_exertion"},
     "call_911"),
    # told after the advice, it is happening now (it got "see a doctor today": newcomer test)
    ("my chest is crushing and goes into my jaw", {"rf_fever": True, "red_flag_advice": "doctor"},
     {"rf_chest_now"}, "call_911"),
    # the patient's own region: a knee that can't bear weight now
    ("I can't put any weight on it now", {"pain_locations": [{"region": "knee", "side": "left"}],
     "rf_fever": True, "red_flag_advice": "doctor"}, {"rf_fracture"}, "doctor_today"),
    ("my jaw hurts when I walk uphill", {**CARDIAC}, {"rf_chest_exertion"}, "doctor_today"),
]  # fmt: skip


@pytest.mark.parametrize(("said", "slots", "yes", "level"), AFTER)
def test_a_worse_sign_after_the_advice_gets_its_advice_and_its_flags(said, slots, yes, level):
    """Patient newcomer tests: each got "follow the advice above", and staff kept the milder
    flag."""
    new, advice = after_advice(detect(said), slots)
    assert yes <= set(new) and advice == level


@pytest.mark.parametrize(
    ("said", "slots"),
    [("I feel a bit dizzy from worry", {"rf_fever": True, "red_flag_advice": "doctor"}),
     ("my back pain is severe now", {"rf_fever": True, "red_flag_advice": "doctor"}),
     ("ok thanks", {"rf_bladder_bowel": True, "red_flag_advice": "emergency"}),
     # the same sign again: nothing new, no weaker advice
     ("my calf is still swollen and hot", {"warning_signs": ["dvt"], "rf_leg_clot": True,
                                           "red_flag_advice": "doctor_today"}),
     # a condition of place and context only ("jaw + exertion") is no yes to any symptom, and
     # a question of no sign of this patient is none of theirs (review)
     ("my knee is swollen", {**CARDIAC}), ("I feel dizzy", {**CARDIAC}),
     ("I can't move my arm much", {"pain_locations": [{"region": "lower_back", "side": None}],
                                   "rf_fever": True, "red_flag_advice": "doctor"})],
)  # fmt: skip
def test_words_after_the_advice_that_need_no_more(said, slots):
    new, advice = after_advice(detect(said), slots)
    assert advice is None and not new


@pytest.mark.parametrize(
    ("said", "taken_back"),
    [("sorry I meant no, I pressed the wrong button", True), ("wrong button", True),
     ("I didn't mean yes", True), ("no I don't know what to do", False), ("ok", False)],
)  # fmt: skip
def test_an_answer_taken_back_after_the_advice_is_heard(said, taken_back):
    assert takes_back_answer(said) is taken_back


NO = {"rf_leg_clot": False, "rf_clot_breathing": False, "rf_weakness": False}


@pytest.mark.parametrize(
    ("said", "asked_again"),
    [("actually wait, I do get a bit breathless on the stairs", {"rf_clot_breathing"}),
     ("my legs have been getting weaker this week", {"rf_weakness"}),
     ("my calf is a bit swollen", {"rf_leg_clot"}),
     # a swelling without its place, or a no, asks nothing again (review)
     ("6, my knee is a bit swollen after gardening", set()),
     ("I'm not breathless at all", set()), ("walking and stairs", set())],
)  # fmt: skip
def test_a_questions_own_symptom_after_a_no_asks_it_again(said, asked_again):
    assert set(said_after_no(detect(said), NO)) == asked_again


def test_a_count_of_non_answers_from_an_earlier_question_does_not_carry_over():
    """Review: after a question was given up on, the next one's first non-answer was taken as
    "not sure" at once."""
    assert tries_at({"slot_followup": "rf_cancer_weight", "screen_tries": GAVE_UP},
                    "rf_cancer_weight") == 0  # fmt: skip
    assert tries_at({"slot_followup": "rf_fever", "screen_tries": 2}, "rf_fever") == 2
    assert tries_at({"slot_followup": None, "screen_tries": 2}, "rf_fever") == 0


@pytest.mark.parametrize(
    ("said", "sign"),
    [("Hi I'm Tia and my knee hurts", None), ("I had a TIA last week", "stroke"),
     ("I dropped my keys and bent to pick them up and my back went", None),
     ("she keeps dropping things", "myelopathy"),
     ("knee hurts since saturday, any advice? TIA", None), ("Can I book for friday? TIA :)", None),
     ("back pain for 3 weeks. Thanks TIA!", None), ("TIA, Mary", None),
     ("TIA yesterday", "stroke"), ("my TIA was in may", "stroke")],
)  # fmt: skip
def test_names_and_single_events_are_no_signs(said, sign):
    """Review: the name Tia was a stroke sign, "TIA" that signs off a message ("thanks in
    advance") too, and one dropped set of keys a myelopathy."""
    assert set(detect(said).triggered) == ({sign} if sign else set())


@pytest.mark.parametrize(
    ("said", "stated"),
    [("I can't stand on it for long at work", False), ("I can't take weight off it", False),
     ("she can't put any weight on it", True), ("he can't use his hand", True)],
)  # fmt: skip
def test_cant_bear_weight_or_use_it_is_the_fracture_question(said, stated):
    assert ("rf_fracture" in detect(said).stated) is stated


@pytest.mark.parametrize(
    ("said", "asks"),
    [("is it a torn meniscus though? just tell me yes or no", True),
     ("do I have arthritis?", True), ("is it serious?", True),
     ("do I have to bring anything?", False), ("is it a problem if I keep running?", False),
     ("could it be done over video?", False), ("what is it like at the clinic?", False)],
)  # fmt: skip
def test_a_question_about_what_the_pain_is(said, asks):
    assert asks_for_diagnosis(said) is asks


@pytest.mark.parametrize(
    ("sender", "e164"),
    [("555-0123", None), ("+15555550123", "+15555550123"), ("(212) 555-0123", "+12125550123"),
     ("not a number", None)],
)  # fmt: skip
def test_the_number_a_text_came_from(sender, e164):
    """A number possible only locally is no number to keep a chat under (review)."""
    assert sender_phone(sender) == e164
