"""The assistant's real texts: responses read from domain.yml and filled like the actions do."""

from __future__ import annotations

import functools
import string
from dataclasses import dataclass, field
from typing import Any

import yaml

from bot.clinic import ClinicProfile
from bot.settings import ROOT
from bot.triage import CHRONIC_WEEKS

DOMAIN = ROOT / "domain.yml"


@dataclass(frozen=True)
class Said:
    """One message: who said it, its text and the titles of any buttons offered with it."""

    speaker: str  # "bot" or "user", as Rasa's events name them
    text: str
    buttons: list[dict[str, str]] = field(default_factory=list)


@functools.lru_cache(maxsize=1)
def _responses() -> dict[str, list[dict[str, Any]]]:
    return yaml.safe_load(DOMAIN.read_text(encoding="utf-8"))["responses"]


def clinic_values(profile: ClinicProfile) -> dict[str, str]:
    """The clinic facts responses name (as actions/common.py `clinic_facts` fills them)."""
    return {
        "clinic_name": profile.display_name,
        "clinic_phone": profile.phone,
        "clinic_address": profile.address,
        "callback_window": profile.callback_window,
        "chronic_weeks": f"{CHRONIC_WEEKS:g}",  # the line the explanations state (bot.triage)
    }


def variant(name: str) -> dict[str, Any]:
    """The response's unconditional variant: what the assistant says by default."""
    variants = _responses()[name]
    return next((v for v in variants if not v.get("condition")), variants[0])


def fields(name: str) -> set[str]:
    """The `{slot}` names a response's text uses."""
    return {f for _, f, _, _ in string.Formatter().parse(variant(name)["text"]) if f}


def bot(name: str, **values: Any) -> Said:
    """Response `name` with its `{slots}` filled; a missing value is an error, not a blank."""
    chosen = variant(name)
    missing = fields(name) - set(values)
    if missing:
        raise KeyError(f"{name} needs {sorted(missing)}")
    buttons = [
        {"title": str(b["title"]), "payload": str(b["payload"])} for b in chosen.get("buttons", [])
    ]
    return Said("bot", chosen["text"].format(**values), buttons)


def user(text: str) -> Said:
    return Said("user", text)
