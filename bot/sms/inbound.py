"""What an incoming text does before (or instead of) reaching the assistant.

Keywords are handled here: STOP-words opt the number out (one confirmation, then silence),
START opts back in, HELP answers with the clinic's name and phone, C confirms the next booking,
R hands over to the assistant's rescheduling. Anything else goes to the assistant, unless the
number opted out.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.clinic import ClinicProfile
from bot.contact import mask_phone, normalize_phone
from bot.db import unit_of_work
from bot.reminders.models import SmsConfirmation
from bot.reminders.planning import is_opted_out
from bot.reminders.text import when_text
from bot.scheduling.models import BOOKED, Booking, Patient
from bot.sms.gsm import to_gsm7
from bot.sms.keywords import Keyword, keyword_of
from bot.sms.optout import opt_in, opt_out

log = logging.getLogger(__name__)
Clock = Callable[[], dt.datetime]
RESCHEDULE_INTENT = "/reschedule_booking"


@dataclass(frozen=True)
class InboundOutcome:
    phone: str | None  # E.164 sender, None when the sender is no valid number
    reply: str | None = None  # text to answer with now
    forward: str | None = None  # text to hand to the assistant


def handle_inbound(
    factory: sessionmaker, profile: ClinicProfile, clock: Clock, sender: str, text: str
) -> InboundOutcome:
    phone = normalize_phone(sender)
    if phone is None:
        log.info("inbound text from an invalid number ignored")
        return InboundOutcome(None)
    keyword = keyword_of(text)
    now = clock()
    name = to_gsm7(profile.display_name)
    with unit_of_work(factory) as session:
        if keyword is Keyword.STOP:
            changed = opt_out(session, phone, _word(text), now)
            log.info("%s opted out of texts", mask_phone(phone))
            return InboundOutcome(phone, reply=_stopped(profile) if changed else None)
        if keyword is Keyword.START:
            opt_in(session, phone, _word(text), now, profile)
            return InboundOutcome(
                phone, reply=f"{name}: you will get texts from us again. Reply STOP to opt out."
            )
        if keyword is Keyword.HELP:
            return InboundOutcome(
                phone,
                reply=f"{name}: call us at {profile.phone}. Reply STOP to opt out of texts.",
            )
        if is_opted_out(session, phone):
            return InboundOutcome(phone)  # silence until START
        if keyword is Keyword.CONFIRM:
            return InboundOutcome(phone, reply=_confirm(session, profile, phone, now))
    if keyword is Keyword.RESCHEDULE:
        return InboundOutcome(phone, forward=RESCHEDULE_INTENT)
    return InboundOutcome(phone, forward=text.strip())


def _word(text: str) -> str:
    return text.strip().upper()[:16]


def _stopped(profile: ClinicProfile) -> str:
    return (
        f"{to_gsm7(profile.display_name)}: you are unsubscribed and will get no more texts. "
        f"Reply START to subscribe again. To change a visit call {profile.phone}."
    )


def _confirm(session: Session, profile: ClinicProfile, phone: str, now: dt.datetime) -> str:
    booking = session.execute(
        select(Booking)
        .join(Patient, Patient.id == Booking.patient_id)
        .where(Patient.phone == phone, Booking.status == BOOKED, Booking.starts_at > now)
        .order_by(Booking.starts_at)
        .limit(1)
    ).scalar()
    name = to_gsm7(profile.display_name)
    if booking is None:
        return f"{name}: we found no upcoming visit for this number. Call us at {profile.phone}."
    exists = session.execute(
        select(SmsConfirmation.id).where(SmsConfirmation.booking_id == booking.id)
    ).first()
    if not exists:
        session.add(SmsConfirmation(booking_id=booking.id, phone=phone, confirmed_at=now))
    return (
        f"{name}: thank you, your visit {when_text(booking.starts_at, profile)} is confirmed. "
        "Reply R to reschedule."
    )
