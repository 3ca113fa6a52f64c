"""Against the real servers (issue 14 item 4): the console's transcript, read from Rasa's
tracker store, shows the titles of the buttons the patient clicked, not their payloads."""

from __future__ import annotations

import pytest

from bot.db import make_engine, make_session_factory
from bot.frontdesk.transcripts import transcript
from tests.e2e.test_chat_over_http import _sender
from tests.screen import screen_answers

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
