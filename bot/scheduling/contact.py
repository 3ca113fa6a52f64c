"""Validation of the patient's contact details (phone in E.164, e-mail) and booking codes."""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass

from bot import contact
from bot.scheduling.errors import InvalidContact, InvalidEmail, InvalidPhone

DEFAULT_REGION = "US"
# No 0/O, 1/I/L: codes are read out over the phone and typed from SMS.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
# An address as people type it: RFC 5322's unquoted local part (letters of any script too) and a
# dotted domain; never markup or quotes ('"><script>...@x.com' was saved by the console).
_EMAIL = re.compile(r"^[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+$", re.UNICODE)


def normalize_phone(text: str, region: str = DEFAULT_REGION) -> str:
    """The number in E.164 (`+17185550142`), or InvalidPhone.

    `bot.contact.try_normalize_phone` is the same check returning None instead.
    """
    e164 = contact.try_normalize_phone(text, region)
    if e164 is None:
        raise InvalidPhone("not a valid phone number")
    return e164


def normalize_email(text: str | None) -> str | None:
    """The trimmed address, None when empty, or InvalidEmail."""
    if text is None or not text.strip():
        return None
    text = text.strip()
    if not _EMAIL.match(text) or len(text) > 320:
        raise InvalidEmail("not an e-mail address")
    return text


# An address inside a message: "my email is ana+pt@example.com.", "<ana@example.com>",
# "'ana@example.com'", "email=ana@example.com". The local part as people's addresses have it
# (letters, digits, ".", "_", "+", "-", an inner "'"), so quotes, stars and markup around it are
# not kept (review: "'ana@example.com'" was saved with its quote); then checked by `_EMAIL`.
_EMAIL_IN_TEXT = re.compile(
    r"(?<![\w.+-])(?<!\w')[\w+-](?:[\w.+'-]*[\w+-])?@[\w-]+(?:\.[\w-]+)+", re.UNICODE
)
# Spelled out, as people say it aloud or dodge spam filters: "ana at example dot com",
# "ana.ruiz [at] example [dot] co [dot] uk", "ana at gmail.com". Only a whole answer (after "my
# email is") of this shape: "at" and "dot" inside a sentence are words.
_LEAD_IN = re.compile(
    r"^\W*(?:(?:my|the|it'?s|its|it is|here'?s|here is|use|try|send (?:it )?to)\s+)*"
    r"(?:(?:email address|e-?mail|address)\s*(?:is)?\s*:?\s*)?",
    re.IGNORECASE,
)
_AT = r"\s*[\[(]?\s*\bat\b\s*[\])]?\s*"
_DOT_WORD = r"(?:\s*[\[(]?\s*\bdot\b\s*[\])]?\s*|\.)"
_SPELLED = re.compile(
    rf"^([\w+-]+(?:{_DOT_WORD}[\w+-]+)*){_AT}([\w-]+(?:{_DOT_WORD}[\w-]+)+)"
    r"(?:\W+(?:please|pls|thanks|thank you|thx))?\W*$",
    re.IGNORECASE,
)
_DOT = re.compile(r"\s*[\[(]?\s*\bdot\b\s*[\])]?\s*", re.IGNORECASE)
# Words that start a sentence with "at" in it, never an address's name: "no at all dot com".
_NOT_A_MAILBOX = frozenset({"no", "not", "i", "me", "you", "we", "it", "look", "home", "work",
                            "meet", "see", "here", "there", "be", "im", "i'm"})


def find_email(text: str | None) -> str | None:
    """The e-mail address a message gives, or None: the message itself, an address inside it
    ("my email is ana+pt@example.com.", "<ana@example.com>"), or one spelled out as a whole
    answer ("ana at example dot com"). Checked by `normalize_email`; sentence punctuation
    after it is not part of it (pass K: a trailing dot, angle brackets and " at ... dot com"
    were refused)."""
    text = (text or "").strip()
    written = next(_addresses_in(text), None)
    if written is not None:
        return written
    if "@" in text:
        return None
    spelled = _SPELLED.match(_LEAD_IN.sub("", text, count=1))
    if spelled is None or spelled.group(1).lower() in _NOT_A_MAILBOX:
        return None
    address = f"{_DOT.sub('.', spelled.group(1))}@{_DOT.sub('.', spelled.group(2))}"
    try:
        return normalize_email(address)
    except InvalidEmail:
        return None


def several_emails(text: str | None) -> bool:
    """Whether a message gives more than one e-mail address: `find_email` keeps the first,
    and the patient is told which (pass L: "ana@a.com or ana@b.com" kept the first silently)."""
    return len({a.lower() for a in _addresses_in((text or "").strip())}) > 1


def _addresses_in(text: str) -> Iterator[str]:
    """The valid addresses written inside `text` (`normalize_email`), in order; a sentence's
    full stop after one is not part of it."""
    for match in _EMAIL_IN_TEXT.finditer(text):
        try:
            yield normalize_email(match.group(0).rstrip("."))
        except InvalidEmail:
            continue


def new_booking_code() -> str:
    """A short random code like `K7Q-4MD` (31^6, about 887 million, possibilities)."""
    chars = "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))
    return f"{chars[:3]}-{chars[3:]}"


# A code as people type it: `K7Q-4MD`, `k7q 4md`, `K7Q4MD`, "my code is K7Q-4MD." The two
# halves must be the code's own three-character groups: "2 weeks" is not `2WE-EKS`.
_CODE_SHAPE = re.compile(
    r"^\W*(?:(?:my|the|its|it's)\s+)?(?:booking\s+)?(?:code|ref|reference)?\s*(?:is|:)?\s*"
    r"([a-z0-9]{3})[\s-]?([a-z0-9]{3})\W*$",
    re.IGNORECASE,
)
# A number and a time unit typed together is a duration ("2weeks", "18mnths"), not a code.
_DURATION = re.compile(
    r"^\d+\s*(?:d|dys?|days?|w|wks?|weeks?|m|mos?|mnths?|months?|y|yrs?|years?)$"
)


def has_code_shape(text: str) -> bool:
    """Whether `text` has a booking code's shape and letters, even if it also reads as a
    duration: "22222d" (a code, or 22222 days) is no yes to "cancel it?" (hypothesis)."""
    match = _CODE_SHAPE.match((text or "").strip())
    return bool(match) and all(
        c in CODE_ALPHABET for c in (match.group(1) + match.group(2)).upper()
    )


# A code inside a sentence: "my code is GR6-G7Z and my phone is ...", "GR6-G7Z 6465550123".
# Read at every word start (overlapping: "yes GR6 G7Z" is GR6-G7Z, never YES-GR6), with a letter
# and a digit, so "yes yes", "cramps" or "646 555" are no code.
_CODE_IN_TEXT = re.compile(
    r"(?<![\w-])(?=([a-z0-9]{3})[\s-]?([a-z0-9]{3})(?![\w-]))", re.IGNORECASE
)
# Halves that are words or dates, never a code's: "the 3rd", "Wed 4pm", "tue 3rd" (review).
_NOT_A_HALF = frozenset(
    {"THE", "AND", "YES", "THX", "FOR", "MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN", "MAR",
     "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "DEC", "FEB", "JAN", "NOV", "OCT", "ANY", "ARE",
     "HAS", "HAD", "HER", "HIS", "SHE", "ITS", "CAN", "NEW", "TWO", "SAY", "PHN", "TEL", "REF",
     "PLS", "HEY", "NOW", "HRS", "APT", "NUM", "YEP", "YUP", "NAH", "SRY", "GOT", "GET", "SET"}
)
# A time, a span or a date typed as six characters: "9am-5pm", "2wk-3wk", "the 2nd".
_TIME_LIKE = re.compile(r"\d(?:am|pm|wk|hr|yr|mo|st|nd|rd|th)", re.IGNORECASE)


def _code_of(first: str, second: str) -> str | None:
    chars = (first + second).upper()
    if any(c not in CODE_ALPHABET for c in chars) or _TIME_LIKE.search(chars):
        return None
    if _DURATION.match(chars.lower()):
        return None  # "2weeks" meant for the intake the look-up interrupted
    if first.upper() in _NOT_A_HALF or second.upper() in _NOT_A_HALF:
        return None
    return f"{chars[:3]}-{chars[3:]}"


def find_code(text: str | None) -> str | None:
    """The booking code written inside a message, as `K7Q-4MD`; None when there is none. Only
    a code with a letter and a digit counts, never a word or a date ("the 3rd", "Wed 4pm")
    (pass L: the code and the phone sent together were "no booking code")."""
    for match in _CODE_IN_TEXT.finditer((text or "")[:300]):
        code = _code_of(match.group(1), match.group(2))
        if code and any(c.isdigit() for c in code) and any(c.isalpha() for c in code):
            return code
    return None


# Words right before a code that say it is one: "my code is 64S-X2C", "found it: 64S-X2C".
_CODE_CUE = re.compile(
    r"\b(?:code|ref|reference|found it|here it is|confirmation(?: number)?)\W*(?:is\W*)?$",
    re.IGNORECASE,
)


def code_in_message(text: str | None) -> str | None:
    """The booking code a message gives, as `K7Q-4MD`: the whole message ("64S-X2C", "my code
    is GR6-G7Z"), or a code right after "code", "ref" or "found it" ("ok I found it:
    64S-X2C"); None otherwise, and never a time or a date ("9am-5pm", "on the 2nd": review).
    With a letter and a digit, or written as codes are ("ABC-DEF"), so "yes yes" and "cramps"
    are none (pass L: a code sent after "no code", or as a first message, got the fallback or
    a pain intake)."""
    text = (text or "")[:300]
    code = normalize_code(text)
    if code is None:
        cued = (m for m in _CODE_IN_TEXT.finditer(text) if _CODE_CUE.search(text[:m.start()]))
        match = next(cued, None)
        code = None if match is None else _code_of(match.group(1), match.group(2))
    # A whole-message code gets the time and half checks too, not the duration's: "234-56M",
    # written as codes are, is a code (review: it was refused as "23456m", five minutes).
    if code is None or _TIME_LIKE.search(code.replace("-", "")):
        return None
    if code.split("-")[0] in _NOT_A_HALF or code.split("-")[1] in _NOT_A_HALF:
        return None
    mixed = any(c.isdigit() for c in code) and any(c.isalpha() for c in code)
    return code if mixed or code in text else None  # "ABC-DEF", as codes are written


def normalize_code(text: str) -> str | None:
    """`k7q4md`, ` K7Q 4MD `, `K7Q-4MD` and "my code is K7Q-4MD" all give `K7Q-4MD`; None when
    the message can't be a code: another shape ("2 weeks", "K7Q-4M"), a duration ("2weeks")
    or a character no code has (`CODE_ALPHABET` leaves out I, L, O, 0 and 1)."""
    match = _CODE_SHAPE.match((text or "").strip())
    if not match or _DURATION.match((text or "").strip().lower()):
        return None
    chars = (match.group(1) + match.group(2)).upper()
    if any(c not in CODE_ALPHABET for c in chars):
        return None
    return f"{chars[:3]}-{chars[3:]}"


_NO_CODE = re.compile(
    r"^\W*(?:no|nope|nah|none|n/a)\W*$"
    r"|\b(?:don'?t|do not|can'?t|cannot|didn'?t|never)\s+(?:have|know|remember|find|get|got)\b"
    r"|\b(?:no|without a?)\s*(?:code|booking code)\b|\b(?:lost|forgot|forgotten|dunno|no idea)\b"
    # No booking at all: "I haven't booked anything yet", "not booked", "no appointment".
    r"|\b(?:haven'?t|have not|hasn'?t|not|never|didn'?t|did not)\s+(?:yet\s+|even\s+)?"
    r"(?:booked|book|made|scheduled)\b"
    r"|\bno\s+(?:booking|appointment|reservation)s?\b"
)


def says_no_code(text: str | None) -> bool:
    """Whether an answer to "what's your booking code?" says there is none to give ("I don't
    have one", "lost it", "no", "I haven't booked anything yet", "no booking"), rather than
    being a code or a typo of one."""
    return bool(_NO_CODE.search((text or "").lower().replace("\u2019", "'")))


@dataclass(frozen=True)
class PatientDetails:
    """Who the booking is for, as validated from the conversation. Build with `create`."""

    name: str
    phone: str
    email: str | None = None
    sms_consent: bool = False

    @classmethod
    def create(
        cls,
        name: str,
        phone: str,
        email: str | None = None,
        sms_consent: bool = False,
        region: str = DEFAULT_REGION,
    ) -> PatientDetails:
        clean_name = " ".join((name or "").split())
        if not clean_name or len(clean_name) > 200:
            raise InvalidContact("a name is needed")
        return cls(
            name=clean_name,
            phone=normalize_phone(phone, region),
            email=normalize_email(email),
            sms_consent=bool(sms_consent),
        )
