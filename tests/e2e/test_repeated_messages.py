"""A message sent twice is answered twice the same way and handled once (issue: faults)."""

from __future__ import annotations

import uuid

import pytest
import requests

from tests.screen import screen_questions

pytestmark = pytest.mark.e2e


def _send(servers, sender: str, text: str, message_id: str) -> list[str]:
    reply = requests.post(
        f"{servers.rasa_url}/webhooks/rest/webhook",
        json={"sender": sender, "message": text, "metadata": {"message_id": message_id}},
        timeout=60,
    )
    reply.raise_for_status()
    return [m.get("text", "") for m in reply.json()]


def test_a_repeated_no_never_answers_a_red_flag_question_the_patient_did_not_see(servers):
    sender = f"repeat-{uuid.uuid4().hex[:8]}"
    _send(servers, sender, "my lower back has hurt for 4 months and I can't sit", "m-1")
    questions = screen_questions()
    asked = _send(servers, sender, "6", "m-2")
    assert any(questions[0] in t for t in asked), asked

    first = _send(servers, sender, "no", "m-3")
    assert any(questions[1] in t for t in first), first
    # The widget sends it again (its reply was lost): the same replies, and nothing answered.
    assert _send(servers, sender, "no", "m-3") == first
    # The next real answer goes to the question the patient saw (the second), then the third.
    nxt = _send(servers, sender, "no", "m-4")
    assert any(questions[2] in t for t in nxt), nxt


def test_a_bad_message_id_is_refused_by_name(servers):
    reply = requests.post(
        f"{servers.rasa_url}/webhooks/rest/webhook",
        json={"sender": "ok-1", "message": "hi", "metadata": {"message_id": "x" * 65}},
        timeout=30,
    )
    assert reply.status_code == 400 and reply.json()["field"] == "metadata"
