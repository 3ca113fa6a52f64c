"""The issue's targets on the blind probe set (tests/data/probes/warning_signs.yml): no serious
presentation is offered a booking, and at most 10 % of the benign lookalikes are sent away.
Scored by benchmarks/warning_signs.py, whose figures are in benchmarks/RESULTS.md."""

from __future__ import annotations

from pathlib import Path

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


def test_the_held_out_sets_ask_every_serious_presentation_its_own_question():
    """Held-out sets 1 to 6 (tests/data/probes/README.md), read after their first measurement:
    no serious one goes without a question of its own sign in a conversation, except the one
    about a mother's myelopathy in set 1 (her words in the third person trigger nothing), and
    benign ones stay under the target. Guards the fixes; the unread figures are in RESULTS.md."""
    root = Path(__file__).resolve().parents[2] / "tests" / "data" / "probes"
    first = score(load(root / "warning_signs_heldout.yml"))
    second = score(load(root / "warning_signs_heldout2.yml"))
    third = score(load(root / "warning_signs_heldout3.yml"))
    fourth = score(load(root / "warning_signs_heldout4.yml"))
    fifth = score(load(root / "warning_signs_heldout5.yml"))
    sixth = score(load(root / "warning_signs_heldout6.yml"))
    # The mother's myelopathy in set 1 (her words in the third person trigger nothing) is asked
    # now that every neck gets the myelopathy question.
    assert first.unasked == [], [m["text"] for m in first.unasked]
    assert second.unasked == [], [m["text"] for m in second.unasked]
    # Set 3 at first sight: fumbling keys, a stomach "beating like a heart", an "explosion in
    # my head" asked nothing of their signs.
    assert third.unasked == [], [m["text"] for m in third.unasked]
    # Set 4 at first sight: chest pressure with words between, a "pulsing lump" in the belly, a
    # father of 69 gone grey and clammy, and cauda equina told in euphemisms.
    assert fourth.unasked == [], [m["text"] for m in fourth.unasked]
    # Set 5 at first sight: 8 of 32 (a headache told as pounding or a bang, a weight on the
    # chest, "puffed", a pumped-up calf after flying, a zap down the back, numb when wiping).
    assert fifth.unasked == [], [m["text"] for m in fifth.unasked]
    # Set 6, the first measured with the screen by region: 0 of 32 unasked at first sight.
    assert sixth.unasked == [], [m["text"] for m in sixth.unasked]
    for result in (first, second, third, fourth, fifth, sixth):
        assert result.false_urgent_rate <= MAX_FALSE_URGENT
