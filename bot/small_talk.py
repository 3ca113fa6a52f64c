"""Small talk: a message that is only a greeting or thanks ("hi", "thank you!", "ok thanks").

It never answers a question. Forms leave it to the rules (which say hello again or "you're
welcome" and the form asks its question again), so "thanks" is never stored as a name, an
activity or a booking preference. Pure text matching; no Rasa imports.
"""

from __future__ import annotations

import re

_GREETING = r"(?:hi+|hello+|hey+|hiya|howdy|good (?:morning|afternoon|evening|day))"
_THANKS = (
    r"(?:thanks?|thank you|thankyou|thx|cheers|many thanks|much appreciated|appreciate it)"
    r"(?: (?:so much|very much|a lot|a bunch|again|for that|for asking))?"
)
_FILLER = r"(?:ok|okay|oh|ah|well|great|cool|perfect|lovely|thanks|there|again)"
_SMALL_TALK = re.compile(
    rf"^(?:{_FILLER} )*(?:{_GREETING}|{_THANKS})(?: (?:{_GREETING}|{_THANKS}|there|again))*$"
)


def _plain(text: str) -> str:
    text = (text or "").lower().replace("\u2019", "").replace("'", "")
    return " ".join(re.sub(r"[^a-z]+", " ", text).split())


def is_greeting_or_thanks(text: str | None) -> bool:
    """True when `text` is only a greeting and/or thanks, in any case and punctuation
    ("Hi!", "hello there", "thank you so much", "ok thanks"). False for anything else,
    including empty text and greetings with content ("hi, my knee hurts")."""
    plain = _plain(text or "")
    return bool(plain) and bool(_SMALL_TALK.match(plain))
