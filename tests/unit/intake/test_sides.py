"""The side question for a paired body part named without a side."""

from __future__ import annotations

import pytest

from bot.intake.form import Turn, fill_intake_slots, required_slots
from bot.intake.sides import answer_side, question_region, sideless

KNEE = [{"region": "knee", "side": None}]


def test_only_paired_parts_without_a_side_are_asked_about():
    locations = [
        {"region": "lower_back", "side": None},
        {"region": "knee", "side": "left"},
        {"region": "ankle", "side": None},
    ]
    assert sideless(locations) == [{"region": "ankle", "side": None}]
    assert question_region(locations) == "ankle"
    assert question_region([{"region": "lower_leg", "side": None}]) == "lower leg"
    assert question_region([{"region": "neck", "side": None}]) is None


def test_the_side_question_is_in_the_form_only_when_needed():
    assert "pain_side" in required_slots({"pain_locations": KNEE})
    assert "pain_side" not in required_slots(
        {"pain_locations": [{"region": "knee", "side": "right"}]}
    )
    assert "pain_side" not in required_slots({"pain_locations": [{"region": "neck", "side": None}]})
    assert "pain_side" in required_slots({"pain_locations": KNEE, "pain_side": "unsure"})


@pytest.mark.parametrize(
    "text,side",
    [
        ("left", "left"),
        ("the right one", "right"),
        ("Both!", "both"),
        ("R", "right"),
        ("each side", "both"),
    ],
)
def test_answers_set_the_side(text, side):
    updates = answer_side(text, KNEE + [{"region": "neck", "side": None}])
    assert updates["pain_side"] == side
    assert updates["pain_locations"] == [
        {"region": "knee", "side": side},
        {"region": "neck", "side": None},
    ]


@pytest.mark.parametrize("text", ["not sure", "kind of in the middle", "dunno"])
def test_unsure_answers_leave_the_side_open(text):
    assert answer_side(text, KNEE) == {"pain_side": "unsure"}


def test_an_unclear_answer_asks_again():
    assert answer_side("it throbs", KNEE) == {"pain_side": None}


def test_the_form_names_the_part_and_takes_the_answer():
    first = fill_intake_slots(
        Turn(
            "my knee hurts", "describe_pain", 0.9, {"locations": KNEE, "duration_status": "missing"}
        ),
        None,
        {},
    )
    assert first["side_question_region"] == "knee"
    second = fill_intake_slots(
        Turn("left", "describe_pain", 0.9, {}), "pain_side", {"pain_locations": KNEE}
    )
    assert second["pain_locations"] == [{"region": "knee", "side": "left"}]
