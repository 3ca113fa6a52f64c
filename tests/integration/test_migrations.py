"""Migrations build the schema the models describe, on an empty SQLite file and on PostgreSQL."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from bot.db import make_engine
from bot.migrate import create_database, downgrade, upgrade
from bot.models import Base
from tests.e2e.harness import PG_ADMIN_URL


def _tables(url: str) -> dict[str, set[str]]:
    engine = make_engine(url)
    try:
        inspector = inspect(engine)
        return {
            name: {c["name"] for c in inspector.get_columns(name)}
            for name in inspector.get_table_names()
            if name != "alembic_version"
        }
    finally:
        engine.dispose()


def test_migrations_match_the_models(db_url):
    tables = _tables(db_url)
    for table in Base.metadata.sorted_tables:
        assert table.name in tables, f"no migration creates {table.name}"
        assert {c.name for c in table.columns} == tables[table.name], table.name


def test_upgrade_is_idempotent_and_downgrade_empties(db_url):
    upgrade(db_url)
    downgrade(db_url, "base")
    assert _tables(db_url) == {}
    upgrade(db_url)
    assert "intakes" in _tables(db_url)


@pytest.mark.postgres
def test_db_create_makes_a_missing_postgresql_database_once():
    """`bot db create` (make run-production): a new database on the server, then nothing."""
    name = f"test_create_{uuid.uuid4().hex[:10]}"
    url = str(make_url(PG_ADMIN_URL).set(database=name))
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT", future=True)
    try:
        assert create_database(url) is True
        assert create_database(url) is False  # already there
        upgrade(url)
        assert "intakes" in _tables(url)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


def test_db_create_leaves_sqlite_alone(tmp_path):
    assert create_database(f"sqlite:///{tmp_path / 'intake.db'}") is False
    assert not (tmp_path / "intake.db").exists()
