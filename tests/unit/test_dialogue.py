"""domain.yml and data/ agree with the dialogue's tables in bot/dialogue.py."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.dialogue import (
    CONTROL_INTENTS,
    FAQ_INTENT,
    INTENTS,
    SURE,
    Kind,
    Stage,
    intents_of,
    is_digression,
)

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text())
FORMS = tuple(DOMAIN["forms"])


def _rules() -> list[dict]:
    rules = []
    for path in sorted((ROOT / "data" / "rules").glob("*.yml")):
        rules += yaml.safe_load(path.read_text()).get("rules", [])
    return rules


def _intent_then(rule: dict) -> tuple[str | None, list[str]]:
    steps = rule.get("steps", [])
    intent = next((s["intent"] for s in steps if "intent" in s), None)
    return intent, [s["action"] for s in steps if "action" in s]


def test_every_domain_intent_has_a_kind_and_every_kind_an_intent():
    # The retrieval intent comes from the NLU data, which Rasa merges into the domain.
    assert set(DOMAIN["intents"]) | {FAQ_INTENT} == set(INTENTS)
    assert all(intents_of(kind) for kind in Kind)


def test_the_stages_are_the_slot_values():
    assert DOMAIN["slots"]["dialogue_stage"]["values"] == [stage.value for stage in Stage]


def _faq_names() -> set[str]:
    nlu = yaml.safe_load((ROOT / "data" / "nlu" / "faq.yml").read_text())["nlu"]
    return {block["intent"].split("/", 1)[1] for block in nlu if "/" in block["intent"]}


def test_every_faq_has_its_answer_and_is_answered_in_every_form():
    assert intents_of(Kind.FAQ) == {FAQ_INTENT}
    names = _faq_names()
    assert names and {f"utter_faq/{name}" for name in names} == {
        r for r in DOMAIN["responses"] if r.startswith("utter_faq/")
    }
    answered = set()
    for rule in _rules():
        intent, actions = _intent_then(rule)
        if intent == FAQ_INTENT and "action_answer_faq" in actions:
            answered.add(next((a for a in actions if a in FORMS), None))
    assert answered == {None, *FORMS}


def test_control_requests_interrupt_every_form():
    interrupted: dict[str, set] = {}
    for rule in _rules():
        intent, _ = _intent_then(rule)
        for condition in rule.get("condition", []):
            if intent in CONTROL_INTENTS and condition.get("active_loop") in FORMS:
                interrupted.setdefault(intent, set()).add(condition["active_loop"])
    for intent in CONTROL_INTENTS:
        assert interrupted.get(intent) == set(FORMS), (intent, interrupted.get(intent))


@pytest.mark.parametrize(
    ("intent", "confidence", "answer", "also", "expected"),
    [
        ("stop", 0.1, True, frozenset(), True),  # control always interrupts
        ("faq", SURE, False, frozenset(), True),
        ("faq", SURE - 0.01, False, frozenset(), False),
        ("faq", 0.99, True, frozenset(), False),  # the form read an answer
        ("greet", 0.9, False, frozenset(), True),
        ("request_booking", 0.9, False, frozenset({"request_booking"}), False),
        ("describe_pain", 0.99, False, frozenset(), False),
        (None, 0.0, False, frozenset(), False),
    ],
)
def test_is_digression(intent, confidence, answer, also, expected):
    assert is_digression(
        intent, confidence, looks_like_answer=answer, also_answers=also
    ) is expected
