"""Helpers every action shares: reading the latest message and the clinic's facts."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.clinic import ClinicProfile
from bot.clinic_questions import question_responses
from bot.contact import sender_phone as phone_of_sender
from bot.crossing import crossed_choice, crossed_reply, repeats_previous
from bot.dialogue import CRISIS_INTENT
from bot.intake.button_replies import shown_answer
from bot.intake.form import Turn
from bot.nlp import extract
from bot.screening_form import CANT_CALL_RESPONSE, asks_to_call_911
from bot.triage import CHRONIC_WEEKS

CRISIS_RESPONSE = "utter_crisis"  # the crisis answer: 988 and 911 (a plain response, by rule)

# Actions that hand the patient's latest message back to the form as its answer ("I can't stop
# walking" at the activities question is the answer, not a stop).
HANDS_MESSAGE_TO_FORM = frozenset(
    {"action_restart_intake", "action_stop_intake", "action_screen_symptom"}
)


def _action_before_form(tracker: Tracker) -> str | None:
    """The action that ran before the form now validating. Rasa hands a form's validator a
    tracker that ends with the form's own run (`ActionExecuted(<form>)`, see
    rasa.core.actions.forms.FormAction._temporary_tracker), so `latest_action_name` is the
    form itself there; the action before it is the one that tells."""
    names = [e.get("name") for e in tracker.events if e.get("event") == "action"]
    if len(names) >= 2 and str(names[-1]).endswith("_form"):
        return names[-2]
    return tracker.latest_action_name


def _started_by_greeting_message(tracker: Tracker, before: str | None) -> bool:
    """A first message about pain gets the short introduction (`action_greet`), then starts the
    form, which reads it: the form was activated after that message, not re-entered. (Rasa
    applies the form's ActiveLoop before its validator runs, so the tracker's active loop is set
    even then; an action that re-enters a form itself, actions.resume, is not the greeting.)"""
    if before != "action_greet":
        return False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "active_loop" and event.get("name"):
            return True
    return False


RESTART_OFFER_RESPONSE = "utter_restart_offer"


def replies_before_latest(tracker: Tracker) -> list[dict[str, Any]]:
    """The assistant's messages ("bot" events) between the patient's last two messages, newest
    first: what the patient had seen when they wrote the latest one."""
    replies: list[dict[str, Any]] = []
    seen_latest = False
    for event in reversed(tracker.events):
        kind = event.get("event")
        if kind == "user":
            if seen_latest:
                break
            seen_latest = True
        elif kind == "bot" and seen_latest:
            replies.append(event)
    return replies


def event_buttons(event: dict[str, Any]) -> list[dict[str, Any]]:
    """The buttons of an assistant message ("bot" event); malformed ones left out."""
    buttons = (event.get("data") or {}).get("buttons") or []
    return [b for b in buttons if isinstance(b, dict)]


def restart_was_offered(tracker: Tracker, buttons: bool = True) -> bool:
    """True when the assistant's replies to the patient's previous message offered to start
    again: the question "start again?" (`utter_restart_offer`) or, unless `buttons` is False,
    a "Start again" button."""
    return any(
        (event.get("metadata") or {}).get("utter_action") == RESTART_OFFER_RESPONSE
        or (buttons and any(b.get("payload") == "/start_over" for b in event_buttons(event)))
        for event in replies_before_latest(tracker)
    )


# A reply to "start again?" rather than to the question asked again under it: a bare yes or no,
# or a start over said not to be wanted ("no, don't start over", lowered by ControlWordGuard).
# A yes to the offer read as a yes to the bladder question sent a safe patient to the
# emergency department, and trapped them there (newcomer pass I).
_YES_OR_NO = (
    r"(?:yes|yeah|yep|yup|y|ok|okay|sure|fine|no|nope|nah|n)\W*(?:please|pls|thanks|thank you)?"
)
_REPLY_TO_OFFER = re.compile(
    rf"^\W*(?:{_YES_OR_NO}|please|no thanks|no thank you|not really|carry on|go on|continue|"
    r"keep (?:them|it|going|my answers)"
    # calling the start over off: "never mind" at the offer stopped the intake (pass I)
    r"|(?:oh\W*|no\W*|ok\W*)?(?:never\W*mind|forget (?:about )?it|forget that|cancel that|"
    r"oops|my mistake|my bad)(?:\W*(?:oops|my mistake|my bad|please|thanks|sorry))*)\W*$",
    re.IGNORECASE,
)


def answers_the_restart_offer(tracker: Tracker) -> bool:
    """Whether the latest message, sent right after the offer to start again, replies to the
    offer: the form then asks its question again instead of reading it as an answer."""
    if not restart_was_offered(tracker):
        return False
    message = tracker.latest_message or {}
    lowered = (message.get("control_word_lowered") or "") == "start_over"
    return lowered or bool(_REPLY_TO_OFFER.match(message.get("text") or ""))


# A bare yes or no after the offer: for starting again, or for the question below it?
_BARE_YES_NO = re.compile(rf"^\W*{_YES_OR_NO}\W*$", re.IGNORECASE)


def say_offer_answered(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """What the assistant says to a reply to the offer to start again, before the question
    again: a bare yes or no could be for either, so it says how to do each ("yes" got the
    question again with no word, and the patient thought starting again had failed: pass K);
    "never mind" or "keep my answers" keeps them, and says so."""
    text = (tracker.latest_message or {}).get("text") or ""
    unclear = bool(_BARE_YES_NO.match(text))
    dispatcher.utter_message(response="utter_restart_unclear" if unclear else "utter_restart_kept")


def restart_offer_reply(
    tracker: Tracker, dispatcher: CollectingDispatcher
) -> list[EventType] | None:
    """For a form's validator: when the latest message replies to the offer to start again
    (`answers_the_restart_offer`), what to say (`say_offer_answered`) and the events that keep
    the form on its question (asked again, unanswered); else None."""
    if not answers_the_restart_offer(tracker):
        return None
    say_offer_answered(dispatcher, tracker)
    requested = tracker.get_slot("requested_slot")
    return [SlotSet(requested, None), SlotSet("requested_slot", requested)] if requested else []


def answer_message(tracker: Tracker) -> dict[str, Any]:
    """The latest user message when it answers the form's open question, else `{}`.

    A form validates the message it runs right after, and on activation the message that
    started it ("my back has hurt for a year"). When it is re-entered after another
    action (a digression's reply, the crisis check), that message was not an answer to the
    question the form asks again: a "no" to "are you having thoughts of hurting yourself?"
    must never answer the red-flag question that comes back.
    """
    if answers_the_restart_offer(tracker):
        return {}
    activating = not (tracker.active_loop or {}).get("name")  # the message that started it
    before = _action_before_form(tracker)
    if (
        activating
        or before in ("action_listen", *HANDS_MESSAGE_TO_FORM)
        or _started_by_greeting_message(tracker, before)
    ):
        return tracker.latest_message or {}
    return {}


def latest_turn(tracker: Tracker, profile: ClinicProfile) -> Turn:
    """The latest user message with its intent and the pain extraction the NLU component made."""
    return _turn(tracker.latest_message or {}, profile, tracker)


def answer_turn(tracker: Tracker, profile: ClinicProfile) -> Turn:
    """For a form's validator: `latest_turn` when the message answers the open question
    (`answer_message`), else an empty turn."""
    return _turn(answer_message(tracker), profile, tracker)


def offered_buttons(replies: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The buttons of each of `replies` (`replies_before_latest`), oldest first: what the
    latest message could have clicked (or, by SMS, chosen by number)."""
    return [event_buttons(event) for event in reversed(replies)]


def previous_user_text(tracker: Tracker) -> str | None:
    """The text of the patient's message before the latest one; None when there is none."""
    users = (e for e in reversed(tracker.events) if e.get("event") == "user")
    next(users, None)  # the latest message itself
    text = (next(users, None) or {}).get("text")
    return text if isinstance(text, str) else None


def last_reply_at(replies: list[dict[str, Any]]) -> float | None:
    """When (Unix seconds) the newest of `replies` (`replies_before_latest`) was made; None
    when there is none."""
    stamp = replies[0].get("timestamp") if replies else None
    return float(stamp) if isinstance(stamp, (int, float)) else None


def last_buttons_at(replies: list[dict[str, Any]]) -> float | None:
    """When (Unix seconds) the newest of `replies` (`replies_before_latest`) with buttons was
    made; None when there is none."""
    stamps = [e.get("timestamp") for e in replies if event_buttons(e)]
    numbers = [float(s) for s in stamps if isinstance(s, (int, float))]
    return max(numbers) if numbers else None


def message_crossed(tracker: Tracker, replies: list[dict[str, Any]] | None = None) -> bool:
    """Whether the patient's latest message was written before the assistant's reply to the
    one before it could be seen (`bot.crossing`). `replies`: `replies_before_latest(tracker)`,
    when the caller has it."""
    if replies is None:
        replies = replies_before_latest(tracker)
    metadata = (tracker.latest_message or {}).get("metadata")
    return crossed_reply(metadata, last_reply_at(replies)) or crossed_choice(
        metadata, last_buttons_at(replies)
    )


def ask_again_crossed(
    dispatcher: CollectingDispatcher, response: str | None = None, **values: Any
) -> None:
    """Say that the latest message crossed the question (`message_crossed`: written before the
    question appeared, so it commits the patient to nothing), then ask `response` again with
    its template `values`. None: the caller's form asks again itself."""
    dispatcher.utter_message(response="utter_screen_crossed")
    if response is not None:
        dispatcher.utter_message(response=response, **values)


def _turn(message: dict[str, Any], profile: ClinicProfile, tracker: Tracker) -> Turn:
    # A typed title of a text button ("Skip please") reads as its click ("skip"): the NLU
    # component components.button_replies names the payload.
    text = message.get("button_payload") or message.get("text") or ""
    intent = message.get("intent") or {}
    extraction = message.get("pain_extraction")
    if extraction is None and text and not text.startswith("/"):
        extraction = extract(text, today=profile.today()).to_dict()
    confidence = float(intent.get("confidence") or 0.0)
    repeated = repeats_previous(message.get("text"), previous_user_text(tracker))
    replies = replies_before_latest(tracker)  # walked once for the three readings below
    return Turn(
        text,
        intent.get("name"),
        confidence,
        extraction or {},
        message.get("message_id"),
        message.get("message_language"),
        said=shown_answer(str(message.get("text") or ""), offered_buttons(replies))[0] or None,
        crossed=bool(message) and (message_crossed(tracker, replies) or repeated),
        repeated=repeated,
    )


def clinic_facts(profile: ClinicProfile, urgent: bool = False) -> dict[str, Any]:
    """Template values for responses that state facts about the clinic. `urgent`: the chat got
    red-flag advice or crisis lines, so `callback_window` is the clinic's urgent promise (the
    one the console's urgent alert quotes to staff)."""
    return {
        "clinic_name": profile.display_name,
        "clinic_phone": profile.phone,
        "clinic_address": profile.address,
        "clinic_hours": profile.hours.describe(),
        "callback_window": profile.urgent_callback_window if urgent else profile.callback_window,
        "first_visit": profile.first_visit,
        "referral": profile.referral_answer(),
        "cost": profile.cost,
        "insurance": profile.insurance,
        # Not the clinic's: the chronic line the explanations state (bot.triage).
        "chronic_weeks": f"{CHRONIC_WEEKS:g}",
    }


def channel_of(tracker: Tracker) -> str:
    return (tracker.get_latest_input_channel() or "rest")[:32]


def urgent_chat(tracker: Tracker) -> bool:
    """The chat got red-flag advice or crisis lines (the staff flag may not be saved yet)."""
    return (
        tracker.get_slot("dialogue_stage") == "urgent"
        or bool(tracker.get_slot("red_flag_advice"))
        or crisis_said(tracker)
    )


def crisis_said(tracker: Tracker) -> bool:
    """Whether a message in this conversation was read as crisis language, or the crisis answer
    was given (a yes, or an unclear answer, to the crisis check), even if the staff flag that
    should follow could not be saved yet (an outage). After a yes to the check, "I'm safe,
    let's go on" got "Please follow the advice above" (patient newcomer test)."""
    return any(
        (
            event.get("event") == "user"
            and ((event.get("parse_data") or {}).get("intent") or {}).get("name") == CRISIS_INTENT
        )
        or (
            event.get("event") == "bot"
            and (event.get("metadata") or {}).get("utter_action") == CRISIS_RESPONSE
        )
        for event in tracker.events
    )


def sender_phone(tracker: Tracker) -> str | None:
    """Over SMS the sender is the patient's number (E.164, `bot.contact.sender_phone`: the same
    rule as the SMS channel's); None on every other channel."""
    if channel_of(tracker) != "twilio_sms":
        return None
    return phone_of_sender(tracker.sender_id)


def sms_phone(tracker: Tracker) -> list[EventType]:
    """Over SMS the sender is the patient's number: no need to ask for it."""
    phone = sender_phone(tracker)
    return [SlotSet("phone", phone)] if phone and not tracker.get_slot("phone") else []


def answer_clinic_question(
    dispatcher: CollectingDispatcher, tracker: Tracker, profile: ClinicProfile
) -> None:
    """Answers a clinic question asked beside a first description of the pain
    (`bot.clinic_questions`), before the intake's first question; and that the assistant can't
    call 911, to a first message that asks it to."""
    text = (tracker.latest_message or {}).get("text")
    if asks_to_call_911(text):
        dispatcher.utter_message(response=CANT_CALL_RESPONSE)
    for response in question_responses(text):
        dispatcher.utter_message(response=response, **clinic_facts(profile))
