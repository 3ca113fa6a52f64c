"""A control word inside a name ("Ann Stopwell") is a name, not "stop", over the real servers."""

from __future__ import annotations

import re
import uuid

import pytest
from sqlalchemy import text

from bot.db import make_engine
from tests.e2e.harness import Servers
from tests.screen import screen_answers

pytestmark = pytest.mark.e2e


def _say(servers: Servers, me: str, message: str) -> str:
    return " ".join(servers.texts(me, message))


def test_a_name_with_stop_in_it_is_stored_and_the_booking_goes_on(servers):
    me = f"web-{uuid.uuid4().hex[:10]}"
    _say(servers, me, "my right knee, about 4 months, stairs kill me")
    _say(servers, me, "6")
    for answer in screen_answers(message="my right knee, about 4 months, stairs kill me"):
        _say(servers, me, answer)
    _say(servers, me, "yes")  # the read-back is right
    _say(servers, me, "yes")  # book the assessment
    _say(servers, me, "mornings")
    assert "name" in _say(servers, me, "2").lower()
    reply = _say(servers, me, "Ann Stopwell")
    assert "stopped" not in reply.lower()
    assert "phone" in reply.lower()
    _say(servers, me, "718 555 0142")
    _say(servers, me, "skip")
    confirmed = _say(servers, me, "yes")
    code = re.search(r"booking code is ([A-Z0-9]{3}-[A-Z0-9]{3})", confirmed).group(1)
    engine = make_engine(servers.database_url)
    with engine.connect() as conn:
        name = conn.execute(
            text(
                "SELECT p.name FROM bookings b JOIN patients p ON p.id = b.patient_id "
                "WHERE b.code = :c"
            ),
            {"c": code},
        ).scalar_one()
    engine.dispose()
    assert name == "Ann Stopwell"
    # A real stop at the same kind of question still stops.
    other = f"web-{uuid.uuid4().hex[:10]}"
    _say(servers, other, "my right knee, about 4 months, stairs kill me")
    assert "stopped" in _say(servers, other, "STOP please").lower()


def test_rasas_own_restart_command_starts_again_without_an_outage_notice(servers):
    """Patient newcomer test: "/restart" got "Sorry, we're having a technical problem"."""
    me = f"web-{uuid.uuid4().hex[:10]}"
    _say(servers, me, "my right knee has hurt for 4 months")
    reply = _say(servers, me, "/restart")
    assert "technical problem" not in reply and "start again" in reply, reply
    assert "How long" in _say(servers, me, "my left shoulder hurts")
