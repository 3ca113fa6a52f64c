"""Numbered SMS choices live in the database: a bare "2" means the same on every Rasa server
and after a restart (issue 15), and an offer is used once."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import aiohttp
import pytest
from rasa.core.channels.channel import register
from sanic import Sanic

from app.bootstrap import Services
from bot.db import make_engine, make_session_factory
from bot.messaging.choices import KEEP_CHOICES, offer_choices, purge_choices, take_choice
from bot.settings import Settings
from channels.twilio_sms import TwilioSmsInput

from .conftest import AUTH_TOKEN
from .test_channel import ANA, FakeAgent, SlowGateway, free_port, post

NOW = dt.datetime(2026, 12, 1, 15, 0, tzinfo=dt.timezone.utc)
DURATION = '/inform_pain_duration{"weeks": 20}'


def test_an_offer_is_taken_once_by_number(session_factory):
    offer_choices(session_factory, ANA, ["/affirm", "/deny"], NOW)
    assert take_choice(session_factory, ANA, "2)", NOW) == "/deny"
    assert take_choice(session_factory, ANA, "2", NOW) is None  # used up
    offer_choices(session_factory, ANA, ["/affirm", "/deny"], NOW)
    offer_choices(session_factory, ANA, ["left", "right", "both"], NOW)  # the newer wins
    assert take_choice(session_factory, ANA, " 3. ", NOW) == "both"


def test_any_reply_uses_the_offer_up_and_out_of_range_numbers_are_text(session_factory):
    offer_choices(session_factory, ANA, ["/affirm", "/deny"], NOW)
    assert take_choice(session_factory, ANA, "yes please", NOW) is None
    assert take_choice(session_factory, ANA, "1", NOW) is None
    offer_choices(session_factory, ANA, ["/affirm", "/deny"], NOW)
    assert take_choice(session_factory, ANA, "3", NOW) is None
    offer_choices(session_factory, ANA, ["/affirm", "/deny"], NOW)
    assert take_choice(session_factory, "+12125550199", "1", NOW) is None  # another number's
    assert take_choice(session_factory, ANA, "0", NOW) is None


def test_an_old_offer_means_nothing_and_is_purged(session_factory):
    offer_choices(session_factory, ANA, ["/affirm", "/deny"], NOW)
    later = NOW + KEEP_CHOICES + dt.timedelta(minutes=1)
    assert take_choice(session_factory, ANA, "1", later) is None
    offer_choices(session_factory, ANA, ["/affirm", "/deny"], NOW)
    offer_choices(session_factory, "+12125550199", ["x"], later)
    assert purge_choices(session_factory, NOW + dt.timedelta(seconds=1)) == 1
    assert take_choice(session_factory, "+12125550199", "1", later) == "x"


async def _start(db_url: str, profile: Any, clock: Any, tmp_path: Any) -> dict[str, Any]:
    """One Rasa server's SMS channel with its own engine, as a separate process would have."""
    Sanic.test_mode = True
    app = Sanic(f"sms_{uuid.uuid4().hex[:8]}")
    app.ctx.agent = FakeAgent()
    factory = make_session_factory(make_engine(db_url))
    services = Services(Settings(var_dir=tmp_path), profile, factory, clock)
    channel = TwilioSmsInput(AUTH_TOKEN, reply_timeout=2, services=services, gateway=SlowGateway())
    register([channel], app, route="/webhooks/")
    port = free_port()
    server = await app.create_server(
        host="127.0.0.1", port=port, return_asyncio_server=True, access_log=False
    )
    await server.startup()
    return {"base": f"http://127.0.0.1:{port}", "agent": app.ctx.agent, "server": server,
            "factory": factory}  # fmt: skip


@pytest.fixture
async def start_server(db_url, profile, clock, tmp_path) -> AsyncIterator[Any]:
    started: list[dict[str, Any]] = []

    async def start() -> dict[str, Any]:
        started.append(await _start(db_url, profile, clock, tmp_path))
        return started[-1]

    yield start
    for s in started:
        s["server"].close()
        await s["server"].wait_closed()
        s["factory"].kw["bind"].dispose()


async def test_a_bare_number_means_the_same_on_another_server_and_after_a_restart(start_server):
    first, second = await start_server(), await start_server()
    async with aiohttp.ClientSession() as http:
        one, two = {**first, "http": http}, {**second, "http": http}
        _, body, _ = await post(one, "my back hurts")  # server 1 offers the numbered choices
        assert "1) Under 6 weeks\n2) Longer" in body
        await post(two, "2")  # the answer lands on server 2
        assert [m.text for m in second["agent"].messages] == [DURATION]
        await post(one, "2")  # used once: plain text now, on either server
        assert first["agent"].messages[-1].text == "2"

        await post(two, "my back hurts")  # offered by server 2, which then "restarts"
        second["server"].close()
        await second["server"].wait_closed()
        restarted = {**await start_server(), "http": http}
        await post(restarted, "2")
        assert [m.text for m in restarted["agent"].messages] == [DURATION]


def test_the_same_message_sent_again_picks_the_same_choice_and_no_other_can(session_factory):
    """A numbered answer whose server died mid-turn is sent again with its MessageSid: it must
    pick the same choice (it reached the other server as a bare "1": retest newcomer)."""
    offer_choices(session_factory, ANA, ["/affirm", "/deny", "/unsure"], NOW)
    assert take_choice(session_factory, ANA, "1", NOW, "SM-first") == "/affirm"
    assert take_choice(session_factory, ANA, "1", NOW, "SM-first") == "/affirm"  # resent
    assert take_choice(session_factory, ANA, "2", NOW, "SM-other") is None  # used up
    assert take_choice(session_factory, ANA, "2", NOW) is None
    offer_choices(session_factory, ANA, ["a", "b"], NOW)  # the next question's offer
    assert take_choice(session_factory, ANA, "2", NOW, "SM-next") == "b"


def test_two_messages_racing_for_one_offer_take_it_once(session_factory):
    offer_choices(session_factory, ANA, ["/affirm", "/deny"], NOW)
    with ThreadPoolExecutor(8) as pool:
        taken = list(pool.map(
            lambda n: take_choice(session_factory, ANA, "1", NOW, f"SM-{n}"), range(8)))
    assert taken.count("/affirm") == 1 and taken.count(None) == 7
