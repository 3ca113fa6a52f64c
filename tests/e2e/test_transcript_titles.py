"""Against the real servers (issue 14 item 4): the console's transcript, read from Rasa's
tracker store, shows the titles of the buttons the patient clicked, not their payloads."""

from __future__ import annotations

import json

import pytest

from bot.db import make_engine, make_session_factory
from bot.frontdesk.transcripts import transcript
from tests.e2e.harness import query
from tests.e2e.test_chat_over_http import _sender
from tests.screen import screen_answers, screen_slots

pytestmark = pytest.mark.e2e


def test_clicked_buttons_read_as_their_titles(servers):
    me = _sender()
    servers.texts(me, "/greet")
    servers.texts(me, "my lower back has hurt for about 4 months and I can't sit through work")
    servers.texts(me, "6")
    for answer in screen_answers():
        servers.texts(me, answer)
    servers.texts(me, "/affirm")  # "Did I get that right?" → Yes, that's right
    servers.texts(me, "/deny")  # "Shall I book it?" → Not now
    engine = make_engine(servers.database_url)
    try:
        with make_session_factory(engine)() as session:
            said = [(t.text, t.payload) for t in transcript(session, me) if t.speaker == "patient"]
    finally:
        engine.dispose()
    assert said[0] == ("(opened the chat)", "/greet")
    assert said[-2:] == [("Yes, that's right", "/affirm"), ("Not now", "/deny")]
    assert not any(text.startswith("/") for text, _ in said)


def test_the_stored_answers_are_what_the_patient_chose_or_typed(servers):
    """Signed-SMS newcomer test: answers chosen with a button (or its number, by SMS) were
    stored in `raw_answers` as the payload ("/deny"). They read as the button's title; typed
    words ("nope, none of that") stay as typed, never replaced by the payload they match."""
    me = _sender()
    message = "my lower back has hurt for about 4 months and I can't sit through work"
    servers.texts(me, message)
    servers.texts(me, "6")
    slots = screen_slots(message)
    answers = ["/deny", "nope", *["/deny"] * (len(slots) - 2)]
    for answer in answers:
        servers.texts(me, answer)
    (row,) = query(
        servers.database_url, "SELECT raw_answers FROM intakes WHERE conversation_id = :c", c=me
    )
    raw = row["raw_answers"]
    raw = json.loads(raw) if isinstance(raw, str) else raw
    assert raw[slots[0]] == ["No"] and raw[slots[1]] == ["nope"], raw
    stored = [answer for answers in raw.values() for answer in answers]
    assert not any(answer.startswith("/") for answer in stored), raw
