"""Which side hurts: a paired body part named without a side ("my knee") is asked about once."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from bot.nlp.region_context import SIDE_WORDS
from bot.nlp.side_words import said_side

PAIRED = frozenset(
    {
        "shoulder",
        "arm",
        "elbow",
        "wrist",
        "hand",
        "hip",
        "buttock",
        "groin",
        "leg",
        "thigh",
        "knee",
        "lower_leg",
        "ankle",
        "foot",
    }
)
UNSURE = "unsure"
_SIDE = re.compile(
    r"\b(" + "|".join(sorted(SIDE_WORDS, key=len, reverse=True)) + r"|each|either)\b", re.I
)
_UNSURE = re.compile(
    r"\b(not sure|don'?t know|dunno|unsure|middle|cent(?:er|re)|neither|no idea)\b", re.I
)
_WORDS = {**SIDE_WORDS, "each": "both", "either": "both"}


def sideless(locations: Sequence[Mapping[str, Any]] | None) -> list[Mapping[str, Any]]:
    """The paired body parts the patient named without saying which side."""
    return [loc for loc in locations or [] if loc.get("region") in PAIRED and not loc.get("side")]


def needs_side(slots: Mapping[str, Any]) -> bool:
    return bool(sideless(slots.get("pain_locations"))) or slots.get("pain_side") is not None


def question_region(locations: Sequence[Mapping[str, Any]] | None) -> str | None:
    """How to name the part in "Which knee: left, right or both?"."""
    missing = sideless(locations)
    return missing[0]["region"].replace("_", " ") if missing else None


def answer_side(text: str, locations: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Slot updates for an answer to the side question; `pain_side` None asks again."""
    if _UNSURE.search(text):
        return {"pain_side": UNSURE}
    match = _SIDE.search(text)
    said = said_side(text)  # "right now", "all right" and "I left work" name no side
    if said is None and (not match or _WORDS[match.group(0).lower()] in ("left", "right")):
        return {"pain_side": None}
    side = said or _WORDS.get(match.group(0).lower(), match.group(0).lower())
    fixed = [
        {**loc, "side": side} if loc in sideless(locations) else dict(loc) for loc in locations
    ]
    return {"pain_side": side, "pain_locations": fixed}
