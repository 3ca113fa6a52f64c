"""The login rate limit per client address, one answer for every refusal, and unlocking."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import func, select

from bot.db import unit_of_work
from bot.frontdesk.models import AuditEntry, ConsoleUser, LoginFailure
from tests.console.conftest import PASSWORD, csrf_from, login, post_form
from web.console import cli
from web.console.auth import REFUSED
from web.console.config import ConsoleConfig

ALERT = re.compile(r'role="alert">([^<]*)<')
WRONG = "wrong password!"


def client_at(app, address: str):  # type: ignore[no-untyped-def]
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def alert(response) -> str:  # type: ignore[no-untyped-def]
    match = ALERT.search(response.get_data(as_text=True))
    assert match, "no error on the page"
    return match.group(1)


def fail(client, times: int, username: str = "frank") -> list[int]:  # type: ignore[no-untyped-def]
    return [login(client, username, WRONG).status_code for _ in range(times)]


def audit_actions(factory) -> list[str]:  # type: ignore[no-untyped-def]
    with unit_of_work(factory) as session:
        return list(session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def lock_frank(app) -> None:  # type: ignore[no-untyped-def]
    """20 failures in a row: more than one address may make, so it takes two."""
    assert fail(client_at(app, "10.0.0.1"), 10) == [401] * 10
    assert fail(client_at(app, "10.0.0.2"), 10) == [401] * 10


def test_the_eleventh_failure_from_one_address_gets_429(app, users, factory):
    client = client_at(app, "203.0.113.9")
    names = [f"guess{n}" for n in range(8)] + ["frank", "alice"]
    assert [login(client, name, WRONG).status_code for name in names] == [401] * 10
    throttled = login(client, "frank")  # the right password no longer helps
    assert throttled.status_code == 429
    assert "Too many failed sign-in attempts from this address" in alert(throttled)
    assert 0 < int(throttled.headers["Retry-After"]) <= 15 * 60
    assert client.get("/").status_code == 302
    # Another address is not affected.
    assert login(client_at(app, "203.0.113.10"), "frank").status_code == 302


def test_the_limit_counts_failures_in_the_last_15_minutes(app, users, clock):
    client = client_at(app, "203.0.113.9")
    fail(client, 5)
    clock.advance(minutes=10)
    fail(client, 5)
    assert login(client, "frank").status_code == 429
    clock.advance(minutes=5, seconds=1)  # the first five have aged out
    assert fail(client, 5) == [401] * 5
    assert login(client, "frank").status_code == 429
    clock.advance(minutes=15)
    assert login(client, "frank").status_code == 302


def test_successful_logins_do_not_count(app, users):
    client = client_at(app, "203.0.113.9")
    for _ in range(12):
        assert login(client, "frank").status_code == 302
        client = client_at(app, "203.0.113.9")
    assert fail(client, 10) == [401] * 10


def test_every_refusal_has_the_same_status_and_words(app, users):
    lock_frank(app)
    answers = [
        login(client_at(app, "198.51.100.1"), "alice", WRONG),  # real account, wrong password
        login(client_at(app, "198.51.100.2"), "nobody", WRONG),  # no such account
        login(client_at(app, "198.51.100.3"), "frank", PASSWORD),  # locked, right password
        login(client_at(app, "198.51.100.4"), "frank", WRONG),  # locked, wrong password
    ]
    assert {response.status_code for response in answers} == {401}
    assert {alert(response) for response in answers} == {REFUSED}


def test_one_address_cannot_lock_an_account(app, users, factory):
    attacker = client_at(app, "203.0.113.66")
    assert fail(attacker, 30) == [401] * 10 + [429] * 20
    with unit_of_work(factory) as session:
        frank = session.scalars(select(ConsoleUser).filter_by(username="frank")).one()
        assert frank.locked_until is None
    assert login(client_at(app, "192.0.2.7"), "frank").status_code == 302


def test_the_account_lock_still_holds_against_several_addresses(app, users, clock):
    lock_frank(app)
    assert login(client_at(app, "192.0.2.7"), "frank").status_code == 401
    clock.advance(minutes=16)
    assert login(client_at(app, "192.0.2.7"), "frank").status_code == 302


def test_audit_names_the_address_once_when_it_reaches_the_limit(app, users, factory):
    fail(client_at(app, "203.0.113.9"), 25)
    actions = audit_actions(factory)
    assert actions == ["login_failed"] * 9 + ["login_failed", "login_throttled"]
    with unit_of_work(factory) as session:
        entry = session.scalars(select(AuditEntry).filter_by(action="login_throttled")).one()
        assert entry.detail == "203.0.113.9"


def test_old_failures_are_deleted(app, users, factory, clock):
    fail(client_at(app, "203.0.113.9"), 3)
    clock.advance(minutes=20)
    fail(client_at(app, "203.0.113.10"), 1)
    with unit_of_work(factory) as session:
        assert session.scalar(select(func.count()).select_from(LoginFailure)) == 1


def test_forwarded_for_is_ignored_without_proxy_trust(app, users):
    client = client_at(app, "203.0.113.9")
    for n in range(10):
        client.environ_base["HTTP_X_FORWARDED_FOR"] = f"192.0.2.{n}"
        assert login(client, "frank", WRONG).status_code == 401
    client.environ_base["HTTP_X_FORWARDED_FOR"] = "192.0.2.200"
    assert login(client, "frank").status_code == 429


def test_forwarded_for_names_the_client_behind_a_trusted_proxy(settings, factory, clock, users):
    from web.console.app import create_app

    config = ConsoleConfig(secret_key="s" * 48, trust_proxy=True)
    app = create_app(settings, session_factory=factory, clock=clock, config=config)
    proxy = client_at(app, "10.0.0.1")
    proxy.environ_base["HTTP_X_FORWARDED_FOR"] = "198.51.100.1"
    assert fail(proxy, 11) == [401] * 10 + [429]
    proxy.environ_base["HTTP_X_FORWARDED_FOR"] = "198.51.100.2"
    assert login(proxy, "frank").status_code == 302


def test_admin_unlocks_an_account(app, users, admin_client, factory):
    lock_frank(app)
    page = admin_client.get("/admin/users").get_data(as_text=True)
    assert 'data-user="frank"' in page and "locked until" in page
    assert admin_client.post("/admin/users/frank/unlock").status_code == 400  # no CSRF token
    response = post_form(admin_client, "/admin/users", "/admin/users/frank/unlock")
    assert response.status_code == 302
    assert "The account frank is unlocked." in admin_client.get("/admin/users").get_data(
        as_text=True
    )
    with unit_of_work(factory) as session:
        entry = session.scalars(select(AuditEntry).filter_by(action="unlock_account")).one()
        assert (entry.username, entry.detail) == ("alice", "frank")
    assert login(client_at(app, "192.0.2.7"), "frank").status_code == 302


def test_unlock_is_for_admins_only(client, app):
    assert client.get("/admin/users").status_code == 403
    token = csrf_from(client.get("/").get_data(as_text=True))
    response = client.post("/admin/users/alice/unlock", data={"csrf_token": token})
    assert response.status_code == 403


def test_unlocking_an_unknown_account_is_404(admin_client):
    assert post_form(admin_client, "/admin/users", "/admin/users/nobody/unlock").status_code == 404


@pytest.fixture
def env(monkeypatch, db_url, tmp_path):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("VAR_DIR", str(tmp_path / "var"))


def test_cli_unlock(env, users, factory, capsys):
    with unit_of_work(factory) as session:
        frank = session.scalars(select(ConsoleUser).filter_by(username="frank")).one()
        frank.locked_until = dt.datetime.now(dt.timezone.utc) + dt.timedelta(minutes=10)
        frank.failed_logins = 7
    assert cli.main(["users", "list"]) == 0
    assert "frank\tfrontdesk\tlocked until" in capsys.readouterr().out
    assert cli.main(["users", "unlock", "Frank"]) == 0
    assert "unlocked account 'frank'" in capsys.readouterr().out
    with unit_of_work(factory) as session:
        frank = session.scalars(select(ConsoleUser).filter_by(username="frank")).one()
        assert (frank.locked_until, frank.failed_logins) == (None, 0)
        entry = session.scalars(select(AuditEntry).filter_by(action="unlock_account")).one()
        assert (entry.username, entry.detail) == ("(command line)", "frank")
    assert cli.main(["users", "unlock", "nobody"]) == 2
    assert "no account named 'nobody'" in capsys.readouterr().err
