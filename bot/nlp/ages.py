"""Onsets told by the patient's age or a child's: "since I was 19, I'm 34 now", "since my late
twenties, I'm 44", "since high school, I'm 30", "ever since I had my 3rd, she's 6".

With the current age said anywhere in the message, the length is the difference (a decade gives
a range and its midpoint, as the spec reads ranges); without it, `bot.nlp.vague` still reads "since
my twenties" as chronic with no number, and the assistant asks "how old are you now?" only when
the class depends on it. A decade's parts follow the labelling conventions
(tests/data/corpus/brief/corpus_labeller.md): early 0-2, mid 4-6, late 7-9; high school 14-18.
"""

from __future__ import annotations

import re

from bot.nlp.durations import UNIT
from bot.nlp.model import STATUS_NEEDS_AGE, WEEKS_PER_YEAR, Span, TimeMention

_DECADES = {
    "teens": 13, "twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
    "seventies": 70, "eighties": 80,
}  # fmt: skip
_PARTS = {"early": (0, 2), "mid": (4, 6), "late": (7, 9)}
_SINCE = r"(?:ever\s+)?(?:since|sinse|from|started\s+(?:when|at|in))"
# "since I was 19", "since age 30", "i was 22 when it started", "started in my 40s".
_AGE_ONSET = re.compile(
    rf"\b{_SINCE}\s+(?:i\s+was|i\s+turned|age|the\s+age\s+of|i\s+was\s+like|i\s+was\s+about|"
    r"i\s+was\s+around)\s+(?:like\s+|about\s+|around\s+)?(?P<age>\d{1,2})\b(?!\s*(?:%|am|pm|:))"
    r"|\b(?:i\s+was|at)\s+(?P<age2>\d{1,2})\s+when\s+(?:it|this|the\s+pain)\s+(?:started|began)"
    r"|\b(?:started|began)\s+when\s+i\s+(?:turned|was)\s+(?P<age3>\d{1,2})\b"
    rf"|\b{_SINCE}\s+(?:my|his|her)\s+(?:(?P<part>early|mid|late)[\s-]*)?"
    r"(?P<decade>teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|"
    r"(?:[1-8]0)'?s)\b"
    rf"|\b{_SINCE}\s+(?:i\s+was\s+in\s+)?(?P<hs>high\s*school|hs)\b",
    re.IGNORECASE,
)
# "I'm 52", "I am 72 years old", "im 45", "now 35", "I'm 44 now": the current age.
_NOW = re.compile(
    r"\b(?:i'?m|im|i\s+am|am\s+now|now|aged?)\s+(?:now\s+)?(?P<now>\d{2,3})\b"
    rf"(?!\s*(?:%|{UNIT}\b|lbs?|pounds|kg|kgs|cm|ft|feet|foot|inches|in\b|miles|km|mg|"
    r"/\s*10|out\s+of|x\b))",
    re.IGNORECASE,
)
# "since I had my 3rd kid. she's 6", "ever since my son was born, he's 4 now".
_CHILD_WORD = (
    r"(?:kid|kids|son|daughter|baby|child|twins|grandson|granddaughter|grandbaby|youngest|"
    r"little\s+one|\d(?:st|nd|rd|th))"
)
_CHILD = re.compile(
    rf"\b{_SINCE}\s+(?:(?:i\s+had|having|the\s+birth\s+of)\s+(?:my\s+|our\s+)?(?:[\w']+\s+){{0,2}}?"
    rf"{_CHILD_WORD}\b|(?:my|our)\s+(?:[\w']+\s+){{0,2}}?{_CHILD_WORD}\s+(?:was|were)\s+"
    r"(?:born|delivered)|(?:my|our)\s+(?:[\w']+\s+){0,2}?" + _CHILD_WORD + r"\s+arrived)"
    r"[^.!?]{0,50}?[.,;!]?\s*[^.!?]{0,20}?"
    r"\b(?:s?he|they)(?:'?s|\s+is|\s+are|'re)\s+(?:now\s+)?(?P<child>\d{1,2})\b"
    r"(?!\s*(?:months?|mnths?|mths?|mos?|weeks?|wks?|days?|old\s+(?:months?|weeks?)))",
    re.IGNORECASE,
)


def _decade(said: str) -> int:
    """The first year of a decade said as "thirties", "30s" or "30's" (teens: 13)."""
    said = said.lower().replace("'", "")
    return _DECADES.get(said) or int(said.rstrip("s"))


def age_mentions(text: str) -> list[TimeMention]:
    """Lengths from an onset age and the current age, both said in `text`."""
    mentions = []
    for m in _CHILD.finditer(text):
        years = int(m.group("child"))
        span = Span(m.start(), m.end(), text[m.start() : m.end()])
        mentions.append(TimeMention(span, weeks=years * WEEKS_PER_YEAR, score=0))
    onsets = list(_AGE_ONSET.finditer(text))
    ages_now = [int(n.group("now")) for n in _NOW.finditer(text)
                if 13 <= int(n.group("now")) <= 110
                and not any(o.start() <= n.start() < o.end() for o in onsets)]
    if not ages_now:
        # "since I was 30": how long depends on the age now, which the assistant asks for.
        for m in onsets:
            said = m.group("age") or m.group("age2") or m.group("age3")
            if not said:
                continue
            span = Span(m.start(), m.end(), text[m.start() : m.end()])
            if int(said) < 13:  # "since I was 8": a childhood onset, years ago for an adult
                mentions.append(TimeMention(span, pain_class="chronic", pain_stage="chronic"))
            else:
                mentions.append(TimeMention(span, status=STATUS_NEEDS_AGE, onset_age=int(said)))
        return mentions
    now = max(ages_now)
    for m in onsets:
        said = m.group("age") or m.group("age2") or m.group("age3")
        if said:
            low = high = int(said)
        elif m.group("hs"):
            low, high = 14, 18
        else:
            first = _decade(m.group("decade"))
            low, high = (first, first + 9) if first != 13 else (13, 19)
            if m.group("part"):
                a, b = _PARTS[m.group("part").lower()]
                low, high = first + a, first + b
        if not 0 < low <= high <= now:
            continue
        span = Span(m.start(), m.end(), text[m.start() : m.end()])
        lo, hi = (now - high) * WEEKS_PER_YEAR, (now - low) * WEEKS_PER_YEAR
        ranged = (lo, hi) if lo != hi else (None, None)
        mentions.append(TimeMention(span, weeks=(lo + hi) / 2, low=ranged[0], high=ranged[1],
                                    score=0))
    return mentions
