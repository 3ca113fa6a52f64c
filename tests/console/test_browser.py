"""End to end in Debian's Chromium: sign in, find an intake, open it, review it, sign out."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest

from bot.clinic import load_profile
from bot.db import utcnow
from bot.scheduling.links import CalendarLinks
from tests.console.conftest import PASSWORD
from tests.demo.seed import seed_demo
from web.console.app import create_app
from web.console.config import ConsoleConfig

CHROMIUM = "/usr/bin/chromium"
pytestmark = [pytest.mark.browser]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):  # type: ignore[no-untyped-def]
    # Debian's Chromium, never a downloaded one (`playwright install` is not used).
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"],
    }  # fmt: skip


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):  # type: ignore[no-untyped-def]
    return {**browser_context_args, "viewport": {"width": 1440, "height": 900},
            "device_scale_factor": 1, "timezone_id": "America/New_York"}  # fmt: skip


@pytest.fixture
def live_server(settings, factory, users):  # type: ignore[no-untyped-def]
    """The console under waitress on a free port, with the demo patients."""
    from waitress import create_server

    secret = "b" * 48
    links = CalendarLinks(settings.calendar_base_url, secret)
    seed_demo(factory, load_profile(settings.clinic_profile), utcnow, links.url)
    app = create_app(settings, session_factory=factory, config=ConsoleConfig(secret))
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()
    thread.join(timeout=5)


def _shot(page, tmp_path: Path, name: str) -> Path:  # type: ignore[no-untyped-def]
    # The pictures in docs/ come from tests/widget/test_front_desk_walkthrough.py.
    path = tmp_path / f"console-{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def test_sign_in_find_open_review_sign_out(page, live_server, tmp_path):  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page.goto(live_server + "/")
    expect(page).to_have_url(re.compile(r"/login\?next=/$"))
    page.get_by_label("Username").fill("frank")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("heading", name="Intake queue")).to_be_visible()
    expect(page.locator("[data-test=attention]")).to_contain_text("need a call back")
    assert page.locator("tr.pinned").count() == 3
    assert _shot(page, tmp_path, "queue").stat().st_size > 20_000

    page.get_by_placeholder("Name, phone or booking code").fill("gonzalez")
    page.get_by_role("button", name="Apply").click()
    expect(page.locator("table.queue tbody tr")).to_have_count(1)
    page.get_by_role("link", name="Maria Gonzalez").click()

    expect(page.get_by_role("heading", name=re.compile("Maria Gonzalez"))).to_be_visible()
    chart = page.locator("[data-test=body-chart] svg")
    expect(chart).to_be_visible()
    assert chart.locator(".seg-on, .seg-unstated").count() >= 4
    transcript = page.locator("[data-test=transcript]")
    expect(transcript).to_contain_text("How long have you had this pain?")
    expect(transcript.locator("mark.ev-duration")).to_have_text("for about 4 months")
    expect(page.locator("#booking")).to_contain_text("Booked")
    assert _shot(page, tmp_path, "intake").stat().st_size > 20_000

    page.locator("[data-test=mark-reviewed]").click()
    expect(page.get_by_text("Marked as reviewed.")).to_be_visible()
    expect(page.locator("[data-test=reviewed]")).to_be_visible()

    page.locator("[data-test=logout]").click()
    expect(page.get_by_text("You are signed out.")).to_be_visible()
    page.goto(live_server + "/")
    expect(page).to_have_url(re.compile("/login"))
