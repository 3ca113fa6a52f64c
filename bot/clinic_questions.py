"""A question about the clinic asked in the same message as a first description of the pain:
"Are you open on Saturdays? My wrist has hurt for 3 weeks since I fell". The classifier reads
the pain (rightly: the intake starts), so the question is found here, by its own sentence and
words, and answered from the clinic profile before the intake's first question (it was not
answered at all: patient newcomer test).

`question_responses(text)` -> the `utter_faq/<name>` responses of the questions about hours or
the address, cost or insurance, referrals or the first visit, in the order asked;
`question_response(text)` the first of them, None when there is none. A sentence counts as a
question when it ends with "?" or opens with a question word (`bot.contact.looks_like_question`).
"""

from __future__ import annotations

import re

from bot.contact import looks_like_question

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
# A question about the pain itself ("why does my knee hurt on weekends?") is for the therapist.
_ABOUT_PAIN = re.compile(
    r"\b(hurts?|hurting|pain\w*|aches?|aching|sore|stiff\w*|swollen|swell\w*|worse|better|"
    r"rest|ice|heat|shot|injection|normal|exercis\w*|feel\w*)\b",
    re.I,
)
_TOPICS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (response, re.compile(words, re.IGNORECASE))
    for response, words in (
        ("utter_faq/address_hours",
         r"\b(are you open|open (on|at|till|until|late|early|today|tomorrow)|opening|hours|"
         r"closed|close at|do you close|saturdays?|sundays?|weekends?|evenings?|address|"
         r"where are you|where is the clinic|located|location|parking|park|directions)\b"),
        ("utter_faq/cost_insurance",
         r"\b(insurance|insured|insurer|medicare|medicaid|cost|costs|price|prices|pay|fees?|"
         r"cash|co-?pay|afford|charge|how much)\b"),
        ("utter_faq/referral", r"\b(referral|refer|referred|doctor'?s note|prescription)\b"),
        ("utter_faq/first_visit",
         r"\b(first (visit|appointment|session)|(bring|wear|expect) (to|at|for|on)|"
         r"how long (is|does|will) (the|an?|my) (visit|appointment|session|assessment))\b"),
    )
)  # fmt: skip


# Two questions in one sentence: "what are your opening hours and do you take medicare?"
_NEXT_QUESTION = re.compile(r"\b(?:and|also|plus)\b|[,;]", re.IGNORECASE)


def question_responses(text: str | None) -> list[str]:
    """The FAQ responses for the clinic questions in `text`, in the order asked: one for each
    question sentence, and for each part of one joined by "and" ("what are your opening hours
    and do you take medicare?" got only the hours: patient newcomer test); [] when none."""
    found: list[str] = []
    for sentence in _SENTENCE.findall((text or "").replace("’", "'")):
        if not looks_like_question(sentence.strip()) or _ABOUT_PAIN.search(sentence):
            continue
        for part in _NEXT_QUESTION.split(sentence):
            hits = [(m.start(), response) for response, words in _TOPICS
                    if (m := words.search(part))]  # fmt: skip
            if hits and (first := min(hits)[1]) not in found:
                found.append(first)
    return found


def question_response(text: str | None) -> str | None:
    """The FAQ response for the first clinic question in `text`, or None (module docstring)."""
    return next(iter(question_responses(text)), None)


_OTHER_TOPICS = re.compile(
    r"\b(chronic|acute|what can you do|help|info\w*|faq|program\w*|servic\w*|offer\w*|"
    r"(know|learn|hear) (more )?about|tell me|explain|phone|number|e-?mail|website|contact|"
    r"walk-?ins?|treat\w*|kids|children|speaks?|spanish|language|wondering|want to know)\b",
    re.IGNORECASE,
)


# A span or a time of the pain, not the clinic's hours or days: "a few hours", "a couple of hours"
# and "for hours every evening" at the duration question got the clinic's address or its cost
# (the classifier's `faq`, and "hours" is a topic word: newcomer passes D and E).
_WHEN_OF_PAIN = re.compile(
    r"\b(\d+(\.\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|few|"
    r"couple( of)?|several|many|some)\s*(-\s*\d+\s*)?(hours?|hrs?)\b"
    r"|\b(for|since|over|all|every|each|most|last|this|past|after|from) (the |a |an )?"
    r"(hours|evenings?|weekends?|saturdays?|sundays?)\b|\bhours and hours\b",
    re.IGNORECASE,
)
# Words of a question about opening or booking: a span with them is the clinic's ("open this
# weekend", "any slots this saturday": review).
_ABOUT_OPENING = re.compile(r"\b(open\w*|clos\w*|appointments?|slots?|availab\w*|book\w*)\b",
                            re.IGNORECASE)


def could_be_clinic_question(text: str | None) -> bool:
    """Whether `text` can be a question about the clinic at all: a question in form, or words
    of one of its topics ("insurance", "parking", "first visit info"), leaving out a span or time
    of the pain (`_WHEN_OF_PAIN`). "work at computer" and "about an hour", typed at the intake's
    questions, were answered with the cost and the first visit (the classifier's `faq`: patient
    newcomer test)."""
    said = (text or "").replace("’", "'")
    if any(looks_like_question(s.strip()) for s in _SENTENCE.findall(said)):
        return True
    if not _ABOUT_OPENING.search(said):
        said = _WHEN_OF_PAIN.sub(" ", said)
    return any(words.search(said) for _, words in _TOPICS) or bool(_OTHER_TOPICS.search(said))
