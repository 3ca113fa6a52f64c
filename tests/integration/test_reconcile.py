"""The reminder worker's housekeeping writes staff flags from transcripts (bot.intake.reconcile).

The transcript is written by the tracker store the Rasa server uses, as the server would.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from app.bootstrap import Services
from app.reminders import housekeeping
from bot.intake.service import intakes_for_conversation
from bot.settings import ROOT, Settings
from channels.tracker_store import ResilientSQLTrackerStore

DOMAIN = Domain.load(str(ROOT / "domain.yml"))


def _transcript(url: str, sender: str, *events) -> None:
    store = ResilientSQLTrackerStore(domain=DOMAIN, host=url)
    tracker = DialogueStateTracker.from_events(sender, list(events), DOMAIN.slots)
    asyncio.run(store.save(tracker))
    assert store.unsaved_count == 0


def test_housekeeping_flags_advice_the_flag_action_never_saved(sqlite_url, profile):
    now = time.time()
    _transcript(
        sqlite_url,
        "web-crisis",
        UserUttered("I want to kill myself", {"name": "express_crisis"}, timestamp=now),
        ActionExecuted("utter_crisis", timestamp=now),
        BotUttered("988 ...", timestamp=now),
    )
    _transcript(
        sqlite_url,
        "web-redflag",
        UserUttered("yes", {"name": "affirm"}, timestamp=now),
        SlotSet("rf_weakness", True, timestamp=now),
        SlotSet("pain_locations", [{"region": "lower_back", "side": None}], timestamp=now),
        ActionExecuted("utter_redflag_emergency", timestamp=now),
    )
    # The crisis answer came from the channel's safety net (action server down): the transcript
    # holds only the message, read as crisis language, and the fallback.
    _transcript(
        sqlite_url,
        "web-crisis-net",
        UserUttered("my back hurts and I want to die", {"name": "express_crisis"}, timestamp=now),
        ActionExecuted("action_default_fallback", timestamp=now),
    )
    _transcript(
        sqlite_url,
        "web-calm",
        UserUttered("my knee hurts", {"name": "describe_pain"}, timestamp=now),
        ActionExecuted("intake_form", timestamp=now),
    )
    from bot.db import make_engine, make_session_factory

    factory = make_session_factory(make_engine(sqlite_url))
    services = Services(Settings.from_env({"DATABASE_URL": sqlite_url}), profile, factory)
    for job in housekeeping(services):
        job()
    (crisis,) = intakes_for_conversation(factory, "web-crisis")
    assert crisis.status == "urgent" and crisis.crisis
    (net,) = intakes_for_conversation(factory, "web-crisis-net")
    assert net.status == "urgent" and net.crisis
    (flagged,) = intakes_for_conversation(factory, "web-redflag")
    assert flagged.status == "urgent" and flagged.red_flags == ["weakness"]
    assert flagged.locations == [{"region": "lower_back", "side": None}]
    assert intakes_for_conversation(factory, "web-calm") == []
    for job in housekeeping(services):  # once only
        job()
    assert len(intakes_for_conversation(factory, "web-crisis")) == 1
    assert dt.datetime.now(dt.timezone.utc) > crisis.created_at


def test_no_transcripts_yet_is_nothing_to_flag(session_factory):
    """Before Rasa's first conversation there is no events table (SQLite and PostgreSQL)."""
    from bot.intake.reconcile import reconcile_urgent_flags

    long_ago = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
    assert reconcile_urgent_flags(session_factory, long_ago) == []
