"""0-10 pain score answers."""

from __future__ import annotations

import pytest

from bot.nlp import parse_pain_score


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("6", 6),
        ("six", 6),
        ("Six.", 6),
        ("6/10", 6),
        ("6 / 10", 6),
        ("about a 7", 7),
        ("7 out of 10", 7),
        ("maybe 5 or 6", 6),
        ("5-6", 6),
        ("5 to 6", 6),
        ("10!!", 10),
        ("0", 0),
        ("zero", 0),
        ("it's a 4 at rest and 8 when I walk", 8),
        ("6.5", 7),
        ("I'd say an 8 today 😣", 8),
        ("one", 1),
        ("ten", 10),
    ],
)
def test_scores(text: str, score: int):
    assert parse_pain_score(text) == score


@pytest.mark.parametrize(
    "text",
    ["11", "15/10", "none", "", "it hurts a lot", "for 6 weeks", "the left one", "3 times a day"],
)
def test_no_score(text: str):
    assert parse_pain_score(text) is None


@pytest.mark.parametrize("text", ["-3", "-0", "minus 3", "it is -5 today", "\u22122"])
def test_a_negative_number_is_no_score(text):
    """Newcomer test: "-3" at the score question was read as 3 out of 10."""
    assert parse_pain_score(text) is None


@pytest.mark.parametrize(("text", "score"), [("3-4", 4), ("5 - 6", 6), ("pain is 4-5", 5)])
def test_a_range_with_a_dash_is_still_a_score(text, score):
    assert parse_pain_score(text) == score
