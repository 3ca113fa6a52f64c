"""What kind of answer each free-text intake question takes, so a wrong kind is asked again.

The activities question needs words that describe doing something ("stairs", "playing with my
kids", or "nothing"); a bare "6", "about 3 weeks" or "my knee" does not describe an activity.
The pain score question needs one 0-10 number: a message with several scores ("a 6 most days,
7-8 on bad days") is asked about once ("which number fits right now?") rather than read as its
top; given several again, it is read as `bot.nlp.parse_pain_score` reads it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.intake.yesno import parse_yes_no
from bot.nlp import parse_pain_score

# "Nothing", "not really", "everything": a real answer to "what does the pain stop you doing?".
_NOTHING_OR_EVERYTHING = re.compile(
    r"^(?:no|nope|nah|nothing|none|not really|not much|not a lot|nothing much|nothing really|"
    r"nothing at all|nothing in particular|nothing yet|it doesnt|it does not|not yet|n a|na|"
    r"everything|all of it|all of them|pretty much everything|most things|anything|all sorts)\b"
)
# Words that say nothing about an activity: fillers, yes/no, greetings, times of day, time
# units, pain and score words, sides, and "I don't know".
_NOT_ACTIVITY_WORDS = frozenset(
    {
        "i", "im", "ive", "id", "me", "my", "mine", "it", "its", "is", "was", "be", "been",
        "being", "am", "are", "were", "a", "an", "the", "this", "that", "these", "those",
        "and", "or", "but", "so", "to", "of", "in", "on", "at", "for", "with", "from", "by",
        "about", "around", "like", "just", "really", "very", "quite",
        "some", "much", "more", "most", "lot", "lots", "bit", "kind", "sort", "um", "uh",
        "er", "hmm", "well", "oh", "ah",
        "yes", "yeah", "yep", "yup", "ya", "sure", "ok", "okay", "okey", "right", "correct",
        "true", "no", "nope", "nah", "not", "never",
        "hi", "hello", "hey", "hiya", "howdy", "greetings", "good", "morning", "mornings",
        "afternoon", "afternoons", "evening", "evenings",
        "night", "nights", "day", "days", "week", "weeks", "month", "months", "year",
        "years", "hour", "hours", "minute", "minutes", "today",
        "tonight", "yesterday", "tomorrow", "weekend", "weekends", "since", "ago", "now",
        "then", "still", "always", "sometimes", "usually",
        "monday", "mondays", "tuesday", "tuesdays", "wednesday", "wednesdays", "thursday",
        "thursdays", "friday", "fridays",
        "saturday", "saturdays", "sunday", "sundays",
        "pain", "painful", "hurts", "hurt", "hurting", "ache", "aches", "aching", "sore",
        "bad", "worse", "worst", "terrible", "awful",
        "score", "scale", "out", "ten", "number", "level",
        "left", "both", "side", "sides",
        "please", "thanks", "thank", "you",
        "dont", "do", "does", "did", "know", "unsure", "idk", "dunno", "guess", "maybe",
        "think", "say", "said", "mean",
    }
)  # fmt: skip
_NUMBER_WORDS = frozenset(
    {
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "half", "couple", "few",
    }
)  # fmt: skip
_WORD = re.compile(r"[a-z]+")


def _plain(text: str) -> str:
    text = (text or "").lower().replace("\u2019", "").replace("'", "")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def _without_spans(text: str, spans: list[str]) -> str:
    for span in sorted((s for s in spans if s), key=len, reverse=True):
        text = re.sub(re.escape(span), " ", text, flags=re.IGNORECASE)
    return text


# A question about what the pain is: "is it a torn meniscus though? just tell me yes or no" at
# the activities question was stored as what the pain stops them doing (patient newcomer test).
_DIAGNOSIS_QUESTION = re.compile(
    r"\bwhat(?:'s| is) (?:wrong|causing)|\bwhat could (?:it|this) be\b|\b(?:is it|is this|"
    r"is that|could it be|could this be|might it be|do i have|have i got|did i)\b[^.?!]{0,40}\b"
    r"(?:torn|tear|broken|break|fractur\w*|arthritis|sciatica|tendin\w*|tendon\w*|disc|slipped|pinched|nerve|"
    r"serious|cancer|menisc\w*|ligament|acl|mcl|bursitis|sprain\w*|strain\w*|dislocat\w*|"
    r"rotator cuff|frozen|fasciitis|a (?:tumou?r|fracture|break|tear)|"
    # ... and the warning signs' own names ("do i have a dvt" after the advice was asked for a
    # booking code: third newcomer pass)
    r"dvt|clot|blood clot|thrombosis|embolism|stroke|heart attack|heart problem|aneurysm|"
    r"infection|cauda equina|myelopathy|gout|osteoporosis|fibromyalgia|herniat\w*|stenosis)\b",
    re.IGNORECASE,
)


def asks_for_diagnosis(text: str | None) -> bool:
    """Whether `text` asks what the pain is ("is it a torn meniscus?", "do I have arthritis?")."""
    return bool(_DIAGNOSIS_QUESTION.search((text or "").replace("’", "'")))


def describes_activity(text: str, extraction: Mapping[str, Any]) -> bool:
    """Whether a message answers "what does the pain stop you doing?".

    True for a known activity the extractor found, for "nothing" or "everything", and for own
    words with at least one word that could name an activity ("gardening", "my kids"). False for
    numbers, yes or no, greetings, times, places and durations with nothing else ("6", "yes",
    "afternoons", "my knee", "about 3 weeks").
    """
    if extraction.get("activities"):
        return True
    if asks_for_diagnosis(text):
        return False
    evidence = extraction.get("evidence") or {}
    rest = _without_spans(
        text or "", [evidence.get("duration") or "", *(evidence.get("locations") or [])]
    )
    plain = _plain(rest)
    if not plain:
        return False
    if _NOTHING_OR_EVERYTHING.match(plain):
        return True
    if parse_yes_no(plain) is not None:
        return False  # "yes", "I do", "not really" is above: a yes or no names nothing
    words = [w for w in _WORD.findall(plain) if len(w) > 2]
    return any(w not in _NOT_ACTIVITY_WORDS and w not in _NUMBER_WORDS for w in words)


# Where one score ends and another may begin: "6, 7-8", "5 or 6", "6 most days but 8 at night".
_SCORE_SPLIT = re.compile(
    r"[,;]|(?<=\d)\s*[-\u2013]\s*(?=\d)|\b(?:or|and|but|to|while|though|although|when|then|"
    r"sometimes|other\s+times|maybe|between)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ScoreReading:
    """A message read as an answer to the 0-10 question.

    `score`: the 0-10 score (`bot.nlp.parse_pain_score`), None when there is none.
    `several`: the message gives more than one score or a range ("6 most days, 7-8 on bad days").
    """

    score: int | None
    several: bool = False


# A score stated as one before it is asked ("about a 7 out of 10", "pain is 6/10"); never a
# date ("since 3/10") nor a range ("6-8/10", the score question asks which number fits).
_STATED_SCORE = re.compile(
    r"(?<![\d./-])(?<!since )(?<!on )(?<!from )(?<!until )(?<!before )(?<!after )"
    r"(10|\d)\s*(?:/|out of|outta)\s*10\b",
    re.IGNORECASE,
)


# ... or right after the word pain ("cant do stairs, pain 5", "pain is 6 rn", "pain level 7"):
# it was asked for again (patient newcomer test). Never a span ("pain for 6 weeks"), a range
# ("pain 6-8") or a time ("pain at 5pm").
_PAIN_THEN_SCORE = re.compile(
    r"\bpain(?:\s+(?:is|level|score|rating|at|around|about|like|maybe|a|an|currently|now|today|"
    r"rn))*\s*[:=]?\s*(10|\d)(?![\d./:])(?!\s*(?:-|–|to|or)\s*\d)"
    r"(?!\s*(?:(?:days?|weeks?|wks?|months?|mos?|years?|yrs?|hours?|hrs?|am|pm|x)\b|%))",
    re.IGNORECASE,
)


# ... or as "it's a N" ("its about a 6", "it's like a 7 today", "I'd say it's an 8"): it was
# asked for again (patient newcomer test). Never a size or a span ("it's a 2 hour drive").
_IT_IS_A_SCORE = re.compile(
    r"\b(?:it'?s|its|it is|it'?s been|it'?s at|pain'?s)\s+(?:(?:about|around|like|maybe|probably|"
    r"prob|at|easily|solid|a solid|honestly|currently|now|usually|normally)\s+)*an?\s+(10|\d)"
    r"(?![\d./:])(?!\s*(?:-|–|to|or)\s*\d)"
    r"(?!\s*(?:(?:days?|weeks?|wks?|months?|mos?|years?|yrs?|hours?|hrs?|minutes?|mins?|am|pm|"
    r"x|stor(?:y|ey|ies)|blocks?|miles?|steps?|flights?|times?|inch(?:es)?|lbs?|pounds?|kg)\b|%))",
    re.IGNORECASE,
)


def stated_score(text: str | None) -> int | None:
    """The 0-10 score a message states as one ("it's about a 7 out of 10", "pain 5", "its about
    a 6"), at any question; None when it states none, or more than one (`read_score` reads the
    answer to the question)."""
    text = (text or "")[:2000]
    found = {int(m.group(1)) for m in _STATED_SCORE.finditer(text)}
    found |= {int(m.group(1)) for m in _PAIN_THEN_SCORE.finditer(text)}
    found |= {int(m.group(1)) for m in _IT_IS_A_SCORE.finditer(text.replace("’", "'"))}
    return found.pop() if len(found) == 1 else None


def read_score(text: str) -> ScoreReading:
    """The score in an answer to "how bad is it right now?", and whether several were given."""
    score = parse_pain_score(text or "")
    if score is None:
        return ScoreReading(None)
    pieces = {parse_pain_score(piece) for piece in _SCORE_SPLIT.split(text[:2000])}
    pieces.discard(None)
    return ScoreReading(score, several=len(pieces) > 1)
