"""Lengths of time said with a number ("about 4 months", "2-3 wks", "a year and a half ago")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from bot.nlp.model import (
    WEEKS_PER_DAY,
    WEEKS_PER_MONTH,
    WEEKS_PER_YEAR,
    Span,
    TimeMention,
)
from bot.nlp.numbers import NUMBER, QUANTITY, is_digit_quantity, number_value, quantity_value

# Unit spellings, typos included; the longest come first inside each alternation.
UNITS: dict[str, tuple[float, str]] = {
    "minute": (WEEKS_PER_DAY / 1440, r"minutes|minute|mins|min"),
    "hour": (WEEKS_PER_DAY / 24, r"hours|hour|hrs|hr|h"),
    "day": (WEEKS_PER_DAY, r"days|dayz|day|dys|dy|d"),
    "week": (1.0, r"weeeks|weeks|weekz|weekes|wekes|wekks|weaks|week|wkes|weks|wkss|wks|wk|w"),
    "fortnight": (2.0, r"fortnights|fortnight"),
    "month": (
        WEEKS_PER_MONTH,
        r"monthes|months|monthz|month|montsh|monts|munths|mounths|monhts|mnths|mnth|mths|mth"
        r"|moths|mons|mon|mos|mo",
    ),
    "year": (WEEKS_PER_YEAR, r"yeras|yaers|yeers|yeears|yeasr|years|year|yers|yrs|yr|y"),
    "decade": (WEEKS_PER_YEAR * 10, r"decades|decade"),
}
# One-letter units are only safe straight after digits ("2w", "3y"), never after words ("a d").
_DIGITS_ONLY_UNITS = {"h", "d", "w", "y", "dy", "mo", "mon"}
_UNIT_OF = {alt: name for name, (_, alts) in UNITS.items() for alt in alts.split("|")}
UNIT = "(?:" + "|".join(sorted(_UNIT_OF, key=len, reverse=True)) + ")"

_ATOM = re.compile(
    rf"(?<![\w.])(?P<between>between\s+)?(?P<q1>{QUANTITY})"
    rf"(?:\s*(?P<sep>-|–|—|to|or|and)\s*(?P<q2>{QUANTITY}))?"
    rf"\s*-?\s*(?P<unit>{UNIT})(?![a-z])"
    r"(?P<half>\s+and\s+a\s+half)?"
    # "a month or two", "2 months maybe 3": the second number borrows the unit.
    rf"(?:,?\s+(?:or|maybe|or\s+maybe|possibly|perhaps|to)\s+(?P<q3>{NUMBER})(?![\w.])"
    rf"(?!\s*{UNIT}(?![a-z]))(?!\s*(?:/|out\s+of)))?",
    re.IGNORECASE,
)
HEDGE = (
    r"(?:about|around|like|prob|probs|nearly|almost|roughly|approximately|approx\.?|abt|maybe|probably|"
    r"perhaps|possibly|over|more\s+than|less\s+than|under|at\s+least|just|only|a\s+little|"
    r"a\s+bit|well|a\s+good|close\s+to|going\s+on|easily|somewhere\s+around|already|"
    r"been|it'?s\s+been|good|more\s+like|closer\s+to|nearer\s+to)"
)
_PREFIX = re.compile(
    rf"(?<!\w)(?:(?:for|since|over|in|within|during|from)\s+)?(?:{HEDGE}\s+|[~<>]\s*)*"
    rf"(?:(?:the\s+)?(?:past|last|previous|recent)\s+)?(?:{HEDGE}\s+|[~<>]\s*)*$",
    re.IGNORECASE,
)
_SUFFIX = re.compile(
    r"(?:\s*(?:or\s+so|-?ish|give\s+or\s+take|now|already|\+|or\s+more|plus|ago|"
    r"back(?!\s+(?:pain|ache|problems?|injury|spasms?|is|hurts?))|prior))*",
    re.IGNORECASE,
)
_AGE_OR_LATER = re.compile(
    r"\s*-?\s*(?:old|olds)\b|\s+(?:of\s+age|pregnant|older|younger|later|from\s+now|after(?:wards)?"
    r"|before|in\s+a\s+row|straight|at\s+a\s+time|in\s+total)\b",
    re.IGNORECASE,
)
_AFTER = re.compile(r"\s+after\b", re.IGNORECASE)
_OLD = re.compile(r"\s*-?\s*old\b", re.IGNORECASE)
# "the pain is only a month old" is a length; "my son is 2 years old" is an age.
_PAIN_IS = re.compile(
    r"\b(?:pain|ache|aches|injury|problem|issue|thing|it|this)\s+(?:is|was|'s)\s+"
    r"(?:only\s+|just\s+|about\s+|like\s+|almost\s+|nearly\s+|maybe\s+|over\s+)*$",
    re.IGNORECASE,
)
_FREQUENCY_AFTER = re.compile(
    r"\s+(?:a|an|per|each|every|/)\s*(?:day|week|month|year|night)\b|\s*/\s*(?:day|wk|week)\b",
    re.IGNORECASE,
)
_EXCLUDED_BEFORE = re.compile(
    r"(?:\bnext|\banother|\bmore|\bextra|\bevery|\beach|\bper|\bother|\bonce|\btwice|\bthrice"
    r"|\btimes|\d\s*x|\bdays?|\bweeks?|\bhours?|\bnights?|\bmonths?|\bfirst|\bnumber"
    # "3 miles a day", "two pills a day": a count per unit, not a length
    rf"|\b(?:\d+|{NUMBER})\s+[a-z]+s)\s*$",
    re.IGNORECASE,
)
_GAP_RANGE = re.compile(r"\s*(?:-|–|—|to|or)\s*(?:maybe\s+|possibly\s+|even\s+)?", re.I)
_GAP_SUM = re.compile(r"\s*(?:,|and)?\s*", re.IGNORECASE)


@dataclass(frozen=True)
class _Atom:
    start: int
    end: int
    unit: str
    low: float
    high: float
    digits: bool

    @property
    def is_range(self) -> bool:
        return self.low != self.high


def _atoms(text: str) -> Iterator[_Atom]:
    for m in _ATOM.finditer(text):
        unit_word = m.group("unit").lower()
        unit = _UNIT_OF[unit_word]
        q1 = m.group("q1")
        if unit_word in _DIGITS_ONLY_UNITS and not is_digit_quantity(q1):
            continue
        factor = UNITS[unit][0]
        low, vague = quantity_value(q1)
        if low is None:
            continue
        if m.group("half"):
            low += 0.5
        high = low
        if m.group("q2"):
            high = quantity_value(m.group("q2"))[0] or low
        elif m.group("q3"):
            high = number_value(m.group("q3")) or low
        if vague in ("few", "several") and unit == "day" and low == high:
            # Fixed reading from the spec: "a few days" is half a week.
            low = high = 3.5
        low, high = sorted((low * factor, high * factor))
        yield _Atom(m.start(), m.end(), unit, low, high, is_digit_quantity(q1))


def _combine(text: str, atoms: list[_Atom]) -> Iterator[_Atom]:
    """Join "3 months to a year" into a range and "a year and 2 months" into a sum."""
    i = 0
    while i < len(atoms):
        cur = atoms[i]
        if i + 1 < len(atoms) and not cur.is_range and not atoms[i + 1].is_range:
            nxt = atoms[i + 1]
            gap = text[cur.end : nxt.start]
            if _GAP_RANGE.fullmatch(gap):
                low, high = sorted((cur.low, nxt.low))
                yield _Atom(cur.start, nxt.end, cur.unit, low, high, cur.digits)
                i += 2
                continue
            if _GAP_SUM.fullmatch(gap) and UNITS[nxt.unit][0] < UNITS[cur.unit][0]:
                total = cur.low + nxt.low
                yield _Atom(cur.start, nxt.end, cur.unit, total, total, cur.digits)
                i += 2
                continue
        yield cur
        i += 1


def quantity_mentions(text: str) -> list[TimeMention]:
    """Every numeric length of time in `text` that could be how long the pain has lasted."""
    mentions = []
    for atom in _combine(text, list(_atoms(text))):
        before = text[max(0, atom.start - 60) : atom.start]
        after = text[atom.end : atom.end + 40]
        prefix = _PREFIX.search(before)
        prefix_text = prefix.group(0) if prefix else ""
        suffix_text = _SUFFIX.match(after).group(0)  # type: ignore[union-attr]
        lead = prefix_text.strip().lower()
        is_past = bool(re.search(r"\b(?:past|last|previous|recent|since)\b", lead))
        ago = bool(re.search(r"\b(?:ago|back|prior)\b", suffix_text, re.IGNORECASE))
        rest = after[len(suffix_text) :]
        stated = lead.startswith(("for", "been", "it's been", "its been"))
        pain_age = bool(_OLD.match(after)) and bool(_PAIN_IS.search(before))
        # "for 2 months after a fall" states a length; "2 weeks after the surgery" dates one.
        if (
            not pain_age
            and not (stated and _AFTER.match(after))
            and any(p.match(s) for p in (_AGE_OR_LATER, _FREQUENCY_AFTER) for s in (after, rest))
        ):
            continue
        if _EXCLUDED_BEFORE.search(before[: len(before) - len(prefix_text)]):
            continue  # "3 days a week", "another 2 weeks", "every 2 weeks"
        if re.match(r"(?:in|within)\b", lead) and not is_past:
            continue  # "in 2 weeks" is the future, not how long it has hurt
        if atom.unit in ("hour", "minute") and not (ago or is_past):
            continue  # "can't sit for 20 minutes" is a tolerance, not a duration
        said = text[atom.start : atom.end].lower()
        if said.startswith("one day") and not (ago or prefix_text):
            continue  # "one day I woke up with it" tells a story, not a length
        start = atom.start - len(prefix_text)
        end = atom.end + len(suffix_text.rstrip())
        # Hedges and "for" belong to the evidence; "been", "it's been", "more like" read badly back.
        lead_match = re.match(
            r"(?:it'?s\s+)?been\s+|more\s+like\s+", text[start:end], re.IGNORECASE
        )
        if lead_match:
            start += lead_match.end()
        weeks = (atom.low + atom.high) / 2
        low, high = (atom.low, atom.high) if atom.is_range else (None, None)
        span = Span(start, end, text[start:end])
        # "for 3 months" states how long; "2 weeks ago" often dates some other event.
        score = 1 if (lead.startswith(("for", "since")) or is_past) else 0
        mentions.append(TimeMention(span, weeks=weeks, low=low, high=high, score=score))
    return mentions
