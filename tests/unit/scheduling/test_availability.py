"""Availability: hours, therapists, holidays, closures, notice, horizon, buffers, DST."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.scheduling import (
    NoAppointmentType,
    Slot,
    SlotUnavailable,
    UrgentCareNeeded,
    appointment_type_for_triage,
    available_slots,
    check_slot,
)
from bot.scheduling.availability import cell_starts, slot_cells

NY = ZoneInfo("America/New_York")
UTC = dt.timezone.utc
# Monday 30 November 2026, 9:05 AM in New York.
NOW = dt.datetime(2026, 11, 30, 9, 5, tzinfo=NY)


def local(slot: Slot) -> dt.datetime:
    return slot.starts_at.astimezone(NY)


def test_slots_are_within_clinic_and_therapist_hours(profile):
    slots = available_slots(profile, "chronic_assessment", NOW)
    assert slots
    for slot in slots:
        start, end = local(slot), slot.ends_at.astimezone(NY)
        therapist = profile.therapist(slot.therapist_id)
        ranges = therapist.hours.ranges(start.date())
        clinic = profile.hours.ranges(start.date())
        assert any(s <= start.time() and end.time() <= e for s, e in ranges)
        assert any(s <= start.time() and end.time() <= e for s, e in clinic)
        assert end - start == dt.timedelta(minutes=60)


def test_therapist_hours_are_cut_to_clinic_hours(profile):
    slots = available_slots(profile, "chronic_assessment", NOW, therapist_ids=["marcus"])
    mondays = [local(s) for s in slots if local(s).weekday() == 0]
    # Marcus works to 20:00 on Mondays but the clinic closes at 19:00.
    assert max(s for s in mondays).time() == dt.time(18, 0)
    thursdays = [local(s) for s in slots if local(s).weekday() == 3]
    assert min(thursdays).time() == dt.time(7, 0)  # he starts at 6, the clinic at 7


def test_only_therapists_who_do_the_type(profile):
    chronic = {s.therapist_id for s in available_slots(profile, "chronic_assessment", NOW)}
    acute = {s.therapist_id for s in available_slots(profile, "acute_assessment", NOW)}
    assert chronic == {"dana", "marcus"}
    assert acute == {"dana", "priya"}


def test_no_slots_on_sunday_holidays_and_closures(profile):
    now = dt.datetime(2026, 12, 14, 9, 0, tzinfo=NY)  # the horizon runs to 3 January
    days = {local(s).date() for s in available_slots(profile, "chronic_assessment", now)}
    assert dt.date(2026, 12, 25) not in days  # holiday
    assert not days & {dt.date(2026, 12, 28), dt.date(2026, 12, 29), dt.date(2026, 12, 30)}
    assert all(d.weekday() != 6 for d in days)
    assert {dt.date(2026, 12, 24), dt.date(2026, 12, 26), dt.date(2026, 12, 31)} <= days


def test_min_notice_and_past_are_never_offered(profile):
    slots = available_slots(profile, "chronic_assessment", NOW)
    assert min(slots).starts_at == dt.datetime(2026, 11, 30, 11, 15, tzinfo=NY)
    assert all(s.starts_at >= NOW + dt.timedelta(hours=2) for s in slots)


def test_late_in_the_day_offers_start_tomorrow(profile):
    evening = dt.datetime(2026, 11, 30, 18, 30, tzinfo=NY)
    slots = available_slots(profile, "chronic_assessment", evening)
    assert local(min(slots)).date() == dt.date(2026, 12, 1)


def test_horizon_is_21_days_from_today(profile):
    slots = available_slots(profile, "chronic_assessment", NOW)
    last_day = max(local(s).date() for s in slots)
    assert last_day <= dt.date(2026, 11, 30) + dt.timedelta(days=20)
    assert last_day >= dt.date(2026, 12, 19)  # the last Saturday inside the horizon


def test_starts_are_on_the_slot_step(profile):
    for slot in available_slots(profile, "acute_assessment", NOW):
        assert local(slot).minute % 15 == 0 and local(slot).second == 0


def test_busy_cells_and_buffer_block_neighbours(profile):
    booked = Slot(
        dt.datetime(2026, 12, 1, 10, 0, tzinfo=NY).astimezone(UTC), "dana",
        "chronic_assessment", dt.datetime(2026, 12, 1, 11, 0, tzinfo=NY).astimezone(UTC),
    )  # fmt: skip
    busy = {"dana": set(slot_cells(booked, profile))}
    starts = {
        local(s).time()
        for s in available_slots(profile, "chronic_assessment", NOW, busy)
        if s.therapist_id == "dana" and local(s).date() == dt.date(2026, 12, 1)
    }
    assert dt.time(10, 0) not in starts
    assert dt.time(8, 45) in starts  # ends 9:45, its buffer ends at 10:00
    assert dt.time(9, 0) not in starts  # would need 10:00-10:15 as buffer
    assert dt.time(11, 0) not in starts  # inside the booked one's buffer
    assert dt.time(11, 15) in starts
    others = available_slots(profile, "chronic_assessment", NOW, busy, therapist_ids=["marcus"])
    assert any(local(s) == dt.datetime(2026, 12, 1, 11, 0, tzinfo=NY) for s in others)


def test_cells_cover_appointment_plus_buffer():
    start = dt.datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
    cells = cell_starts(start, start + dt.timedelta(minutes=45), 15, 15)
    assert cells == [start + dt.timedelta(minutes=15 * k) for k in range(4)]


def _sunday_profile(make):
    hours = dict(make().hours.dict(), sun=["00:00-06:00"])
    therapists = [
        {"id": "night", "name": "Nia Owl", "appointment_types": ["acute_assessment"],
         "hours": {"sun": ["00:00-06:00"], "sat": ["08:00-13:00"], "mon": ["07:00-19:00"]}},
    ]  # fmt: skip
    return make(hours=hours, therapists=therapists)


def test_dst_fall_back_has_no_doubled_local_times(make):
    profile = _sunday_profile(make)
    now = dt.datetime(2026, 10, 29, 12, 0, tzinfo=NY)
    slots = available_slots(profile, "acute_assessment", now)
    sunday = [s for s in slots if local(s).date() == dt.date(2026, 11, 1)]
    walls = [local(s).replace(tzinfo=None) for s in sunday]
    assert len(walls) == len(set(walls)), "a local time is offered twice"
    one_am = [s for s in sunday if local(s).time() == dt.time(1, 0)]
    assert len(one_am) == 1 and one_am[0].starts_at == dt.datetime(2026, 11, 1, 5, 0, tzinfo=UTC)
    # Real durations: 45 minutes even across the change; the last one ends by 06:00 EST.
    assert all(s.ends_at - s.starts_at == dt.timedelta(minutes=45) for s in sunday)
    assert max(s.ends_at for s in sunday) <= dt.datetime(2026, 11, 1, 11, 0, tzinfo=UTC)
    # UTC offsets either side of the change.
    saturday = min(s for s in slots if local(s).date() == dt.date(2026, 10, 31))
    monday = min(s for s in slots if local(s).date() == dt.date(2026, 11, 2))
    assert saturday.starts_at == dt.datetime(2026, 10, 31, 12, 0, tzinfo=UTC)  # 8:00 EDT
    assert monday.starts_at == dt.datetime(2026, 11, 2, 12, 0, tzinfo=UTC)  # 7:00 EST


def test_dst_spring_forward_has_no_nonexistent_local_times(make):
    profile = _sunday_profile(make)
    now = dt.datetime(2027, 3, 10, 12, 0, tzinfo=NY)
    slots = available_slots(profile, "acute_assessment", now)
    sunday = [s for s in slots if local(s).date() == dt.date(2027, 3, 14)]
    assert sunday
    assert not [s for s in sunday if local(s).hour == 2], "2:xx AM does not exist that night"
    for slot in sunday:  # every offered wall time survives a round trip through UTC
        wall = local(slot).replace(tzinfo=None)
        assert wall.replace(tzinfo=NY).astimezone(UTC) == slot.starts_at
    three = next(s for s in sunday if local(s).time() == dt.time(3, 0))
    assert three.starts_at == dt.datetime(2027, 3, 14, 7, 0, tzinfo=UTC)  # 3:00 EDT
    quarter_to_two = next(s for s in sunday if local(s).time() == dt.time(1, 45))
    assert quarter_to_two.starts_at == dt.datetime(2027, 3, 14, 6, 45, tzinfo=UTC)  # EST
    assert quarter_to_two.ends_at.astimezone(NY).time() == dt.time(3, 30)  # 45 real minutes
    saturday = min(s for s in slots if local(s).date() == dt.date(2027, 3, 13))
    monday = min(s for s in slots if local(s).date() == dt.date(2027, 3, 15))
    assert saturday.starts_at == dt.datetime(2027, 3, 13, 13, 0, tzinfo=UTC)  # 8:00 EST
    assert monday.starts_at == dt.datetime(2027, 3, 15, 11, 0, tzinfo=UTC)  # 7:00 EDT


def test_real_profile_dst_weeks_have_correct_utc(make):
    """The shipped hours (closed on Sundays) around both changes: offsets switch on Monday."""
    profile = make()
    fall = available_slots(profile, "chronic_assessment", dt.datetime(2026, 10, 30, 8, tzinfo=NY))
    fri = min(s for s in fall if local(s).date() == dt.date(2026, 10, 30))
    mon = min(s for s in fall if local(s).date() == dt.date(2026, 11, 2))
    assert local(fri).utcoffset() == dt.timedelta(hours=-4)
    assert local(mon).utcoffset() == dt.timedelta(hours=-5)
    assert mon.starts_at == dt.datetime(2026, 11, 2, 13, 0, tzinfo=UTC)  # Dana at 8:00 EST
    spring = available_slots(profile, "chronic_assessment", dt.datetime(2027, 3, 12, 8, tzinfo=NY))
    mon = min(s for s in spring if local(s).date() == dt.date(2027, 3, 15))
    assert mon.starts_at == dt.datetime(2027, 3, 15, 12, 0, tzinfo=UTC)  # 8:00 EDT


def test_triage_picks_the_type_and_refuses_urgent(profile):
    assert appointment_type_for_triage(profile, "chronic").id == "chronic_assessment"
    assert appointment_type_for_triage(profile, "acute").id == "acute_assessment"
    with pytest.raises(UrgentCareNeeded):
        appointment_type_for_triage(profile, "chronic", urgent=True)
    with pytest.raises(NoAppointmentType):
        appointment_type_for_triage(profile, None)


def test_check_slot_enforces_the_rules(profile):
    good = available_slots(profile, "chronic_assessment", NOW)[0]
    check_slot(profile, good, NOW)

    def moved(slot: Slot, **changes) -> Slot:
        values = dict(
            starts_at=slot.starts_at,
            therapist_id=slot.therapist_id,
            appointment_type_id=slot.appointment_type_id,
            ends_at=slot.ends_at,
        )
        values.update(changes)
        return Slot(**values)  # fmt: skip

    with pytest.raises(SlotUnavailable):
        check_slot(profile, good, good.starts_at)  # now too late
    with pytest.raises(SlotUnavailable):
        check_slot(profile, moved(good, therapist_id="priya"), NOW)  # priya: acute only
    with pytest.raises(SlotUnavailable):
        check_slot(profile, moved(good, ends_at=good.ends_at + dt.timedelta(minutes=5)), NOW)
    christmas = dt.datetime(2026, 12, 25, 10, tzinfo=NY).astimezone(UTC)
    with pytest.raises(SlotUnavailable):
        check_slot(profile, moved(good, starts_at=christmas,
                                  ends_at=christmas + dt.timedelta(hours=1)), NOW)  # fmt: skip
    far = good.starts_at + dt.timedelta(days=28)
    with pytest.raises(SlotUnavailable):
        check_slot(profile, moved(good, starts_at=far, ends_at=far + dt.timedelta(hours=1)), NOW)


def test_slot_key_round_trip(profile):
    slot = available_slots(profile, "acute_assessment", NOW)[7]
    assert Slot.from_key(slot.key) == slot
    with pytest.raises(SlotUnavailable):
        Slot.from_key("garbage")
