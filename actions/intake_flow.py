"""Actions after the intake form: red-flag triage, read-back, corrections and hand-over."""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.exc import SQLAlchemyError

from actions.common import (
    ask_again_crossed,
    channel_of,
    clinic_facts,
    crisis_said,
    latest_turn,
    message_crossed,
    sender_phone,
)
from actions.reask import ask_offer, offer_booking
from actions.services import services
from bot.intake.form import evidence_updates, required_slots
from bot.intake.service import IntakeUpdate, fields_from_slots, save_intake
from bot.intake.summary import apply_correction, summarize
from bot.intake.yesno import agrees_first, is_only_unsure
from bot.scheduling import cancel_for_conversation, confirmation_for

log = logging.getLogger(__name__)


def save(
    tracker: Tracker, status: str | None = None, completed: bool = False, **extra: Any
) -> SlotSet:
    """Write the conversation's intake as it stands and return the event that remembers its id."""
    svc = services()
    fields = {**fields_from_slots(tracker.slots), **extra}
    if not fields.get("phone"):  # by SMS the sender's number is the patient's (the queue said
        fields["phone"] = sender_phone(tracker)  # "No phone number on file": newcomer test)
    intake_id = save_intake(
        svc.session_factory,
        tracker.sender_id,
        IntakeUpdate(fields, status, completed),
        intake_id=int(tracker.get_slot("intake_id") or 0) or None,
        channel=channel_of(tracker),
        clock=svc.clock,
    )
    return SlotSet("intake_id", float(intake_id))


def save_now(tracker: Tracker) -> list[EventType]:
    """Save the intake as it stands, best effort, so the front desk sees it before the chat
    ends: a warning sign as soon as the patient's words raise it (one who then leaves without
    a word is in the call-back list, the sign mentioned and not yet confirmed:
    `bot.screening.unconfirmed_flags`), a name as soon as it is given (the console showed
    "Anonymous patient" while the chat was open: front-desk newcomer test). A database error is
    logged; the conversation goes on, and the next save writes it all."""
    try:
        return [save(tracker)]
    except SQLAlchemyError as err:
        log.warning("intake not saved yet (%s)", type(err).__name__)
        return []


def flag_urgent(tracker: Tracker, **fields: Any) -> list[EventType]:
    """Mark the intake urgent for staff, best effort: the patient already has the advice.

    A database error is logged and the conversation goes on as urgent; the flag is written
    later from the transcript (`bot intakes reconcile`, run by the reminder worker).
    """
    events: list[EventType] = [SlotSet("dialogue_stage", "urgent")]
    try:
        events.insert(0, save(tracker, "urgent", **fields))
    except SQLAlchemyError as err:
        log.warning("urgent flag not saved (%s): it is written from the transcript later",
                    type(err).__name__)
    return events


def cancel_booked(tracker: Tracker, dispatcher: CollectingDispatcher) -> bool:
    """Urgent means no booking: an assessment booked earlier in this chat is cancelled, and the
    patient told so (a warning sign said after booking left it in place). Best effort, like
    the flag: a database error is logged and the front desk sees the urgent intake."""
    svc = services()
    try:
        cancelled = cancel_for_conversation(
            svc.session_factory, svc.clock, tracker.sender_id, events=svc.booking_events
        )
    except SQLAlchemyError as err:
        log.warning("booking not cancelled after urgent advice (%s)", type(err).__name__)
        return False
    for booking in cancelled:
        details = confirmation_for(booking, svc.profile).as_dict()
        dispatcher.utter_message(response="utter_booking_held_urgent", **details)
    return bool(cancelled)


class ActionFlagUrgent(Action):
    """After the red-flag advice (a plain response from the rules): flag the intake for staff,
    and cancel an assessment booked earlier in the chat."""

    def name(self) -> str:
        return "action_flag_urgent"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        events = flag_urgent(tracker, completed=True)
        if cancel_booked(tracker, dispatcher):  # the cancellation email, off the event loop
            await asyncio.to_thread(services().send_booking_emails)
        return events


class ActionAssessIntake(Action):
    """After a form with no red flag: read the intake back (red flags have their own rules)."""

    def name(self) -> str:
        return "action_assess_intake"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(response="utter_summary", summary=summarize(tracker.slots))
        return [save(tracker), SlotSet("dialogue_stage", "confirm_summary")]


class ActionConfirmSummary(Action):
    """The patient agreed with the read-back: explain their kind of pain and offer to book."""

    def name(self) -> str:
        return "action_confirm_summary"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        return confirm_summary(tracker, dispatcher)


def confirm_summary(tracker: Tracker, dispatcher: CollectingDispatcher) -> list[EventType]:
    """The read-back agreed: the intake is saved as confirmed, the kind of pain explained and the
    booking offered (stage `offer_booking`); with no booking to offer, stage `contact`.

    A yes written before the read-back appeared (a second "1" by SMS, two quick messages) is
    no yes to it: it was taken as "that's right" and booking offered (pass K). Said so, and
    the read-back asked again."""
    if message_crossed(tracker):
        ask_again_crossed(dispatcher, "utter_summary", summary=summarize(tracker.slots))
        return [SlotSet("dialogue_stage", "confirm_summary"), FollowupAction("action_listen")]
    pain_class = tracker.get_slot("pain_class")
    dispatcher.utter_message(
        response=f"utter_explain_{pain_class or 'unknown'}", **clinic_facts(services().profile)
    )
    event = save(tracker, summary_confirmed=True, completed=True)
    if crisis_said(tracker):  # the clinic calls first; booking online waits for that call
        dispatcher.utter_message(
            response="utter_after_crisis_done",
            **clinic_facts(services().profile, urgent=True),
        )
        # The contact form takes the name and number the call needs (it asked for neither,
        # and a fallback followed).
        return [event, SlotSet("dialogue_stage", "contact")]
    if not offer_booking(dispatcher, pain_class):
        return [event, SlotSet("dialogue_stage", "contact")]
    return [event, SlotSet("dialogue_stage", "offer_booking")]


# A message that is only a number: "1", "2.", "#1".
_ONLY_A_NUMBER = re.compile(r"^\s*#?\s*(\d{1,3})\s*[.!)]?\s*$")


class ActionPainTalkAtOffer(Action):
    """Pain talk at the offer to book: a change to the intake ("it's been more like 8 months")
    is read back as a correction; anything else ("honestly I'm at my wits' end with this") is
    heard, and the offer made again (the read-back came again, as if nothing had been said).

    Two answers to the yes-or-no offer are no pain talk (second newcomer pass, issue 13): a bare
    number ("1", meant as the first button, became a pain score of 1) is asked what it means,
    and "maybe" or "not sure" hears that booking now can still be changed."""

    def name(self) -> str:
        return "action_pain_talk_at_offer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        turn = latest_turn(tracker, services().profile)
        number = _ONLY_A_NUMBER.match(turn.text or "")
        if number:
            dispatcher.utter_message(response="utter_offer_number", number=number.group(1))
        elif is_only_unsure(turn.text):
            dispatcher.utter_message(response="utter_offer_unsure")
        elif apply_correction(turn.text, turn.extraction, tracker.slots):
            return correct_intake(tracker, dispatcher)
        else:
            dispatcher.utter_message(response="utter_pain_heard")
        if not offer_booking(dispatcher, tracker.get_slot("pain_class")):
            return [SlotSet("dialogue_stage", "contact")]
        return [SlotSet("dialogue_stage", "offer_booking")]


class ActionAskCorrection(Action):
    def name(self) -> str:
        return "action_ask_correction"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        stuck = said_no_to_what_to_change(tracker)
        dispatcher.utter_message(
            response="utter_ask_correction_stuck" if stuck else "utter_ask_correction"
        )
        return [SlotSet("dialogue_stage", "correction")]


def said_no_to_what_to_change(tracker: Tracker) -> bool:
    """Whether the patient has answered "What should I change?" with a plain no before: "no" to
    the read-back and "no" to the question went round for ever (patient newcomer test); the
    second time the question says how to get out (start again, or a call)."""
    stage = None
    for event in tracker.events:
        if event.get("event") == "slot" and event.get("name") == "dialogue_stage":
            stage = event.get("value")
        elif event.get("event") == "user" and stage == "correction" and (
            ((event.get("parse_data") or {}).get("intent") or {}).get("name") == "deny"
        ):
            return True
    return False


class ActionCorrectIntake(Action):
    """Apply "actually it's my left knee" to the intake and read it back again."""

    def name(self) -> str:
        return "action_correct_intake"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        return correct_intake(tracker, dispatcher)


# A reply with nothing to correct in it: a button's payload, a number, a yes or a no.
_BARE_REPLY = re.compile(
    r"^\s*(?:/\w+.*|#?\s*\d{1,3}\s*[.!)]?|yes|yeah|yep|no|nope|nah|ok|okay)\s*$", re.IGNORECASE
)
_NOTHING_TO_CHANGE = re.compile(
    r"\b(?:never ?mind|nevermind|that'?s (?:right|fine|correct|ok)|it'?s (?:right|fine|correct|ok)"
    r"|all good|nothing to change|no changes?|my mistake|it was right)\b",
    re.IGNORECASE,
)


def correct_intake(tracker: Tracker, dispatcher: CollectingDispatcher) -> list[EventType]:
    """Apply the latest message as a correction: read the intake back (stage confirm_summary),
    reopen the intake form when a new place brings questions, or ask again (stage correction)
    when it named nothing to change. Also used for a correction typed during booking."""
    turn = latest_turn(tracker, services().profile)
    if message_crossed(tracker) and _BARE_REPLY.match(turn.text or ""):
        # "no" then "2" by SMS at the read-back: the "2" (its second button, or a number)
        # was meant for the read-back, and became a pain score of 2 (pass L). A correction
        # with words in it, sent as quickly, is still read. At the read-back itself the
        # read-back is asked again: nothing was said to be wrong (review).
        if tracker.get_slot("dialogue_stage") == "correction":
            ask_again_crossed(dispatcher, "utter_ask_correction")
            return [SlotSet("dialogue_stage", "correction")]
        ask_again_crossed(dispatcher, "utter_summary", summary=summarize(tracker.slots))
        return [SlotSet("dialogue_stage", "confirm_summary")]
    updates = apply_correction(turn.text, turn.extraction, tracker.slots)
    if not updates and _NOTHING_TO_CHANGE.search(turn.text or ""):
        # "oh never mind, that's right" got "Sorry, I couldn't tell what to change" (second
        # patient newcomer test): the read-back again, to confirm.
        dispatcher.utter_message(response="utter_summary", summary=summarize(tracker.slots))
        return [SlotSet("dialogue_stage", "confirm_summary")]
    if not updates:
        dispatcher.utter_message(response="utter_correction_not_understood")
        return [SlotSet("dialogue_stage", "correction")]
    evidence = evidence_updates(turn, updates, tracker.slots)  # the correction's own words
    if evidence is not None:
        updates["evidence"] = evidence
    events: list[EventType] = [SlotSet(k, v) for k, v in updates.items()]
    tracker.add_slots(events)
    if any(tracker.slots.get(s) is None for s in required_slots(tracker.slots)):
        # A new place brings its own questions ("it's my lower back, not my knee": the
        # back's safety questions; "and my hip": which side). The form asks them, then
        # reads the intake back as it does at its end.
        dispatcher.utter_message(response="utter_correction_more_questions")
        return [
            *events,
            save(tracker),
            SlotSet("dialogue_stage", None),
            SlotSet("requested_slot", None),
            ActiveLoop("intake_form"),
            FollowupAction("intake_form"),
        ]
    dispatcher.utter_message(response="utter_summary", summary=summarize(tracker.slots))
    return [*events, save(tracker), SlotSet("dialogue_stage", "confirm_summary")]


class ActionAskOpenQuestion(Action):
    """The open question asked again after a digression outside a form (a greeting, thanks, a
    clinic question or an out-of-scope message gets its own answer first), so the conversation
    never stalls on a reply that asks nothing; inside forms the form asks again
    (data/rules/digressions.yml). By `dialogue_stage`: confirm_summary → the read-back, unless
    the message agreed with it before asking ("yes thats right. do I need a referral?" was
    answered and the read-back asked again: newcomer test), offer_booking → the offer,
    correction → what to change. Any other stage: nothing."""

    def name(self) -> str:
        return "action_ask_open_question"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        stage = tracker.get_slot("dialogue_stage")
        if stage == "confirm_summary" and agrees_first((tracker.latest_message or {}).get("text")):
            events = confirm_summary(tracker, dispatcher)
            # No booking: the call's details. Else the turn ends here: the rule that ran this
            # action was for the read-back stage, and a stage it does not list ends in the
            # fallback.
            if any(e.get("event") == "followup" for e in events):
                return events  # a crossed yes: the read-back again, then listen
            contact = SlotSet("dialogue_stage", "contact") in events
            return [*events, FollowupAction("contact_form" if contact else "action_listen")]
        if stage == "confirm_summary":
            dispatcher.utter_message(response="utter_summary", summary=summarize(tracker.slots))
        elif stage == "offer_booking":
            ask_offer(tracker, dispatcher)
        elif stage == "correction":
            dispatcher.utter_message(response="utter_ask_correction")
        return []
