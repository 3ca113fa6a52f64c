"""Booking, holds, cancel and reschedule on real databases (SQLite file and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, inspect, select

from app.bootstrap import reminder_events
from bot.db import make_engine, unit_of_work
from bot.intake.models import Intake
from bot.messaging.models import Reminder
from bot.scheduling import (
    BookingNotChangeable,
    BookingNotFound,
    HoldExpired,
    PatientDetails,
    SlotTaken,
    SlotUnavailable,
    UrgentCareNeeded,
    book,
    bookings_for_conversation,
    cancel,
    cancel_for_conversation,
    confirmation_for,
    find_booking,
    hold_slot,
    open_slots,
    purge_expired_holds,
    release_holds,
    reschedule,
)
from bot.scheduling.events import BookingEvents
from bot.scheduling.models import Booking, Hold, ScheduleCell

pytest_plugins = ["tests.integration.conftest_scheduling"]


@pytest.fixture
def factory(sched_factory):
    return sched_factory


@pytest.fixture
def profile(sched_profile):
    return sched_profile


@pytest.fixture
def clock(sched_clock):
    return sched_clock


ANA = PatientDetails.create("Ana Ruiz", "(212) 555-0199", "ana@example.org", sms_consent=True)
BEN = PatientDetails.create("Ben Ode", "+1 646 555 0100")


def _first(factory, profile, clock, type_id="chronic_assessment", conversation_id=None):
    """The first free slot from tomorrow on: moving the clock a little never makes it too soon."""
    tomorrow = clock() + dt.timedelta(days=1)
    slots = open_slots(factory, profile, clock, type_id, conversation_id)
    return next(s for s in slots if s.starts_at > tomorrow)


def slot_after(slot):
    """The same therapist, type and time a week later."""
    day = dt.timedelta(days=7)
    return type(slot)(slot.starts_at + day, slot.therapist_id, slot.appointment_type_id,
                      slot.ends_at + day)  # fmt: skip


def _count(factory, model, *where) -> int:
    with unit_of_work(factory) as session:
        return session.execute(select(func.count()).select_from(model).where(*where)).scalar()


def test_migrations_create_the_tables(sched_db_url):
    engine = make_engine(sched_db_url)
    try:
        names = set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
    assert {"patients", "bookings", "holds", "schedule_cells", "intakes"} <= names


def test_book_stores_patient_consent_and_hides_the_slot(factory, profile, clock):
    slot = _first(factory, profile, clock)
    booking = book(factory, profile, clock, slot, ANA, conversation_id="c1")
    assert booking.is_booked and booking.phone == "+12125550199"
    assert booking.sms_consent and booking.email == "ana@example.org"
    assert len(booking.code) == 7 and booking.code[3] == "-"
    assert slot not in open_slots(factory, profile, clock, "chronic_assessment")
    # 60 minutes + 15 buffer = 5 cells of 15 minutes.
    assert _count(factory, ScheduleCell, ScheduleCell.booking_id == booking.id) == 5
    with pytest.raises(SlotTaken):
        book(factory, profile, clock, slot, BEN, conversation_id="c2")
    confirmation = confirmation_for(booking, profile)
    assert confirmation.code == booking.code and confirmation.address == profile.address


def test_overlapping_slot_with_buffer_is_refused(factory, profile, clock):
    slot = _first(factory, profile, clock)
    book(factory, profile, clock, slot, ANA, conversation_id="c1")
    later = [
        s
        for s in open_slots(factory, profile, clock, "acute_assessment")
        if s.therapist_id == slot.therapist_id and s.starts_at > slot.starts_at
    ][0]
    # The next free start is after the appointment and its 15-minute buffer.
    assert later.starts_at >= slot.ends_at + dt.timedelta(minutes=15)
    squeezed = type(slot)(
        slot.ends_at, slot.therapist_id, "acute_assessment", slot.ends_at + dt.timedelta(minutes=45)
    )
    with pytest.raises(SlotTaken):
        book(factory, profile, clock, squeezed, BEN, conversation_id="c2")


def test_rule_breaking_slot_is_unavailable(factory, profile, clock):
    slot = _first(factory, profile, clock)
    past = type(slot)(
        clock() - dt.timedelta(hours=1), slot.therapist_id, slot.appointment_type_id,
        clock(),
    )  # fmt: skip
    with pytest.raises(SlotUnavailable):
        book(factory, profile, clock, past, ANA, conversation_id="c1")


def test_hold_blocks_others_until_it_expires(factory, profile, clock):
    slot = _first(factory, profile, clock)
    hold = hold_slot(factory, profile, clock, slot, "c1")
    assert hold.expires_at == clock() + dt.timedelta(minutes=profile.booking.hold_minutes)
    assert slot not in open_slots(factory, profile, clock, "chronic_assessment", "c2")
    assert slot in open_slots(factory, profile, clock, "chronic_assessment", "c1")
    with pytest.raises(SlotTaken):
        hold_slot(factory, profile, clock, slot, "c2")
    with pytest.raises(SlotTaken):
        book(factory, profile, clock, slot, BEN, conversation_id="c2")
    clock.advance(minutes=profile.booking.hold_minutes)
    assert slot in open_slots(factory, profile, clock, "chronic_assessment", "c2")
    booking = book(factory, profile, clock, slot, BEN, conversation_id="c2")
    assert booking.is_booked
    # The expired hold's cells were cleared in the booking's own transaction.
    assert _count(factory, ScheduleCell, ScheduleCell.hold_id.isnot(None)) == 0


def test_own_hold_converts_to_the_booking(factory, profile, clock):
    slot = _first(factory, profile, clock)
    hold_slot(factory, profile, clock, slot, "c1")
    clock.advance(minutes=5)
    booking = book(factory, profile, clock, slot, ANA, conversation_id="c1")
    assert booking.is_booked
    assert _count(factory, Hold) == 0
    assert _count(factory, ScheduleCell, ScheduleCell.hold_id.isnot(None)) == 0


def test_a_new_hold_replaces_the_conversations_old_one(factory, profile, clock):
    first, second = open_slots(factory, profile, clock, "chronic_assessment")[::40][:2]
    hold_slot(factory, profile, clock, first, "c1")
    hold_slot(factory, profile, clock, second, "c1")
    assert first in open_slots(factory, profile, clock, "chronic_assessment", "c2")
    assert second not in open_slots(factory, profile, clock, "chronic_assessment", "c2")
    assert release_holds(factory, "c1") == 1
    assert second in open_slots(factory, profile, clock, "chronic_assessment", "c2")


def test_expired_hold_taken_by_someone_else_is_hold_expired(factory, profile, clock):
    slot = _first(factory, profile, clock)
    hold_slot(factory, profile, clock, slot, "c1")
    clock.advance(minutes=profile.booking.hold_minutes + 1)
    book(factory, profile, clock, slot, BEN, conversation_id="c2")
    with pytest.raises(HoldExpired):
        book(factory, profile, clock, slot, ANA, conversation_id="c1")


def test_expired_hold_still_free_books_fine(factory, profile, clock):
    slot = _first(factory, profile, clock)
    hold_slot(factory, profile, clock, slot, "c1")
    clock.advance(minutes=profile.booking.hold_minutes + 1)
    hold_slot(factory, profile, clock, slot_after(slot), "c9")
    assert book(factory, profile, clock, slot, ANA, conversation_id="c1").is_booked
    clock.advance(minutes=profile.booking.hold_minutes)
    assert purge_expired_holds(factory, clock) == 1
    assert _count(factory, Hold) == 0 and _count(factory, ScheduleCell) == 5


def test_cancel_frees_the_slot_at_once(factory, profile, clock):
    slot = _first(factory, profile, clock)
    booking = book(factory, profile, clock, slot, ANA, conversation_id="c1")
    cancelled = cancel(factory, clock, booking.code.lower().replace("-", ""), "212-555-0199")
    assert cancelled.status == "cancelled" and cancelled.cancelled_at == clock()
    assert slot in open_slots(factory, profile, clock, "chronic_assessment")
    assert _count(factory, ScheduleCell) == 0
    assert book(factory, profile, clock, slot, BEN, conversation_id="c2").is_booked
    assert cancel(factory, clock, booking.code, "+12125550199").status == "cancelled"


def test_cancel_needs_the_right_phone(factory, profile, clock):
    booking = book(
        factory, profile, clock, _first(factory, profile, clock), ANA, conversation_id="c"
    )
    with pytest.raises(BookingNotFound):
        cancel(factory, clock, booking.code, "+1 646 555 0100")
    with pytest.raises(BookingNotFound):
        cancel(factory, clock, "AAA-AAA", "(212) 555-0199")
    assert find_booking(factory, booking.code, "646 555 0100") is None
    assert find_booking(factory, booking.code, "not a phone") is None
    found = find_booking(factory, f" {booking.code.lower()} ", "+1 (212) 555-0199")
    assert found is not None and found.id == booking.id


def test_cancel_after_start_is_refused(factory, profile, clock):
    booking = book(
        factory, profile, clock, _first(factory, profile, clock), ANA, conversation_id="c"
    )
    clock.now = booking.starts_at
    with pytest.raises(BookingNotChangeable):
        cancel(factory, clock, booking.code, ANA.phone)


def test_cancel_by_conversation(factory, profile, clock):
    slots = open_slots(factory, profile, clock, "chronic_assessment")
    book(factory, profile, clock, slots[0], ANA, conversation_id="c1")
    book(factory, profile, clock, slots[-1], BEN, conversation_id="c2")
    assert [b.starts_at for b in bookings_for_conversation(factory, "c1")] == [slots[0].starts_at]
    cancelled = cancel_for_conversation(factory, clock, "c1")
    assert len(cancelled) == 1 and cancelled[0].therapist_id == slots[0].therapist_id
    assert bookings_for_conversation(factory, "c1") == []
    assert len(bookings_for_conversation(factory, "c1", include_cancelled=True)) == 1
    assert len(bookings_for_conversation(factory, "c2", upcoming_after=clock())) == 1


def test_reschedule_moves_atomically(factory, profile, clock):
    slots = open_slots(factory, profile, clock, "chronic_assessment")
    old = book(factory, profile, clock, slots[0], ANA, conversation_id="c1")
    target = slots[-1]
    new = reschedule(factory, profile, clock, old.code, ANA.phone, target)
    assert new.rescheduled_from == old.id and new.starts_at == target.starts_at
    assert find_booking(factory, old.code, ANA.phone).status == "cancelled"
    assert slots[0] in open_slots(factory, profile, clock, "chronic_assessment")
    assert _count(factory, Booking, Booking.status == "booked") == 1


def test_reschedule_by_a_few_minutes_with_the_same_therapist(factory, profile, clock):
    slots = open_slots(factory, profile, clock, "chronic_assessment")
    old = book(factory, profile, clock, slots[0], ANA, conversation_id="c1")
    nudged = next(
        s
        for s in slots
        if s.therapist_id == old.therapist_id
        and s.starts_at == old.starts_at + dt.timedelta(minutes=15)
    )
    new = reschedule(factory, profile, clock, old.code, ANA.phone, nudged)
    assert new.starts_at == nudged.starts_at


def test_reschedule_to_a_taken_slot_keeps_the_old_booking(factory, profile, clock):
    slots = open_slots(factory, profile, clock, "chronic_assessment")
    old = book(factory, profile, clock, slots[0], ANA, conversation_id="c1")
    book(factory, profile, clock, slots[-1], BEN, conversation_id="c2")
    with pytest.raises(SlotTaken):
        reschedule(factory, profile, clock, old.code, ANA.phone, slots[-1])
    assert find_booking(factory, old.code, ANA.phone).is_booked
    assert _count(factory, Booking) == 2
    assert _count(factory, ScheduleCell, ScheduleCell.booking_id == old.id) == 5


def test_urgent_intake_is_never_booked(factory, profile, clock):
    with unit_of_work(factory) as session:
        intake = Intake(conversation_id="c1", status="urgent", pain_class="acute")
        session.add(intake)
        session.flush()
        intake_id = intake.id
    slot = _first(factory, profile, clock, "acute_assessment")
    with pytest.raises(UrgentCareNeeded):
        book(factory, profile, clock, slot, ANA, conversation_id="c1", intake_id=intake_id)


def test_booking_links_the_intake(factory, profile, clock):
    with unit_of_work(factory) as session:
        intake = Intake(conversation_id="c1", status="new", pain_class="chronic")
        session.add(intake)
        session.flush()
        intake_id = intake.id
    slot = _first(factory, profile, clock)
    booking = book(factory, profile, clock, slot, ANA, conversation_id="c1", intake_id=intake_id)
    assert booking.intake_id == intake_id
    with unit_of_work(factory) as session:  # the console showed "Email —" for a booked patient
        assert session.get(Intake, intake_id).email == "ana@example.org"


def test_booking_keeps_an_email_staff_set_on_the_intake(factory, profile, clock):
    with unit_of_work(factory) as session:
        intake = Intake(conversation_id="c1", status="new", pain_class="chronic",
                        email="ana.work@example.org")  # fmt: skip
        session.add(intake)
        session.flush()
        intake_id = intake.id
    book(factory, profile, clock, _first(factory, profile, clock), ANA, conversation_id="c1",
         intake_id=intake_id)  # fmt: skip
    with unit_of_work(factory) as session:
        assert session.get(Intake, intake_id).email == "ana.work@example.org"


def test_booking_again_in_the_same_conversation_returns_the_same_booking(factory, profile, clock):
    """A retried turn (its reply lost in a crash) finds its booking: one booking, one set of
    reminders, the same code; another conversation still finds the slot taken."""
    calls = []

    def booked(session, booking, now):
        calls.append(booking.id)
        reminder_events(profile).booked(session, booking, now)

    events = BookingEvents(booked=booked)
    slot = _first(factory, profile, clock)
    hold_slot(factory, profile, clock, slot, "c1")
    first = book(factory, profile, clock, slot, ANA, conversation_id="c1", events=events)
    clock.advance(minutes=1)
    again = book(factory, profile, clock, slot, ANA, conversation_id="c1", events=events)
    assert again.code == first.code and again.id == first.id and again.is_booked
    assert confirmation_for(again, profile) == confirmation_for(first, profile)
    assert calls == [first.id]
    assert _count(factory, Booking) == 1
    assert _count(factory, Reminder, Reminder.booking_id == first.id) > 0
    planned = _count(factory, Reminder)
    with pytest.raises(SlotTaken):
        book(factory, profile, clock, slot, BEN, conversation_id="c2", events=events)
    with pytest.raises(SlotTaken):
        book(factory, profile, clock, slot, ANA, conversation_id="c2", events=events)
    assert _count(factory, Booking) == 1 and _count(factory, Reminder) == planned
    assert calls == [first.id]


def test_same_conversation_another_slot_is_a_new_request(factory, profile, clock):
    slot = _first(factory, profile, clock)
    first = book(factory, profile, clock, slot, ANA, conversation_id="c1")
    later = book(factory, profile, clock, slot_after(slot), ANA, conversation_id="c1")
    assert later.code != first.code
    other_type = type(slot)(
        slot.starts_at, slot.therapist_id, "acute_assessment",
        slot.starts_at + dt.timedelta(minutes=45),
    )  # fmt: skip
    with pytest.raises(SlotTaken):
        book(factory, profile, clock, other_type, ANA, conversation_id="c1")
    assert _count(factory, Booking, Booking.status == "booked") == 2


def test_a_cancelled_booking_is_not_returned_again(factory, profile, clock):
    slot = _first(factory, profile, clock)
    first = book(factory, profile, clock, slot, ANA, conversation_id="c1")
    cancel(factory, clock, first.code, ANA.phone)
    again = book(factory, profile, clock, slot, ANA, conversation_id="c1")
    assert again.is_booked and again.code != first.code


def test_rescheduling_again_to_the_same_slot_returns_the_same_move(factory, profile, clock):
    calls = []
    events = BookingEvents(booked=lambda session, booking, now: calls.append(booking.id))
    slots = open_slots(factory, profile, clock, "chronic_assessment")
    old = book(factory, profile, clock, slots[0], ANA, conversation_id="c1")
    moved = reschedule(factory, profile, clock, old.code, ANA.phone, slots[-1], events=events)
    again = reschedule(factory, profile, clock, old.code, ANA.phone, slots[-1], events=events)
    assert again.id == moved.id and again.code == moved.code and calls == [moved.id]
    assert _count(factory, Booking, Booking.status == "booked") == 1
    with pytest.raises(BookingNotChangeable):
        reschedule(factory, profile, clock, old.code, ANA.phone, slots[1], events=events)
