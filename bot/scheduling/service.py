"""Booking services the assistant calls: open slots, hold, book, cancel, reschedule, look up.

Each service takes a session factory and a clock (a callable returning an aware datetime), runs
in one transaction, and reports failures as the domain errors in `bot.scheduling.errors`. Those
that book or cancel take `events` (`bot.scheduling.events`): what the rest of the product does
in the same transaction, wired by the bootstrap (the reminders).
"""

from __future__ import annotations

import datetime as dt
from typing import Callable, List

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.clinic import ClinicProfile
from bot.db import unit_of_work
from bot.intake.models import Intake
from bot.scheduling.availability import Slot, available_slots, check_slot
from bot.scheduling.contact import PatientDetails
from bot.scheduling.errors import (
    BookingNotChangeable,
    HoldExpired,
    SlotTaken,
    UrgentCareNeeded,
)
from bot.scheduling.events import NO_EVENTS, BookingEvents
from bot.scheduling.models import BOOKED, CANCELLED, Booking, Hold, Patient
from bot.scheduling.records import BookingView, HoldView
from bot.scheduling.store import (
    claim_cells,
    conversation_holds,
    find_booking_row,
    find_live_booking,
    find_move,
    load_busy,
    new_booking,
    release_booking_cells,
    release_conversation_holds,
    release_holds_by_id,
    upsert_patient,
)

Clock = Callable[[], dt.datetime]


def open_slots(
    factory: sessionmaker,
    profile: ClinicProfile,
    clock: Clock,
    appointment_type_id: str,
    conversation_id: str | None = None,
) -> List[Slot]:
    """Free slots of this type; the conversation's own holds don't hide slots from it."""
    now = clock()
    with unit_of_work(factory) as session:
        busy = load_busy(session, profile, now, ignore_conversation=conversation_id)
    return available_slots(profile, appointment_type_id, now, busy)


def hold_slot(
    factory: sessionmaker, profile: ClinicProfile, clock: Clock, slot: Slot, conversation_id: str
) -> HoldView:
    """Keep `slot` for this conversation for hold_minutes; replaces the conversation's other holds.

    Raises SlotUnavailable (breaks a rule) or SlotTaken (booked or held by someone else).
    """
    now = clock()
    check_slot(profile, slot, now)
    expires_at = now + dt.timedelta(minutes=profile.booking.hold_minutes)
    with unit_of_work(factory) as session:
        release_conversation_holds(session, conversation_id)
        hold = Hold(
            conversation_id=conversation_id,
            therapist_id=slot.therapist_id,
            appointment_type_id=slot.appointment_type_id,
            starts_at=slot.starts_at,
            ends_at=slot.ends_at,
            expires_at=expires_at,
            created_at=now,
        )
        session.add(hold)
        session.flush()
        claim_cells(session, profile, slot, now, hold_id=hold.id, expires_at=expires_at)
        return HoldView.of(hold)


def release_holds(factory: sessionmaker, conversation_id: str) -> int:
    """Give back every slot this conversation holds; returns how many holds there were."""
    with unit_of_work(factory) as session:
        return release_conversation_holds(session, conversation_id)


def book(
    factory: sessionmaker,
    profile: ClinicProfile,
    clock: Clock,
    slot: Slot,
    patient: PatientDetails,
    *,
    conversation_id: str,
    intake_id: int | None = None,
    events: BookingEvents = NO_EVENTS,
) -> BookingView:
    """Book `slot` for `patient`; the conversation's hold on it (if any) becomes the booking.

    Idempotent per conversation and slot: when this conversation already has a live booking of
    the same therapist, start and type (a retry of a turn whose reply was lost, say after a
    crash), that booking is returned as it is and `events.booked` is not called again, so its
    reminders are planned once. This holds when the retry races the first attempt, too.

    Raises SlotUnavailable, SlotTaken, HoldExpired (the hold lapsed and someone else took the
    slot), or UrgentCareNeeded (the linked intake is urgent).
    """
    try:
        return _book_once(
            factory, profile, clock, slot, patient, conversation_id, intake_id, events
        )
    except SlotTaken:
        # The attempt this one retries may have committed while we ran: its booking is ours.
        with unit_of_work(factory) as session:
            existing = find_live_booking(session, conversation_id, slot)
            if existing is None:
                raise
            return BookingView.of(*existing)


def _book_once(
    factory: sessionmaker,
    profile: ClinicProfile,
    clock: Clock,
    slot: Slot,
    patient: PatientDetails,
    conversation_id: str,
    intake_id: int | None,
    events: BookingEvents,
) -> BookingView:
    now = clock()
    with unit_of_work(factory) as session:
        existing = find_live_booking(session, conversation_id, slot)
        if existing is not None:
            return BookingView.of(*existing)
        check_slot(profile, slot, now)
        if intake_id is not None:
            _refuse_urgent(session, intake_id)
        own = [h for h in conversation_holds(session, conversation_id) if _same(h, slot)]
        had_expired_hold = bool(own) and all(h.expires_at <= now for h in own)
        release_conversation_holds(session, conversation_id)
        booking = new_booking(session, slot, upsert_patient(session, patient, now), now)
        booking.conversation_id = conversation_id
        booking.intake_id = intake_id
        if intake_id is not None:
            _give_intake_the_email(session, intake_id, patient.email)
        session.flush()
        try:
            claim_cells(session, profile, slot, now, booking_id=booking.id)
        except SlotTaken as err:
            if had_expired_hold:
                raise HoldExpired("the hold lapsed and the time was taken") from err
            raise
        events.booked(session, booking, now)
        return BookingView.of(booking, session.get(Patient, booking.patient_id))


def cancel(
    factory: sessionmaker,
    clock: Clock,
    code: str,
    phone: str,
    *,
    events: BookingEvents = NO_EVENTS,
) -> BookingView:
    """Cancel the booking with this code and phone; its time is free again at once.

    Cancelling twice is harmless. Raises BookingNotFound or BookingNotChangeable (already started).
    """
    now = clock()
    with unit_of_work(factory) as session:
        booking, patient = find_booking_row(session, code, phone)
        if booking.status == BOOKED:
            _cancel(session, booking, now, events)
        return BookingView.of(booking, patient)


def cancel_for_conversation(
    factory: sessionmaker,
    clock: Clock,
    conversation_id: str,
    *,
    events: BookingEvents = NO_EVENTS,
) -> List[BookingView]:
    """Cancel this conversation's upcoming bookings and holds; returns what was cancelled."""
    now = clock()
    with unit_of_work(factory) as session:
        release_conversation_holds(session, conversation_id)
        rows = session.execute(
            select(Booking, Patient)
            .join(Patient, Patient.id == Booking.patient_id)
            .where(
                Booking.conversation_id == conversation_id,
                Booking.status == BOOKED,
                Booking.starts_at > now,
            )
            .order_by(Booking.starts_at)
        ).all()
        for booking, _patient_row in rows:
            _cancel(session, booking, now, events)
        return [BookingView.of(b, p) for b, p in rows]


def reschedule(
    factory: sessionmaker,
    profile: ClinicProfile,
    clock: Clock,
    code: str,
    phone: str,
    new_slot: Slot,
    conversation_id: str | None = None,
    *,
    events: BookingEvents = NO_EVENTS,
) -> BookingView:
    """Move a booking to `new_slot` in one transaction: the new booking exists, then the old one
    is cancelled, and both happen at commit or neither does (if the new time is taken, the old
    booking stands). Returns the new booking, whose `rescheduled_from` is the old id.

    Idempotent like `book`: when the old booking was already moved to `new_slot` (a retried
    turn), that move's booking is returned and no event fires again.
    """
    now = clock()
    with unit_of_work(factory) as session:
        old, patient = find_booking_row(session, code, phone)
        done = find_move(session, old.id, new_slot)
        if done is not None:
            return BookingView.of(done, patient)
        check_slot(profile, new_slot, now)
        if old.status != BOOKED or old.starts_at <= now:
            raise BookingNotChangeable("this booking can no longer be changed")
        if conversation_id is not None:
            release_conversation_holds(session, conversation_id)
        new = new_booking(session, new_slot, patient, now)
        new.conversation_id = conversation_id or old.conversation_id
        new.intake_id = old.intake_id
        new.rescheduled_from = old.id
        session.flush()
        # Free the old cells first (same transaction, invisible until commit) so a patient can
        # move by a few minutes with the same therapist.
        release_booking_cells(session, old.id)
        claim_cells(session, profile, new_slot, now, booking_id=new.id)
        old.status, old.cancelled_at = CANCELLED, now
        events.cancelled(session, old, now)
        events.booked(session, new, now)
        return BookingView.of(new, patient)


def purge_expired_holds(factory: sessionmaker, clock: Clock) -> int:
    """Delete lapsed holds (housekeeping; booking works without it)."""
    now = clock()
    with unit_of_work(factory) as session:
        ids = set(session.execute(select(Hold.id).where(Hold.expires_at <= now)).scalars())
        release_holds_by_id(session, ids)
        return len(ids)


def _same(hold: Hold, slot: Slot) -> bool:
    return (
        hold.therapist_id == slot.therapist_id
        and hold.appointment_type_id == slot.appointment_type_id
        and hold.starts_at == slot.starts_at
    )


def _give_intake_the_email(session: Session, intake_id: int, email: str | None) -> None:
    """The email given at booking is the intake's too (the console showed "Email —" for a
    patient whose confirmation it had sent); one staff already set is kept."""
    intake = session.get(Intake, intake_id)
    if intake is not None and email and not intake.email:
        intake.email = email


def _refuse_urgent(session: Session, intake_id: int) -> None:
    status = session.execute(select(Intake.status).where(Intake.id == intake_id)).scalar()
    if status == "urgent":
        raise UrgentCareNeeded("urgent intakes are handed to the clinic, not booked")


def _cancel(session: Session, booking: Booking, now: dt.datetime, events: BookingEvents) -> None:
    if booking.starts_at <= now:
        raise BookingNotChangeable("this appointment has already started")
    booking.status, booking.cancelled_at = CANCELLED, now
    release_booking_cells(session, booking.id)
    events.cancelled(session, booking, now)
