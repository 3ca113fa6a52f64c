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
from collections.abc import AsyncGenerator, Callable
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

    def _change(self, conversation_id: str, change: Callable[[TicketLock], Any]) -> Any:
        """Apply `change` to the conversation's lock and store the result in one step: Redis
        WATCH/MULTI, retried when another server changed the lock in between. Rasa's own reads
        and writes are separate steps, so two servers could issue the same ticket number, or one
        delete a lock another had just queued on, and two turns of one conversation then ran at
        once (one answered message missing from the transcript: 30 messages at once)."""
        key = self.key_prefix + conversation_id
        with self.red.pipeline() as pipe:
            while True:
                try:
                    pipe.watch(key)
                    raw = pipe.get(key)
                    lock = (TicketLock.from_dict(json.loads(raw)) if raw is not None
                            else TicketLock(conversation_id))
                    result = change(lock)
                    pipe.multi()
                    if lock.tickets:
                        pipe.set(key, lock.dumps(), ex=self._keep_for(lock))
                    else:
                        pipe.delete(key)
                    pipe.execute()
                    return result
                except WatchError:
                    continue

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        return self._change(conversation_id, lambda lock: lock.issue_ticket(lock_lifetime))

    def update_lock(self, conversation_id: str) -> None:
        self._change(conversation_id, lambda lock: lock.remove_expired_tickets())

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Remove the ticket, and the lock with it when no one else holds one (one step)."""
        self._change(conversation_id, lambda lock: lock.remove_ticket_for(ticket_number))

    def renew_ticket(self, conversation_id: str, ticket: int, lifetime: float) -> bool:
        """Move `ticket`'s expiry to `lifetime` from now. False when the ticket is gone."""

        def renew(lock: TicketLock) -> bool:
            mine = [t for t in lock.tickets if t.number == ticket]
            if mine:
                mine[0].expires = time.time() + lifetime
            return bool(mine)

        return self._change(conversation_id, renew)

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
                if lock is None or all(t.number != ticket for t in lock.tickets):
                    # ours lapsed while we waited (and the lock with it, maybe): never go on
                    # without a ticket, or another turn of this conversation could run beside
                    log.info("a turn's lock ticket lapsed while it waited: taking a new one")
                    ticket = self.issue_ticket(conversation_id, lock_lifetime)
                    continue
                if not lock.is_locked(ticket):
                    break
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
            yield lock
        finally:
            if renewing is not None:
                renewing.cancel()
            self.cleanup(conversation_id, ticket)
