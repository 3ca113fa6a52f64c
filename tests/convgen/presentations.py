"""Probe presentations as whole conversations: a truthful patient opens with the presentation's
words and answers every question, so the outcome (offered a booking, or sent away) is what the
running assistant does, not what `bot.screening.detect` predicts from the words alone.

The patient answers each red-flag question yes when it is a question of the presentation's own
warning sign (serious ones: `benchmarks.warning_signs.CATEGORY_SIGNS`) or when its words state
the sign (`detect(text).stated`), and no otherwise. Other questions get plain answers (the place
a presentation of its category hurts, a length, an activity, a score); the read-back is agreed
to, and the offer to book is declined, which ends the conversation once the screen is passed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from benchmarks.warning_signs import CATEGORY_SIGNS
from bot.screening import detect
from bot.warning_signs import SIGNS_BY_NAME
from tests.convgen.driver import Conversation, Driver, Failure
from tests.convgen.patient import Patient
from tests.convgen.persona import Persona, make_persona
from tests.convgen.responses import Reply, Responses

# The place a presentation of each category names when it is asked where it hurts (the
# extractor found none in its words): the region the category's screen belongs to.
CATEGORY_PLACE = {
    "dvt": "calf",
    "cervical_arterial": "neck",
    "cardiac": "chest",
    "aaa": "lower back",
    "myelopathy": "neck",
    "thunderclap_headache": "head",
    "systemic_night_pain": "lower back",
    "cauda_equina": "lower back",
}
OFFERED = {"utter_offer_booking", "utter_ask_booking_preference", "utter_offer_slots",
           "utter_booking_confirmed"}  # fmt: skip


def truthful_slots(item: dict[str, Any]) -> frozenset[str]:
    """The red-flag slots a truthful patient with presentation `item` answers yes."""
    stated = set(detect(item["text"]).stated)
    if item["kind"] != "serious":
        return frozenset(stated)
    own = {a.slot for name in CATEGORY_SIGNS[item["category"]] for a in SIGNS_BY_NAME[name].asks}
    return frozenset(stated | own)


class TruthfulPatient(Patient):
    """A `Patient` whose red-flag answers are `truthful_slots`, who never says "not sure", and
    who agrees with the read-back (the facts read back are not what is measured here)."""

    def __init__(self, persona: Persona, yes: frozenset[str]) -> None:
        super().__init__(persona)
        self.yes = yes

    def flag_truth(self, slot: str) -> bool:
        if slot not in self.flags_asked:
            self.flags_asked.append(slot)
        return slot in self.yes

    def summary(self, reply: Reply) -> str:
        return self.yes_no(reply, True)


def persona_for(item: dict[str, Any], seed: int) -> Persona:
    """A tidy patient (no typos, digressions, repeats or corrections) who opens with the
    presentation's words and declines the offer to book."""
    place = CATEGORY_PLACE[item.get("category") or item["lookalike"]]
    return dataclasses.replace(
        make_persona(seed), region=place, words=place, plural=None, side=None,
        opening=item["text"], says_hi_first=False, goal="decline", correction=None,
        unsure_at=None, yes_at=None, score_range=False, typo=0.0, digression=0.0, repeat=0.0,
        title=0.0,
    )


@dataclass
class Outcome:
    item: dict[str, Any]
    conv: Conversation

    @property
    def offered(self) -> bool:
        """Whether the assistant offered or made a booking."""
        return bool(self.conv.names() & OFFERED)

    @property
    def sent_away(self) -> bool:
        """Whether the conversation ended in red-flag advice (no booking)."""
        return "urgent" in self.conv.seen()

    @property
    def failures(self) -> list[Failure]:
        return self.conv.failures

    def transcript(self) -> str:
        lines = []
        for turn in self.conv.turns:
            lines.append(f"  > {turn.text[:160]}")
            lines += [f"  < [{r.name}] {r.text[:120]}" for r in turn.replies]
        return "\n".join(lines)


def converse(rasa_url: str, items: Iterable[dict[str, Any]],
             progress: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    """One conversation per presentation against the Rasa server at `rasa_url`, in order."""
    driver, outcomes = Driver(rasa_url, Responses()), []
    for seed, item in enumerate(items):
        persona = persona_for(item, seed)
        conv = driver.run(persona, TruthfulPatient(persona, truthful_slots(item)))
        outcomes.append(Outcome(item, conv))
        if progress:
            progress(outcomes[-1])
    return outcomes
