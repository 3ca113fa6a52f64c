"""axe-core on every console page, in Debian's Chromium: signed out, as the front desk and as
an admin, with the demo patients. No serious or critical violation on any page; a test also
checks that every HTML page route of the app is in the list."""

from __future__ import annotations

import re
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Browser, BrowserContext, Page, expect
from sqlalchemy import select

from bot.clinic import load_profile
from bot.db import make_engine, make_session_factory, unit_of_work, utcnow
from bot.frontdesk.users import create_user
from bot.scheduling.links import CalendarLinks
from bot.scheduling.models import Booking
from bot.settings import Settings
from tests.console.conftest import PASSWORD
from tests.demo.patients import PATIENTS
from tests.demo.seed import seed_demo
from tests.widget.axe import assert_no_blocking
from tests.widget.support import CHROMIUM_ARGS
from web.console.app import create_app
from web.console.config import ConsoleConfig

pytestmark = [pytest.mark.browser]

# GET routes that answer with data rather than a page: JSON, CSV, calendar files, health.
NOT_PAGES = {
    "static", "auth.healthz", "api.intakes", "api.intake", "api.bookings",
    "calendar.booking_ics", "export.intakes_csv_download", "export.intake_fhir",
}  # fmt: skip


@dataclass
class Site:
    url: str
    app: Flask
    intake: dict[str, int]  # demo patient's name -> intake id
    booking: dict[str, int]  # demo patient's name -> booking id
    day: str  # ISO date of Maria Gonzalez's booking


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    # Debian's Chromium, never a downloaded one (`playwright install` is not used).
    return {**browser_type_launch_args, "executable_path": "/usr/bin/chromium",
            "headless": True, "args": CHROMIUM_ARGS}  # fmt: skip


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, migrated_template: Path) -> Iterator[Site]:
    """One console under waitress for the module, with the demo patients and two staff."""
    from waitress import create_server

    tmp = tmp_path_factory.mktemp("axe-console")
    shutil.copy(migrated_template, tmp / "console.db")
    settings = Settings(database_url=f"sqlite:///{tmp / 'console.db'}", var_dir=tmp / "var")
    engine = make_engine(settings.database_url)
    factory = make_session_factory(engine)
    with unit_of_work(factory) as session:
        create_user(session, "alice", PASSWORD, "admin")
        create_user(session, "frank", PASSWORD, "frontdesk")
    links = CalendarLinks(settings.calendar_base_url, "c" * 48)
    profile = load_profile(settings.clinic_profile)
    ids = seed_demo(factory, profile, utcnow, links.url)
    intake = {p["name"]: n for p, n in zip(PATIENTS, ids, strict=True)}
    with unit_of_work(factory) as session:
        rows = session.execute(select(Booking.intake_id, Booking.id, Booking.starts_at)).all()
    by_intake = {row.intake_id: row for row in rows}
    booking = {name: by_intake[n].id for name, n in intake.items() if n in by_intake}
    day = by_intake[intake["Maria Gonzalez"]].starts_at.astimezone(profile.tz).date().isoformat()
    app = create_app(settings, session_factory=factory, config=ConsoleConfig("c" * 48))
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield Site(f"http://127.0.0.1:{server.effective_port}", app, intake, booking, day)
    server.close()
    thread.join(timeout=5)
    engine.dispose()


@pytest.fixture(scope="module")
def contexts(browser: Browser, site: Site) -> Iterator[dict[str | None, BrowserContext]]:
    """A browser context per user, signed in through the form once; None: signed out."""
    made: dict[str | None, BrowserContext] = {}
    try:
        for user in (None, "frank", "alice"):
            made[user] = context = browser.new_context(
                viewport={"width": 1440, "height": 900}, timezone_id="America/New_York"
            )
            if user:
                page = context.new_page()
                page.goto(site.url + "/login")
                _sign_in(page, user)
                expect(page.get_by_role("heading", name="Intake queue")).to_be_visible()
                page.close()
        yield made
    finally:
        for context in made.values():
            context.close()


def _sign_in(page: Page, user: str, password: str = PASSWORD) -> None:
    page.get_by_label("Username").fill(user)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def _wrong_password(page: Page) -> None:
    _sign_in(page, "frank", "not the password")
    expect(page.get_by_role("alert")).to_be_visible()


def _mark_reviewed(page: Page) -> None:
    page.locator("[data-test=mark-reviewed]").click()
    expect(page.get_by_text("Marked as reviewed.")).to_be_visible()


def _record_voicemail(page: Page) -> None:
    form = page.locator("[data-test=call-form]")
    form.get_by_label("Left a voicemail").check()
    form.get_by_label("Note").fill("Try again after 3")
    form.locator("[data-test=record-call]").click()
    expect(page.locator("[data-test=calls]")).to_contain_text("Try again after 3")


def _undo_review(page: Page) -> None:
    if page.locator("[data-test=mark-reviewed]").count():
        _mark_reviewed(page)
    page.locator("[data-test=undo-reviewed]").click()
    expect(page.get_by_text("Marked as not reviewed.")).to_be_visible()


@dataclass(frozen=True)
class Visit:
    """A page to check: its endpoint, who is signed in (None: nobody), the path, and what to
    do there first."""

    endpoint: str
    user: str | None
    path: Callable[[Site], str]
    then: Callable[[Page], None] | None = None


def _intake(name: str) -> Callable[[Site], str]:
    return lambda s: f"/intakes/{s.intake[name]}"


VISITS: dict[str, Visit] = {
    "sign in": Visit("auth.login", None, lambda s: "/login"),
    "sign in, wrong password": Visit("auth.login", None, lambda s: "/login", _wrong_password),
    "queue": Visit("queue.index", "frank", lambda s: "/"),
    "queue, urgent tab": Visit("queue.index", "frank", lambda s: "/?status=urgent"),
    "queue, call back tab": Visit("queue.index", "frank", lambda s: "/?status=callback"),
    "queue, nothing matches": Visit("queue.index", "frank", lambda s: "/?q=zzzz"),
    "intake, booked": Visit("intake.show", "frank", _intake("Maria Gonzalez")),
    "intake, red flag": Visit("intake.show", "frank", _intake("Luis Herrera")),
    "intake, asked for a call": Visit("intake.show", "frank", _intake("Aisha Khan")),
    "intake, crisis": Visit("intake.show", "frank", _intake("Kevin Walsh")),
    "intake, booking cancelled": Visit("intake.show", "frank", _intake("Emily Nguyen")),
    "intake, just reviewed": Visit("intake.show", "frank", _intake("David Miller"),
                                   _mark_reviewed),
    "intake, review undone": Visit("intake.show", "frank", _intake("Robert Chen"), _undo_review),
    "intake, voicemail left": Visit("intake.show", "frank", _intake("Luis Herrera"),
                                    _record_voicemail),
    "schedule, day": Visit("schedule.index", "frank", lambda s: f"/schedule?date={s.day}"),
    "schedule, week": Visit("schedule.index", "frank",
                            lambda s: f"/schedule?view=week&date={s.day}"),
    "reschedule": Visit("schedule.reschedule", "frank",
                        lambda s: f"/bookings/{s.booking['Maria Gonzalez']}/reschedule"),
    "export": Visit("export.index", "frank", lambda s: "/export"),
    "audit log": Visit("admin.audit_log", "alice", lambda s: "/admin/audit"),
    "staff": Visit("admin.users", "alice", lambda s: "/admin/users"),
    "error: not found": Visit("error", "frank", lambda s: "/intakes/999999"),
    "error: admins only": Visit("error", "frank", lambda s: "/admin/audit"),
}  # fmt: skip


@pytest.mark.parametrize("name", list(VISITS))
def test_no_serious_or_critical_violations(
    site: Site, contexts: dict[str | None, BrowserContext], name: str
) -> None:
    visit = VISITS[name]
    page = contexts[visit.user].new_page()
    try:
        response = page.goto(site.url + visit.path(site))
        assert response is not None
        assert (response.status >= 400) == (visit.endpoint == "error"), response.status
        if visit.user is None:
            assert re.search(r"/login", page.url)
        if visit.then:
            visit.then(page)
        assert_no_blocking(page, f"the console page {name!r} ({page.url})")
    finally:
        page.close()


def test_every_page_route_is_checked(site: Site) -> None:
    pages = {rule.endpoint for rule in site.app.url_map.iter_rules()
             if "GET" in (rule.methods or ()) and rule.endpoint not in NOT_PAGES}  # fmt: skip
    checked = {visit.endpoint for visit in VISITS.values()}
    assert pages == checked - {"error"}, "add the new page to VISITS (or to NOT_PAGES if data)"
