"""The Twilio SMS channel in a real Sanic server, registered the way `rasa run` registers it."""

from __future__ import annotations

import asyncio
import socket
import time
import uuid
from types import SimpleNamespace
from typing import Any, Dict, List

import aiohttp
import pytest
from rasa.core.channels.channel import UserMessage, register
from sanic import Sanic
from sqlalchemy import event
from sqlalchemy.exc import OperationalError
from twilio.request_validator import RequestValidator

from app.bootstrap import Services
from bot.crossing import DELIVERY_GRACE, RECEIVED_AT
from bot.messaging.inbound import OPT_OUT_METADATA, STOP_INTENT
from bot.messaging.optout import opt_out_state
from bot.messaging.transport.gateway import SendResult, SmsMessage
from bot.settings import DEFAULT_SMS_DELIVERY_GRACE, Settings
from channels.twilio_sms import TwilioSmsInput

from .conftest import AUTH_TOKEN

PATH = "/webhooks/twilio_sms/webhook"
ANA = "+12125550123"


class FakeAgent:
    """Stands in for Rasa's Agent: records messages and answers like the assistant would."""

    def __init__(self) -> None:
        self.messages: List[UserMessage] = []
        self.release = asyncio.Event()  # "/wait" answers once the test sets it

    async def handle_message(self, message: UserMessage) -> None:
        self.messages.append(message)
        out = message.output_channel
        if message.text == "/wait":
            await asyncio.wait_for(self.release.wait(), timeout=5)
            await out.send_text_message(message.sender_id, "Here is your answer.")
            return
        if message.text == "/slow":
            await asyncio.sleep(1.0)
            await out.send_text_message(message.sender_id, "Thanks for waiting.")
            return
        if message.text == "/typography":
            text = "It\u2019s \u201cfine\u201d \U0001f44d \u2014 ok\u2026"
            await out.send_text_message(message.sender_id, text)
            return
        if message.text.startswith("/"):
            await out.send_text_message(message.sender_id, f"intent {message.text}")
            return
        await out.send_text_message(message.sender_id, "How long has it hurt?")
        await out.send_text_with_buttons(message.sender_id, "Pick one:", [
            {"title": "Under 6 weeks", "payload": '/inform_pain_duration{"weeks": 2}'},
            {"title": "Longer", "payload": '/inform_pain_duration{"weeks": 20}'},
        ])


class SlowGateway:
    """Blocks like Twilio's client does; the channel must call it off the event loop."""

    name = "slow"

    def __init__(self) -> None:
        self.sent: List[SmsMessage] = []

    def send(self, message: SmsMessage) -> SendResult:
        time.sleep(0.5)
        self.sent.append(message)
        return SendResult(f"SM{len(self.sent)}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
async def server(session_factory, profile, clock, tmp_path):
    Sanic.test_mode = True
    app = Sanic(f"sms_{uuid.uuid4().hex[:8]}")
    app.ctx.agent = FakeAgent()
    services = Services(Settings(var_dir=tmp_path), profile, session_factory, clock)
    gateway = SlowGateway()
    channel = TwilioSmsInput(AUTH_TOKEN, reply_timeout=0.3, services=services, gateway=gateway)
    register([channel], app, route="/webhooks/")
    port = free_port()
    srv = await app.create_server(host="127.0.0.1", port=port, return_asyncio_server=True,
                                  access_log=False)
    await srv.startup()
    base = f"http://127.0.0.1:{port}"
    async with aiohttp.ClientSession() as http:
        yield {"base": base, "http": http, "agent": app.ctx.agent, "gateway": gateway,
               "channel": channel, "factory": session_factory}
    srv.close()
    await srv.wait_closed()


def signed(url: str, params: Dict[str, str], token: str = AUTH_TOKEN) -> Dict[str, str]:
    return {"X-Twilio-Signature": RequestValidator(token).compute_signature(url, params)}


def new_sid() -> str:
    return "SM" + uuid.uuid4().hex


async def post(
    s: Dict[str, Any], body: str, sender: str = ANA, headers=None, url=None, sid: str = ""
):
    params = {"From": sender, "To": "+17185550100", "Body": body, "MessageSid": sid or new_sid(),
              "AccountSid": "AC" + "1" * 32, "NumMedia": "0"}
    target = s["base"] + PATH
    headers = signed(url or target, params) if headers is None else headers
    async with s["http"].post(target, data=params, headers=headers) as resp:
        return resp.status, await resp.text(), resp.headers.get("Content-Type", "")


async def test_signed_webhook_reaches_the_assistant_with_the_e164_sender(server):
    status, body, ctype = await post(server, "my back hurts", sender="+1 (212) 555-0123")
    assert status == 200 and ctype.startswith("application/xml")
    [message] = server["agent"].messages
    assert message.sender_id == ANA and message.text == "my back hurts"
    assert message.input_channel == "twilio_sms"
    assert "<Message>How long has it hurt?</Message>" in body
    assert "Pick one:\n1) Under 6 weeks\n2) Longer" in body  # buttons as numbered lines


async def test_a_retried_webhook_is_handled_once(server):
    """Twilio retries with the same MessageSid: the assistant sees the text once."""
    sid = new_sid()
    status, body, _ = await post(server, "my back hurts", sid=sid)
    assert status == 200 and "How long has it hurt?" in body
    status, again, _ = await post(server, "my back hurts", sid=sid)
    assert status == 200 and "<Message>" not in again  # its replies went out the first time
    assert [m.text for m in server["agent"].messages] == ["my back hurts"]
    await post(server, "a new text")
    assert len(server["agent"].messages) == 2


async def test_a_number_reply_picks_the_numbered_choice(server):
    await post(server, "my back hurts")
    await post(server, "2")
    assert server["agent"].messages[-1].text == '/inform_pain_duration{"weeks": 20}'
    await post(server, "2")  # no choices pending any more: plain text
    assert server["agent"].messages[-1].text == "2"


async def test_forged_missing_and_tampered_signatures_get_403(server):
    status, _, _ = await post(server, "hi", headers={"X-Twilio-Signature": "Zm9yZ2Vk"})
    assert status == 403
    status, _, _ = await post(server, "hi", headers={})
    assert status == 403
    params = {"From": ANA, "Body": "hello"}
    tampered = signed(server["base"] + PATH, params)
    status, _, _ = await post(server, "STOP", headers=tampered)
    assert status == 403
    wrong_token = signed(server["base"] + PATH, {"From": ANA, "Body": "hi"}, token="other")
    status, _, _ = await post(server, "hi", headers=wrong_token)
    assert status == 403
    assert server["agent"].messages == []
    assert not opt_out_state(server["factory"], ANA).opted_out


async def test_public_url_behind_a_proxy_is_what_is_checked(server):
    server["channel"].webhook_url = "https://sms.clinic.example/webhooks/twilio_sms/webhook"
    status, _, _ = await post(server, "hi")  # signed for the internal URL
    assert status == 403
    status, _, _ = await post(server, "hi", url=server["channel"].webhook_url)
    assert status == 200


async def test_keywords_are_answered_without_the_assistant(server):
    status, body, _ = await post(server, "STOP")
    assert status == 200 and "unsubscribed" in body
    assert opt_out_state(server["factory"], ANA).opted_out
    status, body, _ = await post(server, "STOP")
    assert body.strip().endswith("<Response />")  # nothing more
    status, body, _ = await post(server, "are you there?")
    assert "<Message>" not in body
    _, body, _ = await post(server, "HELP")
    assert "Bridge Street PT" in body and "+1 718 555 0142" in body
    _, body, _ = await post(server, "START")
    assert "again" in body
    _, body, _ = await post(server, "R")
    assert "intent /reschedule_booking" in body
    # STOP also ended the chat, once and silently (its replies are never sent): the patient's
    # words so far are saved for the front desk (`action_stop_intake`).
    # After STOP a text still reaches the assistant, marked and unanswered: crisis words or a
    # warning sign texted then were lost, and staff saw no flag (newcomer pass K).
    arrival = {RECEIVED_AT: pytest.approx(time.time(), abs=60),
               DELIVERY_GRACE: DEFAULT_SMS_DELIVERY_GRACE}
    assert [(m.text, m.metadata) for m in server["agent"].messages] == [
        (STOP_INTENT, {OPT_OUT_METADATA: True}),
        ("are you there?", {**arrival, OPT_OUT_METADATA: True}),
        ("/reschedule_booking", arrival),
    ]  # a text's arrival is stamped for the assistant, with the SMS's grace (bot.crossing)


async def test_opt_out_phrases_with_padding_are_answered_without_the_assistant(server):
    _, body, _ = await post(server, "Stop texting me please")
    assert "unsubscribed" in body and "stopped" not in body
    # Never the assistant's "OK, I've stopped": only the silent end of the chat.
    assert [m.text for m in server["agent"].messages] == [STOP_INTENT]
    assert opt_out_state(server["factory"], ANA).keyword == "STOP TEXTING ME"


async def test_an_opt_out_the_database_cannot_save_is_not_confirmed(server):
    problem = "Sorry, we're having a technical problem. Please try again in a minute."
    server["agent"].domain = SimpleNamespace(
        responses={"utter_technical_problem": [{"text": problem}]}
    )

    def fail(_session):
        raise OperationalError("COMMIT", {}, Exception("disk I/O error"))

    event.listen(server["factory"], "before_commit", fail)
    try:
        status, body, _ = await post(server, "STOP \U0001f6d1")
    finally:
        event.remove(server["factory"], "before_commit", fail)
    assert status == 200 and problem in body and "unsubscribed" not in body
    assert server["agent"].messages == []
    assert not opt_out_state(server["factory"], ANA).opted_out


async def test_replies_leave_as_gsm7(server):
    _, body, _ = await post(server, "/typography")
    assert "<Message>It's \"fine\" - ok...</Message>" in body.replace("&quot;", '"')


async def test_slow_turn_is_acked_fast_and_replies_by_rest_off_the_loop(server):
    started = time.monotonic()
    status, body, _ = await post(server, "/slow")
    assert status == 200 and body.strip().endswith("<Response />")
    assert time.monotonic() - started < 0.9  # answered well before the assistant finished
    await asyncio.sleep(1.1)  # the assistant finishes; the blocking send (0.5 s) starts
    # The event loop stays free while the gateway blocks in its thread.
    started = time.monotonic()
    async with server["http"].get(server["base"] + "/webhooks/twilio_sms/") as resp:
        assert resp.status == 200
    assert time.monotonic() - started < 0.3
    await asyncio.sleep(0.8)
    assert [(m.to, m.body) for m in server["gateway"].sent] == [(ANA, "Thanks for waiting.")]


async def test_late_replies_are_not_sent_when_stop_came_in_during_the_slow_turn(server):
    status, body, _ = await post(server, "/slow")
    assert status == 200 and "<Message>" not in body  # acknowledged; replies follow by REST
    status, body, _ = await post(server, "STOP")  # while the assistant is still thinking
    assert status == 200 and "unsubscribed" in body
    await asyncio.sleep(1.8)  # the turn ends (1 s) and a send would take 0.5 s
    assert server["gateway"].sent == []
    assert not server["channel"]._pending  # the late-reply task has finished


async def test_replies_are_dropped_when_stop_came_in_before_the_turn_ended(server):
    turn = asyncio.ensure_future(post(server, "/wait"))
    await asyncio.sleep(0.05)
    _, body, _ = await post(server, "STOP")
    assert "unsubscribed" in body
    server["agent"].release.set()
    status, body, _ = await turn  # answered in the webhook (TwiML) or later by REST: neither
    assert status == 200 and "<Message>" not in body
    await asyncio.sleep(0.8)
    assert server["gateway"].sent == []


def test_from_credentials_reads_the_environment(monkeypatch):
    monkeypatch.setenv("TWILIO_AUTH_TOKEN", "env-token")
    monkeypatch.setenv("TWILIO_WEBHOOK_PUBLIC_URL", "https://x.example/webhooks/twilio_sms/webhook")
    channel = TwilioSmsInput.from_credentials(None)
    assert channel.auth_token == "env-token"
    assert channel.webhook_url.startswith("https://x.example")
    assert TwilioSmsInput.from_credentials({"auth_token": "yaml"}).auth_token == "yaml"
    monkeypatch.delenv("TWILIO_AUTH_TOKEN")
    assert TwilioSmsInput.from_credentials({}).auth_token is None  # refuses every webhook


def test_rasa_builds_the_channel_from_a_credentials_file(tmp_path, monkeypatch):
    from rasa.core.run import create_http_input_channels

    monkeypatch.setenv("TWILIO_AUTH_TOKEN", "env-token")
    credentials = tmp_path / "credentials.yml"
    credentials.write_text("rest:\nchannels.twilio_sms.TwilioSmsInput:\n", encoding="utf-8")
    channels = create_http_input_channels(None, str(credentials))
    [sms] = [c for c in channels if isinstance(c, TwilioSmsInput)]
    assert sms.auth_token == "env-token" and sms.url_prefix() == "twilio_sms"


async def test_a_text_with_empty_fields_or_a_photo_alone_is_signed_and_answered(server):
    """SMS newcomer test: Twilio signs every field it posts, the empty ones too (FromCity="",
    a photo with Body=""); those were refused with 403 as unsigned, so the text was lost."""
    target = server["base"] + PATH
    for extra in ({"FromCity": "", "FromState": "NY"}, {"Body": "", "NumMedia": "1",
                                                         "MediaUrl0": "https://api.twilio.com/x"}):
        params = {"From": ANA, "To": "+17185550100", "Body": "my back hurts",
                  "MessageSid": new_sid(), "AccountSid": "AC" + "1" * 32, "NumMedia": "0",
                  **extra}
        async with server["http"].post(target, data=params, headers=signed(target, params)) as r:
            assert r.status == 200, (extra, await r.text())
            body = await r.text()
    assert "only read the words of a text" in body and "911" in body  # the photo alone
    assert [m.text for m in server["agent"].messages] == ["my back hurts"]
