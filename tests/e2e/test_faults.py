"""The fault suite: crashes and outages lose no answer, double nothing, and never leave silence.

Each test crashes a real process (SIGKILL) or takes the database away, then checks what the
patient got and what was stored. (A crash of the Rasa server after the booking commit is in
test_booking_crash.py; crisis and red-flag advice during outages in test_safety_outages.py.)
"""

from __future__ import annotations

import re
import threading
import time
import uuid
from collections.abc import Iterator

import pytest
import requests

from bot.migrate import upgrade
from tests.e2e.harness import Servers, database_outage, query, run_servers
from tests.screen import screen_answers, screen_questions, screen_slots

pytestmark = pytest.mark.e2e

PAUSE_SECONDS = 6  # the booking action waits this long after its commit (fault injection)
FIRST = "my right knee, about 4 months, stairs kill me"
TECHNICAL = "technical problem"


def _send(servers: Servers, me: str, message: str, message_id: str, timeout: float = 60) -> str:
    reply = requests.post(
        f"{servers.rasa_url}/webhooks/rest/webhook",
        json={"sender": me, "message": message, "metadata": {"message_id": message_id}},
        timeout=timeout,
    )
    reply.raise_for_status()
    texts = [m.get("text", "") for m in reply.json()]
    assert texts, f"silence for {message!r}"
    return " ".join(texts)




def _user_texts(database_url: str, me: str) -> list[str]:
    import json

    rows = query(
        database_url,
        "SELECT data FROM events WHERE sender_id = :s AND type_name = 'user' ORDER BY id",
        s=me,
    )
    return [json.loads(r["data"]).get("text") for r in rows]


@pytest.fixture(scope="module")
def servers(trained_model, tmp_path_factory) -> Iterator[Servers]:
    workdir = tmp_path_factory.mktemp("faults")
    url = f"sqlite:///{workdir / 'intake.db'}"
    upgrade(url)
    fault = {"FAULT_PAUSE_AFTER_BOOKING_SECONDS": str(PAUSE_SECONDS)}
    with run_servers(trained_model, workdir, url, extra_env=fault) as running:
        yield running


def test_the_rasa_server_killed_between_turns_loses_nothing(servers):
    me = f"web-{uuid.uuid4().hex[:10]}"
    assert "0 (no pain) to 10" in _send(servers, me, FIRST, "m-1")
    servers.kill_rasa()
    servers.restart_rasa()
    assert screen_questions(FIRST)[0] in _send(servers, me, "6", "m-2")
    assert _user_texts(servers.database_url, me) == [FIRST, "6"]


def test_the_action_server_killed_between_turns_gets_words_then_the_same_answer_again(servers):
    me = f"web-{uuid.uuid4().hex[:10]}"
    questions, answers = screen_questions(FIRST), screen_answers(message=FIRST)
    _send(servers, me, FIRST, "m-1")
    assert questions[0] in _send(servers, me, "6", "m-2")
    servers.kill_actions()
    try:
        assert TECHNICAL in _send(servers, me, answers[0], "m-3")
    finally:
        servers.restart_actions()
    # The widget retries the same message: now it is answered, and the screen moves on once.
    assert questions[1] in _send(servers, me, answers[0], "m-3")
    assert questions[2] in _send(servers, me, answers[1], "m-4")
    for n, answer in enumerate(answers[2:], start=5):
        last = _send(servers, me, answer, f"m-{n}")
    assert "Did I get that right?" in last
    (intake,) = query(
        servers.database_url, "SELECT raw_answers FROM intakes WHERE conversation_id = :c", c=me
    )
    import json

    raw = intake["raw_answers"]
    raw = json.loads(raw) if isinstance(raw, str) else raw
    assert all(raw[slot] == ["no"] for slot in screen_slots(FIRST)[:2]), raw


def test_the_action_server_killed_mid_booking_books_once(servers):
    me = f"web-{uuid.uuid4().hex[:10]}"
    _send(servers, me, FIRST, "b-0")
    answers = ["6", *screen_answers(message=FIRST), "yes", "yes", "mornings", "2", "Sam Rivera",
               "718 555 0142", "skip"]
    for n, answer in enumerate(answers, start=1):
        _send(servers, me, answer, f"b-{n}")

    first: list[str] = []
    try_once = threading.Thread(target=lambda: first.append(_send(servers, me, "yes", "b-last")))
    try_once.start()
    deadline = time.monotonic() + 60
    while not query(servers.database_url, "SELECT id FROM bookings WHERE conversation_id = :c",
                     c=me):
        assert time.monotonic() < deadline, "no booking was made"
        time.sleep(0.2)
    servers.kill_actions()  # the booking is committed; the action's reply never comes
    try_once.join(timeout=60)
    try:
        assert first and TECHNICAL in first[0], first
    finally:
        servers.restart_actions()

    confirmed = _send(servers, me, "yes", "b-last", timeout=PAUSE_SECONDS + 60)
    assert "You're booked" in confirmed, confirmed
    code = re.search(r"booking code is ([A-Z0-9]{3}-[A-Z0-9]{3})", confirmed).group(1)
    bookings = query(
        servers.database_url,
        "SELECT code, status FROM bookings WHERE conversation_id = :c", c=me,
    )
    assert bookings == [{"code": code, "status": "booked"}]
    offsets = [
        r["offset_minutes"]
        for r in query(
            servers.database_url,
            "SELECT r.offset_minutes FROM reminders r JOIN bookings b ON b.id = r.booking_id"
            " WHERE b.conversation_id = :c",
            c=me,
        )
    ]
    assert offsets and len(offsets) == len(set(offsets)), offsets
    # And a repeat of the same message now gets the same confirmation, not a second booking.
    assert _send(servers, me, "yes", "b-last") == confirmed


@pytest.mark.postgres
def test_a_ten_second_database_outage_keeps_every_answer_in_order(trained_model, tmp_path, pg_url):
    me = f"web-{uuid.uuid4().hex[:10]}"
    with run_servers(trained_model, tmp_path, pg_url) as servers:
        _send(servers, me, FIRST, "d-1")
        started = time.monotonic()
        questions = screen_questions(FIRST)
        with database_outage(pg_url):
            assert questions[0] in _send(servers, me, "6", "d-2")
            assert questions[1] in _send(servers, me, "no", "d-3")
            time.sleep(max(0.0, 10 - (time.monotonic() - started)))
        deadline = time.monotonic() + 30
        while _user_texts(pg_url, me) != [FIRST, "6", "no"]:
            assert time.monotonic() < deadline, _user_texts(pg_url, me)
            time.sleep(1)
        # The conversation goes on where it was.
        assert questions[2] in _send(servers, me, "no", "d-4")
        assert _user_texts(pg_url, me) == [FIRST, "6", "no", "no"]
