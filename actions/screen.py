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
from actions.intake_flow import flag_urgent, save_now
from actions.services import services
from bot.intake.summary import apply_correction
from bot.screening import SIGNS_SLOT, detect, regions_of, symptom_note, triggered_questions
from bot.screening_form import (
    ADVICE_FROM_UNSURE,
    CANT_CALL_RESPONSE,
    NOTED_RESPONSE,
    SYMPTOM_NOTED_RESPONSE,
    acknowledgement,
    after_advice,
    asks_to_call_911,
    screen_updates,
    takes_back_answer,
    unplaced_mention,
)
from bot.triage import ALL_FLAG_SLOTS


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
    if requested and requested not in ALL_FLAG_SLOTS and asks_to_call_911(text):
        # (a first message's is said with the greeting, a safety question's by its aside)
        dispatcher.utter_message(response=CANT_CALL_RESPONSE)
    entering = next_slot in ALL_FLAG_SLOTS and requested not in ALL_FLAG_SLOTS
    if changed and entering and next_slot not in triggered_questions(slots):
        dispatcher.utter_message(response="utter_redflag_intro")
    ack = acknowledgement(next_slot, requested, slots)
    if ack:
        dispatcher.utter_message(response=ack[0], screen_note=ack[1])
    elif text and not slots.get("red_flag_advice"):
        note = unplaced_mention(detect(text, regions_of(slots)), slots)
        if note:
            dispatcher.utter_message(response=NOTED_RESPONSE, screen_note=note)
        elif requested == next_slot and requested not in ALL_FLAG_SLOTS and (
            told := symptom_note(text)
        ):  # "dizzy" at the duration question: noted, then the question again (pass C)
            dispatcher.utter_message(response=SYMPTOM_NOTED_RESPONSE, screen_note=told)


# Stages at which the intake has been read back: a message there may correct it.
_AFTER_THE_INTAKE = frozenset({"confirm_summary", "correction", "offer_booking"})


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
        if tracker.get_slot("dialogue_stage") in _AFTER_THE_INTAKE:
            # the rest of the message is a correction: "no, its been 2 months, and i cant
            # really control my bladder since tuesday" kept 8 months (third newcomer pass)
            correction = apply_correction(turn.text, turn.extraction, tracker.slots)
            updates = {**correction, **updates}
        events: list[EventType] = [SlotSet(name, value) for name, value in updates.items()]
        if set(updates.get(SIGNS_SLOT) or []) - set(tracker.get_slot(SIGNS_SLOT) or []):
            # With the front desk at once, before any answer: a sign told mid-conversation by a
            # patient who then never answers (or texted it after STOP, unanswered) was saved
            # nowhere, and staff saw no flag (newcomer pass K)
            tracker.add_slots(events)
            events += save_now(tracker)
        return [*events, SlotSet("dialogue_stage", None), SlotSet("requested_slot", None)]


class _Fill(dict):  # type: ignore[type-arg]
    def __missing__(self, key: str) -> str:
        return ""


def _say_told_advice(
    dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict, level: str
) -> None:
    """The advice for a symptom the patient told: never its "we couldn't rule this out"
    version. Rasa renders a response with the slots before the action's events, so after
    advice from "not sure" answers the escalation said "as we couldn't rule this out" to a
    patient who had just said their chest was crushing (review): the plain variant is taken
    from the domain and filled with the slots here."""
    name = f"utter_redflag_{level}"
    variants = ((domain or {}).get("responses") or {}).get(name) or []
    plain = next((v for v in variants if not v.get("condition") and v.get("text")), None)
    if not tracker.get_slot(ADVICE_FROM_UNSURE) or plain is None:
        dispatcher.utter_message(response=name)
        return
    slots = {k: "" if v is None else v for k, v in tracker.slots.items()}
    dispatcher.utter_message(text=str(plain["text"]).format_map(_Fill(slots)))


def report_after_advice(
    dispatcher: CollectingDispatcher, tracker: Tracker, text: str | None, domain: DomainDict
) -> list[EventType] | None:
    """A message after the advice that tells a warning sign or takes an answer back: the reply
    and the events (`bot.screening_form.after_advice`); None when it does neither. New yes
    answers are recorded and saved for staff; more urgent advice is given now."""
    found = detect(text, regions_of(tracker.slots))
    new, level = after_advice(found, tracker.slots)
    # A sign told in the same message as a take-back is told first: "sorry I pressed the wrong
    # button, but now my face is drooping" got only "the advice stands" (review).
    if not new and level is None and takes_back_answer(text):
        dispatcher.utter_message(response="utter_answer_taken_back")
        return []
    if not new and not found.mentions_warning_sign:
        return None
    if level is not None:
        _say_told_advice(dispatcher, tracker, domain, level)
    else:
        dispatcher.utter_message(response="utter_after_urgent_symptom")
    events: list[EventType] = [SlotSet(slot, True) for slot in new]
    if level is not None:
        events += [SlotSet("red_flag_advice", level), SlotSet(ADVICE_FROM_UNSURE, False)]
    if events:
        tracker.add_slots(events)
        events.extend(flag_urgent(tracker))
    return events


class ActionAfterUrgentSymptom(Action):
    """A warning sign said after the advice was given (`report_after_advice`); else the advice
    stands, with 911 if it is worse."""

    def name(self) -> str:
        return "action_after_urgent_symptom"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        text = latest_turn(tracker, services().profile).text
        events = report_after_advice(dispatcher, tracker, text, domain)
        if events is None:
            dispatcher.utter_message(response="utter_after_urgent_symptom")
            return []
        return events
