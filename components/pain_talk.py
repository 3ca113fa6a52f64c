"""NLU component: a message that names where it hurts is pain talk, not "out of scope" and not
a question about an existing booking.

"bk/chest ache + sweaty wen i jog, stops wen i rest" was classified `out_of_scope` and got
"Sorry, I can't help with that", three times, so the intake (and its screen by region) never
began; the same for low-confidence readings (`nlu_fallback`). "something twanged in my calf when
i jumped ... can i book" was read as a question about a booking and asked for a booking code.
Found by running the blind sets of presentations as whole conversations
(tests/convgen/presentations.py). A message in another language keeps its notice
(components.language marks it); a message about an appointment ("cancel my appointment, my back
is too sore to come") keeps its reading.
"""

from __future__ import annotations

import re
from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.contact import looks_like_question
from bot.dialogue import NLU_FALLBACK
from components.language import MESSAGE_LANGUAGE, OUT_OF_SCOPE
from components.pain_extractor import PAIN_EXTRACTION
from components.stateless import StatelessComponent, set_intent

PAIN_INTENT = "describe_pain"
# Readings that pain talk replaces: the two "not for us" ones, and the booking questions when
# the message names no appointment.
NOT_PAIN = frozenset({OUT_OF_SCOPE, NLU_FALLBACK})
BOOKING_QUESTIONS = frozenset({"check_booking", "cancel_booking", "reschedule_booking"})
_NAMES_AN_APPOINTMENT = re.compile(
    r"\b(?:my|the|our|his|her|this|that|next)\s+(?:booking|session|visit)s?\b|"
    r"\b(?:appointments?|appts?|apo?intments?)\b|\bresched\w*|\bcancel\w*|\bbooked\b|"
    r"\bbooking code\b|\bconfirmation\b|\b(?:move (?:it|me|my|the|that|this|to)|swap|rebook|push "
    r"(?:it|back))\b|\bchange (?:my|the) (?:time|day|slot)\b|\bdifferent (?:time|day)\b|"
    r"\bcan'?t come\b|\bcom(?:e|ing) in\b|\bcall (?:it )?off\b|"
    # "cant make it tmrw, my back's flared up" and "what time am i in tmrw" are about a booking
    r"\b(?:can'?t|cannot) make it\b|\bwhat time am i\b|\bwhen am i\b|\b(?:tomorrow|tmrw|tmr)\b",
    re.IGNORECASE,
)
# The parse-data key that says which reading was replaced (for logs and tests).
READ_AS_PAIN_FROM = "read_as_pain_from"


def names_a_place(message: Message) -> bool:
    """Whether the pain extractor found a body location in the message."""
    return bool((message.get(PAIN_EXTRACTION) or {}).get("locations"))


# A pain score given as a range, alone: "7-8", "5 - 6/10" was the fallback, while "7 to 8"
# worked (pass K). Read as pain talk, which the score question reads.
_SCORE_RANGE = re.compile(
    r"^\s*(10|\d)\s*[-–]\s*(10|\d)\s*(?:/\s*10|out of 10)?\W*$", re.IGNORECASE
)


def is_score_range(text: str) -> bool:
    """"7-8", "3–4/10": two close scores, lower first ("9-5" is working hours)."""
    found = _SCORE_RANGE.match(text)
    return bool(found) and 0 <= int(found.group(2)) - int(found.group(1)) <= 3


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class PainTalkGuard(StatelessComponent):
    """After the fallback: `out_of_scope`, `nlu_fallback`, or a booking question that names no
    appointment, with a body location, becomes `describe_pain`, which every form reads and which
    starts the intake; so does a score range alone ("7-8") read as either of the first two."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            name = (message.get(INTENT) or {}).get("name")
            if not isinstance(text, str) or text.startswith("/") or message.get(MESSAGE_LANGUAGE):
                continue
            booking_without_one = (
                name in BOOKING_QUESTIONS and not _NAMES_AN_APPOINTMENT.search(text)
            )
            # A statement that names no appointment is no question about one, place or not:
            # "she did, twice" at the bladder question, "its for my dad, his name is Walter" at
            # the name question and "it hurts to move" at the score were asked for a booking
            # code (second patient newcomer test).
            statement = booking_without_one and not looks_like_question(text)
            score_range = name in NOT_PAIN and is_score_range(text)
            if not names_a_place(message) and not statement and not score_range:
                continue
            if name not in NOT_PAIN and not booking_without_one:
                continue
            set_intent(message, PAIN_INTENT)
            message.set(READ_AS_PAIN_FROM, name, add_to_output=True)
        return messages
