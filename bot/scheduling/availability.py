"""Which slots can be offered: pure functions of the clinic profile, the time now and busy cells.

All arithmetic is done on local wall-clock times of the clinic's zone for *where* slots may
start, and in UTC for *how long* they last, so DST days have neither nonexistent nor doubled
local start times, and every appointment lasts its real number of minutes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable, List, Mapping, Sequence, Set, Tuple

from bot.clinic import AppointmentType, ClinicProfile, Therapist
from bot.scheduling.errors import NoAppointmentType, SlotUnavailable, UrgentCareNeeded

UTC = dt.timezone.utc
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=UTC)

# Occupied cell starts (UTC) per therapist id, as loaded from `schedule_cells`.
BusyCells = Mapping[str, Set[dt.datetime]]


@dataclass(frozen=True, order=True)
class Slot:
    """One bookable appointment: a therapist, a type, and its UTC start and end."""

    starts_at: dt.datetime
    therapist_id: str
    appointment_type_id: str
    ends_at: dt.datetime

    @property
    def key(self) -> str:
        """A stable string for a conversation slot, e.g. `dana|acute_assessment|202612011400`."""
        stamp = self.starts_at.astimezone(UTC).strftime("%Y%m%d%H%M")
        minutes = int((self.ends_at - self.starts_at).total_seconds() // 60)
        return f"{self.therapist_id}|{self.appointment_type_id}|{stamp}|{minutes}"

    @classmethod
    def from_key(cls, key: str) -> Slot:
        try:
            therapist_id, type_id, stamp, minutes = key.split("|")
            start = dt.datetime.strptime(stamp, "%Y%m%d%H%M").replace(tzinfo=UTC)
            return cls(start, therapist_id, type_id, start + dt.timedelta(minutes=int(minutes)))
        except ValueError as err:
            raise SlotUnavailable(f"not a slot key: {key!r}") from err

    def local_start(self, profile: ClinicProfile) -> dt.datetime:
        return self.starts_at.astimezone(profile.tz)


def appointment_type_for_triage(
    profile: ClinicProfile, pain_class: str | None, urgent: bool = False
) -> AppointmentType:
    """chronic -> the chronic assessment, acute -> the acute one; urgent is never booked."""
    if urgent:
        raise UrgentCareNeeded("urgent intakes are handed to the clinic, not booked")
    appointment_type = profile.appointment_type_for(pain_class)
    if appointment_type is None:
        raise NoAppointmentType(f"no appointment type for pain class {pain_class!r}")
    return appointment_type


def cell_starts(
    starts_at: dt.datetime, ends_at: dt.datetime, buffer_minutes: int, step_minutes: int
) -> List[dt.datetime]:
    """The step-aligned UTC cells covering [starts_at, ends_at + buffer)."""
    step = step_minutes * 60
    first = int((starts_at - _EPOCH).total_seconds()) // step * step
    stop = (ends_at + dt.timedelta(minutes=buffer_minutes) - _EPOCH).total_seconds()
    cells = []
    second = first
    while second < stop:
        cells.append(_EPOCH + dt.timedelta(seconds=second))
        second += step
    return cells


def slot_cells(slot: Slot, profile: ClinicProfile) -> List[dt.datetime]:
    rules = profile.booking
    return cell_starts(slot.starts_at, slot.ends_at, rules.buffer_minutes, rules.slot_step_minutes)


def _intersect(
    a: Sequence[Tuple[dt.time, dt.time]], b: Sequence[Tuple[dt.time, dt.time]]
) -> List[Tuple[dt.time, dt.time]]:
    out = []
    for s1, e1 in a:
        for s2, e2 in b:
            start, end = max(s1, s2), min(e1, e2)
            if start < end:
                out.append((start, end))
    return sorted(out)


def _exists(local: dt.datetime) -> bool:
    """False for wall times skipped by a DST gap (they don't survive a round trip via UTC)."""
    back = local.astimezone(UTC).astimezone(local.tzinfo)
    return back.replace(tzinfo=None, fold=0) == local.replace(tzinfo=None, fold=0)


def _day_slots(
    profile: ClinicProfile,
    therapist: Therapist,
    appointment_type: AppointmentType,
    day: dt.date,
) -> Iterable[Slot]:
    """Every slot of one therapist on one local day by the hours alone (no notice, no busy)."""
    if profile.holiday_on(day):
        return
    tz = profile.tz
    step = dt.timedelta(minutes=profile.booking.slot_step_minutes)
    length = dt.timedelta(minutes=appointment_type.minutes)
    for range_start, range_end in _intersect(
        profile.hours.ranges(day), therapist.hours.ranges(day)
    ):
        # fold=0: an ambiguous wall time means its first occurrence, so none is offered twice.
        end_utc = dt.datetime.combine(day, range_end, tzinfo=tz).astimezone(UTC)
        wall = dt.datetime.combine(day, range_start)
        last = dt.datetime.combine(day, range_end)
        while wall < last:
            local = wall.replace(tzinfo=tz)
            if _exists(local):
                start = local.astimezone(UTC)
                if start + length > end_utc:
                    break
                yield Slot(start, therapist.id, appointment_type.id, start + length)
            wall += step


def horizon_days(profile: ClinicProfile, now: dt.datetime) -> List[dt.date]:
    """The local dates that may be offered: today and the next horizon_days - 1 days."""
    today = profile.today(now)
    return [today + dt.timedelta(days=n) for n in range(profile.booking.horizon_days)]


def available_slots(
    profile: ClinicProfile,
    appointment_type_id: str,
    now: dt.datetime,
    busy: BusyCells | None = None,
    therapist_ids: Iterable[str] | None = None,
) -> List[Slot]:
    """Free slots of this type over the horizon, sorted by start then therapist.

    Honours clinic and therapist hours, which therapists do the type, holidays and closures,
    minimum notice, the horizon, and busy cells (bookings and live holds, buffer included).
    """
    appointment_type = _appointment_type(profile, appointment_type_id)
    wanted = set(therapist_ids) if therapist_ids is not None else None
    earliest = now.astimezone(UTC) + dt.timedelta(minutes=profile.booking.min_notice_minutes)
    busy = busy or {}
    out: List[Slot] = []
    for therapist in profile.therapists:
        if appointment_type.id not in therapist.appointment_types:
            continue
        if wanted is not None and therapist.id not in wanted:
            continue
        taken = busy.get(therapist.id, set())
        for day in horizon_days(profile, now):
            for slot in _day_slots(profile, therapist, appointment_type, day):
                if slot.starts_at < earliest:
                    continue
                if taken and any(cell in taken for cell in slot_cells(slot, profile)):
                    continue
                out.append(slot)
    out.sort()
    return out


def check_slot(profile: ClinicProfile, slot: Slot, now: dt.datetime) -> None:
    """Raise SlotUnavailable unless the clinic's rules allow this slot now (busy cells aside)."""
    appointment_type = _appointment_type(profile, slot.appointment_type_id)
    therapist = profile.therapist(slot.therapist_id)
    if therapist is None or appointment_type.id not in therapist.appointment_types:
        raise SlotUnavailable("this therapist doesn't do this appointment type")
    notice = dt.timedelta(minutes=profile.booking.min_notice_minutes)
    if slot.starts_at < now.astimezone(UTC) + notice:
        raise SlotUnavailable("too soon or in the past")
    day = slot.local_start(profile).date()
    if day not in horizon_days(profile, now):
        raise SlotUnavailable("beyond the booking horizon")
    if slot not in set(_day_slots(profile, therapist, appointment_type, day)):
        raise SlotUnavailable("outside opening hours or on a closed day")


def _appointment_type(profile: ClinicProfile, type_id: str) -> AppointmentType:
    for appointment_type in profile.appointment_types:
        if appointment_type.id == type_id:
            return appointment_type
    raise NoAppointmentType(f"unknown appointment type {type_id!r}")
