"""Applies the Alembic migrations to a database (used by `bot db upgrade`, start-up and tests)."""

from __future__ import annotations

from alembic import command
from alembic.config import Config

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


def register(subparsers) -> None:  # noqa: ANN001 (argparse's private type)
    """`bot db upgrade|downgrade`: migrate the database named by DATABASE_URL."""
    db = subparsers.add_parser("db", help="database schema")
    actions = db.add_subparsers(dest="db_command", required=True)
    up = actions.add_parser("upgrade", help="apply every migration")
    up.set_defaults(func=lambda args: _run(upgrade))
    down = actions.add_parser("downgrade", help="undo migrations down to REVISION")
    down.add_argument("revision", default="base", nargs="?")
    down.set_defaults(func=lambda args: _run(downgrade, args.revision))


def _run(step, *args) -> int:  # noqa: ANN001
    from bot.settings import Settings

    step(Settings.from_env().database_url, *args)
    return 0
