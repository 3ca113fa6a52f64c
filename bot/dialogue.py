"""The dialogue's vocabulary in one place: every intent and its kind, the FAQ answers, the stages,
and the one test every form uses for "is this message an answer or a digression?".

`tests/unit/test_dialogue.py` checks that `domain.yml` and `data/` agree with these tables: an
intent missing here, a FAQ without its response, or a stage the domain does not know fails it.
"""

from __future__ import annotations

from enum import Enum
from typing import Any


class Kind(str, Enum):
    """What an intent is to a form that asked a question."""

    ANSWER = "answer"  # may answer the open question (the form's validation decides)
    FAQ = "faq"  # a question about the clinic: answered, then the form asks again
    CONTROL = "control"  # interrupts any form: a person, crisis, start over, stop
    DIGRESSION = "digression"  # a request handled by the rules, then the form asks again
    NOT_AN_ANSWER = "not_an_answer"  # small talk and noise: the form asks again


INTENTS: dict[str, Kind] = {
    "greet": Kind.DIGRESSION,
    "goodbye": Kind.NOT_AN_ANSWER,
    "affirm": Kind.ANSWER,
    "deny": Kind.ANSWER,
    "thank": Kind.NOT_AN_ANSWER,
    "describe_pain": Kind.ANSWER,
    "correct_intake": Kind.ANSWER,
    "faq": Kind.FAQ,  # a retrieval intent: faq/chronic_pain, faq/first_visit, ...
    "request_human": Kind.CONTROL,
    "start_over": Kind.CONTROL,
    "stop": Kind.CONTROL,
    "express_crisis": Kind.CONTROL,
    # Set by the warning-sign guard (components/warning_signs.py), never by the classifier: the
    # screen reopens wherever it is said. The intake form reads it as an answer.
    "report_warning_sign": Kind.CONTROL,
    "possible_crisis": Kind.CONTROL,  # set only by the crisis guard: ask the check
    "confirm_safe": Kind.NOT_AN_ANSWER,  # "I'm safe": the rules go on after a crisis answer
    "out_of_scope": Kind.NOT_AN_ANSWER,
    "request_booking": Kind.DIGRESSION,
    "cancel_booking": Kind.DIGRESSION,
    "reschedule_booking": Kind.DIGRESSION,
    "check_booking": Kind.DIGRESSION,
    "choose_slot": Kind.ANSWER,
    "none_of_these": Kind.ANSWER,
}
GOODBYE_INTENT = "goodbye"  # ends an open form's questions (data/rules/control.yml)
NLU_FALLBACK = "nlu_fallback"  # Rasa's FallbackClassifier, not a domain intent
CRISIS_INTENT = "express_crisis"  # also what the crisis-language guard sets
WARNING_SIGN_INTENT = "report_warning_sign"  # what the warning-sign guard sets (bot.screening)
CRISIS_CHECK_INTENT = "possible_crisis"  # the guard's "ask first" reading (bot.crisis)

# Questions about the clinic are one retrieval intent; Rasa's ResponseSelector picks the answer,
# a response `utter_faq/<name>` filled with the clinic profile's facts.
FAQ_INTENT = "faq"
FAQ_FALLBACK_RESPONSE = "utter_faq/capabilities"


def faq_response(parse_data: dict[str, Any]) -> str:
    """The `utter_faq/<name>` response ResponseSelector chose for a message (`latest_message`),
    or the "what I can do" answer when it chose none."""
    selector = (parse_data.get("response_selector") or {}).get(FAQ_INTENT) or {}
    chosen = (selector.get("response") or {}).get("utter_action")
    return chosen if isinstance(chosen, str) and chosen.startswith("utter_faq/") else (
        FAQ_FALLBACK_RESPONSE
    )


def intents_of(*kinds: Kind) -> frozenset[str]:
    return frozenset(name for name, kind in INTENTS.items() if kind in kinds)


CONTROL_INTENTS = intents_of(Kind.CONTROL)
# Everything that steps out of a form to be handled by the rules (the form then asks again).
DIGRESSION_INTENTS = intents_of(Kind.FAQ, Kind.CONTROL, Kind.DIGRESSION)
NOT_AN_ANSWER = intents_of(Kind.NOT_AN_ANSWER) | {NLU_FALLBACK}
BOOKING_INTENTS = frozenset({"request_booking", "choose_slot", "none_of_these"})

# Questions whose answer is free text (what the pain stops you doing, your name, your email):
# there a control word counts only as a whole control phrase (bot.intake.control_words).
FREE_TEXT_SLOTS = frozenset({"pain_activities", "patient_name", "booking_email"})

# How sure the classifier must be before a message that could be an answer counts as a
# digression instead. Below it the form's own reading of the message wins.
SURE = 0.5


def is_digression(
    intent: str | None,
    confidence: float,
    *,
    looks_like_answer: bool = False,
    also_answers: frozenset[str] = frozenset(),
) -> bool:
    """Whether a message inside a form is for the rules rather than an answer to its question.

    Control requests always are, and so is a goodbye (the NLU keeps a goodbye reading only with
    a farewell word: `bot.intake.control_words`); "thanks, goodbye" at the name question after
    red-flag advice was taken for a name and the question asked again. Other digressions are
    when the classifier is `SURE` and the form's own reading found no answer in the message
    (`looks_like_answer`: a phone number at the phone question, pain details at an intake
    question, a time at the booking question).
    `also_answers` names intents that answer this form's questions (booking: "none of these").
    """
    if intent in CONTROL_INTENTS:
        return True
    if intent == GOODBYE_INTENT:  # "later in the week please" at the time question is a time
        return not looks_like_answer
    if intent not in DIGRESSION_INTENTS or intent in also_answers:
        return False
    return confidence >= SURE and not looks_like_answer


class Stage(str, Enum):
    """Where the conversation is outside the forms: the values of the `dialogue_stage` slot."""

    CONFIRM_SUMMARY = "confirm_summary"
    CORRECTION = "correction"
    CONTACT = "contact"
    CALLBACK = "callback"
    DONE = "done"
    URGENT = "urgent"
    STOPPED = "stopped"
    OFFER_BOOKING = "offer_booking"
    BOOKING = "booking"
    INTAKE_FIRST = "intake_first"
    BOOKED = "booked"
    SLOT_TAKEN = "slot_taken"
    CONFIRM_CANCEL = "confirm_cancel"
    RESCHEDULING = "rescheduling"
    NOT_FOUND = "not_found"
    CRISIS_CHECK = "crisis_check"  # the crisis check is open: its yes or no answers only it
    # A correction typed at a booking question ended the booking form; it is applied next.
    BOOKING_CORRECTION = "booking_correction"
