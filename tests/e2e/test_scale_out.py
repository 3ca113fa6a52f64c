"""Two Rasa servers behind one address: the production endpoints (PostgreSQL, Redis lock store).

Each conversation's messages alternate between the two servers, as a load balancer without
sticky sessions sends them. Nothing a turn needs may live in one process: the tracker and the
app database are PostgreSQL, a conversation's turns are serialised by the Redis lock store, and
numbered SMS choices, message ids and held times are in the database.
"""

from __future__ import annotations

import json
import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from twilio.request_validator import RequestValidator

from bot.migrate import upgrade
from tests.e2e.harness import Servers, postgres_database, query, run_servers
from tests.screen import screen_answers, screen_slots
from tests.sms.conftest import ACCOUNT_SID, AUTH_TOKEN, FROM_NUMBER, env_for, serve_fake_twilio

pytestmark = [pytest.mark.e2e, pytest.mark.postgres]

# What the load balancer's public address would be: Twilio signs requests for it.
PUBLIC_WEBHOOK = "https://clinic.example.org/webhooks/twilio_sms/webhook"
KNEE = "my right knee, about 4 months, stairs kill me"


@dataclass
class Cluster:
    servers: Servers
    database_url: str

    def server(self, n: int) -> str:
        """The Rasa server for a conversation's `n`th message: first, second, first, ..."""
        urls = self.servers.rasa_urls
        return urls[n % len(urls)]

    def chat(self, n: int, sender: str, text: str, message_id: str | None = None) -> list[dict]:
        body: dict = {"sender": sender, "message": text}
        if message_id:
            body["metadata"] = {"message_id": message_id}
        reply = requests.post(f"{self.server(n)}/webhooks/rest/webhook", json=body, timeout=90)
        assert reply.status_code == 200, reply.text
        return reply.json()

    def text(self, n: int, sender: str, body: str) -> list[str]:
        """A signed Twilio webhook to server `n`; the texts of its TwiML answer."""
        params = {
            "From": sender, "To": FROM_NUMBER, "Body": body, "NumMedia": "0",
            "MessageSid": "SM" + uuid.uuid4().hex, "AccountSid": ACCOUNT_SID,
            "SmsStatus": "received", "ApiVersion": "2010-04-01",
        }  # fmt: skip
        signature = RequestValidator(AUTH_TOKEN).compute_signature(PUBLIC_WEBHOOK, params)
        reply = requests.post(
            f"{self.server(n)}/webhooks/twilio_sms/webhook",
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


@pytest.fixture(scope="module")
def cluster(trained_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    workdir = tmp_path_factory.mktemp("scale_out")
    with postgres_database() as url, serve_fake_twilio() as twilio:
        upgrade(url)
        env = {
            **env_for(twilio),
            "SMS_REPLY_TIMEOUT_SECONDS": "60",
            "TWILIO_WEBHOOK_PUBLIC_URL": PUBLIC_WEBHOOK,
            "REDIS_HOST": "127.0.0.1",
            "REDIS_PORT": "6379",
            "REDIS_DB": "5",
        }
        with run_servers(
            trained_model,
            workdir,
            url,
            extra_env=env,
            rasa_servers=2,
            endpoints="config/endpoints.production.yml",
        ) as servers:
            assert len(servers.rasa_urls) == 2
            yield Cluster(servers, url)


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
    last = " ".join(m.get("text", "") for m in replies[-1])
    code = re.search(r"booking code is ([A-Z0-9]{3}-[A-Z0-9]{3})", last)
    assert code, last
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
        first, second = pool.map(lambda n: cluster.chat(n, sender, KNEE, "m-1"), (0, 1))
    assert first == second and first
    assert cluster.user_texts(sender) == ["hi", KNEE]
