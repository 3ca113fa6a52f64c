"""Warning-sign probe sets as whole conversations against the real Rasa and action servers: of
the serious presentations, how many were offered a booking; of the benign, how many were sent
away. `benchmarks.warning_signs` scores the words alone; this runs what a truthful patient
would meet (tests/convgen/presentations.py). Usage, from the repository root:

    .venv/bin/python -m benchmarks.warning_signs_conversations \
        [--probes tests/data/probes/warning_signs_heldout6.yml]

Prints the figures and every serious presentation offered a booking, every benign one sent
away and every conversation that did not end, with its transcript. Takes about 3 minutes for 64.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.conversations import _model
from benchmarks.warning_signs import MAX_FALSE_URGENT, PROBES, load
from bot.migrate import upgrade
from tests.convgen.presentations import Outcome, converse
from tests.e2e.harness import run_servers


def run(items: list[dict]) -> tuple[list[Outcome], float]:
    """Every presentation's conversation on fresh servers and a new SQLite database; seconds."""
    work = Path(tempfile.mkdtemp(prefix="warning-signs-"))
    url = f"sqlite:///{work / 'bench.db'}"
    upgrade(url)
    with run_servers(_model(), work, url) as servers:
        start = time.perf_counter()

        def progress(o: Outcome) -> None:
            kind = o.item["kind"]
            mark = "offered a booking" if o.offered else "sent away" if o.sent_away else "-"
            print(f"{kind}: {mark}", file=sys.stderr, flush=True)

        return converse(servers.rasa_url, items, progress), time.perf_counter() - start


def report(outcomes: list[Outcome], seconds: float) -> str:
    serious = [o for o in outcomes if o.item["kind"] == "serious"]
    benign = [o for o in outcomes if o.item["kind"] != "serious"]
    booked = [o for o in serious if o.offered]
    away = [o for o in benign if o.sent_away]
    unended = [o for o in outcomes if o.failures]
    rate = len(away) / len(benign) if benign else 0.0
    messages = sum(len(o.conv.turns) for o in outcomes)
    lines = [
        "| presentations | conversations | serious offered a booking | benign sent away | "
        "did not end |",
        "|---|---:|---:|---:|---:|",
        f"| serious | {len(serious)} | **{len(booked)}** | n/a | "
        f"{sum(bool(o.failures) for o in serious)} |",
        f"| benign lookalikes | {len(benign)} | n/a | {len(away)} ({rate:.1%}; target at most "
        f"{MAX_FALSE_URGENT:.0%}) | {sum(bool(o.failures) for o in benign)} |",
        "",
        f"{messages} messages in {seconds:.0f} s.",
    ]
    for title, rows in (("Serious, offered a booking", booked), ("Benign, sent away", away),
                        ("Did not end", unended)):
        lines.append(f"\n{title}: {len(rows)}")
        for o in rows:
            label = o.item.get("category") or o.item.get("lookalike")
            why = "; ".join(f"{f.kind}: {f.detail}" for f in o.failures)
            lines.append(f"- [{label}] {o.item['text']}" + (f" ({why})" if why else ""))
            lines.append(o.transcript())
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--probes", type=Path, default=PROBES)
    args = parser.parse_args()
    outcomes, seconds = run(load(args.probes))
    print(report(outcomes, seconds))


if __name__ == "__main__":
    main()
