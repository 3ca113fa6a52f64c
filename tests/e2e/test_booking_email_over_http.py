"""Booking with an email over REST with the real servers: the chat confirmation is a short
block, and the console gateway writes the confirmation and the cancellation to the outbox."""

from __future__ import annotations

import email
import re
import uuid
from email.policy import default as default_policy
from pathlib import Path

import pytest

from tests.e2e.harness import Servers
from tests.screen import screen_answers

pytestmark = pytest.mark.e2e
ADDRESS = "sam.rivera@example.org"
FIRST = "my right knee, about 4 months, stairs kill me"


def _say(servers: Servers, me: str, message: str) -> str:
    return "\n".join(servers.texts(me, message))


def _outbox(servers: Servers) -> list[email.message.EmailMessage]:
    folder = Path(servers.env["VAR_DIR"]) / "mail-outbox"
    return [
        email.message_from_bytes(path.read_bytes(), policy=default_policy)
        for path in sorted(folder.glob("*.eml"), key=lambda p: p.stat().st_mtime_ns)
        if ADDRESS in path.read_text()
    ]


def _body(message: email.message.EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def test_booking_with_email_confirms_in_a_block_and_emails_it(servers):
    me = f"web-{uuid.uuid4().hex[:10]}"
    _say(servers, me, FIRST)
    _say(servers, me, "6")
    for answer in screen_answers(message=FIRST):
        _say(servers, me, answer)
    _say(servers, me, "yes")
    _say(servers, me, "yes")
    _say(servers, me, "mornings")
    _say(servers, me, "1")
    _say(servers, me, "Sam Rivera")
    _say(servers, me, "718 555 0142")
    assert "text message" in _say(servers, me, ADDRESS)
    confirmed = servers.texts(me, "yes")[-1]
    lines = confirmed.split("\n")
    assert lines[0].startswith("You're booked with ") and len(lines) == 7
    assert lines[1].startswith("When: ") and lines[2].startswith("Where: ")
    assert lines[3].startswith("Please bring: ")
    code = re.search(r"booking code is ([A-Z0-9]{3}-[A-Z0-9]{3})", lines[4]).group(1)
    assert re.fullmatch(rf"https?://\S+/calendar/{code}/\w+\.ics", lines[-1])
    (booked,) = _outbox(servers)
    assert booked["To"] == ADDRESS and code in _body(booked) and lines[-1] in _body(booked)
    assert [p.get_content_type() for p in booked.iter_attachments()] == ["text/calendar"]
    assert "Do you want to cancel" in _say(servers, me, "cancel my appointment")
    assert "is cancelled" in _say(servers, me, "yes")
    booked_again, cancelled = _outbox(servers)
    assert booked_again["Message-ID"] == booked["Message-ID"]
    assert "Cancelled" in cancelled["Subject"] and code in _body(cancelled)
    action_log = (servers.logs / "actions.log").read_text()
    assert ADDRESS not in action_log
