"""The channels' side of `bot.turns`: a repeated client message id is answered, not re-run.

Database trouble never blocks a patient: if the ids cannot be read or written, the message is
handled as if it had no id (and the tracker store keeps the turn, see channels.tracker_store).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from app.bootstrap import Services, build_services
from bot.turns import BEAT, STALE_AFTER, Claim, claim_turn, finish_turn, release_turn, renew_turn

log = logging.getLogger(__name__)
# Longer than a claim takes to go stale: a repeat waiting for a dead server's turn takes it over.
WAIT_FOR_RUNNING_SECONDS = STALE_AFTER.total_seconds() + 5.0
MAX_TURN_SECONDS = 300.0  # nginx gives up on a request after 120 s


class OnceGate:
    """Claims a message id before its turn and stores the replies after it."""

    def __init__(self, services: Callable[[], Services] | None = None) -> None:
        """`services` gives the adapters (the channel's own, to share its engine); default:
        built once from the environment."""
        self._provider = services
        self._services: Services | None = None
        self._beats: dict[tuple[str, str], asyncio.Task] = {}

    def services(self) -> Services:
        if self._provider is not None:
            return self._provider()
        if self._services is None:
            self._services = build_services()
        return self._services

    async def _call(self, func: Any, *args: Any) -> Any:
        loop = asyncio.get_running_loop()
        services = await loop.run_in_executor(None, self.services)
        return await loop.run_in_executor(None, func, services.session_factory, *args)

    async def claim(self, sender_id: str, message_id: str) -> Claim:
        """`new` to run the turn, `done` with the earlier replies; waits while another runs it."""
        deadline = time.monotonic() + WAIT_FOR_RUNNING_SECONDS
        while True:
            try:
                claim = await self._call(
                    claim_turn, sender_id, message_id, self.services().clock()
                )
            except SQLAlchemyError as err:
                log.warning("message id not checked (%s): handling the message", type(err).__name__)
                return Claim("new")
            if claim.state == "new":
                self._start_beating(sender_id, message_id)
            if claim.state != "running" or time.monotonic() > deadline:
                return claim
            await asyncio.sleep(0.25)

    def _start_beating(self, sender_id: str, message_id: str) -> None:
        """Renew the claim while this process runs its turn (until `finish` or `release`)."""
        key = (sender_id, message_id)
        self._stop_beating(key)

        async def beat() -> None:
            # At most MAX_TURN_SECONDS: a turn whose request was cancelled never finishes.
            for _ in range(int(MAX_TURN_SECONDS / BEAT.total_seconds())):
                await asyncio.sleep(BEAT.total_seconds())
                try:
                    await self._call(renew_turn, sender_id, message_id, self.services().clock())
                except SQLAlchemyError as err:
                    log.warning("claim not renewed (%s)", type(err).__name__)

        self._beats[key] = asyncio.ensure_future(beat())

    def _stop_beating(self, key: tuple[str, str]) -> None:
        task = self._beats.pop(key, None)
        if task is not None:
            task.cancel()

    async def finish(self, sender_id: str, message_id: str, replies: list[dict]) -> None:
        self._stop_beating((sender_id, message_id))
        try:
            await self._call(finish_turn, sender_id, message_id, replies)
        except SQLAlchemyError as err:
            log.warning("replies not kept for a repeat (%s)", type(err).__name__)

    async def release(self, sender_id: str, message_id: str) -> None:
        """The turn failed: a repeat of the id should run it again."""
        self._stop_beating((sender_id, message_id))
        try:
            await self._call(release_turn, sender_id, message_id)
        except SQLAlchemyError as err:
            log.warning("message id not released (%s)", type(err).__name__)
