"""Contact details and the hand-over to the front desk."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict
from sqlalchemy.exc import SQLAlchemyError

from actions.common import (
    answer_message,
    clinic_facts,
    crisis_said,
    restart_offer_reply,
    sender_phone,
    urgent_chat,
)
from actions.intake_flow import save, save_now
from actions.screen import report_after_advice
from actions.services import services
from bot.contact import (
    WHY_FOLLOWUP,
    asks_why,
    declines_name,
    declines_number,
    find_phone,
    looks_like_question,
    name_with_number,
    phone_extension,
    read_name,
)
from bot.dialogue import GOODBYE_INTENT, is_digression
from bot.intake.control_words import answers_free_text_question, is_whole_control_phrase
from bot.intake.service import get_intake
from bot.scheduling.booking_form import is_question_not_name
from bot.scheduling.contact import find_email
from bot.small_talk import is_greeting_or_thanks

CONTACT_DECLINED = "contact_declined"  # the patient gave no number (bool slot)
NAME_DECLINED = "name_declined"  # after urgent advice, the patient gave no name (bool slot)
def contact_slots(tracker: Tracker) -> list[str]:
    """What the contact form asks: the name, and the number, unless the patient texts from it
    (it was asked by SMS, and "say stop" to decline it unsubscribed them: newcomer test) or
    declined to give one (`CONTACT_DECLINED`)."""
    name = [] if tracker.get_slot(NAME_DECLINED) else ["patient_name"]
    if sender_phone(tracker) or tracker.get_slot(CONTACT_DECLINED):
        return name
    return [*name, "phone"]


# A question about the contact question itself ("why do you need my number?").
_ABOUT_CONTACT = re.compile(r"\b(name|number|phone|call|contact|details|email)\b", re.IGNORECASE)


# `slot_followup` after the advice or crisis lines were given again at a contact question.
REMINDED = "contact_reminded"

class ValidateContactForm(FormValidationAction):
    def name(self) -> str:
        return "validate_contact_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        return contact_slots(tracker)

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if (kept := restart_offer_reply(tracker, dispatcher)) is not None:
            return kept
        requested = tracker.get_slot("requested_slot")
        message = answer_message(tracker)
        text = (message.get("text") or "").strip()
        intent = (message.get("intent") or {}).get("name")
        missing = next((s for s in contact_slots(tracker) if not tracker.get_slot(s)), None)
        if not text:  # entered or re-entered: no answer to read, just the next question
            return [SlotSet("requested_slot", missing)]
        if requested in ("patient_name", "phone") and asks_why(text):
            if tracker.get_slot("red_flag_advice") and not _ABOUT_CONTACT.search(text):
                # "why?" right after the advice asks about the advice (it got the name's reason:
                # patient newcomer test): why it was given, then the question again.
                dispatcher.utter_message(response="utter_why_urgent_advice")
                return [SlotSet("slot_followup", None), SlotSet("requested_slot", requested)]
            # The reason, and the question again: never a lookup ("why do you need my name?"
            # read as check_booking) nor the patient's name.
            return [
                SlotSet("slot_followup", WHY_FOLLOWUP[requested]),
                SlotSet("requested_slot", requested),
            ]
        phone = find_phone(text)
        confidence = float((message.get("intent") or {}).get("confidence") or 0.0)
        answer = bool(phone) or (requested == "phone" and "@" in text) or (
            requested == "patient_name"
            and not is_question_not_name(text, intent, confidence)
            and not is_whole_control_phrase(text)  # "Cancel" is no name
            and not is_greeting_or_thanks(text)  # nor "hi" or "thanks"
            and intent != GOODBYE_INTENT  # nor "thanks, goodbye" (a farewell word: the NLU)
        )
        in_another_language = bool(message.get("message_language")) and not (
            requested == "phone" and phone  # "mi número es 646 555 0144": the number is kept
        )  # (pass L: after "Please call me" a number sent in Spanish was lost)
        if in_another_language or (is_greeting_or_thanks(text) and not answer):
            return []  # another language, hi, thanks: the rules answer it, the form asks again
        if not answers_free_text_question(requested, text, intent) and is_digression(
            intent, confidence, looks_like_answer=answer
        ):
            return []
        if requested == "phone" and (declines_number(text) or "@" in text):
            # No number ("I'd rather not", "email me at ..."): the front desk gets what there
            # is, and the patient how to reach the clinic (an urgent patient was asked again
            # and again: newcomer test).
            updates = {CONTACT_DECLINED: True, "slot_followup": None, "phone": None}
            email = find_email(text)
            if email:
                updates["booking_email"] = email
            return [*(SlotSet(k, v) for k, v in updates.items()), SlotSet("requested_slot", None)]
        if requested == "patient_name" and urgent_chat(tracker) and declines_name(text):
            # After the advice a name is not needed: the number next, if there is none yet
            # ("no" got the name question again and again: patient newcomer test).
            tracker.add_slots([SlotSet(NAME_DECLINED, True)])
            missing = next((s for s in contact_slots(tracker) if not tracker.get_slot(s)), None)
            return [
                SlotSet(NAME_DECLINED, True), SlotSet("slot_followup", None),
                SlotSet("requested_slot", missing),
            ]
        # A number that is not one ("555-201-3344") is told so, never only the advice again
        # (an urgent patient's number was dropped without a word: newcomer test).
        tried_number = requested == "phone" and len(re.findall(r"\d", text)) >= 7
        if urgent_chat(tracker) and not phone and not tried_number and (
            requested == "phone" or not read_name(text)
        ):
            # A sign told now, or an answer taken back, after the advice: said and recorded
            # ("now I'm coughing up blood" at the name question got the reminder: newcomer test)
            told = None if crisis_said(tracker) else report_after_advice(
                dispatcher, tracker, text, domain
            )
            if told is not None:
                return [*told, SlotSet("slot_followup", None), SlotSet("requested_slot", requested)]
            if tracker.get_slot("slot_followup") == REMINDED:
                # A second answer with neither: go on without it ("hmm", "??", "7" got the
                # same two messages without end: patient newcomer test).
                if requested == "patient_name":
                    tracker.add_slots([SlotSet(NAME_DECLINED, True)])
                    missing = next(
                        (s for s in contact_slots(tracker) if not tracker.get_slot(s)), None
                    )
                    return [SlotSet(NAME_DECLINED, True), SlotSet("slot_followup", None),
                            SlotSet("requested_slot", missing)]  # fmt: skip
                return [SlotSet(CONTACT_DECLINED, True), SlotSet("slot_followup", None),
                        SlotSet("phone", None), SlotSet("requested_slot", None)]  # fmt: skip
            # After crisis lines or red-flag advice, what is neither a name nor a number ("I
            # don't know what to do") gets 988 or the advice first, then the question.
            crisis = crisis_said(tracker)
            reminder = "utter_crisis_reminder" if crisis else "utter_after_urgent_question"
            dispatcher.utter_message(response=reminder)
            counted = None if looks_like_question(text) else REMINDED  # a question is asked again
            return [SlotSet("slot_followup", counted), SlotSet("requested_slot", requested)]
        updates: dict[str, Any] = {}
        if requested == "patient_name":
            said = read_name(text)
            updates["patient_name"] = said.name if said else None
            updates["slot_followup"] = None if said else "patient_name"  # "no", "Book it"
            if phone and not tracker.get_slot("phone"):
                # A number given at the name question is kept, not asked for again.
                updates["phone"] = phone
                updates["phone_extension"] = phone_extension(text)
            if said and said.cleaned:  # what was kept is not what was typed: read it back
                dispatcher.utter_message(response="utter_name_read_back", patient_name=said.name)
        elif requested == "phone":
            updates["phone"] = phone
            told = name_with_number(text) if not tracker.get_slot("patient_name") else None
            if told:  # "ok it's Maria, 646 555 0144" after declining the name (pass K)
                updates["patient_name"] = told
                dispatcher.utter_message(response="utter_name_read_back", patient_name=told)
            extension = phone_extension(text) if phone else None
            updates["phone_extension"] = extension
            updates["slot_followup"] = None if phone else "phone"
            if extension:  # kept for the call, never for texts: say so
                dispatcher.utter_message(
                    response="utter_phone_extension_noted", phone_extension=extension
                )
        events: list[EventType] = [SlotSet(k, v) for k, v in updates.items()]
        tracker.add_slots(events)
        missing = next((s for s in contact_slots(tracker) if not tracker.get_slot(s)), None)
        if missing and tracker.get_slot("intake_id") and updates.get("patient_name"):
            events.extend(save_now(tracker))  # the name in the console while the chat goes on
        return [*events, SlotSet("requested_slot", missing)]


def _corrected_name(tracker: Tracker) -> str | None:
    """The name staff corrected on the intake, if they did: the patient is thanked by it, not
    by the typo they typed ("Thanks, Jon Smiht" after staff saved "Jon Smith": newcomer test).
    Best effort: None when there is none or the database cannot be read."""
    intake_id = int(tracker.get_slot("intake_id") or 0)
    if not intake_id:
        return None
    try:
        intake = get_intake(services().session_factory, intake_id)
    except SQLAlchemyError:
        return None
    if intake is None or intake.contact_corrected_at is None:
        return None
    return intake.patient_name


class ActionSubmitContact(Action):
    """Contact details are in: save them and say when the front desk will call."""

    def name(self) -> str:
        return "action_submit_contact"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        facts = clinic_facts(services().profile, urgent=urgent_chat(tracker))
        name = _corrected_name(tracker) or tracker.get_slot("patient_name") or "there"
        # The stage is set by the flag action; the advice slot also holds when that failed.
        if tracker.get_slot("dialogue_stage") == "urgent" or tracker.get_slot("red_flag_advice"):
            nameless = tracker.get_slot(NAME_DECLINED) and not tracker.get_slot("patient_name")
            response = "utter_urgent_contact_saved" + ("_no_name" if nameless else "")
            dispatcher.utter_message(response=response, **{**facts, "patient_name": name})
            return [save(tracker, "urgent"), SlotSet("dialogue_stage", "urgent")]
        if tracker.get_slot("dialogue_stage") == "callback":
            dispatcher.utter_message(
                response="utter_callback_confirmed", **{**facts, "patient_name": name}
            )
            return [
                save(tracker, "callback", callback_requested=True),
                SlotSet("dialogue_stage", "done"),
            ]
        dispatcher.utter_message(
            response="utter_front_desk_will_contact", **{**facts, "patient_name": name}
        )
        return [save(tracker), SlotSet("dialogue_stage", "done")]


class ActionRequestHuman(Action):
    """ "Talk to a person": flag the intake for a call back, then make sure we have a number."""

    def name(self) -> str:
        return "action_request_human"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(
            response="utter_callback_flagged",
            **clinic_facts(services().profile, urgent=urgent_chat(tracker)),
        )
        return [
            save(tracker, "callback", callback_requested=True),
            SlotSet("dialogue_stage", "callback"),
        ]
