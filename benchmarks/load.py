"""Many patients at once: our assistant beside a bare `rasa init` assistant, in one run.

For each N (default 1, 10 and 50), N simulated patients talk to the servers at the same time
over REST, one thread each, every message timed from POST to reply:
- **ours**: the real Rasa server and action server on SQLite (as `make run`), each patient a
  generated persona (tests/convgen) who wants to book and answers whatever it is asked, typos,
  digressions and resent messages included, until the conversation ends;
- **ours, production profile**: the same patients against `make run-production` (two Rasa
  servers behind nginx, PostgreSQL, the Redis lock store; docs/deploy.md);
- **bare**: the assistant `rasa init --no-prompt` makes, on the same Rasa (no action server), each
  patient sending rounds of 5 messages, once with Rasa's in-memory tracker store and once with its
  SQL tracker store on SQLite.

It reports p50, p95 and p99 per message, messages per second, errors and completed
conversations, then checks our databases: every intake and booking stored exactly once for its
conversation (tests/convgen/stored.py) and no two booked appointments of one therapist overlap.
Usage, from the repository root:

    .venv/bin/python -m benchmarks.load [--patients 1 10 50] [--write-results]

The bare assistant is made and trained once, under var/benchmarks/ (about two minutes).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import functools
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import rasa
import requests

from benchmarks.common import model, replace_section
from bot.migrate import upgrade
from tests.convgen.driver import Conversation, Driver
from tests.convgen.persona import make_persona
from tests.convgen.responses import Responses
from tests.convgen.stored import stored_failures
from tests.e2e.harness import (
    BIN,
    ROOT,
    _Process,
    free_port,
    postgres_database,
    query,
    run_production,
    run_servers,
)

HEADING = "## Load: many patients at once, beside bare Rasa"
BARE_ROUND = ["hello there", "I am feeling sad", "yes it did", "I am great now", "bye"]
BARE_ROUNDS = 4  # 20 messages a patient, about as many as one of our conversations
OURS = "ours, one Rasa server (make run)"
PRODUCTION = "ours, production profile (make run-production)"
BARE_DIR = ROOT / "var" / "benchmarks" / f"bare-rasa-init-{rasa.__version__}"


@dataclasses.dataclass
class Run:
    """One assistant under N patients: per-message seconds and what went wrong."""

    assistant: str
    patients: int
    timings: list[float] = dataclasses.field(default_factory=list)
    seconds: float = 0.0
    errors: int = 0
    conversations: int = 0
    completed: int = 0
    problems: list[str] = dataclasses.field(default_factory=list)

    def percentile(self, q: float) -> float:
        """The nearest-rank `q` percentile in milliseconds."""
        ordered = sorted(self.timings)
        return 1000 * ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)] if ordered else 0.0

    @property
    def rate(self) -> float:
        return len(self.timings) / self.seconds if self.seconds else 0.0


def load_persona(seed: int):  # noqa: ANN201 (a tests.convgen Persona)
    """The generated patient for `seed`, who wants to book and has no warning sign."""
    return dataclasses.replace(make_persona(seed), goal="book", yes_at=None, unsure_at=None)


def conversations_each(patients: int) -> int:
    """Conversations each patient has one after another: at least 10 in all, for the
    percentiles of small N (ours: about 17 messages a conversation)."""
    return max(1, -(-10 // patients))


def run_ours(rasa_url: str, patients: int, first_seed: int, read: Callable, label: str) -> Run:
    """`patients` patients at once, each having `conversations_each` generated conversations
    one after another; each conversation must end in a confirmed booking."""
    run = Run(label, patients)
    driver = Driver(rasa_url, Responses(), timeout=120)
    each = conversations_each(patients)

    def patient(n: int) -> list[Conversation]:
        first = first_seed + n * each
        return [driver.run(load_persona(seed)) for seed in range(first, first + each)]

    start = time.perf_counter()
    with ThreadPoolExecutor(patients) as pool:
        convs = [conv for convs in pool.map(patient, range(patients)) for conv in convs]
    run.seconds = time.perf_counter() - start
    for conv in convs:
        run.conversations += 1
        run.timings += [turn.seconds for turn in conv.turns]
        run.errors += sum(f.kind == "server error" for f in conv.failures)
        stored = stored_failures(conv, read)
        if "booking" in conv.seen() and not conv.failures and not stored:
            run.completed += 1
        run.problems += [f"{conv.sender}: {f.kind}: {f.detail}" for f in conv.failures + stored]
    return run


def run_bare(rasa_url: str, assistant: str, patients: int) -> Run:
    """`patients` senders at once, each sending `BARE_ROUNDS` rounds of `BARE_ROUND`."""
    run = Run(assistant, patients)

    def patient(n: int) -> tuple[list[float], int]:
        sender, timings, errors = f"bare-{patients}-{n}-{time.time_ns()}", [], 0
        with requests.Session() as session:
            for text in BARE_ROUND * BARE_ROUNDS * conversations_each(patients):
                start = time.perf_counter()
                try:
                    reply = session.post(f"{rasa_url}/webhooks/rest/webhook",
                                         json={"sender": sender, "message": text}, timeout=120)
                    errors += reply.status_code != 200 or not reply.json()
                except requests.RequestException:
                    errors += 1
                timings.append(time.perf_counter() - start)
        return timings, errors

    start = time.perf_counter()
    with ThreadPoolExecutor(patients) as pool:
        results = list(pool.map(patient, range(patients)))
    run.seconds = time.perf_counter() - start
    for timings, errors in results:
        run.timings += timings
        run.errors += errors
        run.conversations += conversations_each(patients)
        run.completed += conversations_each(patients) if errors == 0 else 0
    return run


def overlapping_bookings(read: Callable) -> list[str]:
    """Booked appointments of one therapist whose times overlap (none, when holds work)."""
    rows = read("SELECT code, therapist_id, starts_at, ends_at FROM bookings "
                "WHERE status = 'booked' ORDER BY therapist_id, starts_at")
    clashes, latest = [], None  # the booking ending last so far, for the same therapist
    for row in rows:
        if latest and latest["therapist_id"] == row["therapist_id"]:
            if row["starts_at"] < latest["ends_at"]:
                clashes.append(f"{latest['code']} and {row['code']} ({row['therapist_id']})")
            if row["ends_at"] <= latest["ends_at"]:
                continue
        latest = row
    return clashes


def bare_model() -> Path:
    """The trained `rasa init --no-prompt` assistant's model (made once under var/)."""
    models = sorted((BARE_DIR / "models").glob("*.tar.gz"))
    if models:
        return models[-1]
    shutil.rmtree(BARE_DIR, ignore_errors=True)
    BARE_DIR.mkdir(parents=True)
    print(f"making the bare assistant in {BARE_DIR} (rasa init --no-prompt)", file=sys.stderr)
    subprocess.run([str(BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(BARE_DIR)],
                   cwd=BARE_DIR, check=True, env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"},
                   stdout=subprocess.DEVNULL)
    return sorted((BARE_DIR / "models").glob("*.tar.gz"))[-1]


@contextlib.contextmanager
def bare_server(work: Path, sql: bool) -> Iterator[str]:
    """A bare Rasa server on a free port: in-memory tracker store, or SQL on a SQLite file."""
    port = free_port()
    endpoints = work / f"endpoints-{'sql' if sql else 'memory'}.yml"
    endpoints.write_text(
        f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {work / 'bare-tracker.db'}\n"
        if sql else "{}\n"
    )
    server = _Process(
        [str(BIN / "rasa"), "run", "--model", str(bare_model()), "--port", str(port),
         "--endpoints", str(endpoints)],
        {**os.environ, "RASA_TELEMETRY_ENABLED": "false"},
        work / f"bare-{'sql' if sql else 'memory'}.log",
        f"http://127.0.0.1:{port}/",
    )
    server.start()
    try:
        server.wait_until_up(300)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


def measure(counts: list[int]) -> list[Run]:
    """Every assistant at every N, in one run on this machine."""
    work = Path(tempfile.mkdtemp(prefix="load-"))
    url = f"sqlite:///{work / 'intake.db'}"
    upgrade(url)
    read = functools.partial(query, url)
    runs: list[Run] = []
    for sql, label in ((False, "bare, in-memory tracker store"), (True, "bare, SQL tracker store")):
        with bare_server(work, sql) as bare_url:
            run_bare(bare_url, label, 2)  # warm-up
            for n in counts:
                runs.append(run_bare(bare_url, label, n))
                print(_line(runs[-1]), file=sys.stderr, flush=True)
    with run_servers(model(), work, url) as servers:
        servers.texts("warm-up", "hi")
        runs += ours_at_each(servers.rasa_url, counts, 10_000, read, OURS)
    with postgres_database() as pg_url:
        read_pg = functools.partial(query, pg_url)
        (work / "production").mkdir()
        with run_production(work / "production", pg_url) as production:
            run_ours(production.rasa_url, 1, 0, read_pg, PRODUCTION)  # warm-up: both servers
            run_ours(production.rasa_url, 1, 1, read_pg, PRODUCTION)
            runs += ours_at_each(production.rasa_url, counts, 20_000, read_pg, PRODUCTION)
    return runs


def ours_at_each(rasa_url: str, counts: list[int], seed: int, read: Callable,
                 label: str) -> list[Run]:
    """`run_ours` at every N (fresh seeds each time), then the database checked for
    overlapping bookings, which count against every one of these runs."""
    runs = []
    for n in counts:
        runs.append(run_ours(rasa_url, n, seed, read, label))
        seed += n * conversations_each(n)
        print(_line(runs[-1]), file=sys.stderr, flush=True)
    clashes = overlapping_bookings(read)
    for run in runs:
        run.problems += [f"overlapping bookings: {c}" for c in clashes]
    return runs


def _line(run: Run) -> str:
    return (f"{run.assistant} N={run.patients}: {len(run.timings)} messages, "
            f"p50 {run.percentile(50):.0f} ms, p95 {run.percentile(95):.0f} ms, "
            f"p99 {run.percentile(99):.0f} ms, {run.rate:.1f} msg/s, {run.errors} errors, "
            f"{run.completed}/{run.conversations} completed")


def table(runs: list[Run]) -> str:
    """The Markdown table: one row per assistant and N, then ours against bare SQL."""
    lines = ["| assistant | patients | messages | p50 | p95 | p99 | msg/s | errors | completed |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    lines += [
        f"| {r.assistant} | {r.patients} | {len(r.timings)} | {r.percentile(50):.0f} ms | "
        f"{r.percentile(95):.0f} ms | {r.percentile(99):.0f} ms | {r.rate:.1f} | {r.errors} | "
        f"{r.completed} of {r.conversations} |"
        for r in runs
    ]
    bare = {r.patients: r for r in runs if r.assistant == "bare, SQL tracker store"}
    production = {r.patients: r for r in runs if r.assistant == PRODUCTION}
    lines += ["", "| patients | one server: p95 ÷ bare SQL p95 (target ≤ 1.5) | "
              "one server: msg/s ÷ bare SQL msg/s (target ≥ 0.67) | "
              "production: msg/s ÷ bare SQL msg/s (target ≥ 1.3) |", "|---:|---:|---:|---:|"]
    for r in (r for r in runs if r.assistant == OURS and r.patients in bare):
        b, p = bare[r.patients], production.get(r.patients)
        lines.append(f"| {r.patients} | {r.percentile(95) / b.percentile(95):.2f} | "
                     f"{r.rate / b.rate:.2f} | {f'{p.rate / b.rate:.2f}' if p else '-'} |")
    return "\n".join(lines)


LONG_HEADING = "## Long conversations: time per message over 500 turns"
# After a whole intake and booking (benchmarks.rest_latency's script), a patient who keeps
# asking: clinic questions and small talk, round and round.
LONG_CYCLE = ["what are your hours?", "thanks", "where are you located?", "ok",
              "do I need a referral?", "how much does it cost?", "thank you", "great"]


LOAD_NOTES = """How to read it (written with the figures of 2026-11-30; re-check after a re-run):
- One patient at a time, ours is as quick as bare (p95 1.08×; bare's default policies include
  UnexpecTED as well as TED). Under load one Rasa process is CPU-bound: ours at 20-24 msg/s,
  bare at 38-41, so ours queues longer (p95 1.7× at 10 patients, 3.2× at 50). Where our
  server's time goes is in "Where a message's time goes": Rasa's own inference and
  featurising, then the tracker store.
- The production profile takes 1.3-1.6× the messages per second of our one process, and p95
  falls from 3.2 s to 2.2 s at 50 patients; on these 2 cores its two Rasa servers share the
  cores with PostgreSQL, nginx and the action server, so it stays under one bare process
  (0.8×; target 1.3×). A machine with a core per Rasa server is the production profile's case.
- Met: 0 errors and every conversation completed (50 of 50) in both profiles, every intake and
  booking stored once, no overlapping bookings. Not met: p95 ≤ 1.5× and throughput ≥ 0.67×
  bare at 10 and 50 patients, and ≥ 1.3× for the production profile.
- Bare's p99 at 50 patients (12-14 s against a p95 of about 1 s) comes from a few requests that
  wait seconds; not investigated (it is the peer's)."""

LONG_NOTES = """Not flat, for either: per message, Rasa reads the session's events back and
featurises the whole history for each policy, and (ours) sends the whole tracker to the action
server on every action call, so the time grows with the length (about 6× over 500 messages).
A fix would start a new Rasa session after so many events with the slots carried over; our
actions that look back over the events (crisis said, buttons offered, crossed messages) would
first have to read what they need from slots. Left for the next round (issue 15)."""


def long_conversation(
    rasa_url: str, turns: int, opening: list[str], cycle: list[str]
) -> list[float]:
    """Seconds per message of one conversation of `turns` messages: `opening`, then `cycle`
    round and round."""
    sender = f"long-{time.time_ns()}"
    texts = (opening + cycle * turns)[:turns]
    timings = []
    with requests.Session() as session:
        for text in texts:
            start = time.perf_counter()
            reply = session.post(f"{rasa_url}/webhooks/rest/webhook",
                                 json={"sender": sender, "message": text}, timeout=120)
            timings.append(time.perf_counter() - start)
            assert reply.status_code == 200 and reply.json(), (text, reply.text)
    return timings


def measure_long(turns: int) -> dict[str, list[float]]:
    """Per-message seconds of one `turns`-message conversation: ours (SQLite) and bare (SQL)."""
    from benchmarks.rest_latency import SCRIPT

    work = Path(tempfile.mkdtemp(prefix="long-"))
    url = f"sqlite:///{work / 'intake.db'}"
    upgrade(url)
    out = {}
    with bare_server(work, sql=True) as bare_url:
        long_conversation(bare_url, 10, [], BARE_ROUND)  # warm-up
        out["bare, SQL tracker store"] = long_conversation(bare_url, turns, [], BARE_ROUND)
    with run_servers(model(), work, url) as servers:
        servers.texts("warm-up", "hi")
        out[OURS] = long_conversation(servers.rasa_url, turns, SCRIPT, LONG_CYCLE)
    return out


def long_table(results: dict[str, list[float]]) -> str:
    """Median ms of the first, middle and last 50 messages, and last ÷ first."""
    lines = ["| assistant | messages | median, messages 1-50 | middle 50 | last 50 | "
             "last ÷ first |", "|---|---:|---:|---:|---:|---:|"]
    for name, timings in results.items():
        n = len(timings)
        first, middle, last = (1000 * statistics.median(timings[a:a + 50])
                               for a in (0, n // 2 - 25, n - 50))
        lines.append(f"| {name} | {n} | {first:.0f} ms | {middle:.0f} ms | {last:.0f} ms | "
                     f"{last / first:.2f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--turns", type=int, default=0,
                        help="instead: one conversation of this many messages (e.g. 500)")
    parser.add_argument("--write-results", action="store_true")
    args = parser.parse_args()
    if args.turns:
        text = long_table(measure_long(args.turns))
        print(text)
        if args.write_results:
            replace_section(LONG_HEADING, (
                f"Command: `.venv/bin/python -m benchmarks.load --turns {args.turns} "
                f"--write-results`. Machine: CPython {platform.python_version()}, "
                f"{os.cpu_count()} CPUs; Rasa {rasa.__version__}; SQLite; measured "
                f"{dt.date.today().isoformat()}. One patient, one conversation, one message "
                "at a time: ours, a whole intake and booking, then clinic questions and small "
                f"talk ({', '.join(repr(t) for t in LONG_CYCLE[:3])}, ...) round and round; "
                "bare, `rasa init`'s assistant, its 5 messages round and round. Nothing ends "
                "the Rasa conversation session: every message follows the last within seconds "
                "(`session_expiration_time` is 720 minutes).\n\n" + text + "\n\n" + LONG_NOTES))
        return
    runs = measure(args.patients)
    text = table(runs)
    problems = [p for r in runs for p in r.problems]
    print(text)
    print("\n".join(problems) or "database: every intake and booking stored once, no overlap")
    if args.write_results:
        counts = " ".join(map(str, args.patients))
        command = "`.venv/bin/python -m benchmarks.load " + (
            "" if args.patients == [1, 10, 50] else f"--patients {counts} "
        ) + "--write-results`"
        body = (
            f"Command: {command} (from the repository root). Machine: CPython "
            f"{platform.python_version()}, {os.cpu_count()} CPUs, {platform.machine()}; Rasa "
            f"{rasa.__version__}; measured {dt.date.today().isoformat()}. N patients at "
            "once, one thread each, time from POST to reply per message. Ours: generated "
            "patients (tests/convgen) who want to book, typos, digressions and resent messages "
            "included, against the Rasa and action servers as `make run` starts them (SQLite), "
            "and against `make run-production` (two Rasa servers behind nginx, PostgreSQL, "
            "Redis lock store, docs/deploy.md). Bare: "
            "`rasa init --no-prompt`'s assistant on the same Rasa, "
            f"{BARE_ROUNDS} rounds of {len(BARE_ROUND)} messages a conversation. Below 10 "
            "patients, each has several conversations one after another (10 in all). "
            "Completed: ours, a confirmed booking with its intake and booking stored exactly "
            "once; bare, every message answered.\n\n" + text + "\n\n" + (
                "Database after the run: every intake and booking stored exactly once for its "
                "conversation, and no two booked appointments of one therapist overlap."
                if not problems else "Problems:\n\n" + "\n".join(f"- {p}" for p in problems)
            ) + "\n\n" + LOAD_NOTES
        )
        replace_section(HEADING, body)


if __name__ == "__main__":
    main()
