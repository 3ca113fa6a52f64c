"""Planning: offsets from the profile, quiet hours (moved earlier), never in the past, DST, and
the hooks the booking services call on book, cancel and reschedule."""

from __future__ import annotations

import datetime as dt

from app.bootstrap import reminder_events
from bot.db import unit_of_work
from bot.messaging.optout import opt_out, opt_out_state
from bot.messaging.reminders.planning import (
    QUIET_MARGIN,
    cancel_for_booking,
    in_quiet_hours,
    plan_for_booking,
    quiet_hours_end,
    reminder_times,
)
from bot.messaging.reminders.queries import reminders_for_booking
from bot.scheduling import cancel, reschedule
from bot.scheduling.models import Booking

UTC = dt.timezone.utc


def local(profile, *args):
    return dt.datetime(*args, tzinfo=profile.tz)


def test_default_offsets_are_48_and_2_hours(profile):
    starts = local(profile, 2026, 12, 10, 14, 0)
    now = local(profile, 2026, 12, 1, 9, 0)
    times = reminder_times(starts, profile, now)
    assert times == [
        (2880, starts - dt.timedelta(hours=48)),
        (120, starts - dt.timedelta(hours=2)),
    ]


def test_offsets_come_from_the_profile(profile):
    custom = profile.copy(update={"reminders": profile.reminders.copy(
        update={"offsets_hours": [24, 3.5]})})
    starts = local(profile, 2026, 12, 10, 15, 0)
    times = reminder_times(starts, custom, local(profile, 2026, 12, 1, 9, 0))
    assert [offset for offset, _ in times] == [1440, 210]
    assert times[1][1] == local(profile, 2026, 12, 10, 11, 30)


def test_quiet_hours_move_a_reminder_earlier_not_later(profile):
    starts = local(profile, 2026, 12, 10, 9, 0)  # 2 h before: 7:00, quiet
    times = dict(reminder_times(starts, profile, local(profile, 2026, 12, 1, 9, 0)))
    moved = times[120]
    assert moved == local(profile, 2026, 12, 9, 21, 0) - QUIET_MARGIN
    assert not in_quiet_hours(moved, profile)
    # A 48-hour reminder at 22:30 moves to that evening, before 21:00.
    late = local(profile, 2026, 12, 12, 22, 30)
    times = dict(reminder_times(late, profile, local(profile, 2026, 12, 1, 9, 0)))
    assert times[2880] == local(profile, 2026, 12, 10, 21, 0) - QUIET_MARGIN


def test_quiet_hours_bounds(profile):
    assert in_quiet_hours(local(profile, 2026, 12, 1, 21, 0), profile)
    assert in_quiet_hours(local(profile, 2026, 12, 1, 7, 59), profile)
    assert not in_quiet_hours(local(profile, 2026, 12, 1, 8, 0), profile)
    assert not in_quiet_hours(local(profile, 2026, 12, 1, 20, 59), profile)
    assert quiet_hours_end(local(profile, 2026, 12, 1, 23, 0), profile) == local(
        profile, 2026, 12, 2, 8, 0)
    assert quiet_hours_end(local(profile, 2026, 12, 2, 3, 0), profile) == local(
        profile, 2026, 12, 2, 8, 0)


def test_never_in_the_past(profile):
    starts = local(profile, 2026, 12, 2, 15, 0)
    now = local(profile, 2026, 12, 1, 9, 0)  # 30 h before: the 48-hour reminder is past
    assert [o for o, _ in reminder_times(starts, profile, now)] == [120]
    # Moved out of quiet hours into the past: dropped too.
    starts = local(profile, 2026, 12, 2, 8, 30)
    now = local(profile, 2026, 12, 1, 21, 30)
    assert reminder_times(starts, profile, now) == []


def test_dst_end_2026_11_01(profile):
    # Clocks go back at 2:00 on Sunday 1 Nov 2026 (EDT -> EST).
    starts = local(profile, 2026, 11, 1, 9, 0)  # 14:00 UTC
    now = local(profile, 2026, 10, 25, 9, 0)
    times = dict(reminder_times(starts, profile, now))
    # 2 h before is 7:00 EST (quiet): moved to the evening before, 20:45 EDT = 00:45 UTC.
    assert times[120] == dt.datetime(2026, 11, 1, 0, 45, tzinfo=UTC)
    # 48 real hours before 9:00 EST is 10:00 EDT on Friday (the clock moved an hour).
    assert times[2880] == dt.datetime(2026, 10, 30, 14, 0, tzinfo=UTC)
    assert times[2880].astimezone(profile.tz).hour == 10
    # 8:30 EST on 1 Nov is outside quiet hours; 7:30 EST is inside (UTC offset changed).
    assert not in_quiet_hours(dt.datetime(2026, 11, 1, 13, 30, tzinfo=UTC), profile)
    assert in_quiet_hours(dt.datetime(2026, 11, 1, 12, 30, tzinfo=UTC), profile)
    # The ambiguous hour (1:00-2:00 twice) is quiet both times.
    assert in_quiet_hours(dt.datetime(2026, 11, 1, 5, 30, tzinfo=UTC), profile)
    assert in_quiet_hours(dt.datetime(2026, 11, 1, 6, 30, tzinfo=UTC), profile)


def test_dst_start_2027_03_14(profile):
    # Clocks go forward at 2:00 on Sunday 14 Mar 2027 (EST -> EDT).
    now = local(profile, 2027, 3, 1, 9, 0)
    starts = local(profile, 2027, 3, 14, 9, 30)  # 13:30 UTC; 2 h before = 7:30 EDT, quiet
    times = dict(reminder_times(starts, profile, now))
    assert times[120] == local(profile, 2027, 3, 13, 20, 45)
    assert times[120] == dt.datetime(2027, 3, 14, 1, 45, tzinfo=UTC)  # still EST that evening
    starts = local(profile, 2027, 3, 15, 9, 0)  # 13:00 UTC; 48 h before = 8:00 EST on Sat
    times = dict(reminder_times(starts, profile, now))
    assert times[2880] == dt.datetime(2027, 3, 13, 13, 0, tzinfo=UTC)
    assert times[2880].astimezone(profile.tz).hour == 8  # the first minute allowed
    assert quiet_hours_end(dt.datetime(2027, 3, 14, 5, 0, tzinfo=UTC), profile) == dt.datetime(
        2027, 3, 14, 12, 0, tzinfo=UTC)  # 8:00 EDT


def test_booking_with_consent_plans_reminders(session_factory, profile, clock, book_and_plan):
    booking_id = book_and_plan(dt.datetime(2026, 12, 3, 11, 0))  # Thu 11:00 with Dana
    reminders = reminders_for_booking(session_factory, booking_id)
    assert [(r.offset_minutes, r.status) for r in reminders] == [
        (2880, "planned"), (120, "planned")]
    assert reminders[0].send_at == local(profile, 2026, 12, 1, 11, 0)
    assert reminders[1].send_at == local(profile, 2026, 12, 3, 9, 0)


def test_no_consent_plans_nothing(session_factory, book_and_plan):
    booking_id = book_and_plan(dt.datetime(2026, 12, 3, 11, 0), consent=False)
    assert reminders_for_booking(session_factory, booking_id) == []


def test_planning_twice_changes_nothing(session_factory, profile, clock, book_and_plan):
    booking_id = book_and_plan(dt.datetime(2026, 12, 3, 11, 0))
    before = reminders_for_booking(session_factory, booking_id)
    with unit_of_work(session_factory) as session:
        plan_for_booking(session, session.get(Booking, booking_id), profile, clock())
    assert reminders_for_booking(session_factory, booking_id) == before


def test_cancel_cancels_planned_reminders(session_factory, profile, clock, book_and_plan):
    booking_id = book_and_plan(dt.datetime(2026, 12, 3, 11, 0))
    with unit_of_work(session_factory) as session:
        booking = session.get(Booking, booking_id)
        code = booking.code
    # The booking service cancels the reminders in the cancellation's own transaction.
    cancel(session_factory, clock, code, "+12125550123", events=reminder_events(profile))
    reminders = reminders_for_booking(session_factory, booking_id)
    assert [(r.status, r.cancel_reason) for r in reminders] == [("cancelled", "booking")] * 2
    with unit_of_work(session_factory) as session:
        assert cancel_for_booking(session, booking_id, clock()) == 0  # nothing left to cancel


def test_reschedule_moves_reminders_to_the_new_booking(
    session_factory, profile, clock, book_and_plan
):
    from bot.scheduling import Slot

    old_id = book_and_plan(dt.datetime(2026, 12, 3, 11, 0))
    with unit_of_work(session_factory) as session:
        code = session.get(Booking, old_id).code
    new_start = local(profile, 2026, 12, 4, 10, 0).astimezone(UTC)  # Fri with Dana
    slot = Slot(new_start, "dana", "acute_assessment", new_start + dt.timedelta(minutes=45))
    new = reschedule(
        session_factory, profile, clock, code, "+12125550123", slot,
        events=reminder_events(profile),
    )  # fmt: skip
    assert {r.status for r in reminders_for_booking(session_factory, old_id)} == {"cancelled"}
    moved = reminders_for_booking(session_factory, new.id)
    assert [r.send_at for r in moved] == [
        local(profile, 2026, 12, 2, 10, 0), local(profile, 2026, 12, 4, 8, 0)]


def test_opted_out_number_gets_no_plan(session_factory, profile, clock, book_and_plan):
    with unit_of_work(session_factory) as session:
        opt_out(session, "+12125550123", "STOP", clock())
    booking_id = book_and_plan(dt.datetime(2026, 12, 3, 11, 0))
    assert reminders_for_booking(session_factory, booking_id) == []
    state = opt_out_state(session_factory, "(212) 555-0123")
    assert state.opted_out and state.keyword == "STOP"
    assert not opt_out_state(session_factory, "+12125550199").opted_out
