"""Login, sessions, cookies, lockout and the idle timeout."""

from __future__ import annotations

import re

from sqlalchemy import select

from bot.db import unit_of_work
from bot.frontdesk.models import AuditEntry, ConsoleSession
from tests.console.conftest import PASSWORD, csrf_from, login
from web.console.config import ConsoleConfig


def test_login_page_has_csrf_token_and_no_patient_data(app, make_intake):
    make_intake(patient_name="Secret Person")
    page = app.test_client().get("/login").get_data(as_text=True)
    assert csrf_from(page)
    assert "Secret Person" not in page


def test_login_then_logout(app, users):
    client = app.test_client()
    response = login(client, "frank")
    assert response.status_code == 302 and response.location == "/"
    assert client.get("/").status_code == 200
    token = csrf_from(client.get("/").get_data(as_text=True))
    response = client.post("/logout", data={"csrf_token": token})
    assert response.status_code == 302 and "/login" in response.location
    assert client.get("/").status_code == 302


def test_wrong_password_is_refused_with_one_message(app, users):
    client = app.test_client()
    wrong = login(client, "frank", "not the password")
    unknown = login(client, "nobody", "not the password")
    assert wrong.status_code == unknown.status_code == 401
    assert "Wrong username or password" in wrong.get_data(as_text=True)
    # The pages differ only in the username typed back into the form (and the CSRF token,
    # which is signed with the time).
    def page(response, name):
        html = response.get_data(as_text=True)
        html = re.sub(r'name="csrf_token"[^>]*value="[^"]*"', "CSRF", html)
        return html.replace(f'value="{name}"', "USERNAME")

    assert page(wrong, "frank") == page(unknown, "nobody")
    assert client.get("/").status_code == 302


def test_login_without_csrf_token_is_refused(app, users):
    client = app.test_client()
    client.get("/login")
    response = client.post("/login", data={"username": "frank", "password": PASSWORD})
    assert response.status_code == 400
    assert client.get("/").status_code == 302


def test_login_starts_a_new_session(app, users):
    client = app.test_client()
    client.get("/login")
    with client.session_transaction() as sess:
        sess["planted"] = "by an attacker"
        anonymous_csrf = sess["csrf_token"]
    login(client, "frank")
    with client.session_transaction() as sess:
        assert "_user_id" in sess
        assert "planted" not in sess
        assert sess.get("csrf_token") != anonymous_csrf


def test_old_cookie_is_dead_after_logout(app, users):
    client = app.test_client()
    login(client, "frank")
    cookie = client.get_cookie("console_session").value
    token = csrf_from(client.get("/").get_data(as_text=True))
    client.post("/logout", data={"csrf_token": token})
    replay = app.test_client()
    replay.set_cookie("console_session", cookie)
    assert replay.get("/").status_code == 302


def test_session_cookie_flags(app, users):
    client = app.test_client()
    response = login(client, "frank")
    header = response.headers["Set-Cookie"]
    assert "HttpOnly" in header
    assert "SameSite=Lax" in header
    assert "Secure" not in header


def test_cookie_is_secure_over_https(app, users):
    client = app.test_client()
    token = csrf_from(client.get("/login", base_url="https://localhost").get_data(as_text=True))
    response = client.post(
        "/login",
        base_url="https://localhost",
        headers={"Referer": "https://localhost/login"},
        data={"username": "frank", "password": PASSWORD, "csrf_token": token},
    )
    assert response.status_code == 302
    assert "Secure" in response.headers["Set-Cookie"]


def test_cookie_is_secure_when_configured(settings, factory, clock, users):
    from web.console.app import create_app

    config = ConsoleConfig(secret_key="s" * 48, secure_cookies=True)
    app = create_app(settings, session_factory=factory, clock=clock, config=config)
    response = app.test_client().get("/login")
    assert "Secure" in response.headers["Set-Cookie"]


def test_failures_in_a_row_lock_the_account_for_15_minutes(app, users, clock):
    # The lock needs failures from more than one address (one address is throttled first).
    for address in ("10.0.0.1", "10.0.0.2"):
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = address
        for _ in range(10):
            assert login(client, "frank", "wrong password!").status_code == 401
    client = app.test_client()
    refused = login(client, "frank")  # the right password, but locked
    assert refused.status_code == 401 and "Wrong username or password" in refused.get_data(
        as_text=True
    )
    clock.advance(minutes=14)
    assert login(client, "frank").status_code == 401
    clock.advance(minutes=2)
    assert login(client, "frank").status_code == 302
    # Another account is unaffected throughout.
    assert login(app.test_client(), "alice").status_code == 302


def test_a_success_resets_the_failure_count(app, users):
    client = app.test_client()
    for _ in range(4):
        login(client, "frank", "wrong password!")
    assert login(client, "frank").status_code == 302
    other = app.test_client()
    for _ in range(4):
        assert login(other, "frank", "wrong password!").status_code == 401
    assert login(other, "frank").status_code == 302


def test_idle_timeout_after_30_minutes(app, users, clock):
    client = app.test_client()
    login(client, "frank")
    clock.advance(minutes=29)
    assert client.get("/").status_code == 200  # activity keeps the session alive
    clock.advance(minutes=29)
    assert client.get("/").status_code == 200
    clock.advance(minutes=31)
    response = client.get("/")
    assert response.status_code == 302 and "/login" in response.location
    page = client.get(response.location).get_data(as_text=True)
    assert "signed out after 30 minutes" in page
    assert client.get("/").status_code == 302


def test_idle_timeout_removes_the_server_session(app, users, clock, factory):
    client = app.test_client()
    login(client, "frank")
    clock.advance(minutes=45)
    client.get("/")
    with unit_of_work(factory) as session:
        assert session.scalars(select(ConsoleSession)).all() == []


def test_next_parameter_only_goes_to_local_pages(app, users):
    for target, expected in [
        ("/schedule", "/schedule"),
        ("https://evil.example/", "/"),
        ("//evil.example/", "/"),
        ("/\\evil.example", "/"),
    ]:
        client = app.test_client()
        token = csrf_from(client.get("/login").get_data(as_text=True))
        response = client.post(
            "/login",
            query_string={"next": target},
            data={"username": "frank", "password": PASSWORD, "csrf_token": token},
        )
        assert response.location == expected, target


def test_unauthenticated_page_redirects_with_next(app):
    response = app.test_client().get("/schedule?view=week")
    assert response.status_code == 302
    assert response.location.startswith("/login?next=")


def test_logins_and_failures_are_audited(app, users, factory):
    client = app.test_client()
    login(client, "frank", "wrong password!")
    login(client, "frank")
    with unit_of_work(factory) as session:
        actions = session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions == ["login_failed", "login"]


def test_logout_needs_post_with_csrf(client):
    assert client.get("/logout").status_code == 405
    assert client.post("/logout").status_code == 400
    assert client.get("/").status_code == 200


def test_security_headers(client):
    response = client.get("/")
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Cache-Control"] == "no-store"
