"""Side words: "right now", "all right" and "I left it" are not sides (issue 13, item 14)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.nlp import extract
from bot.nlp.side_words import said_side

TODAY = date(2025, 6, 10)


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("the left one", "left"),
        ("on the left", "left"),
        ("it's the right side", "right"),
        ("left not right", "left"),
        ("not the right, the left", "left"),
        ("right, I mean left", "left"),
        ("left and right", "both"),
        ("both sides", "both"),
        ("right", "right"),
        ("L", "left"),
        ("is it the right? no, left", "left"),
        ("it's on the right, right now it's a 7", "right"),
        ("the pain is a 6 right now", None),
        ("right away it gets worse", None),
        ("All right, it's a 5", None),
        ("that's right", None),
        ("8 months is right but the pain is a 6", None),
        ("my hip, right?", None),
        ("the pain has left", None),
        ("I left work early", None),
        ("it hurts right after I sit", None),
        ("hmm", None),
    ],
)
def test_said_side(text: str, side: str | None):
    assert said_side(text) == side


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("it hurts right in my knee", None),
        ("the pain is right on my hip", None),
        ("all right, my knee hurts", None),
        ("that's right, the knee", None),
        ("my hip, right?", None),
        ("my knee right now is a 6", None),
        ("left my knee brace at home", None),
        ("I have left knee pain", "left"),
        ("pain on the right in my knee", "right"),
        ("knee, right side", "right"),
        ("hip (right)", "right"),
        ("lower left back", "left"),
        ("left and right knees", "both"),
    ],
)
def test_sides_next_to_a_body_part(text: str, side: str | None):
    locations = extract(text, TODAY).locations
    assert len(locations) == 1, text
    assert locations[0].side == side
