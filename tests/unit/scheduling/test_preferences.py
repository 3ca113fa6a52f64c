"""parse_preferences: the phrases patients use for when they can come."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.scheduling import parse_preferences

TODAY = dt.date(2026, 11, 24)  # a Tuesday
NOON, FIVE = dt.time(12), dt.time(17)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mornings", {"start_before": NOON}),
        ("Morning please", {"start_before": NOON}),
        ("afternoons", {"start_after": NOON, "start_before": FIVE}),
        ("evenings", {"start_after": FIVE}),
        ("after 5", {"start_after": FIVE}),
        ("after 5pm", {"start_after": FIVE}),
        ("after 4:30 p.m.", {"start_after": dt.time(16, 30)}),
        ("after 9am", {"start_after": dt.time(9)}),
        ("before noon", {"end_by": NOON}),
        ("before 3", {"end_by": dt.time(15)}),
        ("Tuesdays or Thursdays", {"weekdays": frozenset({1, 3})}),
        ("tue/thu", {"weekdays": frozenset({1, 3})}),
        ("weekends", {"weekdays": frozenset({5, 6})}),
        ("not Monday", {"excluded_weekdays": frozenset({0})}),
        ("any day except monday or friday", {"excluded_weekdays": frozenset({0, 4})}),
        ("next week", {"date_from": dt.date(2026, 11, 30), "date_to": dt.date(2026, 12, 6)}),
        ("this week", {"date_from": TODAY, "date_to": dt.date(2026, 11, 29)}),
        ("tomorrow", {"date_from": dt.date(2026, 11, 25), "date_to": dt.date(2026, 11, 25)}),
        ("as soon as possible", {"asap": True}),
        ("ASAP", {"asap": True}),
        ("the earliest you have", {"asap": True}),
        ("mornings or afternoons", {"start_before": FIVE}),
        (
            "Thursday mornings next week",
            {"weekdays": frozenset({3}), "start_before": NOON,
             "date_from": dt.date(2026, 11, 30), "date_to": dt.date(2026, 12, 6)},
        ),
        ("not monday, tuesdays after 5", {"excluded_weekdays": frozenset({0}),
                                          "weekdays": frozenset({1}), "start_after": FIVE}),
    ],
)  # fmt: skip
def test_phrases(text, expected):
    prefs = parse_preferences(text, TODAY)
    assert prefs.understood
    for name, value in expected.items():
        assert getattr(prefs, name) == value, name
    others = {"weekdays", "excluded_weekdays", "date_from", "date_to", "start_after",
              "start_before", "end_by", "asap"} - set(expected)  # fmt: skip
    for name in others:
        assert not getattr(prefs, name), name


@pytest.mark.parametrize("text", ["any time", "Anytime works", "I'm flexible", "whenever"])
def test_any_time(text):
    prefs = parse_preferences(text, TODAY)
    assert prefs.understood and prefs.is_any_time and not prefs.asap


@pytest.mark.parametrize("text", ["", "blue", "I am free"])
def test_unrecognised_is_any_time_but_flagged(text):
    prefs = parse_preferences(text, TODAY)
    assert prefs.is_any_time and not prefs.understood


def test_next_week_from_a_sunday():
    prefs = parse_preferences("next week", dt.date(2026, 11, 29))
    assert (prefs.date_from, prefs.date_to) == (dt.date(2026, 11, 30), dt.date(2026, 12, 6))


@pytest.mark.parametrize(
    ("text", "after", "before"),
    [("wednesday at 6 pm", dt.time(17, 30), dt.time(19)),
     ("6pm", dt.time(17, 30), dt.time(19)),
     ("can I get 6pm", dt.time(17, 30), dt.time(19)),
     ("7am is too early, can I get 6pm", dt.time(17, 30), dt.time(19)),
     ("around 10", dt.time(9, 30), dt.time(11)),
     ("at 9:30", dt.time(9), dt.time(10, 30))],
)  # fmt: skip
def test_a_time_asked_for_is_a_window_around_it(text, after, before):
    """Patient newcomer test: "wednesday at 6 pm" was offered 9:00 AM, and a bare "6pm" at the
    offered times got "Sorry, which one?"."""
    prefs = parse_preferences(text, dt.date(2026, 11, 30))
    assert prefs.understood and (prefs.start_after, prefs.start_before) == (after, before)


def test_after_and_before_keep_their_meaning():
    prefs = parse_preferences("after 6", dt.date(2026, 11, 30))
    assert prefs.start_after == dt.time(18) and prefs.start_before is None


@pytest.mark.parametrize(
    ("text", "field", "expected"),
    [("evenings after 7", "start_after", dt.time(19)),
     ("evening, after 7:30 please", "start_after", dt.time(19, 30)),
     ("weeknights after 8", "start_after", dt.time(20)),
     ("afternoons before 4", "end_by", dt.time(16)),
     ("afternoon after 1", "start_after", dt.time(13)),
     ("mornings after 7", "start_after", dt.time(7)),
     ("mornings before 9", "end_by", dt.time(9)),
     ("mornings around 11", "start_before", dt.time(12)),
     ("after 7", "start_after", dt.time(7))],
)  # fmt: skip
def test_an_hour_said_with_a_part_of_the_day_is_in_that_part(text, field, expected):
    """Issue 13 (newcomer): "evenings after 7" was read as after 7 AM, and morning times were
    offered; an hour said with an evening or afternoon is in that half of the day, one said with
    a morning stays in the morning, and a bare "after 7" keeps its clinic meaning."""
    prefs = parse_preferences(text, dt.date(2026, 11, 30))
    assert prefs.understood and getattr(prefs, field) == expected


def test_an_evening_hour_is_never_before_the_evening():
    """The kind: whatever hour is said with "evenings", no time before 5 PM is asked for."""
    for hour in range(1, 12):
        prefs = parse_preferences(f"evenings after {hour}", dt.date(2026, 11, 30))
        assert prefs.start_after is not None and prefs.start_after >= dt.time(13), hour
