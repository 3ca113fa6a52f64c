"""Each client message is handled once: a repeat of its id gets the same replies, not a new turn.

The widget gives every message an id (`metadata.message_id`) and sends it again with the same id
when a reply was lost in transit; a repeated "no" must not answer the next red-flag question.
The ids live in the database, so this holds across restarts and across several Rasa servers.

A turn is claimed before it runs (`claim_turn`) and its replies stored after (`finish_turn`).
While it runs, its server renews the claim every `BEAT` (`renew_turn`); a claim not renewed for
`STALE_AFTER` (its server died mid-turn) is taken over by a repeat of the id, so a message that
reached a server just as it died is handled by another one within seconds, not lost.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import Column, String, delete, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import sessionmaker

from bot.db import Base, JSONType, UTCDateTime, unit_of_work

MAX_MESSAGE_ID_CHARS = 64
BEAT = dt.timedelta(seconds=5)
STALE_AFTER = dt.timedelta(seconds=15)  # three missed beats


class HandledMessage(Base):
    """One row per (sender, client message id); `replies` is None while the turn runs."""

    __tablename__ = "handled_messages"

    sender_id = Column(String(255), primary_key=True)
    message_id = Column(String(MAX_MESSAGE_ID_CHARS), primary_key=True)
    claimed_at = Column(UTCDateTime(), nullable=False, index=True)
    replies = Column(JSONType)


@dataclass(frozen=True)
class Claim:
    """`new`: run the turn; `done`: answer with `replies`; `running`: another request has it."""

    state: Literal["new", "done", "running"]
    replies: list[dict[str, Any]] = field(default_factory=list)


def claim_turn(
    factory: sessionmaker,
    sender_id: str,
    message_id: str,
    now: dt.datetime,
    stale_after: dt.timedelta = STALE_AFTER,
) -> Claim:
    """Claim the turn for this message id, or say why not. Raises SQLAlchemy's errors."""
    try:
        with unit_of_work(factory) as session:
            session.add(HandledMessage(sender_id=sender_id, message_id=message_id, claimed_at=now))
        return Claim("new")
    except IntegrityError:
        pass
    with unit_of_work(factory) as session:
        row = session.get(HandledMessage, (sender_id, message_id))
        if row is None:  # purged in between: a fresh turn
            session.add(HandledMessage(sender_id=sender_id, message_id=message_id, claimed_at=now))
            return Claim("new")
        if row.replies is not None:
            return Claim("done", list(row.replies))
        if row.claimed_at > now - stale_after:
            return Claim("running")
        taken = session.execute(
            update(HandledMessage)
            .where(
                HandledMessage.sender_id == sender_id,
                HandledMessage.message_id == message_id,
                HandledMessage.claimed_at == row.claimed_at,
            )
            .values(claimed_at=now)
            .execution_options(synchronize_session=False)
        ).rowcount
        return Claim("new" if taken else "running")


def renew_turn(factory: sessionmaker, sender_id: str, message_id: str, now: dt.datetime) -> None:
    """The claim's turn is still running here: not stale until `now` + `STALE_AFTER`."""
    with unit_of_work(factory) as session:
        session.execute(
            update(HandledMessage)
            .where(
                HandledMessage.sender_id == sender_id,
                HandledMessage.message_id == message_id,
                HandledMessage.replies.is_(None),
            )
            .values(claimed_at=now)
            .execution_options(synchronize_session=False)
        )


def finish_turn(
    factory: sessionmaker, sender_id: str, message_id: str, replies: list[dict[str, Any]]
) -> None:
    """Store the replies the turn gave, for any repeat of its message id."""
    with unit_of_work(factory) as session:
        session.execute(
            update(HandledMessage)
            .where(HandledMessage.sender_id == sender_id, HandledMessage.message_id == message_id)
            .values(replies=replies)
            .execution_options(synchronize_session=False)
        )


def release_turn(factory: sessionmaker, sender_id: str, message_id: str) -> None:
    """Forget a claim whose turn failed, so that a repeat of the id runs it again."""
    with unit_of_work(factory) as session:
        session.execute(
            delete(HandledMessage)
            .where(HandledMessage.sender_id == sender_id, HandledMessage.message_id == message_id)
            .execution_options(synchronize_session=False)
        )


def purge_handled(factory: sessionmaker, before: dt.datetime) -> int:
    """Forget message ids claimed before `before` (housekeeping); returns how many."""
    with unit_of_work(factory) as session:
        return session.execute(
            delete(HandledMessage)
            .where(HandledMessage.claimed_at < before)
            .execution_options(synchronize_session=False)
        ).rowcount
