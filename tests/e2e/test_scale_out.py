"""The production profile (`make run-production`): two Rasa servers behind nginx, PostgreSQL for
the app database and the tracker store, Redis as the lock store.

Each conversation's messages go through nginx and straight to each Rasa server in turn, as a
load balancer without sticky sessions would send them. Nothing a turn needs may live in one
process: trackers and the app database are PostgreSQL, a conversation's turns are serialised by
the Redis lock store, and numbered SMS choices, message ids and held times are in the database.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import time
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest
import requests
from twilio.request_validator import RequestValidator

from tests.e2e.harness import Production, query
from tests.screen import screen_answers, screen_questions, screen_slots
from tests.sms.conftest import ACCOUNT_SID, AUTH_TOKEN, FROM_NUMBER

pytestmark = [pytest.mark.e2e, pytest.mark.postgres]

KNEE = "my right knee, about 4 months, stairs kill me"
SMS_PATH = "/webhooks/twilio_sms/webhook"


@dataclass
class Cluster:
    production: Production

    @property
    def public(self) -> str:  # nginx
        return self.production.rasa_url

    @property
    def database_url(self) -> str:
        return self.production.database_url

    def server(self, n: int) -> str:
        """Where a conversation's `n`th message goes: nginx, the first server, the second, ..."""
        urls = [self.public, *self.production.rasa_urls]
        return urls[n % len(urls)]

    def chat(self, n: int, sender: str, text: str, message_id: str | None = None) -> list[dict]:
        body: dict = {"sender": sender, "message": text}
        if message_id:
            body["metadata"] = {"message_id": message_id}
        reply = requests.post(f"{self.server(n)}/webhooks/rest/webhook", json=body, timeout=90)
        assert reply.status_code == 200, reply.text
        return reply.json()

    def text(self, n: int, sender: str, body: str, sid: str | None = None,
             url: str | None = None) -> list[str]:
        """A Twilio webhook to `server(n)` (or `url`), signed for the public address as Twilio
        signs it; the texts of its TwiML answer."""
        params = {
            "From": sender, "To": FROM_NUMBER, "Body": body, "NumMedia": "0",
            "MessageSid": sid or "SM" + uuid.uuid4().hex, "AccountSid": ACCOUNT_SID,
            "SmsStatus": "received", "ApiVersion": "2010-04-01",
        }  # fmt: skip
        signature = RequestValidator(AUTH_TOKEN).compute_signature(self.public + SMS_PATH, params)
        reply = requests.post(
            (url or self.server(n)) + SMS_PATH,
            data=params,
            headers={"X-Twilio-Signature": signature},
            timeout=90,
        )
        assert reply.status_code == 200, reply.text
        return [m.text or "" for m in ET.fromstring(reply.text).findall("Message")]

    def user_texts(self, sender: str) -> list[str]:
        """The patient's messages as the tracker store keeps them, in order."""
        rows = query(
            self.database_url,
            "SELECT data FROM events WHERE sender_id = :s AND type_name = 'user' ORDER BY id",
            s=sender,
        )
        return [json.loads(r["data"])["text"] for r in rows]


@pytest.fixture
def cluster(production: Production) -> Cluster:
    return Cluster(production)


REST_SCRIPT = [
    "hi",
    KNEE,
    "6",
    *screen_answers(message=KNEE),
    "yes",  # the read-back is right
    "yes",  # book it
    "mornings",
    "1",
    "Sam Rivera",
    "718 555 0142",
    "skip",
    "no",
]


def test_a_rest_conversation_alternating_between_two_servers_books_once(cluster):
    sender = f"rest-{uuid.uuid4().hex[:8]}"
    replies = [cluster.chat(n, sender, text) for n, text in enumerate(REST_SCRIPT)]
    said = [" / ".join(m.get("text", "")[:90] for m in r) for r in replies]
    transcript = "\n".join(f"> {t}\n< {r}" for t, r in zip(REST_SCRIPT, said, strict=True))
    code = re.search(r"booking code is ([A-Z0-9]{3}-[A-Z0-9]{3})",
                     " ".join(m.get("text", "") for m in replies[-1]))
    assert code, transcript
    # Every message stored once, in the order sent, whichever server took it.
    assert cluster.user_texts(sender) == REST_SCRIPT
    intakes = query(cluster.database_url,
                    "SELECT red_flags, pain_score FROM intakes WHERE conversation_id = :c",
                    c=sender)
    assert len(intakes) == 1 and intakes[0]["pain_score"] == 6
    assert intakes[0]["red_flags"] in (None, "[]", [])  # no warning sign the patient never gave
    bookings = query(cluster.database_url,
                     "SELECT code, status FROM bookings WHERE conversation_id = :c", c=sender)
    assert bookings == [{"code": code[1], "status": "booked"}]


SMS_SCRIPT = [
    KNEE,
    "6",
    *screen_answers(no="2", message=KNEE),  # "2) No" to each safety question
    "1",  # "1) Yes, that's right"
    "1",  # "1) Yes, book it"
    "2",  # "2) Mornings"
    "3",  # the third time offered
    "Sam Rivera",
    "1",  # "1) Skip" the email
    "1",  # "1) Yes, text me"
]  # fmt: skip


def test_numbered_sms_choices_alternating_between_two_servers_are_read_right(cluster):
    phone = "+1212555" + str(uuid.uuid4().int % 10_000).zfill(4)
    replies = [cluster.text(n, phone, body) for n, body in enumerate(SMS_SCRIPT)]
    screen = len(screen_slots(KNEE))
    after = replies[2 + screen - 1:]  # from the reply that reads the intake back
    assert after[0][-1].endswith("1) Yes, that's right\n2) No, something's wrong"), after[0]
    assert "1) As soon as possible\n2) Mornings" in after[2][-1]
    offer = after[3][-1]
    picked = re.search(r"\n3\) \w{3} \w{3} \d+, ([\d:]+ [AP]M) with (\w+)", offer)
    assert picked and picked[1].endswith("AM"), offer  # "2" was Mornings on the other server
    assert "name" in after[4][-1]
    assert after[7][-1].startswith("You're booked: "), after[7]
    assert f"at {picked[1]} with {picked[2]}" in after[7][-1]  # "3" was the third time
    intake = query(cluster.database_url,
                   "SELECT red_flags FROM intakes WHERE conversation_id = :c",
                   c=phone)
    assert len(intake) == 1
    assert intake[0]["red_flags"] in (None, "[]", [])
    bookings = query(cluster.database_url,
                     "SELECT status FROM bookings WHERE conversation_id = :c", c=phone)
    assert bookings == [{"status": "booked"}]


def test_one_message_id_sent_to_both_servers_at_once_is_handled_once(cluster):
    """The widget resends a message whose reply was lost; the balancer sends the resend to the
    other server while the first is still running. One turn, the same replies to both."""
    sender = f"twice-{uuid.uuid4().hex[:8]}"
    cluster.chat(0, sender, "hi")
    with ThreadPoolExecutor(2) as pool:
        first, second = pool.map(lambda n: cluster.chat(n, sender, KNEE, "m-1"), (1, 2))
    assert first == second and first
    assert cluster.user_texts(sender) == ["hi", KNEE]


def test_the_database_password_is_never_printed(cluster):
    from tests.conftest import PRODUCTION_DB_PASSWORD

    assert PRODUCTION_DB_PASSWORD in cluster.database_url
    printed = cluster.production.log.read_text()
    assert "Data:" in printed and "***" in printed
    assert PRODUCTION_DB_PASSWORD not in printed


def _pids(pattern: str) -> list[int]:
    found = subprocess.run(["pgrep", "-f", pattern], capture_output=True, text=True)
    return [int(pid) for pid in found.stdout.split()]


def test_a_message_on_a_server_that_dies_mid_turn_is_handled_by_the_other(cluster):
    """The newcomer's repro: the turn hangs (action server stopped), its Rasa server is killed,
    and the same message id reaches the other server (nginx's retry, or the widget's): the
    dead server's claim goes stale within seconds and the message is answered, not `[]`."""
    sender = f"midturn-{uuid.uuid4().hex[:8]}"
    first, second = cluster.production.rasa_urls
    assert cluster.chat(1, sender, "hi", "m-1")
    _die_mid_turn(cluster, sender, "m-2", lambda: requests.post(
        f"{first}/webhooks/rest/webhook", timeout=60,
        json={"sender": sender, "message": KNEE, "metadata": {"message_id": "m-2"}},
    ))
    start = time.monotonic()
    again = {"sender": sender, "message": KNEE, "metadata": {"message_id": "m-2"}}
    reply = requests.post(f"{second}/webhooks/rest/webhook", json=again, timeout=90)
    texts = [m.get("text", "") for m in reply.json()]
    assert reply.status_code == 200 and any("0 (no pain) to 10" in t for t in texts), texts
    assert time.monotonic() - start < 45
    assert cluster.user_texts(sender).count(KNEE) == 1  # the dead server never saved its turn
    _wait_until_answers(first)


def test_a_numbered_text_on_a_server_that_dies_mid_turn_keeps_its_choice(cluster):
    """The same by SMS, at a safety question: "2" (No) sent again with its MessageSid to the other
    server still means No (it reached it as a bare "2" and the question came again)."""
    phone = "+1646555" + str(uuid.uuid4().int % 10_000).zfill(4)
    first, second = cluster.production.rasa_urls
    cluster.text(0, phone, KNEE)
    asked = cluster.text(0, phone, "6")
    questions = screen_questions(KNEE)
    assert questions[0] in asked[-1] and asked[-1].endswith("1) Yes\n2) No\n3) Not sure")
    _die_mid_turn(cluster, phone, "SM-dies-mid-turn",
                  lambda: cluster.text(0, phone, "2", "SM-dies-mid-turn", first))
    replies = cluster.text(0, phone, "2", "SM-dies-mid-turn", second)
    assert questions[1] in replies[-1], replies  # the next question: "2" was No
    said = cluster.user_texts(phone)
    assert said.count("/deny") == 1 and "2" not in said, said  # read as "2) No", once
    _wait_until_answers(first)


def _die_mid_turn(cluster: Cluster, sender: str, message_id: str,
                  send: Callable[[], object]) -> None:
    """`send` the message to the first Rasa server while the action server is stopped, so
    the turn hangs after claiming `message_id`; then kill that server (its request fails with
    a connection error) and let the action server go on."""
    production = cluster.production
    actions = _pids(f"rasa run actions --actions actions --port {production.action_port}$")
    doomed = _pids(f"rasa run --model .* --port {production.rasa_urls[0].rsplit(':', 1)[1]} ")
    assert actions and doomed
    for pid in actions:
        os.kill(pid, signal.SIGSTOP)
    try:
        with ThreadPoolExecutor(1) as pool:
            hanging = pool.submit(send)
            _wait_for_claim(cluster, sender, message_id)  # it waits on the actions
            for pid in doomed:
                os.kill(pid, signal.SIGKILL)
            with pytest.raises(requests.ConnectionError):
                hanging.result()
    finally:
        for pid in actions:
            os.kill(pid, signal.SIGCONT)


def _wait_for_claim(cluster: Cluster, sender: str, message_id: str) -> None:
    """Until the server handling `message_id` has claimed it (then it is mid-turn)."""
    deadline = time.monotonic() + 30
    while not query(cluster.database_url, "SELECT 1 FROM handled_messages WHERE sender_id = :s "
                    "AND message_id = :m", s=sender, m=message_id):
        assert time.monotonic() < deadline, "the message was never claimed"
        time.sleep(0.1)
    time.sleep(0.5)  # and has gone on to the turn, which waits for the stopped action server


def _wait_until_answers(url: str, seconds: float = 240) -> None:
    """The killed server is back under `supervise` (the tests after this one need it)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{url}/", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(1)
    raise AssertionError(f"{url} did not come back")


def test_when_one_rasa_server_dies_nginx_sends_its_patients_to_the_other(cluster):
    """Last in this module: the killed server is loading again (under `supervise`) afterwards."""
    port = cluster.production.rasa_urls[0].rsplit(":", 1)[1]
    found = _pids(f"rasa run --model .* --port {port} ")
    assert found
    for pid in found:
        os.kill(pid, signal.SIGKILL)
    sender = f"survivor-{uuid.uuid4().hex[:8]}"
    script = ["hi", KNEE, "6"]
    for text in script:
        reply = requests.post(f"{cluster.public}/webhooks/rest/webhook",
                              json={"sender": sender, "message": text}, timeout=90)
        assert reply.status_code == 200 and reply.json(), reply.text
    assert cluster.user_texts(sender) == script
    with pytest.raises(requests.ConnectionError):
        requests.get(cluster.production.rasa_urls[0], timeout=5)  # it really was down
