"""Numbers as patients type them ("3", "1.5", "twenty one", "a couple", "half a"): regex, values."""

from __future__ import annotations

import re

ONES = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
TEENS = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
# Vague quantities read as fixed numbers (the spec's readings are built on couple=2, few=3).
VAGUE = {"couple": 2.0, "few": 3.0, "several": 3.0, "dozen": 12.0}


def _alt(words: dict[str, int]) -> str:
    # Longest first so "seventeen" is never read as "seven" + leftovers.
    return "|".join(sorted(words, key=len, reverse=True))


WORD_NUMBER = rf"(?:(?:{_alt(TENS)})(?:[\s-]+(?:{_alt(ONES)}))?|{_alt(TEENS)}|{_alt(ONES)})"
DIGITS = r"(?:\d+(?:\.\d+)?|\.\d+)"
NUMBER = rf"(?:{DIGITS}|{WORD_NUMBER})"

# A quantity in front of a unit. Order matters: the regex engine takes the first alternative
# that fits, so "one and a half" must come before "one", "a couple of" before "a".
QUANTITY = (
    rf"(?:{NUMBER}\s+and\s+a\s+half"
    r"|(?:a\s+)?couple(?:\s+of)?"
    r"|(?:a\s+)?few"
    r"|several"
    r"|(?:a\s+)?dozen"
    r"|half\s+an?"
    r"|a\s+half"
    rf"|{NUMBER}"
    r"|an?)"
)

_SPACES = re.compile(r"[\s-]+")


def word_to_number(text: str) -> float | None:
    """The value of one number word or compound ("twenty one", "twenty-one"), else None."""
    parts = _SPACES.split(text.strip().lower())
    if len(parts) == 1:
        word = parts[0]
        for table in (ONES, TEENS, TENS):
            if word in table:
                return float(table[word])
        return None
    if len(parts) == 2 and parts[0] in TENS and parts[1] in ONES:
        return float(TENS[parts[0]] + ONES[parts[1]])
    return None


def number_value(text: str) -> float | None:
    """The value of a NUMBER match: digits or words."""
    raw = text.strip().lower()
    try:
        return float(raw)
    except ValueError:
        return word_to_number(raw)


def quantity_value(text: str) -> tuple[float | None, str | None]:
    """(value, vague word) of a QUANTITY match; the vague word lets callers apply fixed readings."""
    raw = " ".join(text.lower().split())
    if raw.endswith("and a half"):
        base = number_value(raw[: -len("and a half")])
        return (None if base is None else base + 0.5), None
    if raw in ("a", "an"):
        return 1.0, None
    if raw.startswith("half") or raw == "a half":
        return 0.5, None
    for word, value in VAGUE.items():
        if word in raw:
            return value, word
    return number_value(raw), None


def is_digit_quantity(text: str) -> bool:
    """True when the quantity was typed as digits ("2wks"): only then are 1-letter units safe."""
    return bool(re.fullmatch(DIGITS, text.strip()))
