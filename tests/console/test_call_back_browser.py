"""In Debian's Chromium: the banner and the "Call back" tab agree, before and after calls are
recorded; a voicemail keeps the patient in the list, reaching them takes them out."""

from __future__ import annotations

import threading

import pytest
from playwright.sync_api import Page, expect

from bot.clinic import load_profile
from bot.db import utcnow
from bot.scheduling.links import CalendarLinks
from tests.console.conftest import PASSWORD
from tests.widget.support import CHROMIUM_ARGS, call_back_tab
from web.console.app import create_app
from web.console.config import ConsoleConfig

pytestmark = [pytest.mark.browser]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):  # type: ignore[no-untyped-def]
    # Debian's Chromium, never a downloaded one (`playwright install` is not used).
    return {**browser_type_launch_args, "executable_path": "/usr/bin/chromium",
            "headless": True, "args": CHROMIUM_ARGS}  # fmt: skip


@pytest.fixture
def live_server(settings, factory, users):  # type: ignore[no-untyped-def]
    """The console under waitress on a free port, with the demo patients."""
    from waitress import create_server

    from tests.demo.seed import seed_demo

    secret = "d" * 48
    links = CalendarLinks(settings.calendar_base_url, secret)
    seed_demo(factory, load_profile(settings.clinic_profile), utcnow, links.url)
    app = create_app(settings, session_factory=factory, config=ConsoleConfig(secret))
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()
    thread.join(timeout=5)


def _banner_and_tab(page: Page, url: str) -> tuple[int, int, int]:
    """(the banner's number, the tab's count, the rows the tab lists)."""
    waiting, count, rows = call_back_tab(page, url)
    return waiting, count, rows.count()


def _record(page: Page, outcome: str, note: str) -> None:
    form = page.locator("[data-test=call-form]")
    form.get_by_label(outcome).check()
    form.get_by_label("Note").fill(note)
    form.locator("[data-test=record-call]").click()


def test_banner_and_tab_agree_as_calls_are_recorded(page: Page, live_server: str) -> None:
    page.goto(live_server + "/login")
    page.get_by_label("Username").fill("frank")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Intake queue")).to_be_visible()
    assert _banner_and_tab(page, live_server) == (3, 3, 3)

    page.get_by_role("link", name="Luis Herrera").click()
    expect(page.locator("[data-test=advice-level]")).to_contain_text("Patient told:")
    _record(page, "Left a voicemail", "Asked him to call back")
    expect(page.get_by_text("stays in the call-back list")).to_be_visible()
    expect(page.locator("[data-test=calls]")).to_contain_text("Asked him to call back")
    assert _banner_and_tab(page, live_server) == (3, 3, 3)

    page.get_by_role("link", name="Luis Herrera").click()
    _record(page, "Reached the patient", "Going to the emergency department")
    expect(page.locator("[data-test=reached]")).to_be_visible()
    assert _banner_and_tab(page, live_server) == (2, 2, 2)
    expect(page.get_by_role("link", name="Luis Herrera")).to_have_count(0)
