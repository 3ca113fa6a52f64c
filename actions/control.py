"""Greeting, clinic questions, crisis, start over and stop: what can happen at any point."""

from __future__ import annotations

import logging
import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, AllSlotsReset, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.exc import SQLAlchemyError

from actions.common import (
    RESTART_OFFER_RESPONSE,
    answer_clinic_question,
    answers_the_restart_offer,
    ask_again_crossed,
    clinic_facts,
    crisis_said,
    event_buttons,
    message_crossed,
    replies_before_latest,
    restart_was_offered,
    say_offer_answered,
    sender_phone,
    urgent_chat,
)
from actions.contact import contact_slots
from actions.intake_flow import flag_urgent, save, save_now
from actions.services import services
from bot.clinic_questions import question_responses
from bot.contact import find_phone
from bot.crisis_check import CHECK_OPEN_SLOT, check_answer
from bot.dialogue import CRISIS_CHECK_INTENT, CRISIS_INTENT, FAQ_FALLBACK_RESPONSE, faq_response
from bot.intake.control_words import answers_free_text_question
from bot.intake.form import INTAKE_SLOTS, Turn, fill_intake_slots
from bot.intake.service import restart_flagged_intake
from bot.intake.summary import summarize
from bot.messaging.inbound import OPT_OUT_METADATA
from bot.other_language import seen as seen_in_language
from bot.scheduling import bookings_for_conversation, confirmation_for, release_holds
from bot.screening import NOTES_SLOT, SIGNS_SLOT, detect, symptom_note
from bot.screening_form import (
    SYMPTOM_NOTED_RESPONSE,
    WHAT_TO_DO_RESPONSE,
    asks_what_to_do,
    asks_why_asked,
    is_puzzled,
    why_response,
)
from bot.triage import (
    ADVICE_LEVELS,
    ALL_FLAG_SLOTS,
    FLAGS_BY_SLOT,
    UNANSWERED_SLOT,
    UNSURE_SLOT,
)
from bot.warning_signs import SIGNS_BY_NAME

log = logging.getLogger(__name__)


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
        if response == "utter_intro":
            answer_clinic_question(dispatcher, tracker, services().profile)
        return []



def safety_question_aside(
    dispatcher: CollectingDispatcher, tracker: Tracker
) -> list[EventType] | None:
    """A question back at a safety question, whatever the classifier made of it: why it is
    asked, what a word of it means ("does a bruise count?": its clarifying version), or what to
    do now ("what do i do??": when to call 911). The events, the form then asks the question
    again; None when the message is none of these or no safety question is open."""
    requested = tracker.get_slot("requested_slot")
    text = (tracker.latest_message or {}).get("text")
    if requested not in ALL_FLAG_SLOTS or not text:
        return None
    if asks_what_to_do(text):  # the clinic's cost and hours were the answer (newcomer test)
        dispatcher.utter_message(response=WHAT_TO_DO_RESPONSE)
        return []
    if asks_why_asked(text):  # why it is asked, not what the assistant can do
        dispatcher.utter_message(response=why_response(requested))
        return []
    if is_puzzled(text):  # "what?": the form asks it again in other words
        return [SlotSet("slot_followup", requested)]
    return None


class ActionAnswerFaq(Action):
    """Answers a question about the clinic from its profile, never from invented facts."""

    def name(self) -> str:
        return "action_answer_faq"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        text = (tracker.latest_message or {}).get("text")
        at_question = safety_question_aside(dispatcher, tracker)
        if at_question is not None:
            return at_question
        starts_intake = _pain_talk_before_any_intake(tracker)
        if not starts_intake or _QUESTION.search(text or ""):
            response = faq_response(tracker.latest_message)
            facts = clinic_facts(services().profile)
            found = question_responses(text)  # "your hours and do you take medicare?"
            if response != FAQ_FALLBACK_RESPONSE or not found:  # not "what I can do" as well
                dispatcher.utter_message(response=response, **facts)
            for other in found:
                if other != response:
                    dispatcher.utter_message(response=other, **facts)
        if starts_intake:
            return [*_pain_details_said(tracker), FollowupAction("intake_form")]
        return []


class ActionNothingOffered(Action):
    """A choice of time (or "none of these") when no times were offered, or a first message read
    as a yes or a no: the fallback, unless it is a first description of the pain ("headache that
    builds gradually through the afternoon with tight neck and shoulders" was read as choosing an
    afternoon and got "Sorry, I didn't understand that" on every turn): then the intake starts
    with what it said, after the short introduction when nothing was said before."""

    def name(self) -> str:
        return "action_nothing_offered"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if _pain_talk_before_any_intake(tracker):
            if not any(event.get("event") == "bot" for event in tracker.events):
                dispatcher.utter_message(response="utter_intro", **clinic_facts(services().profile))
            return [*_pain_details_said(tracker), FollowupAction("intake_form")]
        dispatcher.utter_message(response="utter_default")
        return []


# A question asked in words: "?" or a question word opening a sentence.
_QUESTION = re.compile(
    r"\?|(?:^|[.!]\s+)(?:what|where|when|how|who|which|why|do|does|can|could|is|are|will|would|"
    r"should|may|have)\b",
    re.IGNORECASE,
)


def _pain_talk_before_any_intake(tracker: Tracker) -> bool:
    """A first description of the pain read as a clinic question: "75, stiff low back mornings,
    loosens w walk, want exercises" got the first visit's answer and nothing more, whatever the
    patient sent next (a blind presentation run as a conversation). It names a place, and no
    intake has begun: the question is answered if one was asked, and the intake starts."""
    extraction = (tracker.latest_message or {}).get("pain_extraction") or {}
    return (
        bool(extraction.get("locations"))
        and tracker.active_loop_name is None
        and tracker.get_slot("dialogue_stage") is None
        and not tracker.get_slot("pain_class")
        and not tracker.get_slot("pain_locations")
    )


class ActionFlagCrisis(Action):
    """After the crisis answer (988 and 911, a plain response from the rules): the staff flag."""

    def name(self) -> str:
        return "action_flag_crisis"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        # crisis words at the check answer it
        answered = [SlotSet(CHECK_OPEN_SLOT, None)] if tracker.get_slot(CHECK_OPEN_SLOT) else []
        tracker.add_slots(answered)
        return [*answered, *flag_urgent(tracker, crisis=True)]


def question_before_crisis(tracker: Tracker) -> tuple[str | None, str | None, str | None]:
    """(form, question, dialogue stage) as they stood before the latest crisis rule or crisis
    check interrupted the conversation; form and question are None when no form was open."""
    form = requested = stage = None
    before: tuple[str | None, str | None, str | None] = (None, None, None)
    for event in tracker.events:
        kind, name = event.get("event"), event.get("name")
        if kind == "user" and _is_crisis_turn(event):
            before = (form, requested, stage)
        elif kind == "active_loop":
            form = name
        elif kind == "slot" and name == "requested_slot":
            requested = event.get("value")
        elif kind == "slot" and name == "dialogue_stage":
            stage = event.get("value")
    return before if before[0] and before[1] else (None, None, before[2])


def _is_crisis_turn(event: dict) -> bool:
    intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
    return intent in (CRISIS_INTENT, CRISIS_CHECK_INTENT)


def go_on_after_crisis(
    tracker: Tracker, dispatcher: CollectingDispatcher, finished: str
) -> list[EventType]:
    """Back to the question a crisis interrupted; the intake when none had started; else the
    `finished` response. The crisis flag, if one was written, stays."""
    form, requested, stage = question_before_crisis(tracker)
    events: list[EventType] = [SlotSet("dialogue_stage", stage)]
    if form and requested:
        if form == "intake_form":
            events += _answer_in_crisis_message(tracker, requested)
        return [*events, ActiveLoop(form), SlotSet("requested_slot", requested),
                FollowupAction(form)]
    if not tracker.get_slot("pain_class") and stage in (None, "urgent"):
        details = _pain_details_said(tracker)
        return [*details, SlotSet("dialogue_stage", None), FollowupAction("intake_form")]
    # No form to go back to: the turn ends here, whatever stage it restores (no rule can list
    # every stage it might restore, and a rule that doesn't match ends in the fallback).
    events.append(FollowupAction("action_listen"))
    if stage == "confirm_summary":  # the read-back was open: read it back again
        dispatcher.utter_message(response="utter_summary", summary=summarize(tracker.slots))
        return events
    dispatcher.utter_message(response=finished, **clinic_facts(services().profile))
    return events


def _answer_in_crisis_message(tracker: Tracker, requested: str) -> list[EventType]:
    """The intake slots the message read as a possible crisis fills, when it answers the question
    it interrupted: "8, i don't see the point" at the pain score, then "no" to the check, asked
    for the score again (patient newcomer test). Nothing when it does not answer that question."""
    message = next((e for e in reversed(tracker.events)
                    if e.get("event") == "user" and _is_crisis_turn(e)), None)  # fmt: skip
    if message is None:
        return []
    extraction = (message.get("parse_data") or {}).get("pain_extraction") or {}
    turn = Turn(str(message.get("text") or ""), "describe_pain", 1.0, extraction)
    updates = fill_intake_slots(turn, requested, tracker.slots)
    if updates.get(requested) is None:
        return []
    return [SlotSet(name, value) for name, value in updates.items()]


def _pain_details_said(tracker: Tracker) -> list[EventType]:
    """The intake slots the patient's messages so far already fill: "my lower back has been bad
    for 2 years, some days I just dont want to be here anymore" got the crisis answer, and after
    "I'm safe" the intake asked how long and where, as if never told (patient newcomer test)."""
    updates: dict[str, Any] = {}
    for event in tracker.events:
        extraction = (event.get("parse_data") or {}).get("pain_extraction") or {}
        if event.get("event") != "user" or not (
            extraction.get("locations") or extraction.get("duration_status") == "ok"
        ):
            continue
        turn = Turn(str(event.get("text") or ""), "describe_pain", 1.0, extraction)
        updates.update(fill_intake_slots(turn, None, {**tracker.slots, **updates}))
    return [SlotSet(name, value) for name, value in updates.items()]


# "am i still booked for tuesday at 10?" after the advice got "Please follow the advice above"
# (newcomer test): whether anything is booked is said plainly.
_ASKS_ABOUT_BOOKING = re.compile(
    r"\b(?:booked|booking|appointment|appt|reservation|my (?:slot|time))\b", re.IGNORECASE
)


def _late_phone(tracker: Tracker) -> str | None:
    """A phone number sent after the advice when none is on file ("Tom Smith" at the phone
    question was taken as no number, and the number sent next was dropped: newcomer test)."""
    if tracker.get_slot("phone"):
        return None
    return find_phone((tracker.latest_message or {}).get("text"))


class ActionAfterUrgentReply(Action):
    """Anything but "I'm safe" or "call me" after urgent advice ("no", "yes", "5", "what should
    I do?"): after a crisis answer, 988 and 911 again with the way on (I'm safe / please call
    me); after red-flag advice, a reminder to follow it (with 911 if it gets worse for a
    question)."""

    def name(self) -> str:
        return "action_after_urgent_reply"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        asks_faq = (tracker.latest_message.get("intent") or {}).get("name") == "faq"
        late_phone = _late_phone(tracker)
        if late_phone:  # a number after "no number" or a non-answer: taken, never dropped
            dispatcher.utter_message(response="utter_phone_added",
                                     **clinic_facts(services().profile, urgent=True))
            events: list[EventType] = [
                SlotSet("phone", late_phone), SlotSet("contact_declined", None)
            ]
            try:
                events.append(save(tracker, None, phone=late_phone))
            except SQLAlchemyError as err:  # the slot keeps it; the next save writes it
                log.warning("late phone number not saved yet (%s)", type(err).__name__)
            return events
        if crisis_said(tracker):
            response = faq_response(tracker.latest_message) if asks_faq else None
            # "what are your hours?" got 988 again and no answer (newcomer test); never "you
            # don't need a referral" here: the clinic calls first.
            if response and response != "utter_faq/referral":
                dispatcher.utter_message(response=response, **clinic_facts(services().profile))
            dispatcher.utter_message(response="utter_crisis_reminder")
            dispatcher.utter_message(response="utter_crisis_options")
            return []
        if _ASKS_ABOUT_BOOKING.search(tracker.latest_message.get("text") or ""):
            dispatcher.utter_message(
                response="utter_after_urgent_not_booked", **clinic_facts(services().profile, True)
            )
            return []
        if asks_faq:
            # "what should I do?" after "call 911 now" got the first visit's answer: that is
            # answered with the advice; a question about the clinic ("where are you?") is
            # answered, then the advice again.
            response = faq_response(tracker.latest_message)
            # "can i still just book though, i dont have a doctor" got "you don't need a
            # referral to see a physical therapist", against the advice (patient newcomer test).
            referral = response == "utter_faq/referral"
            what_to_do = asks_what_to_do(tracker.latest_message.get("text"))
            if not referral and not what_to_do:
                dispatcher.utter_message(response=response, **clinic_facts(services().profile))
            dispatcher.utter_message(response="utter_after_urgent_question")
            return []
        dispatcher.utter_message(response="utter_after_urgent")
        return []


class ActionCrisisCheckAsked(Action):
    """After the check (a plain response from the rules): its own stage, so that its yes or no
    answers only it, and the intake saved with the check open (`CHECK_UNANSWERED`): a patient
    who leaves without answering is in the call-back list (pass L: staff had nothing)."""

    def name(self) -> str:
        return "action_crisis_check_asked"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        events: list[EventType] = [SlotSet("dialogue_stage", "crisis_check")]
        if not crisis_said(tracker):  # after the crisis answer the crisis flag says more
            events.append(SlotSet(CHECK_OPEN_SLOT, True))
            tracker.add_slots(events)
            events += save_now(tracker)
        return events


PLAIN_CHECK = "utter_crisis_check_plain"


def _asked_plainly(tracker: Tracker) -> bool:
    """Whether the open crisis check was already asked plainly (`PLAIN_CHECK`), also before a
    crossed message had it asked again (review)."""
    for event in reversed(tracker.events):
        if event.get("event") == "slot" and event.get("name") == "dialogue_stage" and (
            event.get("value") != "crisis_check"
        ):
            return False  # the check opened after this: asked plainly only if seen since
        if event.get("event") == "bot" and (
            (event.get("metadata") or {}).get("utter_action") == PLAIN_CHECK
        ):
            return True
    return False


class ActionAnswerCrisisCheck(Action):
    """Any answer to the crisis check, read from its words (`bot.crisis.check_answer`), not from
    the intent: a clear no ("no", "god no, just sore") thanks and goes on where the conversation
    was, with no flag; a yes, a hedge ("sometimes", "kind of yeah") or anything unclear gets
    the crisis answer and the staff flag. A button's payload is its intent."""

    def name(self) -> str:
        return "action_answer_crisis_check"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        text = tracker.latest_message.get("text") or ""
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        reading = "unclear"
        if text.startswith("/"):
            safe = intent in ("deny", "confirm_safe")
        else:  # a crisis reading of the answer itself is never a no
            crisis_read = intent in (CRISIS_INTENT, CRISIS_CHECK_INTENT)
            reading = "at_risk" if crisis_read else check_answer(text)
            safe = reading == "safe"
        replies = replies_before_latest(tracker)
        if reading == "unclear" and not text.startswith("/") and not _asked_plainly(tracker):
            # "it hurts so much" answers neither way: the check once more, plainly; an
            # unanswered screening question is no no (pass L: it counted as one)
            dispatcher.utter_message(response=PLAIN_CHECK)
            return [SlotSet("dialogue_stage", "crisis_check")]
        if safe and message_crossed(tracker, replies):
            # a "no" (or "2") written before the check was seen answers the question before it,
            # never the check (review: it got "Thank you for telling me... Let's go on")
            ask_again_crossed(dispatcher, "utter_crisis_check")
            return [SlotSet("dialogue_stage", "crisis_check")]
        answered = [SlotSet(CHECK_OPEN_SLOT, None)]  # the staff flag of the open check goes
        tracker.add_slots(answered)
        if safe:
            dispatcher.utter_message(response="utter_crisis_check_no")
            saved = save_now(tracker) if tracker.get_slot("intake_id") else []
            return [*answered, *saved, *go_on_after_crisis(tracker, dispatcher, "utter_what_next")]
        dispatcher.utter_message(response="utter_crisis")
        dispatcher.utter_message(response="utter_crisis_options")
        return [*answered, *flag_urgent(tracker, crisis=True)]


class ActionResumeAfterCrisis(Action):
    """"I'm safe" after the crisis answer: the patient goes on; the staff flag stays, and booking
    waits for the clinic's call (`actions.booking.crisis_said`)."""

    def name(self) -> str:
        return "action_resume_after_crisis"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if crisis_said(tracker):
            dispatcher.utter_message(response="utter_glad_safe")
            return go_on_after_crisis(tracker, dispatcher, "utter_after_crisis_done")
        if tracker.get_slot("dialogue_stage") == "urgent":  # a red flag: its advice stands
            dispatcher.utter_message(response="utter_after_urgent")
            return []
        return go_on_after_crisis(tracker, dispatcher, "utter_what_next")


def interrupted_question(tracker: Tracker) -> tuple[str, str] | None:
    """The form and the question it had asked, when a control rule just deactivated it (in
    this turn: a form that ended before the patient's latest message was interrupted by
    nothing)."""
    form = requested = None
    seen_user = deactivated = False
    for event in reversed(tracker.events):
        kind = event.get("event")
        if kind == "user":
            if not deactivated:
                return None
            seen_user = True
        elif not seen_user and kind == "active_loop" and not event.get("name"):
            deactivated = True
        elif seen_user and kind == "slot" and event.get("name") == "requested_slot":
            requested = requested or event.get("value")
        elif seen_user and kind == "active_loop" and event.get("name"):
            form = event["name"]
            break
    return (form, requested) if form and requested else None


def resume_free_text_answer(tracker: Tracker) -> list[EventType] | None:
    """A control word inside an answer to a free-text question ("I can't stop working" at
    "what does the pain stop you doing?") is the answer: back to the form, which reads it."""
    interrupted = interrupted_question(tracker)
    message = tracker.latest_message or {}
    intent = (message.get("intent") or {}).get("name")
    text = message.get("text") or ""
    if interrupted and answers_free_text_question(interrupted[1], text, intent):
        form, requested = interrupted
        return [ActiveLoop(form), SlotSet("requested_slot", requested), FollowupAction(form)]
    return None


def release_held_times(tracker: Tracker) -> None:
    """Free the times this chat holds: a patient who stops or starts over is booking nothing
    (a stopped chat kept "Mon 7:00 with Priya" from every other patient for 10 minutes).
    Best effort: a database error is logged, and the hold lapses on its own."""
    try:
        released = release_holds(services().session_factory, tracker.sender_id)
    except SQLAlchemyError as err:
        log.warning("held times not released (%s): they lapse on their own", type(err).__name__)
        return
    if released:
        log.info("released %d held time(s)", released)


# What starting again would clear: an answer in any of these asks first.
_ANSWER_SLOTS = (*INTAKE_SLOTS, "patient_name", "phone")
# Stages that wait on an answer outside a form: the open question to come back to. At the
# others (stopped, booked, after advice...) there is none, and start over clears at once.
_QUESTION_STAGES = frozenset(
    {"confirm_summary", "correction", "offer_booking", "confirm_cancel", "slot_taken",
     "booking_correction"}
)  # fmt: skip


def has_answers(tracker: Tracker) -> bool:
    """Whether the patient gave an answer starting again would clear; an SMS sender's own
    number, filled without asking, is none."""
    return any(
        tracker.get_slot(slot) is not None
        and not (slot == "phone" and tracker.get_slot(slot) == sender_phone(tracker))
        for slot in _ANSWER_SLOTS
    )


def last_prompt(tracker: Tracker) -> dict[str, Any] | None:
    """The assistant's last message before the patient's latest one, with its buttons: what a
    patient who decides not to start again was being asked."""
    for event in replies_before_latest(tracker):
        if event.get("text"):
            return {"text": event["text"], "buttons": event_buttons(event)}
    return None


class ActionRestartIntake(Action):
    """Start over: clears the answers, after asking first when there are answers to lose.

    A first "start over" at an open question, with answers given, says what starting again
    would clear and asks that question again (a patient who typed it by mistake loses nothing);
    said again, or after a "Start again" button, it clears them. Held times are freed only then.
    With no question open (stopped, booked) it clears at once, as with nothing answered."""

    def name(self) -> str:
        return "action_restart_intake"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        confirmed = restart_was_offered(tracker)
        resume = None if confirmed else resume_free_text_answer(tracker)
        if resume:
            return resume
        interrupted = interrupted_question(tracker)
        stage = tracker.get_slot("dialogue_stage")
        # after the crisis answer, "if you're safe right now, ..." is the open question
        # ("start fresh" there cleared every answer unasked: newcomer pass J)
        open_question = interrupted or stage in _QUESTION_STAGES or (
            stage == "urgent" and crisis_said(tracker) and not tracker.get_slot("red_flag_advice")
        )
        if not (confirmed or tracker.get_slot("red_flag_advice")) and open_question and (
            has_answers(tracker)
        ):
            return self._offer(dispatcher, tracker, interrupted)
        release_held_times(tracker)
        if tracker.get_slot("red_flag_advice"):
            # After red-flag advice the answers stand for the clinic's call: starting again
            # offered a booking the scheduler then refused, and left staff a second, clean
            # intake (patient newcomer test). The contact questions go on if unanswered.
            dispatcher.utter_message(
                response="utter_no_restart_after_advice", **clinic_facts(services().profile, True)
            )
            if any(not tracker.get_slot(slot) for slot in contact_slots(tracker)):
                return [FollowupAction("contact_form")]
            return []
        _say_booking_stays(dispatcher, tracker)
        dispatcher.utter_message(response="utter_restarted")
        return [AllSlotsReset(), *_kept_for_staff(tracker)]

    @staticmethod
    def _offer(
        dispatcher: CollectingDispatcher, tracker: Tracker, interrupted: tuple[str, str] | None
    ) -> list[EventType]:
        dispatcher.utter_message(response=RESTART_OFFER_RESPONSE)
        return back_to_question(dispatcher, tracker, interrupted)


def _say_booking_stays(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """Before a start over, this chat's upcoming appointment, which stays booked: starting again
    after booking opened a second intake with no word about the first (pass K). Best effort:
    nothing is said when the database cannot be read."""
    svc = services()
    try:
        upcoming = bookings_for_conversation(
            svc.session_factory, tracker.sender_id, upcoming_after=svc.clock()
        )
    except SQLAlchemyError as err:
        log.warning("bookings not read before a start over (%s)", type(err).__name__)
        return
    if upcoming:
        details = confirmation_for(upcoming[0], svc.profile).as_dict()
        dispatcher.utter_message(response="utter_restart_booking_stays", **details)


def back_to_question(
    dispatcher: CollectingDispatcher, tracker: Tracker, interrupted: tuple[str, str] | None
) -> list[EventType]:
    """The question open before the patient's latest message, asked again: its form goes on
    (`interrupted`), or the assistant's last message is sent again, buttons and all."""
    if interrupted:  # the form asks its question again
        form, requested = interrupted
        return [ActiveLoop(form), SlotSet("requested_slot", requested), FollowupAction(form)]
    prompt = last_prompt(tracker)
    if prompt:
        dispatcher.utter_message(text=prompt["text"], buttons=prompt["buttons"])
    return []


# The slots staff flags are read from (`bot.intake.service.fields_from_slots`), besides answers
# yes (after which starting again is refused): kept by a start over, or the flagged intake's next
# save wiped its reasons ("bladder_bowel_unanswered", "other_language_es_emergency": review).
_FLAG_SLOTS = (SIGNS_SLOT, NOTES_SLOT, UNSURE_SLOT, UNANSWERED_SLOT, "other_language")


def _kept_for_staff(tracker: Tracker) -> list[EventType]:
    """What a start over keeps: what staff flags are read from (`_FLAG_SLOTS`: the warning
    signs the patient's words raised are asked about again), and a flagged intake, which goes
    on with the new answers
    (`restart_flagged_intake`). Staff were left a flag without a phone number in one intake
    and the number without the flag in another (newcomer pass I)."""
    events: list[EventType] = [
        SlotSet(slot, tracker.get_slot(slot)) for slot in _FLAG_SLOTS if tracker.get_slot(slot)
    ]
    svc = services()
    try:
        kept = restart_flagged_intake(
            svc.session_factory, tracker.sender_id,
            int(tracker.get_slot("intake_id") or 0) or None, svc.clock,
        )
    except SQLAlchemyError as err:
        log.warning("flagged intake not carried over (%s)", type(err).__name__)
        kept = None
    return events + ([SlotSet("intake_id", float(kept))] if kept else [])


class ActionStopIntake(Action):
    """Stop asking; what was said so far stays with the front desk."""

    def name(self) -> str:
        return "action_stop_intake"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        resume = resume_free_text_answer(tracker)
        if resume:
            return resume
        if restart_was_offered(tracker, buttons=False) and answers_the_restart_offer(tracker):
            # "never mind" right after the offer to start again calls the start over off; after
            # "not sure what to change" (a "Start again" button) it stops, as before (review)
            interrupted = interrupted_question(tracker)
            if not interrupted:  # a form says it itself (restart_offer_reply)
                say_offer_answered(dispatcher, tracker)
            return back_to_question(dispatcher, tracker, interrupted)
        release_held_times(tracker)
        urgent = urgent_chat(tracker)
        if urgent:  # the urgent stage keeps its rules: the advice again, never the intake
            if not _opted_out(tracker):
                # 988 is for a crisis; after red-flag advice alone it told a patient with a
                # sudden headache to call the suicide line (patient newcomer test).
                crisis = crisis_said(tracker)
                response = "utter_stopped_urgent" if crisis else "utter_stopped_red_flag"
                dispatcher.utter_message(
                    response=response, **clinic_facts(services().profile, True)
                )
            return flag_urgent(tracker)
        said_something = (
            tracker.get_slot("intake_id")
            or tracker.get_slot("pain_duration")
            or tracker.get_slot("pain_locations")
            or tracker.get_slot(SIGNS_SLOT)  # a warning sign mentioned: flagged for staff
        )
        # The time chosen is no longer held: a later "book" offers times again (it booked the
        # old one unasked, or said it was taken after every detail: newcomer pass I).
        forget_time: list[EventType] = []
        if tracker.get_slot("booking_slot") and tracker.get_slot("dialogue_stage") != "booked":
            forget_time = [SlotSet("booking_slot", None), SlotSet("offered_slots", None)]
        if _opted_out(tracker):  # texted STOP: nothing is sent, and the stage stays
            return ([save(tracker)] if said_something else []) + forget_time
        dispatcher.utter_message(response="utter_stopped", **clinic_facts(services().profile))
        note = _unanswered_sign_note(tracker)
        if note:
            # "stop" after "my chest feels heavy and my left arm is aching" got only "Take
            # care" (newcomer test): what to do about what they said, never a diagnosis
            dispatcher.utter_message(response="utter_stopped_sign_mentioned", sign_note=note)
        events: list[EventType] = [SlotSet("dialogue_stage", "stopped")]
        if said_something:
            events.insert(0, save(tracker))
        return events + forget_time


def _unanswered_sign_note(tracker: Tracker) -> str | None:
    """The patient's words for the most urgent warning sign their words stated whose question
    is not answered ("your chest feels heavy"), or None. A sign only asked about (its words
    could be a lookalike: "my legs are tingly") gets no note (review)."""
    signs = [SIGNS_BY_NAME[n] for n in tracker.get_slot(SIGNS_SLOT) or [] if n in SIGNS_BY_NAME]
    open_slots = {a.slot for s in signs for a in s.asks if tracker.get_slot(a.slot) is None}
    best: tuple[int, str] | None = None
    for event in tracker.events:
        if event.get("event") != "user":
            continue
        found = detect(event.get("text"))
        for slot in found.stated:
            if slot in open_slots:
                rank = ADVICE_LEVELS.index(FLAGS_BY_SLOT[slot].advice)
                note = found.note(slot=slot)
                if note and (best is None or rank < best[0]):
                    best = (rank, note)
    return best[1] if best else None


def _opted_out(tracker: Tracker) -> bool:
    """The stop is the SMS channel's, after the patient texted STOP (`OPT_OUT_METADATA`)."""
    metadata = (tracker.latest_message or {}).get("metadata") or {}
    return isinstance(metadata, dict) and metadata.get(OPT_OUT_METADATA) is True


# The parse-data key components.language sets for a message in another language.
MESSAGE_LANGUAGE = "message_language"
# The notice in the patient's language where the clinic has one; English (with the offer of a
# call) for every other language.
LANGUAGE_NOTICES = {"es": "utter_other_language_es"}


class ActionOutOfScope(Action):
    """Out of scope: what the assistant can do; for a message in another language
    ("Me duele la rodilla"), the notice that it reads only English, with the offer of a call."""

    def name(self) -> str:
        return "action_out_of_scope"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        language = (tracker.latest_message or {}).get(MESSAGE_LANGUAGE)
        at_question = None if language else safety_question_aside(dispatcher, tracker)
        if at_question is not None:
            return at_question
        if not language:
            note = symptom_note((tracker.latest_message or {}).get("text"))
            if note:  # "dizzy" at the duration question: noted, never "can't help with that"
                dispatcher.utter_message(response=SYMPTOM_NOTED_RESPONSE, screen_note=note)
            else:
                dispatcher.utter_message(response="utter_out_of_scope")
            return []
        facts = clinic_facts(services().profile)
        dispatcher.utter_message(
            response=LANGUAGE_NOTICES.get(language, "utter_other_language"), **facts
        )
        # The front desk sees it, flagged for a call back in that language (urgent when its
        # words named an emergency); the notice is the patient's answer either way.
        value = seen_in_language(tracker.get_slot("other_language"), language,
                                 (tracker.latest_message or {}).get("text"))
        event = SlotSet("other_language", value)
        tracker.add_slots([event])
        status = "urgent" if value["emergency"] else None
        try:
            return [event, save(tracker, status)]
        except SQLAlchemyError as err:
            log.warning("other-language message not saved yet (%s)", type(err).__name__)
            return [event]
