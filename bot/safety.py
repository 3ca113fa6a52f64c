"""Recognises crisis language (self-harm, suicide) so it is never left to a classifier alone."""

from __future__ import annotations

import re

_CRISIS = re.compile(
    r"\b("
    r"kill(ing)? my ?self|end(ing)? (my|it) (life|all)|end it all|take my (own )?life|"
    r"suicid\w*|want(ed)? to die|wanna die|wish i (was|were) dead|better off dead|"
    r"(hurt|harm|cut)\w* my ?self|self[- ]?harm\w*|don'?t want to (live|be alive|be here)|"
    r"no (point|reason) (in )?(living|to live|going on)|can'?t go on|overdose"
    r")\b",
    re.IGNORECASE,
)
_NEGATED = re.compile(
    r"\b(not|never|no longer|don'?t|am not|i'?m not)\s+(feeling\s+)?suicidal\b", re.IGNORECASE
)


def is_crisis_language(text: str | None) -> bool:
    """True when a message speaks of self-harm or suicide ("not suicidal" is not flagged)."""
    if not text:
        return False
    text = text[:10000].replace("’", "'")
    if _NEGATED.search(text) and not _CRISIS.search(_NEGATED.sub("", text)):
        return False
    return bool(_CRISIS.search(text))
