"""Back to the form a booking question interrupted.

"When is my appointment?" or "cancel my appointment" in the middle of the intake runs the
lookup or cancel flow, which replaces the intake as Rasa's active form. `action_start_manage`
remembers the interrupted form in the slot `interrupted_form`; the action that ends that flow
(shown, cancelled, kept, moved, not found) sends a bridge line and re-enters the form, which
asks its open question again. Asked at the offer to book (no form active), the offer is sent
again and its stage restored, so a "yes" after the lookup books. Forms re-entered after
another action read no answer from the message before (actions.common.answer_message).
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.reask import offer_booking
from bot.intake.summary import summarize

SLOT = "interrupted_form"
# Each form that may be interrupted, and the line that takes the patient back to it.
BRIDGES = {
    "intake_form": "utter_back_to_intake",
    "contact_form": "utter_back_to_details",
    "booking_form": "utter_back_to_booking",
}


OFFER = "offer_booking"
READ_BACK = "confirm_summary"


def _back_to_offer(saved: dict[str, Any], dispatcher: CollectingDispatcher) -> list[EventType]:
    """The offer to book (utter_offer_booking) sent again, and its stage set back, so a "yes"
    after the lookup books; [] (stage left as the lookup set it) if the clinic has no
    appointment type for the pain class."""
    if not offer_booking(dispatcher, saved.get("pain_class")):
        return [SlotSet(SLOT, None)]
    return [
        SlotSet(SLOT, None),
        SlotSet("pain_class", saved.get("pain_class")),
        SlotSet("dialogue_stage", OFFER),
    ]


def remember_interrupted_form(tracker: Tracker, manage_action: str) -> list[EventType]:
    """Events for `action_start_manage`: the active form with the stage and pain class to restore,
    or a cleared slot when no form was interrupted. A reschedule while moving a booking replaces
    that move (both fill the booking form's slots), so there is nothing to go back to; one during
    the chat's first booking has nothing to move, and that booking goes on (it asked for a
    booking code: patient newcomer test)."""
    form = tracker.active_loop_name
    stage = tracker.get_slot("dialogue_stage")
    if form is None and manage_action != "reschedule" and stage in (OFFER, READ_BACK):
        # Asked at the offer to book or at the read-back: that question is asked again after.
        asked = {"form": None, "stage": stage, "pain_class": tracker.get_slot("pain_class")}
        return [SlotSet(SLOT, asked)]
    moving = form == "booking_form" and bool(tracker.get_slot("reschedule_code"))
    if form not in BRIDGES or (moving and manage_action == "reschedule"):
        return [SlotSet(SLOT, None)]
    saved: dict[str, Any] = {
        "form": form,
        "stage": tracker.get_slot("dialogue_stage"),
        # A reschedule sets the pain class of the booking it moves; the intake keeps its own.
        "pain_class": tracker.get_slot("pain_class"),
    }
    # The manage form asks its own questions; the interrupted form works out its next one again.
    return [SlotSet(SLOT, saved), SlotSet("requested_slot", None)]


def resume_interrupted_form(tracker: Tracker, dispatcher: CollectingDispatcher) -> list[EventType]:
    """Events that end a booking flow: back to the interrupted form (bridge line, stage, form
    re-entered so it asks its open question again), or [] when none was interrupted."""
    saved = tracker.get_slot(SLOT)
    if isinstance(saved, dict) and saved.get("form") is None and saved.get("stage") == OFFER:
        return _back_to_offer(saved, dispatcher)
    if isinstance(saved, dict) and saved.get("form") is None and saved.get("stage") == READ_BACK:
        dispatcher.utter_message(response="utter_summary", summary=summarize(tracker.slots))
        # No rule lists every stage a booking flow can come back to: the turn ends here.
        return [SlotSet(SLOT, None), SlotSet("dialogue_stage", READ_BACK),
                SlotSet("pain_class", saved.get("pain_class")), FollowupAction("action_listen")]
    if not isinstance(saved, dict) or saved.get("form") not in BRIDGES:
        return []
    form = saved["form"]
    dispatcher.utter_message(response=BRIDGES[form])
    return [
        SlotSet(SLOT, None),
        SlotSet("dialogue_stage", saved.get("stage")),
        SlotSet("pain_class", saved.get("pain_class")),
        ActiveLoop(form),
        FollowupAction(form),
    ]
