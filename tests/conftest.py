"""Fixtures every test layer shares: migrated databases on SQLite files and on PostgreSQL, and
one trained model with one pair of running Rasa servers for the conversation and browser tests."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url
from sqlalchemy.orm import sessionmaker

from bot.clinic import ClinicProfile, load_profile
from bot.db import make_engine, make_session_factory
from bot.migrate import upgrade
from bot.settings import DEFAULT_CLINIC_PROFILE
from tests.e2e.harness import (
    PG_ADMIN_URL,
    ROOT,
    Production,
    Servers,
    postgres_database,
    run_production,
    run_servers,
)


@pytest.fixture(scope="session")
def profile() -> ClinicProfile:
    return load_profile(DEFAULT_CLINIC_PROFILE)


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    """A migrated SQLite database file of this test's own."""
    url = f"sqlite:///{tmp_path / 'intake.db'}"
    upgrade(url)
    return url


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A migrated PostgreSQL database of this test's own, dropped afterwards."""
    with postgres_database(PG_ADMIN_URL) as url:
        upgrade(url)
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request) -> str:
    """Each test using this runs once on SQLite and once on PostgreSQL."""
    fixture = "sqlite_url" if request.param == "sqlite" else "pg_url"
    return request.getfixturevalue(fixture)


@pytest.fixture
def session_factory(db_url) -> Iterator[sessionmaker]:
    engine = make_engine(db_url)
    yield make_session_factory(engine)
    engine.dispose()


def _ensure_model() -> Path:
    spec = importlib.util.spec_from_file_location("ensure_model", ROOT / "scripts/ensure_model.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.ensure_model()


@pytest.fixture(scope="session")
def trained_model() -> Path:
    """The model for the current data and config, trained only when they changed."""
    return _ensure_model()


@pytest.fixture(scope="session")
def servers(trained_model, tmp_path_factory) -> Iterator[Servers]:
    """The real action server and Rasa server (REST, CORS open) on free ports and a fresh SQLite."""
    workdir = tmp_path_factory.mktemp("servers")
    url = f"sqlite:///{workdir / 'intake.db'}"
    upgrade(url)
    with run_servers(trained_model, workdir, url) as running:
        yield running


PRODUCTION_DB_PASSWORD = "not-a-real-secret-7q"


@pytest.fixture(scope="session")
def production(trained_model, tmp_path_factory) -> Iterator[Production]:
    """`make run-production` (two Rasa servers behind nginx, PostgreSQL, the Redis lock store)
    on free ports and a new PostgreSQL database; the SMS gateway is the fake Twilio of
    tests/sms/conftest.py."""
    from tests.sms.conftest import env_for, serve_fake_twilio

    workdir = tmp_path_factory.mktemp("production")
    with postgres_database(PG_ADMIN_URL) as url, serve_fake_twilio() as twilio:
        env = {**env_for(twilio), "SMS_REPLY_TIMEOUT_SECONDS": "60"}
        # A password, as a real site's URL has (the test server trusts local connections, so
        # it is not checked): nothing may print it.
        url = make_url(url).set(password=PRODUCTION_DB_PASSWORD).render_as_string(False)
        with run_production(workdir, url, env) as running:
            yield running


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests last: Playwright's sync API keeps an event loop running in the main thread
    for the rest of the session, which tests that start their own loop cannot share."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
