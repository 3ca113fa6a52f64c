"""The production endpoints file: Redis lock store and SQL tracker store on PostgreSQL."""

from __future__ import annotations

import asyncio

import pytest
from rasa.core.lock_store import LockStore, RedisLockStore
from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
from rasa.utils.endpoints import read_endpoint_config

from bot.settings import ROOT

ENDPOINTS = ROOT / "config" / "endpoints.production.yml"


@pytest.mark.postgres
def test_redis_lock_store_serialises_one_conversation(monkeypatch, pg_url):
    monkeypatch.setenv("REDIS_HOST", "127.0.0.1")
    monkeypatch.setenv("REDIS_PORT", "6379")
    monkeypatch.setenv("REDIS_DB", "3")
    monkeypatch.setenv("DATABASE_URL", pg_url)
    monkeypatch.setenv("ACTION_ENDPOINT_URL", "http://127.0.0.1:5055/webhook")
    lock_store = LockStore.create(read_endpoint_config(str(ENDPOINTS), "lock_store"))
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
