"""A hot, swollen joint with a fever (bot.warning_signs "septic_joint"): the words that raise
it, its one question, which also answers the fever question, and its advice. A child's knee "hot
and puffy" with a temperature got only "contact a doctor promptly" (newcomer test)."""

from __future__ import annotations

import pytest

from bot.intake.form import Turn, fill_intake_slots, required_slots
from bot.screening import detect
from bot.triage import red_flag_outcome
from bot.warning_signs import staff_title

KNEE = {
    "pain_duration": "3 days",
    "duration_weeks": 0.4,
    "pain_class": "acute",
    "pain_locations": [{"region": "knee", "side": "left"}],
    "pain_activities": ["walking"],
    "pain_score": 6.0,
}


def _say(text: str, requested: str | None, slots: dict) -> dict:
    return {**slots, **fill_intake_slots(Turn(text, "describe_pain", 0.9, {}), requested, slots)}


def _next(slots: dict) -> str | None:
    return next((s for s in required_slots(slots) if slots.get(s) is None), None)


@pytest.mark.parametrize("said", [
    "my son's knee is hot and puffy and he's had a temperature since yesterday",
    "my ankle swelled up overnight, it's red and I've got the chills",
    "elbow is swollen and I feel really unwell",
    "wrist hot, red and swollen, and feverish",
])  # fmt: skip
def test_a_hot_swollen_joint_with_fever_is_the_sign_stated(said):
    found = detect(said)
    assert "septic_joint" in found.triggered
    assert "rf_joint_infection" in found.stated


@pytest.mark.parametrize("said", [
    "my knee is swollen and warm after my run on Sunday",
    "big toe joint red and swollen since the weekend",
])  # fmt: skip
def test_a_hot_swollen_joint_alone_asks_the_fever_question_of_the_joint(said):
    found = detect(said)
    assert "septic_joint" in found.triggered
    assert "rf_joint_infection" not in found.stated


@pytest.mark.parametrize("said", [
    "my knee aches when I climb stairs",
    "no swelling or redness in the knee, it just clicks",
    "my shoulder is stiff in the mornings",
    "I had a fever last month but my knee is a separate thing, it aches on stairs",
    # the joint of an operation is no hot joint: the calf's clot questions (newcomer test)
    "my calf went red, hot and puffy a few days after my knee surgery",
])  # fmt: skip
def test_an_ordinary_joint_raises_nothing(said):
    assert "septic_joint" not in detect(said).triggered


def test_its_no_is_the_fever_questions_no_too_and_the_fever_question_is_not_asked():
    slots = _say("my knee is swollen and hot since Friday", None, {})
    assert "septic_joint" in slots["warning_signs"]
    assert _next(slots) == "rf_joint_infection"
    slots = _say("no", "rf_joint_infection", {**slots, **KNEE})
    assert slots["rf_joint_infection"] is False and slots["rf_fever"] is False
    assert _next(slots) != "rf_fever" and "rf_fever" not in (slots.get("screen_unsure") or [])
    assert red_flag_outcome(slots) is None


def test_its_yes_is_an_emergency_and_a_fever_for_staff():
    slots = _say("my knee is swollen and hot since Friday", None, {})
    slots = _say("yes, 38.5 last night", "rf_joint_infection", {**slots, **KNEE})
    assert slots["rf_joint_infection"] is True and slots["rf_fever"] is True
    assert red_flag_outcome(slots) == "emergency"
    assert slots["red_flag_advice"] == "emergency"


def test_a_fever_answered_before_is_not_overwritten():
    slots = {**KNEE, "rf_fever": True, "warning_signs": ["septic_joint"]}
    slots = _say("no", "rf_joint_infection", slots)
    assert slots["rf_joint_infection"] is False and slots["rf_fever"] is True


def test_staff_read_the_category_what_was_said_and_the_advice():
    title = staff_title("septic_joint")
    assert title.startswith("Possible joint infection (a hot, swollen joint with fever")
    assert title.endswith("emergency department now")
    assert staff_title("septic_joint_unconfirmed").startswith("Mentioned, not confirmed")


@pytest.mark.parametrize(("said", "regions", "sign"), [
    # a knee patient at the booking step (newcomer test: it got "contact a doctor promptly")
    ("yes please, also it's gone hot and red today and I've got chills", ("knee",), "septic_joint"),
    ("it's swollen and hot now", ("lower_leg",), "dvt"),
    ("I've been so dizzy this week", ("neck",), "cervical_arterial"),
])  # fmt: skip
def test_the_intakes_region_is_the_place_of_a_symptom_told_later(said, regions, sign):
    assert sign not in detect(said).triggered  # the words alone name no place
    found = detect(said, regions)
    assert sign in found.triggered and found.note(sign=sign)


@pytest.mark.parametrize("said", ["thanks", "my knee", "I'm 72", "sounds good, tuesday works"])
def test_a_region_alone_or_words_without_a_symptom_raise_nothing(said):
    assert not detect(said, ("knee", "neck", "lower_leg")).mentions_warning_sign


def test_a_symptom_told_at_the_booking_step_reopens_the_joint_question():
    from bot.screening_form import screen_updates

    slots = {**KNEE, "rf_fever": False, "rf_cancer_weight": False, "rf_fracture": False}
    updates, found = screen_updates(
        "yes please, also it's gone hot and red today and I've got chills", slots, reopen=True
    )
    assert "septic_joint" in updates["warning_signs"]
    assert updates["rf_fever"] is None  # said now after a no: asked again, to confirm
    assert updates["screen_notes"]["rf_joint_infection"]["stated"]
