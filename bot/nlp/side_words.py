"""Whether "left", "right" or "both" names a side, and the side a short answer names on its own.

"right now", "right away", "all right", "that's right", "my hip, right?" and "I left it at home"
are not sides. Used by `bot.nlp.regions` (a side next to a body part) and by corrections
("actually it's the left side").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.nlp.region_context import SIDE_WORDS


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


# "right" as an adverb: "right now", "right away", "right in my knee", "right after lunch".
_RIGHT_ADVERB_NEXT = _words(
    "now away after before when then there here where as at in on under above below between by"
    " near next around behind across along through inside outside into onto over off up down to"
    " about from till until since this that these those"
)
# "all right", "that's right", "sounds right": agreement when nothing but punctuation follows.
_RIGHT_AGREE_PREV = _words(
    "all that's thats you're youre sounds sound looks look seems seem feels feel felt exactly"
    " quite yeah yes yep yup ok okay correct alright is was are were"
)
_CLAUSE_END = _words("but and so though because")
_SUBJECTS = _words("i we you he she they it pain ache nothing")
_AUX = _words(
    "has have had hasn't haven't hadn't hasnt havent hadnt never just already was were been be"
    " being"
)
# What follows "left" the verb: "has left me", "I left work early", "left over".
_LEFT_VERB_NEXT = _words(
    "me us him her them it my the a an for over out alone behind home work early town school"
    " and , . ! ?"
)
_SIDE_NOUNS = _words("side sides one ones")
_POSSESSIVES = _words("my his her your their our")
_DETERMINERS = _POSSESSIVES | {"the"}


def is_side(words: Sequence[str], i: int) -> bool:
    """Whether `words[i]` (lower-cased tokens) is a side word used as a side."""
    word = words[i]
    if word not in SIDE_WORDS:
        return False
    prev = words[i - 1] if i > 0 else ""
    before = words[i - 2] if i > 1 else ""
    nxt = words[i + 1] if i + 1 < len(words) else ""
    if nxt in _SIDE_NOUNS:
        return True
    if prev in _DETERMINERS:
        return True  # "on the right in my lower back"
    if word == "right":
        if nxt in _RIGHT_ADVERB_NEXT:
            return False
        agree_prev = prev in _RIGHT_AGREE_PREV or (prev == "'s" and before == "that")
        if agree_prev and (not nxt or not nxt[0].isalnum() or nxt in _CLAUSE_END):
            return False  # "all right.", "that's right, ...", "8 months is right but ..."
        if nxt == "?" and prev in (",", ""):
            return i == 0 and len(words) == 2  # "right?" alone asks which; ", right?" is a tag
    if nxt in _POSSESSIVES:
        return False  # "left my knee brace at home"
    if word == "left":
        if nxt in ("over", "out", "alone", "behind") or prev in _SUBJECTS:
            return False
        if prev in _AUX and (not nxt or nxt in _LEFT_VERB_NEXT):
            return False
    return True


_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[^\w\s]", re.IGNORECASE)
_NOT = frozenset({"not", "never", "isn't", "isnt", "no"})
_NOT_FILLER = frozenset({"the", "my", "on", "in", "its", "it's", "that", "side", "really"})
_TAKE_BACK = frozenset({"no", "nope", "sorry", "mean", "meant", "actually", "wait", "oops"})


def _negated(words: Sequence[str], i: int) -> bool:
    """ "not the right", "not on the left": the side the patient rules out."""
    j = i - 1
    while j >= 0 and words[j] in _NOT_FILLER:
        j -= 1
    return j >= 0 and (words[j] in _NOT or words[j].endswith("n't"))


def said_side(text: str) -> str | None:
    """The side a message names without a body part: "left", "right", "both" or None.

    "the left one" -> "left"; "on the left, not the right" -> "left"; "right, I mean left" ->
    "left"; "left and right" -> "both"; "the pain is a 6 right now" -> None.
    """
    if not isinstance(text, str):
        return None
    words = [w.lower() for w in _TOKEN.findall(text[:2000].replace("\u2019", "'"))]
    if len(words) <= 2 and words and words[0] in ("l", "r"):
        return SIDE_WORDS[words[0]]
    found = [
        (i, SIDE_WORDS[w])
        for i, w in enumerate(words)
        if w in SIDE_WORDS and len(w) > 1 and is_side(words, i) and not _negated(words, i)
    ]
    # "right, I mean left": a side followed by a take-back before the next side is dropped.
    kept = [
        side
        for k, (i, side) in enumerate(found)
        if k + 1 == len(found) or not _TAKE_BACK.intersection(words[i + 1 : found[k + 1][0]])
    ]
    names = set(kept)
    if "both" in names or {"left", "right"} <= names:
        return "both"
    return kept[0] if kept else None
