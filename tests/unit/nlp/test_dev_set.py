"""The hand-labelled dev and held-out sets: accuracy floors and evidence on every utterance.

Scoring lives in benchmarks/extraction.py (one place); the floors are the issue's held-out
targets, held on both splits so accuracy cannot quietly regress.
"""

from __future__ import annotations

from datetime import date

import pytest

from benchmarks.extraction import (
    FLOORS,
    METRICS,
    OWN_SPLITS,
    PATIENT_FLOORS,
    SPLITS,
    duration_ok,
    load,
    ours,
    score,
)
from bot.nlp import extract_batch

GOLD_FIELDS = {"id", "text", "today", "split", "duration_weeks", "pain_class", "locations"}


@pytest.fixture(scope="module", params=list(SPLITS))
def split(request) -> tuple[str, list[dict]]:
    return request.param, load(request.param)


def test_sets_are_large_and_well_formed():
    dev, heldout = load("dev"), load("heldout")
    assert len(dev) + len(heldout) >= 400
    assert len(heldout) >= (len(dev) + len(heldout)) // 3
    ids = [item["id"] for item in dev + heldout]
    assert len(ids) == len(set(ids))
    for name, items in (("dev", dev), ("heldout", heldout)):
        for item in items:
            assert GOLD_FIELDS | {"activities"} <= set(item), item["id"]
            assert item["split"] == name
            assert date.fromisoformat(item["today"]).year in (2025, 2026)
            assert item["pain_class"] in ("acute", "chronic", None)
    patients = load("patients_dev") + load("patients_heldout")
    assert len(patients) >= 1000 and len(load("patients_heldout")) >= len(patients) // 3 - 3
    for item in patients:
        assert GOLD_FIELDS | {"activities"} <= set(item), item["id"]
        assert item["pain_class"] in ("acute", "chronic", None)


@pytest.mark.parametrize("metric", METRICS)
def test_metric_meets_floor(split, metric):
    name, items = split
    floors = FLOORS if name in OWN_SPLITS else PATIENT_FLOORS[name]
    value = score(items, ours(items))[metric]
    assert value is not None and value >= floors[metric], f"{name} {metric} = {value:.3f}"


def test_every_value_carries_its_exact_span(split):
    _, items = split
    results = extract_batch([(it["text"], date.fromisoformat(it["today"])) for it in items])
    for item, result in zip(items, results, strict=True):
        text = item["text"]
        spans = [loc.span for loc in result.locations] + [a.span for a in result.activities]
        if result.duration_status != "missing":
            assert result.duration is not None, item["id"]
            spans.append(result.duration)
        else:
            assert result.duration is None and result.pain_class is None, item["id"]
        for span in spans:
            assert span.text and text[span.start : span.end] == span.text, item["id"]
        out = result.to_dict()
        assert len(out["evidence"]["locations"]) == len(out["locations"])
        assert len(out["evidence"]["activities"]) == len(out["activities"])


def test_scoring_rules():
    assert duration_ok(None, None) and not duration_ok(1.0, None) and not duration_ok(None, 1.0)
    assert duration_ok(10.9, 10.0) and not duration_ok(11.1, 10.0)
    assert duration_ok(0.1, 0.14)  # output is rounded to 0.1 week
    gold = [
        {
            "duration_weeks": 3.0,
            "pain_class": "acute",
            "locations": [{"region": "knee", "side": "left"}, {"region": "hip", "side": None}],
            "activities": ["walking"],
        }
    ]
    pred = [
        {
            "duration_weeks": 3.2,
            "pain_class": "acute",
            "locations": [{"region": "knee", "side": "right"}],
            "activities": ["walking", "stairs"],
        }
    ]
    m = score(gold, pred)
    assert m["pain_class"] == 1.0 and m["duration"] == 1.0 and m["side"] == 0.0
    assert m["region_f1"] == pytest.approx(2 / 3) and m["activity_f1"] == pytest.approx(2 / 3)
    peer = [{"duration_weeks": 3.0, "pain_class": "acute", "locations": None, "activities": None}]
    assert score(gold, peer)["region_f1"] is None
