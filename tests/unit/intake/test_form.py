"""The intake form's slot logic, message by message."""

from __future__ import annotations

import pytest

from bot.intake.form import Turn, fill_intake_slots, required_slots
from bot.triage import RED_FLAG_SLOTS, red_flag_outcome, red_flags

FOUR_MONTHS = {
    "duration_weeks": 17.4,
    "duration_range": None,
    "pain_class": "chronic",
    "pain_stage": "chronic",
    "duration_status": "ok",
    "duration_text": "about 4 months",
    "locations": [{"region": "lower_back", "side": None}],
    "activities": ["sitting", "work"],
    "evidence": {
        "duration": "for about 4 months",
        "locations": ["lower back"],
        "activities": ["sit through work"],
    },
}


def test_one_message_fills_everything_it_says():
    turn = Turn(
        "my lower back has hurt for about 4 months and I can't sit through work",
        "describe_pain",
        0.95,
        FOUR_MONTHS,
    )
    updates = fill_intake_slots(turn, None, {})
    assert updates["pain_duration"] == "about 4 months"
    assert updates["duration_weeks"] == 17.4
    assert updates["pain_class"] == "chronic" and updates["pain_stage"] == "chronic"
    assert updates["pain_locations"] == [{"region": "lower_back", "side": None}]
    assert updates["pain_activities"] == ["sitting", "work"]
    assert updates["evidence"]["duration"] == "for about 4 months"
    assert "pain_score" not in updates  # "4 months" is not a pain score


def test_straddling_duration_asks_yes_no_then_resolves():
    ext = {
        "duration_status": "straddles",
        "duration_range": [8.7, 13.0],
        "duration_text": "two or three months",
        "pain_class": None,
    }
    first = fill_intake_slots(
        Turn("two or three months", "describe_pain", 0.9, ext), "pain_duration", {}
    )
    assert first["pain_duration"] is None and first["duration_followup"] == "straddle"
    slots = dict(first)
    yes = fill_intake_slots(Turn("yes", "affirm", 0.99, {}), "pain_duration", slots)
    assert yes["pain_class"] == "chronic" and yes["duration_weeks"] == 13.0
    assert yes["pain_duration"] == "two or three months"
    no = fill_intake_slots(Turn("no", "deny", 0.99, {}), "pain_duration", slots)
    assert no["pain_class"] == "acute" and no["pain_stage"] == "subacute"


def test_straddle_question_answered_with_nonsense_asks_again():
    slots = {"duration_followup": "straddle", "duration_range": [8.7, 13.0]}
    again = fill_intake_slots(Turn("hmm", "nlu_fallback", 0.2, {}), "pain_duration", slots)
    assert again["pain_duration"] is None and again["duration_followup"] == "straddle"


def test_unplaceable_onset_gets_the_specific_follow_up():
    ext = {"duration_status": "no_anchor", "duration_text": "since my surgery"}
    updates = fill_intake_slots(
        Turn("since my surgery", "describe_pain", 0.9, ext), "pain_duration", {}
    )
    assert updates["pain_duration"] is None and updates["duration_followup"] == "anchor"


def test_no_duration_when_asked_for_one_is_unclear():
    updates = fill_intake_slots(
        Turn("a while", "describe_pain", 0.6, {"duration_status": "missing"}), "pain_duration", {}
    )
    assert updates["duration_followup"] == "unclear"
    assert updates["raw_answers"] == {"pain_duration": ["a while"]}


@pytest.mark.parametrize("text,score", [("6", 6), ("about a 7", 7), ("10!!", 10), ("0", 0)])
def test_pain_score_only_when_asked(text, score):
    updates = fill_intake_slots(Turn(text, "describe_pain", 0.9, {}), "pain_score", {})
    assert updates["pain_score"] == score and updates["slot_followup"] is None


@pytest.mark.parametrize(
    "text,score",
    [
        ("my lower back has hurt for about 4 months, about a 7 out of 10", 7),
        ("lower back, 4 months, pain is 6/10 most days", 6),
        ("my lower back has hurt for about 4 months", None),
        ("my lower back has hurt since 3/10", None),  # a date
        ("my lower back has hurt for about 4 months, 6-8/10", None),  # a range: asked
    ],
)
def test_a_score_stated_before_it_is_asked_is_kept(text, score):
    """A score in the first message was ignored, then asked for (issue 13 newcomer test)."""
    turn = Turn(text, "describe_pain", 0.95, FOUR_MONTHS)
    assert fill_intake_slots(turn, None, {}).get("pain_score") == score
    kept = fill_intake_slots(turn, None, {"pain_score": 3})
    assert "pain_score" not in kept  # never over a score already given


def test_bad_pain_score_gets_the_scale_explained():
    updates = fill_intake_slots(Turn("eleventy", "describe_pain", 0.9, {}), "pain_score", {})
    assert updates["pain_score"] is None and updates["slot_followup"] == "pain_score"


def test_activities_in_own_words_are_kept_when_nothing_matches():
    updates = fill_intake_slots(
        Turn("playing with my grandkids", "describe_pain", 0.8, {}), "pain_activities", {}
    )
    assert updates["pain_activities"] == []
    assert updates["activities_text"] == "playing with my grandkids"


def test_a_question_about_cost_is_left_to_the_rules():
    turn = Turn(
        "how much does it cost?", "faq", 0.97, {"duration_status": "missing"}
    )
    assert fill_intake_slots(turn, "pain_score", {}) == {}


def test_out_of_scope_is_not_an_answer_but_a_number_is():
    assert (
        fill_intake_slots(Turn("tell me a joke", "out_of_scope", 0.9, {}), "pain_score", {}) == {}
    )
    assert (
        fill_intake_slots(Turn("7", "out_of_scope", 0.9, {}), "pain_score", {})["pain_score"] == 7
    )


@pytest.mark.parametrize(
    "text,intent,value",
    [
        ("yes", "affirm", True),
        ("nope", "deny", False),
        ("yes I fell last week", "affirm", True),
        ("definitely not", "deny", False),
        ("y", "affirm", True),
    ],
)
def test_red_flag_answers(text, intent, value):
    updates = fill_intake_slots(Turn(text, intent, 0.9, {}), "rf_trauma", {})
    assert updates["rf_trauma"] is value


def test_red_flag_unclear_answer_is_asked_again():
    updates = fill_intake_slots(Turn("what do you mean", "out_of_scope", 0.9, {}), "rf_fever", {})
    assert updates["rf_fever"] is None


def test_red_flag_screen_stops_at_first_yes():
    assert required_slots({"rf_bladder_bowel": False, "rf_weakness": True})[-1] == "rf_weakness"
    assert required_slots({})[-1] == RED_FLAG_SLOTS[-1]


@pytest.mark.parametrize(
    "slots,outcome",
    [
        ({"rf_bladder_bowel": True}, "emergency"),
        ({"rf_weakness": True}, "emergency"),
        ({"rf_fever": True}, "doctor"),
        ({"rf_cancer_weight": True}, "doctor"),
        ({"rf_trauma": True}, "doctor"),
        ({"rf_trauma": False}, None),
        ({}, None),
    ],
)
def test_red_flag_outcomes(slots, outcome):
    assert red_flag_outcome(slots) == outcome


def test_red_flag_names_for_staff():
    assert red_flags({"rf_fever": True, "rf_trauma": False}) == ["fever"]


def test_crisis_in_a_message_with_pain_details_leaves_the_form_to_the_crisis_rule():
    ext = {"locations": [{"region": "back", "side": None}], "duration_status": "missing"}
    turn = Turn("my back hurts so much I want to kill myself", "express_crisis", 1.0, ext)
    assert fill_intake_slots(turn, "pain_activities", {}) == {}


@pytest.mark.parametrize("text", ["one sec", "hold on", "let me check", "hmm one second"])
@pytest.mark.parametrize("requested", ["pain_score", "pain_duration", "rf_fever"])
def test_asking_for_a_moment_answers_no_question(text, requested):
    """"one sec" at the score question was stored as 1 out of 10 (patient newcomer test)."""
    assert fill_intake_slots(Turn(text, "nlu_fallback", 1.0, {}), requested, {}) == {}


@pytest.mark.parametrize(
    "text", ["so can i book or not", "can I just book?", "what does that mean", "why do you ask"]
)
def test_a_question_back_at_a_safety_question_is_no_answer(text):
    """"so can i book or not" at the calf question was read as a no (the classifier's deny,
    0.77): the clot flag dropped and the patient was booked (patient newcomer test)."""
    updates = fill_intake_slots(Turn(text, "deny", 0.77, {}), "rf_leg_clot", {})
    assert updates.get("rf_leg_clot") is None


def test_a_no_that_names_the_questions_symptoms_is_no_clean_no():
    """"not really swollen swollen, just a bit puffy and warm" was a clean no (patient
    newcomer test): naming the question's own symptoms it is a yes; a related symptom alone
    ("a bit stiff") is "not sure", and gets the clarifying question."""
    text = "not really swollen swollen, just a bit puffy and warm"
    assert fill_intake_slots(Turn(text, "deny", 0.9, {}), "rf_leg_clot", {})["rf_leg_clot"]
    hedged = "no not really, it's just a bit warm"
    updates = fill_intake_slots(Turn(hedged, "deny", 0.9, {}), "rf_leg_clot", {})
    assert updates.get("rf_leg_clot") is None and updates.get("slot_followup") == "rf_leg_clot"
    plain = fill_intake_slots(Turn("no swelling at all", "deny", 0.9, {}), "rf_leg_clot", {})
    assert plain["rf_leg_clot"] is False


@pytest.mark.parametrize("requested", ["pain_activities", "pain_duration", "rf_fever"])
def test_the_crisis_options_button_answers_no_question(requested):
    """"I'm safe, let's go on" was stored as what the pain stops the patient doing (patient
    newcomer test): the question the crisis interrupted is asked again."""
    turn = Turn("I'm safe, let's go on", "confirm_safe", 1.0, {})
    assert fill_intake_slots(turn, requested, {}) == {}
    # the classifier's guess for an answer with no "safe" in it is no button
    fine = Turn("no, my legs are fine, just tingly", "confirm_safe", 0.71, {})
    assert fill_intake_slots(fine, "rf_weakness", {}).get("rf_weakness") is False


def _extracted(text: str) -> dict:
    from datetime import date

    from bot.nlp import extract_batch

    return extract_batch([(text, date(2026, 1, 20))])[0].to_dict()


def test_an_onset_age_without_the_age_now_asks_how_old_they_are_now():
    """"since I was 30" depends on the age now: the one question asked names it (issue 12)."""
    text = "my lower back, since I was 30"
    asked = fill_intake_slots(Turn(text, "describe_pain", 0.9, _extracted(text)),
                              "pain_duration", {})
    assert asked["duration_followup"] == "age" and asked["onset_age"] == 30
    assert asked["pain_duration"] is None
    slots = {**asked}
    for answer, weeks, pain_class in (("52", 22 * 52.18, "chronic"), ("I'm 31", 52.2, "chronic"),
                                      ("30", 0.0, "acute")):
        got = fill_intake_slots(Turn(answer, "describe_pain", 0.9, _extracted(answer)),
                                "pain_duration", slots)
        assert got["duration_weeks"] == pytest.approx(weeks, abs=0.1), answer
        assert got["pain_class"] == pain_class and got["duration_followup"] is None
        assert "since I was 30" in got["pain_duration"]


def test_an_age_below_the_onset_age_is_not_taken():
    slots = {"duration_followup": "age", "onset_age": 40.0}
    got = fill_intake_slots(Turn("25", "describe_pain", 0.9, _extracted("25")),
                            "pain_duration", slots)
    assert got.get("duration_weeks") is None


CHRONIC = {"pain_duration": "3 months", "pain_class": "chronic", "duration_weeks": 13.0}


@pytest.mark.parametrize("text", [
    "a bit", "kinda", "i think so", "sometimes", "she did, twice", "he did", "a little bit",
    "yeah a bit", "once", "on and off",
    # pass L, at the chest question: a symptom that comes and goes, or a little of it now
    "it comes and goes, a bit now", "comes and goes", "slightly", "a little right now",
    "a bit, not much", "mildly at the moment",
])  # fmt: skip
def test_a_hedged_yes_at_a_safety_question_is_a_yes(text):
    """Patient newcomer test: "a bit", "kinda", "i think so" at the bladder question were
    asked again word for word, seven times, and a patient who gave up left staff nothing."""
    updates = fill_intake_slots(Turn(text, "nlu_fallback", 0.4, {}), "rf_bladder_bowel", CHRONIC)
    assert updates["rf_bladder_bowel"] is True and updates["red_flag_advice"] == "emergency"


@pytest.mark.parametrize("text", [
    "no... well actually once last week", "no, but once", "nah, well a bit", "hmm",
    "not since yesterday", "no, but it comes and goes", "no, well slightly",  # review
])  # fmt: skip
def test_an_unclear_or_taken_back_answer_gets_the_clarifying_question(text):
    updates = fill_intake_slots(Turn(text, "nlu_fallback", 0.4, {}), "rf_bladder_bowel", CHRONIC)
    assert updates.get("rf_bladder_bowel") is None
    assert updates.get("slot_followup") == "rf_bladder_bowel", updates
    assert "pain_duration" not in updates  # "last week" is the symptom's time, not the pain's


@pytest.mark.parametrize(("requested", "yes"), [
    ("rf_leg_clot", None), ("rf_weakness", True), ("rf_myelopathy", True),
])  # fmt: skip
def test_both_is_the_serious_answer_except_one_calf_against_the_other(requested, yes):
    """"both legs" at the weakness question got the milder "not sure" advice (review)."""
    updates = fill_intake_slots(Turn("both", "nlu_fallback", 0.4, {}), requested, CHRONIC)
    assert updates.get(requested) is yes


@pytest.mark.parametrize("text", [
    "no, but my back hurts", "no, but thanks for asking", "no, but I have had back pain for years",
    "no, apart from my back pain", "no, but I was wondering about parking", "no actually I'm fine",
])  # fmt: skip
def test_a_no_with_more_words_is_still_a_no(text):
    updates = fill_intake_slots(Turn(text, "deny", 0.9, {}), "rf_bladder_bowel", CHRONIC)
    assert updates["rf_bladder_bowel"] is False


def test_a_time_at_a_safety_question_corrects_the_duration_only_when_it_speaks_of_the_pain():
    """"it was this morning, its a bit better now" at the stroke question and "no... well
    actually once last week" at the bladder question changed a 3-month pain to "last week"
    (patient newcomer test); "actually it's been 6 months" still corrects it."""
    ext = {"duration_status": "ok", "duration_weeks": 26.0, "pain_class": "chronic",
           "duration_text": "6 months"}  # fmt: skip
    said = fill_intake_slots(Turn("actually it's been 6 months", "inform", 0.9, ext),
                             "rf_bladder_bowel", CHRONIC)  # fmt: skip
    assert said.get("pain_duration") == "6 months", said
    moment = {"duration_status": "ok", "duration_weeks": 0.1, "pain_class": "acute",
              "duration_text": "this morning"}  # fmt: skip
    said = fill_intake_slots(Turn("actually it was this morning", "inform", 0.9, moment),
                             "rf_stroke", CHRONIC)  # fmt: skip
    assert "pain_duration" not in said, said
