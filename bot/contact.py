"""Contact details a patient types: names and phone numbers, checked and normalised."""

from __future__ import annotations

import re

import phonenumbers

_NAME_PREFIX = re.compile(
    r"^\s*(?:hi|hello|hey)?[\s,]*(?:my name is|my name's|name is|i am|i'm|im|it's|its|this is|"
    r"call me)\s+",
    re.I,
)
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_ALLOWED = re.compile(r"[^\w\s.'’-]", re.UNICODE)


def try_normalize_phone(text: str | None, region: str = "US") -> str | None:
    """E.164 form (`+17185550142`) of a valid phone number in `text`, or None when there is none.

    `bot.scheduling.contact.normalize_phone` is the same check raising InvalidPhone instead.
    """
    if not text or len(text) > 64:
        return None
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


# The old name, only until bot/sms and bot/reminders are committed at their new home,
# bot/messaging, which already calls try_normalize_phone. Remove then: nothing else uses it.
normalize_phone = try_normalize_phone


def mask_phone(e164: str | None) -> str:
    """A phone number safe for logs and read-backs: only the last two digits show."""
    if not e164:
        return ""
    return "•" * max(0, len(e164) - 2) + e164[-2:]


def clean_name(text: str | None) -> str | None:
    """The name in an answer like "I'm Ana María", or None when it holds no name."""
    if not text:
        return None
    name = _NAME_PREFIX.sub("", text.strip())
    name = _ALLOWED.sub("", name)
    name = " ".join(name.split())[:100].strip(" .-")
    if not _LETTER.search(name) or len(name.split()) > 6:
        return None
    return name


_QUESTION_WORDS = frozenset(
    [
        "where",
        "what",
        "when",
        "how",
        "who",
        "why",
        "which",
        "do",
        "does",
        "can",
        "could",
        "is",
        "are",
        "will",
        "would",
        "should",
    ]
)


def looks_like_question(text: str | None) -> bool:
    """ "where are you located?" at the name prompt is a question, "Jo Park" is a name."""
    words = (text or "").strip().lower().split()
    return bool(words) and (text.strip().endswith("?") or words[0] in _QUESTION_WORDS)
