"""Two answers the patient never gave, table-driven over every question they concern:

- at every safety (red-flag) question only a yes, a no or "not sure" counts; small talk ("thanks",
  "ok", "hi", an emoji), said once or twice, gets the question again and stores nothing;
- at every free-text question a request for a person ("I'd rather speak to someone on the
  phone") is the request, not the answer, unless it clearly is the answer.
"""

from __future__ import annotations

import pytest

from bot.dialogue import FREE_TEXT_SLOTS
from bot.intake.control_words import answers_free_text_question, asks_for_a_person
from bot.intake.form import Turn, fill_intake_slots
from bot.intake.safety_answers import read_safety_answer
from bot.screening import detect
from bot.triage import ALL_FLAG_SLOTS, FLAGS_BY_SLOT, UNANSWERED_SLOT, UNSURE_SLOT

BACK = {
    "pain_duration": "3 weeks",
    "duration_weeks": 3.0,
    "pain_class": "acute",
    "pain_locations": [{"region": "lower_back", "side": None}],
    "pain_activities": ["bending"],
    "pain_score": 5.0,
}
SMALL_TALK = [
    ("thanks", "thank"),
    ("thank you!", "thank"),
    ("ok", "affirm"),  # "ok" is a yes elsewhere, never at a safety question
    ("ok thanks", "thank"),
    ("hi", "greet"),
]
# Without words: 👍 and 👎 answer a yes-or-no question, 🤷 is "not sure" (patient newcomer
# test: they, "?" and "7" got the same question back word for word, eight times).
# 👍 alone is often "ok, got it" (review): no answer, asked again.
EMOJI = [("\U0001f44d", None, False), ("\U0001f44d\U0001f3fb", None, False),
         ("\U0001f44e", False, False), ("\U0001f937", None, True)]  # fmt: skip
ANSWERS = [
    ("yes", "affirm", True),
    ("no", "deny", False),
    ("no thanks", "deny", False),
    ("yes thanks", "affirm", True),
]


def _answer(text: str, intent: str, confidence: float, slot: str) -> tuple[bool | None, bool]:
    """The (yes or no, "not sure") the form reads from a message at the question `slot`."""
    return read_safety_answer(text, slot, None, Turn(text, intent, confidence).classified_yes_no)


def _say(text: str, intent: str, requested: str, slots: dict) -> dict:
    updates = fill_intake_slots(Turn(text, intent, 0.95, {}), requested, slots)
    return {**slots, **updates}


@pytest.mark.parametrize("slot", sorted(ALL_FLAG_SLOTS))
@pytest.mark.parametrize(("text", "intent"), SMALL_TALK)
def test_small_talk_at_a_safety_question_is_asked_again_never_an_answer(slot, text, intent):
    slots = dict(BACK)
    for _ in range(2):  # the old bug: the second "thanks" stored "not sure"
        slots = _say(text, intent, slot, slots)
        assert slots.get(slot) is None
        assert slot not in (slots.get(UNSURE_SLOT) or [])
        assert not slots.get("red_flag_advice")
        assert slots.get("slot_followup") in (None, slot)
    # ... and a third is taken as "not sure" at an emergency question, else left for staff
    # with no advice; never a loop ("ok" forever: review)
    third = _say(text, intent, slot, slots)
    listed = UNSURE_SLOT if FLAGS_BY_SLOT[slot].advice in ("call_911", "emergency") else (
        UNANSWERED_SLOT
    )
    assert slot in (third.get(listed) or []) and third[slot] is False


@pytest.mark.parametrize("side", ["right leg", "right side"])
def test_a_side_answers_a_question_about_a_limb(side):
    """Review: "right leg" at the leg-weakness question was made no answer, and a yes lost."""
    assert _answer(side, "inform", 0.5, "rf_weakness")[0] is True


@pytest.mark.parametrize("slot", ["rf_fracture", "rf_leg_clot", "rf_weakness", "rf_fever"])
def test_a_joint_and_its_side_answer_no_safety_question(slot):
    """Newcomer test: "right knee" at the fracture question was a yes, and a benign patient sent
    to a doctor."""
    assert _answer("right knee", "inform", 0.5, slot) == (None, False)


@pytest.mark.parametrize("slot", sorted(ALL_FLAG_SLOTS))
@pytest.mark.parametrize(("text", "intent"), SMALL_TALK)
def test_small_talk_after_not_sure_keeps_the_clarifying_question_open(slot, text, intent):
    slots = _say("not sure", "deny", slot, dict(BACK))
    assert slots[slot] is None and slots["slot_followup"] == slot  # the clarifying version
    slots = _say(text, intent, slot, slots)
    assert slots[slot] is None and slots["slot_followup"] == slot
    assert slot not in (slots.get(UNSURE_SLOT) or [])
    slots = _say("I don't know", "deny", slot, slots)  # still "not sure" when they say so
    assert slots[slot] is False and slot in slots[UNSURE_SLOT]


@pytest.mark.parametrize("slot", sorted(ALL_FLAG_SLOTS))
@pytest.mark.parametrize(("text", "intent", "value"), ANSWERS)
def test_a_yes_or_a_no_at_a_safety_question_is_the_answer(slot, text, intent, value):
    slots = _say(text, intent, slot, dict(BACK))
    assert slots[slot] is value
    assert slot not in (slots.get(UNSURE_SLOT) or [])


PERSON_REQUESTS = [
    "I'd rather speak to someone on the phone",
    "can someone call me instead",
    "can I just talk to a person?",
    "I would like to talk to someone at the front desk",
    "please have someone call me",
    "transfer me to a real person",
    "call me back please",
]
CLEARLY_ANSWERS = [
    ("pain_activities", "talking to people on the phone all day"),
    ("pain_activities", "I can't speak to someone for long without my neck hurting"),
    ("pain_activities", "I can't stop working"),
    ("patient_name", "call me Sam"),
    ("patient_name", "Personne Dubois"),
    ("booking_email", "callme@example.com"),
]


@pytest.mark.parametrize("slot", sorted(FREE_TEXT_SLOTS))
@pytest.mark.parametrize("text", PERSON_REQUESTS)
def test_a_request_for_a_person_at_a_free_text_question_is_the_request(slot, text):
    assert asks_for_a_person(text)
    assert answers_free_text_question(slot, text, "request_human") is False


@pytest.mark.parametrize(("slot", "text"), CLEARLY_ANSWERS)
def test_a_free_text_answer_with_a_control_word_stays_the_answer(slot, text):
    assert not asks_for_a_person(text)
    assert answers_free_text_question(slot, text, "request_human") is True


@pytest.mark.parametrize("text", PERSON_REQUESTS)
def test_the_intake_form_stores_no_activity_from_a_request_for_a_person(text):
    slots = {**BACK, "pain_activities": None, "pain_score": None}
    turn = Turn(text, "request_human", 0.9, {})
    assert fill_intake_slots(turn, "pain_activities", slots) == {}


@pytest.mark.parametrize(("emoji", "answer", "unsure"), EMOJI)
def test_a_thumb_or_a_shrug_answers_a_safety_question(emoji, answer, unsure):
    assert _answer(emoji, "affirm", 0.9, "rf_fever") == (answer, unsure)


@pytest.mark.parametrize(
    ("said", "answer"),
    [("right", None), ("right knee", None), ("the left one", None), ("she is fine", False),
     ("I'm fine thanks", False), ("all good", False), ("not me, her", None),
     ("no, not me, it's my wife who has it", None), ("its my dad who has it", None),
     ("it's my mum, she doesn't have any of that", False), ("no not me", False),
     ("it's my dad, he has that yes", True), ("its my wife, she has had that since this morning",
     True), ("its my son, no he hasnt", False), ("it's my dad", None)],
)  # fmt: skip
def test_sides_everyday_nos_and_a_relatives_yes_at_a_safety_question(said, answer):
    """Patient newcomer test: "right knee" at the breathing question got 911; "she is fine"
    three times got emergency advice; "no, not me, it's my wife who has it" at the stroke
    question was a no, and the stroke booked; a yes made "not me, my husband" an emergency
    (review): who has it is no answer, and the question is asked again in other words. What
    the rest says of them is their answer: "it's my dad, he has that yes" was no answer three
    times, then "not sure" with milder advice than its yes (review)."""
    assert _answer(said, "inform", 0.5, "rf_clot_breathing")[0] is answer


@pytest.mark.parametrize("said", [
    "yeah, not really", "yeah I haven't", "yeah none of that", "yeah no", "yes, well no",
    "yep she doesn't", "Yeah… nothing like that",
])  # fmt: skip
@pytest.mark.parametrize("slot", ["rf_stroke", "rf_chest_now", "rf_bladder_bowel"])
def test_a_yes_word_taken_back_at_once_is_no_yes(said, slot):
    # "yeah, not really" at the stroke question was a yes and 911 (review): asked again, even
    # when the classifier heard a yes
    assert read_safety_answer(said, slot, None, True) == (None, False)


@pytest.mark.parametrize("said", [
    "yes, I couldn't put any weight on it", "yeah she has", "yes definitely", "yep, twice",
])  # fmt: skip
def test_a_yes_with_its_symptom_in_the_negative_stays_a_yes(said):
    assert read_safety_answer(said, "rf_fracture", None, None)[0] is True


@pytest.mark.parametrize(
    ("said", "unsure"),
    [("nope not answering that", True), ("not answering that", True), ("no comment", True),
     ("not telling you", True), ("no... well sort of", True), ("nah kinda", True),
     ("no, a little", True)],
)  # fmt: skip
@pytest.mark.parametrize("slot", ["rf_bladder_bowel", "rf_leg_clot", "rf_stroke"])
def test_a_refusal_or_a_no_taken_back_is_never_a_no(said, unsure, slot):
    """Seventh newcomer pass: "nope not answering that" and "no... well sort of" at the bladder
    question were a no, and the patient was booked with "Red flags: None reported"."""
    assert read_safety_answer(said, slot) == (None, unsure)


@pytest.mark.parametrize("said", ["no", "nope", "no not really", "no thanks", "nah"])
def test_a_plain_no_stays_a_no(said):
    assert read_safety_answer(said, "rf_bladder_bowel") == (False, False)


@pytest.mark.parametrize("slot", sorted(ALL_FLAG_SLOTS))
@pytest.mark.parametrize("text", ["asdf", "qwerty", "hmm", "zzz", "blah", "8", "9", "7.5", "6/10",
                                  "8 out of 10", "10!"])
def test_one_unknown_word_answers_no_safety_question_whatever_the_classifier_says(slot, text):
    """Fourth newcomer pass: "asdf" at the neck-artery question was a confident yes to the
    classifier, and got the emergency department's advice; sixth: "8" and "9" (a score typed
    at a yes-or-no question) were yes."""
    assert read_safety_answer(text, slot, None, True) == (None, False)
    assert read_safety_answer(text, slot, None, False) == (None, False)


@pytest.mark.parametrize(
    ("text", "answer"),
    [("yesss", True), ("yess", True), ("yah", True), ("always", True), ("nooo", False),
     ("naw", False), ("nopes", False), ("nothing", False)],
)  # fmt: skip
def test_one_word_yes_or_no_typed_any_way_is_read_by_its_letters(text, answer):
    assert read_safety_answer(text, "rf_fever", None, None) == (answer, False)


@pytest.mark.parametrize("slot", ["rf_neck_vascular", "rf_leg_clot", "rf_fever"])
@pytest.mark.parametrize("text", ["a month", "about 3 weeks", "2 days", "since yesterday",
                                  "today", "a few months ago", "6 wks"])
def test_a_time_alone_answers_no_safety_question(slot, text):
    """Seventh newcomer pass: "a month" typed at the neck-artery question (meant for the
    duration) was a yes, and a patient whose food went down the wrong way was sent to the
    emergency department."""
    assert read_safety_answer(text, slot, None, True) == (None, False)
    assert read_safety_answer("yes, for a month", slot, None, True)[0] is True
    assert read_safety_answer("no", slot, None, None) == (False, False)


@pytest.mark.parametrize("slot", ["rf_stroke", "rf_fainted", "rf_coughing_blood"])
def test_a_time_at_a_question_that_asks_when_is_read_as_before(slot):
    """Review: "this morning" at the stroke question's "... or did it start in the last day?"
    is an answer; it was asked again without end."""
    assert read_safety_answer("this morning", slot, None, True) == (True, False)


@pytest.mark.parametrize(
    ("text", "answer"),
    [("i had a small skin cancer (basal cell) cut off my nose 10 years ago, all clear since",
      False),
     ("just a basal cell frozen off my ear", False),
     ("a non-melanoma skin cancer burnt off years ago", False),
     ("yes melanoma 5 years ago", True), ("yes breast cancer", True),
     # review: real cancer history stays a yes
     ("yes skin cancer", True), ("yes, a basal cell removed from my arm", True),
     ("basal cell and breast cancer", True), ("basal cell that spread to my bones", True),
     ("squamous cell carcinoma of the lung", True), ("skin cancer, now in my bones", True)],
)  # fmt: skip
def test_a_skin_cancer_other_than_melanoma_is_no_cancer_history(text, answer):
    """Newcomer test: a basal cell skin cancer removed ten years ago sent a back patient to
    their doctor with no booking. The question now says it does not count (American Cancer
    Society: basal and squamous cell skin cancers rarely spread)."""
    said, _ = read_safety_answer(text, "rf_cancer_weight", detect(text))
    # a no only for a basal cell skin cancer alone; real cancer history is never made a no
    assert said is False if answer is False else said is not False


@pytest.mark.parametrize(
    ("text", "stated"),
    [("sore lower back for years, bending is hard. I had a basal cell skin cancer removed", False),
     ("back pain. a small skin cancer (basal cell) cut off my nose 10 years ago, all clear", False),
     ("my back hurts, had a non-melanoma skin cancer burnt off", False),
     # any other cancer, or a skin cancer not named as basal or squamous cell, stays stated
     ("had a basal cell skin cancer and breast cancer, my back hurts", True),
     ("basal cell skin cancer that spread to my bones, back hurts", True),
     ("I had melanoma 2 years ago and my back hurts", True),
     ("skin cancer removed last year, back pain", True)],
)  # fmt: skip
def test_a_skin_cancer_other_than_melanoma_told_first_is_asked_not_stated(text, stated):
    """Pass H: a first message with a basal cell skin cancer stated the cancer question, so the
    patient's plain "no" was a contradiction and the question came twice. Told first, it is
    asked like any back patient's; the answer reader above takes "only the basal cell" as no."""
    assert ("rf_cancer_weight" in detect(text).stated) is stated


@pytest.mark.parametrize("text", ["yes but only when i press on it", "only when i press on it",
                                  "only if I push on it, otherwise fine"])
def test_chest_soreness_only_when_pressed_is_a_no_at_the_chest_now_question(text):
    """Pass G: a gym-goer's "yes but only when i press on it" got "call 911 now"."""
    assert read_safety_answer(text, "rf_chest_now") == (False, False)


@pytest.mark.parametrize("text", ["yes, only when I press it and I feel sweaty",
                                  "only when i press on it but its heavy too", "yes"])
def test_chest_pain_with_heaviness_or_sweating_is_never_a_no(text):
    assert read_safety_answer(text, "rf_chest_now")[0] is not False


@pytest.mark.parametrize(("said", "read"), [
    ("no numbness in my groin", (None, True)),  # half the question: asked again, naming both
    ("no bladder problems", (None, True)),
    ("no problems peeing", (None, True)),
    ("no", (False, False)),
    ("no, none of that", (False, False)),
    ("nope, no problems with bladder or bowels and no numbness", (False, False)),
    ("yes, some numbness in my groin", (True, False)),
    # no symptom named: a whole no (review: each was "not sure", twice gave doctor-today advice)
    ("no, feeling fine", (False, False)),
    ("no, the pain is at the bottom of my back", (False, False)),
    ("no, not since the accident", (False, False)),
])
def test_a_no_to_half_of_the_bladder_question_answers_none_of_it(said, read):
    """Pass L: "no numbness in my groin" at "... bladder or bowels, or numbness in your groin
    or inner thighs?" was a no to bladder and bowel control too ("Red flags: None reported")."""
    assert read_safety_answer(said, "rf_bladder_bowel") == read
