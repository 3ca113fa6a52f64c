"""Fixtures for the widget's browser tests: Debian's Chromium, and the real Rasa servers with
CORS open, as `scripts/run.sh` runs them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.e2e.harness import Servers
from tests.widget.support import CHROMIUM_ARGS, allows_any_origin, serve_widget


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
