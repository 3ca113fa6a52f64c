"""Reads a yes or a no from a short free-text answer, before any classifier is asked."""

from __future__ import annotations

import re

_YES = {
    "yes",
    "y",
    "yeah",
    "yea",
    "ya",
    "yep",
    "yup",
    "yh",
    "yeh",
    "yas",
    "sure",
    "correct",
    "right",
    "true",
    "affirmative",
    "definitely",
    "absolutely",
    "i have",
    "i did",
    "i do",
    "it is",
    "si",
    "sí",
    "yes please",
    "uh huh",
    "of course",
    "indeed",
    "ok",
    "okay",
    "that's right",
    "thats right",
}
_NO = {
    "no",
    "n",
    "nope",
    "nop",
    "nuh uh",
    "nah",
    "never",
    "not really",
    "none",
    "negative",
    "no never",
    "i haven't",
    "i havent",
    "i have not",
    "i didn't",
    "i didnt",
    "i did not",
    "i don't",
    "i dont",
    "not at all",
    "nothing like that",
    "no i haven't",
    "no i havent",
    "nada",
    "definitely not",
    "wrong",
    "incorrect",
    "that's wrong",
    "thats wrong",
    "not quite",
    "not now",
    "not today",
    "not right now",
    "no thanks",
    "no thank you",
}
# "I don't remember" was saved as a no to the bladder question, and "I don't have a thermometer"
# as a no to the fever question: a "don't" that is no answer.
_UNSURE = re.compile(
    r"\b(don'?t know|dont know|no idea|not sure|unsure|dunno|maybe|idk|idek|i dk|dk|not a clue|"
    r"who knows|no clue|can'?t be sure|"
    r"(?:don'?t|do not|can'?t|cannot) (?:remember|recall|tell|say)|not certain|no clue|"
    r"hard to (?:say|tell)|(?:haven'?t|have not|didn'?t|did not|never) (?:checked|measured|"
    r"taken|weighed)|(?:don'?t|do not) have a (?:thermometer|scale))\b"
)
# Whole words only: letters glued to digits are part of a code or a time, never a yes or a no
# (the booking code "9Y9-7NA" sent again at "cancel it?" read as "y" and cancelled it).
_WORDS = re.compile(r"(?<![\da-zà-ÿ'])[a-zà-ÿ']+(?![\da-zà-ÿ'])")
# Words before a yes or a no that change nothing: "well yes", "um yeah", "so no".
_LEADING_FILLERS = {"well", "um", "uh", "umm", "erm", "er", "hmm", "ah", "so"}
# "neither" on its own, to a question with buttons Yes / No / Not sure: neither a yes nor a no,
# so the question's clarifying version ("neither" at the fall question was asked again, as is).
# Inside a sentence it negates ("neither my bladder nor my bowels"): parse_yes_no reads that.
_NEITHER = {
    "neither", "neither one", "neither really", "neither of those", "neither of them",
    "neither of these", "neither of the two", "neither of that", "um neither", "hmm neither",
}  # fmt: skip
# Words that answer nothing on their own: "thanks", "ok", "hi", "cool" (and emoji, which have no
# words at all). At a safety question a message of only these is asked again, never an answer.
_SMALL_TALK = {
    "thanks", "thank", "you", "thx", "ty", "cheers", "ok", "okay", "k", "kk", "hi", "hello",
    "hey", "hiya", "cool", "great", "nice", "good", "lol", "haha", "oh",
    "alright", "fine", "got", "it", "gotcha", "noted", "please", "morning", "afternoon",
    "evening", "there",
}  # fmt: skip


def is_unsure(text: str | None) -> bool:
    """ "not sure", "I don't know", "maybe", a lone "neither": an answer, but no yes or no."""
    if not text:
        return False
    phrase = " ".join(_WORDS.findall(text.lower().replace("’", "'")))
    return phrase in _NEITHER or bool(_UNSURE.search(phrase))


_REFUSAL = re.compile(
    r"\b((?:i'?d|i would) rather not|(?:i'?d|i would)? ?prefer not|rather not (?:say|answer)|"
    r"(?:don'?t|do not|dont) (?:want|wanna|wish|need) to (?:say|answer|tell|share|talk about)|"
    r"not (?:comfortable|going to|gonna) (?:say|answer|tell|sharing|share|saying|answering)|"
    r"(?:won'?t|will not) (?:say|answer|tell)|none of your business|that'?s private|"
    r"(?:it'?s|that'?s) personal|"
    # "nope not answering that", "no comment" (each was read as a no: newcomer test)
    r"not (?:answering|saying|telling|sharing|discussing|going into)(?: that| this| it| you)?$|"
    r"not (?:answering|telling|sharing|discussing) (?:that|this|it|you)|no comment)\b"
    # ... or a whole message that skips the question ("pass water" is no refusal).
    r"|^(?:pass|skip|skip (?:it|that|this|this one)|next|next question)$"
)


_UNSURE_PADDING = {"i", "really", "honestly", "tbh", "just", "im", "i'm", "am", "so", "um",
                   "well", "sorry", "to", "be", "it", "hmm", "oh", "quite", "totally"}


def is_only_unsure(text: str | None) -> bool:
    """ "I really don't know", "not sure tbh": a message that says nothing but "not sure" (never
    "not sure I can go on")."""
    phrase = " ".join(_WORDS.findall((text or "").lower().replace("’", "'")))
    match = _UNSURE.search(phrase)
    if not match:
        return False
    rest = (phrase[: match.start()] + " " + phrase[match.end() :]).split()
    return all(word in _UNSURE_PADDING for word in rest)


def is_refusal(text: str | None) -> bool:
    """ "I'd rather not say", "I don't want to answer that", "pass": no answer given. At a
    safety question it is never a no: it was, and a bladder symptom the patient had described
    was cleared and the patient booked (newcomer test)."""
    if not text:
        return False
    return bool(_REFUSAL.search(" ".join(_WORDS.findall(text.lower().replace("’", "'")))))


def is_small_talk(text: str | None) -> bool:
    """ "thanks", "ok", "hi there", "👍", "": no yes, no no and no "not sure", only small talk."""
    words = _WORDS.findall((text or "").lower().replace("’", "'"))
    return all(word in _SMALL_TALK for word in words)


_HEDGE_AFTER_NO = re.compile(
    r"\b(?:sort of|kind of|kinda|sorta|a (?:bit|little)|somewhat|partly|i guess|well maybe|"
    r"actually (?:yes|yeah|a bit|maybe))\b"
)


def takes_back_no(text: str | None) -> bool:
    """ "no... well sort of", "nah kinda": a no taken back at once (newcomer test)."""
    words = _WORDS.findall((text or "").lower().replace("’", "'"))
    return bool(words) and words[0] in ("no", "nope", "nah") and bool(
        _HEDGE_AFTER_NO.search(" ".join(words[1:]))
    )


def parse_yes_no(text: str | None) -> bool | None:
    """True for a clear yes, False for a clear no, None when the answer is neither or both."""
    if not text:
        return None
    if text.strip() in ("/affirm", "/deny"):
        return text.strip() == "/affirm"
    words = _WORDS.findall(text.lower().replace("’", "'"))
    while len(words) > 1 and words[0] in _LEADING_FILLERS:
        words = words[1:]  # "Well yes, of course, I said years" (asked again and again)
    if not words:
        return None
    phrase = " ".join(words)
    if _UNSURE.search(phrase):
        return None  # "I don't know" is not a no: the question is asked again
    if phrase in _YES:
        return True
    if phrase in _NO:
        return False
    if {"yes", "yeah", "yep", "yup"} & set(words) and {"no", "nope", "nah"} & set(words):
        return None  # "yes and no"
    if takes_back_no(phrase):
        return None  # "no... well sort of": taken back, so no no (newcomer test)
    negated = any(w in ("not", "never", "no") or w.endswith("n't") for w in words[1:])
    first_two = " ".join(words[:2])
    yes = words[0] in _YES or first_two in _YES
    no = words[0] in _NO or first_two in _NO
    if yes and negated and words[0] not in ("yes", "yeah", "yep", "yup", "y"):
        # "I have not had a fever", "I did not fall": a negated statement, so a no.
        return False
    if yes and negated:
        return None  # "yes ... not": ask again rather than guess
    if yes != no:
        return yes
    return None


# A yes that opens a message and ends its own sentence, before a question or thanks: "yes thats
# right. do I need a referral?" at the read-back. A "but", "not" or "actually" after it may take
# it back, so such a message is not read as agreeing.
_AGREES_FIRST = re.compile(
    r"^\W*(?:yes|yeah|yep|yup|yes please|correct|right|that'?s (?:right|correct|it)|"
    r"all (?:good|correct))(?:\W+(?:that'?s|thats|it'?s|its|all|it is)\s+(?:right|correct|good|"
    r"fine|spot on))?\s*[.!,;:]",
    re.IGNORECASE,
)
_TAKES_BACK = re.compile(
    r"\b(?:but|except|no|not|wrong|actually|change|although|though|wait|more like|should be|"
    r"it'?s (?:my|the|more|less|only|about)|left|right (?:side|one|knee|hip|shoulder|leg|arm))\b"
    r"|\d",
    re.I,
)


def agrees_first(text: str | None) -> bool:
    """Whether `text` opens with a yes of its own sentence and takes nothing back after it."""
    text = (text or "").replace("\u2019", "'")
    return bool(_AGREES_FIRST.match(text)) and not _TAKES_BACK.search(text)
