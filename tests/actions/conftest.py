"""Action tests: rasa_sdk trackers over the real domain, services on a real SQLite file."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import services as action_services
from app.bootstrap import Services
from bot.db import make_engine, make_session_factory
from bot.scheduling.links import CalendarLinks
from bot.settings import ROOT, Settings


@pytest.fixture(scope="session")
def domain() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "domain.yml").read_text())


@pytest.fixture
def services(sqlite_url, profile) -> Iterator[Services]:
    engine = make_engine(sqlite_url)
    links = CalendarLinks("http://localhost:8000", "test-secret-" + "k" * 40)
    svc = Services(
        Settings(database_url=sqlite_url),
        profile,
        make_session_factory(engine),
        calendar_links=links,
    )
    action_services.configure(svc)
    yield svc
    action_services.configure(None)
    engine.dispose()


def make_tracker(
    domain: dict[str, Any],
    text: str = "",
    intent: str | None = None,
    slots: dict[str, Any] | None = None,
    sender: str = "test-user",
    extraction: dict[str, Any] | None = None,
    confidence: float = 0.95,
    active_loop: str | None = None,
    latest_action: str = "action_listen",
) -> Tracker:
    """A tracker whose latest message is `text`, with every domain slot present; the form runs
    right after that message unless `latest_action` says another action ran in between."""
    all_slots = {name: None for name in domain["slots"]}
    all_slots.update(slots or {})
    message: dict[str, Any] = {"text": text, "intent": {"name": intent, "confidence": confidence}}
    if extraction is not None:
        message["pain_extraction"] = extraction
    return Tracker(
        sender_id=sender,
        slots=all_slots,
        latest_message=message,
        events=[{"event": "user", "text": text, "input_channel": "rest"}],
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name=latest_action,
    )


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()
