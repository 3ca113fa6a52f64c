"""Rasa's SQL tracker store, made safe to run in front of patients.

`endpoints.yml`:

    tracker_store:
      type: channels.tracker_store.ResilientSQLTrackerStore
      url: ${DATABASE_URL}

Two things change from Rasa's `SQLTrackerStore` (same tables, same data):
- It never ends the process. Rasa's `session_scope` takes any `ValueError` raised while talking
  to the database (a lone surrogate or NUL byte in a value, for one) for a missing PostgreSQL
  schema and calls `sys.exit`. Here the error reaches the caller like any other.
- It rides out a database outage. A transcript that cannot be saved is kept in memory and saved
  again in the background (every `retry_seconds`, for up to `give_up_after_seconds`), so the
  patient's words reach the database once it is back; meanwhile the conversation goes on from
  the trackers this process last saved or read. Without this, Rasa's fail-safe wrapper answers a
  failed read with a new, empty conversation and keeps the turn only in memory, for good.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import OrderedDict
from collections.abc import Generator
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)

DATABASE_ERRORS = (SQLAlchemyError, ValueError)


class ResilientSQLTrackerStore(SQLTrackerStore):
    """An `SQLTrackerStore` that never exits and keeps unsaved transcripts until they are saved.

    Args (besides `SQLTrackerStore`'s): `cache_size`, how many recent conversations to keep for
    reading through an outage; `retry_seconds` and `give_up_after_seconds` for unsaved ones.
    """

    def __init__(
        self,
        *args: Any,
        cache_size: int = 2000,
        retry_seconds: float = 2.0,
        give_up_after_seconds: float = 6 * 3600,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        # A pooled connection to a database that restarted is dead: test it before use.
        self.engine = sa.create_engine(self.engine.url, pool_pre_ping=True)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
        self.cache_size = cache_size
        self.retry_seconds = retry_seconds
        self.give_up_after_seconds = give_up_after_seconds
        self._recent: OrderedDict[str, DialogueStateTracker] = OrderedDict()
        self._unsaved: dict[str, tuple[DialogueStateTracker, float]] = {}
        self._retrying: asyncio.Task | None = None

    @contextlib.contextmanager
    def session_scope(self) -> Generator[Session, None, None]:
        session = self.sessionmaker()
        try:
            yield session
        finally:
            session.close()

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        if not await self._save_unsaved(sender_id) and sender_id in self._unsaved:
            return self._unsaved[sender_id][0]
        try:
            tracker = await super().retrieve(sender_id)
        except DATABASE_ERRORS as err:
            log.warning("transcript not read (%s): going on from this process's copy",
                        type(err).__name__)
            return self._recent.get(sender_id)
        if tracker is not None:
            self._remember(tracker)
        return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        self._remember(tracker)
        try:
            await super().save(tracker)
        except DATABASE_ERRORS as err:
            first_failure = self._unsaved.get(tracker.sender_id, (None, time.monotonic()))[1]
            self._unsaved[tracker.sender_id] = (tracker, first_failure)
            log.warning("transcript not saved (%s): kept to save again, %d waiting",
                        type(err).__name__, len(self._unsaved))
            self._start_retrying()
            return
        self._unsaved.pop(tracker.sender_id, None)

    @property
    def unsaved_count(self) -> int:
        """How many conversations have turns that are not in the database yet."""
        return len(self._unsaved)

    def _remember(self, tracker: DialogueStateTracker) -> None:
        self._recent[tracker.sender_id] = tracker
        self._recent.move_to_end(tracker.sender_id)
        while len(self._recent) > self.cache_size:
            self._recent.popitem(last=False)

    async def _save_unsaved(self, sender_id: str) -> bool:
        kept = self._unsaved.get(sender_id)
        if kept is None:
            return True
        try:
            await super().save(kept[0])
        except DATABASE_ERRORS:
            if time.monotonic() - kept[1] > self.give_up_after_seconds:
                log.error("a transcript could not be saved for %.0f s: dropped",
                          time.monotonic() - kept[1])
                self._unsaved.pop(sender_id, None)
            return False
        self._unsaved.pop(sender_id, None)
        return True

    def _start_retrying(self) -> None:
        if self._retrying is None or self._retrying.done():
            self._retrying = asyncio.ensure_future(self._retry_until_saved())

    async def _retry_until_saved(self) -> None:
        while self._unsaved:
            await asyncio.sleep(self.retry_seconds)
            for sender_id in list(self._unsaved):
                if not await self._save_unsaved(sender_id):
                    break  # the database is still down: wait before trying the next one
        log.info("every kept transcript is saved")
