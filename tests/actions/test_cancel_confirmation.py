"""What confirms a cancel: a yes, typed or tapped; never the booking code or phone sent again."""

from __future__ import annotations

import pytest

from actions.manage import is_clear_yes


@pytest.mark.parametrize("text", ["yes", "/affirm", "yes, cancel it", "Yes please", "sure"])
def test_a_yes_confirms(text):
    assert is_clear_yes(text, "describe_pain")


def test_what_the_classifier_read_as_yes_or_cancel_confirms():
    assert is_clear_yes("go ahead and do it", "affirm")
    assert is_clear_yes("cancel it", "cancel_booking")


@pytest.mark.parametrize("text", ["K7Q-4MD", "k7q4md", "646 555 0100", "+1 (646) 555-0100"])
def test_the_code_or_number_again_does_not_even_read_as_yes(text):
    assert not is_clear_yes(text, "affirm")


@pytest.mark.parametrize("text", ["my knee hurts", "what time is it"])
def test_anything_else_does_not(text):
    assert not is_clear_yes(text, "describe_pain")
