"""Choose three concrete slots to offer from the free ones, following the patient's preferences."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable, List, Sequence, Tuple

from bot.clinic import ClinicProfile
from bot.scheduling.availability import Slot
from bot.scheduling.preferences import Preferences, time_window_distance

# A slot within this many minutes of one the patient turned down counts as "the same time again".
NEAR_REJECTED_MINUTES = 120
# In the fallback, slots this much worse than the best miss are not offered while better exist.
FALLBACK_TOLERANCE = 60
_DAY_PENALTY = 240  # minutes-equivalent of a wrong weekday or a date outside the range


@dataclass(frozen=True)
class Offer:
    """Slots to show, in time order; `fallback` says none matched the preference exactly."""

    slots: Tuple[Slot, ...]
    fallback: bool

    @property
    def empty(self) -> bool:
        return not self.slots


def mismatch(slot: Slot, prefs: Preferences, profile: ClinicProfile) -> int:
    """How far a slot is from the preference, in minutes-equivalent; 0 means it matches."""
    tz = profile.tz
    start = slot.starts_at.astimezone(tz)
    end = slot.ends_at.astimezone(tz)
    day = start.date()
    miss = time_window_distance(prefs, start.time(), end.time())
    if prefs.weekdays and day.weekday() not in prefs.weekdays:
        miss += _DAY_PENALTY
    if day.weekday() in prefs.excluded_weekdays:
        miss += _DAY_PENALTY * 2
    if prefs.date_from and day < prefs.date_from:
        miss += _DAY_PENALTY + (prefs.date_from - day).days * 60
    if prefs.date_to and day > prefs.date_to:
        miss += _DAY_PENALTY + (day - prefs.date_to).days * 60
    return miss


def _near(slot: Slot, others: Iterable[Slot], minutes: int) -> bool:
    gap = dt.timedelta(minutes=minutes)
    return any(abs(slot.starts_at - other.starts_at) < gap for other in others)


def _spread(candidates: Sequence[Slot], count: int, asap: bool, tz: dt.tzinfo) -> List[Slot]:
    """Different days first (or, for asap, the earliest starts an hour apart), then fill up."""
    chosen: List[Slot] = []
    days: set = set()
    if not asap:
        for slot in candidates:
            day = slot.starts_at.astimezone(tz).date()
            if day not in days and len(chosen) < count:
                chosen.append(slot)
                days.add(day)
    for gap in (60, 15, 0):
        for slot in candidates:
            if len(chosen) >= count:
                break
            if slot not in chosen and not (gap and _near(slot, chosen, gap)):
                chosen.append(slot)
    return sorted(chosen[:count])


def offer_slots(
    available: Sequence[Slot],
    prefs: Preferences,
    profile: ClinicProfile,
    count: int = 3,
    exclude: Iterable[Slot] = (),
    other_days: bool = False,
) -> Offer:
    """Up to `count` slots matching `prefs`, on different days where possible.

    `exclude` holds slots already offered: they are never offered again, and slots close to them
    come last. `other_days`: the patient asked for other days ("other days?"), so the days of
    the excluded slots are left out too while any other day has an open slot (the same day came
    back at another hour). When nothing matches, the nearest misses are offered with
    `fallback=True`.
    """
    excluded = list(exclude)
    excluded_set = set(excluded)
    pool = [s for s in available if s not in excluded_set]
    if other_days:
        days = {s.starts_at.astimezone(profile.tz).date() for s in excluded}
        elsewhere = [s for s in pool if s.starts_at.astimezone(profile.tz).date() not in days]
        pool = elsewhere or pool
    fresh = [s for s in pool if not _near(s, excluded, NEAR_REJECTED_MINUTES)]
    fresh_keys = set(fresh)
    tz = profile.tz
    matching = sorted(s for s in pool if mismatch(s, prefs, profile) == 0)
    if matching:
        picked = _spread([s for s in matching if s in fresh_keys], count, prefs.asap, tz)
        if len(picked) < count:  # top up with matches close to turned-down times
            picked = _spread(
                picked + [s for s in matching if s not in picked], count, prefs.asap, tz
            )
        return Offer(tuple(picked), fallback=False)
    nearest = _nearest(fresh, prefs, profile, count) or _nearest(pool, prefs, profile, count)
    return Offer(tuple(nearest), fallback=bool(nearest))


def _nearest(
    candidates: Sequence[Slot], prefs: Preferences, profile: ClinicProfile, count: int
) -> List[Slot]:
    """The closest misses, best first (one per day where possible), shown in time order."""
    if not candidates:
        return []
    scored = sorted((mismatch(s, prefs, profile), s) for s in candidates)
    best = scored[0][0]
    close = [s for score, s in scored if score <= best + FALLBACK_TOLERANCE]
    picked = _spread(close, count, prefs.asap, profile.tz)
    if len(picked) < count:
        rest = [s for _, s in scored if s not in picked]
        picked = _spread(picked + rest, count, True, profile.tz)
    return picked
