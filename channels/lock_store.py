"""Rasa's Redis lock store, with a waiting turn that can never be stranded by an expired ticket.

`config/endpoints.production.yml`:

    lock_store:
      type: channels.lock_store.RedisLockStore
      url: ${REDIS_HOST}
      ...

Rasa serialises one conversation's turns across servers with tickets in Redis, each expiring
after `TICKET_LOCK_LIFETIME` seconds so that a server that died mid-turn does not hold its
conversation for ever. But a waiting turn's own ticket expires too: when it expires before the
dead server's ticket has been noticed as expired (both lapse within one poll), the waiting turn
is no longer in line and waits for a ticket that will never be served (seen: 180 to 400 s, and
unbounded). Here a turn whose ticket lapsed while it waited takes a new one and goes on, so the
wait after a crash is at most the lifetime plus one poll.
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
import time
from collections.abc import AsyncGenerator
from contextlib import asynccontextmanager
from typing import Any

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME
from rasa.core.lock_store import RedisLockStore as RasaRedisLockStore
from rasa.utils.endpoints import EndpointConfig
from redis.exceptions import WatchError

log = logging.getLogger(__name__)
KEEP_AFTER_LAST_TICKET_SECONDS = 60


class RedisLockStore(RasaRedisLockStore):
    """Rasa's `RedisLockStore` (same keys, same settings) with the waiting fix above."""

    def __init__(self, endpoint_config: EndpointConfig | None = None, **kwargs: Any) -> None:
        if endpoint_config is not None:
            kwargs = {"host": endpoint_config.url, **endpoint_config.kwargs, **kwargs}
        super().__init__(**kwargs)

    def _keep_for(self, lock: TicketLock) -> int:
        last = max((t.expires for t in lock.tickets), default=time.time())
        return max(1, math.ceil(last - time.time())) + KEEP_AFTER_LAST_TICKET_SECONDS

    def renew_ticket(self, conversation_id: str, ticket: int, lifetime: float) -> bool:
        """Move `ticket`'s expiry to `lifetime` from now, atomically (WATCH/MULTI: a concurrent
        change by another server is never overwritten). False when the ticket is gone."""
        key = self.key_prefix + conversation_id
        with self.red.pipeline() as pipe:
            for _ in range(5):
                try:
                    pipe.watch(key)
                    raw = pipe.get(key)
                    if raw is None:
                        return False
                    lock = TicketLock.from_dict(json.loads(raw))
                    mine = [t for t in lock.tickets if t.number == ticket]
                    if not mine:
                        return False
                    mine[0].expires = time.time() + lifetime
                    pipe.multi()
                    pipe.set(key, lock.dumps(), ex=self._keep_for(lock))
                    pipe.execute()
                    return True
                except WatchError:
                    continue
        return False

    async def _keep_renewing(self, conversation_id: str, ticket: int, lifetime: float) -> None:
        while True:
            await asyncio.sleep(lifetime / 3)
            await asyncio.get_running_loop().run_in_executor(
                None, self.renew_ticket, conversation_id, ticket, lifetime
            )

    def save_lock(self, lock: TicketLock) -> None:
        """As Rasa's, with an expiry a minute after its last ticket's: the key of a conversation
        whose server died holding a ticket does not stay in Redis for ever."""
        self.red.set(self.key_prefix + lock.conversation_id, lock.dumps(), ex=self._keep_for(lock))

    @asynccontextmanager
    async def lock(
        self,
        conversation_id: str,
        lock_lifetime: float = LOCK_LIFETIME,
        wait_time_in_seconds: float = 1,
    ) -> AsyncGenerator[TicketLock, None]:
        ticket = self.issue_ticket(conversation_id, lock_lifetime)
        renewed = time.monotonic()
        renewing: asyncio.Future | None = None
        try:
            while True:
                lock = self.get_lock(conversation_id)
                if lock is None or not lock.is_locked(ticket):
                    break
                if all(t.number != ticket for t in lock.tickets):  # ours lapsed while we waited
                    log.info("a turn's lock ticket lapsed while it waited: taking a new one")
                    self.cleanup(conversation_id, ticket)
                    ticket = self.issue_ticket(conversation_id, lock_lifetime)
                    continue
                if time.monotonic() - renewed > lock_lifetime / 3:  # still here, still waiting
                    self.renew_ticket(conversation_id, ticket, lock_lifetime)
                    renewed = time.monotonic()
                await asyncio.sleep(wait_time_in_seconds)
                self.update_lock(conversation_id)
            # While the turn runs its ticket must not lapse, or the next turn of the same
            # conversation starts beside it on another server and one turn's events are lost
            # from the transcript (seen: 30 messages at once, one answered but not stored).
            self.renew_ticket(conversation_id, ticket, lock_lifetime)
            renewing = asyncio.ensure_future(
                self._keep_renewing(conversation_id, ticket, lock_lifetime)
            )
            yield lock or self.get_or_create_lock(conversation_id)
        finally:
            if renewing is not None:
                renewing.cancel()
            self.cleanup(conversation_id, ticket)
