"""Benchmark of the booking domain: availability for a 10-therapist clinic over 21 days, and
bookings per second on PostgreSQL with 8 concurrent clients booking distinct slots.

Run from the repository root:
    .venv/bin/python -m benchmarks.booking [--write-results]
PostgreSQL comes from DATABASE_TEST_PG_URL (default postgres@127.0.0.1:5432); a throwaway
database is created and dropped.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Callable, Dict, List, Set

import psycopg2
from sqlalchemy.engine import make_url
from sqlalchemy.orm import sessionmaker

from bot.clinic import ClinicProfile, load_profile
from bot.db import make_engine, make_session_factory
from bot.migrate import upgrade
from bot.scheduling import PatientDetails, SlotTaken, available_slots, book, open_slots
from bot.scheduling.availability import Slot, slot_cells
from bot.settings import ROOT

PG_URL = os.environ.get(
    "DATABASE_TEST_PG_URL", "postgresql+psycopg2://postgres@127.0.0.1:5432/postgres"
)
NOW = dt.datetime(2026, 11, 30, 14, 0, tzinfo=dt.timezone.utc)  # Monday 9:00 in New York
COMMAND = ".venv/bin/python -m benchmarks.booking --write-results"
CLIENTS = 8


def ten_therapist_profile() -> ClinicProfile:
    """The shipped clinic with its three therapists cloned to ten (all doing both types)."""
    base = load_profile(ROOT / "config" / "clinic.yml")
    data = base.dict()
    types = [t["id"] for t in data["appointment_types"]]
    therapists = []
    for n in range(10):
        model = data["therapists"][n % len(data["therapists"])]
        therapists.append(
            dict(model, id=f"t{n}", name=f"Therapist{n} Test", appointment_types=types)
        )
    data["therapists"] = therapists
    return ClinicProfile.parse_obj(data)


def _busy_half(profile: ClinicProfile, slots: List[Slot]) -> Dict[str, Set[dt.datetime]]:
    """Every other non-overlapping slot booked: a well-filled calendar."""
    busy: Dict[str, Set[dt.datetime]] = {}
    for i, slot in enumerate(_disjoint(profile, slots)):
        if i % 2 == 0:
            busy.setdefault(slot.therapist_id, set()).update(slot_cells(slot, profile))
    return busy


def _disjoint(profile: ClinicProfile, slots: List[Slot]) -> List[Slot]:
    taken: Dict[str, Set[dt.datetime]] = {}
    out = []
    for slot in slots:
        cells = set(slot_cells(slot, profile))
        mine = taken.setdefault(slot.therapist_id, set())
        if not cells & mine:
            mine |= cells
            out.append(slot)
    return out


def _time_ms(fn, repeat: int) -> float:
    fn()  # warm-up
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def bench_availability(profile: ClinicProfile, repeat: int) -> List[tuple]:
    slots = available_slots(profile, "chronic_assessment", NOW)
    busy = _busy_half(profile, slots)
    free = available_slots(profile, "chronic_assessment", NOW, busy)
    return [
        ("availability, empty calendar (ms per full computation)",
         _time_ms(lambda: available_slots(profile, "chronic_assessment", NOW), repeat),
         f"{len(slots)} slots"),
        ("availability, half-booked calendar (ms per full computation)",
         _time_ms(lambda: available_slots(profile, "chronic_assessment", NOW, busy), repeat),
         f"{len(free)} slots"),
    ]  # fmt: skip


def _pg_database() -> tuple[str, Callable[[], None]]:
    url = make_url(PG_URL)
    name = f"bench_sched_{uuid.uuid4().hex[:10]}"
    admin = psycopg2.connect(
        host=url.host, port=url.port or 5432, user=url.username, password=url.password,
        dbname=url.database or "postgres",
    )  # fmt: skip
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with admin.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()

    return url.set(database=name).render_as_string(hide_password=False), drop


def bench_bookings(url: str, profile: ClinicProfile, count: int) -> tuple:
    """`CLIENTS` threads book `count` distinct, non-overlapping slots; returns (per s, taken)."""
    upgrade(url)
    kwargs = {} if url.startswith("sqlite") else {"pool_size": CLIENTS, "max_overflow": 0}
    engine = make_engine(url, **kwargs)
    factory: sessionmaker = make_session_factory(engine)
    clock = lambda: NOW  # noqa: E731
    slots = _disjoint(profile, available_slots(profile, "chronic_assessment", NOW))[:count]
    queues = [slots[i::CLIENTS] for i in range(CLIENTS)]
    taken = []
    barrier = threading.Barrier(CLIENTS + 1)

    def client(n: int) -> None:
        barrier.wait()
        for i, slot in enumerate(queues[n]):
            patient = PatientDetails.create(f"Bench {n} {i}", f"+1 212 555 {1000 + n:04d}")
            try:
                book(factory, profile, clock, slot, patient, conversation_id=f"b{n}-{i}")
            except SlotTaken:
                taken.append(slot)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    barrier.wait()
    start = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    open_ms = _time_ms(lambda: open_slots(factory, profile, clock, "chronic_assessment"), 5)
    engine.dispose()
    return len(slots) / elapsed, len(slots), len(taken), open_ms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bookings", type=int, default=800)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--write-results", action="store_true")
    args = parser.parse_args()
    profile = ten_therapist_profile()
    rows = bench_availability(profile, args.repeat)
    url, drop = _pg_database()
    try:
        rate, booked, taken, open_ms = bench_bookings(url, profile, args.bookings)
    finally:
        drop()
    rows.append(("open_slots on PostgreSQL after the run (ms, DB read + computation)",
                 open_ms, f"{booked} bookings in the DB"))  # fmt: skip
    rows.append((f"bookings per second, PostgreSQL, {CLIENTS} concurrent threads",
                 rate, f"{booked} distinct slots, {taken} SlotTaken"))  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        sqlite_url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        s_rate, s_booked, s_taken, _ = bench_bookings(sqlite_url, profile, args.bookings)
    rows.append((f"bookings per second, SQLite file (WAL), {CLIENTS} concurrent threads",
                 s_rate, f"{s_booked} distinct slots, {s_taken} SlotTaken"))  # fmt: skip
    table = ["| measure | value | notes |", "|---|---:|---|"]
    table += [f"| {name} | {value:.1f} | {note} |" for name, value, note in rows]
    print("\n".join(table))
    if args.write_results:
        write_results(table)


def write_results(table: List[str]) -> None:
    """Replace (or add) the `## Booking` section of benchmarks/RESULTS.md, keeping the others."""
    path = ROOT / "benchmarks" / "RESULTS.md"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    section = "\n".join(
        [
            "## Booking",
            "",
            f"Command: `{COMMAND}` (from the repository root).",
            f"Machine: {platform.python_implementation()} {platform.python_version()}, "
            f"{os.cpu_count()} CPUs, {platform.machine()}; PostgreSQL at 127.0.0.1:5432; "
            f"measured {dt.date.today().isoformat()}.",
            "Clinic: the shipped profile with 10 therapists, 21-day horizon, 15-minute steps, "
            "60-minute chronic assessments with a 15-minute buffer. Availability figures are "
            "medians; bookings go through `bot.scheduling.book` (one transaction each, cells "
            "claimed under the UNIQUE key).",
            "",
            *table,
            "",
        ]
    )
    lines = text.splitlines()
    try:
        start = lines.index("## Booking")
    except ValueError:
        new = text.rstrip("\n") + "\n\n" + section
    else:
        end = next(
            (i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines)
        )
        rest = "\n".join(lines[end:])
        new = "\n".join(lines[:start]) + "\n" + section + ("\n" + rest if rest else "")
    path.write_text(new.rstrip("\n") + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
