"""Per-message latency of the whole assistant over REST: Rasa server + action server + SQLite.

Runs complete intake-and-booking conversations against the real servers on this machine and
reports percentiles per message. Usage:

    .venv/bin/python -m benchmarks.rest_latency [--conversations 20] [--write-results]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from bot.migrate import upgrade
from tests.e2e.harness import ROOT, run_servers
from tests.screen import screen_answers

SCRIPT = [
    "hi",
    "my right knee, about 4 months, stairs kill me",
    "6",
    *screen_answers(message="my right knee, about 4 months, stairs kill me"),
    "yes",
    "yes",
    "as soon as possible",
    "1",
    "Sam Rivera",
    "718 555 0142",
    "skip",
    "no",
]


def _model() -> Path:
    import importlib.util

    spec = importlib.util.spec_from_file_location("m", ROOT / "scripts/ensure_model.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.ensure_model()


def run(conversations: int) -> dict[str, float]:
    work = Path(tempfile.mkdtemp())
    url = f"sqlite:///{work / 'bench.db'}"
    upgrade(url)
    timings: list[float] = []
    with run_servers(_model(), work, url) as servers:
        servers.texts("warm-up", "hi")
        for n in range(conversations):
            for message in SCRIPT:
                start = time.perf_counter()
                replies = servers.chat(f"bench-{n}", message)
                timings.append(time.perf_counter() - start)
                assert replies, f"no reply to {message!r}"
    timings.sort()
    return {
        "messages": len(timings),
        "p50_ms": 1000 * statistics.median(timings),
        "p95_ms": 1000 * timings[int(0.95 * (len(timings) - 1))],
        "max_ms": 1000 * timings[-1],
        "mean_ms": 1000 * statistics.fmean(timings),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--conversations", type=int, default=20)
    parser.add_argument("--write-results", action="store_true")
    args = parser.parse_args()
    result = run(args.conversations)
    table = (
        "| messages | p50 | p95 | max | mean |\n|---:|---:|---:|---:|---:|\n"
        f"| {result['messages']} | {result['p50_ms']:.0f} ms | {result['p95_ms']:.0f} ms "
        f"| {result['max_ms']:.0f} ms | {result['mean_ms']:.0f} ms |"
    )
    print(table)
    if args.write_results:
        path = ROOT / "benchmarks" / "RESULTS.md"
        text = path.read_text() if path.exists() else "# Benchmark results\n"
        section = (
            "## Conversation latency over REST\n\n"
            f"`.venv/bin/python -m benchmarks.rest_latency --conversations {args.conversations} "
            "--write-results` on the 2-core machine: complete intake-and-booking conversations "
            f"({len(SCRIPT)} messages each) against the real Rasa server and action server on "
            "SQLite; time from POST to reply, per message. No peer: no other open-source intake "
            "assistant runs here.\n\n" + table + "\n"
        )
        head, sep, rest = text.partition("## Conversation latency over REST")
        if sep:
            after = rest.split("\n## ", 1)
            text = head + section + ("\n## " + after[1] if len(after) > 1 else "")
        else:
            text = text.rstrip() + "\n\n" + section
        path.write_text(text)


if __name__ == "__main__":
    main()
