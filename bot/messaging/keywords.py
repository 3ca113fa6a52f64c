"""Reply keywords a text can be, recognised only when they are the whole message.

A text is read as a keyword after normalising it: case, punctuation, emoji and polite padding
("please", "thank you", "thanks", "ok", "now") around it do not matter, so "stop please",
"Stop. Thank you" and "STOP 🛑" are STOP. Words inside a longer sentence do not count: "the pain
doesn't stop" and "I want to cancel my appointment" are not keywords.

The opt-out vocabulary is Twilio's default (STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT,
OPTOUT, REVOKE) plus clear phrases ("stop texting me", "don't text me anymore"); opt-in is START
and UNSTOP (and YES from an opted-out number, see `bot.messaging.inbound`); help is HELP and
INFO. Sources: https://www.twilio.com/docs/messaging/tutorials/advanced-opt-out and
https://help.twilio.com/articles/223134027 (Twilio's keyword filtering).
"""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass


class Keyword(enum.Enum):
    STOP = "stop"
    START = "start"
    HELP = "help"
    CONFIRM = "confirm"
    RESCHEDULE = "reschedule"


@dataclass(frozen=True)
class KeywordMatch:
    keyword: Keyword
    word: str  # what to record: "STOP", "OPTOUT", "STOP TEXTING ME" (upper case, <= 64 chars)


OPT_OUT_WORDS = ("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE")
OPT_IN_WORDS = ("START", "UNSTOP")
HELP_WORDS = ("HELP", "INFO")

# Keys are normalised (lower case, words joined by one space): see `normalise`.
_WORDS = {
    **{w.lower(): Keyword.STOP for w in OPT_OUT_WORDS},
    "stop all": Keyword.STOP,
    "opt out": Keyword.STOP,
    **{w.lower(): Keyword.START for w in OPT_IN_WORDS},
    **{w.lower(): Keyword.HELP for w in HELP_WORDS},
    **dict.fromkeys(("c", "confirm"), Keyword.CONFIRM),
    **dict.fromkeys(("r", "reschedule"), Keyword.RESCHEDULE),
}
_CANONICAL = {"stop all": "STOPALL", "opt out": "OPTOUT"}

# Clear requests to stop texting, as whole (normalised) messages. Each names texts, messages or
# a list, or is an unambiguous opt-out verb, so "I want to stop" (the intake) is not one.
_TEXTS = r"(?:texts?|text messages?|messages?|sms|msgs?|reminders?)"
_AGAIN = r"(?: (?:any ?more|again|ever|ever again|at all))?"
_OPT_OUT_PHRASES = re.compile(
    "|".join(
        (
            rf"(?:stop|quit|stop all) (?:texting|txting|messaging|contacting|sending)(?: me)?"
            rf"(?: (?:any )?{_TEXTS})?{_AGAIN}",
            rf"(?:stop|no more)(?: all)?(?: the)? {_TEXTS}{_AGAIN}",
            rf"(?:dont|do not|never) (?:text|txt|message|contact|sms) me{_AGAIN}",
            rf"(?:dont|do not) send me (?:any )?(?:more )?{_TEXTS}{_AGAIN}",
            r"(?:unsubscribe|opt out|optout) me(?: (?:from|off) (?:your|the|this) list)?",
            r"(?:remove|take) me (?:off|from) (?:your|the|this) (?:list|texting list|mailing list)",
            r"remove my (?:phone )?number",
            r"(?:i want to|i would like to|id like to|i wish to) (?:unsubscribe|opt out|optout)",
        )
    )
)

# Polite padding around a keyword, as whole words; the longest is tried first.
# fmt: off
_PADDING = sorted((
    "please", "pls", "plz", "kindly", "just", "thank you", "thankyou", "thanks", "thx", "ty",
    "thank u", "thank you very much", "thank you so much", "thanks very much", "thanks so much",
    "thanks a lot", "many thanks", "cheers", "ok", "okay", "now", "right now", "asap",
    "immediately", "sorry", "hi", "hello", "hey",
), key=len, reverse=True)
# fmt: on
_PADDING_WORDS = "|".join(map(re.escape, _PADDING))
_LEAD = re.compile(rf"^(?:{_PADDING_WORDS})(?: |$)")
_TRAIL = re.compile(rf"(?:^| )(?:{_PADDING_WORDS})$")


def normalise(text: str) -> str:
    """`text` as lower-case words joined by one space: accents, apostrophes, punctuation and
    emoji gone ("Don’t text me!! 🛑" -> "dont text me", "opt-out" -> "opt out")."""
    plain = unicodedata.normalize("NFKD", text).lower()
    plain = re.sub(r"['\u2018\u2019\u02bc`]", "", plain)
    words = []
    for ch in plain:
        kind = unicodedata.category(ch)
        if kind[0] in "LN":
            words.append(ch)
        elif kind != "Mn":  # accents go, everything else separates words
            words.append(" ")
    return " ".join("".join(words).split())


def _unpadded(words: str) -> str:
    while True:
        shorter = _TRAIL.sub("", _LEAD.sub("", words, count=1), count=1)
        if shorter == words or not shorter:
            return words
        words = shorter


def read_keyword(text: str | None) -> KeywordMatch | None:
    """The keyword `text` is, with the word to record; None for anything else.

    "stop please", "Stop texting me please", "STOP 🛑", "c", "Confirm!" are keywords; "please
    stop the pain" and "I want to cancel my appointment" are not.
    """
    words = _unpadded(normalise(text or ""))
    if not words:
        return None
    unique = _unpadded(" ".join(dict.fromkeys(words.split())))  # "stop stop" -> "stop"
    for candidate in (words, unique):
        keyword = _WORDS.get(candidate)
        if keyword is not None:
            return KeywordMatch(keyword, _CANONICAL.get(candidate, candidate.upper()))
        if _OPT_OUT_PHRASES.fullmatch(candidate):
            return KeywordMatch(Keyword.STOP, candidate.upper()[:64])
    return None


def keyword_of(text: str | None) -> Keyword | None:
    """The keyword `text` is ("stop", " C. ", "Stop. Thank you"), or None for anything else."""
    match = read_keyword(text)
    return match.keyword if match else None
