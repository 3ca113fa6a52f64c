"""A message sent twice is answered twice the same way and handled once (issue: faults)."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from tests.screen import response_text, screen_questions

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


def test_two_quick_nos_answer_only_the_question_the_patient_saw(servers):
    # Two "no"s sent at once (two ids: the patient sent it twice): the second was written
    # before the next question existed, so it is no answer to it (issue 13, item 2).
    sender = f"quick-{uuid.uuid4().hex[:8]}"
    _send(servers, sender, "my lower back has hurt for 4 months and I can't sit", "q-1")
    questions = screen_questions()
    asked = _send(servers, sender, "6", "q-2")
    assert any(questions[0] in t for t in asked), asked

    with ThreadPoolExecutor(2) as pool:
        both = [pool.submit(_send, servers, sender, "no", f"q-{n}") for n in (3, 4)]
        replies = [f.result() for f in both]
    crossed = response_text("utter_screen_crossed")
    said = [any(crossed in t for t in r) for r in replies]
    assert sorted(said) == [False, True], replies  # one took the answer, one crossed
    for reply in replies:  # both end at the second question: the one the patient sees now
        assert any(questions[1] in t for t in reply[-1:]), replies
    # The patient's answer to the second question is its answer; the third comes next.
    nxt = _send(servers, sender, "no", "q-5")
    assert any(questions[2] in t for t in nxt), nxt


def test_a_bad_message_id_is_refused_by_name(servers):
    reply = requests.post(
        f"{servers.rasa_url}/webhooks/rest/webhook",
        json={"sender": "ok-1", "message": "hi", "metadata": {"message_id": "x" * 65}},
        timeout=30,
    )
    assert reply.status_code == 400 and reply.json()["field"] == "metadata"


def test_a_symptom_sent_twice_without_an_id_never_answers_the_next_safety_question(servers):
    """Third newcomer pass (REST, no message id): "yes my calf is swollen" sent twice answered
    "Are you short of breath...?" with its "yes", and the patient was told to call 911."""
    sender = f"twice-{uuid.uuid4().hex[:8]}"
    said = "yes my calf is swollen"

    def say(text: str) -> list[str]:
        reply = requests.post(f"{servers.rasa_url}/webhooks/rest/webhook",
                              json={"sender": sender, "message": text}, timeout=60)
        reply.raise_for_status()
        return [m.get("text", "") for m in reply.json()]

    say("knee hurts")
    question = say(said)[-1]
    again = say(said)
    assert any(response_text("utter_screen_repeated") in t for t in again), again
    assert again[-1] == question and not any("911" in t for t in again), again
