"""Command line for the console: `bot users create|list|unlock` and `bot console serve`."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Callable, Sequence

from bot.db import make_engine, make_session_factory, unit_of_work, utcnow
from bot.frontdesk import audit
from bot.frontdesk.models import ROLES
from bot.frontdesk.users import AccountError, accounts, create_user, is_locked, unlock
from bot.migrate import upgrade
from bot.settings import Settings

Handler = Callable[[argparse.Namespace], int]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `users` and `console` commands; each sets `func(args) -> exit code` (app.cli)."""
    users = subparsers.add_parser("users", help="staff console accounts")
    users_sub = users.add_subparsers(dest="users_command", required=True)
    create = users_sub.add_parser("create", help="create a staff account")
    create.add_argument("username")
    create.add_argument("--role", choices=ROLES, required=True)
    create.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    create.set_defaults(func=_create_user)
    listing = users_sub.add_parser("list", help="list staff accounts")
    listing.set_defaults(func=_list_users)
    unlock = users_sub.add_parser("unlock", help="lift an account's lock after failed logins")
    unlock.add_argument("username")
    unlock.set_defaults(func=_unlock_user)

    console = subparsers.add_parser("console", help="the staff web console")
    console_sub = console.add_subparsers(dest="console_command", required=True)
    serve = console_sub.add_parser("serve", help="serve the console (CONSOLE_PORT, default 8000)")
    serve.set_defaults(func=_serve)


def _factory(settings: Settings):  # type: ignore[no-untyped-def]
    """Sessions on the settings' database, its schema brought up to date first: the README's
    `bot users create` works before, during or after the first `make run` (which migrates too)."""
    engine = make_engine(settings.database_url)  # makes a SQLite file's folder
    upgrade(settings.database_url)
    return make_session_factory(engine)


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    try:
        first = getpass.getpass("Password: ")
        if getpass.getpass("Repeat password: ") != first:
            raise AccountError("the passwords differ")
    except EOFError:  # no terminal to ask on (a script, a pipe): say how, never a traceback
        raise AccountError(
            "no password was typed: run it in a terminal, or pipe the password with "
            "--password-stdin"
        ) from None
    return first


def _create_user(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    try:
        password = _read_password(args.password_stdin)
        with unit_of_work(_factory(settings)) as session:
            user = create_user(session, args.username, password, args.role)
            name, role = user.username, user.role
    except AccountError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(f"created {role} account {name!r}")
    return 0


def _list_users(args: argparse.Namespace) -> int:
    now = utcnow()
    with unit_of_work(_factory(Settings.from_env())) as session:
        for user in accounts(session):
            state = "active" if user.active else "disabled"
            if user.active and is_locked(user, now):
                state = f"locked until {user.locked_until:%Y-%m-%d %H:%M} UTC"
            print(f"{user.username}\t{user.role}\t{state}")
    return 0


# The audit log's name for changes made with `bot users ...` on the server itself.
CLI_ACTOR = audit.Actor(None, "(command line)")


def _unlock_user(args: argparse.Namespace) -> int:
    try:
        with unit_of_work(_factory(Settings.from_env())) as session:
            name = unlock(session, args.username).username
            audit.record(session, CLI_ACTOR, "unlock_account", utcnow(), detail=name)
    except AccountError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(f"unlocked account {name!r}")
    return 0


def _serve(args: argparse.Namespace) -> int:
    import logging

    from web.console.app import serve

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    serve(Settings.from_env())
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m web.console.cli")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    handler: Handler = args.func
    return handler(args)


if __name__ == "__main__":
    raise SystemExit(main())
