"""Signs and answers that come late: after the advice (bot.screening_form.after_advice), after a
"no" (said_after_no), and a count of non-answers left from an earlier question (tries_at)."""

from __future__ import annotations

import pytest

from bot.contact import sender_phone
from bot.intake.answers import asks_for_diagnosis
from bot.screening import detect, told_emergency
from bot.screening_form import (
    GAVE_UP,
    after_advice,
    asks_to_call_911,
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
     ("could it be done over video?", False), ("what is it like at the clinic?", False),
     # the warning signs' own names (third newcomer pass)
     ("do i have a dvt", True), ("could it be a blood clot?", True), ("is this a stroke", True),
     ("do I have a herniated disc", True), ("do i have an appointment tomorrow?", False),
     ("do I have to stop running?", False)],
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


@pytest.mark.parametrize(
    ("said", "sign", "slots"),
    [("back pain and i havent been able to pee since yesterday", "cauda_equina",
      {"rf_bladder_bowel"}),
     ("pain in my spine at nite that never goes away, ive been sweating buckets at night and "
      "lost a ton of weight", "night_pain_systemic", {"rf_night_systemic", "rf_cancer_weight"}),
     ("elbow is massive, red and hot, i feel shivery and awful", "septic_joint",
      {"rf_joint_infection"}),
     ("slipped on ice, my wrist is bent at a weird angle and its numb", "deformity",
      {"rf_fracture"}),
     ("my finger is pointing the wrong way after the ball hit it", "deformity", {"rf_fracture"}),
     ("struggling to get air in, lips going blue", "breathing_difficulty", {"rf_breathing_now"}),
     ("cant catch my breath at all", "breathing_difficulty", {"rf_breathing_now"}),
     ("worst headach of my life", "thunderclap_headache", set()),
     # second newcomer pass: coughing up blood was no sign anywhere, and a leak said at the
     # activities question was kept as the answer
     ("i was coughing up blood this morning and my ribs hurt", "coughing_blood",
      {"rf_coughing_blood"}),
     ("blood in my phlegm since monday", "coughing_blood", {"rf_coughing_blood"}),
     ("no... well sort of, i leaked a bit", "cauda_equina", {"rf_bladder_bowel"}),
     ("btw I've been really short of breath since yesterday", "breathing_difficulty", set())],
)  # fmt: skip
def test_signs_in_everyday_words_open_their_screen(said, sign, slots):
    """Seventh newcomer pass: each was booked with no staff flag, or asked the form's questions
    first (a retention, night sweats with weight loss, a hot swollen elbow with shivers, a bent
    wrist, lips going blue, a misspelt headache)."""
    found = detect(said)
    assert sign in found.triggered and slots <= set(found.stated), found


@pytest.mark.parametrize(
    "said", ["heart attack", "HEART ATTACK!!", "help heart attack", "stroke", "stroke help",
             "struggling to get air in, lips going blue", "my husband just collapsed",
             "dad just collapsed in the garden", "she isnt responding", "i cant wake her up",
             # second newcomer pass: each was asked of the writer ("Are you struggling to
             # breathe?"), or got the pain intake, and an honest "no" cleared it
             "hes not breathing", "my husband fell down the stairs and isnt moving",
             "hmm my dad is having chest pain and sweating right now, what do i do"],
)  # fmt: skip
def test_an_emergency_named_alone_gets_the_advice_at_once(said):
    """Seventh newcomer pass: "heart attack" or "stroke" alone, as a first message or at a
    safety question, got the duration question or "it can be hard to judge"; "my husband just
    collapsed" got the aneurysm question."""
    assert told_emergency(detect(said))


@pytest.mark.parametrize(
    "said", ["had a heart attack in 2010", "heart attack history in the family",
             "my posture is crooked", "i sleep at a weird angle and my neck hurts",
             "i rolled my ankle the wrong way", "i twisted my ankle in a weird way",
             "my knee is massive after the game", "i feel awful about missing work",
             "can't breathe through my nose since the cold", "knee hurts when I squat",
             "my back pain is not responding to pills", "he is responding now",
             "i passed out last week", "my mom has fainted a few times this year",
             "i just fainted getting up and my back hurts", "she cant move",
             "my mums back went and she cant move", "i am not breathing well through my nose",
             "she is not moving around much since the fall", "my nose bled",
             "i have chest pain when i run and sweat a lot"],
)  # fmt: skip
def test_lookalikes_of_those_signs_are_no_emergency(said):
    found = detect(said)
    assert not told_emergency(found)
    assert not {"deformity", "septic_joint", "collapse", "coughing_blood"} & set(found.triggered)


@pytest.mark.parametrize(
    ("said", "asks"),
    [("call 911 now", True), ("call an ambulance please", True), ("get me an ambulance", True),
     ("i need an ambulance", True), ("my husband just collapsed call 911", False),
     ("should I have called 911 when I fell?", False), ("I called 911 last week", False),
     ("my back hurts", False)],
)  # fmt: skip
def test_a_request_to_call_911_is_told_the_assistant_cannot(said, asks):
    """Seventh newcomer pass: "call 911 now" as a first message got the duration question; a
    told emergency gets its own 911 advice instead."""
    assert asks_to_call_911(said) is asks
