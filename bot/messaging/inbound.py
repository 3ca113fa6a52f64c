"""What an incoming text does before (or instead of) reaching the assistant.

Keywords are handled here (`bot.messaging.keywords`): STOP-words opt the number out (one
confirmation, then silence), START or UNSTOP opt back in (YES too, from an opted-out number, as
Twilio does), HELP or INFO answer with the clinic's name and phone, C confirms the next booking,
R hands over to the assistant's rescheduling. Anything else goes to the assistant, unless the
number opted out.

An opt-out is confirmed only once it is recorded: the reply is returned from inside the unit of
work, so if the commit fails the caller gets the database error and no "you are unsubscribed".
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Callable

from sqlalchemy.orm import sessionmaker

from bot.clinic import ClinicProfile
from bot.contact import mask_phone, sender_phone
from bot.db import unit_of_work
from bot.messaging.confirmations import confirm_next_visit
from bot.messaging.keywords import Keyword, normalise, read_keyword
from bot.messaging.optout import is_opted_out, opt_in, opt_out
from bot.messaging.reminders.planning import plan_for_phone
from bot.messaging.reminders.text import when_text
from bot.messaging.transport.gsm import to_gsm7

log = logging.getLogger(__name__)
Clock = Callable[[], dt.datetime]
RESCHEDULE_INTENT = "/reschedule_booking"
STOP_INTENT = "/stop"
# The metadata key of that message: the patient opted out of texts, so nothing is said back.
OPT_OUT_METADATA = "sms_opt_out"


@dataclass(frozen=True)
class InboundOutcome:
    phone: str | None  # E.164 sender, None when the sender is no valid number
    reply: str | None = None  # text to answer with now
    forward: str | None = None  # text to hand to the assistant
    # STOP: the assistant also ends the chat (`STOP_INTENT`), silently: what the patient said
    # so far is saved for the front desk, and a warning sign they mentioned is flagged.
    ends_chat: bool = False
    # Opted out: the text goes to the assistant marked `OPT_OUT_METADATA`, and nothing is sent.
    silent: bool = False


def handle_inbound(
    factory: sessionmaker, profile: ClinicProfile, clock: Clock, sender: str, text: str
) -> InboundOutcome:
    phone = sender_phone(sender)
    if phone is None:  # no number to keep a conversation under: say how to reach the clinic
        log.info("inbound text from a sender with no phone number: not forwarded")
        return InboundOutcome(None, reply=_no_number(profile))
    match = read_keyword(text)
    keyword = match.keyword if match else None
    word = match.word if match else ""
    now = clock()
    name = to_gsm7(profile.display_name)
    with unit_of_work(factory) as session:
        if keyword is Keyword.STOP:
            changed = opt_out(session, phone, word, now)
            log.info("%s opted out of texts", mask_phone(phone))
            return InboundOutcome(
                phone, reply=_stopped(profile) if changed else None, ends_chat=changed
            )
        if keyword is None and normalise(text) == "yes" and is_opted_out(session, phone):
            keyword, word = Keyword.START, "YES"  # Twilio's opt-in word, for opted-out numbers
        if keyword is Keyword.START:
            if opt_in(session, phone, word, now):
                # Someone who texts START expects their next visit's reminders.
                plan_for_phone(session, phone, profile, now)
            return InboundOutcome(
                phone, reply=f"{name}: you will get texts from us again. Reply STOP to opt out."
            )
        if keyword is Keyword.HELP:
            return InboundOutcome(
                phone,
                reply=f"{name}: call us at {profile.phone}. Reply STOP to opt out of texts.",
            )
        if is_opted_out(session, phone):
            # Nothing is sent until START, but the words still reach the assistant, unanswered:
            # crisis words or a warning sign texted after STOP were lost, and staff saw no flag
            # (newcomer pass K).
            return InboundOutcome(phone, forward=text.strip(), silent=True)
        if keyword is Keyword.CONFIRM:
            starts_at = confirm_next_visit(session, phone, now)
            return InboundOutcome(phone, reply=_confirmed(starts_at, profile))
    if keyword is Keyword.RESCHEDULE:
        return InboundOutcome(phone, forward=RESCHEDULE_INTENT)
    return InboundOutcome(phone, forward=text.strip())


def _no_number(profile: ClinicProfile) -> str:
    return (
        f"{to_gsm7(profile.display_name)}: sorry, we can't chat with the number this text came "
        f"from. Please call us on {profile.phone}, or use the chat on our website. If it's an "
        f"emergency, call 911."
    )


def _stopped(profile: ClinicProfile) -> str:
    return (
        f"{to_gsm7(profile.display_name)}: you are unsubscribed and will get no more texts. "
        f"Reply START to subscribe again. To change a visit call {profile.phone}. "
        # the one text a STOP allows: a patient who told a warning sign and then stopped got
        # no word of what to do (SMS newcomer test); the front desk also has the flag
        f"If it's an emergency, call 911."
    )


def _confirmed(starts_at: dt.datetime | None, profile: ClinicProfile) -> str:
    name = to_gsm7(profile.display_name)
    if starts_at is None:
        return f"{name}: we found no upcoming visit for this number. Call us at {profile.phone}."
    return (
        f"{name}: thank you, your visit {when_text(starts_at, profile)} is confirmed. "
        "Reply R to reschedule."
    )
