"""What confirms a cancel: a yes, typed or tapped; never the booking code or phone sent again."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from actions.manage import is_clear_yes
from bot.intake.yesno import parse_yes_no
from bot.scheduling.contact import CODE_ALPHABET


@pytest.mark.parametrize("text", ["yes", "/affirm", "yes, cancel it", "Yes please", "sure"])
def test_a_yes_confirms(text):
    assert is_clear_yes(text, "describe_pain")


def test_what_the_classifier_read_as_yes_or_cancel_confirms():
    assert is_clear_yes("go ahead and do it", "affirm")
    assert is_clear_yes("cancel it", "cancel_booking")


@pytest.mark.parametrize(
    "text", ["K7Q-4MD", "k7q4md", "646 555 0100", "+1 (646) 555-0100", "22222d"]
)
def test_the_code_or_number_again_does_not_even_read_as_yes(text):
    assert not is_clear_yes(text, "affirm")


@pytest.mark.parametrize("text", ["my knee hurts", "what time is it"])
def test_anything_else_does_not(text):
    assert not is_clear_yes(text, "describe_pain")


@given(code=st.text(alphabet=CODE_ALPHABET, min_size=6, max_size=6))
def test_no_booking_code_reads_as_yes_whatever_its_letters(code):
    # "9Y9-7NA" read as "y" and cancelled the booking: every code, in every way it is typed.
    for typed in (f"{code[:3]}-{code[3:]}", code, code.lower(), f"{code[:3]} {code[3:]}"):
        assert not is_clear_yes(typed, "affirm")
        assert not is_clear_yes(typed, "describe_pain")


@pytest.mark.parametrize("text", ["9Y9-7NA", "N3A-Y7K", "2yes", "no2", "Y2K"])
def test_letters_glued_to_digits_are_no_yes_or_no(text):
    assert parse_yes_no(text) is None
