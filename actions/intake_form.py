"""Validation of the intake form: the slot logic lives in bot.intake.form."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.common import answer_turn, restart_offer_reply
from actions.intake_flow import save_now
from actions.screen import say_before_question
from actions.services import services
from bot.intake.answers import asks_for_diagnosis
from bot.intake.form import (
    CORRECTABLE_AT_SCREEN,
    SCORE_SKIPPED,
    Turn,
    fill_intake_slots,
    required_slots,
)
from bot.intake.yesno import parse_yes_no
from bot.screening import SIGNS_SLOT, detect, regions_of
from bot.screening_form import (
    GAVE_UP,
    GAVE_UP_RESPONSE,
    LATER_RESPONSE,
    TRIES_SLOT,
    WHAT_TO_DO_RESPONSE,
    asks_what_to_do,
    asks_why_asked,
    is_puzzled,
    mention_for_later,
    why_response,
)
from bot.triage import ALL_FLAG_SLOTS


def conflicting_answer(tracker: Tracker, turn: Turn) -> str | None:
    """The safety question the patient's previous message answered no, when this message,
    written before the next question (`turn.crossed`), says yes: the two were sent together
    ("no" and "yes" 10 ms apart, or "2" and "1"). The no was taken and the yes was crossed, so
    the finished intake said "Red flags: None reported" (newcomer pass K): it is asked again."""
    said_yes = parse_yes_no(turn.text) is True or (
        turn.text.startswith("/") and turn.intent in ("affirm", "confirm")
    )
    if not said_yes:
        return None
    seen_latest = False
    for event in reversed(tracker.events):
        kind = event.get("event")
        if kind == "user":
            if seen_latest:
                return None
            seen_latest = True
        elif seen_latest and kind == "slot" and event.get("name") in ALL_FLAG_SLOTS:
            return str(event["name"]) if event.get("value") is False else None
    return None


class ValidateIntakeForm(FormValidationAction):
    def name(self) -> str:
        return "validate_intake_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        return required_slots(tracker.slots)

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if (kept := restart_offer_reply(tracker, dispatcher)) is not None:
            return kept
        requested = tracker.get_slot("requested_slot")
        turn = answer_turn(tracker, services().profile)
        signs_before = set(tracker.slots.get(SIGNS_SLOT) or [])
        followup_before = tracker.get_slot("slot_followup")
        before = dict(tracker.slots)
        updates: dict[str, Any] = fill_intake_slots(turn, requested, tracker.slots)
        conflict = (
            conflicting_answer(tracker, turn) if turn.crossed and requested in ALL_FLAG_SLOTS
            else None
        )
        if conflict:  # that question again, before this one
            updates[conflict] = None
        if updates.get("red_flag_advice"):
            updates["callback_window"] = services().profile.urgent_callback_window
        events: list[EventType] = [SlotSet(name, value) for name, value in updates.items()]
        tracker.add_slots(events)
        next_slot = next(
            (s for s in required_slots(tracker.slots) if tracker.slots.get(s) is None), None
        )
        if requested in ALL_FLAG_SLOTS and "pain_score" in updates:  # "no, it's 4 not 6"
            dispatcher.utter_message(
                response="utter_score_corrected", pain_score=updates["pain_score"]
            )
        elif (requested in ALL_FLAG_SLOTS or requested == "pain_score") and any(
            before.get(name) is not None for name in CORRECTABLE_AT_SCREEN & updates.keys()
        ):  # a change, not a first answer ("walking and stairs" at the calf question)
            dispatcher.utter_message(response="utter_correction_noted")  # "no wait, my left knee"
        elif requested == "pain_score" and updates.get(SCORE_SKIPPED):
            dispatcher.utter_message(response="utter_score_skipped")
        elif conflict:
            dispatcher.utter_message(response="utter_screen_conflict")
        elif turn.crossed and requested in ALL_FLAG_SLOTS and next_slot == requested:
            dispatcher.utter_message(  # a second quick "no", or the last message sent again
                response="utter_screen_repeated" if turn.repeated else "utter_screen_crossed"
            )
        elif next_slot == requested and requested not in ALL_FLAG_SLOTS and asks_for_diagnosis(
            turn.text
        ):
            dispatcher.utter_message(response="utter_no_diagnosis")  # "is it a torn meniscus?"
        elif requested in ALL_FLAG_SLOTS and next_slot == requested and asks_what_to_do(
            turn.text
        ):
            dispatcher.utter_message(response=WHAT_TO_DO_RESPONSE)  # "what do i do??"
        elif requested in ALL_FLAG_SLOTS and next_slot == requested and asks_why_asked(turn.text):
            dispatcher.utter_message(response=why_response(requested))  # "why do u ask"
        elif requested in ALL_FLAG_SLOTS and next_slot == requested and (
            later := mention_for_later(
                detect(turn.text, regions_of(before)), requested, tracker.slots, before
            )
        ):
            dispatcher.utter_message(response=LATER_RESPONSE, screen_note=later)
        elif requested in ALL_FLAG_SLOTS and updates.get(TRIES_SLOT) == GAVE_UP:
            # a third message with no answer: taken as "not sure", and said so
            dispatcher.utter_message(response=GAVE_UP_RESPONSE)
        elif requested in ALL_FLAG_SLOTS and next_slot == requested and followup_before == (
            requested
        ) and tracker.get_slot("slot_followup") == requested and turn.text and not is_puzzled(
            turn.text  # nor a form run after a digression ("what?"), which answers nothing
        ):
            # Its clarifying version was asked and still no answer: say what is needed, never
            # the same words again with no reason ("a bit", "hmm", "a bit": seven times).
            dispatcher.utter_message(response="utter_please_yes_no")
        say_before_question(
            dispatcher, turn.text, requested, next_slot, tracker.slots, changed=bool(updates)
        )
        signs = set(tracker.slots.get(SIGNS_SLOT) or [])
        unsaved = signs - signs_before or (signs and not tracker.slots.get("intake_id"))
        if unsaved and not updates.get("red_flag_advice"):  # advice saves by itself
            events.extend(save_now(tracker))
        events.append(SlotSet("requested_slot", next_slot))
        return events
