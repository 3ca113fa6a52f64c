"""Hostile SMS webhooks never get a 5xx and never end the server (issue: faults and hostile input).

Runs against the real Rasa server and action server, with the Twilio channel configured as in
production. Each probe is a form POST like Twilio's, signed with Twilio's own
`RequestValidator.compute_signature` (or signed wrongly, or not at all), whose `From` and `Body`
are random Unicode (lone surrogates included, percent-encoded as the bytes they would be),
raw bytes, emoji, huge, repeated or missing, under the wrong content type now and then.
After the probes, the same server process must still answer an ordinary text.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, quote_plus

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from twilio.request_validator import RequestValidator

from bot.migrate import upgrade
from tests.e2e.harness import Servers, run_servers

from .conftest import ACCOUNT_SID, AUTH_TOKEN, FROM_NUMBER, env_for, serve_fake_twilio

pytestmark = pytest.mark.e2e

PATH = "/webhooks/twilio_sms/webhook"
FORM = "application/x-www-form-urlencoded"
Value = str | bytes


@dataclass(frozen=True)
class Probe:
    """One webhook request: form fields in order (repeats allowed), how it is signed and typed."""

    fields: tuple[tuple[str, Value], ...]
    signing: str  # valid, missing, garbage, other_token, stale
    content_type: str | None

    def body(self) -> bytes:
        return "&".join(f"{_quote(k)}={_quote(v)}" for k, v in self.fields).encode("ascii")


def _quote(value: Value) -> str:
    raw = value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")
    return quote_plus(raw)


class _Form(dict):
    """Repeated form fields, as `RequestValidator` reads a multi-dict (every value signed)."""

    def getlist(self, name: str) -> list[str]:
        return self[name]


def _as_the_server_reads_it(body: bytes, content_type: str | None) -> _Form:
    """The form Sanic hands the channel (what Twilio would have signed): see Request.form."""
    if content_type != FORM:
        return _Form()
    try:
        return _Form(parse_qs(body.decode("utf-8")))
    except UnicodeDecodeError:
        return _Form()


_unicode = st.one_of(
    st.text(max_size=200),
    # Lone surrogates, symbols (emoji), control and combining characters, odd spaces.
    st.text(st.characters(codec=None, categories=["Cs", "So", "Cc", "Mn", "Zs"]), max_size=200),
)
_huge = st.builds(
    lambda piece, times: piece * times,
    st.sampled_from(["a", "😀", "my knee hurts ", "\ud83d", "\u0301", "%", "&Body=STOP"]),
    st.integers(1_000, 120_000),
)
_phone = st.integers(100, 199).map(lambda n: f"+12125550{n}")
_value = st.one_of(
    _unicode,
    _huge,
    st.binary(max_size=200),  # percent-encoded bytes: invalid UTF-8 included
    st.sampled_from(["STOP", "HELP", "START", "C", "R", "1", "9", "", " ", "\x00", "null",
                     "[]", '{"a": 1}', "0", "-1", "1e999", "true"]),
)  # fmt: skip


def _mostly(usual: st.SearchStrategy, *others: st.SearchStrategy) -> st.SearchStrategy:
    """Mostly `usual`, else one of `others` (one_of would pick evenly)."""
    return st.integers(0, 3).flatmap(lambda n: st.one_of(*others) if n == 3 else usual)


_from = _mostly(_phone, _value, st.none())  # None: the field is missing
_extra_name = st.one_of(
    st.sampled_from(["Body", "From", "To", "NumMedia", "MessageSid", "body", "Body[]", ""]),
    _unicode,
)


@st.composite
def _probes(draw: st.DrawFn) -> Probe:
    fields: list[tuple[str, Value]] = []
    sender = draw(_from)
    if sender is not None:
        fields.append(("From", sender))
    body = draw(_mostly(_value, st.none()))
    if body is not None:
        fields.append(("Body", body))
    fields += [
        ("To", FROM_NUMBER),
        ("MessageSid", "SM" + draw(st.uuids()).hex),
        ("AccountSid", ACCOUNT_SID),
        ("NumMedia", "0"),
    ]
    fields += draw(st.lists(st.tuples(_extra_name, _value), max_size=3))  # repeats, junk
    order = draw(st.permutations(fields))
    signing = draw(
        _mostly(st.just("valid"), st.sampled_from(["missing", "garbage", "other_token", "stale"]))
    )
    other_types = [None, "application/json", "multipart/form-data", "text/plain"]
    content_type = draw(_mostly(st.just(FORM), st.sampled_from(other_types)))
    return Probe(tuple(order), signing, content_type)


@dataclass
class SmsServers:
    servers: Servers

    @property
    def webhook(self) -> str:
        return self.servers.rasa_url + PATH

    def send(self, probe: Probe) -> requests.Response:
        body = probe.body()
        headers = {} if probe.content_type is None else {"Content-Type": probe.content_type}
        params = _as_the_server_reads_it(body, probe.content_type)
        if probe.signing == "valid":
            signature = RequestValidator(AUTH_TOKEN).compute_signature(self.webhook, params)
        elif probe.signing == "other_token":
            signature = RequestValidator("not-the-token").compute_signature(self.webhook, params)
        elif probe.signing == "stale":  # a real signature, for other parameters
            signature = RequestValidator(AUTH_TOKEN).compute_signature(
                self.webhook, {"From": "+12125550100", "Body": "hello"}
            )
        elif probe.signing == "garbage":
            signature = "Zm9yZ2Vk\u00e9"
        else:
            signature = None
        if signature is not None:
            headers["X-Twilio-Signature"] = signature.encode("utf-8").decode("latin-1")
        return requests.post(self.webhook, data=body, headers=headers, timeout=90)

    def text(self, body: str, sender: str) -> list[str]:
        params = {"From": sender, "To": FROM_NUMBER, "Body": body, "AccountSid": ACCOUNT_SID}
        signature = RequestValidator(AUTH_TOKEN).compute_signature(self.webhook, params)
        reply = requests.post(
            self.webhook, data=params, headers={"X-Twilio-Signature": signature}, timeout=90
        )
        assert reply.status_code == 200, reply.text[:300]
        return [m.text or "" for m in ET.fromstring(reply.text).findall("Message")]


@pytest.fixture(scope="module")
def sms(trained_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SmsServers]:
    workdir = tmp_path_factory.mktemp("sms_fuzz")
    url = f"sqlite:///{workdir / 'intake.db'}"
    upgrade(url)
    with serve_fake_twilio() as twilio:
        env = {**env_for(twilio), "SMS_REPLY_TIMEOUT_SECONDS": "60"}
        with run_servers(trained_model, workdir, url, extra_env=env) as servers:
            yield SmsServers(servers)


def test_hostile_webhooks_never_get_a_5xx_and_the_server_still_answers(sms: SmsServers):
    statuses: dict[int, int] = {}

    @settings(
        max_examples=80,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(probe=_probes())
    def probe_once(probe: Probe) -> None:
        reply = sms.send(probe)
        statuses[reply.status_code] = statuses.get(reply.status_code, 0) + 1
        shown = json.dumps([(k[:40], v[:40]) for k, v in probe.fields], default=repr)[:400]
        assert reply.status_code in (200, 400, 403, 413), (shown, reply.status_code, reply.text)
        if reply.status_code == 200:
            assert reply.headers["Content-Type"].startswith("application/xml"), shown
            assert ET.fromstring(reply.text).tag == "Response", shown
        if probe.signing != "valid":
            assert reply.status_code in (403, 413), shown

    probe_once()
    # Every kind of answer was exercised: assistant turns, refusals and forgeries.
    assert statuses.get(200) and statuses.get(403), statuses
    process = sms.servers.rasa_process
    assert process is not None and process.popen is not None
    assert process.popen.poll() is None, "the Rasa server exited"
    replies = sms.text("hi", sender="+13125550123")  # a number no probe used
    assert replies and any("intake assistant" in text for text in replies), replies
    assert requests.get(sms.servers.rasa_url + "/status", timeout=10).status_code == 200
