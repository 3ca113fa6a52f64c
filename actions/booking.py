"""Booking the assessment by chat: offer, pick, details, book. Logic lives in bot.scheduling."""

from __future__ import annotations

import asyncio
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.common import (
    answer_turn,
    ask_again_crossed,
    clinic_facts,
    crisis_said,
    restart_offer_reply,
    sms_phone,
)
from actions.control import release_held_times
from actions.intake_flow import correct_intake, save
from actions.resume import SLOT as INTERRUPTED_FORM
from actions.resume import resume_interrupted_form
from actions.services import services
from bot.contact import WHY_FOLLOWUP, asks_why
from bot.dialogue import SURE, Stage
from bot.intake.form import Turn, required_slots
from bot.intake.service import intakes_for_conversation
from bot.intake.summary import apply_correction
from bot.scheduling import (
    BookingNotChangeable,
    PatientDetails,
    SchedulingError,
    SlotTaken,
    UrgentCareNeeded,
)
from bot.scheduling.booking_form import (
    OTHER_DAYS_SLOT,
    answer_booking_question,
    is_booking_digression,
    keeps_the_booking,
    looks_like_answer,
    puts_off_booking,
)
from bot.scheduling.conversation import confirm_booking, make_offer
from bot.triage import is_urgent


def _stage(value: str) -> SlotSet:
    return SlotSet("dialogue_stage", value)


def ics_link(code: str) -> str:
    return services().calendar_link(code)


async def send_booking_emails() -> None:
    """Send the email this change queued (and any earlier one due a retry), off the event loop.

    The booking is committed already: a failed send is logged and stays queued, never raised.
    """
    await asyncio.to_thread(services().send_booking_emails)


async def pause_after_booking(outcome: list[EventType]) -> None:
    """Fault injection for the crash tests, off by default: wait after a booking committed."""
    seconds = services().settings.fault_pause_after_booking_seconds
    if seconds > 0 and SlotSet("booking_outcome", "booked") in outcome:
        await asyncio.sleep(seconds)


class ActionStartBooking(Action):
    """ "Book an appointment": straight to the booking form, or the intake first."""

    def name(self) -> str:
        return "action_start_booking"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        facts = clinic_facts(services().profile)
        urgent_before = any(
            i.status == "urgent"
            for i in intakes_for_conversation(services().session_factory, tracker.sender_id)
        )
        if tracker.get_slot("dialogue_stage") == "urgent" or urgent_before or is_urgent(
            tracker.slots, crisis=crisis_said(tracker)
        ):
            dispatcher.utter_message(response="utter_no_booking_urgent", **facts)
            return [_stage("urgent")]
        # A new booking is no lookup that interrupted a form: nothing to go back to after it.
        forget = SlotSet(INTERRUPTED_FORM, None)
        # The intake's questions first, the safety questions with them, wherever they stopped:
        # "stop" at the first safety question, then "book an appointment", offered times with
        # no screen, after chest heaviness down the arm (newcomer test).
        if not tracker.get_slot("pain_class"):
            dispatcher.utter_message(response="utter_intake_first")
            return [forget, _stage("intake_first")]
        if any(tracker.slots.get(slot) is None for slot in required_slots(tracker.slots)):
            # The form follows whichever rule ran this (a "yes" at the offer has none that
            # goes on to the intake's questions: review).
            dispatcher.utter_message(response="utter_intake_first")
            return [forget, _stage("intake_first"), FollowupAction("intake_form")]
        return [forget, *sms_phone(tracker), _stage("booking")]


class ActionDeclineBooking(Action):
    def name(self) -> str:
        return "action_decline_booking"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(
            response="utter_booking_declined", **clinic_facts(services().profile)
        )
        return [_stage("done")]


def book_from_slots(tracker: Tracker, dispatcher: CollectingDispatcher) -> list[EventType]:
    """Book what the form collected; a domain error becomes the events that say what next."""
    svc = services()
    key = tracker.get_slot("booking_slot")
    try:
        patient = PatientDetails.create(
            tracker.get_slot("patient_name"),
            tracker.get_slot("phone"),
            tracker.get_slot("booking_email") or None,
            bool(tracker.get_slot("sms_consent")),
        )
        booking, confirmation = confirm_booking(
            svc,
            key,
            patient,
            tracker.sender_id,
            int(tracker.get_slot("intake_id") or 0) or None,
            reschedule_code=tracker.get_slot("reschedule_code"),
        )
    except SlotTaken:
        dispatcher.utter_message(response="utter_slot_just_taken")
        excluded = list(tracker.get_slot("excluded_slots") or []) + [key]
        return [
            SlotSet("booking_slot", None),
            SlotSet("offered_slots", None),
            SlotSet("excluded_slots", excluded),
        ]
    except UrgentCareNeeded:
        return [SlotSet("booking_outcome", "urgent")]
    except BookingNotChangeable:
        return [SlotSet("booking_outcome", "changed_past")]
    except SchedulingError:
        return [SlotSet("booking_outcome", "unavailable")]
    details = {**confirmation.as_dict(), "ics_url": ics_link(booking.code)}
    return [
        SlotSet("booking_outcome", "booked"),
        SlotSet("booking_confirmation", details),
        SlotSet("booking_code", booking.code),
    ]


# The stage between a correction typed at a booking question and its read-back.
CORRECTION_WHILE_BOOKING = Stage.BOOKING_CORRECTION.value


def is_correction_while_booking(requested: str | None, turn: Turn, slots: dict) -> bool:
    """A new booking's time questions answered with a change to the intake: the classifier is
    sure it is a correction and it names a duration, a place or an activity. A number alone is
    a time here, not a score ("actually can i do afternoon instead, after 2" made the score 2:
    patient newcomer test)."""
    if requested not in ("booking_preference", "booking_slot") or slots.get("reschedule_code"):
        return False
    if turn.intent != "correct_intake" or turn.confidence < SURE:
        return False
    return bool(set(apply_correction(turn.text, turn.extraction, slots)) - {"pain_score"})


class ValidateBookingForm(FormValidationAction):
    def name(self) -> str:
        return "validate_booking_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if (kept := restart_offer_reply(tracker, dispatcher)) is not None:
            return kept
        svc = services()
        requested = tracker.get_slot("requested_slot")
        turn = answer_turn(tracker, svc.profile)
        text = turn.text.strip()[:500]
        if text and requested in WHY_FOLLOWUP and asks_why(text):  # "why do you need my name?"
            return [
                SlotSet("slot_followup", WHY_FOLLOWUP[requested]),
                SlotSet("requested_slot", requested),
            ]
        if text and tracker.get_slot("reschedule_code") and keeps_the_booking(text):
            # The move is called off: the booking stays (action_book_appointment says so).
            release_held_times(tracker)
            return [SlotSet("booking_outcome", "kept"), SlotSet("requested_slot", None)]
        if text and not tracker.get_slot("reschedule_code") and puts_off_booking(text):
            # "I'll book later": the booking waits, and any held time is freed.
            release_held_times(tracker)
            return [SlotSet("booking_outcome", "declined"), SlotSet("requested_slot", None)]
        if text and is_correction_while_booking(requested, turn, tracker.slots):
            # "actually it's only been 2 weeks" at "when suits you?" was kept as the time, and
            # the wrong kind of assessment was booked (issue 13): the form ends here, and
            # action_book_appointment applies the correction and reads the intake back.
            return [
                *[SlotSet(name, None) for name in ("booking_preference", "offered_slots")],
                _stage(CORRECTION_WHILE_BOOKING),
                SlotSet("requested_slot", None),
            ]
        if not text or turn.language or is_booking_digression(
            svc, requested, text, turn.intent, turn.confidence, tracker.slots
        ):
            return []
        if turn.crossed and requested == "sms_consent":
            # A yes written before "May we send reminders by text...?" appeared is no consent
            # to texts (the same kind as the read-back's crossed yes: pass K).
            ask_again_crossed(dispatcher)
            return [SlotSet("requested_slot", requested)]
        if requested is None and turn.intent in (
            "choose_slot", "affirm", "request_booking"
        ) and looks_like_answer(
            svc, "booking_preference", text, turn.intent
        ):
            # "tuesday afternoon works", "mornings are best for me" at the offer to book: the
            # time is the answer, never asked again
            requested = "booking_preference"
        updates = self.answer(requested, text, tracker, dispatcher)
        events: list[EventType] = [SlotSet(k, v) for k, v in updates.items()]
        tracker.add_slots(events)
        required = domain["forms"]["booking_form"]["required_slots"]
        missing = next((s for s in required if tracker.get_slot(s) is None), None)
        if missing is None and updates:
            # Everything is in: book now, inside the form, so a slot lost to someone else a
            # second earlier sends the patient straight back to fresh offers.
            outcome = book_from_slots(tracker, dispatcher)
            await pause_after_booking(outcome)
            tracker.add_slots(outcome)
            events += outcome
            missing = next((s for s in required if tracker.get_slot(s) is None), None)
        return [*events, SlotSet("requested_slot", missing)]

    def answer(
        self, requested: str | None, text: str, tracker: Tracker, dispatcher: CollectingDispatcher
    ) -> dict[str, Any]:
        answer = answer_booking_question(
            services(), requested, text, tracker.slots, tracker.sender_id
        )
        for response in answer.responses:  # the new values fill the templates ({patient_name})
            dispatcher.utter_message(response=response, **answer.updates, **answer.fills)
        return answer.updates


class ActionAskBookingSlot(Action):
    """Offers three times that fit the preference (the same three again if still open)."""

    def name(self) -> str:
        return "action_ask_booking_slot"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        svc = services()
        offer = make_offer(
            svc,
            tracker.get_slot("pain_class"),
            tracker.get_slot("booking_preference"),
            tracker.sender_id,
            tracker.get_slot("excluded_slots") or [],
            other_days=bool(tracker.get_slot(OTHER_DAYS_SLOT)),
        )
        if not offer.keys:
            dispatcher.utter_message(response="utter_no_slots", **clinic_facts(svc.profile))
            return [
                SlotSet("booking_outcome", "no_slots"),
                ActiveLoop(None),
                SlotSet("requested_slot", None),
            ]
        dispatcher.utter_message(
            response="utter_offer_closest_slots" if offer.fallback else "utter_offer_slots",
            slot_lines=offer.text,
            buttons=list(offer.buttons),
        )
        return [SlotSet("offered_slots", list(offer.keys))]


class ActionBookAppointment(Action):
    """After the booking form: confirm the booking it made, or explain why there is none.
    A reschedule asked for in the middle of another form then goes back to that form."""

    def name(self) -> str:
        return "action_book_appointment"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if tracker.get_slot("dialogue_stage") == CORRECTION_WHILE_BOOKING:
            return correct_intake(tracker, dispatcher)
        facts = clinic_facts(services().profile)
        outcome = tracker.get_slot("booking_outcome")
        reset: list[EventType] = [
            SlotSet(name, None)
            for name in (
                "booking_slot",
                "offered_slots",
                "excluded_slots",
                OTHER_DAYS_SLOT,
                "booking_outcome",
                "booking_preference",
                "reschedule_code",
            )
        ]
        if outcome == "booked":
            if tracker.get_slot("reschedule_code"):
                dispatcher.utter_message(
                    response="utter_rescheduled_old_cancelled",
                    old_code=tracker.get_slot("reschedule_code"),
                )
            dispatcher.utter_message(
                response="utter_booking_confirmed", **tracker.get_slot("booking_confirmation")
            )
            await send_booking_emails()
            events: list[EventType] = [*reset, _stage("booked")]
            if tracker.get_slot("intake_id") and not tracker.get_slot("reschedule_code"):
                events.insert(0, save(tracker))
            return [*events, *self.back_to_form(tracker, dispatcher)]
        if outcome == "declined":  # put off: the answers are saved, booking is there any time
            dispatcher.utter_message(response="utter_booking_declined", **facts)
            return [*reset, _stage("done"), *self.back_to_form(tracker, dispatcher)]
        if outcome == "kept":  # a move called off: the booking stays as it is
            dispatcher.utter_message(response="utter_booking_kept")
            return [*reset, _stage("done"), *self.back_to_form(tracker, dispatcher)]
        if outcome == "urgent":  # stays urgent: no going back to a form
            dispatcher.utter_message(
                response="utter_no_booking_urgent", **clinic_facts(services().profile, True)
            )
            return [*reset, _stage("urgent")]
        if outcome == "changed_past":
            dispatcher.utter_message(response="utter_booking_changed_past", **facts)
        elif outcome != "no_slots":  # no_slots was said when the offer came up empty
            dispatcher.utter_message(response="utter_no_slots", **facts)
        return [*reset, _stage("done"), *self.back_to_form(tracker, dispatcher)]

    @staticmethod
    def back_to_form(tracker: Tracker, dispatcher: CollectingDispatcher) -> list[EventType]:
        """Only a reschedule can have interrupted a form (actions.resume)."""
        if not tracker.get_slot("reschedule_code"):
            return []
        return resume_interrupted_form(tracker, dispatcher)
