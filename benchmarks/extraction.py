"""Extraction accuracy and speed of `bot extract` against Duckling and dateparser on tests/data.

Run from the repository root (the peers come from benchmarks/requirements.txt):
    .venv/bin/python -m benchmarks.extraction [--write-results]

`score` is the one scoring function: tests/unit/nlp/test_dev_set.py imports it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.triage import CHRONIC_WEEKS  # the peers are scored on the assistant's own line

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SPLITS = {
    "heldout": DATA / "extraction_heldout.jsonl",
    "dev": DATA / "extraction_dev.jsonl",
    # Written and labelled blind by helpers (tests/data/corpus, benchmarks/corpus.py): issue 12.
    "patients_heldout": DATA / "patients_heldout.jsonl",
    "patients_dev": DATA / "patients_dev.jsonl",
}
OWN_SPLITS = ("heldout", "dev")  # written here; FLOORS hold on them
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
COMMAND = ".venv/bin/python -m benchmarks.extraction --write-results"
CLINIC_TZ = ZoneInfo("America/New_York")
REL_TOLERANCE = 0.10
# Our output is rounded to 0.1 week; "yesterday" (0.14) reads 0.1, so allow half a step.
ABS_TOLERANCE = 0.05
METRICS = ("pain_class", "duration", "region_f1", "side", "activity_f1")
# The held-out targets; test_dev_set.py holds both splits to them.
FLOORS = {
    "pain_class": 0.97,
    "duration": 0.95,
    "region_f1": 0.93,
    "side": 0.95,
    "activity_f1": 0.90,
}

# The blind patients' sets are far from the targets (issue 12): these floors are what the
# extractor reaches now, so it cannot quietly get worse; raise them as it improves.
PATIENT_FLOORS = {
    "patients_dev": {"pain_class": 0.86, "duration": 0.78, "region_f1": 0.92, "side": 0.91,
                     "activity_f1": 0.78},
    "patients_heldout": {"pain_class": 0.85, "duration": 0.76, "region_f1": 0.90, "side": 0.88,
                         "activity_f1": 0.73},
}

Prediction = dict[str, Any]  # duration_weeks, pain_class, and locations/activities or None


def load(split: str) -> list[dict[str, Any]]:
    with SPLITS[split].open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def duration_ok(pred: float | None, gold: float | None) -> bool:
    if pred is None or gold is None:
        return pred is None and gold is None
    return abs(pred - gold) <= max(REL_TOLERANCE * gold, ABS_TOLERANCE)


def _f1(tp: int, n_pred: int, n_gold: int) -> float:
    if n_pred == 0 and n_gold == 0:
        return 1.0
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score(gold: Sequence[dict[str, Any]], pred: Sequence[Prediction]) -> dict[str, float | None]:
    """Accuracy of class and duration, micro F1 of regions and activities, side accuracy.

    A system that does not report locations or activities (`None`) scores None there ("n/a").
    Side accuracy counts the gold locations whose region the system found.
    """
    assert len(gold) == len(pred)
    n = len(gold)
    out: dict[str, float | None] = {
        "pain_class": sum(
            g["pain_class"] == p["pain_class"] for g, p in zip(gold, pred, strict=True)
        )
        / n,
        "duration": sum(
            duration_ok(p["duration_weeks"], g["duration_weeks"])
            for g, p in zip(gold, pred, strict=True)
        )
        / n,
        "region_f1": None,
        "side": None,
        "activity_f1": None,
    }
    if all(p.get("locations") is not None for p in pred):
        tp = n_pred = n_gold = side_ok = side_n = 0
        for g, p in zip(gold, pred, strict=True):
            found = {loc["region"]: loc["side"] for loc in p["locations"]}
            wanted = {loc["region"]: loc["side"] for loc in g["locations"]}
            n_pred, n_gold = n_pred + len(found), n_gold + len(wanted)
            for region, side in wanted.items():
                if region in found:
                    tp += 1
                    side_n += 1
                    side_ok += found[region] == side
        out["region_f1"] = _f1(tp, n_pred, n_gold)
        out["side"] = side_ok / side_n if side_n else 1.0
    if all(p.get("activities") is not None for p in pred):
        tp = n_pred = n_gold = 0
        for g, p in zip(gold, pred, strict=True):
            found, wanted = set(p["activities"]), set(g["activities"])
            tp, n_pred, n_gold = tp + len(found & wanted), n_pred + len(found), n_gold + len(wanted)
        out["activity_f1"] = _f1(tp, n_pred, n_gold)
    return out


def errors(gold: Sequence[dict[str, Any]], pred: Sequence[Prediction]) -> list[str]:
    """One line per item that misses on any field (for tuning on dev)."""
    lines = []
    for g, p in zip(gold, pred, strict=True):
        wrong = []
        if g["pain_class"] != p["pain_class"]:
            wrong.append(f"class {p['pain_class']} != {g['pain_class']}")
        if not duration_ok(p["duration_weeks"], g["duration_weeks"]):
            wrong.append(f"weeks {p['duration_weeks']} != {g['duration_weeks']}")
        if p.get("locations") is not None:
            got = sorted((x["region"], x["side"] or "-") for x in p["locations"])
            want = sorted((x["region"], x["side"] or "-") for x in g["locations"])
            if got != want:
                wrong.append(f"loc {got} != {want}")
        if p.get("activities") is not None and set(p["activities"]) != set(g["activities"]):
            wrong.append(f"act {sorted(p['activities'])} != {sorted(g['activities'])}")
        if wrong:
            lines.append(f"{g['id']} [{g['today']}] {g['text']!r}: " + "; ".join(wrong))
    return lines


# --- our extractor -------------------------------------------------------------------------


def ours(items: Sequence[dict[str, Any]]) -> list[Prediction]:
    from bot.nlp import extract_batch

    pairs = [(it["text"], date.fromisoformat(it["today"])) for it in items]
    return [e.to_dict() for e in extract_batch(pairs)]


def cli_outputs(path: Path) -> list[dict[str, Any]]:
    """`bot extract` as a subprocess over one file: the shipped command, not the library."""
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONWARNINGS": "ignore"}
    env.pop("CLINIC_TZ", None)
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "extract"],
        stdin=path.open(encoding="utf-8"),
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
        check=True,
    )
    return [json.loads(line) for line in proc.stdout.splitlines()]


# --- peers ---------------------------------------------------------------------------------


def _class(weeks: float | None) -> str | None:
    if weeks is None:
        return None
    return "chronic" if weeks >= CHRONIC_WEEKS else "acute"


def _peer(weeks: float | None) -> Prediction:
    return {
        "duration_weeks": weeks,
        "pain_class": _class(weeks),
        "locations": None,
        "activities": None,
    }


class Duckling:
    """Facebook's Duckling (Haskell, via pyduckling-native-phihos), dims duration and time.

    Reference time: the utterance's `today` at noon in the clinic's zone. The first duration
    wins; else the first time that lies in the past. Duckling resolves "since Thanksgiving" or
    "since 3/15" to the next one; its candidate values are searched for the latest past one and,
    when all are ahead, moved back a year (the spec's "always into the past", granted to it).
    """

    name = "Duckling (pyduckling-native-phihos)"

    def __init__(self) -> None:
        import duckling

        self._d = duckling
        self._tzdb = duckling.load_time_zones("/usr/share/zoneinfo")
        lang = duckling.parse_lang("EN")
        self._locale = duckling.parse_locale("EN_US", duckling.default_locale_lang(lang))
        self._dims = duckling.parse_dimensions(["duration", "time"])

    def weeks(self, text: str, today: date) -> float | None:
        noon = datetime(today.year, today.month, today.day, 12, tzinfo=CLINIC_TZ)
        ref = self._d.parse_ref_time(self._tzdb, "America/New_York", int(noon.timestamp()))
        found = self._d.parse(text, self._d.Context(ref, self._locale), self._dims, False)
        for ent in found:
            if ent["dim"] == "duration":
                return ent["value"]["normalized"]["value"] / (7 * 86400)
        for ent in found:
            if ent["dim"] != "time":
                continue
            values = ent["value"].get("values") or [ent["value"]]
            past = [d for d in map(_duckling_start, values) if d is not None and d <= today]
            if not past:  # a generous helping hand: the spec resolves dates into the past
                past = [_year_back(d) for d in map(_duckling_start, values) if d is not None]
                past = [d for d in past if d <= today]
            if past:
                return (today - max(past)).days / 7
        return None

    def predict(self, items: Sequence[dict[str, Any]]) -> list[Prediction]:
        return [_peer(self.weeks(it["text"], date.fromisoformat(it["today"]))) for it in items]


def _year_back(day: date) -> date:
    return (
        day.replace(year=day.year - 1) if (day.month, day.day) != (2, 29) else day - timedelta(365)
    )


def _duckling_start(value: dict[str, Any]) -> date | None:
    point = value.get("from") or value.get("to") if value.get("type") == "interval" else value
    if not point or "value" not in point:
        return None
    return datetime.fromisoformat(point["value"]).astimezone(CLINIC_TZ).date()


class DateParser:
    """dateparser's `search_dates`, dates preferred from the past, relative to `today`.

    Weeks = today - the first date found that is not after today.
    """

    name = "dateparser"

    def __init__(self) -> None:
        from dateparser.search import search_dates

        self._search = search_dates

    def weeks(self, text: str, today: date) -> float | None:
        base = datetime(today.year, today.month, today.day, 12)
        settings = {"PREFER_DATES_FROM": "past", "RELATIVE_BASE": base}
        found = self._search(text, languages=["en"], settings=settings) or []
        for _, when in found:
            if when.date() <= today:
                return (today - when.date()).days / 7
        return None

    def predict(self, items: Sequence[dict[str, Any]]) -> list[Prediction]:
        return [_peer(self.weeks(it["text"], date.fromisoformat(it["today"]))) for it in items]


# --- the run -------------------------------------------------------------------------------


def _rate(run: Callable[[], object], n: int, min_seconds: float = 2.0) -> float:
    """Utterances per second, repeating the whole run until `min_seconds` have passed."""
    run()  # warm-up: builds the pipeline, fills caches
    done, start = 0, time.perf_counter()
    while True:
        run()
        done += n
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds:
            return done / elapsed


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def table(rows: list[tuple[str, dict[str, float | None], float]]) -> str:
    lines = [
        "| system | pain_class acc | duration acc | region F1 | side acc | activity F1 | utt/s |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, m, rate in rows:
        cells = " | ".join(_fmt(m[k]) for k in METRICS)
        lines.append(f"| {name} | {cells} | {rate:,.0f} |")
    return "\n".join(lines)


def _pin_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
        return "pinned to one core (sched_setaffinity)"
    return "one process"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write-results", action="store_true")
    parser.add_argument("--errors", choices=["dev", "heldout", "patients_dev"],
                        help="print our misses (never on patients_heldout: it is held out)")
    args = parser.parse_args(argv)
    core = _pin_one_core()
    data = {split: load(split) for split in SPLITS}
    if args.errors:
        print("\n".join(errors(data[args.errors], ours(data[args.errors]))))
        return 0
    for split in SPLITS:  # the shipped command gives exactly the library's output
        via_cli = [{k: v for k, v in o.items() if k != "id"} for o in cli_outputs(SPLITS[split])]
        assert via_cli == ours(data[split]), f"`bot extract` differs on {split}"
    peers = [Duckling(), DateParser()]
    sections = []
    for split, items in data.items():
        rows = [
            (
                "`bot extract` (ours)",
                score(items, ours(items)),
                _rate(lambda items=items: ours(items), len(items)),
            )
        ]
        for peer in peers:
            preds = peer.predict(items)
            rate = _rate(lambda p=peer, items=items: p.predict(items), len(items), 1.0)
            rows.append((peer.name, score(items, preds), rate))
        sections.append(f"### {split} ({len(items)} utterances)\n\n{table(rows)}")
    body = "\n\n".join(sections)
    print(body)
    if args.write_results:
        _write(body, core)
    return 0


NOTES = """Notes:
- Data: `tests/data/extraction_dev.jsonl` (308) and `tests/data/extraction_heldout.jsonl` (154),
  462 chat-style utterances written by hand, `today` spread over 2025-2026 (DST weekends,
  days after Thanksgiving, Easter, Labor Day, Christmas). Every third utterance went to held-out
  before any tuning; no rule was changed after looking at held-out. Before tuning the held-out
  scores were: class 0.955, duration 0.961, region F1 0.976, side 0.926, activity F1 0.932.
- Gold conventions (by hand, from `today`, America/New_York): 1 month = 4.345 weeks, 1 year =
  52.18; ranges give the midpoint (class null when the range crosses 12 weeks); "a few days" 0.5,
  "a couple of months" 8.69, "years" 104; a month name means its 1st ("since the end of March":
  the 31st); seasons start on the 1st of Mar/Jun/Sep/Dec (meteorological; Duckling uses the
  equinox/solstice, which can put short spans beyond 10 %); "since <weekday>" is the latest past
  one; a Monday holiday's "weekend" starts on the Saturday before; "the time change" is the
  latest DST change.
- Duration accuracy: within 10 % of gold, or within 0.05 week (our output is rounded to 0.1
  week, so "yesterday" reads 0.1 for 0.14), or both null. Peers get the same tolerance.
- Peers (benchmark-only, `benchmarks/requirements.txt`): Duckling 0.4.0 wheel
  (pyduckling-native-phihos, x86_64 manylinux) installed and ran as-is; dateparser is 1.2.0,
  the newest release that keeps Rasa's pytz/regex pins. They report no locations or
  activities (n/a). Duckling takes the first duration, else the first past time; its
  future-only holiday/date readings are moved back a year, a help dateparser needs not.
  dateparser takes the first date found not after `today`.
- Speed: utterances per second over each whole file, repeated for at least 2 s after a
  warm-up, in one process pinned to one core; ours is `bot.nlp.extract_batch` (one `nlp.pipe`
  pass), which `bot extract` calls.
- Misses left on dev (1): "can't play" (pickleball named in another sentence) not read as
  exercise_sport.
- Misses left on the hand-written held-out set (its misses were listed in an earlier round; the
  kinds the patients' corpus shared with it were then fixed: "3 years back", a side after an
  adjective, "tennis elbow", "4ever", push-ups): "(resolved)" in parentheses does not close the
  shoulder history; "not the left, the right hip" drops the hip; "no pain in my hands, it's my
  wrists" keeps the hands; "working on the computer" and "meetings at work" also give work;
  laundry and the garden also give housework; "first steps" gives walking.
"""


def corpus_notes() -> str:
    """The patients' sets: who wrote and labelled them, and how far the labellers agreed."""
    agree = json.loads((DATA / "corpus" / "agreement.json").read_text(encoding="utf-8"))
    return (
        "- Patients' sets (issue 12): `tests/data/patients_dev.jsonl` "
        f"({agree['dev_items']}) and `tests/data/patients_heldout.jsonl` "
        f"({agree['heldout_items']}), {agree['items']} messages written by three blind helpers "
        "(SMS voices; older adults and long posts; non-native English and working adults) "
        "and labelled twice, blind, by six others (`tests/data/corpus/README.md`). Agreement "
        f"between the two labellers: Cohen's kappa {agree['kappa_pain_class']:.3f} on pain "
        f"class and {agree['kappa_activities']:.3f} on activities (each message x activity); "
        f"{agree['all_fields_agree']:.1%} of messages agreed on every field. The "
        f"{round(agree['items'] * (1 - agree['all_fields_agree']))} differences were settled "
        "by a third blind helper (`tests/data/corpus/settled.jsonl`, with the reason). Every "
        "third message of each writer was held out before any rule was tuned; misses are read "
        "on `patients_dev` only (`--errors patients_dev`). Before any tuning, measured once: "
        "held-out class 0.759, duration 0.693, region F1 0.899, side 0.844, activity F1 "
        "0.687 (dev: 0.735, 0.661, 0.912, 0.889, 0.717).\n"
    )


def _write(body: str, core: str) -> None:
    header = (
        f"## Extraction\n\nCommand: `{COMMAND}` (from the repository root; peers from "
        "`benchmarks/requirements.txt`).\n"
        f"Machine: CPython {platform.python_version()}, {os.cpu_count()} CPUs, "
        f"{platform.machine()}; {core}; measured {date.today().isoformat()}.\n"
        "The run also checks that `bot extract` (a subprocess over each file) prints exactly "
        "what `bot.nlp.extract_batch` returns.\n\n"
    )
    section = header + body + "\n\n" + NOTES + corpus_notes()
    text = RESULTS.read_text(encoding="utf-8")
    start = text.find("## Extraction")
    if start >= 0:
        end = text.find("\n## ", start + 1)
        text = text[:start] + section.rstrip() + "\n" + (text[end:] if end >= 0 else "")
    else:
        text = text.rstrip() + "\n\n" + section.rstrip() + "\n"
    RESULTS.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
