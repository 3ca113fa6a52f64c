"""0-10 pain scores as patients type them: "6", "six", "6/10", "about a 7", "maybe 5 or 6",
and corrections of one ("6 out of 10 not 8", "8? no 6", "from 8 to 6")."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from bot.nlp.numbers import NUMBER, number_value

# A number that is a time, a count or a date is never the score ("6 weeks", "3/15", "2pm").
_NOT_A_SCORE_AFTER = re.compile(
    r"\s*(?:-\s*)?(?:days?|weeks?|wks?|months?|mos?|mths?|years?|yrs?|hours?|hrs?|minutes?|mins?"
    r"|times?|x\b|am\b|pm\b|%|percent|o'?clock|st\b|nd\b|rd\b|th\b|kids?|miles?|lbs?|pounds?"
    r"|steps?|flights?|stairs|feet|ft|inches|years?\s+old)",
    re.IGNORECASE,
)
_CANDIDATE = re.compile(
    # Not after a minus sign or "minus": "-3" is no score ("3-4" is a range).
    r"(?<![\w./])(?<!(?<![\w.])[-\u2212])(?<!\bminus )"
    # "7ish" is a 7 (it was read as no score, and the crisis check came: patient newcomer test)
    rf"(?P<n>{NUMBER})(?:-?ish)?(?P<denom>\s*(?:/|out\s+of|outta|of)\s*10\b)?(?![\w/])"
    r"(?:\s*(?P<sep>-|–|to|or)\s*(?P<n2>\d+(?:\.\d+)?|[a-z]+)(?![\w/]))?",
    re.IGNORECASE,
)
# "one" is a pronoun more often than a score: "the left one". Only these make it a number.
_ONE_AS_SCORE_BEFORE = re.compile(
    r"(?:^|\b(?:a|about|maybe|like|is|'s|say|around|probably|perhaps|just|at|solid|me|it)\s+)$",
    re.IGNORECASE,
)
_FILLER = r"(?:(?:a|an|the|my|really|quite|even|exactly|at|like|about|that|score|pain|number)\s+)*"
# A score the patient denies: "not 8", "isn't an 8", "6 rather than 8".
_DENIED_BEFORE = re.compile(
    rf"(?:\bnot|n't|\bnever|\bno\s+longer|\binstead\s+of|\brather\s+than)\s+{_FILLER}$",
    re.IGNORECASE,
)
# A score the patient is moving away from: "I said 8", "it was 8", "from 8", "worse than 6".
_EARLIER_BEFORE = re.compile(
    rf"(?:\bwas|\bwere|\bsaid|\bput|\btyped|\bwrote|\bgave|\bused\s+to\s+be|\bfrom|\bthan"
    rf"|\bas\s+(?:bad|high|much|severe)\s+as|\bchange|\bchanged|\bswitch)\s+{_FILLER}$",
    re.IGNORECASE,
)
# What follows a score taken back: "8? no 6", "8 -> 6", "the 8 is wrong, 6", "8 yesterday".
_TAKEN_BACK_AFTER = re.compile(
    r"\s*[?!.,;:)]*\s*(?:no+\b|nope\b|nah\b|sorry\b|oops\b|i\s+mean|i\s+meant|actually\b|wait\b"
    r"|correction\b|scratch\s+that|make\s+(?:that|it)\b|should\s+(?:be|have\s+been|say|read)\b"
    r"|(?:is|was|'s)\s+(?:wrong|too\s+high|too\s+low|off|not\s+right)\b|too\s+(?:high|low)\b"
    r"|(?:is|was)n'?t\s+right|->|=>|→|before\b|earlier\b|yesterday\b|last\s+(?:time|night|week)"
    r"|but\s+(?:now|really|actually|more\s+like|today|tonight|it'?s|its)\b)",
    re.IGNORECASE,
)
# "from 8 to 6", "change it from an 8 to a 6": the second number is the new score.
_FROM_TO_BEFORE = re.compile(
    rf"(?:\bfrom|\bchange|\bchanged|\bswitch|\blower|\bdrop|\bdown|\bup)\s+{_FILLER}$", re.I
)
# ... but "it ranges from 8 to 4" is a range, read as its worse end like "5 to 6".
_RANGE_FROM = re.compile(
    r"\b(?:range[sd]?|ranging|var(?:y|ies|ied)|anywhere|goes|go|going)\s+from\b", re.I
)


@dataclass(frozen=True)
class ScoreMention:
    """One 0-10 score in a text: character offsets, the score, and how the patient framed it.

    `denied`: the patient says it is not the score ("not 8"); `earlier`: a score they are
    correcting ("I said 8", "8? no 6"), used only when nothing newer is given.
    """

    start: int
    end: int
    score: int
    denied: bool = False
    earlier: bool = False


def _as_score(value: float | None) -> int | None:
    if value is None or not 0 <= value <= 10:
        return None
    # "6.5" rounds up, like "5 or 6" taking the higher: the worse reading is the safer one.
    return int(math.floor(value + 0.5))


def _value(m: re.Match[str], text: str) -> int | None:
    """The score of one candidate match, or None when it is a time, a count or out of range."""
    if not m.group("denom"):
        last = "n2" if m.group("n2") else "n"
        if _NOT_A_SCORE_AFTER.match(text, m.end(last)):
            return None  # "6 weeks", "2-3 times"
        if m.group("n").lower() == "one" and not _ONE_AS_SCORE_BEFORE.search(
            text[max(0, m.start() - 20) : m.start()]
        ):
            return None
    values = [number_value(m.group("n"))]
    if m.group("n2") and number_value(m.group("n2")) is not None:
        values.append(number_value(m.group("n2")))
    scores = [_as_score(v) for v in values]
    if any(score is None for score in scores):
        return None  # "11", "15/10": out of range
    before = text[max(0, m.start() - 40) : m.start()]
    if (
        len(scores) == 2
        and m.group("sep").lower() == "to"
        and _FROM_TO_BEFORE.search(before)
        and not _RANGE_FROM.search(before)
    ):
        return scores[1]  # "from 8 to 6"
    return max(s for s in scores if s is not None)


def score_mentions(text: str) -> list[ScoreMention]:
    """Every 0-10 score in `text` (the first 2,000 characters), in order."""
    if not isinstance(text, str):
        return []
    text = text[:2000].replace("\u2019", "'")
    kept: list[tuple[re.Match[str], int]] = []
    for m in _CANDIDATE.finditer(text):
        score = _value(m, text)
        if score is not None:
            kept.append((m, score))
    mentions = []
    for i, (m, score) in enumerate(kept):
        before = text[max(0, m.start() - 40) : m.start()]
        later = i + 1 < len(kept)
        earlier = bool(_EARLIER_BEFORE.search(before)) or (
            later and bool(_TAKEN_BACK_AFTER.match(text, m.end()))
        )
        denied = bool(_DENIED_BEFORE.search(before))
        mentions.append(ScoreMention(m.start(), m.end(), score, denied, earlier))
    return mentions


def parse_pain_score(text: str) -> int | None:
    """The 0-10 score in an answer; None when there is none.

    The higher one for "5 or 6" and "4 at rest, 8 when I walk" (the worse reading is the safer
    one); a corrected score is the new one ("6 out of 10 not 8", "8? no 6", "from 8 to 6").
    """
    mentions = [m for m in score_mentions(text) if not m.denied]
    current = [m for m in mentions if not m.earlier] or mentions
    return max((m.score for m in current), default=None)
