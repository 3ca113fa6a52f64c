"""Choose the one time mention that says how long the current episode has lasted."""

from __future__ import annotations

import re
from datetime import date

from bot.nlp.ages import age_mentions
from bot.nlp.clauses import PAIN_WORDS, Clauses, dates_another_event, episode_score
from bot.nlp.dates import BARE_RELATIVE, date_mentions
from bot.nlp.durations import quantity_mentions
from bot.nlp.model import STATUS_NO_ANCHOR, STATUS_STRADDLES, TimeMention
from bot.nlp.score import score_mentions
from bot.nlp.vague import vague_mentions

# What happened at the onset: "hurt it yesterday", "woke up with it this morning".
_ONSET = re.compile(
    r"\b(?:start(?:s|ed|ing)?|beg[au]n|begin|happened|woke|hurt\s+(?:it|my|myself)|injur\w*|fell"
    r"|fall|slipped|tripped|twist\w*|tweak\w*|pull\w*|strain\w*|sprain\w*|came\s+on|did\s+it"
    r"|popped|lift\w*|got\s+hurt|new|first)\b",
    re.IGNORECASE,
)
# A change of how much it hurts, not when it began: "better today", "worse tonight".
_CHANGE = re.compile(
    r"\b(?:worse|better|easier|harder|milder|not\s+as\s+bad|more\s+like|less|calmer)\b", re.I
)


def qualifies_state(m: TimeMention, clauses: Clauses) -> bool:
    """True when a bare day word says when a score or a change holds ("a 6 today", "tonight
    it's about a 7", "better today"), not when the pain began."""
    if not BARE_RELATIVE.fullmatch(m.span.text):
        return False
    clause = clauses.clause_text(m.span.start)
    if _ONSET.search(clause):
        return False
    return bool(score_mentions(clause)) or bool(_CHANGE.search(clause))


def _precedence(m: TimeMention) -> int:
    """Numbers and dates beat vague words that overlap them ("3 months ago" vs "months ago")."""
    if m.status == STATUS_NO_ANCHOR:
        return 0
    return 1 if m.status == STATUS_STRADDLES or m.weeks is None else 2


def _tier(m: TimeMention) -> int:
    """Within the best clause: a measured length, then a class, then "months", then nothing."""
    if m.weeks is not None:
        return 3
    if m.pain_class is not None:
        return 2
    return 1 if m.status == STATUS_STRADDLES else 0


def _without_overlaps(mentions: list[TimeMention]) -> list[TimeMention]:
    ranked = sorted(
        mentions, key=lambda m: (_precedence(m), m.span.end - m.span.start), reverse=True
    )
    kept: list[TimeMention] = []
    for m in ranked:
        if all(m.span.end <= k.span.start or m.span.start >= k.span.end for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.span.start)


def all_mentions(text: str, today: date) -> list[TimeMention]:
    """Every non-overlapping time mention in `text`, in order."""
    found = (quantity_mentions(text) + date_mentions(text, today) + vague_mentions(text)
             + age_mentions(text))
    return _without_overlaps(found)


def current_episode(text: str, today: date, clauses: Clauses) -> TimeMention | None:
    """The mention about the current episode.

    The clause decides first (a new or returning pain beats surgery history and "worse since"),
    then how precise the mention is; on a tie the earliest wins, since patients answer first and
    add stories after ("3 months, I saw my doctor 2 weeks ago").
    """
    mentions = [m for m in all_mentions(text, today) if not qualifies_state(m, clauses)]
    # another health event's time is never the pain's: with no other, the question is asked
    # ("had a basal cell skin cancer cut off my nose 6 yrs ago, ... now my right shoulder aches"
    # read as 6 years: newcomer pass H)
    mentions = [m for m in mentions if not dates_another_event(clauses, m.span.start)]
    if any(m.weeks is not None or m.pain_class is not None for m in mentions):
        # "a couple wks, since i started at the new gym": the event dates the length said.
        mentions = [m for m in mentions if m.status != STATUS_NO_ANCHOR]
    if not mentions:
        return None
    clause_scores: dict[int, int] = {}

    def key(item: tuple[int, TimeMention]) -> tuple[int, int, int]:
        position, m = item
        idx = clauses.index(m.span.start)
        if idx not in clause_scores:
            clause_scores[idx] = episode_score(clauses.clause_text(m.span.start))
        return clause_scores[idx] + m.score, _tier(m), -position

    best = max(enumerate(mentions), key=key)[1]
    if clause_scores[clauses.index(best.span.start)] < 0 and _now_pain_undated(
        clauses, best, mentions
    ):
        return None  # "broke my wrist 10 years ago, now my shoulder aches": ask (pass H)
    return best


_NOW_PAIN = re.compile(
    rf"\b(?:now|currently|these\s+days|lately)\b[^.;!?]*\b(?:{PAIN_WORDS}|bothering)\b",
    re.IGNORECASE,
)


def _now_pain_undated(clauses: Clauses, best: TimeMention, mentions: list[TimeMention]) -> bool:
    """True when a later clause names the pain now and no time is said in it: the history's
    time is then not the current pain's."""
    if re.search(r"\bsince\b", clauses.clause_text(best.span.start), re.IGNORECASE):
        return False  # "Since his hip replacement last spring. ... now his knee hurts"
    dated = {clauses.index(m.span.start) for m in mentions}
    first = clauses.index(best.span.start) + 1
    for i in range(first, len(clauses.starts)):
        clause = clauses.text[clauses.starts[i] : clauses.ends[i]]
        if i not in dated and _NOW_PAIN.search(clause):
            return True
    return False
