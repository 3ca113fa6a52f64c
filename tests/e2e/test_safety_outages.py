"""Safety advice never depends on the action server or the database (issue: faults, item 2).

The crisis answer and the red-flag advice are plain responses sent by rules; the staff flag is
written best effort and, when that failed, later from the transcript (`reconcile_urgent_flags`).
"""

from __future__ import annotations

import datetime as dt
import time
import uuid

import pytest
from sqlalchemy import text

from bot.db import make_engine, make_session_factory
from bot.intake.reconcile import reconcile_urgent_flags
from bot.intake.service import intakes_for_conversation
from bot.migrate import upgrade
from tests.e2e.harness import database_outage, free_port, run_servers

pytestmark = pytest.mark.e2e

CRISIS = "I want to kill myself"
LONG_AGO = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
RED_FLAG_WORDS = "my back hurts and I have wet myself and I cannot feel between my legs"


def _crisis_answer(replies: list[str]) -> bool:
    joined = " ".join(replies)
    return "988" in joined and "911" in joined


def _factory(url: str):
    return make_session_factory(make_engine(url))


def test_with_the_action_server_down_crisis_still_gets_988_and_nothing_is_silent(
    trained_model, tmp_path
):
    url = f"sqlite:///{tmp_path / 'intake.db'}"
    upgrade(url)
    nowhere = {"ACTION_ENDPOINT_URL": f"http://127.0.0.1:{free_port()}/webhook"}
    with run_servers(trained_model, tmp_path, url, extra_env=nowhere) as servers:
        crisis_sender = f"crisis-{uuid.uuid4().hex[:8]}"
        assert _crisis_answer(servers.texts(crisis_sender, CRISIS))

        # A message that needs the action server gets words, not `[]` or "didn't understand".
        replies = servers.texts(f"pain-{uuid.uuid4().hex[:8]}", "my back has hurt for 4 months")
        assert replies and "technical problem" in replies[-1], replies
        assert not any("didn't understand" in r for r in replies), replies

        # Red-flag words get their advice, and the channel writes the staff flag itself:
        # the flag action never runs, and the transcript holds no advice to find later.
        flag_sender = f"flag-{uuid.uuid4().hex[:8]}"
        advice = servers.texts(flag_sender, RED_FLAG_WORDS)
        assert any("emergency department" in t for t in advice), advice

    factory = _factory(url)
    (flagged,) = intakes_for_conversation(factory, flag_sender)  # the channel's own flag
    assert flagged.status == "urgent" and flagged.red_flags == ["bladder_bowel"]
    # The crisis answer came from the rules; its flag action never ran: the transcript has it.
    assert intakes_for_conversation(factory, crisis_sender) == []
    assert reconcile_urgent_flags(factory, LONG_AGO) == [crisis_sender]
    (intake,) = intakes_for_conversation(factory, crisis_sender)
    assert intake.status == "urgent" and intake.crisis is True
    assert reconcile_urgent_flags(factory, LONG_AGO) == []  # once only


@pytest.mark.postgres
def test_a_database_outage_still_gets_the_crisis_answer_and_loses_no_words(
    trained_model, tmp_path, pg_url
):
    sender = f"outage-{uuid.uuid4().hex[:8]}"
    patient = f"redflag-{uuid.uuid4().hex[:8]}"
    with run_servers(trained_model, tmp_path, pg_url) as servers:
        assert servers.texts(sender, "hi")
        servers.texts(patient, "my lower back has hurt for 4 months and I can't sit at work")
        asked = servers.texts(patient, "6")
        assert any("bladder" in t for t in asked), asked
        with database_outage(pg_url):
            assert _crisis_answer(servers.texts(sender, CRISIS))
            advice = servers.texts(patient, "yes")
            assert any("emergency department" in t for t in advice), advice
        # The kept transcript reaches the database once it is back (retried every 2 s).
        deadline = time.monotonic() + 30
        factory = _factory(pg_url)
        while time.monotonic() < deadline:
            with factory() as session:
                saved = session.execute(
                    text("SELECT action_name FROM events WHERE sender_id = :s "
                         "AND type_name = 'action' ORDER BY id"),
                    {"s": sender},
                ).scalars().all()
            if "utter_crisis" in saved:
                break
            time.sleep(1)
        assert "action_greet" in saved and "utter_crisis" in saved, saved
        assert saved.index("action_greet") < saved.index("utter_crisis")
        # The flag could not be written during the outage; the transcript writes it now.
        if not any(i.status == "urgent" for i in intakes_for_conversation(factory, sender)):
            assert sender in reconcile_urgent_flags(factory, LONG_AGO)
        (intake,) = intakes_for_conversation(factory, sender)
        assert intake.status == "urgent" and intake.crisis is True
        # And the conversation goes on.
        assert servers.texts(sender, "thank you")
    # The red flag answered during the outage is flagged too, with its name.
    reconcile_urgent_flags(factory, LONG_AGO)
    (flagged,) = intakes_for_conversation(factory, patient)
    assert flagged.status == "urgent" and flagged.red_flags == ["bladder_bowel"]


@pytest.mark.parametrize(
    "message",
    [
        "my back hurts and honestly I want to die",
        "my lower back has hurt for 4 months and I want to die",
        "I want to kill myself",
    ],
)
def test_crisis_language_with_pain_details_still_gets_the_crisis_answer(servers, message):
    """The fallback once outvoted the crisis guard when pain details scored as high."""
    assert _crisis_answer(servers.texts(f"crisis-{uuid.uuid4().hex[:8]}", message))
