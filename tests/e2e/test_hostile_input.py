"""Nothing a client sends ends the Rasa server or gets a 5xx (issue: faults and hostile input).

Runs against the real Rasa server and action server. Each probe is followed by a check that the
server still answers an ordinary message.
"""

from __future__ import annotations

import json
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.e2e.harness import query

pytestmark = pytest.mark.e2e

# Raw request bodies, each sent as-is with a JSON content type, each to be refused with a 400.
# (Control characters such as NUL in the text are dropped and the rest answered: see below.)
FUZZ_CORPUS: list[bytes] = [
    b'{"sender": "x\\ud800", "message": "hi"}',  # the repro: a lone surrogate in the sender id
    b'{"sender": "ok-1", "message": "hi \\udfff"}',  # and one in the text
    b'{"sender": "' + b"a" * 300 + b'", "message": "hi"}',  # longer than varchar(255)
    b'{"sender": "", "message": "hi"}',
    b'{"sender": null, "message": "hi"}',
    b'{"sender": 7, "message": "hi"}',
    b'{"sender": ["a"], "message": "hi"}',
    b'{"sender": "a b", "message": "hi"}',
    b"{\"sender\": \"x'; DROP TABLE events;--\", \"message\": \"hi\"}",
    b'{"sender": "ok-1", "message": 5}',
    b'{"sender": "ok-1", "message": {"text": "hi"}}',
    b'{"sender": "ok-1", "message": "hi", "metadata": "not an object"}',
    b'{"sender": "ok-1", "message": "hi", "metadata": [1, 2]}',
    b"",
    b"null",
    b"[]",
    b'"just a string"',
    b"42",
    b"{",
    b"\xff\xfe\x00garbage",
    b"[" * 5000 + b"]" * 5000,  # deep nesting
    b'{"sender": "ok-1", "message": "' + b"x" * 20000 + b'"}',  # over the text limit
]


@pytest.fixture(
    scope="module",
    params=["make run", pytest.param("make run-production", marks=pytest.mark.postgres)],
)
def servers(request, servers):
    """Each probe against `make run`'s Rasa server, and through nginx to `make run-production`'s
    two (docs/deploy.md): a refusal is the same clear answer on both."""
    return servers if request.param == "make run" else request.getfixturevalue("production")


def _post(servers, body: bytes, timeout: float = 30) -> requests.Response:
    return requests.post(
        f"{servers.rasa_url}/webhooks/rest/webhook",
        data=body,
        headers={"Content-Type": "application/json"},
        timeout=timeout,
    )


def _still_answers(servers) -> None:
    replies = servers.texts(f"alive-{uuid.uuid4().hex[:8]}", "hi")
    assert replies and any("intake assistant" in text for text in replies), replies


def test_a_lone_surrogate_in_the_sender_id_gets_a_clear_400_and_the_server_lives(servers):
    reply = _post(servers, FUZZ_CORPUS[0])
    assert reply.status_code == 400
    assert reply.json() == {
        "error": "invalid_request",
        "field": "sender",
        "message": reply.json()["message"],
    }
    _still_answers(servers)


def test_the_fuzz_corpus_gets_400s_never_a_5xx_or_a_silent_reply(servers):
    for body in FUZZ_CORPUS:
        reply = _post(servers, body)
        assert reply.status_code == 400, (body[:80], reply.status_code, reply.text[:200])
        assert reply.headers["Content-Type"].startswith("application/json"), body[:80]
        assert reply.json()["error"] == "invalid_request"
    _still_answers(servers)


def test_a_body_over_the_limit_is_refused_before_it_is_read(servers):
    body = json.dumps({"sender": "big-1", "message": "x" * (5 * 1024 * 1024)}).encode()
    reply = _post(servers, body)
    assert reply.status_code == 413
    assert reply.headers["Content-Type"].startswith("application/json"), reply.text[:200]
    _still_answers(servers)


def test_a_long_message_is_read_in_part_and_the_patient_is_told(servers):
    text = "my lower back has hurt for about 4 months and I can't sit at work. " + "it aches " * 900
    replies = servers.texts(f"long-{uuid.uuid4().hex[:8]}", text)
    assert "read only the first part" in replies[0], replies
    assert len(replies) > 1 and "technical problem" not in " ".join(replies), replies


def test_control_characters_are_dropped_and_the_message_is_answered(servers):
    replies = servers.texts(f"ctl-{uuid.uuid4().hex[:8]}", "my knee\x00 hurts\x07 for 3 weeks")
    assert replies and not any("didn't understand" in t for t in replies), replies


_bodies = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.fixed_dictionaries(
        {
            "sender": st.one_of(
                st.text(max_size=300), st.integers(), st.none(), st.lists(st.text())
            ),
            "message": st.one_of(st.text(max_size=500), st.integers(), st.none(), st.booleans()),
        },
        optional={"metadata": st.one_of(st.dictionaries(st.text(), st.text()), st.text())},
    ).map(lambda body: json.dumps(body).encode()),
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)
@given(body=_bodies)
def test_random_bodies_never_get_a_5xx(servers, body):
    reply = _post(servers, body)
    assert reply.status_code in (200, 400), (body[:120], reply.status_code, reply.text[:200])
    if reply.status_code == 200:
        assert isinstance(reply.json(), list)


def test_after_the_fuzz_the_server_still_answers(servers):
    _still_answers(servers)


def test_a_flood_of_messages_for_one_conversation_gets_429s_never_a_5xx(servers):
    """30 messages at once for one sender (the production newcomer's 50 got Sanic's 503 after a
    minute): what is not taken at once gets a clear 429, and every message answered 200 is in
    the transcript exactly once."""
    sender = f"flood-{uuid.uuid4().hex[:8]}"
    texts = [f"my knee hurts {n}" for n in range(30)]

    def send(text: str) -> requests.Response:
        body = json.dumps({"sender": sender, "message": text}).encode()
        return _post(servers, body, timeout=120)

    with ThreadPoolExecutor(30) as pool:
        replies = list(pool.map(send, texts))
    statuses = [r.status_code for r in replies]
    assert set(statuses) <= {200, 429}, statuses
    assert 429 in statuses, statuses
    for reply in replies:
        if reply.status_code == 429:
            assert reply.json()["error"] == "too_many_requests"
            assert reply.headers["Retry-After"]
        else:
            assert isinstance(reply.json(), list) and reply.json()
    answered = sorted(t for t, r in zip(texts, replies, strict=True) if r.status_code == 200)
    stored = query(
        servers.database_url,
        "SELECT data FROM events WHERE sender_id = :s AND type_name = 'user'", s=sender,
    )
    assert sorted(json.loads(row["data"])["text"] for row in stored) == answered
    _still_answers(servers)
