"""Real worker processes: SIGKILL mid-batch and restart, and two workers racing on one queue."""

from __future__ import annotations

import collections
import datetime as dt
import os
import signal
import subprocess
import sys
import threading
import time

import pytest
from sqlalchemy import select

from bot.db import make_engine, make_session_factory, unit_of_work, utcnow
from bot.messaging.models import Reminder
from bot.settings import ROOT


def start_worker(db_url, env, profile_path, tmp_path, *args):
    environ = {
        **os.environ, **env,
        "DATABASE_URL": db_url, "CLINIC_PROFILE": str(profile_path), "VAR_DIR": str(tmp_path),
        "PYTHONPATH": str(ROOT),
    }
    log = open(tmp_path / f"worker-{time.monotonic_ns()}.log", "w")  # noqa: SIM115
    return subprocess.Popen(
        [sys.executable, "-m", "app.reminders", "run", *args],
        cwd=ROOT, env=environ, stdout=log, stderr=subprocess.STDOUT,
    )


def wait_for(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def reminders(factory):
    with unit_of_work(factory) as session:
        return list(session.execute(select(Reminder).order_by(Reminder.id)).scalars())


@pytest.fixture
def factory_for():
    engines = []

    def build(url):
        engine = make_engine(url)
        engines.append(engine)
        return make_session_factory(engine)

    yield build
    for engine in engines:
        engine.dispose()


def test_sigkill_mid_batch_then_restart_sends_each_reminder_exactly_once(
    db_url, factory_for, profile, due_reminders, fake_twilio, twilio_env, awake_profile,
    tmp_path,
):
    factory = factory_for(db_url)
    count = 40
    ids = due_reminders(factory, profile, count, utcnow())
    killed = threading.Event()
    proc_box = {}

    def kill_on_tenth(created: int) -> None:
        # The provider has taken the 10th message but the worker has not heard back: the
        # worst moment to die.
        if created == 10 and not killed.is_set():
            proc_box["proc"].send_signal(signal.SIGKILL)
            killed.set()

    fake_twilio.on_create = kill_on_tenth
    fake_twilio.delay = 0.02
    first = start_worker(db_url, twilio_env, awake_profile, tmp_path,
                         "--interval", "0.2", "--lease", "3", "--batch", "5")
    proc_box["proc"] = first
    try:
        wait_for(killed.is_set, 60, "the 10th message")
        first.wait(10)
        assert first.returncode == -signal.SIGKILL
    finally:
        if first.poll() is None:
            first.kill()
    fake_twilio.on_create = None
    at_kill = collections.Counter(r.status for r in reminders(factory))
    assert at_kill["sending"] >= 1  # claimed by the dead worker, its lease not yet expired
    assert at_kill["sent"] < count

    second = start_worker(db_url, twilio_env, awake_profile, tmp_path,
                          "--interval", "0.2", "--lease", "3", "--batch", "5")
    try:
        wait_for(lambda: all(r.status == "sent" for r in reminders(factory)), 60, "all sent")
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(15)
    assert second.returncode == 0  # SIGTERM stops it cleanly

    rows = reminders(factory)
    assert [r.id for r in rows] == ids
    assert fake_twilio.created_count() == count  # one message per reminder
    assert fake_twilio.keys_created_more_than_once() == []
    for r in rows:
        assert r.provider_sid == fake_twilio.by_key[r.idempotency_key]
        assert len(fake_twilio.sent_to(r.phone)) == 1
    resent = [k for k, n in collections.Counter(
        p["idempotency_key"] for p in fake_twilio.posts).items() if n > 1]
    assert resent, "the message in flight at the kill was sent again (and de-duplicated)"
    assert any(r.attempts == 2 for r in rows)


@pytest.mark.postgres
def test_two_workers_on_postgresql_never_send_the_same_reminder_twice(
    pg_url, factory_for, profile, due_reminders, fake_twilio, twilio_env, awake_profile,
    tmp_path,
):
    _race(pg_url, factory_for, profile, due_reminders, fake_twilio, twilio_env, awake_profile,
          tmp_path, 1000)


def test_two_workers_on_sqlite_never_send_the_same_reminder_twice(
    sqlite_url, factory_for, profile, due_reminders, fake_twilio, twilio_env, awake_profile,
    tmp_path,
):
    _race(sqlite_url, factory_for, profile, due_reminders, fake_twilio, twilio_env,
          awake_profile, tmp_path, 300)


def _race(url, factory_for, profile, due_reminders, fake_twilio, twilio_env, awake_profile,
          tmp_path, count):
    factory = factory_for(url)
    due_reminders(factory, profile, count, utcnow() - dt.timedelta(seconds=5))
    fake_twilio.delay = 0.002
    workers = [
        start_worker(url, twilio_env, awake_profile, tmp_path, "--once", "--batch", "10")
        for _ in range(2)
    ]
    for proc in workers:
        assert proc.wait(180) == 0
    rows = reminders(factory)
    assert all(r.status == "sent" for r in rows)
    # Not one reminder was even attempted twice: every key reached the provider once.
    keys = [p["idempotency_key"] for p in fake_twilio.posts]
    assert len(keys) == count and len(set(keys)) == count
    assert fake_twilio.created_count() == count
    by_worker = collections.Counter(r.claimed_by for r in rows)
    assert len(by_worker) == 2, by_worker  # both workers did part of the work
