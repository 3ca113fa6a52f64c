"""The answer to "which side?": a time word or agreement with "right" or "left" in it is no side."""

from __future__ import annotations

import pytest

from bot.intake.sides import answer_side

KNEE = [{"region": "knee", "side": None}]


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("the right one", "right"),
        ("left", "left"),
        ("L", "left"),
        ("on the left, not the right", "left"),
        ("both", "both"),
        ("either really", "both"),
        ("each side", "both"),
        ("not sure", "unsure"),
        ("right now it really hurts", None),
        ("all right", None),
        ("I left work early because of it", None),
        ("it hurts right after I walk", None),
    ],
)
def test_the_side_answer_is_the_side_said(text, side):
    assert answer_side(text, KNEE)["pain_side"] == side
