"""Reply keywords a text can be, recognised only when they are the whole message."""

from __future__ import annotations

import enum
import re


class Keyword(enum.Enum):
    STOP = "stop"
    START = "start"
    HELP = "help"
    CONFIRM = "confirm"
    RESCHEDULE = "reschedule"


# The carrier opt-out words (CTIA / Twilio's defaults) plus the reminder's C and R.
_WORDS = {
    **dict.fromkeys(("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"), Keyword.STOP),
    **dict.fromkeys(("START", "UNSTOP"), Keyword.START),
    **dict.fromkeys(("HELP",), Keyword.HELP),
    **dict.fromkeys(("C", "CONFIRM"), Keyword.CONFIRM),
    **dict.fromkeys(("R", "RESCHEDULE"), Keyword.RESCHEDULE),
}
_EDGES = re.compile(r"^[\s\"'.,!?]+|[\s\"'.,!?]+$")


def keyword_of(text: str | None) -> Keyword | None:
    """The keyword `text` is ("stop", " C. ", "Confirm!"), or None for anything else."""
    if not text:
        return None
    word = _EDGES.sub("", text).upper()
    return _WORDS.get(word)
