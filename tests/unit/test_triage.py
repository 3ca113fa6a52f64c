"""The triage table is the one home of the red-flag screen: the domain and form agree with it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.intake.form import required_slots
from bot.triage import (
    ADVICE_LEVELS,
    CHRONIC_WEEKS,
    RED_FLAGS,
    class_for,
    is_urgent,
    red_flag_outcome,
    red_flags,
    stage_for,
)

DOMAIN = yaml.safe_load((Path(__file__).resolve().parents[2] / "domain.yml").read_text())


def test_every_flag_has_its_question_slot_and_advice_in_the_domain():
    for flag in RED_FLAGS:
        assert f"utter_ask_{flag.slot}" in DOMAIN["responses"], flag
        assert DOMAIN["slots"][flag.slot]["type"] == "bool", flag
        assert flag.slot in DOMAIN["forms"]["intake_form"]["required_slots"], flag
    assert DOMAIN["slots"]["red_flag_advice"]["values"] == list(ADVICE_LEVELS)
    for level in ADVICE_LEVELS:
        assert f"utter_redflag_{level}" in DOMAIN["responses"], level


@pytest.mark.parametrize("flag", RED_FLAGS, ids=lambda f: f.slot)
def test_each_yes_gives_its_advice_and_label_and_ends_the_screen(flag):
    noes = {f.slot: False for f in RED_FLAGS[: RED_FLAGS.index(flag)]}
    slots = {**noes, flag.slot: True}
    assert red_flag_outcome(slots) == flag.advice
    assert red_flags(slots) == [flag.label]
    assert is_urgent(slots)
    assert required_slots(slots)[-1] == flag.slot  # nothing is asked after the first yes


def test_all_noes_are_not_urgent_and_crisis_is():
    noes = {f.slot: False for f in RED_FLAGS}
    assert red_flag_outcome(noes) is None and red_flags(noes) == []
    assert not is_urgent(noes) and is_urgent(noes, crisis=True)


def test_the_chronic_line():
    assert class_for(CHRONIC_WEEKS) == "chronic" and class_for(CHRONIC_WEEKS - 0.1) == "acute"
    assert [stage_for(w) for w in (None, 5.9, 6, 11.9, 12)] == [
        None, "acute", "subacute", "subacute", "chronic"
    ]


def test_the_domain_takes_the_chronic_line_from_the_table():
    """Moving the line to 13 weeks is a change to bot/triage.py alone."""
    texts = yaml.safe_dump(DOMAIN["responses"])
    assert "{chronic_weeks}" in texts
    for literal in ("12 weeks", "3 months", "twelve weeks", "three months"):
        assert literal not in texts, literal
    assert DOMAIN["slots"]["chronic_weeks"]["type"] == "text"
