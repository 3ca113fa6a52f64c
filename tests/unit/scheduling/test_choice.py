"""format_slot and parse_slot_choice: how offers are shown and how answers are read."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.scheduling import NONE_OF_THESE, Slot, format_slot, parse_slot_choice
from bot.scheduling.choice import asks_for_other_days

NY = ZoneInfo("America/New_York")


def _slot(month, day, hour, minute, therapist):
    start = dt.datetime(2026, month, day, hour, minute, tzinfo=NY).astimezone(dt.timezone.utc)
    return Slot(start, therapist, "chronic_assessment", start + dt.timedelta(minutes=60))


OFFERED = [
    _slot(12, 1, 9, 0, "dana"),  # Tue Dec 1, 9:00 AM
    _slot(12, 2, 13, 0, "priya"),  # Wed Dec 2, 1:00 PM
    _slot(12, 3, 16, 30, "marcus"),  # Thu Dec 3, 4:30 PM
]


def test_format_slot(profile):
    assert format_slot(OFFERED[0], profile) == "Tue Dec 1, 9:00 AM with Dana"
    assert format_slot(OFFERED[2], profile) == "Thu Dec 3, 4:30 PM with Marcus"
    noon = _slot(12, 5, 12, 0, "marcus")
    assert format_slot(noon, profile) == "Sat Dec 5, 12:00 PM with Marcus"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1", 0), ("2", 1), ("3", 2), ("#3", 2), ("option 1", 0), ("Option 2 please", 1),
        ("number 3", 2), ("the second", 1), ("the first one", 0), ("third", 2),
        ("2nd", 1), ("the last one", 2), ("two", 1),
        ("the Thursday one", 2), ("Tuesday", 0), ("wed works", 1),
        ("9am", 0), ("9 AM", 0), ("1pm", 1), ("4:30", 2), ("at 1", 1), ("noon", None),
        ("Dec 3", 2), ("December 1st", 0), ("the 2nd of December", 1), ("12/3", 2),
        ("with Marcus", 2), ("Dana please", 0), ("priya", 1),
        ("tuesday at 9", 0), ("thursday with marcus", 2), ("the afternoon one with Priya", 1),
        ("none of these", NONE_OF_THESE), ("None work for me", NONE_OF_THESE),
        ("other times?", NONE_OF_THESE), ("neither", NONE_OF_THESE),
        ("those don't work", NONE_OF_THESE), ("something else", NONE_OF_THESE),
        ("no", NONE_OF_THESE), ("No.", NONE_OF_THESE), ("nope", NONE_OF_THESE),
        ("none", NONE_OF_THESE), ("nope none of those", NONE_OF_THESE),
        ("nah, thanks", NONE_OF_THESE), ("no thank you", NONE_OF_THESE),
        ("not really", NONE_OF_THESE), ("No, sorry, they don't work", NONE_OF_THESE),
        ("no, the second one", 1), ("no 2", 1), ("no, tuesday", 0), ("no, with marcus", 2),
        ("4", None), ("friday", None), ("tuesday with marcus", None), ("hmm", None), ("", None),
    ],
)  # fmt: skip
def test_parse_slot_choice(profile, text, expected):
    assert parse_slot_choice(text, OFFERED, profile) == expected


def test_ambiguous_detail_is_none(profile):
    offered = [_slot(12, 1, 9, 0, "dana"), _slot(12, 4, 9, 0, "dana")]
    assert parse_slot_choice("9am", offered, profile) is None
    assert parse_slot_choice("the friday one at 9", offered, profile) == 1


@pytest.mark.parametrize(
    ("text", "other_days"),
    [("other days?", True), ("a different day please", True), ("not those days", True),
     ("any other day this week", True), ("none of these", False), ("other times?", False),
     ("later that day", False)],
)  # fmt: skip
def test_asking_for_other_days_is_told_from_other_times(text, other_days):
    assert asks_for_other_days(text) is other_days


@pytest.mark.parametrize("text", ["do u have 5:30 on the 3rd instead", "the second one but at 7am"])
def test_a_number_with_a_time_none_of_the_offered_has_is_no_pick(profile, text):
    """Patient newcomer test: "do u have 5:30 on the 3rd instead" booked the third time, at
    4:00 PM, with no word said. It asks again or offers times that fit instead."""
    assert parse_slot_choice(text, OFFERED, profile) is None


def test_a_number_with_its_own_time_is_the_pick(profile):
    assert parse_slot_choice("the 3rd one at 4:30", OFFERED, profile) == 2


@pytest.mark.parametrize(
    ("text", "puts_off"),
    [("Actually I'd better ask my daughter first, she drives me. I'll book later", True),
     ("No, I don't want to book yet dear", True), ("I dont want to book now", True),
     ("maybe later", True), ("2", False), ("mornings", False), ("I want to book", False),
     ("book it for later in the week", False)],
)  # fmt: skip
def test_putting_the_booking_off_is_told_from_an_answer(text, puts_off):
    from bot.scheduling.booking_form import puts_off_booking

    assert puts_off_booking(text) is puts_off
