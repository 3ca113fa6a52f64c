"""The red-flag screen as tests answer and recognise it, taken from the triage table
(`bot.triage`, `bot.screening`) and the `utter_ask_<slot>` texts in domain.yml, so a new red flag
needs no test edited.

The screen fits the presentation: pass the patient's first message (`message`) and the screen is
the one that message gets (a knee: the general questions; a back, or nothing known: the five
spine questions; a warning sign in the words: its questions first).
"""

from __future__ import annotations

import datetime as dt
import functools
import re

import yaml

from bot.nlp import extract
from bot.screening import detect, regional_questions, triggered_questions
from bot.settings import ROOT
from bot.triage import ALL_FLAG_SLOTS, RED_FLAG_SLOTS


@functools.lru_cache(maxsize=64)
def screen_slots(message: str | None = None) -> tuple[str, ...]:
    """The red-flag questions asked after `message` (None: the spine screen), in the order
    asked, when every answer is no."""
    if message is None:
        return RED_FLAG_SLOTS
    locations = extract(message, today=dt.date(2026, 6, 1)).to_dict().get("locations")
    first = triggered_questions({"warning_signs": list(detect(message).triggered)})
    regional = [s for s in regional_questions(locations) if s not in first]
    return tuple(dict.fromkeys(first + regional))


def screen_answers(
    yes_at: str | None = None, *, yes: str = "yes", no: str = "no", message: str | None = None
) -> list[str]:
    """`no` to each red-flag question in screen order; with `yes_at` (a red-flag slot), `yes` to
    that one and nothing after it, since the screen stops at the first yes."""
    slots = screen_slots(message)
    if yes_at is None:
        return [no] * len(slots)
    if yes_at not in slots:
        raise ValueError(f"{yes_at!r} is not in this screen: {slots}")
    return [no] * slots.index(yes_at) + [yes]


@functools.lru_cache(maxsize=1)
def _responses() -> dict:
    return yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["responses"]


def response_text(name: str) -> str:
    """The first text of the response `name` in domain.yml without a condition."""
    variants = _responses()[name]
    return str(next((v for v in variants if not v.get("condition")), variants[0])["text"])


def clarifying_question(slot: str) -> str:
    """The clarifying version of `utter_ask_<slot>` (asked after "not sure" or "neither")."""
    return next(
        v["text"] for v in _responses()[f"utter_ask_{slot}"]
        if {"type": "slot", "name": "slot_followup", "value": slot} in v.get("condition", [])
    )


def question(slot: str) -> str:
    """What the assistant asks for `slot`: the unconditional text of `utter_ask_<slot>`."""
    return next(v["text"] for v in _responses()[f"utter_ask_{slot}"] if not v.get("condition"))


def screen_questions(message: str | None = None) -> list[str]:
    """The red-flag questions in screen order: `screen_questions()[n]` follows n "no"s."""
    return [question(slot) for slot in screen_slots(message)]


def screen_pattern() -> str:
    """A regular expression that finds any red-flag question (or its clarifying version)."""
    texts = [v["text"] for slot in ALL_FLAG_SLOTS for v in _responses()[f"utter_ask_{slot}"]]
    return "|".join(re.escape(text) for text in texts)
