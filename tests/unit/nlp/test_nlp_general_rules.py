"""General rules added while tuning on the dev set (issue 3): one case each, plus a near miss."""

from __future__ import annotations

from datetime import date

import pytest

from bot.nlp import extract


@pytest.mark.parametrize(
    ("text", "today", "weeks"),
    [
        ("since Labor Day weekend", "2025-09-02", 0.4),  # the Saturday before
        ("since Memorial Day", "2025-05-27", 0.1),
        ("the day after thanksgiving", "2025-12-01", 0.4),
        ("since the time change", "2025-03-10", 0.1),  # DST began 2025-03-09
        ("since the clocks went back", "2025-11-03", 0.1),  # DST ended 2025-11-02
        ("since daylight savings", "2026-11-30", 4.1),  # the latest change: 2026-11-01
        ("since Thanksgiving last year", "2026-11-30", 52.6),
        ("4th of July I fell off a ladder. Right hip since then.", "2026-08-19", 6.6),
        ("for 2 months after a fall on the ice", "2026-03-09", 8.7),
        ("my back pain is 6 months old, it got worse 2 weeks ago", "2025-11-28", 26.1),
        ("shoulder pain (L) x 6 weeks", "2025-03-10", 6.0),
        ("years, neck", "2026-01-20", 104.0),
    ],
)
def test_durations(text, today, weeks):
    assert extract(text, date.fromisoformat(today)).duration_weeks == weeks


@pytest.mark.parametrize(
    "text",
    [
        "my son is 2 years old",
        "2 weeks after the surgery",
        "since the fall I had at work",
        "since spring break",
        "3 x 2 weeks of physio",
    ],
)
def test_not_durations_of_the_pain(text):
    assert extract(text, date(2025, 12, 1)).duration_weeks is None


@pytest.mark.parametrize(
    ("text", "locations"),
    [
        ("hamstring, left, 6 weeks", [("thigh", "left")]),
        ("achilles on the right", [("ankle", "right")]),
        ("rib pain on my right side", [("chest", "right")]),
        ("Shoulder (R) since May 3", [("shoulder", "right")]),
        ("my wrist hurts with the mouse, about 2 months, right side", [("wrist", "right")]),
        ("pain in my right groin and inner thigh", [("groin", "right"), ("thigh", "right")]),
        ("my right knee and my hip", [("knee", "right"), ("hip", None)]),
        ("left side not right, lower back", [("lower_back", "left")]),
        ("no back pain, its the front of my hip", [("hip", None)]),
        ("the pain in my foot is gone but my knee still hurts", [("knee", None)]),
        ("ACL reconstruction when I was 20. this ankle thing is new", [("ankle", None)]),
        ("had plantar fasciitis last year, it resolved, but now my achilles", [("ankle", None)]),
        (
            "upper back, both shoulders and neck",
            [("upper_back", None), ("shoulder", "both"), ("neck", None)],
        ),
    ],
)
def test_locations(text, locations):
    got = [(loc.region, loc.side) for loc in extract(text, date(2025, 12, 1)).locations]
    assert got == locations


@pytest.mark.parametrize(
    ("text", "activities"),
    [
        ("my shins hurt since I started running again", []),
        ("I run 3 miles a day and my left knee has hurt for 2 weeks", []),
        ("shoveling snow hurt my back, now i cant stand up straight", ["standing"]),
        ("yoga and running are out", ["exercise_sport", "running"]),
        ("it hurts when I stand up from sitting", ["standing"]),
        ("my ankle gives out when I walk", ["walking"]),
        ("i used to run every day but can't now", ["running"]),
        ("getting in and out of the bathtub is hard", ["self_care"]),
        ("can't put my coat on", ["self_care"]),
        ("numb hand, drop things", ["gripping"]),
        ("hurt since a sit up injury", []),
        ("Driving to work is the hardest part", ["driving"]),
        ("I can't go back to work", ["work"]),
    ],
)
def test_activities(text, activities):
    assert [a.name for a in extract(text, date(2025, 12, 1)).activities] == activities
