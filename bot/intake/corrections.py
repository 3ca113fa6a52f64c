"""Corrections at the read-back: a correction changes only what it names.

"its more like a 6 today. and actually it's my left side" changes the score and the side and
leaves the duration alone: "today" there says when the score holds (`bot.nlp` does not read it
as a duration), "right now" is not a side, and "6 out of 10 not 8" is a 6.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from bot.intake.sides import question_region
from bot.nlp import extract, parse_pain_score
from bot.nlp.side_words import said_side
from bot.symptoms import find_features
from bot.triage import stage_for

Location = dict[str, Any]
_ADDING = re.compile(r"\b(?:also|too|as\s+well|plus|another)\b", re.IGNORECASE)
_ONLY = re.compile(r"\b(?:only|just)\b", re.IGNORECASE)


# Symptoms other than the pain: a time said of one of them is not how long the pain has lasted
# ("btw I've been really short of breath since yesterday" at the booking step made a 3-week
# shoulder "about 1 day": newcomer test).
_OTHER_SYMPTOMS = frozenset({
    "breathless", "cant_breathe", "fever", "unwell", "cardiac_companion", "faint", "nausea",
    "face_numb", "dysarthria", "bladder", "swelling", "warm_red", "coughing_blood",
    "weight_loss", "dysphagia", "diplopia", "dizzy",
})  # fmt: skip
_CLAUSE_END = re.compile(r"[.;!?,\n]|\b(?:and|but)\b", re.IGNORECASE)


def _another_symptoms_clause(text: str, said: str | None) -> tuple[int, int] | None:
    """The clause (start, end) of `text` in which the duration words `said` share a clause with
    a symptom other than the pain; None when they do not."""
    at = text.find(said) if said else -1
    if at < 0:
        return None
    start = max((m.end() for m in _CLAUSE_END.finditer(text, 0, at)), default=0)
    stop = _CLAUSE_END.search(text, at + len(said))
    clause = (start, stop.start() if stop else len(text))
    other = any(clause[0] <= found.start < clause[1]
                for name, found in find_features(text).items() if name in _OTHER_SYMPTOMS)
    return clause if other else None


def _said_of_another_symptom(text: str, said: str | None) -> bool:
    """Whether the duration words `said` share a clause with a symptom other than the pain."""
    return _another_symptoms_clause(text, said) is not None


def _duration(extraction: Mapping[str, Any], text: str = "") -> dict[str, Any]:
    """The duration slots when the message says how long ("more like 8 months", "for ages"),
    not when it says how long another symptom has lasted. When it says both ("its been 2
    months, and i cant really control my bladder since tuesday": the 2 months were lost, and
    the pain became a week old: third newcomer pass), the pain's own duration is read from
    the message without the other symptom's clause."""
    if extraction.get("duration_status") != "ok" and not extraction.get("pain_class"):
        return {}
    clause = _another_symptoms_clause(text, extraction.get("duration_text"))
    if clause is not None:
        rest = text[: clause[0]] + " " * (clause[1] - clause[0]) + text[clause[1] :]
        if not rest.strip(" ,.;!?") or rest == text:
            return {}
        return _duration(extract(rest).to_dict(), rest)
    weeks = extraction.get("duration_weeks")
    return {
        "pain_duration": extraction.get("duration_text"),
        "duration_weeks": weeks,
        "duration_range": extraction.get("duration_range"),
        "pain_class": extraction.get("pain_class"),
        "pain_stage": extraction.get("pain_stage") or stage_for(weeks),
    }


def _merge_locations(
    current: Sequence[Location], named: Sequence[Location], ruled_out: set[str], adding: bool
) -> list[Location]:
    """Named places update the same region's side or join the list; with one place so far, a
    new one replaces it ("actually it's my hip") unless it is added ("my hip too"). With several,
    none is dropped unless ruled out ("not my knee"): a correction never loses what it did not
    name."""
    kept = [dict(loc) for loc in current if loc.get("region") not in ruled_out]
    regions = [loc.get("region") for loc in kept]
    fresh = [loc for loc in named if loc.get("region") not in regions]
    if fresh and len(current) <= 1 and not adding:
        return [dict(loc) for loc in named]
    for loc in named:
        if loc.get("region") in regions:
            old = kept[regions.index(loc.get("region"))]
            # "the lower back" without a side keeps the side said before.
            old["side"] = loc.get("side") or old.get("side")
        else:
            kept.append(dict(loc))
            regions.append(loc.get("region"))
    return kept


def _locations(text: str, extraction: Mapping[str, Any], slots: Mapping[str, Any]) -> dict:
    current = [dict(loc) for loc in slots.get("pain_locations") or []]
    named = [dict(loc) for loc in extraction.get("locations") or []]
    ruled_out = set(extraction.get("ruled_out_regions") or []) & {
        loc.get("region") for loc in current
    }
    if named:
        return {
            "pain_locations": _merge_locations(
                current, named, ruled_out, bool(_ADDING.search(text))
            )
        }
    if ruled_out and len(ruled_out) < len(current):
        return {"pain_locations": [loc for loc in current if loc.get("region") not in ruled_out]}
    side = said_side(text)
    if side and len(current) == 1:
        return {"pain_locations": [{**current[0], "side": side}]}
    return {}


def _activities(text: str, extraction: Mapping[str, Any], slots: Mapping[str, Any]) -> dict:
    named = list(extraction.get("activities") or [])
    ruled_out = set(extraction.get("ruled_out_activities") or [])
    old = list(slots.get("pain_activities") or [])
    if not named and not ruled_out & set(old):
        return {}
    if named and _ONLY.search(text) and not _ADDING.search(text):
        return {"pain_activities": named}  # "only sitting is hard"
    kept = [a for a in old if a not in ruled_out]
    return {"pain_activities": kept + [a for a in named if a not in kept]}


def _score(text: str, extraction: Mapping[str, Any]) -> dict[str, Any]:
    """The new score; numbers inside the duration ("since March 3") are not scores."""
    said = extraction.get("duration_text")
    if said and said in text:
        text = text.replace(said, " " * len(said), 1)
    score = parse_pain_score(text)
    return {} if score is None else {"pain_score": score}


def apply_correction(
    text: str, extraction: Mapping[str, Any], slots: Mapping[str, Any]
) -> dict[str, Any]:
    """The slot changes a correction asks for, or {} when it names nothing we can change.

    `extraction` is `bot.nlp.Extraction.to_dict()` of `text`; `slots` holds the intake so far
    (`pain_locations`, `pain_activities`, ...). Only the fields the message names change: a
    new score, a side for the one place, a place said instead of or as well as another, a
    duration, activities added or said to be fine.
    """
    updates: dict[str, Any] = {}
    updates.update(_duration(extraction, text))
    updates.update(_locations(text, extraction, slots))
    # a place added without a side is asked about by name ("Which None: left, right or both?"
    # after "it's my shoulder too": newcomer pass I)
    if region := question_region(updates.get("pain_locations")):
        updates["side_question_region"] = region
    updates.update(_activities(text, extraction, slots))
    updates.update(_score(text, extraction))
    return updates
