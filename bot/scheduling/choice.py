"""Show offered slots to the patient and read which one they picked ("the second", "Thu at 9")."""

from __future__ import annotations

import datetime as dt
import re
from typing import Callable, List, Sequence, Union

from bot.clinic import ClinicProfile
from bot.scheduling.availability import Slot
from bot.scheduling.preferences import DAY_NAMES


class _NoneOfThese:
    """The patient turned down every offered slot."""

    def __repr__(self) -> str:
        return "NONE_OF_THESE"


NONE_OF_THESE = _NoneOfThese()
Choice = Union[int, _NoneOfThese, None]

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")]
    )
    for m in names
}  # fmt: skip
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
             "4th": 4, "fifth": 5, "5th": 5, "one": 1, "two": 2, "three": 3}  # fmt: skip
_NONE = re.compile(
    r"\b(none|neither|no(?:ne)? of (?:these|those|them)|nothing|other (?:times?|options?|days?)"
    r"|something else|different (?:times?|days?)|(?:don't|doesn't|do not|does not|can't) work"
    r"|none work|not these|another (?:time|day)|anything else)\b"
)
# ... and asks for other days, not other hours of the same days.
_OTHER_DAYS = re.compile(
    r"\b(?:other|different|another|new|later|more) days?\b|\bnot (?:on )?(?:those|these|that) "
    r"days?\b|\b(?:those|these) days (?:don'?t|do not|won'?t) work\b|\bdifferent dates?\b",
    re.IGNORECASE,
)


def asks_for_other_days(text: str | None) -> bool:
    """"other days?", "a different day please", "not those days": the offered days don't suit."""
    return bool(_OTHER_DAYS.search(text or ""))


# A plain no to the offer ("no", "nope", "no thanks", "nah, not really") means none of these,
# as long as it names no slot ("no, the second one") and no other time ("no, Tuesday instead").
_REFUSAL = re.compile(
    r"^\W*(?:no+|nope|nah|not really|no thanks?|no thank you|not those|not them)\b[\W\s]*"
    r"(?:(?:thanks?|thank you|sorry|not really|they don't|those don't|don't work|none)\W*)*$"
)
_NUMBERED = re.compile(r"(?:#|\b(?:option|number|no\.?|choice|slot))\s*(\d)\b")
_BARE = re.compile(r"^\W*(?:the\s+)?(\d)\W*(?:one|please|pls)?\W*$")
_ORDINAL = re.compile(r"\b(first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th|last)\b")
_WORD_NUMBER = re.compile(r"^\W*(?:the\s+)?(one|two|three)\W*(?:please)?\W*$")
_MONTH_DAY = re.compile(r"\b([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b")
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]{3,9})\b")
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})\b")
_TIME = re.compile(
    r"\b(?:at\s+)?(\d{1,2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?)(?=\W|$)|\bat\s+(\d{1,2})(?::(\d{2}))?\b"
    r"|\b(\d{1,2}):(\d{2})\b|\b(noon)\b"
)
_DAY_WORD = re.compile(r"\b([a-z]+)\b")


def format_slot(slot: Slot, profile: ClinicProfile) -> str:
    """`Tue Dec 1, 9:00 AM with Dana`: local time, therapist's first name."""
    local = slot.starts_at.astimezone(profile.tz)
    therapist = profile.therapist(slot.therapist_id)
    who = therapist.first_name if therapist else slot.therapist_id
    hour = local.hour % 12 or 12
    meridiem = "AM" if local.hour < 12 else "PM"
    return f"{local:%a %b} {local.day}, {hour}:{local.minute:02d} {meridiem} with {who}"


def _filters(text: str, profile: ClinicProfile) -> List[Callable[[dt.datetime, str], bool]]:
    """Predicates on (local start, therapist id) for every detail the text names."""
    found: List[Callable[[dt.datetime, str], bool]] = []
    words = _DAY_WORD.findall(text)
    weekdays = {DAY_NAMES[w] for w in words if w in DAY_NAMES and w not in ("sun", "sat")}
    weekdays |= {DAY_NAMES[w] for w in words if w in ("sat", "sun") and len(words) <= 3}
    if weekdays:
        found.append(lambda local, _t, days=weekdays: local.weekday() in days)
    for month_word, day in _MONTH_DAY.findall(text) + [(m, d) for d, m in _DAY_MONTH.findall(text)]:
        if month_word in _MONTHS and 1 <= int(day) <= 31:
            month, mday = _MONTHS[month_word], int(day)
            found.append(lambda local, _t, m=month, d=mday: (local.month, local.day) == (m, d))
    for month, mday in _NUMERIC_DATE.findall(text):
        found.append(
            lambda local, _t, m=int(month), d=int(mday): (local.month, local.day) == (m, d)
        )
    for match in _TIME.finditer(text):
        found.append(_time_filter(match))
    for therapist in profile.therapists:
        names = {therapist.first_name.lower(), therapist.id.lower()}
        if any(name in words for name in names):
            found.append(lambda _l, tid, wanted=therapist.id: tid == wanted)
    if re.search(r"\bmorning\b", text):
        found.append(lambda local, _t: local.hour < 12)
    if re.search(r"\bafternoon\b", text):
        found.append(lambda local, _t: 12 <= local.hour < 17)
    if re.search(r"\bevening\b", text):
        found.append(lambda local, _t: local.hour >= 17)
    return found


def _time_filter(match: re.Match) -> Callable[[dt.datetime, str], bool]:
    groups = match.groups()
    if groups[7]:
        return lambda local, _t: (local.hour, local.minute) == (12, 0)
    hour_text, minute_text, meridiem = next(
        (groups[i], groups[i + 1], groups[i + 2] if i == 0 else None)
        for i in (0, 3, 5)
        if groups[i]
    )
    hour, minute = int(hour_text) % 24, int(minute_text or 0)
    if meridiem:
        hours = {hour % 12 + (12 if meridiem.startswith("p") else 0)}
    else:  # "at 9" / "4:30": either half of the day, the offered slots tell which
        hours = {hour % 12, hour % 12 + 12} if hour <= 12 else {hour}
    return lambda local, _t: local.hour in hours and local.minute == minute


def parse_slot_choice(text: str, offered: Sequence[Slot], profile: ClinicProfile) -> Choice:
    """The index in `offered` the patient picked, NONE_OF_THESE, or None if unclear.

    Understands numbers ("2", "#3", "option 1", "the second", "last") and details ("the Thursday
    one", "9am", "Dec 3", "with Marcus", "tuesday at 9"); "none of these", "neither" and a plain
    "no" or "nope" are NONE_OF_THESE. Details that fit several slots, or none,
    give None so the assistant asks again.
    """
    t = re.sub(r"\s+", " ", (text or "").lower().replace("’", "'")).strip()
    if not t or not offered:
        return None
    if _NONE.search(t):
        return NONE_OF_THESE
    number = _number(t, len(offered))
    filters = _filters(t, profile)
    if number is None and not filters and _REFUSAL.match(t):
        return NONE_OF_THESE
    if filters:
        hits = [
            i
            for i, slot in enumerate(offered)
            if all(f(slot.starts_at.astimezone(profile.tz), slot.therapist_id) for f in filters)
        ]
        if len(hits) == 1:
            return hits[0]
        if number is not None and number in hits:
            return number
        # Details that fit none of the offered times are no pick, whatever number is in the text:
        # "do u have 5:30 on the 3rd instead" booked the third time, at 4:00 PM (patient
        # newcomer test).
        return None
    return number


def _number(t: str, count: int) -> int | None:
    """The 0-based index of "2", "#2", "option 2", "the second", "last"; None otherwise."""
    candidates = []
    match = _NUMBERED.search(t) or _BARE.match(t)
    if match:
        candidates.append(int(match.group(1)))
    word = _WORD_NUMBER.match(t)
    if word:
        candidates.append(_ORDINALS[word.group(1)])
    ordinal = _ORDINAL.search(t)
    if ordinal and not any(m in _MONTHS for m in _DAY_WORD.findall(t)):
        candidates.append(count if ordinal.group(1) == "last" else _ORDINALS[ordinal.group(1)])
    for value in candidates:
        if 1 <= value <= count:
            return value - 1
    return None
