"""Onsets said as dates resolve into the past against `today` (2026-11-24, a Tuesday)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.nlp import extract
from bot.nlp.holidays import easter, latest, season_start

TODAY = date(2026, 11, 24)


@pytest.mark.parametrize(
    ("text", "weeks", "pain_class", "stage"),
    [
        ("since last Christmas", 47.7, "chronic", "chronic"),  # 2025-12-25, 334 days
        ("since Christmas", 47.7, "chronic", "chronic"),
        ("since xmas", 47.7, "chronic", "chronic"),
        ("since Labor Day", 11.1, "acute", "subacute"),  # 2026-09-07
        ("since Thanksgiving", 51.7, "chronic", "chronic"),  # 2026's is on the 26th: 2025-11-27
        ("since Easter", 33.3, "chronic", "chronic"),  # 2026-04-05
        ("since July 4th", 20.4, "chronic", "chronic"),
        ("since the 4th of July", 20.4, "chronic", "chronic"),
        ("since New Year's", 46.7, "chronic", "chronic"),
        ("since Halloween", 3.4, "acute", "acute"),
        ("since Memorial Day", 26.1, "chronic", "chronic"),  # 2026-05-25
        ("since 3/15", 36.3, "chronic", "chronic"),
        ("since 3/15/2025", 88.4, "chronic", "chronic"),
        ("since 11/30", 51.3, "chronic", "chronic"),  # this year's 11/30 is ahead: last year
        ("since March", 38.3, "chronic", "chronic"),
        ("since last March", 38.3, "chronic", "chronic"),
        ("since mid-March", 36.3, "chronic", "chronic"),
        ("since March 15th", 36.3, "chronic", "chronic"),
        ("since January 2024", 151.1, "chronic", "chronic"),
        ("since 2019", 412.0, "chronic", "chronic"),
        ("since last summer", 25.1, "chronic", "chronic"),  # 2026-06-01
        ("since last winter", 51.1, "chronic", "chronic"),  # 2025-12-01
        ("since last spring", 38.3, "chronic", "chronic"),
        ("since last fall", 64.1, "chronic", "chronic"),  # fall 2026 is still on: 2025-09-01
        ("started Monday", 0.1, "acute", "acute"),
        ("started hurting on Tuesday", 1.0, "acute", "acute"),  # today is Tuesday: a week ago
        ("since last week", 1.0, "acute", "acute"),
        ("since yesterday", 0.1, "acute", "acute"),
        ("since last month", 4.3, "acute", "acute"),
        ("since the weekend", 0.4, "acute", "acute"),
        ("since the 15th", 1.3, "acute", "acute"),
        ("since earlier this year", 46.7, "chronic", "chronic"),
        ("SINCE LABOR DAY!!", 11.1, "acute", "subacute"),
        ("Since around Thanksgiving I guess", 51.7, "chronic", "chronic"),
        ("since 12/31/2025", 46.9, "chronic", "chronic"),
        ("since I slipped on the ice in January", 46.7, "chronic", "chronic"),
    ],
)
def test_onset_dates(text: str, weeks: float, pain_class: str, stage: str):
    out = extract(text, TODAY).to_dict()
    assert out["duration_weeks"] == weeks
    assert out["pain_class"] == pain_class
    assert out["pain_stage"] == stage
    assert out["duration_status"] == "ok"
    assert out["duration_text"] in text


def test_duration_text_keeps_the_patients_words_for_read_back():
    out = extract("It's been bad since last Christmas, honestly", TODAY).to_dict()
    assert out["duration_text"] == "since last Christmas"


@pytest.mark.parametrize(
    ("today", "text", "weeks"),
    [
        (date(2026, 3, 20), "since March", 2.7),  # this March, not last year's
        (date(2026, 3, 20), "since last March", 54.9),  # "last March" said in March
        (date(2026, 2, 10), "since March", 49.4),  # March has not come yet: last year's
        (date(2026, 12, 26), "since Christmas", 0.1),
        (date(2026, 1, 15), "since last winter", 58.6),  # this winter is still going on
    ],
)
def test_resolution_depends_on_today(today: date, text: str, weeks: float):
    assert extract(text, today).duration_weeks == weeks


@pytest.mark.parametrize(
    "text",
    [
        "it may be worse",
        "my pain is 6/10",
        "I'd march on",
        "the 2019 season",
        "since 2/30",
        "since 13/5",
    ],
)
def test_words_that_only_look_like_dates(text: str):
    assert extract(text, TODAY).duration_status == "missing"


def test_holiday_arithmetic():
    assert easter(2026) == date(2026, 4, 5)
    assert easter(2025) == date(2025, 4, 20)
    assert latest(lambda y: date(y, 12, 25), date(2026, 12, 25), strict=True) == date(2025, 12, 25)
    assert season_start("summer", date(2026, 7, 1), last=True) == date(2025, 6, 1)


@pytest.mark.parametrize(
    ("text", "said"),
    [("knee pain after fall yesterday cant put weight on it", "yesterday"),
     ("hurt my knee after fall last week", "last week"),
     ("wrist sore since fall 2 days ago", "2 days ago"),
     ("hip pain after fall this morning", "this morning")],
)  # fmt: skip
def test_a_fall_dated_by_a_day_after_it_is_the_accident_not_autumn(text: str, said: str):
    """Third newcomer pass: "knee pain after fall yesterday" was dated from last autumn, 13
    weeks, chronic, and the console showed a fresh fall as chronic pain."""
    found = extract(text, today=TODAY)
    assert found.pain_class == "acute" and found.duration_weeks < 2, (text, found)
    assert said in (found.duration_text or ""), found


@pytest.mark.parametrize("text", ["hurts since fall", "since fall 2024"])
def test_fall_on_its_own_is_still_the_season(text: str):
    assert extract(text, today=TODAY).pain_class == "chronic"
