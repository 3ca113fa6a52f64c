"""Warning signs on the blind probe set: serious presentations missed, benign ones sent away.

Run from the repository root:
    .venv/bin/python -m benchmarks.warning_signs [--write-results]

A presentation counts as "sent away" (urgent: no booking) when its words alone answer yes to a
red-flag question (`bot.screening.detect(...).advice`): in a conversation the patient is asked to
confirm what they said and gets that advice. Words that only trigger a sign's questions are not
sent away; they are counted as "asked more". `score` is the one scoring function:
tests/unit/test_warning_signs_probes.py holds the probe set to the issue's targets with it.
"""

from __future__ import annotations

import argparse
import platform
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.nlp import extract
from bot.screening import detect, regional_questions
from bot.warning_signs import SIGNS_BY_NAME

ROOT = Path(__file__).resolve().parents[1]
PROBES = ROOT / "tests" / "data" / "probes" / "warning_signs.yml"
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
COMMAND = ".venv/bin/python -m benchmarks.warning_signs --write-results"
MAX_FALSE_URGENT = 0.10  # the target: at most 10 % of benign presentations sent away


def load(path: Path = PROBES) -> list[dict[str, Any]]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# The probe sets' categories and the warning signs (bot.warning_signs) whose questions fit them.
CATEGORY_SIGNS: dict[str, frozenset[str]] = {
    "dvt": frozenset({"dvt"}),
    "cervical_arterial": frozenset(
        {"cervical_arterial", "upper_cervical_instability", "stroke"}
    ),
    "cardiac": frozenset({"cardiac"}),
    "aaa": frozenset({"aaa"}),
    "myelopathy": frozenset({"myelopathy"}),
    "thunderclap_headache": frozenset({"thunderclap_headache"}),
    "systemic_night_pain": frozenset({"night_pain_systemic", "systemic"}),
    "cauda_equina": frozenset({"cauda_equina"}),
}


def asks_its_sign(text: str, category: str) -> bool:
    """Whether a conversation that starts with `text` asks a question of the presentation's own
    warning sign: one its words trigger, or one of its body parts' screen (the place as
    `bot.nlp.extract` reads it). Answered truthfully, that question gives the advice."""
    found = detect(text)
    locations = [loc.as_dict() if hasattr(loc, "as_dict") else {"region": loc.region}
                 for loc in extract(text).locations]  # fmt: skip
    asked = set(regional_questions(locations))
    asked |= {a.slot for name in found.triggered for a in SIGNS_BY_NAME[name].asks}
    wanted = {a.slot for name in CATEGORY_SIGNS[category] for a in SIGNS_BY_NAME[name].asks}
    return bool(asked & wanted)


@dataclass
class Score:
    serious: int = 0
    benign: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)
    # Misses whose conversation does not even ask a question of their own sign (`asks_its_sign`).
    unasked: list[dict[str, Any]] = field(default_factory=list)
    false_urgent: list[dict[str, Any]] = field(default_factory=list)
    asked_more: list[dict[str, Any]] = field(default_factory=list)
    advice: Counter = field(default_factory=Counter)

    @property
    def false_urgent_rate(self) -> float:
        return len(self.false_urgent) / self.benign if self.benign else 0.0


def score(items: list[dict[str, Any]]) -> Score:
    """Misses (serious, offered a booking) and false urgents (benign, sent away)."""
    result = Score()
    for item in items:
        found = detect(item["text"])
        row = {**item, "advice": found.advice, "signs": list(found.triggered)}
        if item["kind"] == "serious":
            result.serious += 1
            result.advice[found.advice] += 1
            if found.advice is None:
                result.misses.append(row)
                if not asks_its_sign(item["text"], item["category"]):
                    result.unasked.append(row)
        else:
            result.benign += 1
            if found.advice is not None:
                result.false_urgent.append(row)
            elif found.triggered:
                result.asked_more.append(row)
    return result


def report(result: Score, seconds: float, count: int) -> str:
    levels = ", ".join(f"{k}: {v}" for k, v in sorted(result.advice.items(), key=str))
    lines = [
        "| set | presentations | no advice from the words | of those, its sign's question "
        "not asked | sent away | asked more |",
        "|---|---:|---:|---:|---:|---:|",
        f"| serious | {result.serious} | {len(result.misses)} | {len(result.unasked)} | "
        f"{result.serious - len(result.misses)} | n/a |",
        f"| benign lookalikes | {result.benign} | n/a | n/a | {len(result.false_urgent)} "
        f"({result.false_urgent_rate:.1%}) | {len(result.asked_more)} |",
        "",
        f"Advice given to the serious ones: {levels}.",
        f"Speed: {count / seconds:,.0f} presentations/s (regular expressions only).",
    ]
    for title, rows in (("Missed", result.misses),
                        ("Missed, its sign's question not asked", result.unasked),
                        ("Sent away", result.false_urgent),
                        ("Asked more (benign, extra questions)", result.asked_more)):
        lines.append(f"\n{title}: {len(rows)}")
        lines += [f"- [{r.get('category') or r.get('lookalike')}] {r['text']} "
                  f"-> {r['advice'] or ', '.join(r['signs'])}" for r in rows]
    return "\n".join(lines)


NOTES = """Notes:
- "No advice from the words": the first message alone answers no question yes. "Its sign's
  question not asked": nor does the conversation ask a question of the presentation's own sign
  (one its words trigger, or its body parts' screen, `asks_its_sign`); these are the ones a
  truthful patient could still be offered a booking for.
- "Sent away" means the words alone answer a red-flag question yes (`bot.screening.detect`): in
  a conversation the patient is asked to confirm what they said and then gets that advice, with
  no booking. "Asked more" means a sign's questions are asked first but nothing is stated yet.
- Not a held-out figure: the lexicon (`bot/symptoms.py`) and the triggers (`bot/warning_signs.py`)
  were written with this probe set already in the tree and read. The issue's check on
  presentations the project does not have needs a new blind set. `tests/unit/test_warning_signs.py`
  adds 19 serious and 13 benign phrasings written separately (by the same author, so not blind)."""


def write_results(text: str) -> None:
    start, end = "<!-- warning-signs:start -->", "<!-- warning-signs:end -->"
    section = (
        f"## Warning signs\n\n{start}\nCommand: `{COMMAND}`. Machine: CPython "
        f"{platform.python_version()}, {platform.machine()}; probe set "
        f"`tests/data/probes/warning_signs.yml` (blind-written, see its README).\n\n"
        f"{text}\n\n{NOTES}\n{end}\n"
    )
    current = RESULTS.read_text(encoding="utf-8")
    if start in current:
        head = current[: current.index("## Warning signs")]
        tail = current[current.index(end) + len(end):].lstrip("\n")
        RESULTS.write_text(head + section + ("\n" + tail if tail else ""), encoding="utf-8")
    else:
        RESULTS.write_text(current.rstrip("\n") + "\n\n" + section, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write-results", action="store_true")
    parser.add_argument("--probes", type=Path, default=PROBES, help="a held-out set: printed only")
    args = parser.parse_args()
    items = load(args.probes)
    started = time.perf_counter()
    for _ in range(20):
        result = score(items)
    seconds = (time.perf_counter() - started) / 20
    text = report(result, seconds, len(items))
    print(text)
    if args.write_results and args.probes == PROBES:
        write_results(text)


if __name__ == "__main__":
    main()
