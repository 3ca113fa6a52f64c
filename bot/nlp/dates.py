"""Onsets said as dates ("since last Christmas", "started Monday", "since 3/15") resolved to weeks.

Every date is resolved into the past against `today` (already in the clinic's time zone): a
patient saying "since March" in November means this March, in February last March.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from bot.nlp.holidays import (
    HOLIDAY_PATTERNS,
    holiday_dates,
    holiday_key,
    latest,
    latest_time_change,
    season_start,
)
from bot.nlp.model import WEEKS_PER_MONTH, WEEKS_PER_YEAR, Span, TimeMention

MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
WEEKDAYS = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tues": 1,
    "tue": 1,
    "wednesday": 2,
    "weds": 2,
    "wed": 2,
    "thursday": 3,
    "thurs": 3,
    "thur": 3,
    "thu": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}
# "sat" and "sun" are words too ("I sat down", "the sun"): only after "since", "on" and the like.
_WORD_WEEKDAYS = frozenset({"sat", "sun"})
_MONTH_PART_DAY = {
    "early": 1,
    "beginning": 1,
    "start": 1,
    "mid": 15,
    "middle": 15,
    "late": 25,
    "end": 31,  # "the end of March": the 31st (clamped to the month's last day)
}
_STRONG_LEADS = ("since", "sinse", "sence", "scince", "snce", "ever", "start", "began", "begun",
                 "beginning", "came", "come", "woke")


def _alt(words: object) -> str:
    return "|".join(sorted(words, key=len, reverse=True))  # type: ignore[arg-type]


# In HOLIDAY_PATTERNS order: "christmas eve" must be tried before "christmas".
_HOLIDAY = "|".join(f"(?:{pattern})" for pattern in HOLIDAY_PATTERNS.values())
_LAST = r"(?:last\s+|this\s+(?:past\s+)?|the\s+)"
LEAD = (
    r"(?:ever\s+)?(?:since|sinse|sence|scince|snce)"
    r"(?:\s+(?:around|about|roughly|maybe|like|probably|just\s+after|after"
    r"|(?:right\s+|rite\s+|just\s+)?(?:before|befor|b4)))?"
    r"(?:\s+i\s+woke\s+up(?:\s+(?:on|with\s+it|like\s+this))?)?"
    r"|(?:started|began|begun|start|starting|beginning)"
    r"(?:\s+(?:hurting|aching|to\s+hurt|bothering\s+me|up|again))?"
    r"(?:\s+(?:on|in|around|at|about|back\s+in|during|over|right\s+after|just\s+after|after"
    r"|(?:right\s+|rite\s+|just\s+)?(?:before|befor|b4)))?"
    r"|(?:came|come|comes)\s+on(?:\s+(?:suddenly|all\s+of\s+a\s+sudden|out\s+of\s+nowhere))?"
    r"(?:\s+(?:on|over|in))?"
    r"|woke\s+up(?:\s+(?:with\s+it|like\s+this|that\s+way|in\s+pain))?(?:\s+on)?"
    r"|from|back\s+in|around|in|on|over|during|after"
)
_REL = (
    r"yesterday|today|this\s+morning|this\s+afternoon|this\s+evening|tonight|last\s+night"
    r"|the\s+day\s+before\s+yesterday|the\s+other\s+day|(?:earlier\s+)?this\s+week"
    r"|last\s+weekend|last\s+week|(?:this\s+past\s+|over\s+the\s+|the\s+)weekend"
    r"|last\s+month|(?:earlier\s+)?this\s+month|last\s+year|(?:earlier\s+)?this\s+year"
    r"|the\s+(?:start|beginning)\s+of\s+(?:the|this)\s+(?:year|month|week)"
    r"|the\s+(?:past|last)\s+(?:week|month|year)"
)
# A relative day or period said on its own ("today", "last week"), without "since"/"started".
BARE_RELATIVE = re.compile(rf"(?:{_REL})", re.IGNORECASE)
_ANCHOR = re.compile(
    rf"(?<![\w])(?:(?P<lead>{LEAD})\s+)?(?:"
    r"(?:(?:the\s+|a\s+)?(?P<hol_off>(?:day|week|weekend)\s+(?:after|before))\s+)?"
    rf"(?P<hol_last>{_LAST})?(?P<hol>{_HOLIDAY})(?P<hol_wkd>\s+weekend)?"
    r"(?P<hol_ly>\s+(?:of\s+)?last\s+year)?"
    rf"|(?P<rel>{_REL})"
    rf"|(?P<wd_last>{_LAST})?(?P<wd>{_alt(WEEKDAYS)})(?:\s+(?:morning|afternoon|evening|night))?"
    r"|(?:(?P<sea_part>early|late|mid|(?:the\s+)?(?:beginning|start|middle|end|tail\s+end)\s+of)"
    r"[\s-]*)?"
    # "fall" dated by a day after it is the accident, not autumn: "knee pain after fall
    # yesterday" was 13 weeks, chronic (third newcomer pass)
    rf"(?P<sea_last>{_LAST})?(?P<sea>spring|summer|fall(?!\s+(?:i|that|when|on|off|from|down|at|in\s+the)\b)"
    r"(?!\s+(?:yesterday|today|tonight|this\s+(?:morning|afternoon|evening|week)|last\s+(?:night|"
    r"week|weekend|\w+day)|(?:\d+|a|an|one|two|three|four|five|six|a\s+few|a\s+couple(?:\s+of)?)"
    r"\s+(?:days?|weeks?|hours?)\s+ago|earlier)\b)"
    r"|autumn|winter)(?!\s+break)"
    r"(?P<sea_bl>\s+before\s+last)?"
    r"(?:\s+(?:of\s+)?(?P<sea_year>(?:19|20)\d{2}))?(?P<sea_ly>\s+of\s+last\s+year)?"
    rf"|(?P<mo_last>last\s+|this\s+(?:past\s+)?)?"
    r"(?:(?P<mo_part>early|mid|late|(?:the\s+)?(?:beginning|start|middle|end|tail\s+end)\s+of)"
    r"[\s-]+)?"
    r"(?:the\s+(?P<day_a>\d{1,2})(?:st|nd|rd|th)?\s+of\s+)?"
    rf"(?P<mon>{_alt(MONTHS)})\.?(?:\s+(?P<day_b>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:/]))?"
    r"(?:,?\s+(?:of\s+)?(?P<mo_year>(?:19|20)\d{2}))?"
    r"|(?P<nm>\d{1,2})/(?P<nd>\d{1,2})(?:/(?P<ny>\d{4}|\d{2}))?(?![\d/])"
    r"|(?P<iso>\d{4}-\d{2}-\d{2})"
    r"|(?P<year>(?:19|20)\d{2})(?![\d/-])"
    r"|the\s+(?P<dom>\d{1,2})(?:st|nd|rd|th)"
    r")(?![\w])",
    re.IGNORECASE,
)


def _clamp_day(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _month_onset(m: re.Match[str], today: date) -> date:
    month = MONTHS[m.group("mon").lower()]
    part = (m.group("mo_part") or "").lower().split()
    day = int(m.group("day_a") or m.group("day_b") or 0) or next(
        (_MONTH_PART_DAY[w] for w in part if w in _MONTH_PART_DAY), 1
    )
    if m.group("mo_year"):
        return _clamp_day(int(m.group("mo_year")), month, day)
    if m.group("mo_last") and "last" in m.group("mo_last").lower():
        # "last March" said in March (or before it) is a year back.
        year = today.year if month < today.month else today.year - 1
        return _clamp_day(year, month, day)
    onset = _clamp_day(today.year, month, day)
    return onset if onset <= today else _clamp_day(today.year - 1, month, day)


def _relative(said: str, today: date) -> date | float:
    """A relative phrase as an onset date, or directly as weeks for "last month"-like units."""
    said = " ".join(said.lower().split())
    fixed_days = {
        "yesterday": 1,
        "last night": 1,
        "the day before yesterday": 2,
        "the other day": 3,
        "last week": 7,
        "the past week": 7,
        "the last week": 7,
    }
    if said in fixed_days:
        return today - timedelta(days=fixed_days[said])
    if said in ("last month", "the past month", "the last month"):
        return WEEKS_PER_MONTH
    if said in ("last year", "the past year", "the last year"):
        return WEEKS_PER_YEAR
    if "weekend" in said:
        return today - timedelta(days=(today.weekday() - 5) % 7 or 7)
    if said.endswith("week"):
        return today - timedelta(days=today.weekday())
    if said.endswith("month"):
        return today.replace(day=1)
    if said.endswith("year"):
        return date(today.year, 1, 1)
    return today  # today, this morning, tonight


def _onset(m: re.Match[str], today: date) -> date | float | None:
    g = m.group
    if g("hol"):
        key = holiday_key(g("hol"))
        if key is None:
            return None
        strict = bool(g("hol_last")) and "last" in g("hol_last").lower()
        weekend = bool(g("hol_wkd")) or "weekend" in g("hol").lower()
        if key == "time_change":
            when = latest_time_change(today, strict)
        elif g("hol_ly"):  # "Thanksgiving last year": that year's, even if this year's passed
            when = holiday_dates(key, weekend)(today.year - 1)
        else:
            when = latest(holiday_dates(key, weekend), today, strict)
        if g("hol_off"):
            off = g("hol_off").lower()
            days = 7 if off.startswith("week ") else 2 if off.startswith("weekend") else 1
            when += timedelta(days=days if "after" in off else -days)
        return when
    if g("rel"):
        return _relative(g("rel"), today)
    if g("wd"):
        wd = WEEKDAYS[g("wd").lower()]
        # A weekday is always a past one: "started Monday" said on a Monday is a week ago.
        return today - timedelta(days=(today.weekday() - wd) % 7 or 7)
    if g("sea"):
        last = bool(g("sea_last")) and "last" in g("sea_last").lower()
        year = int(g("sea_year")) if g("sea_year") else None
        start = season_start(g("sea").lower(), today, last or bool(g("sea_ly")), year)
        if g("sea_bl"):  # "the summer before last"
            start = season_start(g("sea").lower(), today, True, year)
            start = start.replace(year=start.year - 1)
        return season_part(start, (g("sea_part") or "").lower())
    if g("mon"):
        return _month_onset(m, today)
    if g("nm"):
        month, day = int(g("nm")), int(g("nd"))
        year = int(g("ny")) if g("ny") else today.year
        year += 2000 if year < 100 else 0
        onset = date(year, month, day)
        if not g("ny") and onset > today:
            onset = date(year - 1, month, day)
        return onset
    if g("iso"):
        return date.fromisoformat(g("iso"))
    if g("year"):
        return date(int(g("year")), 1, 1)
    day = int(g("dom"))
    onset = _clamp_day(today.year, today.month, day)
    if onset > today:
        prev = today.replace(day=1) - timedelta(days=1)
        onset = _clamp_day(prev.year, prev.month, day)
    return onset


def season_part(start: date, part: str) -> date:
    """A part of a three-month season: early is its first day, mid the 15th of its middle month,
    late the first of its last month, the end its last day (the labelling conventions,
    tests/data/corpus/brief/corpus_labeller.md)."""
    def month_after(n: int) -> date:
        month = start.month - 1 + n
        return date(start.year + month // 12, month % 12 + 1, 1)

    if part.startswith("mid") or "middle" in part:
        return month_after(1).replace(day=15)
    if part.startswith("late"):
        return month_after(2)
    if "end" in part:
        return month_after(3) - timedelta(days=1)
    return start


def _needs_lead(m: re.Match[str]) -> bool:
    """Bare month names, years and numbers are too ambiguous without "since"/"started"."""
    if m.group("rel") or m.group("hol_off") or m.group("hol_ly"):
        return False
    for key in ("hol_last", "wd_last", "sea_last", "mo_last"):
        if m.group(key) and re.match(r"last|this\s+past", m.group(key), re.IGNORECASE):
            return False
    return True


def date_mentions(text: str, today: date) -> list[TimeMention]:
    """Every onset date in `text`, as weeks before `today`."""
    mentions = []
    bare = text.strip(" \t\n.!?,").lower()
    for m in _ANCHOR.finditer(text):
        lead = (m.group("lead") or "").lower()
        # A bare "March" or "Christmas" counts only as the whole answer, never inside a story.
        # ... except a holiday that opens the message ("4th of July I fell off a ladder").
        opens = bool(m.group("hol")) and not text[: m.start()].strip()
        if not lead and _needs_lead(m) and len(bare) - (m.end() - m.start()) > 2 and not opens:
            continue
        if not lead and (m.group("mon") or "").lower() in ("may", "mar") and not m.group("day_b"):
            continue  # "may" and "mar" are usually not months
        if (m.group("wd") or "").lower() in _WORD_WEEKDAYS and (
            not lead.startswith((*_STRONG_LEADS, "on", "over"))
            or (m.group("wd_last") or "").strip().lower() == "the"
        ):
            continue  # "sore from the sun", "since the sun came out"
        if m.group("nm") and not lead.startswith(("since", "ever", "start", "began", "on", "from")):
            continue  # "6/10" is a pain score unless "since"/"on" makes it a date
        try:
            onset = _onset(m, today)
        except ValueError:  # 2/30, 13/45: not a date after all
            continue
        if onset is None:
            continue
        weeks = onset if isinstance(onset, float) else (today - onset).days / 7
        if weeks < 0:
            continue  # "since March 2030": never a future onset
        score = 1 if lead.startswith(_STRONG_LEADS) else (0 if lead else -1)
        span = Span(m.start(), m.end(), text[m.start() : m.end()])
        mentions.append(TimeMention(span, weeks=weeks, score=score))
    return mentions
