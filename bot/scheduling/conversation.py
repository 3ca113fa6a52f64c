"""The booking conversation's steps: offer slots, read a choice, hold, book or reschedule.

Each function takes the process's services (`SchedulingServices`: `app.bootstrap.Services` is
one) and plain values, so the Rasa actions stay thin.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.orm import sessionmaker

from bot.clinic import ClinicProfile
from bot.scheduling.availability import Slot, appointment_type_for_triage
from bot.scheduling.choice import NONE_OF_THESE, format_slot, parse_slot_choice
from bot.scheduling.confirmation import Confirmation, confirmation_for
from bot.scheduling.contact import PatientDetails
from bot.scheduling.errors import SlotTaken, SlotUnavailable
from bot.scheduling.events import BookingEvents
from bot.scheduling.offers import offer_slots
from bot.scheduling.preferences import parse_preferences
from bot.scheduling.records import BookingView
from bot.scheduling.service import book, hold_slot, open_slots, reschedule


class SchedulingServices(Protocol):
    """What the booking conversation needs from the composition root."""

    profile: ClinicProfile
    session_factory: sessionmaker
    clock: Callable[[], dt.datetime]
    booking_events: BookingEvents


@dataclass(frozen=True)
class SlotOffer:
    """Up to three slots to show, as keys for the tracker and as numbered lines for people."""

    keys: tuple[str, ...]
    lines: tuple[str, ...]
    buttons: tuple[dict[str, str], ...]
    fallback: bool

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def make_offer(
    svc: SchedulingServices,
    pain_class: str | None,
    preference_text: str | None,
    conversation_id: str,
    exclude: Sequence[str] = (),
    other_days: bool = False,
) -> SlotOffer:
    """Three open slots of the right assessment that best fit what the patient prefers, none
    of them in `exclude` (slot keys) nor, with `other_days`, on the days of those."""
    profile = svc.profile
    appointment_type = appointment_type_for_triage(profile, pain_class or "chronic")
    available = open_slots(
        svc.session_factory, profile, svc.clock, appointment_type.id, conversation_id
    )
    prefs = parse_preferences(preference_text or "", profile.today(svc.clock()))
    excluded = {Slot.from_key(k) for k in exclude}
    offer = offer_slots(available, prefs, profile, count=3, exclude=excluded, other_days=other_days)
    labels = [format_slot(slot, profile) for slot in offer.slots]
    return SlotOffer(
        keys=tuple(slot.key for slot in offer.slots),
        lines=tuple(f"{n}) {label}" for n, label in enumerate(labels, 1)),
        # The text lists "1) ..." already; the buttons carry the times alone.
        buttons=tuple(
            {"title": label, "payload": str(n)} for n, label in enumerate(labels, 1)
        )
        + ({"title": "None of these", "payload": "none of these"},),
        fallback=offer.fallback,
    )


@dataclass(frozen=True)
class Choice:
    """The meaning of an answer to an offer: `held` (with key), `none`, `taken`, `unclear`."""

    outcome: str
    key: str | None = None


def choose_slot(
    svc: SchedulingServices, text: str, offered: Sequence[str], conversation_id: str
) -> Choice:
    """Read the pick ("2", "the Thursday one") and hold that slot for this conversation."""
    slots = [Slot.from_key(key) for key in offered]
    picked = parse_slot_choice(text, slots, svc.profile)
    if picked is NONE_OF_THESE:
        return Choice("none")
    if picked is None:
        return Choice("unclear")
    slot = slots[int(picked)]
    try:
        hold_slot(svc.session_factory, svc.profile, svc.clock, slot, conversation_id)
    except (SlotTaken, SlotUnavailable):
        return Choice("taken")
    return Choice("held", slot.key)


def confirm_booking(
    svc: SchedulingServices,
    slot_key: str,
    patient: PatientDetails,
    conversation_id: str,
    intake_id: int | None = None,
    reschedule_code: str | None = None,
) -> tuple[BookingView, Confirmation]:
    """Book the held slot (or move the booking `reschedule_code` to it); SlotTaken if lost."""
    slot = Slot.from_key(slot_key)
    if reschedule_code:
        booking = reschedule(
            svc.session_factory,
            svc.profile,
            svc.clock,
            reschedule_code,
            patient.phone,
            slot,
            conversation_id=conversation_id,
            events=svc.booking_events,
        )
    else:
        booking = book(
            svc.session_factory,
            svc.profile,
            svc.clock,
            slot,
            patient,
            conversation_id=conversation_id,
            intake_id=intake_id,
            events=svc.booking_events,
        )
    return booking, confirmation_for(booking, svc.profile)
