"""Recognises crisis language (self-harm, suicide) so it is never left to a classifier alone."""

from __future__ import annotations

import re

_CRISIS = re.compile(
    r"\b("
    r"kill(ing)? my ?self|end(ing)? (my|it) (life|all)|end it all|take my (own )?life|"
    r"want(ed)? to end it|end(ing)? things|hang(ing)? my ?self|"
    r"suicid\w*|want(ed)? to die|wanna die|wish i (was|were) dead|better off dead|"
    r"rather be dead|not worth living|don'?t want to wake up|kms|"
    r"(want|going|thinking about|tempted|urge) to (hurt|harm|cut) my ?self|"
    r"(harm\w*|cut\w*) my ?self(?! (chopping|cooking|shaving|on|with a|by accident))|"
    r"self[- ]?harm\w*|don'?t want to (live|be alive|be here)|"
    r"no (point|reason) (in )?(living|to live|going on)|"
    r"can'?t go on (anymore|any more|like this|living)|overdos\w*"
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
