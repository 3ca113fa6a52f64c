"""Greeting, clinic questions, crisis, start over and stop: what can happen at any point."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import AllSlotsReset, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import clinic_facts
from actions.intake_flow import flag_urgent, save
from actions.services import services
from bot.dialogue import FAQ_RESPONSES


class ActionGreet(Action):
    """Says who the assistant is: the full greeting for a hello, a short one otherwise."""

    def name(self) -> str:
        return "action_greet"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        response = "utter_greet" if intent == "greet" else "utter_intro"
        dispatcher.utter_message(response=response, **clinic_facts(services().profile))
        return []


class ActionAnswerFaq(Action):
    """Answers a question about the clinic from its profile, never from invented facts."""

    def name(self) -> str:
        return "action_answer_faq"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        response = FAQ_RESPONSES.get(intent or "", "utter_capabilities")
        dispatcher.utter_message(response=response, **clinic_facts(services().profile))
        return []


class ActionFlagCrisis(Action):
    """After the crisis answer (988 and 911, a plain response from the rules): the staff flag."""

    def name(self) -> str:
        return "action_flag_crisis"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        return flag_urgent(tracker, crisis=True)


class ActionRestartIntake(Action):
    def name(self) -> str:
        return "action_restart_intake"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(response="utter_restarted")
        return [AllSlotsReset()]


class ActionStopIntake(Action):
    """Stop asking; what was said so far stays with the front desk."""

    def name(self) -> str:
        return "action_stop_intake"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(response="utter_stopped")
        events: list[EventType] = [SlotSet("dialogue_stage", "stopped")]
        if (
            tracker.get_slot("intake_id")
            or tracker.get_slot("pain_duration")
            or tracker.get_slot("pain_locations")
        ):
            events.insert(0, save(tracker))
        return events
