"""Fixtures for the scheduling integration tests: migrated SQLite files and throwaway PostgreSQL
databases, the clinic profile and a settable clock. Loaded with
`pytest_plugins = ["tests.integration.conftest_scheduling"]` from each scheduling test module.

Every fixture is prefixed `sched_` so that fixtures of tests/conftest.py (which take precedence
over plugin fixtures of the same name) never shadow these.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from pathlib import Path
from typing import Iterator

import psycopg2
import pytest
from sqlalchemy.engine import make_url
from sqlalchemy.orm import sessionmaker

from bot.clinic import ClinicProfile, load_profile
from bot.db import make_engine, make_session_factory
from bot.migrate import upgrade
from bot.settings import ROOT
from tests.fakes import FakeClock

PG_URL = os.environ.get(
    "DATABASE_TEST_PG_URL", "postgresql+psycopg2://postgres@127.0.0.1:5432/postgres"
)
UTC = dt.timezone.utc
# Monday 30 November 2026, 9:00 in New York: a normal working week ahead.
START = dt.datetime(2026, 11, 30, 14, 0, tzinfo=UTC)




def _pg_admin_dsn() -> dict:
    url = make_url(PG_URL)
    return {
        "host": url.host or "127.0.0.1",
        "port": url.port or 5432,
        "user": url.username or "postgres",
        "password": url.password,
        "dbname": url.database or "postgres",
    }


@pytest.fixture
def sched_pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test; dropped afterwards."""
    name = f"test_sched_{uuid.uuid4().hex[:12]}"
    admin = psycopg2.connect(**_pg_admin_dsn())
    admin.autocommit = True
    try:
        with admin.cursor() as cur:
            cur.execute(f'CREATE DATABASE "{name}"')
        yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
        with admin.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        admin.close()


@pytest.fixture
def sched_sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'scheduling.db'}"


@pytest.fixture(
    params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)],
)
def sched_db_url(request: pytest.FixtureRequest) -> str:
    """Each test runs on a real SQLite file and on PostgreSQL, with the schema from migrations."""
    fixture = "sched_sqlite_url" if request.param == "sqlite" else "sched_pg_url"
    url = request.getfixturevalue(fixture)
    upgrade(url)
    return url


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
