"""Every route needs a login, every change needs a CSRF token, and every form carries one."""

from __future__ import annotations

import re

import pytest

from tests.console.conftest import PASSWORD, csrf_from

PUBLIC = {"auth.login", "static", "auth.healthz", "calendar.booking_ics"}
SECRET_NAME = "Zelda Quartermaine"
SECRET_PHONE = "+12125550999"


def _routes(app):  # type: ignore[no-untyped-def]
    for rule in app.url_map.iter_rules():
        if rule.endpoint in PUBLIC:
            continue
        url = re.sub(r"<(?:int:)?(\w+)>", "1", rule.rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule.endpoint, method, url


def test_the_route_list_is_what_these_tests_expect(app):
    endpoints = {endpoint for endpoint, _, _ in _routes(app)}
    assert endpoints == {
        "queue.index", "intake.show", "review.mark_reviewed", "review.undo_reviewed",
        "review.called_back", "intake.add_note", "contact.edit", "schedule.index",
        "schedule.cancel", "schedule.reschedule",
        "export.index", "export.intakes_csv_download", "export.intake_fhir", "admin.audit_log",
        "api.intakes", "api.intake", "api.bookings", "auth.logout", "admin.users",
        "admin.unlock_user",
    }  # fmt: skip


def test_every_route_refuses_anonymous_requests(app, make_intake, factory):
    make_intake(patient_name=SECRET_NAME, phone=SECRET_PHONE)
    client = app.test_client()
    checked = 0
    for endpoint, method, url in _routes(app):
        query = "?from=2026-11-01&to=2026-12-31" if "csv" in url or "bookings" in url else ""
        response = client.open(url + query, method=method)
        body = response.get_data(as_text=True)
        assert SECRET_NAME not in body and SECRET_PHONE not in body, endpoint
        if endpoint.startswith("api."):
            assert response.status_code == 401, endpoint
            assert response.get_json() == {"error": "login required"}
        elif method == "GET":
            assert response.status_code == 302, endpoint
            assert response.location.startswith("/login"), endpoint
        else:
            # A POST without a session fails the CSRF check (400) before anything else.
            assert response.status_code in (302, 400), endpoint
        checked += 1
    assert checked >= 17


def test_every_route_refuses_a_forged_cookie(app, make_intake):
    make_intake(patient_name=SECRET_NAME)
    client = app.test_client()
    client.set_cookie("console_session", "eyJfdXNlcl9pZCI6IjEifQ.forged.signature")
    for endpoint, method, url in _routes(app):
        if method != "GET":
            continue
        response = client.get(url)
        assert response.status_code in (302, 401), endpoint
        assert SECRET_NAME not in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "url",
    ["/intakes/1/reviewed", "/intakes/1/called-back", "/intakes/1/notes", "/bookings/1/cancel",
     "/bookings/1/reschedule", "/logout"],
)  # fmt: skip
def test_every_post_needs_a_csrf_token(client, make_intake, url):
    make_intake()
    response = client.post(url, data={"body": "a note", "slot": "x"})
    assert response.status_code == 400
    assert "form expired" in response.get_data(as_text=True)


def test_a_token_from_another_session_is_refused(app, users, make_intake):
    intake_id = make_intake()
    other = app.test_client()
    stolen = csrf_from(other.get("/login").get_data(as_text=True))
    client = app.test_client()
    token = csrf_from(client.get("/login").get_data(as_text=True))
    client.post("/login", data={"username": "frank", "password": PASSWORD, "csrf_token": token})
    response = client.post(f"/intakes/{intake_id}/reviewed", data={"csrf_token": stolen})
    assert response.status_code == 400


def test_every_post_form_on_every_page_carries_a_csrf_token(admin_client, make_intake):
    intake_id = make_intake(transcript=["my lower back", "for about 4 months"])
    pages = ["/", f"/intakes/{intake_id}", "/schedule", "/schedule?view=week", "/export",
             "/admin/audit"]  # fmt: skip
    forms_seen = 0
    for page in pages:
        html = admin_client.get(page).get_data(as_text=True)
        for form in re.findall(r"<form\b.*?</form>", html, flags=re.S):
            if re.search(r'method="post"', form, flags=re.I):
                assert 'name="csrf_token"' in form, (page, form[:120])
                forms_seen += 1
    assert forms_seen >= 5


def test_unknown_intake_is_404(client):
    assert client.get("/intakes/999").status_code == 404
    assert client.get("/api/intakes/999").status_code == 404
    assert client.get("/api/intakes/999").get_json() == {"error": "not found"}
