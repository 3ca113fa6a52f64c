"""The red-flag screen as tests answer and recognise it, taken from `bot.triage.RED_FLAGS` and
the `utter_ask_<slot>` texts in domain.yml, so a new red flag needs no test edited."""

from __future__ import annotations

import functools
import re

import yaml

from bot.settings import ROOT
from bot.triage import RED_FLAG_SLOTS


def screen_answers(yes_at: str | None = None, *, yes: str = "yes", no: str = "no") -> list[str]:
    """`no` to each red-flag question in screen order; with `yes_at` (a red-flag slot), `yes` to
    that one and nothing after it, since the screen stops at the first yes."""
    if yes_at is None:
        return [no] * len(RED_FLAG_SLOTS)
    if yes_at not in RED_FLAG_SLOTS:
        raise ValueError(f"{yes_at!r} is not a red-flag slot: {RED_FLAG_SLOTS}")
    return [no] * RED_FLAG_SLOTS.index(yes_at) + [yes]


@functools.lru_cache(maxsize=1)
def _responses() -> dict:
    return yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["responses"]


def question(slot: str) -> str:
    """What the assistant asks for `slot`: the unconditional text of `utter_ask_<slot>`."""
    return next(v["text"] for v in _responses()[f"utter_ask_{slot}"] if not v.get("condition"))


def screen_questions() -> list[str]:
    """The red-flag questions in screen order: `screen_questions()[n]` follows n "no"s."""
    return [question(slot) for slot in RED_FLAG_SLOTS]


def screen_pattern() -> str:
    """A regular expression that finds any red-flag question in a message."""
    return "|".join(re.escape(q) for q in screen_questions())
