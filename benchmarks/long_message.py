"""The slowest accepted message: latency and memory for long messages, ours against bare Rasa.

Starts our Rasa server and action server (SQLite, the trained model) and, as the peer, a bare
`rasa init --no-prompt` assistant on the same Rasa (its own small model, REST channel only, its
in-memory tracker store), both on 127.0.0.1. Sends each messages of 20, 500, 2,000 and 10,000
characters (10,000 is the longest our REST channel accepts), each from a fresh conversation,
and measures the time from POST to reply and the Rasa server process's resident memory
(VmRSS). Then, while 10,000-character messages run, a 20-character message from another
patient is sent just after each one: does a long message hold up the others?

Run from the repository root (about 4 minutes on two cores; stops by itself):

    .venv/bin/python -m benchmarks.long_message [--repeat 10] [--write-results]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import requests

from bot.migrate import upgrade
from channels.validation import MAX_MESSAGE_CHARS, READ_CHARS
from tests.e2e.harness import BIN, ROOT, free_port, run_servers

COMMAND = ".venv/bin/python -m benchmarks.long_message --write-results"
HEADING = "## Slowest accepted message"
LENGTHS = (20, 500, READ_CHARS, MAX_MESSAGE_CHARS)  # 20, 500, 2,000, 10,000 characters
SHORT = "my right knee hurts."  # 20 characters: the other patient's message
# The other patient's message leaves this long after the long one, so it arrives mid-turn.
OFFSET_S = 0.01
REQUEST_TIMEOUT_S = 120.0
RUN_DEADLINE_S = 15 * 60.0  # a hard stop for the whole run, far above its usual ~4 minutes
PAIN = [
    "My lower back has been aching for about four months now, mostly on the right side.",
    "It gets worse when I sit at my desk for more than an hour or bend to lift my daughter.",
    "Mornings are the worst, it takes me a good twenty minutes before I can stand up straight.",
    "I tried ibuprofen and a heating pad, which take the edge off but it always comes back.",
    "Sometimes the pain goes down into my right buttock, though never past the knee.",
    "I stopped going to the gym in the spring and I can't garden like I used to.",
    "On a bad day I would call it a 6 out of 10, on a good day maybe a 3.",
    "Driving to work is hard too, I have to stop halfway and walk around the car.",
]


def patient_text(chars: int) -> str:
    """Realistic patient text of exactly `chars` characters (a pain description, repeated)."""
    if chars == len(SHORT):
        return SHORT
    words: list[str] = []
    length, n = 0, 0
    while length < chars:
        sentence = PAIN[n % len(PAIN)]
        words.append(sentence)
        length += len(sentence) + 1
        n += 1
    text = " ".join(words)[:chars].rstrip()
    text = text + "." * (chars - len(text))
    assert len(text) == chars
    return text


def rss_kib(pid: int, key: str = "VmRSS") -> int:
    """A memory figure of process `pid` from /proc/<pid>/status, in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"no {key} for pid {pid}")


class RssSampler:
    """The highest VmRSS of one process seen while inside `with` (sampled every 20 ms)."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak_kib = pid, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            with contextlib.suppress(OSError, RuntimeError):
                self.peak_kib = max(self.peak_kib, rss_kib(self.pid))
            self._stop.wait(0.02)

    def __enter__(self) -> RssSampler:
        self.peak_kib = rss_kib(self.pid)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


@dataclass
class Target:
    """One assistant under test: its REST webhook, its Rasa server's pid, and what it cuts."""

    name: str
    url: str
    pid: int
    cuts: bool  # reads at most READ_CHARS characters and says so (utter_message_cut)
    deadline: float
    run_id: str = field(default_factory=lambda: uuid.uuid4().hex[:8])
    count: int = 0

    def sender(self) -> str:
        self.count += 1
        return f"bench-long-{self.run_id}-{self.count}"

    def post(self, text: str) -> float:
        """Seconds from POST to reply, for `text` from a fresh conversation."""
        if time.monotonic() > self.deadline:
            raise RuntimeError(f"the run took longer than {RUN_DEADLINE_S:.0f} s; stopped")
        start = time.perf_counter()
        reply = requests.post(
            f"{self.url}/webhooks/rest/webhook",
            json={"sender": self.sender(), "message": text},
            timeout=REQUEST_TIMEOUT_S,
        )
        elapsed = time.perf_counter() - start
        reply.raise_for_status()
        messages = reply.json()
        assert messages, f"{self.name}: no reply to a {len(text)}-character message"
        if self.cuts:
            told = any("long message" in (m.get("text") or "") for m in messages)
            assert told == (len(text) > READ_CHARS), f"{self.name}: cut notice wrong: {messages}"
        return elapsed


@dataclass
class Row:
    label: str
    timings: list[float]
    rss_after_kib: int

    @property
    def p50_ms(self) -> float:
        return 1000 * statistics.median(self.timings)

    @property
    def max_ms(self) -> float:
        return 1000 * max(self.timings)


@dataclass
class Result:
    name: str
    rows: list[Row]
    rss_before_kib: int
    rss_after_kib: int
    rss_peak_kib: int
    load: float  # the machine's 1-minute load average when measuring began

    def row(self, label: str) -> Row:
        return next(r for r in self.rows if r.label == label)


def _label(chars: int) -> str:
    return f"{chars:,} chars"


CONCURRENT = f"{len(SHORT)} chars, sent during a {MAX_MESSAGE_CHARS:,}-char one"
CONCURRENT_LONG = f"{MAX_MESSAGE_CHARS:,} chars, with another patient's message during it"


def measure(target: Target, repeat: int) -> Result:
    load = os.getloadavg()[0]
    target.post("hi")  # warm-up: the first message loads what the model loads lazily
    target.post(patient_text(500))
    before = rss_kib(target.pid)
    rows: list[Row] = []
    with RssSampler(target.pid) as sampler:
        for chars in LENGTHS:
            text = patient_text(chars)
            timings = [target.post(text) for _ in range(repeat)]
            rows.append(Row(_label(chars), timings, rss_kib(target.pid)))
            print(f"  {target.name}: {_label(chars)}: p50 {rows[-1].p50_ms:.0f} ms", flush=True)
        long_text, short, long = patient_text(MAX_MESSAGE_CHARS), [], []
        for _ in range(repeat):
            result: dict[str, float] = {}
            errors: list[BaseException] = []

            def send(key: str, text: str, result=result, errors=errors) -> None:
                try:
                    result[key] = target.post(text)
                except BaseException as err:  # noqa: BLE001 (re-raised in the main thread)
                    errors.append(err)

            threads = [threading.Thread(target=send, args=("long", long_text), daemon=True)]
            threads[0].start()
            time.sleep(OFFSET_S)
            threads.append(threading.Thread(target=send, args=("short", SHORT), daemon=True))
            threads[1].start()
            for thread in threads:
                thread.join(timeout=REQUEST_TIMEOUT_S + 10)
            if errors or len(result) != 2:
                raise RuntimeError(f"{target.name}: concurrent pair failed: {errors or result}")
            short.append(result["short"])
            long.append(result["long"])
        rows.append(Row(CONCURRENT, short, rss_kib(target.pid)))
        rows.append(Row(CONCURRENT_LONG, long, rss_kib(target.pid)))
        print(f"  {target.name}: {CONCURRENT}: p50 {rows[-2].p50_ms:.0f} ms", flush=True)
    return Result(target.name, rows, before, rss_kib(target.pid), sampler.peak_kib, load)


def _model() -> Path:
    import importlib.util

    spec = importlib.util.spec_from_file_location("m", ROOT / "scripts/ensure_model.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.ensure_model()


def _wait_up(url: str, process: subprocess.Popen, log: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} exited early:\n{log.read_text()[-3000:]}")
        with contextlib.suppress(requests.RequestException):
            if requests.get(url, timeout=2).status_code == 200:
                return
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not come up in {seconds:.0f}s:\n{log.read_text()[-3000:]}")


def init_bare(work: Path, env: dict[str, str]) -> Path:
    """`rasa init --no-prompt` in `work/bare` (it trains its own model); the project's path."""
    project = work / "bare"
    project.mkdir()
    print("Creating and training the bare `rasa init` assistant (about a minute).", flush=True)
    with (work / "bare-init.log").open("w") as log:
        subprocess.run(
            [str(BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(project)],
            cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT, check=True, timeout=900,
        )
    # REST only: its default credentials.yml also opens the `rasa` channel to localhost:5002.
    (project / "credentials.yml").write_text("rest:\n")
    return project


@contextlib.contextmanager
def bare_server(project: Path, env: dict[str, str]) -> Iterator[tuple[str, subprocess.Popen]]:
    """The bare assistant served by `rasa run --enable-api` on 127.0.0.1 (started, not waited)."""
    model = max((project / "models").glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    port = free_port()
    log = project / "rasa.log"
    argv = [
        str(BIN / "rasa"), "run", "--enable-api", "-i", "127.0.0.1", "--port", str(port),
        "--model", str(model), "--credentials", str(project / "credentials.yml"),
        "--endpoints", str(project / "endpoints.yml"),
    ]
    process = subprocess.Popen(
        argv, cwd=project, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT
    )
    try:
        yield f"http://127.0.0.1:{port}", process
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=20)


def run(repeat: int) -> list[Result]:
    deadline = time.monotonic() + RUN_DEADLINE_S
    work = Path(tempfile.mkdtemp(prefix="bench-long-"))
    try:
        env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "LOG_LEVEL_LIBRARIES": "ERROR"}
        project = init_bare(work, env)
        model = _model()
        url = f"sqlite:///{work / 'bench.db'}"
        upgrade(url)
        print("Starting both Rasa servers.", flush=True)
        with (
            bare_server(project, env) as (bare_url, bare_process),
            run_servers(model, work / "ours", url) as servers,
        ):
            _wait_up(f"{bare_url}/status", bare_process, project / "rasa.log", 300)
            assert servers.rasa_process is not None and servers.rasa_process.popen
            ours = Target("ours", servers.rasa_url, servers.rasa_process.popen.pid, True, deadline)
            bare = Target("bare Rasa", bare_url, bare_process.pid, False, deadline)
            results = []
            for target in (ours, bare):  # one at a time; the other server sits idle
                print(f"Measuring {target.name}.", flush=True)
                results.append(measure(target, repeat))
            return results
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _mib(kib: int) -> str:
    return f"{kib / 1024:,.0f} MiB"


def tables(results: list[Result]) -> str:
    lines = [
        "| server | message | sent | p50 | max | RSS after |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for result in results:
        for row in result.rows:
            lines.append(
                f"| {result.name} | {row.label} | {len(row.timings)} | {row.p50_ms:,.0f} ms "
                f"| {row.max_ms:,.0f} ms | {_mib(row.rss_after_kib)} |"
            )
    lines += [
        "",
        "| server | RSS before | RSS after | growth | peak while measuring |",
        "|---|---:|---:|---:|---:|",
    ]
    for r in results:
        growth = (r.rss_after_kib - r.rss_before_kib) / 1024
        lines.append(
            f"| {r.name} | {_mib(r.rss_before_kib)} | {_mib(r.rss_after_kib)} "
            f"| {growth:+,.0f} MiB | {_mib(r.rss_peak_kib)} |"
        )
    return "\n".join(lines)


def findings(results: list[Result]) -> str:
    ours, bare = results
    longest, read = _label(MAX_MESSAGE_CHARS), _label(READ_CHARS)

    def ratio(r: Result) -> float:
        return r.row(longest).p50_ms / r.row(read).p50_ms

    def held(r: Result) -> str:
        alone, during = r.row(_label(len(SHORT))), r.row(CONCURRENT)
        return (
            f"{r.name}: {during.p50_ms:,.0f} ms p50 / {during.max_ms:,.0f} ms max, against "
            f"{alone.p50_ms:,.0f} ms / {alone.max_ms:,.0f} ms alone"
        )

    growth = [(r.rss_after_kib - r.rss_before_kib) / 1024 for r in results]

    def step(r: Result) -> str:
        prev = [r.rss_before_kib] + [row.rss_after_kib for row in r.rows[:-1]]
        jumps = [(row.rss_after_kib - a, row.label) for a, row in zip(prev, r.rows, strict=True)]
        kib, label = max(jumps)
        return f"{kib / 1024:+,.0f} MiB during the {label} row"
    return (
        f"- What the cut saves: bare Rasa has no {READ_CHARS:,}-character cut and reads all "
        f"{MAX_MESSAGE_CHARS:,} characters, so its {longest} row is what reading everything "
        f"costs: p50 {bare.row(longest).p50_ms:,.0f} ms, {ratio(bare):.1f}x its {read} p50. "
        f"Ours reads the first {READ_CHARS:,} (cut at a space) and says so "
        f"(`utter_message_cut`): its {longest} p50 is {ours.row(longest).p50_ms:,.0f} ms, "
        f"{ratio(ours):.1f}x its {read} p50.\n"
        f"- Held up? A {len(SHORT)}-character message from another patient, sent "
        f"{1000 * OFFSET_S:.0f} ms after each {MAX_MESSAGE_CHARS:,}-character one (so it "
        f"arrives mid-turn): "
        f"{held(ours)}; {held(bare)}. A Rasa server runs NLU on its one event loop, so a "
        "message waits for the turn in progress.\n"
        f"- Memory (VmRSS of the Rasa server process, after a warm-up, and after all "
        f"{sum(len(r.timings) for r in ours.rows)} messages): ours {growth[0]:+,.0f} MiB, "
        f"bare Rasa {growth[1]:+,.0f} MiB. Largest step: ours {step(ours)}, bare Rasa "
        f"{step(bare)}. The peak is the highest 20 ms sample while measuring.\n"
        "- Ours does more per message by design: the pain extractor and crisis guard in NLU, "
        "the action server, and every event written to SQLite; bare Rasa keeps its tracker in "
        "memory and calls no action server.\n"
    )


def machine(results: list[Result]) -> str:
    import rasa

    loads = ", ".join(f"{r.name} {r.load:.1f}" for r in results)
    return (
        f"CPython {platform.python_version()}, {os.cpu_count()} CPUs, {platform.machine()}; "
        f"Rasa {rasa.__version__}; measured {dt.date.today().isoformat()}; 1-minute load "
        f"average as each server's measurement began: {loads} (other work on the machine "
        "shows here)"
    )


def write_results(section: str) -> None:
    path = ROOT / "benchmarks" / "RESULTS.md"
    text = path.read_text() if path.exists() else "# Benchmark results\n"  # read just now
    head, sep, rest = text.partition(HEADING + "\n")
    if sep:
        after = rest.split("\n## ", 1)
        text = head + section + ("\n## " + after[1] if len(after) > 1 else "")
    else:
        text = text.rstrip() + "\n\n" + section
    path.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=10, help="messages per length")
    parser.add_argument("--write-results", action="store_true")
    args = parser.parse_args()
    # SIGTERM ends the run like Ctrl-C: the `finally` blocks stop every server started.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    results = run(args.repeat)
    table = tables(results)
    text = findings(results)
    print(table + "\n\n" + text)
    if args.write_results:
        command = COMMAND if args.repeat == 10 else f"{COMMAND} --repeat {args.repeat}"
        section = (
            f"{HEADING}\n\n"
            f"Command: `{command}` (from the repository root).\n"
            f"Machine: {machine(results)}.\n"
            "Our Rasa server and action server on SQLite (`tests.e2e.harness.run_servers`, "
            "the trained model) against a bare `rasa init --no-prompt` assistant on the same "
            "Rasa (its own model, REST channel only, in-memory tracker store), both on "
            "127.0.0.1, measured one after the other. Each message comes from a fresh "
            f"conversation ({args.repeat} per row): a pain description repeated to the length "
            f"({MAX_MESSAGE_CHARS:,} characters is the longest our REST channel accepts); time "
            "from POST to reply.\n\n" + table + "\n\n" + text
        )
        write_results(section)


if __name__ == "__main__":
    main()
