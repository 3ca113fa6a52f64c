"""A Rasa server that dies between the booking's commit and its tracker save does not double-book.

The action server commits the booking, then (FAULT_PAUSE_AFTER_BOOKING_SECONDS) waits before it
replies; the test kills the Rasa server in that wait, starts it again on the same database and
sends the patient's last message again, as the widget does. The retry finds the booking it made.
"""

from __future__ import annotations

import re
import threading
import time
import uuid

import pytest
import requests

from bot.migrate import upgrade
from tests.e2e.harness import Servers, query, run_servers
from tests.screen import screen_answers

pytestmark = pytest.mark.e2e

PAUSE_SECONDS = 8


def _say(servers: Servers, me: str, message: str, timeout: float = 30) -> str:
    return " ".join(m.get("text", "") for m in servers.chat(me, message, timeout=timeout))




def _bookings(database_url: str, me: str) -> list[dict]:
    return query(
        database_url,
        "SELECT id, code, status FROM bookings WHERE conversation_id = :c",
        c=me,
    )


def _wait_for_booking(database_url: str, me: str, seconds: float) -> list[dict]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        rows = _bookings(database_url, me)
        if rows:
            return rows
        time.sleep(0.2)
    raise AssertionError(f"no booking for {me} within {seconds}s")


def test_a_retry_after_a_crash_confirms_the_one_booking(trained_model, tmp_path):
    url = f"sqlite:///{tmp_path / 'intake.db'}"
    upgrade(url)
    fault = {"FAULT_PAUSE_AFTER_BOOKING_SECONDS": str(PAUSE_SECONDS)}
    with run_servers(trained_model, tmp_path, url, extra_env=fault) as servers:
        me = f"web-{uuid.uuid4().hex[:10]}"
        _say(servers, me, "my right knee, about 4 months, stairs kill me")
        _say(servers, me, "6")
        for answer in screen_answers(message="my right knee, about 4 months, stairs kill me"):
            _say(servers, me, answer)
        for message in ("yes", "yes", "mornings", "2", "Sam Rivera", "718 555 0142", "skip"):
            _say(servers, me, message)

        lost: list[BaseException] = []

        def last_answer() -> None:
            try:
                servers.chat(me, "yes", timeout=120)
            except requests.RequestException as err:
                lost.append(err)

        first_try = threading.Thread(target=last_answer)
        first_try.start()
        booked = _wait_for_booking(servers.database_url, me, 60)
        servers.kill_rasa()  # the booking is committed; the tracker is not saved
        first_try.join(timeout=30)
        assert lost, "the first try should have lost its reply with the server"
        assert [b["status"] for b in booked] == ["booked"]

        servers.restart_rasa()
        confirmed = _say(servers, me, "yes", timeout=PAUSE_SECONDS + 60)

        assert "You're booked" in confirmed
        code = re.search(r"booking code is ([A-Z0-9]{3}-[A-Z0-9]{3})", confirmed).group(1)
        assert "someone booked that time" not in confirmed
        bookings = _bookings(servers.database_url, me)
        assert [(b["code"], b["status"]) for b in bookings] == [(booked[0]["code"], "booked")]
        assert code == booked[0]["code"]
        reminders = query(
            servers.database_url,
            "SELECT r.booking_id, r.offset_minutes FROM reminders r"
            " JOIN bookings b ON b.id = r.booking_id"
            " WHERE b.conversation_id = :c",
            c=me,
        )
        assert reminders, "the booking's reminders are planned"
        offsets = [r["offset_minutes"] for r in reminders]
        assert len(offsets) == len(set(offsets)), f"reminders planned twice: {reminders}"
