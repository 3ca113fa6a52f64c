"""Activities the pain limits, told apart from activities that caused it or that are fine."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.nlp.clauses import Clauses
from bot.nlp.model import Activity, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Something in the clause says the activity is hard: "can't", "kills me", "hurts to", "worse".
_LIMIT = re.compile(
    r"\b(?:can'?t|cannot|can\s+not|couldn'?t|could\s+not|unable|not\s+able|hard|harder|hardest|"
    r"difficult|difficulty|trouble|struggle|struggling|struggles|hurts?|hurting|painful|ache|"
    r"aches|aching|kills?|killing|killer|impossible|problems?|issues?|worse|worst|aggravat\w*|"
    r"bothers?|bothering|tough|no\s+longer|stopped|stop|stops\s+me|avoid\w*|limit\w*|barely|miss(?:ed|ing)?|"
    r"sore|agony|murder|brutal|rough|uncomfortable|discomfort|won'?t\s+let|keeps?\s+me\s+from|"
    r"prevents?|until|gave\s+up|give\s+up|quit|forget\s+(?:about\s+)?it|sucks|nightmare|"
    r"can\s+only|only\s+for|more\s+than|longer\s+than|off\s+work|out\s+of\s+work|"
    r"wakes?\s+me|keeps?\s+me\s+up|flares?|twinge|pain\s+(?:when|with|while|during|after|if)|"
    r"hurt\s+(?:when|while|if|to)|awful|terrible|unbearable|excruciating|miserable|"
    r"gives?\s+(?:out|way)|giving\s+(?:out|way)|buckles?|(?:is|are)\s+out|out\s+of\s+the\s+question)\b",
    re.IGNORECASE,
)
# "Walking is fine", "no problem sitting": the activity is explicitly not limited.
_FINE = re.compile(
    r"\b(?:fine|ok|okay|alright|all\s+right|no\s+(?:problems?|trouble|issues?|pain)|"
    r"(?:does|do|did)(?:n't|\s+not)\s+(?:hurt|bother|stop)|doesn'?t\s+(?:hurt|bother|stop)|"
    r"don'?t\s+(?:hurt|bother|stop)|not\s+a\s+problem|easy|can\s+still|still\s+able|"
    r"(?:is|are)n'?t\s+(?:a\s+)?(?:problem|bad)|helps?|better)\b",
    re.IGNORECASE,
)
# How an injury happened: "hurt it moving boxes", "strained my back lifting", "I was running".
_CAUSE = re.compile(
    r"\b(?:hurt\s+(?:it|my|myself|him|her|this)|injured|strained|pulled|tweaked|twisted|sprained|"
    r"wrenched|tore|threw\s+out|did\s+(?:it|this)|messed\s+(?:it|\w+)\s+up|fell|slipped|tripped|"
    r"happened|got\s+hurt|started\s+(?:when|while|after)|began\s+(?:when|while|after)|"
    r"(?:since|after|when)\s+i\s+(?:started|began|took\s+up)(?:\s+\w+)?)\b",
    re.IGNORECASE,
)
_WAS_DOING = re.compile(r"\b(?:was|were)\s+(?:\w+\s+)?$", re.IGNORECASE)
_CAUSE_AFTER = re.compile(
    r"^[^.!?]*\bwhen\s+(?:it|this|the\s+pain)\s+(?:started|happened|began)"
    # "shoveling snow hurt my back": the activity did the harm, in the past tense
    r"|^(?:\s+(?!(?:is|are|was|makes?)\b)[\w']+){0,2}\s+(?:hurt|injured|strained|tweaked|pulled|"
    r"wrecked|messed\s+up|did\s+(?:it|this))\s+(?:my|it|this|me|him|her)\b",
    re.IGNORECASE,
)
# "I used to run every day but can't now": the next clause takes the activity back.
_CANT_NEXT = re.compile(
    r"^\W*(?:i\s+)?(?:can'?t|cannot|can\s+not|couldn'?t|can\s+no\s+longer)"
    r"(?:\s+(?:now|anymore|any\s+more|do\s+it|do\s+that))*\W*$",
    re.IGNORECASE,
)
# A clause that is only a list of activities ("sitting, driving and stairs") is an answer.
_LIST_WORDS = re.compile(
    r"^(?:\W|\b(?:and|or|also|plus|the|my|too|mostly|mainly|especially|like|i\s+guess|etc|"
    r"things|stuff|long|for|periods|of|time|a|lot|any|kind|all|just|really|even)\b)*$",
    re.IGNORECASE,
)


def _limited(clauses: Clauses, span: Span, spans_in_clause: list[Span]) -> bool:
    clause_start, clause_end = clauses.span(span.start)
    clause = clauses.text[clause_start:clause_end]
    before = clauses.text[clause_start : span.start]
    causes = list(_CAUSE.finditer(before))
    if causes and not _LIMIT.search(before[causes[-1].end() :]) or _WAS_DOING.search(before):
        return False  # the story of the injury ("strained it lifting"), not a limit
    if _CAUSE_AFTER.match(clauses.text[span.end : clause_end]):
        return False
    nxt = clauses.index(span.start) + 1
    if nxt < len(clauses.starts) and _CANT_NEXT.match(
        clauses.text[clauses.starts[nxt] : clauses.ends[nxt]]
    ):
        return True
    without_fine = _FINE.sub(" ", clause)
    if _LIMIT.search(without_fine):
        return True
    if _FINE.search(clause):
        return False
    first = min(other.start for other in spans_in_clause)
    if (_opens_a_sentence(clauses.text, first) and _AS_ANSWER.match(clauses.text[first:])
            and not _STORY.search(clause)):
        # "Putting on socks and shoes." or "climbing stairs at the subway": an activity said as
        # a sentence of its own answers "what does the pain make hard?" (blind patients' set).
        return True
    # A bare list ("Sitting and driving.") answers "what does it stop you doing?".
    rest = clause
    for other in sorted(spans_in_clause, key=lambda s: s.start, reverse=True):
        rest = rest[: other.start - clause_start] + " " + rest[other.end - clause_start :]
    return bool(_LIST_WORDS.match(rest))


# A past-tense story in the same clause ("lifting a box last week and it popped") is a cause.
_STORY = re.compile(
    r"\b(?:yesterday|last\s+(?:week|night|month)|ago|popped|snapped|felt\s+(?:a|something)|when|"
    r"was|were|did|went|got|happened|started|began)\b",
    re.IGNORECASE,
)


# An answer of its own starts with a doing word ("Putting on socks", "climbing stairs at the
# subway") and goes on without a verb of its own ("Running is my hobby" is a statement).
_AS_ANSWER = re.compile(
    r"^[a-z]+ing\b(?!\s+(?:is|are|was|were|has|have|had|seems?|used|makes?|helps?)\b)",
    re.IGNORECASE,
)


def _opens_a_sentence(text: str, offset: int) -> bool:
    """True when only a sentence end (or the start of the message) comes before `offset`."""
    before = text[:offset].rstrip()
    return not before or before[-1] in ".!?\n:;"


_CONDITION_NAME = re.compile(r"^(?:'s|s)?\s+(?:elbow|knee|toe|thumb|shoulder)\b", re.IGNORECASE)


# "not stairs", "no trouble walking": an activity named to say it is not limited.
_DENIED_BEFORE = re.compile(r"\b(?:not|no|never)\s+(?:the\s+|my\s+|really\s+)?$", re.I)


def _ruled_out(clauses: Clauses, span: Span) -> bool:
    clause_start, _ = clauses.span(span.start)
    clause = clauses.clause_text(span.start)
    if _DENIED_BEFORE.search(clauses.text[clause_start : span.start]):
        return True
    return bool(_FINE.search(clause)) and not _LIMIT.search(_FINE.sub(" ", clause))


def find_activities(
    doc: Doc,
    text: str,
    clauses: Clauses,
    matches: list[tuple[str, int, int]],
    ruled_out: list[str] | None = None,
) -> list[Activity]:
    """Limited activities in order of first mention, one per name.

    `ruled_out`, when given, collects the activities said to be fine ("walking is fine").
    """
    spans = []
    for name, start, end in matches:
        s, e = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
        spans.append((name, Span(s, e, text[s:e])))
    by_clause: dict[int, list[Span]] = {}
    for _, span in spans:
        by_clause.setdefault(clauses.index(span.start), []).append(span)
    found: dict[str, Activity] = {}
    for name, span in spans:
        if name in found:
            continue
        if name == "exercise_sport" and _CONDITION_NAME.match(text[span.end :]):
            continue  # "tennis elbow", "golfer's elbow": a condition's name, not the sport
        if not _limited(clauses, span, by_clause[clauses.index(span.start)]):
            if ruled_out is not None and name not in ruled_out and _ruled_out(clauses, span):
                ruled_out.append(name)
            continue
        found[name] = Activity(name, span)
    return list(found.values())
