"""Corrected scores and score-qualifying time words (issue 13, item 14).

A corrected score is the new number; "today", "right now", "tonight" beside a score say when
the score holds, not how long the pain has lasted.
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.nlp import extract, parse_pain_score
from bot.nlp.score import score_mentions

TODAY = date(2025, 6, 10)


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("6 out of 10 not 8", 6),
        ("not 8, more like 6", 6),
        ("8? no 6", 6),
        ("it's a 6 now", 6),
        ("from 8 to 6", 6),
        ("change the 8 to a 6", 6),
        ("8 -> 6", 6),
        ("make it 6 instead of 8", 6),
        ("6 rather than 8", 6),
        ("the 8 should be a 6", 6),
        ("8 was too high, 6", 6),
        ("I said 8, it's really 6", 6),
        ("it was 8 but now 6", 6),
        ("an 8 yesterday, 6 today", 6),
        ("not as bad as 8, more like 6", 6),
        ("it isn't an 8, it's a 6", 6),
        ("six, not eight", 6),
        ("not 8/10, 6/10", 6),
        # Unchanged readings: the higher of a range or of two situations.
        ("it was a 6", 6),
        ("no, 8", 8),
        ("it's a 4 at rest and 8 when I walk", 8),
        ("it ranges from 8 to 4", 8),
        ("6 to 8", 8),
    ],
)
def test_the_corrected_score_is_the_new_number(text: str, score: int):
    assert parse_pain_score(text) == score


def test_a_denied_score_alone_is_no_score():
    assert parse_pain_score("not 8") is None
    assert [(m.score, m.denied) for m in score_mentions("6, not 8")] == [(6, False), (8, True)]


@pytest.mark.parametrize(
    "text",
    [
        "its more like a 6 today",
        "my back is an 8 today",
        "tonight it's about a 7",
        "it's been a 7 this week",
        "it was a 9 last week",
        "today the pain is 6/10",
        "it's worse today",
        "better today, my lower back",
        "the pain is a 6 right now",
        "a 5 at the moment",
        "these days it's a 4",
    ],
)
def test_a_time_word_beside_a_score_is_not_a_duration(text: str):
    result = extract(text, TODAY)
    assert result.duration_status == "missing" and result.duration is None, text


@pytest.mark.parametrize(
    ("text", "weeks"),
    [
        ("started today", 0.0),
        ("it started today, an 8", 0.0),
        ("woke up with it this morning, a 7", 0.0),
        ("hurt my knee yesterday, it's a 7 today", 0.1),
        ("since this morning", 0.0),
        ("yesterday", 0.1),
        ("today it's a 6, lower back, 8 months", 34.8),
        ("more like 6 months", 26.1),
    ],
)
def test_onsets_are_still_durations(text: str, weeks: float):
    assert extract(text, TODAY).duration_weeks == weeks


def test_denied_places_and_activities_are_reported():
    out = extract("it's not my knee, it's my hip. walking is fine", TODAY).to_dict()
    assert out["locations"] == [{"region": "hip", "side": None}]
    assert out["ruled_out_regions"] == ["knee"]
    assert out["ruled_out_activities"] == ["walking"]
    assert extract("left knee, not the right knee", TODAY).to_dict()["ruled_out_regions"] == []
