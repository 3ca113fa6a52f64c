"""Command line for the console: `bot users create|list` and `bot console serve`."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Callable, Sequence

from sqlalchemy import select

from bot.db import make_engine, make_session_factory, unit_of_work
from bot.frontdesk.models import ROLES, ConsoleUser
from bot.frontdesk.users import AccountError, create_user
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

    console = subparsers.add_parser("console", help="the staff web console")
    console_sub = console.add_subparsers(dest="console_command", required=True)
    serve = console_sub.add_parser("serve", help="serve the console (CONSOLE_PORT, default 8000)")
    serve.set_defaults(func=_serve)


def _factory(settings: Settings):  # type: ignore[no-untyped-def]
    return make_session_factory(make_engine(settings.database_url))


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Repeat password: ") != first:
        raise AccountError("the passwords differ")
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
    with unit_of_work(_factory(Settings.from_env())) as session:
        for user in session.scalars(select(ConsoleUser).order_by(ConsoleUser.username)):
            state = "active" if user.active else "disabled"
            print(f"{user.username}\t{user.role}\t{state}")
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
