"""Checking, cancelling and rescheduling a booking by chat (code plus phone, or this chat's)."""

from __future__ import annotations

import datetime as dt
import re

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.booking import send_booking_emails
from actions.common import (
    answer_message,
    ask_again_crossed,
    channel_of,
    clinic_facts,
    message_crossed,
    restart_offer_reply,
    sms_phone,
    urgent_chat,
)
from actions.intake_flow import ActionAskOpenQuestion
from actions.resume import SLOT as INTERRUPTED_FORM
from actions.resume import remember_interrupted_form, resume_interrupted_form
from actions.services import services
from bot.clinic import ClinicProfile
from bot.contact import find_phone, try_normalize_phone
from bot.dialogue import is_digression
from bot.intake.answers import asks_for_diagnosis
from bot.intake.button_replies import is_asking_to_wait
from bot.intake.form import required_slots as intake_required_slots
from bot.intake.yesno import parse_yes_no
from bot.scheduling import (
    BookingNotChangeable,
    BookingNotFound,
    BookingView,
    bookings_for_conversation,
    cancel,
    confirmation_for,
    find_booking,
    normalize_code,
)
from bot.scheduling.contact import code_in_message, find_code, has_code_shape, says_no_code
from bot.scheduling.models import CANCELLED
from bot.scheduling.preferences import parse_preferences
from bot.triage import ALL_FLAG_SLOTS

MANAGE_INTENTS = {
    "check_booking": "check",
    "cancel_booking": "cancel",
    "reschedule_booking": "reschedule",
}


def _stage(value: str) -> SlotSet:
    return SlotSet("dialogue_stage", value)


class ActionStartManage(Action):
    """Remembers what the patient wants to do and finds this chat's booking if there is one."""

    def name(self) -> str:
        return "action_start_manage"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        text = str(tracker.latest_message.get("text") or "")
        if asks_for_diagnosis(text) and not _NAMES_A_BOOKING.search(text):
            return await _answer_diagnosis_question(dispatcher, tracker, domain)
        svc = services()
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        action = MANAGE_INTENTS.get(intent, "check")
        events: list[EventType] = [
            SlotSet("manage_action", action),
            *remember_interrupted_form(tracker, action),
        ]
        upcoming = bookings_for_conversation(
            svc.session_factory, tracker.sender_id, upcoming_after=svc.clock()
        )
        if not upcoming:  # one cancelled since ("is my appointment still on?" after urgent advice)
            upcoming = [
                b
                for b in bookings_for_conversation(
                    svc.session_factory,
                    tracker.sender_id,
                    upcoming_after=svc.clock(),
                    include_cancelled=True,
                )
                if b.status == CANCELLED
            ][-1:]
        # "my code is GR6-G7Z"; "cancel my appointment GR6-G7Z" when this chat has no booking
        # (its own booking wins over a date read as a code: "cancel it on the 3rd": review)
        typed = code_in_message(text) or (None if upcoming else find_code(text))
        if typed:
            events.append(SlotSet("booking_code", typed))
            phone = find_phone(text)  # "... code GR6-G7Z, phone 646 555 0123"
            if phone:
                return [*events, SlotSet("phone", phone)]
        elif upcoming:
            events += [
                SlotSet("booking_code", upcoming[0].code),
                SlotSet("phone", upcoming[0].phone),
            ]
        return events + sms_phone(tracker)


# Words that make "do I have ..." a question about a booking after all.
_NAMES_A_BOOKING = re.compile(
    r"\b(appointments?|appts?|bookings?|booked|sessions?|visits?|slots?|code)\b", re.IGNORECASE
)


async def _answer_diagnosis_question(
    dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
) -> list[EventType]:
    """ "do i have a dvt", "do i have arthritis?": a question about what the pain is, which the
    classifier read as a booking lookup ("do I have an appointment?"): the patient was asked
    for a booking code, after urgent advice too (third newcomer pass). Never a diagnosis: why
    the advice was given (urgent) or that the therapist will look into it, then the open
    question again. No lookup starts."""
    urgent = tracker.get_slot("red_flag_advice") or tracker.get_slot("dialogue_stage") == "urgent"
    dispatcher.utter_message(response="utter_why_urgent_advice" if urgent else "utter_no_diagnosis")
    requested = tracker.get_slot("requested_slot")
    if (tracker.active_loop or {}).get("name") and requested:
        dispatcher.utter_message(response=f"utter_ask_{requested}")
        return [FollowupAction("action_listen")]
    events = await ActionAskOpenQuestion().run(dispatcher, tracker, domain)
    return [*events, FollowupAction("action_listen")]


def _no_code() -> list[EventType]:
    """Ends the lookup form with no code: action_manage_booking says who can help."""
    return [
        SlotSet("booking_code", None),
        SlotSet("slot_followup", None),
        SlotSet("requested_slot", None),
    ]


def _booking_in_progress(tracker: Tracker) -> bool:
    """A check, cancel or reschedule asked during this chat's booking form, with no booking in
    the chat (`action_start_manage` found none to fill the code from)."""
    interrupted = tracker.get_slot(INTERRUPTED_FORM) or {}
    return (
        isinstance(interrupted, dict)
        and interrupted.get("form") == "booking_form"
        and not tracker.get_slot("booking_code")
        and tracker.get_slot("manage_action") in ("check", "cancel", "reschedule")
    )


# Whether this chat booked them: "so am i still booked?", "did it book?", "is it still on?"
_ASKS_IF_BOOKED = re.compile(
    r"\b(?:still booked|am i (?:still )?booked|was i booked|did (?:it|you|that|i|we) (?:get )?"
    r"book|i'?m booked|(?:is|was) (?:it|that|my appointment|the appointment) (?:still )?(?:on|"
    r"booked|happening)|booked or not|still (?:on|happening)|is she booked|is he booked|(?:he|"
    r"she|they) (?:still )?booked)\b",
    re.IGNORECASE,
)


def _not_booked_here(tracker: Tracker) -> str | None:
    """The reply when "am I still booked?" has nothing to look up: no booking in this chat,
    asked at a safety question or after urgent advice (it asked for a booking code, and a
    pending heart-attack question never came back: newcomer test); None otherwise."""
    if tracker.get_slot("booking_code") or tracker.get_slot("manage_action") != "check":
        return None
    if not _ASKS_IF_BOOKED.search((tracker.latest_message or {}).get("text") or ""):
        return None  # "when is my appointment?" may mean one booked another way: its code
    if urgent_chat(tracker):
        return "utter_after_urgent_not_booked"
    interrupted = tracker.get_slot(INTERRUPTED_FORM) or {}
    next_question = next(
        (s for s in intake_required_slots(tracker.slots) if tracker.get_slot(s) is None), None
    )
    at_screen = isinstance(interrupted, dict) and interrupted.get("form") == "intake_form" and (
        next_question in ALL_FLAG_SLOTS
    )
    return "utter_no_booking_at_screen" if at_screen else None


class ValidateManageForm(FormValidationAction):
    def name(self) -> str:
        return "validate_manage_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if (kept := restart_offer_reply(tracker, dispatcher)) is not None:
            return kept
        requested = tracker.get_slot("requested_slot")
        message = answer_message(tracker)
        text = (message.get("text") or "").strip()[:100]
        intent = (message.get("intent") or {}).get("name")
        answer = bool(normalize_code(text) or find_code(text) or find_phone(text))
        confidence = float((message.get("intent") or {}).get("confidence") or 0.0)
        missing = next((s for s in ("booking_code", "phone") if not tracker.get_slot(s)), None)
        if not text and (_booking_in_progress(tracker) or _not_booked_here(tracker)):
            # "when is my appointment?" in the middle of booking one, with no booking in this
            # chat: nothing to look up (it asked for a code): the booking goes on.
            return _no_code()
        if not text:  # entered or re-entered: no answer to read, just the next question
            return [SlotSet("requested_slot", missing)]
        if requested in ("booking_code", "phone") and is_asking_to_wait(text):
            # "hmm let me check": time to look, not a wrong answer (issue 13 newcomer test).
            wait = SlotSet("slot_followup", f"{requested}_wait")
            return [wait, SlotSet("requested_slot", requested)]
        if requested in ("booking_code", "phone") and says_no_code(text):
            # No booking or no code to give ("I haven't booked anything yet", whatever the
            # classifier reads): the form ends, action_manage_booking says who can help.
            return _no_code()
        if is_digression(intent, confidence, looks_like_answer=answer):
            return []  # a greeting or a question: the rules answer it, then the form asks again
        if requested == "booking_code" and tracker.get_slot("slot_followup") == requested and (
            not (normalize_code(text) or find_code(text) or find_phone(text))
        ):
            # A second answer that is no code ("2 weeks", meant for the intake it interrupted):
            # no third ask; the front desk's number, and back to the interrupted question.
            return _no_code()
        events: list[EventType] = []
        if requested == "booking_code":
            code = normalize_code(text) or find_code(text)  # "GR6-G7Z 646 555 0123" too
            phone = try_normalize_phone(text) or find_phone(text)
            events = [
                SlotSet("booking_code", code),
                # the number alone (correcting it after a miss): kept, the code asked plainly
                SlotSet("slot_followup", None if code or phone else "booking_code"),
            ]
            if phone and not has_code_shape(text):
                events.append(SlotSet("phone", phone))
        elif requested == "phone":
            phone = try_normalize_phone(text) or find_phone(text)  # "GR6-G7Z 646 555 0123"
            events = [SlotSet("phone", phone), SlotSet("slot_followup", None if phone else "phone")]
        tracker.add_slots(events)
        missing = next((s for s in ("booking_code", "phone") if not tracker.get_slot(s)), None)
        return [*events, SlotSet("requested_slot", missing)]


def _asked_time(tracker: Tracker, profile: ClinicProfile, now: dt.datetime) -> str | None:
    """The days or times named in the message that asked to reschedule ("I want to reschedule
    to thursday afternoon"), as the new preference: it was asked for again."""
    for event in reversed(tracker.events):
        intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
        if event.get("event") == "user" and intent == "reschedule_booking":
            text = str(event.get("text") or "")[:200]
            return text if parse_preferences(text, profile.today(now)).understood else None
    return None


def _reschedule_events(
    booking: BookingView, profile: ClinicProfile, preference: str | None = None
) -> list[EventType]:
    """The booking form's slots for moving `booking`: its kind, who it is for, no time yet
    (the days or times the patient asked for, if any)."""
    kinds = {t.id: t.for_pain_class for t in profile.appointment_types}
    pain_class = kinds.get(booking.appointment_type_id)
    return [
        SlotSet("reschedule_code", booking.code),
        SlotSet("pain_class", pain_class),
        SlotSet("patient_name", booking.patient_name),
        SlotSet("booking_email", booking.email or ""),
        SlotSet("sms_consent", booking.sms_consent),
        SlotSet("booking_preference", preference),
        SlotSet("booking_slot", None),
        SlotSet("offered_slots", None),
        _stage("rescheduling"),
    ]


LOOKUP_RETRY = "utter_booking_not_found_retry"


def _lookup_retried(tracker: Tracker) -> bool:
    """Whether this lookup (since the latest `action_start_manage`) already looked a booking up
    once: the miss being handled is its second. Read from the actions run, not from what was
    said (review: a response missing from the model would have retried for ever)."""
    for event in reversed(tracker.events):
        if event.get("event") == "action" and event.get("name") == "action_start_manage":
            return False
        if event.get("event") == "action" and event.get("name") == "action_manage_booking":
            return True
    return False


class ActionManageBooking(Action):
    """Looks the booking up and shows it, asks to confirm a cancel, or starts a reschedule.
    A lookup that ends here (shown, not found, no code) goes back to an interrupted form."""

    def name(self) -> str:
        return "action_manage_booking"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        svc = services()
        facts = clinic_facts(svc.profile)
        code, phone = tracker.get_slot("booking_code"), tracker.get_slot("phone")
        if not code and _booking_in_progress(tracker):
            dispatcher.utter_message(response="utter_no_booking_yet", **facts)
            return [_stage("not_found"), *resume_interrupted_form(tracker, dispatcher)]
        not_booked = None if code else _not_booked_here(tracker)
        if not_booked:
            urgent = urgent_chat(tracker)
            facts = clinic_facts(svc.profile, urgent=urgent)
            dispatcher.utter_message(response=not_booked, **facts)
            stage = [_stage("urgent")] if urgent else []
            return [*stage, *resume_interrupted_form(tracker, dispatcher)]
        if not code:  # the patient has no code to give (ValidateManageForm ended the form)
            dispatcher.utter_message(response="utter_no_booking_code", **facts)
            return [_stage("not_found"), *resume_interrupted_form(tracker, dispatcher)]
        booking = find_booking(svc.session_factory, code, phone or "")
        if booking is not None and booking.status == CANCELLED:
            # Found, and cancelled: say so, never "couldn't find" (a patient whose booking the
            # urgent advice cancelled asked "is my appointment still on?").
            urgent = urgent_chat(tracker)
            said = "utter_booking_was_held_urgent" if urgent else "utter_booking_was_cancelled"
            details = confirmation_for(booking, svc.profile).as_dict()
            dispatcher.utter_message(
                response=said, **{**clinic_facts(svc.profile, urgent=urgent), **details}
            )
            resumed = resume_interrupted_form(tracker, dispatcher)
            return [_stage("urgent" if urgent else "done"), *resumed]
        if booking is None or not booking.is_booked:
            retry: list[EventType] = [SlotSet("booking_code", None), _stage("not_found")]
            if channel_of(tracker) != "twilio_sms":
                retry.append(SlotSet("phone", None))  # a typo in either is asked again
            if not tracker.get_slot(INTERRUPTED_FORM) and not _lookup_retried(tracker):
                # By SMS too: booked from another phone (a relative's, an old one), the texting
                # number never finds it (pass L); the form asks for the booking's number.
                retry = [SlotSet("booking_code", None), SlotSet("phone", None),
                         _stage("not_found")]
                # "Please check them": the corrected phone, sent alone, started an intake
                # (pass K). The first miss asks for both again, in the lookup form.
                dispatcher.utter_message(response=LOOKUP_RETRY)
                loop = [ActiveLoop("manage_form"), FollowupAction("manage_form")]
                return [*retry, SlotSet("slot_followup", None), *loop]
            dispatcher.utter_message(response="utter_booking_not_found", **facts)
            return [*retry, *resume_interrupted_form(tracker, dispatcher)]
        details = confirmation_for(booking, svc.profile).as_dict()
        action = tracker.get_slot("manage_action")
        if action == "cancel":
            dispatcher.utter_message(response="utter_confirm_cancel", **details)
            return [_stage("confirm_cancel")]
        if action == "reschedule":
            dispatcher.utter_message(response="utter_reschedule_start", **details)
            asked = _asked_time(tracker, svc.profile, svc.clock())
            return _reschedule_events(booking, svc.profile, asked)
        dispatcher.utter_message(response="utter_booking_details", **details)
        return [_stage("done"), *resume_interrupted_form(tracker, dispatcher)]


def is_clear_yes(text: str, intent: str | None) -> bool:
    """Whether the answer to "do you want to cancel?" confirms it: a yes ("yes, cancel it"), or
    what the classifier read as a yes or a cancel, unless it is the booking code or a phone
    number sent again (it once heard a yes in "K7Q-4MD", and the word reader one in "9Y9-7NA")."""
    if has_code_shape(text) or try_normalize_phone(text):
        return False
    if parse_yes_no(text) is True:
        return True
    return intent in ("affirm", "cancel_booking")  # "cancel it" at this question is a yes


class ActionCancelBooking(Action):
    """The patient confirmed: cancel, say so, and go back to a form the question interrupted."""

    def name(self) -> str:
        return "action_cancel_booking"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        svc = services()
        facts = clinic_facts(svc.profile)
        code, phone = tracker.get_slot("booking_code") or "", tracker.get_slot("phone") or ""
        message = tracker.latest_message or {}
        text = (message.get("text") or "").strip()[:100]
        intent = (message.get("intent") or {}).get("name")
        booking = find_booking(svc.session_factory, code, phone)
        crossed = message_crossed(tracker)  # a yes written before the question: none to it
        if booking is not None and (crossed or not is_clear_yes(text, intent)):
            # Anything but a yes (the code again, a number, pain details): the question again.
            details = confirmation_for(booking, svc.profile).as_dict()
            if crossed:  # "cancel my appointment" sent twice: no rule after cancel_booking
                ask_again_crossed(dispatcher, "utter_confirm_cancel", **details)
                return [_stage("confirm_cancel"), FollowupAction("action_listen")]
            dispatcher.utter_message(response="utter_confirm_cancel", **details)
            return [_stage("confirm_cancel")]
        events: list[EventType] = [_stage("done")]
        try:
            booking = cancel(svc.session_factory, svc.clock, code, phone, events=svc.booking_events)
        except BookingNotFound:
            dispatcher.utter_message(response="utter_booking_not_found", **facts)
        except BookingNotChangeable:
            dispatcher.utter_message(response="utter_booking_changed_past", **facts)
        else:
            details = confirmation_for(booking, svc.profile).as_dict()
            dispatcher.utter_message(response="utter_booking_cancelled", **details)
            events.insert(0, SlotSet("booking_code", None))
            await send_booking_emails()
        return [*events, *resume_interrupted_form(tracker, dispatcher)]


class ActionKeepBooking(Action):
    """The patient did not confirm the cancel: the booking stays, and so does any form."""

    def name(self) -> str:
        return "action_keep_booking"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(response="utter_booking_kept")
        return [_stage("done"), *resume_interrupted_form(tracker, dispatcher)]
