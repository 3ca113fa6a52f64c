"""The patients' corpus (issue 12): messages written by blind helpers, labelled twice blind by
others, disagreements settled and logged, then frozen into a dev set and a held-out third.

Layout (tests/data/corpus/, see its README.md):
    written/<writer>.jsonl      id, text, today, voice, answering (no labels)
    labels/a/<writer>.jsonl     first blind labeller: id, duration_weeks, duration_range,
    labels/b/<writer>.jsonl     pain_class, locations, activities, note
    settled.jsonl               one line per disagreement: both labels, the settled label, why

Commands (from the repository root):
    .venv/bin/python -m benchmarks.corpus disagreements   # items the labellers differ on
    .venv/bin/python -m benchmarks.corpus freeze          # gold sets and agreement.json

`freeze` puts every third item of each writer (by id) in held-out, before any tuning: the split
depends only on the ids, so re-freezing after a settled label changes never moves an item.
Agreement is Cohen's kappa (scikit-learn) on pain class (acute, chronic, none) and on
activities (each item x activity a yes/no), the issue's two measures, plus the share of items
whose labels agree on every field.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from benchmarks.extraction import duration_ok

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "corpus"
GOLD = {
    "dev": ROOT / "tests" / "data" / "patients_dev.jsonl",
    "heldout": ROOT / "tests" / "data" / "patients_heldout.jsonl",
}
ACTIVITIES = (
    "walking", "standing", "sitting", "sleeping", "lifting", "carrying", "bending", "stairs",
    "running", "driving", "work", "housework", "self_care", "reaching_overhead",
    "exercise_sport", "gripping", "kneeling_squatting", "computer_use",
)  # fmt: skip
LABEL_FIELDS = ("duration_weeks", "duration_range", "pain_class", "locations", "activities")
Item = dict[str, Any]


def read_jsonl(path: Path) -> list[Item]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def read_by_id(paths: Iterable[Path]) -> dict[str, Item]:
    out: dict[str, Item] = {}
    for path in sorted(paths):
        for item in read_jsonl(path):
            if item["id"] in out:
                raise ValueError(f"{path.name}: id {item['id']} twice")
            out[item["id"]] = item
    return out


def load(corpus: Path = CORPUS) -> tuple[dict[str, Item], dict[str, Item], dict[str, Item]]:
    """(written, labels a, labels b), each keyed by id; every written id labelled twice."""
    written = read_by_id((corpus / "written").glob("*.jsonl"))
    a = read_by_id((corpus / "labels" / "a").glob("*.jsonl"))
    b = read_by_id((corpus / "labels" / "b").glob("*.jsonl"))
    for name, labels in (("a", a), ("b", b)):
        missing = sorted(set(written) - set(labels))
        if missing:
            raise ValueError(f"labeller {name} has no label for {missing[:5]} ...")
    return written, a, b


def _places(label: Item) -> set[tuple[str, str | None]]:
    return {(loc["region"], loc.get("side")) for loc in label.get("locations") or []}


def differences(a: Item, b: Item) -> list[str]:
    """The fields on which two labels of one message differ (duration within 10 %)."""
    out = []
    if a.get("pain_class") != b.get("pain_class"):
        out.append("pain_class")
    if not duration_ok(a.get("duration_weeks"), b.get("duration_weeks")):
        out.append("duration_weeks")
    if _places(a) != _places(b):
        out.append("locations")
    if set(a.get("activities") or []) != set(b.get("activities") or []):
        out.append("activities")
    return out


def agreement(ids: list[str], a: dict[str, Item], b: dict[str, Item]) -> dict[str, Any]:
    """Cohen's kappa on pain class and on activities, and the share agreeing on everything."""
    from sklearn.metrics import cohen_kappa_score

    classes_a = [a[i].get("pain_class") or "none" for i in ids]
    classes_b = [b[i].get("pain_class") or "none" for i in ids]
    acts_a = [int(act in (a[i].get("activities") or [])) for i in ids for act in ACTIVITIES]
    acts_b = [int(act in (b[i].get("activities") or [])) for i in ids for act in ACTIVITIES]
    return {
        "items": len(ids),
        "kappa_pain_class": round(float(cohen_kappa_score(classes_a, classes_b)), 3),
        "kappa_activities": round(float(cohen_kappa_score(acts_a, acts_b)), 3),
        "all_fields_agree": round(sum(not differences(a[i], b[i]) for i in ids) / len(ids), 3),
        "by_field_agree": {
            field: round(sum(field not in differences(a[i], b[i]) for i in ids) / len(ids), 3)
            for field in ("pain_class", "duration_weeks", "locations", "activities")
        },
    }


def disagreements(corpus: Path = CORPUS) -> list[Item]:
    """One record per message whose two labels differ: the text, both labels, the fields."""
    written, a, b = load(corpus)
    out = []
    for i, item in written.items():
        fields = differences(a[i], b[i])
        if fields:
            out.append({
                "id": i, "text": item["text"], "today": item["today"], "differ": fields,
                "a": {k: a[i].get(k) for k in (*LABEL_FIELDS, "note")},
                "b": {k: b[i].get(k) for k in (*LABEL_FIELDS, "note")},
            })  # fmt: skip
    return out


def split_of(item_id: str, index_in_writer: int) -> str:
    """Every third message of each writer (by id order) is held out."""
    return "heldout" if index_in_writer % 3 == 2 else "dev"


def gold(corpus: Path = CORPUS) -> dict[str, list[Item]]:
    """The gold sets: the labellers' shared label, or the settled one where they differed."""
    written, a, b = load(corpus)
    settled_path = corpus / "settled.jsonl"
    settled = {s["id"]: s for s in read_jsonl(settled_path)} if settled_path.exists() else {}
    sets: dict[str, list[Item]] = {"dev": [], "heldout": []}
    writers: dict[str, int] = {}
    for i in sorted(written):
        item = written[i]
        writer = i.split("-")[0]
        index = writers.get(writer, 0)
        writers[writer] = index + 1
        if differences(a[i], b[i]):
            if i not in settled:
                raise ValueError(f"{i}: the labellers differ and it is not settled")
            label = settled[i]["gold"]
        else:
            label = a[i]
        split = split_of(i, index)
        sets[split].append({
            "id": i, "text": item["text"], "today": item["today"], "split": split,
            **{k: label.get(k) for k in LABEL_FIELDS},
            "voice": item.get("voice"), "answering": item.get("answering"),
        })  # fmt: skip
    return sets


def _write_jsonl(path: Path, items: list[Item]) -> None:
    path.write_text("".join(json.dumps(it, ensure_ascii=False) + "\n" for it in items), "utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("step", choices=["disagreements", "freeze"])
    args = parser.parse_args(argv)
    if args.step == "disagreements":
        for record in disagreements():
            print(json.dumps(record, ensure_ascii=False))
        return 0
    written, a, b = load()
    report = agreement(sorted(written), a, b)
    for split, items in gold().items():
        _write_jsonl(GOLD[split], items)
        report[f"{split}_items"] = len(items)
    (CORPUS / "agreement.json").write_text(json.dumps(report, indent=2) + "\n", "utf-8")
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
