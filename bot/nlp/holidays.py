"""US holidays and seasons patients date their pain by, and the latest one on or before a day."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, timedelta


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th `weekday` (0 = Monday) of a month; n = -1 is the last one."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year, month, calendar.monthrange(year, month)[1])
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month = (h + ell - 7 * m + 114) // 31
    day = (h + ell - 7 * m + 114) % 31 + 1
    return date(year, month, day)


HOLIDAYS: dict[str, Callable[[int], date]] = {
    "new_year": lambda y: date(y, 1, 1),
    "mlk": lambda y: _nth_weekday(y, 1, 0, 3),  # federal: third Monday of January
    "super_bowl": lambda y: _nth_weekday(y, 2, 6, 2),  # second Sunday of February since 2022
    "valentine": lambda y: date(y, 2, 14),
    "presidents": lambda y: _nth_weekday(y, 2, 0, 3),  # Washington's Birthday, third Monday
    "st_patrick": lambda y: date(y, 3, 17),
    "easter": easter,
    "mother": lambda y: _nth_weekday(y, 5, 6, 2),
    "memorial": lambda y: _nth_weekday(y, 5, 0, -1),
    "father": lambda y: _nth_weekday(y, 6, 6, 3),
    "juneteenth": lambda y: date(y, 6, 19),
    "july4": lambda y: date(y, 7, 4),
    "labor": lambda y: _nth_weekday(y, 9, 0, 1),
    "columbus": lambda y: _nth_weekday(y, 10, 0, 2),  # and Indigenous Peoples' Day
    "halloween": lambda y: date(y, 10, 31),
    "veterans": lambda y: date(y, 11, 11),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "black_friday": lambda y: _nth_weekday(y, 11, 3, 4) + timedelta(days=1),
    "christmas_eve": lambda y: date(y, 12, 24),
    "christmas": lambda y: date(y, 12, 25),
    "new_years_eve": lambda y: date(y, 12, 31),
    # Daylight saving time: "since the time change" is whichever change came last.
    "dst_start": lambda y: _nth_weekday(y, 3, 6, 2),
    # New York City public schools open in the first days of September; the 1st is close enough.
    "school_start": lambda y: date(y, 9, 1),
    "dst_end": lambda y: _nth_weekday(y, 11, 6, 1),
}
# Monday holidays whose "weekend" starts on the Saturday before.
MONDAY_HOLIDAYS = frozenset({"mlk", "presidents", "memorial", "labor", "columbus"})

# Spoken names -> holiday keys; the regex in dates.py is built from these keys' patterns.
HOLIDAY_PATTERNS: dict[str, str] = {
    "new_years_eve": r"new\s+(?:year'?s|yrs?'?s?|yers|yeers)\s+eve|nye",
    "new_year": r"new\s+year'?s?(?:\s+day)?|the\s+new\s+(?:year|yr)|new\s+yrs?'?s?(?:\s+day)?"
    r"|ny\s+day",
    "mlk": r"mlk(?:\s+(?:jr\.?\s+)?day)?(?:\s+weekend)?"
    r"|martin\s+luther\s+king(?:\s+jr\.?)?(?:'?s)?(?:\s+day)?(?:\s+weekend)?",
    "super_bowl": r"(?:the\s+)?super\s*bowl(?:\s+(?:sunday|party|weekend))?",
    "valentine": r"valentine'?s?(?:\s+day)?|v-?day|vday",
    "presidents": r"presidents'?\s+day(?:\s+weekend)?|president'?s\s+day(?:\s+weekend)?",
    "st_patrick": r"st\.?\s+patrick'?s(?:\s+day)?|saint\s+patrick'?s(?:\s+day)?"
    r"|st\.?\s+patt?y'?s(?:\s+day)?|st\.?\s+paddy'?s(?:\s+day)?|paddy'?s\s+day",
    "easter": r"easter(?:\s+sunday)?",
    "mother": r"mother'?s\s+day",
    "memorial": r"memorial\s+day(?:\s+weekend)?",
    "dst_end": r"the\s+clocks?\s+(?:went|fell|moved)\s+back"
    r"|daylight\s+savings?(?:\s+time)?\s+ended",
    "dst_start": r"the\s+clocks?\s+(?:went|sprang|jumped|moved)\s+(?:forward|ahead)"
    r"|daylight\s+savings?(?:\s+time)?\s+(?:started|began)",
    "time_change": r"the\s+time\s+change|the\s+clocks?\s+changed|the\s+time\s+changed"
    r"|daylight\s+savings?(?:\s+time)?",
    "father": r"father'?s\s+day",
    "juneteenth": r"juneteenth(?:\s+weekend)?",
    "july4": r"(?:the\s+)?(?:4th|fourth)\s+of\s+july|july\s+(?:4th|4|fourth)|independence\s+day",
    "labor": r"labou?r\s+day(?:\s+weekend)?",
    "columbus": r"columbus\s+day(?:\s+weekend)?|indigenous\s+peoples?'?\s+day(?:\s+weekend)?",
    "halloween": r"hall?owe'?en",
    "veterans": r"veterans'?\s+day|veteran'?s\s+day",
    "black_friday": r"black\s+friday|the\s+holiday\s+(?:rush|season|shopping)",
    "school_start": r"(?:the\s+)?(?:start|beginning)\s+of\s+(?:the\s+)?school(?:\s+year)?"
    r"|(?:the\s+kids\s+went\s+)?back\s+to\s+school|school\s+started",
    "thanksgiving": r"thanksgiving(?:\s+day)?|turkey\s+day",
    "christmas_eve": r"christmas\s+eve|xmas\s+eve",
    "christmas": r"christmas|xmas|x-mas|chrismas|christmass|the\s+holidays",
}


def holiday_dates(key: str, weekend: bool = False) -> Callable[[int], date]:
    """The yearly date of a holiday key; a Monday holiday's weekend starts two days before."""
    if key == "time_change":
        return lambda y: HOLIDAYS["dst_end"](y)  # the later of the two in a year
    when = HOLIDAYS[key]
    if weekend and key in MONDAY_HOLIDAYS:
        return lambda y: when(y) - timedelta(days=2)
    return when


def latest_time_change(today: date, strict: bool) -> date:
    """The latest clock change (spring or fall) on or before `today`."""
    return max(latest(HOLIDAYS[k], today, strict) for k in ("dst_start", "dst_end"))


def holiday_key(said: str) -> str | None:
    """Which holiday the words name."""
    for key, pattern in HOLIDAY_PATTERNS.items():
        if re.fullmatch(pattern, said.strip(), re.IGNORECASE):
            return key
    return None


def latest(dates_of_year: Callable[[int], date], today: date, strict: bool) -> date:
    """The latest occurrence on or before `today` (before it, when `strict`)."""
    for year in (today.year, today.year - 1, today.year - 2):
        when = dates_of_year(year)
        if when < today or (when == today and not strict):
            return when
    raise ValueError("no occurrence in the last two years")  # unreachable for yearly dates


# Meteorological seasons: the onset is read as the season's first day.
SEASON_START = {
    "spring": (3, 1),
    "summer": (6, 1),
    "fall": (9, 1),
    "autumn": (9, 1),
    "winter": (12, 1),
}


def season_start(name: str, today: date, last: bool, year: int | None = None) -> date:
    """First day of the season meant: "last winter" skips a winter still going on."""
    month, day = SEASON_START[name]
    if year is not None:
        return date(year, month, day)
    current = latest(lambda y: date(y, month, day), today, strict=False)
    season_end = current + timedelta(days=92)
    if last and today < season_end:
        return date(current.year - 1, month, day)
    return current
