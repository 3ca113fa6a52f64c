"""Numbered SMS choices live in the database: a bare "2" means the same on every Rasa server
and after a restart (issue 15), and an offer stands until the assistant's next turn."""

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
from bot.messaging.choices import (
    KEEP_CHOICES,
    Pick,
    SmsChoice,
    choice_number,
    forget_choices,
    offer_choices,
    pick_choice,
    purge_choices,
)
from bot.settings import Settings
from channels.twilio_sms import TwilioSmsInput

from .conftest import AUTH_TOKEN
from .test_channel import ANA, FakeAgent, SlowGateway, free_port, post

NOW = dt.datetime(2026, 12, 1, 15, 0, tzinfo=dt.timezone.utc)


def _payload(pick: Pick | None) -> str | None:
    return pick.payload if pick else None
DURATION = '/inform_pain_duration{"weeks": 20}'


def test_an_offer_stands_until_the_next_turn_settles_it(session_factory):
    offer_choices(session_factory, ANA, ["/affirm", "/deny"], NOW)
    assert _payload(pick_choice(session_factory, ANA, "2)", NOW)) == "/deny"
    # read, not used up: a second text sent before the next question means what it saw
    assert _payload(pick_choice(session_factory, ANA, "2", NOW)) == "/deny"
    forget_choices(session_factory, ANA, NOW)  # a turn without buttons
    assert pick_choice(session_factory, ANA, "2", NOW) is None
    offer_choices(session_factory, ANA, ["/affirm", "/deny"], NOW)
    offer_choices(session_factory, ANA, ["left", "right", "both"], NOW)  # the newer wins
    assert _payload(pick_choice(session_factory, ANA, " 3. ", NOW)) == "both"


def test_a_turn_with_nothing_standing_writes_nothing(session_factory):
    """Most SMS turns ask without buttons: forgetting an offer that is not there writes no
    row, and a forgotten offer is not written again (its time stays the forget's)."""
    forget_choices(session_factory, ANA, NOW)
    with session_factory() as session:
        assert session.get(SmsChoice, ANA) is None
    offer_choices(session_factory, ANA, ["/affirm", "/deny"], NOW)
    forget_choices(session_factory, ANA, NOW + dt.timedelta(seconds=1))
    forget_choices(session_factory, ANA, NOW + dt.timedelta(seconds=9))
    with session_factory() as session:
        row = session.get(SmsChoice, ANA)
        assert row.offered_at == NOW + dt.timedelta(seconds=1)
    # a "2" that arrived before the forget still means the offer it saw
    assert _payload(pick_choice(session_factory, ANA, "2", NOW)) == "/deny"
    assert pick_choice(session_factory, ANA, "2", NOW + dt.timedelta(seconds=2)) is None


def test_words_and_out_of_range_numbers_pick_nothing(session_factory):
    offer_choices(session_factory, ANA, ["/affirm", "/deny"], NOW)
    assert pick_choice(session_factory, ANA, "yes please", NOW) is None
    assert pick_choice(session_factory, ANA, "3", NOW) is None
    assert pick_choice(session_factory, ANA, "0", NOW) is None
    assert pick_choice(session_factory, ANA, "1 or 2", NOW) is None
    assert pick_choice(session_factory, "+12125550199", "1", NOW) is None  # another number's
    assert _payload(pick_choice(session_factory, ANA, "1", NOW)) == "/affirm"


def test_an_old_offer_means_nothing_and_is_purged(session_factory):
    offer_choices(session_factory, ANA, ["/affirm", "/deny"], NOW)
    later = NOW + KEEP_CHOICES + dt.timedelta(minutes=1)
    assert pick_choice(session_factory, ANA, "1", later) is None
    offer_choices(session_factory, "+12125550199", ["x"], later)
    assert purge_choices(session_factory, NOW + dt.timedelta(seconds=1)) == 1
    assert _payload(pick_choice(session_factory, "+12125550199", "1", later)) == "x"


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
        await post(one, "2")  # the turn after it asked nothing: plain text now, on either server
        assert first["agent"].messages[-1].text == "2"

        await post(two, "my back hurts")  # offered by server 2, which then "restarts"
        second["server"].close()
        await second["server"].wait_closed()
        restarted = {**await start_server(), "http": http}
        await post(restarted, "2")
        assert [m.text for m in restarted["agent"].messages] == [DURATION]


def test_the_same_message_sent_again_picks_the_same_choice(session_factory):
    """A numbered answer whose server died mid-turn is sent again with its MessageSid: it must
    pick the same choice (it reached the other server as a bare "1": retest newcomer), even when
    the dying turn had offered the next question's buttons."""
    offer_choices(session_factory, ANA, ["/affirm", "/deny", "/unsure"], NOW)
    assert _payload(pick_choice(session_factory, ANA, "1", NOW, "SM-first")) == "/affirm"
    offer_choices(session_factory, ANA, ["a", "b"], NOW)  # the next question's offer
    assert _payload(pick_choice(session_factory, ANA, "1", NOW, "SM-first")) == "/affirm"  # resent
    assert _payload(pick_choice(session_factory, ANA, "2", NOW, "SM-next")) == "b"
    forget_choices(session_factory, ANA, NOW)
    assert _payload(pick_choice(session_factory, ANA, "2", NOW, "SM-next")) == "b"  # resent
    assert pick_choice(session_factory, ANA, "2", NOW, "SM-later") is None


def test_texts_read_while_another_server_offers_never_bring_back_the_old_offer(session_factory):
    """Picks are recorded beside the offer: a pick read before a new offer and written after it
    must not put the old choices back (a "1" would then answer a question no longer asked)."""
    offer_choices(session_factory, ANA, ["q0-yes", "q0-no"], NOW)

    def pick(n: int) -> str | None:
        return _payload(pick_choice(session_factory, ANA, "1", NOW, f"SM-{n}"))

    with ThreadPoolExecutor(4) as pool:
        picked = pool.map(pick, range(60))
        for i in range(1, 16):
            offer_choices(session_factory, ANA, [f"q{i}-yes", f"q{i}-no"], NOW)
        assert all(p is not None and p.endswith("-yes") for p in picked)
    assert _payload(pick_choice(session_factory, ANA, "1", NOW)) == "q15-yes"


def test_a_number_read_while_an_offer_is_made_answers_the_offer_standing_when_it_came(
    session_factory,
):
    """Review: a "2" that waited for the row while the next question's buttons were kept was
    read against them, a question the patient never saw. It reads what stood at its arrival,
    and says when that was offered (bot.crossing.crossed_choice)."""
    offer_choices(session_factory, ANA, ["/affirm", "/deny"], NOW)
    later = NOW + dt.timedelta(seconds=2)
    offer_choices(session_factory, ANA, ["left", "right"], later)
    arrived = NOW + dt.timedelta(seconds=1)
    assert pick_choice(session_factory, ANA, "2", arrived) == Pick("/deny", NOW)
    assert pick_choice(session_factory, ANA, "2", later) == Pick("right", later)


@pytest.mark.parametrize("text", ["\u00b2", "\u0662", "2\u00b2", "1000"])
def test_digits_of_other_scripts_and_long_numbers_pick_nothing(session_factory, text):
    """"²" passed str.isdigit, then int() raised and the webhook failed (review)."""
    offer_choices(session_factory, ANA, ["/affirm", "/deny"], NOW)
    assert pick_choice(session_factory, ANA, text, NOW) is None


def test_an_offer_used_up_by_the_earlier_release_is_no_offer(session_factory):
    """Rows the previous release marked as taken ({"taken_by", "choices"}) stay used up after
    an upgrade (review: "2" came back as /deny at a pain score)."""
    from bot.db import unit_of_work

    with unit_of_work(session_factory) as session:
        session.add(SmsChoice(phone=ANA, offered_at=NOW,
                              payloads={"taken_by": "SM-old", "choices": ["/affirm", "/deny"]}))
    assert pick_choice(session_factory, ANA, "2", NOW) is None
    offer_choices(session_factory, ANA, ["a", "b"], NOW)
    assert _payload(pick_choice(session_factory, ANA, "2", NOW)) == "b"


def test_every_retried_message_keeps_its_pick_when_many_arrive_at_once(session_factory):
    """Review, on PostgreSQL: picks written at once overwrote each other, and a retry after
    the next offer got the next question's choice."""
    offer_choices(session_factory, ANA, ["yes-1", "no-1"], NOW)
    with ThreadPoolExecutor(6) as pool:
        first = list(pool.map(
            lambda n: _payload(pick_choice(session_factory, ANA, "2", NOW, f"SM-{n}")), range(6)))
    assert first == ["no-1"] * 6
    offer_choices(session_factory, ANA, ["yes-2", "no-2"], NOW)
    again = [_payload(pick_choice(session_factory, ANA, "1", NOW, f"SM-{n}")) for n in range(6)]
    assert again == ["no-1"] * 6


def test_a_number_never_picks_choices_offered_after_it_arrived(session_factory):
    """Review: "Thanks." then a question with buttons (a forget, then an offer) while a "2"
    waited for the row: the fallback went back one step, to the forget, then to the newest,
    unsent offer. A number picks nothing offered after its arrival."""
    offer_choices(session_factory, ANA, ["/affirm", "/deny"], NOW)
    forget_choices(session_factory, ANA, NOW + dt.timedelta(seconds=2))
    offer_choices(session_factory, ANA, ["left", "right"], NOW + dt.timedelta(seconds=3))
    assert pick_choice(session_factory, ANA, "2", NOW + dt.timedelta(seconds=1)) is None
    assert _payload(pick_choice(session_factory, ANA, "2", NOW + dt.timedelta(seconds=4))) == (
        "right")
    offer_choices(session_factory, "+12125550199", ["x"], NOW + dt.timedelta(seconds=5))
    assert pick_choice(session_factory, "+12125550199", "1", NOW) is None  # the first ever


@pytest.mark.parametrize(("typed", "number"), [
    ("2", 2), (" 2. ", 2), ("2)", 2), ("#2", 2), ("option 2", 2), ("Option 2", 2),
    ("\uff12", 2), ("2\ufe0f\u20e3", 2), ("No. 2", 2),
    ("\u00b2", None), ("\u0662", None), ("two", None), ("2 or 3", None), ("1000", None),
])
def test_a_choice_number_as_phones_type_it(typed, number):
    """Pass K: "２" (full width), "2️⃣" (a keycap), "#2" and "option 2" were not read."""
    assert choice_number(typed) == number
