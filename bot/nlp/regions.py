"""Body regions and sides from matched tokens, without negated or past-history mentions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.nlp.clauses import Clauses, closed_by_next, is_history
from bot.nlp.lexicon import AMBIGUOUS, PAIRED_PLURALS
from bot.nlp.model import Location, Span
from bot.nlp.region_context import (
    CONTEXT_AFTER,
    CONTEXT_BEFORE,
    MOVEMENT_VERBS,
    NEG_AFTER,
    NEG_BEFORE,
    NEG_SYMPTOM_BEFORE,
    NP_FILLER,
    PAIN_AFTER,
    SIDE_WORDS,
)
from bot.nlp.side_words import is_side

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass
class _Found:
    region: str
    side: str | None
    span: Span
    side_span: Span | None
    history: bool
    term: Span
    tokens: tuple[int, int] = (0, 0)


def _char_span(doc: Doc, text: str, start: int, end: int) -> Span:
    s, e = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    return Span(s, e, text[s:e])


def _has_context(doc: Doc, start: int, end: int) -> bool:
    if len(doc) <= 3:
        return True  # "Back." / "My back" as a whole answer
    before = doc[start - 1].lower_ if start > 0 else ""
    after = doc[end].lower_ if end < len(doc) else "."
    clause_start = start == 0 or doc[start - 1].is_punct
    if clause_start and after in ("for", "since", "x", ",", "-", "(", "since"):
        return True  # "back for 6 weeks", "back, left side"
    if start > 0 and before in ("and", "or", ",", "&", "/", "in", "of"):
        # "came back and" is not a back; "neck and back" is: look one further for a body part.
        return after in CONTEXT_AFTER and after not in ("and", "or", ",")
    return before in CONTEXT_BEFORE or after in CONTEXT_AFTER


def _side(doc: Doc, text: str, start: int, end: int) -> tuple[str | None, Span | None]:
    """The side named right before the region ("my left heel") or right after ("hip, left side")."""
    sides: list[tuple[str, int]] = [
        (SIDE_WORDS[doc[k].lower_], k) for k in range(start, end) if doc[k].lower_ in SIDE_WORDS
    ]  # "lower left back"
    # The words around the region only: the side checks look at most 2 words either way.
    lo = max(0, start - 9)
    words = [t.lower_ for t in doc[lo : min(len(doc), end + 7)]]
    i = start - 1
    while i >= 0 and start - i <= 6:
        word = words[i - lo]
        if word == "not" and sides and sides[-1][1] == i + 1:
            sides.pop()  # "left side not right": the negated side is not the side
        elif word in SIDE_WORDS and not is_side(words, i - lo):
            break  # "right in my knee", "all right, my knee", "I left my knee brace"
        elif word in SIDE_WORDS:
            sides.append((SIDE_WORDS[word], i))
        elif word in ("and", "&", "/") and i > 0 and doc[i - 1].lower_ in SIDE_WORDS:
            pass  # "left and right knees"
        elif not word.strip():
            pass  # spaces left by blanked-out markup: "<i>left</i> <b>hip</b>"
        elif word not in NP_FILLER:
            break
        i -= 1
    if not sides:
        j = end
        while j < len(doc) and j - end < 5:
            word = doc[j].lower_
            nxt = doc[j + 1].lower_ if j + 1 < len(doc) else "."
            in_parens = j > 0 and doc[j - 1].lower_ == "(" and nxt == ")"
            if word in SIDE_WORDS and not is_side(words, j - lo):
                break  # "my hip, right?", "hip right now"
            if (
                (word in SIDE_WORDS and len(word) > 1 and nxt in _SIDE_END)
                # "my knee left is very painful", "shoulder right cannot raise" (non-native)
                or (j == end and word in ("left", "right") and nxt in _POSTNOMINAL_NEXT)
                # "tennis elbow on the right for 10 weeks", "jaw pain on the left since May"
                or (word in ("left", "right") and doc[j - 1].lower_ == "the"
                    and doc[j - 2].lower_ in ("on", "in"))
                or (word in SIDE_WORDS and in_parens)
                or (word == "both" and nxt in ("hurt", "hurts", "ache", "are", "sides"))
            ):
                sides.append((SIDE_WORDS[word], j))
                break
            if word not in _AFTER_FILLER:
                break
            j += 1
        if sides:
            tok = doc[sides[0][1]]
            return sides[0][0], Span(tok.idx, tok.idx + len(tok), tok.text)
    if not sides:
        if doc[end - 1].lower_ in PAIRED_PLURALS:
            return "both", None
        return None, None
    names = {name for name, _ in sides}
    side = "both" if "both" in names or {"left", "right"} <= names else sides[0][0]
    first = min(i for _, i in sides)
    return side, _char_span(doc, text, first, first + 1)


# What may follow a side word named after its region: "hip, left," "achilles on the right."
_SIDE_END = frozenset({"side", "sides", ")", ",", ".", ";", "!", "?", "one", "ones", "-"})
_AFTER_FILLER = frozenset(
    {"on", "the", "my", ",", "-", "(", "of", "pain", "pains", "ache", "aches", "is", "both",
     "mostly", "mainly", "more", "especially", "worse", "worst", "esp"}
)
_POSTNOMINAL_NEXT = frozenset(
    {"is", "are", "was", "hurts", "hurt", "hurting", "very", "since", "cannot", "can't", "cant",
     "pain", "has", "have", "feels", "so", "really", "always", "not"}
)
# A clause that only names a side ("right side", "the left one") for a region said before.
_LONE_SIDE = re.compile(
    r"^\W*(?:(?:mostly|mainly|more|especially|worse)\s+)?(?:(?:on|in)\s+)?(?:the\s+|my\s+)?"
    r"(left|right|both|lt|rt|lft|rite|l|r)(?:\s+(?:side|sides|one|ones))?\W*$",
    re.IGNORECASE,
)
# Between "right groin" and "inner thigh": the side carries over ("my" would stop it).
_CARRY_FILLER = frozenset(
    {"and", "&", "+", "/", "inner", "outer", "upper", "lower", "front", "back", "the", "of",
     "also"}
)
_PATH_FILLER = _CARRY_FILLER | frozenset(
    {"down", "into", "to", "my", "it", "goes", "going", "go", "radiates", "radiating", "travels",
     "shoots", "spreads", ",", "side", "sometimes", "all", "way", "the"}
)


# "back" that tells a time: "3 years back", "a couple of months back", "back in March".
_TIME_BACK = re.compile(
    r"\b(?:years?|yrs?|months?|mnths?|mths?|weeks?|wks?|days?|while|ways|time)\s+back\b(?!\s+"
    r"(?:pain|ache|problems?|is|hurts?|has|was|went|spasms?))"
    r"|\bback\s+(?:in|during|around)\s+(?:the\s+)?(?:january|february|march|april|may|june|july|"
    r"august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|"
    r"spring|summer|fall|autumn|winter|\d{4}|the\s+day|college|school|high\s+school)\b",
    re.IGNORECASE,
)


def _negated(clauses: Clauses, start: int, end: int) -> bool:
    if NEG_BEFORE.search(clauses.before(start)) or NEG_AFTER.match(clauses.after(end)):
        return True
    return bool(NEG_SYMPTOM_BEFORE.search(clauses.before(start))) and not PAIN_AFTER.search(
        clauses.text[end:]
    )


def _merge(old: str | None, new: str | None) -> str | None:
    if old is None or old == new:
        return new
    if new is None:
        return old
    return "both"


def _carry_sides(doc: Doc, found: list[_Found]) -> None:
    """A side carries over "and" to a region without one ("right groin and inner thigh")."""
    for prev, cur in zip(found, found[1:], strict=False):
        if cur.side is not None or prev.side is None or prev.side == "both":
            continue
        between = [doc[k].lower_ for k in range(prev.tokens[1], cur.tokens[0])]
        joined = {"and", "+", "&"} & set(between) and all(w in _CARRY_FILLER for w in between)
        # "left side of my neck down into my arm": the pain's path keeps its side.
        path = {"down", "into", "radiates", "radiating", "travels", "shoots", "spreads"} & set(
            between
        ) and all(w in _PATH_FILLER for w in between)
        if joined or path:
            cur.side = prev.side


def _lone_side(clauses: Clauses, found: list[_Found]) -> None:
    """A clause of its own ("..., right side") gives the only region its side."""
    if len({f.region for f in found}) != 1 or any(f.side for f in found):
        return
    for start, end in zip(clauses.starts, clauses.ends, strict=False):
        m = _LONE_SIDE.match(clauses.text[start:end]) if end > start else None
        if m and m.group(1).lower() == "right" and clauses.text[end : end + 1] == "?":
            continue  # "my hip, right?" asks for agreement
        if m and start > found[0].span.end:
            side = SIDE_WORDS[m.group(1).lower()]
            for f in found:
                f.side = side
            return


def find_locations(
    doc: Doc,
    text: str,
    clauses: Clauses,
    matches: list[tuple[str, int, int]],
    masked: list[tuple[int, int]],
    ruled_out: list[str] | None = None,
) -> list[Location]:
    """Locations in order of first mention, one per region, sides merged.

    `ruled_out`, when given, collects the regions named only to be denied ("not my knee").
    """
    found: list[_Found] = []
    for region, start, end in matches:
        span = _char_span(doc, text, start, end)
        if any(ms <= span.start and span.end <= me for ms, me in masked):
            continue  # "lift my arm", "on my feet": the body part is the activity's object
        ambiguous = end - start == 1 and doc[start].lower_ in AMBIGUOUS
        if ambiguous and not _has_context(doc, start, end):
            continue
        if doc[end - 1].lower_ == "back" and end < len(doc) and doc[end].lower_ == "of":
            continue  # "the back of my right thigh" is the thigh
        if end - start == 1 and doc[start].lower_ == "back" and _TIME_BACK.search(
            text[max(0, span.start - 24) : span.end + 12]
        ):
            continue  # "3 years back", "a couple months back", "back in March": a time
        side, side_span = _side(doc, text, start, end)
        first = side_span.start if side_span and side_span.start < span.start else span.start
        moving = doc[start].lower_ in MOVEMENT_VERBS  # "can't turn my head": limited, not denied
        if not moving and _negated(clauses, first, span.end):
            if ruled_out is not None and region not in ruled_out:
                ruled_out.append(region)
            continue
        evidence = Span(first, span.end, text[first : span.end])
        history = is_history(clauses.clause_text(span.start)) or closed_by_next(clauses, span.start)
        found.append(_Found(region, side, evidence, side_span, history, span, (start, end)))
    _carry_sides(doc, found)
    # Past history ("knee surgery 5 years ago but this new hip pain") is dropped only when
    # something current is named too: "knee surgery 3 months ago, still hurts" is the knee.
    if any(not f.history for f in found):
        found = [f for f in found if not f.history]
    _lone_side(clauses, found)
    merged: dict[str, Location] = {}
    for f in found:
        old = merged.get(f.region)
        if old is None:
            merged[f.region] = Location(f.region, f.side, f.span, f.side_span, f.term)
        else:
            side = _merge(old.side, f.side)
            keep = old if old.side is not None or f.side is None else f
            merged[f.region] = Location(
                f.region, side, keep.span, old.side_span or f.side_span, keep.term
            )
    return list(merged.values())
