"""The screen's adapters: what the intake form says around a red-flag question, and reopening
the screen when a warning sign is mentioned after the intake (the logic: bot.screening_form)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import answer_clinic_question, clinic_facts, latest_turn
from actions.intake_flow import flag_urgent
from actions.services import services
from bot.screening import detect, triggered_questions
from bot.screening_form import (
    NOTED_RESPONSE,
    acknowledgement,
    screen_updates,
    unplaced_mention,
)
from bot.triage import ADVICE_LEVELS, ALL_FLAG_SLOTS


def say_before_question(
    dispatcher: CollectingDispatcher,
    text: str,
    requested: str | None,
    next_slot: str | None,
    slots: Mapping[str, Any],
    changed: bool,
) -> None:
    """The intro when the region screen starts, and the acknowledgement of what the patient
    said before the question it concerns (or "noted" when no question is left to ask)."""
    entering = next_slot in ALL_FLAG_SLOTS and requested not in ALL_FLAG_SLOTS
    if changed and entering and next_slot not in triggered_questions(slots):
        dispatcher.utter_message(response="utter_redflag_intro")
    ack = acknowledgement(next_slot, requested, slots)
    if ack:
        dispatcher.utter_message(response=ack[0], screen_note=ack[1])
    elif text and not slots.get("red_flag_advice"):
        note = unplaced_mention(detect(text), slots)
        if note:
            dispatcher.utter_message(response=NOTED_RESPONSE, screen_note=note)


def _conversation_started(tracker: Tracker) -> bool:
    return any(event.get("event") == "bot" for event in tracker.events)


class ActionScreenSymptom(Action):
    """A warning sign mentioned outside the intake form (first message, read-back, booking):
    note it and reopen the screen; the intake form then asks its questions, acknowledging it."""

    def name(self) -> str:
        return "action_screen_symptom"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if not _conversation_started(tracker):
            dispatcher.utter_message(response="utter_intro", **clinic_facts(services().profile))
            answer_clinic_question(dispatcher, tracker, services().profile)
        turn = latest_turn(tracker, services().profile)
        updates, _ = screen_updates(turn.text, tracker.slots, reopen=True)
        events: list[EventType] = [SlotSet(name, value) for name, value in updates.items()]
        return [*events, SlotSet("dialogue_stage", None), SlotSet("requested_slot", None)]


class ActionAfterUrgentSymptom(Action):
    """A warning sign said after the advice was given. Its words that answer a question yes are
    recorded for staff; when they need more urgent advice than was given ("my chest is crushing
    and goes into my jaw" after a doctor-promptly fever got "follow the advice above", and staff
    saw only the fever: patient newcomer test), that advice now; else the advice stands, with
    911 if it is worse."""

    def name(self) -> str:
        return "action_after_urgent_symptom"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        found = detect(latest_turn(tracker, services().profile).text)
        given = tracker.get_slot("red_flag_advice")
        level = found.advice
        if level is not None and (given is None or ADVICE_LEVELS.index(level) < ADVICE_LEVELS.index(
            given
        )):
            dispatcher.utter_message(response=f"utter_redflag_{level}")
        else:
            dispatcher.utter_message(response="utter_after_urgent_symptom")
        events: list[EventType] = [SlotSet(slot, True) for slot in found.stated
                                   if tracker.get_slot(slot) is not True]  # fmt: skip
        if events:
            tracker.add_slots(events)
            events.extend(flag_urgent(tracker))
        return events
