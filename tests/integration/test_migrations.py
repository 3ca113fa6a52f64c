"""Migrations build the schema the models describe, on an empty SQLite file and on PostgreSQL."""

from __future__ import annotations

from sqlalchemy import inspect

from bot.db import make_engine
from bot.migrate import downgrade, upgrade
from bot.models import Base


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
