"""The production endpoints file: Redis lock store and SQL tracker store on PostgreSQL."""

from __future__ import annotations

import asyncio
import time

import pytest
from rasa.core.lock_store import LockStore, RedisLockStore
from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
from rasa.utils.endpoints import read_endpoint_config

from bot.settings import ROOT

ENDPOINTS = ROOT / "config" / "endpoints.production.yml"


@pytest.fixture(autouse=True)
def production_env(monkeypatch) -> None:
    """What make run-production sets for the endpoints file (Redis db 3: tests only)."""
    monkeypatch.setenv("REDIS_HOST", "127.0.0.1")
    monkeypatch.setenv("REDIS_PORT", "6379")
    monkeypatch.setenv("REDIS_DB", "3")
    monkeypatch.setenv("ACTION_ENDPOINT_URL", "http://127.0.0.1:5055/webhook")
    monkeypatch.setenv("DATABASE_URL", "sqlite://")


def production_lock_store() -> LockStore:
    """A lock store as one Rasa server of the production profile makes it."""
    return LockStore.create(read_endpoint_config(str(ENDPOINTS), "lock_store"))


@pytest.mark.postgres
def test_redis_lock_store_serialises_one_conversation(monkeypatch, pg_url):
    monkeypatch.setenv("DATABASE_URL", pg_url)
    lock_store = production_lock_store()
    assert isinstance(lock_store, RedisLockStore)
    order: list[str] = []

    async def handle(name: str) -> None:
        async with lock_store.lock("conversation-1", wait_time_in_seconds=0.01):
            order.append(f"{name} in")
            await asyncio.sleep(0.05)
            order.append(f"{name} out")

    async def both() -> None:
        await asyncio.gather(handle("a"), handle("b"))

    asyncio.run(both())
    # Each server's turn finishes before the other's starts: no interleaving.
    assert order in (["a in", "a out", "b in", "b out"], ["b in", "b out", "a in", "a out"])
    store = TrackerStore.create(read_endpoint_config(str(ENDPOINTS), "tracker_store"))
    assert isinstance(store, SQLTrackerStore)
    assert store.engine.url.get_backend_name() == "postgresql"


def _env_example(name: str) -> str:
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line.startswith(f"{name}="):
            return line.split("=", 1)[1]
    raise AssertionError(f"{name} is not in .env.example")


def test_a_lock_held_by_a_dead_server_expires_within_seconds(monkeypatch):
    """A server that died mid-turn leaves its ticket in Redis; the next server waits at most
    the configured lifetime (make run sets TICKET_LOCK_LIFETIME from .env.example's value)."""
    lifetime = float(_env_example("TICKET_LOCK_LIFETIME"))
    assert 0 < lifetime <= 15
    assert 'TICKET_LOCK_LIFETIME="${TICKET_LOCK_LIFETIME:-15}"' in (
        ROOT / "scripts" / "run.sh"
    ).read_text()
    lock_store = production_lock_store()
    assert lock_store.key_prefix.startswith("ptintake:")  # the prefix is not ignored
    conversation = f"dead-server-{time.time_ns()}"
    lock_store.issue_ticket(conversation, lifetime)  # the dead server's turn, never finished
    # Its key goes away by itself a minute after the ticket lapses (Rasa's set no expiry).
    ttl = lock_store.red.ttl(lock_store.key_prefix + conversation)
    assert lifetime <= ttl <= lifetime + 62, ttl

    async def next_turn() -> float:
        start = time.monotonic()
        async with lock_store.lock(conversation, lock_lifetime=lifetime, wait_time_in_seconds=0.2):
            return time.monotonic() - start

    waited = asyncio.run(next_turn())
    assert lifetime - 1 <= waited <= lifetime + 3, waited


def test_a_turn_longer_than_the_ticket_lifetime_keeps_its_conversation_to_itself(monkeypatch):
    """A running turn's ticket is renewed: the next turn of the same conversation (on another
    server) never starts beside it, however long it runs or waited (30 messages at once lost
    one from the transcript when the running turn's ticket lapsed)."""
    servers = [production_lock_store() for _ in range(2)]
    conversation = f"long-turn-{time.time_ns()}"
    order: list[str] = []

    async def turn(name: str, store: LockStore, seconds: float) -> None:
        async with store.lock(conversation, lock_lifetime=0.9, wait_time_in_seconds=0.05):
            order.append(f"{name} in")
            await asyncio.sleep(seconds)
            order.append(f"{name} out")

    async def three() -> None:
        await asyncio.gather(turn("a", servers[0], 3.0), turn("b", servers[1], 0.2),
                             turn("c", servers[0], 0.2))

    asyncio.run(three())
    pairs = [order[i:i + 2] for i in range(0, len(order), 2)]
    assert all(p[0].split()[0] == p[1].split()[0] for p in pairs), order  # never two inside
    assert len(order) == 6, order


def test_many_turns_of_one_conversation_on_two_servers_run_one_at_a_time(monkeypatch):
    """Tickets are issued, renewed and removed in one Redis step each: 20 turns queued at once
    on two lock stores never overlap (Rasa's separate read and write let two servers take the
    same ticket number)."""
    stores = [production_lock_store() for _ in range(2)]
    conversation = f"crowd-{time.time_ns()}"
    inside: list[int] = []
    most = 0
    done = 0

    async def turn(n: int) -> None:
        nonlocal most, done
        async with stores[n % 2].lock(conversation, lock_lifetime=2, wait_time_in_seconds=0.01):
            inside.append(n)
            most = max(most, len(inside))
            await asyncio.sleep(0.02)
            inside.remove(n)
            done += 1

    async def crowd() -> None:
        await asyncio.gather(*(turn(n) for n in range(20)))

    asyncio.run(crowd())
    assert done == 20 and most == 1
