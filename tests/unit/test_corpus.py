"""The patients' corpus builder (benchmarks/corpus.py): when two blind labels agree, the split,
agreement figures, and the frozen gold sets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.corpus import GOLD, agreement, differences, gold, split_of

KNEE = {"duration_weeks": 8.0, "pain_class": "acute",
        "locations": [{"region": "knee", "side": "right"}], "activities": ["stairs"]}


def test_labels_agree_when_every_field_does_and_durations_are_within_ten_percent():
    assert differences(KNEE, {**KNEE, "duration_weeks": 8.6}) == []
    assert differences(KNEE, {**KNEE, "duration_weeks": 9.0}) == ["duration_weeks"]
    assert differences(KNEE, {**KNEE, "locations": [{"region": "knee", "side": None}]}) == [
        "locations"]
    assert differences(KNEE, {**KNEE, "activities": ["stairs", "walking"]}) == ["activities"]
    assert differences(KNEE, {**KNEE, "pain_class": None, "duration_weeks": None}) == [
        "pain_class", "duration_weeks"]


def test_agreement_is_cohens_kappa_on_class_and_on_each_activity():
    ids = ["1", "2", "3", "4"]
    a = {"1": KNEE, "2": {**KNEE, "pain_class": "chronic"}, "3": {**KNEE, "pain_class": None},
         "4": KNEE}
    same = agreement(ids, a, a)
    assert same["kappa_pain_class"] == 1.0 and same["kappa_activities"] == 1.0
    assert same["all_fields_agree"] == 1.0
    b = {**a, "4": {**KNEE, "pain_class": "chronic", "activities": []}}
    worse = agreement(ids, a, b)
    assert worse["kappa_pain_class"] < 1.0 and worse["kappa_activities"] < 1.0
    assert worse["all_fields_agree"] == 0.75


def test_every_third_message_of_each_writer_is_held_out():
    assert [split_of("p1-00" + str(i), i) for i in range(6)] == [
        "dev", "dev", "heldout", "dev", "dev", "heldout"]


def _write(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))


def test_gold_takes_the_shared_label_or_the_settled_one_and_refuses_an_unsettled_difference(
        tmp_path):
    written = [{"id": f"p9-{i:03d}", "text": f"text {i}", "today": "2026-01-05"} for i in range(3)]
    _write(tmp_path / "written/p9.jsonl", written)
    _write(tmp_path / "labels/a/p9.jsonl", [{"id": w["id"], **KNEE} for w in written])
    b = [{"id": w["id"], **KNEE} for w in written]
    b[1] = {**b[1], "activities": []}
    _write(tmp_path / "labels/b/p9.jsonl", b)
    with pytest.raises(ValueError, match="p9-001"):
        gold(tmp_path)
    _write(tmp_path / "settled.jsonl", [{"id": "p9-001", "gold": {**KNEE, "activities": []},
                                         "why": "no activity is said to be hard"}])
    sets = gold(tmp_path)
    assert [it["id"] for it in sets["dev"]] == ["p9-000", "p9-001"]
    assert sets["dev"][1]["activities"] == []
    assert [it["id"] for it in sets["heldout"]] == ["p9-002"]


def test_the_frozen_sets_are_what_the_corpus_gives():
    """Nobody edits tests/data/patients_*.jsonl by hand: they are rebuilt from the labels."""
    for split, items in gold().items():
        on_disk = [json.loads(line) for line in GOLD[split].read_text().splitlines()]
        assert on_disk == items, split
