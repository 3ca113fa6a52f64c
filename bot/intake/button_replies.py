"""Typed versions of the buttons' titles, and the usual yes/no variants, read as the click.

Every question with buttons must accept its buttons' titles typed ("yes, cancel it", "Yes
please", "NO, KEEP IT!") as well as clicked. The titles come from the domain's responses
(`button_pairs`); a typed title matches when it is the title once case, punctuation, emoji and
polite padding ("please", "thanks", "ok,") are set aside. A whole yes or no phrase ("yep",
"no thanks", "not now") counts as the yes or the no. Anything more ("no, it's my left knee") is
left to the classifier: it may carry an answer of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

AFFIRM, DENY = "affirm", "deny"

_LEAD = re.compile(r"^(?:(?:ok|okay|oh|um|uh|er|well|so|hmm|i said|i mean)\s+)+")
_TRAIL = re.compile(r"(?:\s+(?:please|pls|plz|thanks|thank you|thx|ty|cheers|then))+$")
_SLOT = re.compile(r"\{\w+\}")
_SLOT_MARK = "slotvalue"
# Whole replies that are a plain yes or no (no "right": it is also a side; no "none": it is
# also "none of these" at the offered times).
_YES_REPLIES = frozenset(
    {
        "yes", "y", "yeah", "yea", "ya", "yep", "yup", "yes yes", "sure", "sure thing",
        "yes sure", "yeah sure", "ok", "okay", "ok yes", "okay yes", "yes ok", "yes okay",
        "correct", "thats correct", "that is correct", "thats right", "that is right",
        "yes thats right", "yes it is", "yes i do", "yes i have", "yes i did", "absolutely",
        "definitely", "of course", "yes of course", "indeed", "affirmative", "sounds good",
        "yes please", "go ahead", "yes go ahead", "please do", "yes definitely",
        "uh huh", "mhm", "mm hmm", "mmhmm", "why not", "sure why not", "go for it",
        "lets do it", "lets do that", "yes lets do it", "do it", "that works", "works for me",
    }
)  # fmt: skip
_NO_REPLIES = frozenset(
    {
        "no", "n", "nope", "nah", "no no", "no thanks", "no thank you", "not now", "not today",
        "not right now", "not yet", "maybe later", "no not now", "not really", "no not really",
        "negative", "definitely not", "no way", "not at all", "no i dont", "no i havent",
        "no i didnt", "no its not", "thats wrong", "that is wrong", "not quite", "incorrect",
        "wrong", "no never", "never",
    }
)  # fmt: skip


# A hesitation on its own ("hmm", "umm...", "uh", "erm", "well") answers nothing: DIET took
# "hmm" for a yes at the read-back (0.40), and the intake was confirmed. It is read as the
# fallback, which every stage already answers by asking its question again.
_HESITATION = re.compile(r"^(?:(?:h+m+|m{2,}|u+m+|u+h+|e+r+m*|a+h+|e+h+|huh|well|so)\s*)+$")
# A yes or a no has one of these in it. The classifier's affirm or deny for a message with none
# ("Jo" at the offer to book: deny, 0.63) is a guess: read as the fallback, asked again.
_YES_NO_CUE = re.compile(
    r"\b(?:y|ya|yas|yh|yeh|yes+|yeah|yea|yep|yup|ok|okay|k|alright|correct|right|sure|sounds?|"
    r"absolutely|"
    r"definitely|course|exactly|got|perfect|good|great|fine|mhm|huh|agree|accurate|true|please|"
    r"go|do|book|works?|thats|it|n|no+|nope|nop|nah|nuh|never|not|dont|way|negative|incorrect|"
    r"wrong|"
    r"isnt|havent|im|later|pass|skip|rather)\b"
)


def normalise(text: str) -> str:
    """Lower case, apostrophes dropped, other punctuation and emoji as spaces, single spaces."""
    text = (text or "").lower().replace("\u2019", "").replace("'", "")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def core(text: str) -> str:
    """The reply without polite padding: "ok, yes, cancel it please!" -> "yes cancel it"."""
    plain = normalise(text)
    stripped = _TRAIL.sub("", _LEAD.sub("", plain)).strip()
    return stripped or plain


def yes_no_reply(text: str) -> str | None:
    """`affirm` or `deny` when the whole message is a plain yes or no, else None."""
    plain = normalise(text)
    reply = plain if plain in _YES_REPLIES else core(text)  # "uh huh" is no "uh" before "huh"
    if reply in _YES_REPLIES:
        return AFFIRM
    if reply in _NO_REPLIES:
        return DENY
    return None


def has_yes_no_cue(text: str) -> bool:
    """True when `text` has a word a yes or a no is made of ("sounds good", "not for me")."""
    return bool(_YES_NO_CUE.search(normalise(text)))


# Asking for a moment ("hmm let me check", "hold on", "one sec, finding it") answers nothing
# either: at the booking-code question it got "Sorry, I didn't understand that" (issue 13).
_WAIT_PHRASE = (
    r"(?:let me (?:check|look|see|find(?: it)?|get it|think|grab it)"
    r"|(?:hold|hang) on|one (?:sec|second|moment|minute|min)"
    r"|(?:just )?a (?:sec|second|moment|minute)"
    r"|give me a (?:sec|second|moment|minute)|wait|brb|checking|looking(?: for it)?"
    r"|finding it|i(?:ll| will) (?:check|look)|let me look it up)"
)
_WAIT = re.compile(
    r"^(?:(?:h+m+|u+m+|u+h+|e+r+m*|ok|okay|oh|so|well|yes|yeah|sure)\s+)*" + _WAIT_PHRASE
    + r"(?:\s+(?:" + _WAIT_PHRASE + r"|please|thanks|pls|for it|its somewhere"
    r"|i have it somewhere|in my email|in my texts"
    r"|my (?:email|emails|texts|messages|phone|inbox|calendar|diary|schedule|planner)))*$"
)


def is_hesitation(text: str) -> bool:
    """True when the whole message is a hesitation ("Hmm...", "umm", "uh hm", "erm", "well")
    or asks for a moment (`is_asking_to_wait`)."""
    plain = normalise(text)
    return bool(_HESITATION.match(plain)) or is_asking_to_wait(plain)


def is_asking_to_wait(text: str) -> bool:
    """True when the whole message asks for a moment: "hmm let me check", "hold on", "one sec"."""
    return bool(_WAIT.match(normalise(text)))


def payload_intent(payload: str) -> str | None:
    """The intent of a button payload ("/affirm", '/choose_slot{"n": 1}'), None for plain text."""
    if not payload.startswith("/"):
        return None
    return re.split(r"[{@]", payload[1:], maxsplit=1)[0] or None


@dataclass(frozen=True)
class ButtonReplies:
    """The buttons of a domain, as typed replies: a typed title gives its button's payload."""

    patterns: tuple[tuple[re.Pattern[str], str], ...]

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, str]]) -> ButtonReplies:
        """From (title, payload) pairs; a title's `{slot}` matches any one word or number."""
        patterns = []
        for title, payload in pairs:
            typed = core(_SLOT.sub(_SLOT_MARK, title))
            regex = re.escape(typed).replace(_SLOT_MARK, "[a-z0-9]+")
            patterns.append((re.compile(rf"^{regex}$"), payload))
        return cls(tuple(patterns))

    def payload_for(self, text: str) -> str | None:
        """The payload of the first button whose title `text` is a typed version of."""
        reply = core(text)
        return next((payload for pattern, payload in self.patterns if pattern.match(reply)), None)

    def intent_for(self, text: str) -> str | None:
        """The intent of the intent button (`/affirm`) `text` is a typed title of, else of a
        plain yes or no; None otherwise (a text button's title is read by the form as text)."""
        payload = self.payload_for(text)
        intent = payload_intent(payload) if payload else None
        return intent or yes_no_reply(text)


def button_pairs(domain: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Every (title, payload) of the buttons in a parsed `domain.yml`, in order, once each."""
    seen: dict[tuple[str, str], None] = {}
    for variants in (domain.get("responses") or {}).values():
        for variant in variants or []:
            for button in variant.get("buttons") or []:
                seen[(str(button.get("title", "")), str(button.get("payload", "")))] = None
    return list(seen)


# ------------------------------------------------------------ what the patient saw and chose
# Readable words for an intent payload with no button to take the title from.
PAYLOAD_LABELS = {
    "affirm": "Yes",
    "deny": "No",
    "greet": "(opened the chat)",
    "confirm_safe": "I'm safe",
    "request_human": "Talk to a person",
    "restart": "Start over",
    "stop": "Stop",
}
_INTENT_PAYLOAD = re.compile(r"^/([A-Za-z0-9_]+)")


def payload_label(payload: str) -> str:
    """Words for a payload no button explains: `/affirm` → "Yes", `/book_visit{..}` →
    "Book visit"; any other text as it is."""
    match = _INTENT_PAYLOAD.match(payload)
    if not match:
        return payload
    intent = match.group(1)
    return PAYLOAD_LABELS.get(intent) or intent.replace("_", " ").strip().capitalize()


def button_title(payload: str, offered: Iterable[Iterable[Mapping[str, Any]]]) -> str | None:
    """The title of the button with this payload, newest assistant message first (`offered`:
    the buttons of each assistant message since the patient last spoke, oldest first)."""
    for buttons in reversed(list(offered)):
        for button in buttons:
            if str(button.get("payload", "")) == payload and button.get("title"):
                return str(button["title"])
    return None


def shown_answer(
    text: str, offered: Iterable[Iterable[Mapping[str, Any]]]
) -> tuple[str, str | None]:
    """(what the patient chose as they saw it, the payload or None) for a message's text: a
    clicked button, or a number texted for one (SMS), reads as its title ("/deny" → "No");
    an intent payload no button explains as `payload_label`; typed text as it is."""
    title = button_title(text, offered)
    payload = text if title or _INTENT_PAYLOAD.match(text) else None
    return title or (payload_label(text) if payload else text), payload
