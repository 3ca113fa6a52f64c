"""Checking, cancelling and rescheduling a booking by chat (code plus phone, or this chat's)."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.booking import sms_phone
from actions.common import answer_message, channel_of, clinic_facts
from actions.services import services
from bot.contact import try_normalize_phone
from bot.dialogue import is_digression
from bot.scheduling import (
    BookingNotChangeable,
    BookingNotFound,
    bookings_for_conversation,
    cancel,
    confirmation_for,
    find_booking,
    normalize_code,
)

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
        svc = services()
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        events: list[EventType] = [SlotSet("manage_action", MANAGE_INTENTS.get(intent, "check"))]
        upcoming = bookings_for_conversation(
            svc.session_factory, tracker.sender_id, upcoming_after=svc.clock()
        )
        if upcoming:
            events += [
                SlotSet("booking_code", upcoming[0].code),
                SlotSet("phone", upcoming[0].phone),
            ]
        return events + sms_phone(tracker)


class ValidateManageForm(FormValidationAction):
    def name(self) -> str:
        return "validate_manage_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        requested = tracker.get_slot("requested_slot")
        message = answer_message(tracker)
        text = (message.get("text") or "").strip()[:100]
        intent = (message.get("intent") or {}).get("name")
        answer = bool(normalize_code(text) or try_normalize_phone(text))
        confidence = float((message.get("intent") or {}).get("confidence") or 0.0)
        if is_digression(intent, confidence, looks_like_answer=answer):
            return []  # a greeting or a question: the rules answer it, then the form asks again
        events: list[EventType] = []
        if requested == "booking_code":
            code = normalize_code(text)
            events = [
                SlotSet("booking_code", code),
                SlotSet("slot_followup", None if code else "booking_code"),
            ]
        elif requested == "phone":
            phone = try_normalize_phone(text)
            events = [SlotSet("phone", phone), SlotSet("slot_followup", None if phone else "phone")]
        tracker.add_slots(events)
        missing = next((s for s in ("booking_code", "phone") if not tracker.get_slot(s)), None)
        return [*events, SlotSet("requested_slot", missing)]


class ActionManageBooking(Action):
    """Looks the booking up and shows it, asks to confirm a cancel, or starts a reschedule."""

    def name(self) -> str:
        return "action_manage_booking"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        svc = services()
        facts = clinic_facts(svc.profile)
        code, phone = tracker.get_slot("booking_code"), tracker.get_slot("phone")
        booking = find_booking(svc.session_factory, code or "", phone or "")
        if booking is None or not booking.is_booked:
            dispatcher.utter_message(response="utter_booking_not_found", **facts)
            retry: list[EventType] = [SlotSet("booking_code", None), _stage("not_found")]
            if channel_of(tracker) != "twilio_sms":
                retry.append(SlotSet("phone", None))  # a typo in either is asked again
            return retry
        details = confirmation_for(booking, svc.profile).as_dict()
        action = tracker.get_slot("manage_action")
        if action == "cancel":
            dispatcher.utter_message(response="utter_confirm_cancel", **details)
            return [_stage("confirm_cancel")]
        if action == "reschedule":
            dispatcher.utter_message(response="utter_reschedule_start", **details)
            pain_class = next(
                (
                    t.for_pain_class
                    for t in svc.profile.appointment_types
                    if t.id == booking.appointment_type_id
                ),
                None,
            )
            return [
                SlotSet("reschedule_code", booking.code),
                SlotSet("pain_class", pain_class),
                SlotSet("patient_name", booking.patient_name),
                SlotSet("booking_email", booking.email or ""),
                SlotSet("sms_consent", booking.sms_consent),
                SlotSet("booking_preference", None),
                SlotSet("booking_slot", None),
                SlotSet("offered_slots", None),
                _stage("rescheduling"),
            ]
        dispatcher.utter_message(response="utter_booking_details", **details)
        return [_stage("done")]


class ActionCancelBooking(Action):
    def name(self) -> str:
        return "action_cancel_booking"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        svc = services()
        facts = clinic_facts(svc.profile)
        try:
            booking = cancel(
                svc.session_factory,
                svc.clock,
                tracker.get_slot("booking_code") or "",
                tracker.get_slot("phone") or "",
                events=svc.booking_events,
            )
        except BookingNotFound:
            dispatcher.utter_message(response="utter_booking_not_found", **facts)
            return [_stage("done")]
        except BookingNotChangeable:
            dispatcher.utter_message(response="utter_booking_changed_past", **facts)
            return [_stage("done")]
        details = confirmation_for(booking, svc.profile).as_dict()
        dispatcher.utter_message(response="utter_booking_cancelled", **details)
        return [SlotSet("booking_code", None), _stage("done")]
