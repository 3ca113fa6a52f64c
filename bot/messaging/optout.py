"""The opt-out registry, the one home of opt-outs: a number that texted STOP gets nothing more.

A STOP-word (or Twilio's "unsubscribed" error) records the opt-out and cancels the number's
planned reminders at once; START records the opt-in (the caller plans the upcoming visits'
reminders again). Planning asks `is_opted_out`; the console reads the states. Every text to a
patient goes out through `send_unless_opted_out`, which asks again just before sending, so a
reply or reminder that was on its way when STOP arrived stays unsent.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, replace
from typing import Dict, Iterable

from sqlalchemy import Boolean, Column, String, select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.contact import mask_phone, try_normalize_phone
from bot.db import Base, UTCDateTime, unit_of_work
from bot.messaging.models import CANCELLED, PLANNED, Reminder
from bot.messaging.transport.gateway import SendResult, SmsGateway, SmsMessage
from bot.messaging.transport.gsm import sms_text

log = logging.getLogger(__name__)


class SmsOptOut(Base):
    """One row per phone number that ever texted STOP or START; the latest word wins."""

    __tablename__ = "sms_opt_outs"

    phone = Column(String(20), primary_key=True)  # E.164
    opted_out = Column(Boolean, nullable=False)
    keyword = Column(String(64), nullable=False)  # "STOP", "STOP TEXTING ME", "carrier"
    changed_at = Column(UTCDateTime(), nullable=False)


@dataclass(frozen=True)
class OptOutState:
    phone: str
    opted_out: bool
    keyword: str | None = None  # the word that set it: STOP, START, carrier (Twilio 21610)
    changed_at: dt.datetime | None = None


def is_opted_out(session: Session, phone: str) -> bool:
    row = session.get(SmsOptOut, phone)
    return bool(row and row.opted_out)


def send_unless_opted_out(
    factory: sessionmaker, gateway: SmsGateway, message: SmsMessage
) -> SendResult | None:
    """Send `message` unless its number has opted out; the gateway's result, or None if not sent.

    The one gate in front of every gateway: the opt-out is read in its own transaction right
    before the send, so STOP recorded while a reply or reminder was being prepared still wins.
    The body leaves as `sms_text` makes it (GSM-7 where possible, no emoji).
    Raises what the gateway raises (`SendError`).
    """
    e164 = try_normalize_phone(message.to) or message.to
    with unit_of_work(factory) as session:
        stopped = is_opted_out(session, e164)
    if stopped:
        log.info("text to %s not sent: the number opted out", mask_phone(e164))
        return None
    return gateway.send(replace(message, body=sms_text(message.body)))


def opt_out(session: Session, phone: str, keyword: str, now: dt.datetime) -> bool:
    """Record the opt-out and cancel the number's planned reminders; True if it is new."""
    row = session.get(SmsOptOut, phone)
    changed = row is None or not row.opted_out
    if row is None:
        row = SmsOptOut(phone=phone)
        session.add(row)
    if changed:
        row.opted_out, row.keyword, row.changed_at = True, keyword[:64], now
    session.execute(
        update(Reminder)
        .where(Reminder.phone == phone, Reminder.status == PLANNED)
        .values(status=CANCELLED, cancelled_at=now, cancel_reason="opted_out")
        .execution_options(synchronize_session="fetch")
    )
    session.flush()
    return changed


def opt_in(session: Session, phone: str, keyword: str, now: dt.datetime) -> bool:
    """Record that the number opted back in; True if it was opted out (then its upcoming
    visits' reminders should be planned again: `reminders.planning.plan_for_phone`)."""
    row = session.get(SmsOptOut, phone)
    if row is None or not row.opted_out:
        return False
    row.opted_out, row.keyword, row.changed_at = False, keyword[:64], now
    session.flush()
    return True


def opt_out_state(factory: sessionmaker, phone: str) -> OptOutState:
    """Whether texts to `phone` (any format) are stopped; never-seen numbers are opted in."""
    e164 = try_normalize_phone(phone) or phone
    with unit_of_work(factory) as session:
        row = session.get(SmsOptOut, e164)
        if row is None:
            return OptOutState(e164, False)
        return OptOutState(e164, row.opted_out, row.keyword, row.changed_at)


def opt_out_states(factory: sessionmaker, phones: Iterable[str]) -> Dict[str, OptOutState]:
    """`opt_out_state` for many numbers in one query, keyed by the numbers as given."""
    e164 = {phone: try_normalize_phone(phone) or phone for phone in set(phones)}
    if not e164:
        return {}
    query = select(SmsOptOut).where(SmsOptOut.phone.in_(sorted(set(e164.values()))))
    with unit_of_work(factory) as session:
        rows = {row.phone: row for row in session.execute(query).scalars()}
        return {
            phone: (
                OptOutState(number, row.opted_out, row.keyword, row.changed_at)
                if (row := rows.get(number))
                else OptOutState(number, False)
            )
            for phone, number in e164.items()
        }
