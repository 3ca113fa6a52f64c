"""The console migration matches the models and goes both ways."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from bot.db import make_engine
from bot.migrate import downgrade, upgrade
from bot.models import Base

CONSOLE_TABLES = {
    "console_users",
    "console_sessions",
    "console_notes",
    "console_followups",
    "console_audit",
    "console_login_failures",
    "console_call_attempts",
}


def _diff_for_console(url: str) -> list:
    engine = make_engine(url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()

    return [d for d in diff if _table_of(d) in CONSOLE_TABLES]


def _table_of(entry) -> str | None:  # type: ignore[no-untyped-def]
    """The table an autogenerate diff entry is about (entries come as tuples or lists)."""
    entry = entry[0] if isinstance(entry, list) else entry
    kind, subject = entry[0], entry[1]
    if kind in ("add_table", "remove_table"):
        return subject.name
    if kind.startswith(("add_column", "remove_column", "modify_")):
        return entry[2]
    table = getattr(subject, "table", None)
    return table.name if table is not None else None


def test_models_match_the_migration(db_url):
    assert _diff_for_console(db_url) == []


def test_downgrade_and_upgrade_the_console_branch(tmp_path):
    url = f"sqlite:///{tmp_path / 'm.db'}"
    upgrade(url)
    downgrade(url, "console@-3")  # 0009_call_attempts, 0005_login_failures, 0003_console
    engine = make_engine(url)
    assert not CONSOLE_TABLES & set(inspect(engine).get_table_names())
    assert "intakes" in inspect(engine).get_table_names()
    engine.dispose()
    upgrade(url)
    engine = make_engine(url)
    assert set(inspect(engine).get_table_names()) >= CONSOLE_TABLES
    engine.dispose()
