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
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Column, String, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot.db import Base, JSONType, UTCDateTime, unit_of_work

KEEP_CHOICES = dt.timedelta(hours=12)
KEEP_PICKS = 20  # message ids whose pick is remembered, for Twilio's retries


class SmsChoice(Base):
    """The payloads of the buttons last sent to a number, in the order they were numbered."""

    __tablename__ = "sms_choices"

    phone = Column(String(20), primary_key=True)  # E.164, as the SMS channel's sender id
    # {"choices": [payload of choice 1, 2, ...] or [] once forgotten,
    #  "picks": {MessageSid: {"payload", "offered_at"}},
    #  "previous": {"choices", "offered_at"}: the offer this one replaced};
    # a bare list, or {"taken_by", "choices"} (used up), in rows of earlier releases
    payloads = Column(JSONType, nullable=False)
    offered_at = Column(UTCDateTime(), nullable=False, index=True)


@dataclass(frozen=True)
class Pick:
    """The payload a numbered reply picks, and when the choices it picked from were offered."""

    payload: str
    offered_at: dt.datetime


def _choices(row: SmsChoice) -> list[str]:
    value = row.payloads
    if isinstance(value, dict):  # rows before the picks: {"taken_by", "choices"} was used up
        return [] if "taken_by" in value else list(value.get("choices") or [])
    return list(value or [])


def _picks(row: SmsChoice | None) -> dict[str, Any]:
    value = row.payloads if row is not None else None
    picks = value.get("picks") if isinstance(value, dict) else None
    return dict(picks) if isinstance(picks, dict) else {}


# A choice's number as phones type it: "2", "2)", "#2", "option 2", "２" (a full-width digit),
# "2️⃣" (a keycap). Other digits ("²", "٢") are text: "²" passed str.isdigit, and int() failed.
_NUMBER = re.compile(r"(?:#|no\.?|number|option|choice)?\s*([0-9]{1,3})\s*[).]?", re.IGNORECASE)
_TYPED_DIGITS = {0xFF10 + n: str(n) for n in range(10)} | {0xFE0F: None, 0x20E3: None}


def choice_number(text: str) -> int | None:
    """The number a reply picks ("2", " 2. ", "#2", "option 2", "２", "2️⃣"), or None."""
    found = _NUMBER.fullmatch(text.translate(_TYPED_DIGITS).strip())
    return int(found.group(1)) if found else None


def _locked_row(session: Session, phone: str) -> SmsChoice | None:
    """The number's row, locked until the transaction ends (PostgreSQL's SELECT ... FOR UPDATE;
    SQLite writes one transaction at a time), so offers and picks are written one at a time."""
    query = select(SmsChoice).where(SmsChoice.phone == phone).with_for_update()
    return session.execute(query).scalar_one_or_none()


def _previous(row: SmsChoice) -> tuple[list[str], dt.datetime] | None:
    value = row.payloads
    before = value.get("previous") if isinstance(value, dict) else None
    if not isinstance(before, dict) or not isinstance(before.get("offered_at"), (int, float)):
        return None
    offered = dt.datetime.fromtimestamp(float(before["offered_at"]), dt.timezone.utc)
    return list(before.get("choices") or []), offered


def _keep(
    factory: sessionmaker, phone: str, payloads: Sequence[str], now: dt.datetime
) -> None:
    for attempt in range(2):
        try:
            with unit_of_work(factory) as session:
                row = _locked_row(session, phone)
                if not payloads and (row is None or not _choices(row)):
                    return  # nothing standing to forget: most SMS turns write nothing
                value: dict[str, Any] = {"choices": list(payloads), "picks": _picks(row)}
                if row is not None:  # for a number that arrived just before this offer
                    value["previous"] = {"choices": _choices(row),
                                         "offered_at": row.offered_at.timestamp()}
                if row is None:
                    session.add(SmsChoice(phone=phone, payloads=value, offered_at=now))
                else:
                    row.payloads, row.offered_at = value, now
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
) -> Pick | None:
    """What the reply `text` ("2", " 2. ", "2)") picks from the offer standing at `now` (the
    text's arrival), or None.

    With `message_id` (Twilio's MessageSid) the pick is remembered with the offer, the row
    locked while it is written (PostgreSQL's FOR UPDATE; SQLite writes one at a time): the same
    message sent again (its first server died mid-turn, maybe after the next question was
    offered) picks the same choice. Raises SQLAlchemy's errors.
    """
    number = choice_number(text)
    if number is None:
        return None
    with unit_of_work(factory) as session:
        row = _locked_row(session, phone)
        if row is None:
            return None
        picks = _picks(row)
        kept = picks.get(message_id) if message_id is not None else None
        if isinstance(kept, dict) and kept.get("payload") is not None:
            return Pick(str(kept["payload"]), dt.datetime.fromtimestamp(
                float(kept["offered_at"]), dt.timezone.utc))
        payloads, offered_at = _choices(row), row.offered_at
        if offered_at > now:
            # offered after this text arrived (while it waited for the row): it answers what
            # stood before, and only if that is known; never choices made after it (review)
            before = _previous(row)
            if before is None or before[1] > now:
                return None
            payloads, offered_at = before
        if offered_at < now - KEEP_CHOICES or not 1 <= number <= len(payloads):
            return None
        pick = Pick(str(payloads[number - 1]), offered_at)
        if message_id is not None:
            picks[message_id] = {"payload": pick.payload,
                                 "offered_at": pick.offered_at.timestamp()}
            recent = dict(list(picks.items())[-KEEP_PICKS:])
            row.payloads = {**row.payloads, "picks": recent} if isinstance(
                row.payloads, dict) else {"choices": _choices(row), "picks": recent}
        return pick


def purge_choices(factory: sessionmaker, before: dt.datetime) -> int:
    """Forget offers made before `before` (housekeeping); returns how many."""
    with unit_of_work(factory) as session:
        return session.execute(
            delete(SmsChoice)
            .where(SmsChoice.offered_at < before)
            .execution_options(synchronize_session=False)
        ).rowcount
