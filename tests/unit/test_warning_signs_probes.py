"""The issue's targets on the blind probe set (tests/data/probes/warning_signs.yml): no serious
presentation is offered a booking, and at most 10 % of the benign lookalikes are sent away.
Scored by benchmarks/warning_signs.py, whose figures are in benchmarks/RESULTS.md."""

from __future__ import annotations

from benchmarks.warning_signs import MAX_FALSE_URGENT, load, score


def test_the_probe_set_covers_every_sign_with_serious_and_benign_presentations():
    items = load()
    serious = {i["category"] for i in items if i["kind"] == "serious"}
    benign = {i["lookalike"] for i in items if i["kind"] == "benign"}
    assert len(items) >= 60 and serious == benign and len(serious) >= 7


def test_no_serious_presentation_is_offered_a_booking():
    result = score(load())
    assert result.serious >= 30
    assert result.misses == [], [m["text"] for m in result.misses]


def test_at_most_a_tenth_of_benign_presentations_are_sent_away():
    result = score(load())
    assert result.benign >= 30
    assert result.false_urgent_rate <= MAX_FALSE_URGENT, [r["text"] for r in result.false_urgent]
