"""Fixtures for the widget's browser tests: Debian's Chromium, the real Rasa servers with
CORS open, as `scripts/run.sh` runs them, and the staff console on their database."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from waitress.server import create_server

from bot.db import make_engine, make_session_factory, unit_of_work
from bot.frontdesk.users import create_user
from bot.settings import Settings
from tests.e2e.harness import Servers
from tests.widget.support import (
    CHROMIUM_ARGS,
    CONSOLE_PASSWORD,
    allows_any_origin,
    serve_widget,
)
from web.console.app import create_app
from web.console.config import ConsoleConfig


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {**browser_type_launch_args, "executable_path": "/usr/bin/chromium",
            "headless": True, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "viewport": {"width": 1280, "height": 800}, "locale": "en-US",
            "timezone_id": "America/New_York"}


@pytest.fixture(scope="session")
def live_rasa(servers: Servers) -> Servers:
    """The shared Rasa server and action server (tests/conftest.py), CORS open as in run.sh."""
    assert allows_any_origin(servers.rasa_url), "the shared Rasa server must run with --cors"
    return servers


@pytest.fixture(scope="session")
def live_page_url(live_rasa: Servers) -> Iterator[str]:
    """The demo clinic page, served by the widget app, talking to the live Rasa server."""
    with serve_widget(live_rasa.rasa_url) as url:
        yield url


@pytest.fixture
def console_url(live_rasa: Servers) -> Iterator[tuple[str, str]]:
    """The staff console under waitress on a free port, on the Rasa servers' database, with a
    front desk user of its own (password `CONSOLE_PASSWORD`); yields (url, username)."""
    engine = make_engine(live_rasa.database_url)
    factory = make_session_factory(engine)
    username = f"desk-{uuid.uuid4().hex[:8]}"
    with unit_of_work(factory) as session:
        create_user(session, username, CONSOLE_PASSWORD, "frontdesk")
    # The servers' var directory, as in production: the console checks the calendar links the
    # action server signed with the secret kept there.
    var_dir = Path(live_rasa.env["VAR_DIR"])
    settings = Settings(database_url=live_rasa.database_url, var_dir=var_dir)
    config = ConsoleConfig.from_settings(settings)
    app = create_app(settings, session_factory=factory, config=config)
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}", username
    finally:
        server.close()
        thread.join(timeout=5)
        engine.dispose()
