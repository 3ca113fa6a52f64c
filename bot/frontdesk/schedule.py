"""Day and week grids of bookings per therapist, in the clinic's time zone."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from bot.clinic import ClinicProfile
from bot.frontdesk.bookings import bookings_between
from bot.scheduling.records import BookingView

STEP = 15  # minutes per grid row


@dataclass
class Cell:
    booking: BookingView | None = None
    rows: int = 1
    covered: bool = False  # inside a booking that started in an earlier row
    working: bool = False


@dataclass
class DayGrid:
    day: dt.date
    times: list[dt.time]
    therapists: list
    cells: list[list[Cell]]  # [row][therapist]
    holiday: str | None
    count: int


@dataclass
class WeekGrid:
    days: list[dt.date]
    therapists: list
    cells: dict[tuple[str, dt.date], list[BookingView]] = field(default_factory=dict)
    count: int = 0


def _utc(day: dt.date, profile: ClinicProfile) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0), tzinfo=profile.tz).astimezone(dt.timezone.utc)


def day_grid(session: Session, profile: ClinicProfile, day: dt.date) -> DayGrid:
    tz = profile.tz
    bookings = bookings_between(
        session, _utc(day, profile), _utc(day + dt.timedelta(days=1), profile)
    )
    ranges = profile.hours.ranges(day) or [(dt.time(8), dt.time(17))]
    first = min(r[0] for r in ranges)
    last = max(r[1] for r in ranges)
    for b in bookings:
        first = min(first, b.starts_at.astimezone(tz).time())
        last = max(last, b.ends_at.astimezone(tz).time())
    start_min = (first.hour * 60 + first.minute) // STEP * STEP
    end_min = min(24 * 60, math.ceil((last.hour * 60 + last.minute) / STEP) * STEP)
    minutes = list(range(start_min, end_min, STEP))
    times = [dt.time(m // 60, m % 60) for m in minutes]
    therapists = list(profile.therapists)
    cells = [[Cell() for _ in therapists] for _ in times]
    for col, therapist in enumerate(therapists):
        for start, end in therapist.hours.ranges(day):
            for row, t in enumerate(times):
                cells[row][col].working = start <= t < end
    index = {t.id: n for n, t in enumerate(therapists)}
    for b in bookings:
        col = index.get(b.therapist_id)
        if col is None:
            continue
        local = b.starts_at.astimezone(tz)
        row = ((local.hour * 60 + local.minute) - start_min) // STEP
        span = max(1, math.ceil((b.ends_at - b.starts_at).total_seconds() / 60 / STEP))
        span = min(span, len(times) - row)
        cells[row][col].booking, cells[row][col].rows = b, span
        for extra in range(row + 1, row + span):
            cells[extra][col].covered = True
    return DayGrid(day, times, therapists, cells, profile.holiday_on(day), len(bookings))


def week_grid(session: Session, profile: ClinicProfile, day: dt.date) -> WeekGrid:
    monday = day - dt.timedelta(days=day.weekday())
    days = [monday + dt.timedelta(days=n) for n in range(7)]
    bookings = bookings_between(
        session, _utc(monday, profile), _utc(monday + dt.timedelta(days=7), profile)
    )
    grid = WeekGrid(days=days, therapists=list(profile.therapists), count=len(bookings))
    for b in bookings:
        key = (b.therapist_id, b.starts_at.astimezone(profile.tz).date())
        grid.cells.setdefault(key, []).append(b)
    return grid
