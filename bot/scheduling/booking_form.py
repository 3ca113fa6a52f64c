"""The booking form's rules: how one patient message answers the question the form asked.

Pure of Rasa: the validation action hands in the open question, the text and the slots, and
sends the responses named here. Slots: booking_preference, booking_slot, patient_name, phone,
booking_email, sms_consent (domain.yml `booking_form`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.contact import find_phone, looks_like_question, phone_extension, read_name
from bot.dialogue import (
    BOOKING_INTENTS,
    FAQ_INTENT,
    GOODBYE_INTENT,
    SURE,
    WARNING_SIGN_INTENT,
    is_digression,
)
from bot.intake.control_words import answers_free_text_question, is_whole_control_phrase
from bot.intake.yesno import parse_yes_no
from bot.scheduling.availability import Slot
from bot.scheduling.choice import asks_for_other_days, format_slot
from bot.scheduling.contact import find_email, several_emails
from bot.scheduling.conversation import SchedulingServices, choose_slot
from bot.scheduling.preferences import parse_preferences
from bot.small_talk import is_greeting_or_thanks

# The patient asked for other days: later offers leave out the days already offered.
OTHER_DAYS_SLOT = "other_days"

SKIP_WORDS = frozenset(
    {"skip", "no", "none", "no thanks", "no email", "n/a", "na", "nope", "/deny"}
)
# "I don't have email", "I don't use email", "rather not": no email (it got "That doesn't look
# like an email address" twice: patient newcomer test).
_NO_EMAIL = re.compile(
    r"\b(?:(?:don'?t|do not|dont) (?:have|use|do|got)(?: an?| any)? e-?mails?|no e-?mail|"
    r"(?:rather|prefer) not|not on e-?mail|haven'?t got (?:an? )?e-?mail)\b",
    re.IGNORECASE,
)
# "that's a landline" at the texts' consent: texts cannot reach it, so no (it got "I need a yes
# or a no": patient newcomer test).
_LANDLINE = re.compile(r"\b(?:landline|land line|home phone|can'?t (?:get|receive) texts?|"
                       r"(?:doesn'?t|does not|can'?t) (?:get|do|take) texts?)\b", re.IGNORECASE)
_SLOT_NUMBER = re.compile(r"\W*#?\d\W*")
# Questions about an existing booking ("when is my appointment?"), answered in any form.
MANAGE_INTENTS = frozenset({"check_booking", "cancel_booking", "reschedule_booking"})


@dataclass
class FormAnswer:
    """Slot updates for the form, and the responses to send first (`utter_...` names)."""

    updates: dict[str, Any] = field(default_factory=dict)
    responses: list[str] = field(default_factory=list)
    # Template values for the responses that are not slots ({chosen_time}).
    fills: dict[str, Any] = field(default_factory=dict)


def is_question_not_name(text: str, intent: str | None, confidence: float) -> bool:
    """At "what name should we use?": a question about the clinic ("where are you?") or about a
    booking ("when is my appointment?", "cancel my appointment") is no name."""
    if intent == FAQ_INTENT:
        return looks_like_question(text)
    if intent in MANAGE_INTENTS:
        return looks_like_question(text) or confidence >= SURE
    return False


def looks_like_answer(
    svc: SchedulingServices,
    requested: str | None,
    text: str,
    intent: str | None,
    confidence: float = 0.0,
) -> bool:
    """Whether `text` reads as an answer to the booking form's open question."""
    if requested == "patient_name":
        # "Cancel" or "never mind" is no name, whatever the classifier made of it.
        question = is_question_not_name(text, intent, confidence)
        small_talk = is_greeting_or_thanks(text)  # nor "hi" or "thanks"
        farewell = intent == GOODBYE_INTENT  # nor "ok bye" (kept only with a farewell word)
        return (
            not question and not is_whole_control_phrase(text) and not small_talk and not farewell
        )
    if requested == "booking_email":
        return "@" in text or find_email(text) is not None  # "ana at example dot com" too
    if requested == "phone":
        # An email address here is a wrong answer to re-ask, never a question about the clinic
        # (it got the first-visit answer: front-desk newcomer test), as at the contact form.
        return bool(find_phone(text)) or "@" in text
    if requested in ("booking_preference", "booking_slot"):
        # "good mornings" reads as a greeting to the classifier, but it is a preference.
        prefs = parse_preferences(text, svc.profile.today(svc.clock()))
        return prefs.understood or bool(_SLOT_NUMBER.fullmatch(text))
    return False


def is_booking_digression(
    svc: SchedulingServices,
    requested: str | None,
    text: str,
    intent: str | None,
    confidence: float,
    slots: Mapping[str, Any] | None = None,
) -> bool:
    """A question or request for the rules, rather than an answer to the booking form. A warning
    sign always is, wherever it is said: "since this morning my right calf is swollen and red and
    i'm getting short of breath" at the name or email question was read as another time, offered new
    times and booked, with no flag (patient newcomer test)."""
    if intent == WARNING_SIGN_INTENT:
        return True
    if answers_free_text_question(requested, text, intent):
        return False
    if slots is not None and asks_for_another_time(svc, requested, text, slots):
        return False  # "can i come friday instead?" is no reschedule of a booking yet to be
    answer = looks_like_answer(svc, requested, text, intent, confidence)
    if is_greeting_or_thanks(text) and not answer:  # "thanks" is no name, time or email: the rules
        return True
    return is_digression(intent, confidence, looks_like_answer=answer, also_answers=BOOKING_INTENTS)


def answer_booking_question(
    svc: SchedulingServices,
    requested: str | None,
    text: str,
    slots: Mapping[str, Any],
    conversation_id: str,
) -> FormAnswer:
    """What `text` gives the slot `requested`: a preference, an offered slot (held for this
    conversation), a name, a phone number, an email or "skip", or the SMS consent."""
    if requested == "booking_preference":
        return FormAnswer({"booking_preference": text[:200]})
    if requested == "booking_slot":
        return _choose(svc, text, slots, conversation_id)
    changed = _change_of_time(svc, requested, text, slots, conversation_id)
    if changed is not None:
        return changed
    if requested == "patient_name":
        said = read_name(text)
        # What was kept is not what was typed ("Dana, no wait, Mark Delgado"): read it back.
        back = ["utter_name_read_back"] if said and said.cleaned else []
        name = said.name if said else None  # "no" or "Book an assessment" is asked again
        followup = None if said else requested
        return FormAnswer({"patient_name": name, "slot_followup": followup}, back)
    if requested == "phone":
        phone = find_phone(text)
        extension = phone_extension(text) if phone else None
        noted = ["utter_phone_extension_noted"] if extension else []
        followup = None if phone else "phone"
        updates = {"phone": phone, "phone_extension": extension, "slot_followup": followup}
        return FormAnswer(updates, noted)
    if requested == "booking_email":
        if text.lower().strip(" .!") in SKIP_WORDS or (
            "@" not in text and _NO_EMAIL.search(text.replace("’", "'"))
        ):
            return FormAnswer({"booking_email": "", "slot_followup": None})
        if not text.strip():
            return FormAnswer({"booking_email": "", "slot_followup": None})
        email = find_email(text)  # "it's ana+pt@example.com.", "ana at example dot com"
        followup = None if email else "booking_email"
        told = ["utter_email_first_of_several"] if email and several_emails(text) else []
        return FormAnswer({"booking_email": email, "slot_followup": followup}, told)
    if requested == "sms_consent":
        consent = parse_yes_no(text)
        if consent is None and _LANDLINE.search(text.replace("’", "'")):
            consent = False
        return FormAnswer({"sms_consent": consent}, [] if consent is not None else [
            "utter_please_yes_no"
        ])
    return FormAnswer()


# "wait no, make it the wednesday one" after choosing a time: a change, not a name.
_CHANGE_OF_TIME = re.compile(
    r"\b(?:wait|actually|instead|change|rather|make it|switch|swap|prefer|other one|different)\b",
    re.IGNORECASE,
)
# ... naming the time by its number, day or hour; never by the therapist alone ("its Dana... no
# wait, sorry. Mark Delgado" is a name, and Dana a therapist).
_TIME_REFERENCE = re.compile(
    r"\b(?:[1-9](?:st|nd|rd|th)?|first|second|third|last|mon(?:day)?|tue(?:s|sday)?|"
    r"wed(?:nesday)?|thu(?:rs|rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?|"
    r"\d{1,2}(?::\d{2})?\s*(?:am|pm))\b",
    re.IGNORECASE,
)
_AFTER_THE_CHOICE = ("patient_name", "phone", "booking_email", "sms_consent")


_KEEP = re.compile(
    r"\b(?:keep (?:it|that|the one i have|my (?:current |original |old |first )?(?:appointment|"
    r"booking|time|slot))|never ?mind|nvm|forget it|leave it(?: as it is)?|"
    r"(?:don'?t|do not|dont) (?:want|need) to (?:reschedule|change|move)|"
    r"(?:stick|staying|stay) with (?:the |my )?(?:original|current|old|first)|"
    r"no (?:need|change)s?(?: needed)?)\b",
    re.IGNORECASE,
)


def keeps_the_booking(text: str) -> bool:
    """While moving a booking, whether `text` calls the move off ("actually no, keep my current
    appointment", "never mind", "I don't want to reschedule anymore"): only "stop" got out, and
    over SMS "STOP" opts the number out of texts (patient newcomer test)."""
    return bool(_KEEP.search(text.replace("\u2019", "'")))


# Putting the first booking off: "I'll book later", "I don't want to book yet", "I'd better ask
# my daughter first, she drives me" (it got the name question, then the phone question: second
# patient newcomer test; only "stop" got out).
_PUT_OFF = re.compile(
    r"\b(?:(?:i'?ll|i will|i'?d rather|i want to|let me) (?:book|do it|sort it|call|come back|"
    r"decide) (?:later|another time|another day|tomorrow)|book (?:it )?later|"
    r"(?:don'?t|do not|dont) want to book(?: (?:yet|now|right now|today|just yet))?|"
    r"not (?:ready|going) to book|(?:need|have|"
    r"better|want) to (?:ask|check with|talk to) my (?:daughter|son|wife|husband|partner|family|"
    r"kids|carer|doctor)(?: first)?|maybe (?:later|another time)|hold off on booking)\b",
    re.IGNORECASE,
)


def puts_off_booking(text: str) -> bool:
    """Whether `text`, during the first booking, puts it off (see `_PUT_OFF`)."""
    return bool(_PUT_OFF.search(text.replace("\u2019", "'")))


def asks_for_another_time(
    svc: SchedulingServices, requested: str | None, text: str, slots: Mapping[str, Any]
) -> bool:
    """At a question after the time was chosen, whether `text` asks for another time: a change
    ("wait no, make it the 3rd one", "can i come friday instead?") naming a time, a day or a
    part of the day; or, at a question it cannot answer (phone, email, the texts' consent), a
    day or time on its own ("thursday afternoon" got "Hello again!", and at the name question
    became the name: newcomer tests). At the name question a bare day is a name ("Will
    Friday")."""
    if requested not in _AFTER_THE_CHOICE or not slots.get("booking_slot"):
        return False
    prefs = parse_preferences(text, svc.profile.today(svc.clock()))
    if _CHANGE_OF_TIME.search(text):
        return bool(_TIME_REFERENCE.search(text)) or prefs.understood
    if not prefs.understood:
        return False
    if requested == "patient_name":  # a day with a time of day or a date: "thursday afternoon"
        return bool(
            prefs.start_after or prefs.start_before or prefs.end_by or prefs.asap
            or prefs.date_from or prefs.excluded_weekdays
        )
    if requested == "phone":
        return not find_phone(text)
    if requested == "booking_email":
        return "@" not in text
    return parse_yes_no(text) is None  # the texts' consent


def _change_of_time(
    svc: SchedulingServices,
    requested: str | None,
    text: str,
    slots: Mapping[str, Any],
    conversation_id: str,
) -> FormAnswer | None:
    """Another time asked for after choosing one (`asks_for_another_time`): another of the
    offered times is held instead and said back, and the open question is asked again; a new
    day or time of day is offered afresh (then the questions after it go on). None when the
    message asks for no other time (it was asked as "I need a name", and the first time
    booked: patient newcomer test)."""
    if not asks_for_another_time(svc, requested, text, slots):
        return None
    offered = list(slots.get("offered_slots") or [])  # as numbered when offered
    if len(offered) >= 2 and _TIME_REFERENCE.search(text):
        choice = choose_slot(svc, text, offered, conversation_id)
        if choice.outcome == "held" and choice.key != slots["booking_slot"]:
            time = format_slot(Slot.from_key(choice.key), svc.profile)
            return FormAnswer(
                {"booking_slot": choice.key}, ["utter_time_changed"], {"chosen_time": time}
            )
    if not parse_preferences(text, svc.profile.today(svc.clock())).understood:
        return None
    return FormAnswer(
        {"booking_preference": text[:200], "booking_slot": None, "offered_slots": None,
         OTHER_DAYS_SLOT: None}  # fmt: skip
    )


def _choose(
    svc: SchedulingServices, text: str, slots: Mapping[str, Any], conversation_id: str
) -> FormAnswer:
    offered = slots.get("offered_slots") or []
    excluded = list(slots.get("excluded_slots") or [])
    choice = choose_slot(svc, text, offered, conversation_id)
    if choice.outcome == "held":
        return FormAnswer({"booking_slot": choice.key})
    if choice.outcome == "unclear":
        if parse_preferences(text, svc.profile.today(svc.clock())).understood:
            # A new preference ("Tuesdays instead"): offer again.
            return FormAnswer(
                {"booking_preference": text[:200], "booking_slot": None, "offered_slots": None,
                 OTHER_DAYS_SLOT: None}  # fmt: skip
            )
        return FormAnswer({"booking_slot": None}, ["utter_slot_choice_unclear"])
    updates: dict[str, Any] = {
        "booking_slot": None, "offered_slots": None, "excluded_slots": excluded + list(offered),
    }  # fmt: skip
    if choice.outcome == "none" and asks_for_other_days(text):
        updates[OTHER_DAYS_SLOT] = True  # "other days?": not another hour of the same days
    return FormAnswer(updates, ["utter_slot_just_taken"] if choice.outcome == "taken" else [])
