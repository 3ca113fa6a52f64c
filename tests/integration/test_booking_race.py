"""Many patients press "book" on the same slot at the same instant: the database lets one win.

Runs on a real SQLite file and on PostgreSQL, with the schema from the migrations.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter
from typing import Callable, List

from sqlalchemy import func, select

from bot.db import unit_of_work
from bot.scheduling import PatientDetails, SlotTaken, book, hold_slot, open_slots
from bot.scheduling.models import Booking, Hold, ScheduleCell

pytest_plugins = ["tests.integration.conftest_scheduling"]

THREADS = 50


def _race(calls: List[Callable[[], object]]) -> Counter:
    """Run every call in its own thread, released together by a barrier; count the outcomes."""
    barrier = threading.Barrier(len(calls))
    outcomes: List[str] = []
    errors: List[BaseException] = []
    lock = threading.Lock()

    def run(call: Callable[[], object]) -> None:
        barrier.wait()
        try:
            call()
            result = "ok"
        except SlotTaken:
            result = "taken"
        except BaseException as err:  # noqa: BLE001 - the test reports any other failure
            result = f"other: {type(err).__name__}"
            with lock:
                errors.append(err)
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a booking thread hung"
    assert not errors, f"unexpected errors: {errors[:3]!r}"
    return Counter(outcomes)


def _count(factory, model, *where) -> int:
    with unit_of_work(factory) as session:
        return session.execute(select(func.count()).select_from(model).where(*where)).scalar()


def _slot(factory, profile, clock):
    tomorrow = clock() + dt.timedelta(days=1)
    return next(
        s for s in open_slots(factory, profile, clock, "chronic_assessment")
        if s.starts_at > tomorrow
    )  # fmt: skip


def _patient(i: int) -> PatientDetails:
    return PatientDetails.create(f"Patient {i}", f"+1 212 555 {1000 + i:04d}")


def test_fifty_threads_book_the_same_slot(sched_factory, sched_profile, sched_clock):
    factory, profile, clock = sched_factory, sched_profile, sched_clock
    slot = _slot(factory, profile, clock)
    calls = [
        (lambda i=i: book(factory, profile, clock, slot, _patient(i), conversation_id=f"r{i}"))
        for i in range(THREADS)
    ]
    outcomes = _race(calls)
    assert outcomes == Counter({"ok": 1, "taken": THREADS - 1})
    assert _count(factory, Booking) == 1
    assert _count(factory, ScheduleCell) == 5


def test_fifty_threads_book_overlapping_slots(sched_factory, sched_profile, sched_clock):
    """Starts 0, 15, 30 and 45 minutes apart all overlap a 60-minute appointment: one wins."""
    factory, profile, clock = sched_factory, sched_profile, sched_clock
    first = _slot(factory, profile, clock)
    step = dt.timedelta(minutes=15)
    slots = [
        type(first)(first.starts_at + k * step, first.therapist_id, first.appointment_type_id,
                    first.ends_at + k * step)
        for k in range(4)
    ]  # fmt: skip
    calls = [
        (
            lambda i=i: book(
                factory, profile, clock, slots[i % 4], _patient(i), conversation_id=f"r{i}"
            )
        )
        for i in range(THREADS)
    ]
    outcomes = _race(calls)
    assert outcomes == Counter({"ok": 1, "taken": THREADS - 1})
    assert _count(factory, Booking) == 1


def test_fifty_threads_hold_the_same_slot(sched_factory, sched_profile, sched_clock):
    factory, profile, clock = sched_factory, sched_profile, sched_clock
    slot = _slot(factory, profile, clock)
    calls = [
        (lambda i=i: hold_slot(factory, profile, clock, slot, f"r{i}")) for i in range(THREADS)
    ]
    outcomes = _race(calls)
    assert outcomes == Counter({"ok": 1, "taken": THREADS - 1})
    assert _count(factory, Hold) == 1


def test_a_retry_racing_its_first_attempt_gets_the_same_booking(
    sched_factory, sched_profile, sched_clock
):
    """The widget's retry can arrive while the first attempt still runs: both get one booking."""
    factory, profile, clock = sched_factory, sched_profile, sched_clock
    slot = _slot(factory, profile, clock)
    patient = _patient(1)
    codes: List[str] = []

    def retry() -> None:
        codes.append(book(factory, profile, clock, slot, patient, conversation_id="r1").code)

    outcomes = _race([retry] * 4)
    assert outcomes == Counter({"ok": 4})
    assert len(set(codes)) == 1
    assert _count(factory, Booking) == 1
