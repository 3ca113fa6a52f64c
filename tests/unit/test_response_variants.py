"""Conditional responses: Rasa picks at random among the variants whose conditions all hold
(rasa.core.nlg.response.TemplatedNaturalLanguageGenerator), so two variants of one response
must never both hold. A nameless urgent patient who also declined the number was told, at
random, "The clinic will call you" (patient newcomer test)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
import yaml

DOMAIN = yaml.safe_load((Path(__file__).parents[2] / "domain.yml").read_text(encoding="utf-8"))


def _conditions(variants: list[dict]) -> list[dict[str, object]]:  # type: ignore[type-arg]
    return [
        {c["name"]: c["value"] for c in v["condition"]} for v in variants if v.get("condition")
    ]


@pytest.mark.parametrize("name", sorted(DOMAIN["responses"]))
def test_no_two_conditional_variants_can_hold_at_once(name):
    for first, second in itertools.combinations(_conditions(DOMAIN["responses"][name]), 2):
        exclusive = any(slot in second and second[slot] != value for slot, value in first.items())
        assert exclusive, (name, first, second)
