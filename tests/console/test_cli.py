"""`users create` and `users list`; the password is never echoed."""

from __future__ import annotations

import argparse
import io

import pytest
from sqlalchemy import select

from bot.db import unit_of_work
from bot.frontdesk.models import ConsoleUser
from web.console import cli


@pytest.fixture
def env(monkeypatch, db_url, tmp_path):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("VAR_DIR", str(tmp_path / "var"))


def test_register_adds_commands():
    parser = argparse.ArgumentParser()
    cli.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["users", "create", "sam", "--role", "frontdesk"])
    assert args.func is cli._create_user and args.role == "frontdesk"
    with pytest.raises(SystemExit):
        parser.parse_args(["users", "create", "sam", "--role", "owner"])


def test_create_with_password_stdin(env, factory, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("a long enough secret\n"))
    assert cli.main(["users", "create", "Sam", "--role", "admin", "--password-stdin"]) == 0
    out = capsys.readouterr()
    assert "a long enough secret" not in out.out + out.err
    assert "created admin account 'sam'" in out.out
    with unit_of_work(factory) as session:
        user = session.scalars(select(ConsoleUser)).one()
        assert user.role == "admin" and user.password_hash.startswith("$argon2id$")
    assert cli.main(["users", "list"]) == 0
    assert "sam\tadmin\tactive" in capsys.readouterr().out


def test_create_with_prompt(env, monkeypatch, capsys):
    answers = iter(["prompted secret 123", "prompted secret 123"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert cli.main(["users", "create", "kim", "--role", "frontdesk"]) == 0
    assert "prompted secret" not in capsys.readouterr().out


def test_errors(env, monkeypatch, capsys):
    answers = iter(["prompted secret 123", "different secret 123"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert cli.main(["users", "create", "kim", "--role", "frontdesk"]) == 2
    assert "differ" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert cli.main(["users", "create", "kim", "--role", "frontdesk", "--password-stdin"]) == 2
    assert "at least 10" in capsys.readouterr().err
    for _ in range(2):
        monkeypatch.setattr("sys.stdin", io.StringIO("long enough secret\n"))
        code = cli.main(["users", "create", "kim", "--role", "frontdesk", "--password-stdin"])
    assert code == 2 and "already exists" in capsys.readouterr().err


def test_create_works_on_a_database_no_one_has_migrated(monkeypatch, tmp_path, capsys):
    """The README's `bot users create` as a newcomer runs it, before `make run` migrated the
    default database ("no such table: console_users", front-desk newcomer test)."""
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setattr("sys.stdin", io.StringIO("a long enough secret\n"))
    assert cli.main(["users", "create", "ana", "--role", "admin", "--password-stdin"]) == 0
    assert (tmp_path / "var" / "intake.db").exists()
    assert cli.main(["users", "list"]) == 0
    assert "ana\tadmin\tactive" in capsys.readouterr().out


def test_create_without_a_terminal_says_how(env, monkeypatch, capsys):
    """Run with no terminal, it ended in an EOFError traceback (front-desk newcomer test)."""

    def no_terminal(prompt: str = "") -> str:
        raise EOFError

    monkeypatch.setattr("getpass.getpass", no_terminal)
    assert cli.main(["users", "create", "kim", "--role", "frontdesk"]) == 2
    assert "--password-stdin" in capsys.readouterr().err
