"""Choose the one time mention that says how long the current episode has lasted."""

from __future__ import annotations

from datetime import date

from bot.nlp.clauses import Clauses, episode_score
from bot.nlp.dates import date_mentions
from bot.nlp.durations import quantity_mentions
from bot.nlp.model import STATUS_NO_ANCHOR, STATUS_STRADDLES, TimeMention
from bot.nlp.vague import vague_mentions


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
    found = quantity_mentions(text) + date_mentions(text, today) + vague_mentions(text)
    return _without_overlaps(found)


def current_episode(text: str, today: date, clauses: Clauses) -> TimeMention | None:
    """The mention about the current episode.

    The clause decides first (a new or returning pain beats surgery history and "worse since"),
    then how precise the mention is; on a tie the earliest wins, since patients answer first and
    add stories after ("3 months, I saw my doctor 2 weeks ago").
    """
    mentions = all_mentions(text, today)
    if not mentions:
        return None
    clause_scores: dict[int, int] = {}

    def key(item: tuple[int, TimeMention]) -> tuple[int, int, int]:
        position, m = item
        idx = clauses.index(m.span.start)
        if idx not in clause_scores:
            clause_scores[idx] = episode_score(clauses.clause_text(m.span.start))
        return clause_scores[idx] + m.score, _tier(m), -position

    return max(enumerate(mentions), key=key)[1]
