"""Parse a patient's free-text time preference ("Tuesdays or Thursdays after 5") into filters."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import FrozenSet, List, Tuple

DAY_NAMES = {
    "monday": 0, "mon": 0, "mondays": 0,
    "tuesday": 1, "tue": 1, "tues": 1, "tuesdays": 1,
    "wednesday": 2, "wed": 2, "weds": 2, "wednesdays": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "thursdays": 3,
    "friday": 4, "fri": 4, "fridays": 4,
    "saturday": 5, "sat": 5, "saturdays": 5,
    "sunday": 6, "sun": 6, "sundays": 6,
}  # fmt: skip
_DAY = (
    r"(?:mon(?:day)?s?|tue(?:s(?:day)?)?s?|tuesdays?|wed(?:s|nesday)?s?"
    r"|thu(?:r(?:s(?:day)?)?)?s?|thursdays?|fri(?:day)?s?|sat(?:urday)?s?|sun(?:day)?s?)"
)
_NEGATION = re.compile(
    rf"\b(?:not|no|except|but not|anything but|can't do|cannot do|can't make)\s+(?:on\s+)?"
    rf"((?:{_DAY})(?:\s*(?:or|and|/|nor)\s*(?:{_DAY}))*)\b"
)
_DAY_WORD = re.compile(rf"\b({_DAY})\b")
_CLOCK = r"(\d{1,2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?"
_AFTER = re.compile(
    rf"\b(?:after|from|later than|no earlier than)\s+(?:{_CLOCK}|(noon|midday|lunch))"
)
_BEFORE = re.compile(
    rf"\b(?:before|by|earlier than|no later than|until)\s+(?:{_CLOCK}|(noon|midday|lunch))"
)
# A time asked for itself: "wednesday at 6 pm", "around 10", "can I get 6pm" (it offered 9:00 AM,
# and a bare "6pm" at the offered times was refused: patient newcomer test). Read as a start
# from half an hour before to an hour after.
_AT = re.compile(
    rf"\b(?:at|around|@)\s+{_CLOCK}|\b(\d{{1,2}})(?::(\d{{2}}))?\s*(a\.?m\.?|p\.?m\.?)"
    r"|\b(\d{1,2}):(\d{2})\b"
)
_AT_EARLIER = dt.timedelta(minutes=30)
_AT_LATER = dt.timedelta(minutes=60)
_PARTS_OF_DAY = (
    ("mornings", r"\bmornings?\b|\bearly\b"),
    ("afternoons", r"\bafternoons?\b|\bmidday\b|\blunch ?time\b"),
    ("evenings", r"\bevenings?\b|\bafter work\b|\b(?:week)?nights?\b|\blate\b"),
)
_WINDOWS = {
    "mornings": (None, dt.time(12)),
    "afternoons": (dt.time(12), dt.time(17)),
    "evenings": (dt.time(17), None),
}


@dataclass(frozen=True)
class Preferences:
    """Filters on local date and time; an empty Preferences means "any time"."""

    weekdays: FrozenSet[int] = frozenset()  # allowed weekdays (0 = Monday); empty = all
    excluded_weekdays: FrozenSet[int] = frozenset()
    date_from: dt.date | None = None
    date_to: dt.date | None = None  # inclusive
    start_after: dt.time | None = None  # local start at or after
    start_before: dt.time | None = None  # local start strictly before
    end_by: dt.time | None = None  # local end at or before
    asap: bool = False
    understood: bool = False  # False when nothing in the text was recognised
    labels: Tuple[str, ...] = field(default=(), compare=False)

    @property
    def is_any_time(self) -> bool:
        return not (
            self.weekdays
            or self.excluded_weekdays
            or self.date_from
            or self.date_to
            or self.start_after
            or self.start_before
            or self.end_by
        )


def _clock(
    hour: str, minute: str | None, meridiem: str | None, part: str | None = None
) -> dt.time | None:
    """The time of "5", "5:30" or "5pm". Without am/pm, "after 5" at a clinic means 5 PM, and
    an hour said with an afternoon or evening (`part` "pm": "evenings after 7") is in the
    afternoon or evening (it was read as 7 AM, and morning times were offered)."""
    h, m = int(hour), int(minute or 0)
    if h > 23 or m > 59:
        return None
    if meridiem:
        if h > 12:
            return None
        is_pm = meridiem.startswith("p")
        h = (h % 12) + (12 if is_pm else 0)
    elif part == "pm" and 1 <= h <= 11:
        h += 12
    elif part != "am" and 1 <= h <= 6:
        h += 12  # "after 5" at a clinic means 5 PM
    return dt.time(h, m)


def _time_of(
    match: re.Match | None, lunch: dt.time = dt.time(12), part: str | None = None
) -> dt.time | None:
    if match is None:
        return None
    if match.group(4):
        return lunch if match.group(4) == "lunch" else dt.time(12)
    return _clock(match.group(1), match.group(2), match.group(3), part)


def _at_time(text: str, part: str | None = None) -> dt.time | None:
    """The last time in "at 6 pm", "around 10" or "6pm" (see `_AT`; "7am is too early, can I
    get 6pm" asks for 6 PM), None when there is none."""
    found = list(_AT.finditer(text))
    if not found:
        return None
    match = found[-1]
    if match.group(1):
        return _clock(match.group(1), match.group(2), match.group(3), part)
    if match.group(4):
        return _clock(match.group(4), match.group(5), match.group(6), part)
    return _clock(match.group(7), match.group(8), None, part)


def _days(text: str) -> FrozenSet[int]:
    return frozenset(DAY_NAMES[d] for d in _DAY_WORD.findall(text) if d in DAY_NAMES)


def parse_preferences(text: str, today: dt.date) -> Preferences:
    """Read "mornings", "after 5", "Tuesdays or Thursdays", "not Monday", "next week", "asap"...

    `today` is the clinic's local date. Unrecognised text gives "any time" with understood=False.
    """
    t = " " + re.sub(r"\s+", " ", (text or "").lower()) + " "
    t = t.replace("’", "'")
    values: dict = {}
    labels: List[str] = []

    excluded: FrozenSet[int] = frozenset()
    for match in _NEGATION.finditer(t):
        excluded |= _days(match.group(1))
    remaining = _NEGATION.sub(" ", t)
    if excluded:
        values["excluded_weekdays"] = excluded
        labels.append("excluding some days")
    if re.search(r"\bweekends?\b", remaining):
        values["weekdays"] = frozenset({5, 6})
    elif re.search(r"\bweekdays?\b", remaining):
        values["weekdays"] = frozenset(range(5))
    days = _days(remaining)
    if days:
        values["weekdays"] = days
    if "weekdays" in values:
        labels.append("days")

    parts = [name for name, pattern in _PARTS_OF_DAY if re.search(pattern, remaining)]
    if parts:
        windows = [_WINDOWS[name] for name in parts]
        starts, ends = [w[0] for w in windows], [w[1] for w in windows]
        if None not in starts:
            values["start_after"] = min(starts)
        if None not in ends:
            values["start_before"] = max(ends)
        labels.extend(parts)
    # the half of the day the parts name, for hours said without am or pm
    part = None if not parts else "am" if parts == ["mornings"] else (
        "pm" if "mornings" not in parts else None
    )
    after = _time_of(_AFTER.search(remaining), lunch=dt.time(13), part=part)
    if after:
        values["start_after"] = after
        labels.append("after")
    before = _time_of(_BEFORE.search(remaining), part=part)
    if before:
        values["end_by"] = before
        labels.append("before")
    at = _at_time(_AFTER.sub(" ", _BEFORE.sub(" ", remaining)), part)
    if at and not (after or before):
        moment = dt.datetime.combine(today, at)
        values["start_after"] = max(moment - _AT_EARLIER, moment.replace(hour=0, minute=0)).time()
        values["start_before"] = min(moment + _AT_LATER, moment.replace(hour=23, minute=59)).time()
        labels.append("at")

    if re.search(r"\bnext week\b", remaining):
        monday = today + dt.timedelta(days=7 - today.weekday())
        values["date_from"], values["date_to"] = monday, monday + dt.timedelta(days=6)
        labels.append("next week")
    elif re.search(r"\bthis week\b", remaining):
        values["date_from"] = today
        values["date_to"] = today + dt.timedelta(days=6 - today.weekday())
        labels.append("this week")
    elif re.search(r"\btomorrow\b", remaining):
        values["date_from"] = values["date_to"] = today + dt.timedelta(days=1)
        labels.append("tomorrow")
    elif re.search(r"\btoday\b", remaining):
        values["date_from"] = values["date_to"] = today
        labels.append("today")

    if re.search(r"\basap\b|\bas soon as\b|\bearliest\b|\bsoonest\b|\bfirst available\b", t):
        values["asap"] = True
        labels.append("asap")
    any_time = re.search(r"\bany ?time\b|\banything\b|\bwhenever\b|\bdon't mind\b|\bflexible\b", t)
    understood = bool(labels) or bool(any_time)
    return Preferences(understood=understood, labels=tuple(labels), **values)


def time_window_distance(prefs: Preferences, start: dt.time, end: dt.time) -> int:
    """Minutes by which a local start/end misses the time-of-day filters (0 when it fits)."""

    def minutes(value: dt.time) -> int:
        return value.hour * 60 + value.minute

    s, e = minutes(start), minutes(end)
    miss = 0
    if prefs.start_after and s < minutes(prefs.start_after):
        miss += minutes(prefs.start_after) - s
    if prefs.start_before and s >= minutes(prefs.start_before):
        miss += s - minutes(prefs.start_before) + 1
    if prefs.end_by and e > minutes(prefs.end_by):
        miss += e - minutes(prefs.end_by)
    return miss
