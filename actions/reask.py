"""The open question asked again after a digression outside a form.

A greeting, thanks, a clinic question or an out-of-scope message at the read-back or the offer
to book gets its own answer; then this action asks the question the stage slot says is open,
so the conversation never stalls on a reply that asks nothing. Inside forms the form itself
asks again (data/rules/digressions.yml).
"""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.services import services
from bot.intake.summary import summarize


def ask_offer(tracker: Tracker, dispatcher: CollectingDispatcher) -> bool:
    """Send the offer to book the appointment for the slot `pain_class`; False when the clinic
    has no appointment type for it (nothing was sent)."""
    return offer_booking(dispatcher, tracker.get_slot("pain_class"))


def offer_booking(dispatcher: CollectingDispatcher, pain_class: str | None) -> bool:
    """Send `utter_offer_booking` for the clinic's appointment type for `pain_class` ("acute",
    "chronic"); False when the clinic has none for it (nothing was sent)."""
    appointment = services().profile.appointment_type_for(pain_class)
    if appointment is None:
        return False
    dispatcher.utter_message(
        response="utter_offer_booking",
        appointment_name=appointment.name[:1].lower() + appointment.name[1:],
        minutes=appointment.minutes,
    )
    return True


class ActionAskOpenQuestion(Action):
    """Ask again by `dialogue_stage`: confirm_summary → the read-back (utter_summary with the
    summary of the slots), offer_booking → the offer (utter_offer_booking), correction → what to
    change (utter_ask_correction). Any other stage: nothing. Sets no slots."""

    def name(self) -> str:
        return "action_ask_open_question"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        stage = tracker.get_slot("dialogue_stage")
        if stage == "confirm_summary":
            dispatcher.utter_message(response="utter_summary", summary=summarize(tracker.slots))
        elif stage == "offer_booking":
            ask_offer(tracker, dispatcher)
        elif stage == "correction":
            dispatcher.utter_message(response="utter_ask_correction")
        return []
