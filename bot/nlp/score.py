"""0-10 pain scores as patients type them: "6", "six", "6/10", "about a 7", "maybe 5 or 6"."""

from __future__ import annotations

import math
import re

from bot.nlp.numbers import NUMBER, number_value

# A number that is a time, a count or a date is never the score ("6 weeks", "3/15", "2pm").
_NOT_A_SCORE_AFTER = re.compile(
    r"\s*(?:-\s*)?(?:days?|weeks?|wks?|months?|mos?|mths?|years?|yrs?|hours?|hrs?|minutes?|mins?"
    r"|times?|x\b|am\b|pm\b|%|percent|o'?clock|st\b|nd\b|rd\b|th\b|kids?|miles?|lbs?|pounds?"
    r"|steps?|flights?|stairs|feet|ft|inches|years?\s+old)",
    re.IGNORECASE,
)
_CANDIDATE = re.compile(
    rf"(?<![\w./])(?P<n>{NUMBER})(?P<denom>\s*(?:/|out\s+of|outta|of)\s*10\b)?(?![\w/])"
    r"(?:\s*(?:-|–|to|or)\s*(?P<n2>\d+(?:\.\d+)?|[a-z]+)(?![\w/]))?",
    re.IGNORECASE,
)


def _as_score(value: float | None) -> int | None:
    if value is None or not 0 <= value <= 10:
        return None
    # "6.5" rounds up, like "5 or 6" taking the higher: the worse reading is the safer one.
    return int(math.floor(value + 0.5))


# "one" is a pronoun more often than a score: "the left one". Only these make it a number.
_ONE_AS_SCORE_BEFORE = re.compile(
    r"(?:^|\b(?:a|about|maybe|like|is|'s|say|around|probably|perhaps|just|at|solid|me|it)\s+)$",
    re.IGNORECASE,
)


def parse_pain_score(text: str) -> int | None:
    """The 0-10 score in an answer, the higher one for "5 or 6"; None when there is none."""
    if not isinstance(text, str):
        return None
    text = text[:2000]
    best: int | None = None
    for m in _CANDIDATE.finditer(text):
        if not m.group("denom"):
            last = "n2" if m.group("n2") else "n"
            if _NOT_A_SCORE_AFTER.match(text, m.end(last)):
                continue  # "6 weeks", "2-3 times"
            if m.group("n").lower() == "one" and not _ONE_AS_SCORE_BEFORE.search(
                text[max(0, m.start() - 20) : m.start()]
            ):
                continue
        values = [number_value(m.group("n"))]
        if m.group("n2") and number_value(m.group("n2")) is not None:
            values.append(number_value(m.group("n2")))
        scores = [_as_score(v) for v in values]
        if not scores or any(score is None for score in scores):
            continue  # "11", "15/10": out of range
        score = max(s for s in scores if s is not None)
        best = score if best is None else max(best, score)
    return best
