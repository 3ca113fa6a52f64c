"""Applies the Alembic migrations to a database (used by `bot db upgrade`, start-up and tests)."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from bot.settings import ROOT


def alembic_config(database_url: str) -> Config:
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "migrations"))
    config.attributes["database_url"] = database_url
    config.attributes["configure_logger"] = False
    return config


def upgrade(database_url: str, revision: str = "heads") -> None:
    """Bring the schema to `revision`; each feature's migrations form their own branch."""
    command.upgrade(alembic_config(database_url), revision)


def downgrade(database_url: str, revision: str = "base") -> None:
    command.downgrade(alembic_config(database_url), revision)


def create_database(database_url: str) -> bool:
    """Create the PostgreSQL database `database_url` names when it does not exist yet, through
    the server's `postgres` database with the same credentials. True when it was created; a
    SQLite file is made on first use, so SQLite is never created here.

    Raises `sqlalchemy.exc.OperationalError` when the server cannot be reached."""
    url = make_url(database_url)
    if url.get_backend_name() != "postgresql":
        return False
    engine = create_engine(url, future=True)
    try:  # there already: the server's `postgres` database is never needed (nor allowed, maybe)
        with engine.connect():
            return False
    except OperationalError:
        pass
    finally:
        engine.dispose()
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT", future=True)
    try:
        with admin.connect() as conn:
            found = conn.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": url.database}
            ).first()
            if found:
                return False
            name = url.database.replace('"', '""')
            conn.execute(text(f'CREATE DATABASE "{name}"'))
            return True
    finally:
        admin.dispose()


def register(subparsers) -> None:  # noqa: ANN001 (argparse's private type)
    """`bot db create|upgrade|downgrade`: the database named by DATABASE_URL."""
    db = subparsers.add_parser("db", help="database schema")
    actions = db.add_subparsers(dest="db_command", required=True)
    create = actions.add_parser("create", help="create the PostgreSQL database if it is missing")
    create.set_defaults(func=lambda args: _create())
    up = actions.add_parser("upgrade", help="apply every migration")
    up.set_defaults(func=lambda args: _run(upgrade))
    down = actions.add_parser("downgrade", help="undo migrations down to REVISION")
    down.add_argument("revision", default="base", nargs="?")
    down.set_defaults(func=lambda args: _run(downgrade, args.revision))


def _run(step, *args) -> int:  # noqa: ANN001
    from bot.settings import Settings

    step(Settings.from_env().database_url, *args)
    return 0


def _create() -> int:
    from bot.settings import Settings

    created = create_database(Settings.from_env().database_url)
    print("database created" if created else "no database to create (it exists, or SQLite)")
    return 0
