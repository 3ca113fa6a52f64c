"""The plain-language read-back of an intake, and corrections to it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from bot.intake.corrections import apply_correction

__all__ = ["apply_correction", "describe_duration", "describe_location", "summarize"]

REGION_WORDS = {
    "upper_back": "upper back",
    "lower_back": "lower back",
    "lower_leg": "lower leg",
    "widespread": "pain all over",
}
PLURALS = {
    "foot": "feet",
    "knee": "knees",
    "hip": "hips",
    "shoulder": "shoulders",
    "elbow": "elbows",
    "wrist": "wrists",
    "hand": "hands",
    "ankle": "ankles",
    "arm": "arms",
    "leg": "legs",
    "thigh": "thighs",
    "lower_leg": "lower legs",
    "buttock": "buttocks",
    "jaw": "jaw",
}
ACTIVITY_WORDS = {
    "self_care": "dressing and washing",
    "reaching_overhead": "reaching overhead",
    "exercise_sport": "exercise and sport",
    "kneeling_squatting": "kneeling or squatting",
    "computer_use": "computer work",
    "housework": "housework",
    "work": "work",
}


def _join(items: Sequence[str]) -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def describe_location(location: Mapping[str, Any]) -> str:
    region = location.get("region") or ""
    side = location.get("side")
    words = REGION_WORDS.get(region, region.replace("_", " "))
    if region == "widespread":
        return words
    if side == "both":
        return f"both {PLURALS.get(region, words)}"
    return f"{side} {words}" if side else words


def describe_duration(slots: Mapping[str, Any]) -> str:
    said = (slots.get("pain_duration") or "").strip()
    weeks = slots.get("duration_weeks")
    pain_class = slots.get("pain_class")
    if weeks is None:
        base = said or "for a long time"
    elif weeks < 1:
        days = max(1, round(weeks * 7))
        base = f"about {days} day{'s' if days != 1 else ''}"
    else:
        rounded = round(weeks)
        base = f"about {rounded} week{'s' if rounded != 1 else ''}"
    if said and weeks is not None and "week" not in said.lower():
        if said.lower().endswith(" ago") and not said.lower().startswith(("since", "from")):
            said = f"since {said}"  # "left hip, 3 years ago, so about 156 weeks" (pass L)
        base = f"{said}, so {base}"
    if pain_class:
        base += f", which clinicians call {pain_class} pain"
    return base


def describe_activities(activities: Sequence[str], own_words: str | None) -> str:
    if activities:
        names = [ACTIVITY_WORDS.get(a, a.replace("_", " ")) for a in activities]
        verb = "is" if len(names) == 1 and names[0] not in ("stairs",) else "are"
        return f"{_join(names)} {verb} hard"
    if own_words:
        return f'about what it limits you said "{own_words[:200]}"'
    return ""


def summarize(slots: Mapping[str, Any]) -> str:
    """e.g. "right knee, about 16 weeks, which clinicians call chronic pain; stairs are hard"."""
    parts = []
    locations = slots.get("pain_locations") or []
    where = _join([describe_location(loc) for loc in locations]) or "pain"
    if slots.get("pain_locations") == []:  # "it doesn't hurt, it's dizziness" (form.py)
        where = "no particular place"
    parts.append(f"{where}, {describe_duration(slots)}")
    limits = describe_activities(slots.get("pain_activities") or [], slots.get("activities_text"))
    if limits:
        parts.append(limits)
    score = slots.get("pain_score")
    if score is not None:
        parts.append(f"{int(score)} out of 10 today")
    return "; ".join(parts)
