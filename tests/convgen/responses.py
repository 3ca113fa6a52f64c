"""Names the assistant's REST replies by the `domain.yml` response they were rendered from.

A response text becomes a regular expression: the clinic's facts (`actions.common.clinic_facts`)
are filled in, every other `{placeholder}` (a slot, a summary, a date) matches any text. A reply
matching several responses gets the one with the most literal text. domain.yml is read when a
`Responses` is built, so responses added while this runs are named too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from actions.common import clinic_facts
from bot.clinic import load_profile
from bot.settings import DEFAULT_CLINIC_PROFILE, ROOT

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True)
class Reply:
    """One message of a REST answer: its response name (None: not from domain.yml), text and
    buttons as (title, payload) pairs."""

    name: str | None
    text: str
    buttons: tuple[tuple[str, str], ...] = ()

    @property
    def titles(self) -> list[str]:
        return [title for title, _ in self.buttons]


def _pattern(text: str, facts: dict[str, list[str]]) -> tuple[re.Pattern[str], int]:
    """The regex for one response text and how many literal characters it holds. A fact may
    have several values (the routine and the urgent call-back promise): any of them matches."""
    parts, literal, last = [], 0, 0
    for match in _PLACEHOLDER.finditer(text):
        parts.append(re.escape(text[last:match.start()]))
        literal += match.start() - last
        values = facts.get(match.group(1))
        if values:
            parts.append("(?:" + "|".join(re.escape(v) for v in values) + ")")
            literal += min(len(v) for v in values)
        else:
            parts.append(r"(?:.|\n)+?")
        last = match.end()
    parts.append(re.escape(text[last:]))
    literal += len(text) - last
    return re.compile("".join(parts) + r"\Z"), literal


class Responses:
    """Every response of a domain, ready to name the replies the servers send."""

    def __init__(self, domain: Path = ROOT / "domain.yml") -> None:
        responses = yaml.safe_load(domain.read_text(encoding="utf-8"))["responses"]
        profile = load_profile(DEFAULT_CLINIC_PROFILE)
        facts: dict[str, list[str]] = {}
        for urgent in (False, True):  # urgent chats are promised the urgent call-back window
            for k, v in clinic_facts(profile, urgent=urgent).items():
                if str(v) not in facts.setdefault(k, []):
                    facts[k].append(str(v))
        self.texts: dict[str, list[str]] = {}
        self._patterns: list[tuple[int, str, re.Pattern[str]]] = []
        for name, variants in responses.items():
            for variant in variants:
                text = variant.get("text")
                if not text:
                    continue
                self.texts.setdefault(name, []).append(text)
                pattern, literal = _pattern(text.strip(), facts)
                self._patterns.append((literal, name, pattern))
        self._patterns.sort(key=lambda item: -item[0])

    def name_of(self, text: str) -> str | None:
        """The response `text` was rendered from, or None."""
        text = text.strip()
        for _, name, pattern in self._patterns:
            if pattern.match(text):
                return name
        return None

    def replies(self, messages: list[dict[str, Any]]) -> list[Reply]:
        """The REST channel's JSON answer as named replies."""
        out = []
        for message in messages:
            text = message.get("text") or ""
            buttons = tuple(
                (str(b.get("title", "")), str(b.get("payload", "")))
                for b in message.get("buttons") or []
            )
            out.append(Reply(self.name_of(text), text, buttons))
        return out
