"""Generated conversations at full size: 200+ simulated patients against the real servers.

The same patients and checks as tests/e2e/test_conversation_properties.py (tests.convgen), more
of them: reports the pass rate, the failures grouped by kind with the shortest repro of each,
and the slowest conversation. Usage, from the repository root:

    .venv/bin/python -m benchmarks.conversations [--conversations 200] [--first-seed 0]
        [--write-results]
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import importlib.util
import platform
import sys
import tempfile
import time
from pathlib import Path

from bot.migrate import upgrade
from tests.convgen.report import Result, by_kind, run_many, summary
from tests.e2e.harness import ROOT, query, run_servers

SECTION = "## Generated conversations"


def _model() -> Path:
    spec = importlib.util.spec_from_file_location("m", ROOT / "scripts/ensure_model.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.ensure_model()


def run(conversations: int, first_seed: int) -> tuple[list[Result], float]:
    """The results in seed order, and the wall time in seconds (servers already up)."""
    work = Path(tempfile.mkdtemp(prefix="conversations-"))
    url = f"sqlite:///{work / 'bench.db'}"
    upgrade(url)
    with run_servers(_model(), work, url) as servers:
        start = time.perf_counter()

        def progress(result: Result) -> None:
            mark = "ok" if result.passed else ", ".join(sorted({f.kind for f in result.failures}))
            print(f"seed {result.conv.persona.seed}: {mark}", file=sys.stderr, flush=True)

        seeds = range(first_seed, first_seed + conversations)
        results = run_many(servers.rasa_url, seeds, functools.partial(query, url), progress)
        return results, time.perf_counter() - start


def section(results: list[Result], seconds: float, args: argparse.Namespace) -> str:
    """The RESULTS.md section: command, figures and the failing kinds."""
    passed = sum(r.passed for r in results)
    slow = max(results, key=lambda r: r.conv.seconds)
    messages = sum(len(r.conv.turns) for r in results)
    rows = "\n".join(
        f"| {kind} | {len({id(r) for r, _ in items})} | {items[0][0].conv.persona.seed} | "
        f"{_cell(items[0][1].detail)} |"
        for kind, items in by_kind(results).items()
    )
    return (
        f"{SECTION}\n\n"
        f"Command: `.venv/bin/python -m benchmarks.conversations --conversations "
        f"{args.conversations} --first-seed {args.first_seed} --write-results`.\n"
        f"Machine: CPython {platform.python_version()}, 2 CPUs; SQLite; measured "
        f"{dt.date.today().isoformat()}. Simulated patients (tests/convgen) over REST against "
        "the real Rasa and action servers; the CI test runs seeds 0-39 of the same generator. "
        "Each conversation must end in a booking, an urgent flag, a call-back or an explicit "
        "stop; never show the greeting mid-form or a fallback after a finished flow; never take "
        "a safety answer from a message sent before its question; answer a digression and ask "
        "the question again; store one intake and at most one booking, with the facts the "
        "patient confirmed (tests/convgen/checks.py, stored.py).\n\n"
        "| measure | value |\n|---|---:|\n"
        f"| conversations | {len(results)} |\n"
        f"| passed | {passed} ({100 * passed / len(results):.1f} %) |\n"
        f"| messages sent | {messages} |\n"
        f"| wall time | {seconds:.0f} s |\n"
        f"| slowest conversation | seed {slow.conv.persona.seed}: {slow.conv.seconds:.1f} s, "
        f"{len(slow.conv.turns)} messages |\n\n"
        + (
            "Failures by kind (a conversation can fail several kinds; repro: the seed, run "
            "with `--first-seed <seed> --conversations 1`):\n\n"
            "| kind | conversations | shortest repro seed | its failure |\n|---|---:|---:|---|\n"
            + rows + "\n"
            if rows else "No failures.\n"
        )
    )


def _cell(text: str) -> str:
    """`text` fit for one Markdown table cell."""
    text = text.replace("|", "\\|").replace("\n", " ")
    return text if len(text) <= 100 else text[:99] + "…"


def write_results(text: str) -> None:
    path = ROOT / "benchmarks" / "RESULTS.md"
    current = path.read_text() if path.exists() else "# Benchmark results\n"
    head, sep, rest = current.partition(SECTION)
    if sep:
        after = rest.split("\n## ", 1)
        current = head + text + ("\n## " + after[1] if len(after) > 1 else "")
    else:
        current = current.rstrip() + "\n\n" + text
    path.write_text(current)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--conversations", type=int, default=200)
    parser.add_argument("--first-seed", type=int, default=0)
    parser.add_argument("--write-results", action="store_true")
    args = parser.parse_args()
    results, seconds = run(args.conversations, args.first_seed)
    print(summary(results))
    if args.write_results:
        write_results(section(results, seconds, args))


if __name__ == "__main__":
    main()
