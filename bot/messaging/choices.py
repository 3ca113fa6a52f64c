"""Numbered choices offered by SMS: a reply "2" means the second button of the last question.

The choices live in the database, one row per phone number, so a bare "2" means the same on
every Rasa server and after a restart. An offer stands until the assistant's next turn: a turn
that asks with buttons replaces it, any other turn forgets it (a later "2" answering a question
without buttons is the number 2). Reading an offer never uses it up, so two texts sent at once
both mean what the patient saw, whichever the assistant takes first; the dialogue decides what
a message written before its question means (issue 13, item 2). An offer is forgotten after
`KEEP_CHOICES` (the conversation session ends sooner, see `session_config` in domain.yml).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Column, String, delete, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import sessionmaker

from bot.db import Base, JSONType, UTCDateTime, unit_of_work

KEEP_CHOICES = dt.timedelta(hours=12)
KEEP_PICKS = 20  # message ids whose pick is remembered, for Twilio's retries


class SmsChoice(Base):
    """The payloads of the buttons last sent to a number, in the order they were numbered."""

    __tablename__ = "sms_choices"

    phone = Column(String(20), primary_key=True)  # E.164, as the SMS channel's sender id
    # {"choices": [payload of choice 1, 2, ...] or [] once forgotten,
    #  "picks": {MessageSid: payload}}; a bare list in rows written before the picks
    payloads = Column(JSONType, nullable=False)
    offered_at = Column(UTCDateTime(), nullable=False, index=True)


def _choices(row: SmsChoice) -> list[str]:
    value = row.payloads
    return list(value.get("choices") or []) if isinstance(value, dict) else list(value or [])


def _picks(row: SmsChoice | None) -> dict[str, Any]:
    value = row.payloads if row is not None else None
    return dict(value.get("picks") or {}) if isinstance(value, dict) else {}


def _keep(
    factory: sessionmaker, phone: str, payloads: Sequence[str], now: dt.datetime
) -> None:
    for attempt in range(2):
        try:
            with unit_of_work(factory) as session:
                row = session.get(SmsChoice, phone)
                value = {"choices": list(payloads), "picks": _picks(row)}
                if row is None:
                    session.add(SmsChoice(phone=phone, payloads=value, offered_at=now))
                else:  # each offer has its own time, even on a clock that stands still
                    later = row.offered_at + dt.timedelta(microseconds=1)
                    row.payloads, row.offered_at = value, max(now, later)
            return
        except IntegrityError:  # another server inserted the row first: update it
            if attempt:
                raise


def offer_choices(
    factory: sessionmaker, phone: str, payloads: Sequence[str], now: dt.datetime
) -> None:
    """Record that `phone` was just offered these choices (replacing any earlier offer).

    Raises SQLAlchemy's errors.
    """
    _keep(factory, phone, payloads, now)


def forget_choices(factory: sessionmaker, phone: str, now: dt.datetime) -> None:
    """The assistant's turn asked nothing with buttons: a "2" is the number 2 from now on.

    Raises SQLAlchemy's errors.
    """
    _keep(factory, phone, [], now)


def pick_choice(
    factory: sessionmaker,
    phone: str,
    text: str,
    now: dt.datetime,
    message_id: str | None = None,
) -> str | None:
    """The payload the reply `text` ("2", " 2. ", "2)") picks from the standing offer, or None.

    With `message_id` (Twilio's MessageSid) the pick is remembered: the same message sent again
    (its first server died mid-turn, maybe after the next question was offered) picks the same
    choice. Raises SQLAlchemy's errors.
    """
    number = text.strip().rstrip(").")
    if not number.isdigit():
        return None
    with unit_of_work(factory) as session:
        row = session.get(SmsChoice, phone)
        if row is None:
            return None
        picks = _picks(row)
        if message_id is not None and message_id in picks:
            return picks[message_id]
        payloads = _choices(row)
        if row.offered_at < now - KEEP_CHOICES or not 1 <= int(number) <= len(payloads):
            return None
        payload = str(payloads[int(number) - 1])
        if message_id is not None:  # unless the offer changed meanwhile, on another server
            picks[message_id] = payload
            recent = dict(list(picks.items())[-KEEP_PICKS:])
            session.execute(
                update(SmsChoice)
                .where(SmsChoice.phone == phone, SmsChoice.offered_at == row.offered_at)
                .values(payloads={"choices": payloads, "picks": recent})
                .execution_options(synchronize_session=False)
            )
        return payload


def purge_choices(factory: sessionmaker, before: dt.datetime) -> int:
    """Forget offers made before `before` (housekeeping); returns how many."""
    with unit_of_work(factory) as session:
        return session.execute(
            delete(SmsChoice)
            .where(SmsChoice.offered_at < before)
            .execution_options(synchronize_session=False)
        ).rowcount
