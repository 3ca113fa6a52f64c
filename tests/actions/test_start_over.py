"""Start over: with answers to lose, the first "start over" asks; said again, it clears them.

The kind: a patient who types "start over" by mistake, halfway through a booking, lost every
answer without being asked (issue 13 leftover). Whatever question was open, in a form or not,
the offer is followed by that question again, and nothing is cleared or freed until confirmed.
"""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, AllSlotsReset, FollowupAction, SlotSet

from actions.booking import ValidateBookingForm
from actions.common import RESTART_OFFER_RESPONSE, answer_message
from actions.contact import ValidateContactForm
from actions.control import ActionRestartIntake, ActionStopIntake
from actions.intake_form import ValidateIntakeForm
from actions.manage import ValidateManageForm
from bot.intake.service import IntakeUpdate, fields_from_slots, get_intake, save_intake
from tests.actions.conftest import make_tracker

ANSWERS = {
    "pain_duration": "about 4 months",
    "pain_locations": [{"region": "low_back", "side": "both"}],
}
QUESTION = "What name should the front desk use?"
ONE_TWO = [{"title": "Mon 9:00", "payload": "1"}, {"title": "Tue 10:00", "payload": "2"}]


def _tracker(domain: dict[str, Any], events_before: list[dict[str, Any]],
             slots: dict[str, Any] | None = None) -> Tracker:
    tracker = make_tracker(domain, "start over", "start_over", slots=slots)
    tracker.events = [*events_before, *tracker.events]
    return tracker


def _user(text: str, intent: str = "describe_pain") -> dict[str, Any]:
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}}}


def _bot(text: str, buttons: list[dict[str, str]] | None = None,
         response: str | None = None) -> dict[str, Any]:
    return {"event": "bot", "text": text, "data": {"buttons": buttons},
            "metadata": {"utter_action": response} if response else {}}


def _in_form(form: str, slot: str) -> list[dict[str, Any]]:
    """Events of a form that asked `slot`, then deactivated by the start over rule."""
    return [
        _user("my back hurts"),
        {"event": "active_loop", "name": form},
        {"event": "slot", "name": "requested_slot", "value": slot},
        _bot(QUESTION),
        _user("start over", "start_over"),
        {"event": "active_loop", "name": None},
    ]


async def _run(domain: dict[str, Any], tracker: Tracker, dispatcher) -> list[dict[str, Any]]:
    return await ActionRestartIntake().run(dispatcher, tracker, domain)


@pytest.mark.parametrize("form, slot", [
    ("intake_form", "pain_activities"),
    ("intake_form", "rf_bladder_bowel"),
    ("contact_form", "patient_name"),
    ("booking_form", "booking_slot"),
])
async def test_a_first_start_over_in_a_form_asks_and_goes_back_to_the_question(
    domain, services, dispatcher, form, slot
):
    tracker = _tracker(domain, _in_form(form, slot)[:-2], ANSWERS)
    tracker.events.append({"event": "active_loop", "name": None})
    events = await _run(domain, tracker, dispatcher)
    assert [m.get("response") for m in dispatcher.messages] == [RESTART_OFFER_RESPONSE]
    assert events == [ActiveLoop(form), SlotSet("requested_slot", slot), FollowupAction(form)]
    assert AllSlotsReset() not in events


async def test_a_first_start_over_outside_a_form_asks_and_repeats_the_question(
    domain, services, dispatcher
):
    offer = "Would you like to book an assessment?"
    buttons = [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}]
    tracker = _tracker(domain, [_user("yes", "affirm"), _bot(offer, buttons)],
                       {**ANSWERS, "dialogue_stage": "offer_booking"})
    events = await _run(domain, tracker, dispatcher)
    assert events == []
    assert dispatcher.messages[0].get("response") == RESTART_OFFER_RESPONSE
    assert dispatcher.messages[1]["text"] == offer
    assert dispatcher.messages[1]["buttons"] == buttons


async def test_a_form_that_ended_before_is_not_the_open_question(domain, services, dispatcher):
    """At the offer to book, the intake form had ended turns before: its last question is not
    the one to ask again (the read-back came back instead of the offer: caught in e2e)."""
    offer = "Would you like to book an assessment?"
    before = [*_in_form("intake_form", "pain_activities")[:4],
              {"event": "active_loop", "name": None}, _user("yes", "affirm"), _bot(offer)]
    slots = {**ANSWERS, "dialogue_stage": "offer_booking"}
    events = await _run(domain, _tracker(domain, before, slots), dispatcher)
    assert events == []
    assert dispatcher.messages[1]["text"] == offer


@pytest.mark.parametrize("offered", [
    _bot("Starting again clears ...", response=RESTART_OFFER_RESPONSE),
    _bot("Sorry, I'm not sure what to change.",
         [{"title": "Start again", "payload": "/start_over"}]),
])
async def test_start_over_right_after_an_offer_to_start_again_clears(
    domain, services, dispatcher, offered
):
    tracker = _tracker(domain, [_user("start over", "start_over"), offered, _bot(QUESTION)],
                       ANSWERS)
    events = await _run(domain, tracker, dispatcher)
    assert events == [AllSlotsReset()]
    assert [m.get("response") for m in dispatcher.messages] == ["utter_restarted"]


async def test_an_offer_answered_by_something_else_is_forgotten(domain, services, dispatcher):
    """An answer in between means the patient carried on: a later start over asks again."""
    before = [
        _user("start over", "start_over"),
        _bot("Starting again clears ...", response=RESTART_OFFER_RESPONSE),
        _bot(QUESTION),
        _user("Dana", "inform"),
        _bot("Would you like me to book?"),
    ]
    slots = {**ANSWERS, "dialogue_stage": "offer_booking"}
    events = await _run(domain, _tracker(domain, before, slots), dispatcher)
    assert AllSlotsReset() not in events
    assert dispatcher.messages[0].get("response") == RESTART_OFFER_RESPONSE


async def test_with_nothing_answered_it_starts_again_at_once(domain, services, dispatcher):
    tracker = _tracker(domain, [_user("hi", "greet"), _bot("Hi! What brings you in today?")])
    events = await _run(domain, tracker, dispatcher)
    assert events == [AllSlotsReset()]
    assert [m.get("response") for m in dispatcher.messages] == ["utter_restarted"]


@pytest.mark.parametrize("stage", ["stopped", "booked", "done", None])
async def test_with_no_question_open_it_starts_again_at_once(domain, services, dispatcher, stage):
    """Review: after "stop" the offer said "let's carry on" and re-sent "OK, I've stopped"."""
    tracker = _tracker(domain, [_user("stop", "stop"), _bot("OK, I've stopped. Take care.")],
                       {**ANSWERS, "dialogue_stage": stage})
    events = await _run(domain, tracker, dispatcher)
    assert events == [AllSlotsReset()]


async def test_a_start_over_after_booking_says_the_booking_stays(domain, services, dispatcher):
    """Pass K: after booking, "start over" opened a second intake with no word about the
    appointment, which stayed booked. It is named, with how to cancel it, before the start."""
    from bot import scheduling
    from bot.scheduling.conversation import make_offer

    offer = make_offer(services, "chronic", "", "test-user")
    booking = scheduling.book(
        services.session_factory, services.profile, services.clock,
        scheduling.Slot.from_key(offer.keys[0]),
        scheduling.PatientDetails.create("Ana", "+17185550142"), conversation_id="test-user",
    )
    tracker = _tracker(domain, [_user("yes", "affirm"), _bot("You're booked ...")],
                       {**ANSWERS, "dialogue_stage": "done", "booking_code": booking.code})
    events = await _run(domain, tracker, dispatcher)
    assert events == [AllSlotsReset()]
    said = [m.get("response") for m in dispatcher.messages]
    assert said == ["utter_restart_booking_stays", "utter_restarted"], said
    assert dispatcher.messages[0]["code"] == booking.code
    assert scheduling.find_booking(services.session_factory, booking.code, "+17185550142").is_booked


async def test_yes_start_again_at_a_free_text_question_after_the_offer_clears(
    domain, services, dispatcher
):
    """Review: "yes, start again" after the offer, at the name question, was read as a name,
    and the offer came round again."""
    before = [
        *_in_form("contact_form", "patient_name")[:4],
        _user("start over", "start_over"),
        {"event": "active_loop", "name": None},
        _bot("Starting again would clear ...", response=RESTART_OFFER_RESPONSE),
        {"event": "active_loop", "name": "contact_form"},
        _bot(QUESTION),
    ]
    tracker = make_tracker(domain, "yes, start again", "start_over", slots=ANSWERS)
    tracker.events = [*before, *tracker.events, {"event": "active_loop", "name": None}]
    events = await _run(domain, tracker, dispatcher)
    assert events == [AllSlotsReset()]


async def test_an_sms_senders_own_number_is_no_answer(domain, services, dispatcher):
    """Review: over SMS the phone slot is filled from the sender without asking."""
    phone = "+17185550199"
    tracker = make_tracker(domain, "start over", "start_over", slots={"phone": phone},
                           sender=phone)
    tracker.events = [{"event": "user", "text": "start over", "input_channel": "twilio_sms"}]
    tracker.latest_message["input_channel"] = "twilio_sms"
    tracker.slots["dialogue_stage"] = "offer_booking"
    assert await _run(domain, tracker, dispatcher) == [AllSlotsReset()]
    tracker.slots["patient_name"] = "Dana"
    dispatcher.messages.clear()
    assert AllSlotsReset() not in await _run(domain, tracker, dispatcher)


async def test_an_answered_safety_question_counts_as_an_answer(domain, services, dispatcher):
    """A "no" to a red-flag question (False, not None) is an answer starting again would lose."""
    tracker = _tracker(domain, _in_form("intake_form", "rf_weakness")[:-2],
                       {"rf_bladder_bowel": False})
    tracker.events.append({"event": "active_loop", "name": None})
    await _run(domain, tracker, dispatcher)
    assert dispatcher.messages[0].get("response") == RESTART_OFFER_RESPONSE


def test_the_offer_names_what_to_send(domain):
    text = domain["responses"][RESTART_OFFER_RESPONSE][0]["text"]
    assert '"start again"' in text and "clear" in text
    assert "carry on" not in text  # a "yes" is invited for the question below, not the offer


def _after_offer(domain: dict[str, Any], text: str, intent: str,
                 lowered: str | None = None) -> Tracker:
    """The intake form asked the bladder question again under the offer; `text` came next."""
    before = [
        _user("start over", "start_over"),
        _bot("Starting again would clear ...", response=RESTART_OFFER_RESPONSE),
        _bot("Have you had any new problems controlling your bladder or bowels?"),
    ]
    tracker = make_tracker(domain, text, intent, slots=ANSWERS, active_loop="intake_form")
    tracker.events = [*before, *tracker.events]
    if lowered:
        tracker.latest_message["control_word_lowered"] = lowered
    return tracker


@pytest.mark.parametrize(("text", "intent", "lowered"), [
    ("yes", "affirm", None), ("yes please", "affirm", None), ("ok", "affirm", None),
    ("no", "deny", None), ("no thanks", "deny", None), ("keep my answers", "inform", None),
    ("no, don't start over", "inform", "start_over"), ("never mind", "stop", None),
    ("oh nevermind, sorry", "stop", None), ("forget it", "stop", None),
])
def test_a_reply_to_the_offer_is_no_answer_to_the_question_under_it(domain, text, intent,
                                                                     lowered):
    """Pass I: "yes please" after the offer, at the leg-weakness question, was a yes to a
    warning sign: emergency advice, and no way back. It gets the question again instead."""
    assert answer_message(_after_offer(domain, text, intent, lowered)) == {}


@pytest.mark.parametrize("text", ["no, I can pee fine", "yes I've wet myself twice",
                                  "not sure, maybe"])
def test_an_answer_that_says_more_after_the_offer_is_read(domain, text):
    assert answer_message(_after_offer(domain, text, "inform"))["text"] == text


def test_a_reply_a_turn_later_is_read_as_usual(domain):
    tracker = make_tracker(domain, "no", "deny", slots=ANSWERS, active_loop="intake_form")
    tracker.events = [_user("no", "deny"), _bot("Is there new weakness in your legs?"),
                      *tracker.events]
    assert answer_message(tracker)["text"] == "no"


@pytest.mark.parametrize(("validator", "slot"), [
    (ValidateIntakeForm, "rf_bladder_bowel"), (ValidateContactForm, "patient_name"),
    (ValidateBookingForm, "booking_slot"), (ValidateManageForm, "booking_code"),
])
async def test_every_form_keeps_its_question_after_a_reply_to_the_offer(
    domain, services, dispatcher, validator, slot
):
    """Found in e2e: a form that read nothing was rejected by Rasa (the fallback), and kept to
    the domain's slot order ("Which None: left, right or both?"): it keeps its question."""
    tracker = _after_offer(domain, "yes please", "affirm")
    tracker.slots["requested_slot"] = slot
    events = await validator().run(dispatcher, tracker, domain)
    assert events == [SlotSet(slot, None), SlotSet("requested_slot", slot)]
    # pass K: a bare yes got the question again with no word; it says how to do either
    assert [m.get("response") for m in dispatcher.messages] == ["utter_restart_unclear"]


@pytest.mark.parametrize(("text", "said"), [
    ("yes", "utter_restart_unclear"), ("no", "utter_restart_unclear"),
    ("keep my answers", "utter_restart_kept"), ("never mind", "utter_restart_kept"),
])
async def test_a_reply_to_the_offer_is_told_what_happened(domain, services, dispatcher, text,
                                                          said):
    tracker = _after_offer(domain, text, "inform")
    tracker.slots["requested_slot"] = "rf_bladder_bowel"
    await ValidateIntakeForm().run(dispatcher, tracker, domain)
    assert [m.get("response") for m in dispatcher.messages] == [said]


@pytest.mark.parametrize("text", ["never mind", "oops, my mistake", "forget it"])
@pytest.mark.parametrize("in_form", [True, False])
async def test_never_mind_at_the_offer_calls_the_start_over_off_and_never_stops(
    domain, services, dispatcher, text, in_form
):
    """Pass I: "never mind" at the offer to start again stopped the intake. The stop rule
    runs; the question under the offer comes back instead, and nothing is cleared or freed."""
    question = "Have you had any new problems controlling your bladder or bowels?"
    asked_again = [{"event": "active_loop", "name": "intake_form"},
                   {"event": "slot", "name": "requested_slot", "value": "rf_bladder_bowel"}]
    before = [
        _user("start over", "start_over"),
        _bot("Starting again would clear ...", response=RESTART_OFFER_RESPONSE),
        *(asked_again if in_form else []),
        _bot(question),
    ]
    tracker = make_tracker(domain, text, "stop", slots=ANSWERS)
    tracker.events = [*before, *tracker.events]
    if in_form:  # the stop rule deactivated the form that had asked again
        tracker.events.append({"event": "active_loop", "name": None})
    events = await ActionStopIntake().run(dispatcher, tracker, domain)
    if in_form:
        assert events == [ActiveLoop("intake_form"), SlotSet("requested_slot", "rf_bladder_bowel"),
                          FollowupAction("intake_form")]
        assert dispatcher.messages == []
    else:
        assert events == []
        assert [m.get("response") or m.get("text") for m in dispatcher.messages] == [
            "utter_restart_kept", question]


def _flagged_intake(services, sender: str, status: str, **fields: Any) -> int:
    return save_intake(services.session_factory, sender, IntakeUpdate(
        {**fields, "locations": [{"region": "low_back", "side": "both"}], "pain_score": 7,
         "duration_text": "about 4 months"}, status))


@pytest.mark.parametrize("status, fields", [
    ("urgent", {"crisis": True}),  # crisis words, then "I'm safe, let's go on"
    ("callback", {"red_flags": ["cauda_equina_unconfirmed"]}),  # a sign only mentioned
])
async def test_a_start_over_after_a_staff_flag_goes_on_in_the_flagged_intake(
    domain, services, dispatcher, status, fields
):
    """Pass I: a restart after crisis words, or after a sign only mentioned, left staff one
    intake with the flag and no phone number and another with the number and no flag. The
    kind: starting again clears the answers, never a staff flag, and the signs the patient's
    words raised are asked about again."""
    intake_id = _flagged_intake(services, "test-user", status, **fields)
    signs = {"warning_signs": ["cauda_equina"],
             "screen_notes": {"rf_bladder_bowel": {"stated": False, "words": "numb"}},
             "screen_unanswered": ["rf_weakness"],
             "other_language": {"language": "es", "emergency": False}}
    tracker = _tracker(domain, [_user("start over", "start_over"),
                                _bot("Starting again clears ...", response=RESTART_OFFER_RESPONSE)],
                       {**ANSWERS, **signs, "intake_id": float(intake_id)})
    events = await _run(domain, tracker, dispatcher)
    assert events == [AllSlotsReset(), *(SlotSet(k, v) for k, v in signs.items()),
                      SlotSet("intake_id", float(intake_id))]
    intake = get_intake(services.session_factory, intake_id)
    assert (intake.pain_score, intake.locations, intake.duration_text) == (None, [], None)
    assert intake.status == status and intake.crisis == bool(fields.get("crisis"))
    # the next save, as the form makes it from the slots after the restart, keeps the reasons
    # and brings the phone number to the flagged intake (review: the reasons were wiped)
    after = {name: None for name in domain["slots"]}
    for event in events[1:]:
        after[event["name"]] = event["value"]
    after["phone"] = "+12125550123"
    save_intake(services.session_factory, "test-user",
                IntakeUpdate(fields_from_slots(after)), intake_id=intake_id)
    intake = get_intake(services.session_factory, intake_id)
    assert (intake.phone, intake.status) == ("+12125550123", status)
    assert {"cauda_equina_unconfirmed", "weakness_unanswered"} <= set(intake.red_flags), (
        intake.red_flags)
    assert any(flag.startswith("other_language_es") for flag in intake.red_flags)


@pytest.mark.parametrize("flagged, completed", [(False, False), (True, True)])
async def test_an_unflagged_or_finished_intake_is_left_as_it_was(
    domain, services, dispatcher, flagged, completed
):
    intake_id = save_intake(services.session_factory, "test-user", IntakeUpdate(
        {"pain_score": 7, "crisis": flagged}, "urgent" if flagged else None, completed))
    tracker = _tracker(domain, [_user("hi", "greet"), _bot("Hi!")],
                       {"intake_id": float(intake_id), "dialogue_stage": "booked"})
    assert await _run(domain, tracker, dispatcher) == [AllSlotsReset()]
    assert get_intake(services.session_factory, intake_id).pain_score == 7



async def test_start_over_after_the_crisis_answer_asks_first(domain, services, dispatcher):
    """Pass J: "start fresh" right after crisis words and the crisis answer cleared every
    answer unasked, and dropped the safety question that was open."""
    safe_question = "If you're safe right now, we can carry on. How long has it hurt?"
    before = [_user("sometimes I think everyone would be better off without me",
                    "express_crisis"),
              _bot("Please call or text 988 ...", response="utter_crisis"),
              _bot(safe_question)]
    tracker = _tracker(domain, before, {**ANSWERS, "dialogue_stage": "urgent"})
    events = await _run(domain, tracker, dispatcher)
    assert AllSlotsReset() not in events
    assert [m.get("response") or m.get("text") for m in dispatcher.messages] == [
        RESTART_OFFER_RESPONSE, safe_question]


async def test_never_mind_after_a_start_again_button_still_stops(domain, services, dispatcher):
    """Review: after "Sorry, I'm not sure what to change" (a "Start again" button), "never
    mind" sent that message again and again; it stops, as it did."""
    before = [_user("something's wrong", "deny"),
              _bot("Sorry, I'm not sure what to change.",
                   [{"title": "Start again", "payload": "/start_over"}])]
    tracker = make_tracker(domain, "never mind", "stop", slots=ANSWERS)
    tracker.events = [*before, *tracker.events]
    events = await ActionStopIntake().run(dispatcher, tracker, domain)
    assert SlotSet("dialogue_stage", "stopped") in events
    assert dispatcher.messages[0].get("response") == "utter_stopped"
