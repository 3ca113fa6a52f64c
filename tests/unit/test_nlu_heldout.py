"""The intent sets written and labelled blind (issue 12): held out from the training data, and
exactly what the corpus and its settled disagreements give."""

from __future__ import annotations

import re

import yaml

from benchmarks.nlu import SETS, _write_yaml, freeze, labelled, scored
from bot.settings import ROOT


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def _examples(path) -> list[tuple[str, str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [(block["intent"], line[2:].strip()) for block in data.get("nlu") or []
            if "examples" in block for line in block["examples"].splitlines() if line.strip()]


def test_no_test_message_is_in_the_training_data():
    """Short common replies ("sure", "lower back", "hi") were written both here and by the blind
    writers; anything longer in data/nlu would be a copied test message."""
    trained = {_norm(text) for path in (ROOT / "data" / "nlu").glob("*.yml")
               for _, text in _examples(path)}
    for name, path in SETS.items():
        shared = [text for _, text in _examples(path) if _norm(text) in trained]
        assert all(len(_norm(text).split()) <= 5 for text in shared), (name, shared)
        assert len(shared) <= 25, (name, shared)


def test_the_sets_are_large_cover_every_intent_and_hold_out_a_third():
    items = scored(labelled())
    assert len(items) >= 400
    dev, heldout = (_examples(SETS["dev"]), _examples(SETS["heldout"]))
    assert len(dev) + len(heldout) == len(items)
    assert len(heldout) >= len(items) // 3 - 2
    intents = {intent.split("/")[0] for intent, _ in dev + heldout}
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())["intents"]
    guard_only = {"report_warning_sign", "possible_crisis"}
    assert set(domain) - guard_only <= intents | {"faq"}, set(domain) - guard_only - intents
    assert sum(intent == "express_crisis" for intent, _ in dev + heldout) >= 30


def test_the_yaml_files_are_what_the_labels_give(tmp_path):
    """Rebuilt from tests/data/corpus/nlu, never edited by hand."""
    rebuilt = {name: tmp_path / path.name for name, path in SETS.items()}
    freeze(scored(labelled()), rebuilt)
    for name, path in SETS.items():
        assert rebuilt[name].read_text() == path.read_text(), name


def test_a_message_keeps_its_exact_words_in_the_yaml(tmp_path):
    path = tmp_path / "one.yml"
    odd = "yes: 'no' - #1 \"quoted\" 🙂"
    _write_yaml([{"intent": "affirm", "text": odd}], path, "test")
    assert _examples(path) == [("affirm", odd)]
