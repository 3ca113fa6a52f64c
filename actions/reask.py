"""The offer to book, sent when the read-back is agreed and asked again after a digression
(`actions.intake_flow.ActionAskOpenQuestion` asks the open question again)."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.services import services


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
