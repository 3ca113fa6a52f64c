"""Fixtures for the scheduling integration tests: migrated SQLite files and throwaway PostgreSQL
databases (the shared fixtures), the clinic profile and a settable clock. Loaded with
`pytest_plugins = ["tests.integration.conftest_scheduling"]` from each scheduling test module.

Every fixture is prefixed `sched_` so that fixtures of tests/conftest.py (which take precedence
over plugin fixtures of the same name) never shadow these.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import sessionmaker

from bot.clinic import ClinicProfile, load_profile
from bot.db import make_engine, make_session_factory
from bot.settings import ROOT
from tests.fakes import FakeClock

UTC = dt.timezone.utc
# Monday 30 November 2026, 9:00 in New York: a normal working week ahead.
START = dt.datetime(2026, 11, 30, 14, 0, tzinfo=UTC)


@pytest.fixture
def sched_db_url(db_url: str) -> str:
    """Each test runs on a real SQLite file and on PostgreSQL, with the schema from migrations
    (the shared `db_url` fixture of tests/conftest.py)."""
    return db_url


@pytest.fixture
def sched_engine_for():
    """Build engines that are disposed after the test; PostgreSQL gets a pool for 60 threads."""
    engines = []

    def build(url: str):
        kwargs = {} if url.startswith("sqlite") else {"pool_size": 60, "max_overflow": 0}
        engine = make_engine(url, **kwargs)
        engines.append(engine)
        return engine

    yield build
    for engine in engines:
        engine.dispose()


@pytest.fixture
def sched_factory(sched_db_url: str, sched_engine_for) -> sessionmaker:
    return make_session_factory(sched_engine_for(sched_db_url))


@pytest.fixture
def sched_profile() -> ClinicProfile:
    return load_profile(ROOT / "config" / "clinic.yml")


@pytest.fixture
def sched_clock() -> FakeClock:
    return FakeClock(START)
