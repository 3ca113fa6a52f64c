"""Numbered choices offered by SMS: a reply "2" means the second button of the last question.

The choices live in the database, one row per phone number, so a bare "2" means the same on
every Rasa server and after a restart. An offer is used up by the next reply, whatever it is
(a later "2" answering a question without buttons is the number 2), and is forgotten after
`KEEP_CHOICES` (the conversation session ends sooner, see `session_config` in domain.yml).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import Column, String, delete, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import sessionmaker

from bot.db import Base, JSONType, UTCDateTime, unit_of_work

KEEP_CHOICES = dt.timedelta(hours=12)


class SmsChoice(Base):
    """The payloads of the buttons last sent to a number, in the order they were numbered."""

    __tablename__ = "sms_choices"

    phone = Column(String(20), primary_key=True)  # E.164, as the SMS channel's sender id
    payloads = Column(JSONType, nullable=False)  # list of str: payload of choice 1, 2, ...
    offered_at = Column(UTCDateTime(), nullable=False, index=True)


def offer_choices(
    factory: sessionmaker, phone: str, payloads: Sequence[str], now: dt.datetime
) -> None:
    """Record that `phone` was just offered these choices (replacing any earlier offer).

    Raises SQLAlchemy's errors.
    """
    for attempt in range(2):
        try:
            with unit_of_work(factory) as session:
                row = session.get(SmsChoice, phone)
                if row is None:
                    session.add(SmsChoice(phone=phone, payloads=list(payloads), offered_at=now))
                else:
                    row.payloads, row.offered_at = list(payloads), now
            return
        except IntegrityError:  # another server inserted the row first: update it
            if attempt:
                raise


def take_choice(
    factory: sessionmaker,
    phone: str,
    text: str,
    now: dt.datetime,
    message_id: str | None = None,
) -> str | None:
    """The payload the reply `text` ("2", " 2. ", "2)") picks, or None; uses up the offer.

    Only one message can take an offer. Without `message_id` the row is deleted as it is read.
    With one (Twilio's MessageSid) the offer is kept, marked as taken by it: the same message
    sent again (its first server died mid-turn) picks the same choice, any other gets None.
    Raises SQLAlchemy's errors.
    """
    with unit_of_work(factory) as session:
        row = session.get(SmsChoice, phone)
        if row is None or row.offered_at < now - KEEP_CHOICES:
            return None
        if isinstance(row.payloads, dict):  # taken already: by this message, or another
            if message_id is None or row.payloads.get("taken_by") != message_id:
                return None
            payloads = list(row.payloads.get("choices") or [])
        else:
            payloads = list(row.payloads or [])
            mine = (SmsChoice.phone == phone, SmsChoice.offered_at == row.offered_at)
            if message_id is None:
                change = delete(SmsChoice).where(*mine)
            else:  # the moved timestamp makes a second taker's condition fail
                change = update(SmsChoice).where(*mine).values(
                    payloads={"taken_by": message_id, "choices": payloads},
                    offered_at=row.offered_at + dt.timedelta(microseconds=1),
                )
            taken = session.execute(
                change.execution_options(synchronize_session=False)
            ).rowcount
            if not taken:
                return None
    number = text.strip().rstrip(").")
    if number.isdigit() and 1 <= int(number) <= len(payloads):
        return str(payloads[int(number) - 1])
    return None


def purge_choices(factory: sessionmaker, before: dt.datetime) -> int:
    """Forget offers made before `before` (housekeeping); returns how many."""
    with unit_of_work(factory) as session:
        return session.execute(
            delete(SmsChoice)
            .where(SmsChoice.offered_at < before)
            .execution_options(synchronize_session=False)
        ).rowcount
