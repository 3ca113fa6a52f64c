"""Booking and managing a booking through the actions, on a real SQLite file."""

from __future__ import annotations

import datetime as dt

import pytest
from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.booking import ActionAskBookingSlot, ActionBookAppointment, ValidateBookingForm
from actions.manage import (
    LOOKUP_RETRY,
    ActionCancelBooking,
    ActionManageBooking,
    ActionStartManage,
)
from bot import scheduling
from bot.scheduling.conversation import make_offer
from tests.actions.conftest import make_tracker

NOW = dt.datetime(2026, 11, 24, 14, 0, tzinfo=dt.timezone.utc)  # Tue 9:00 in New York


@pytest.fixture
def svc(services):
    services.clock = lambda: NOW
    return services


def _slots(events) -> dict:
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


async def _finish_form(domain, dispatcher, slots, answer="yes"):
    """Answer the last question (SMS consent): the form books, then the action confirms."""
    tracker = make_tracker(domain, answer, "affirm", {**slots, "requested_slot": "sms_consent"})
    form_events = await ValidateBookingForm().run(dispatcher, tracker, domain)
    state = {**slots, **_slots(form_events)}
    events = await ActionBookAppointment().run(
        dispatcher, make_tracker(domain, slots=state), domain
    )
    return form_events, events


def _responses(dispatcher) -> list[str]:
    return [m["response"] for m in dispatcher.messages]


async def _offer(domain, dispatcher, slots):
    events = await ActionAskBookingSlot().run(dispatcher, make_tracker(domain, slots=slots), domain)
    return _slots(events)["offered_slots"]


async def test_offer_pick_by_number_and_book(svc, domain, dispatcher):
    base = {"pain_class": "chronic", "booking_preference": "mornings"}
    offered = await _offer(domain, dispatcher, base)
    assert len(offered) == 3
    message = dispatcher.messages[-1]
    assert message["response"] == "utter_offer_slots" and "1) " in message["slot_lines"]
    assert [b["payload"] for b in message["buttons"]] == ["1", "2", "3", "none of these"]
    picked = await ValidateBookingForm().run(
        dispatcher,
        make_tracker(
            domain,
            "2",
            "choose_slot",
            {**base, "offered_slots": offered, "requested_slot": "booking_slot"},
        ),
        domain,
    )
    assert _slots(picked)["booking_slot"] == offered[1]
    details = {
        **base,
        "booking_slot": offered[1],
        "patient_name": "Sam Rivera",
        "phone": "+17185550142",
        "booking_email": "",
    }
    form_events, events = await _finish_form(domain, dispatcher, details)
    assert SlotSet("requested_slot", None) in form_events
    assert SlotSet("dialogue_stage", "booked") in events
    confirmation = dispatcher.messages[-1]
    assert confirmation["response"] == "utter_booking_confirmed"
    assert confirmation["address"] == svc.profile.address
    link = confirmation["ics_url"]
    assert link.startswith("http://localhost:8000/calendar/" + confirmation["code"] + "/")
    assert svc.calendar_links.verify(confirmation["code"], link.rsplit("/", 1)[1][: -len(".ics")])
    found = scheduling.find_booking(svc.session_factory, confirmation["code"], "718-555-0142")
    assert found is not None and found.slot.key == offered[1] and found.sms_consent


async def test_none_of_these_offers_others(svc, domain, dispatcher):
    base = {"pain_class": "acute", "booking_preference": "afternoons"}
    offered = await _offer(domain, dispatcher, base)
    events = await ValidateBookingForm().run(
        dispatcher,
        make_tracker(
            domain,
            "none of these",
            "none_of_these",
            {**base, "offered_slots": offered, "requested_slot": "booking_slot"},
        ),
        domain,
    )
    slots = _slots(events)
    assert slots["booking_slot"] is None and slots["excluded_slots"] == offered
    again = await _offer(domain, dispatcher, {**base, "excluded_slots": offered})
    assert not set(again) & set(offered)


async def test_picking_in_words(svc, domain, dispatcher):
    offered = await _offer(
        domain, dispatcher, {"pain_class": "chronic", "booking_preference": "as soon as possible"}
    )
    second = scheduling.Slot.from_key(offered[1])
    words = (
        f"the {second.starts_at.astimezone(svc.profile.tz):%A} one at "
        f"{second.starts_at.astimezone(svc.profile.tz):%-I:%M%p}".lower()
    )
    events = await ValidateBookingForm().run(
        dispatcher,
        make_tracker(
            domain,
            words,
            "choose_slot",
            {"offered_slots": offered, "requested_slot": "booking_slot"},
        ),
        domain,
    )
    assert _slots(events)["booking_slot"] == offered[1]


async def test_slot_taken_after_holding_it_offers_again(svc, domain, dispatcher):
    offer = make_offer(svc, "chronic", "mornings", "someone-else")
    key = offer.keys[0]
    scheduling.book(
        svc.session_factory,
        svc.profile,
        svc.clock,
        scheduling.Slot.from_key(key),
        scheduling.PatientDetails.create("Other Person", "+12125550199"),
        conversation_id="someone-else",
    )
    details = {
        "pain_class": "chronic",
        "booking_slot": key,
        "booking_preference": "mornings",
        "patient_name": "Sam",
        "phone": "+17185550142",
        "booking_email": "",
    }
    tracker = make_tracker(domain, "no", "deny", {**details, "requested_slot": "sms_consent"})
    events = await ValidateBookingForm().run(dispatcher, tracker, domain)
    assert _responses(dispatcher) == ["utter_slot_just_taken"]
    slots = _slots(events)
    assert slots["booking_slot"] is None and slots["requested_slot"] == "booking_slot"
    assert key in slots["excluded_slots"]


async def test_invalid_email_is_asked_again_and_skip_is_allowed(svc, domain, dispatcher):
    form = ValidateBookingForm()
    bad = await form.run(
        dispatcher,
        make_tracker(
            domain, "sam at example", "describe_pain", {"requested_slot": "booking_email"}
        ),
        domain,
    )
    assert _slots(bad)["booking_email"] is None and _slots(bad)["slot_followup"] == "booking_email"
    skip = await form.run(
        dispatcher,
        make_tracker(domain, "skip", "deny", {"requested_slot": "booking_email"}),
        domain,
    )
    assert _slots(skip)["booking_email"] == ""


async def test_cancel_by_code_and_phone_frees_the_slot(svc, domain, dispatcher):
    offer = make_offer(svc, "acute", "", "chat-1")
    slot = scheduling.Slot.from_key(offer.keys[0])
    booking = scheduling.book(
        svc.session_factory,
        svc.profile,
        svc.clock,
        slot,
        scheduling.PatientDetails.create("Ana", "+17185550142"),
        conversation_id="chat-1",
    )
    slots = {
        "manage_action": "cancel",
        "booking_code": booking.code.replace("-", "").lower(),
        "phone": "(718) 555-0142",
    }
    events = await ActionManageBooking().run(dispatcher, make_tracker(domain, slots=slots), domain)
    assert SlotSet("dialogue_stage", "confirm_cancel") in events
    await ActionCancelBooking().run(
        dispatcher, make_tracker(domain, "yes", "affirm", slots), domain
    )
    assert _responses(dispatcher)[-1] == "utter_booking_cancelled"
    free = scheduling.open_slots(svc.session_factory, svc.profile, svc.clock, "acute_assessment")
    assert slot in free


async def test_unknown_code_is_asked_again_once_then_not_found(svc, domain, dispatcher):
    """"Please check them" led nowhere: the corrected phone, sent alone, started an intake
    (pass K). The first miss opens the lookup form again with both cleared; the second says
    who can help."""
    slots = {"manage_action": "check", "booking_code": "ZZZ-ZZZ", "phone": "+17185550142"}
    tracker = make_tracker(domain, "ZZZ-ZZZ 718 555 0142", slots=slots)
    events = await ActionManageBooking().run(dispatcher, tracker, domain)
    assert _responses(dispatcher) == [LOOKUP_RETRY]
    assert ActiveLoop("manage_form") in events and FollowupAction("manage_form") in events
    assert SlotSet("booking_code", None) in events and SlotSet("phone", None) in events
    looked_up = {"event": "action", "name": "action_manage_booking"}
    tracker.events[:0] = [{"event": "action", "name": "action_start_manage"}, looked_up]
    again = CollectingDispatcher()
    events = await ActionManageBooking().run(again, tracker, domain)
    assert _responses(again) == ["utter_booking_not_found"]
    assert SlotSet("dialogue_stage", "not_found") in events
    assert not any(isinstance(e, dict) and e.get("event") == "active_loop" for e in events)
    # a new lookup (action_start_manage after the miss) gets its own second try
    tracker.events.append({"event": "action", "name": "action_start_manage"})
    fresh = CollectingDispatcher()
    await ActionManageBooking().run(fresh, tracker, domain)
    assert _responses(fresh) == ["utter_booking_not_found_retry"]


async def test_a_miss_by_sms_asks_for_the_bookings_number_too(svc, domain, dispatcher):
    """Pass L: texting from a phone the booking was not made with, the look-up kept the texting
    number and could never find it. The retry asks for the booking's number as well."""
    slots = {"manage_action": "check", "booking_code": "ZZZ-ZZZ", "phone": "+16465550777"}
    tracker = make_tracker(domain, "ZZZ-ZZZ", slots=slots, sender="+16465550777")
    tracker.events[0]["input_channel"] = "twilio_sms"
    events = await ActionManageBooking().run(dispatcher, tracker, domain)
    assert SlotSet("phone", None) in events and SlotSet("booking_code", None) in events
    asked = domain["responses"]["utter_ask_manage_form_phone"][-1]["text"]
    assert "the booking was made with" in asked


@pytest.mark.parametrize(("said", "code", "phone"), [
    ("GR6-G7Z 6465550123", "GR6-G7Z", "+16465550123"),
    ("my code is GR6-G7Z and my phone is 646 555 0123", "GR6-G7Z", "+16465550123"),
    ("646 555 0123", None, "+16465550123"),  # the corrected number alone, after a miss
    ("oops, wrong number, it's 646-555-0123", None, "+16465550123"),
    ("gr6g7z", "GR6-G7Z", None),
])
async def test_the_code_question_takes_the_code_and_the_number_as_sent(
    svc, domain, dispatcher, said, code, phone
):
    """Pass L: the code and the phone in one message, or the corrected phone alone, got "That
    doesn't look like a booking code" (twice, then "without the code I can't look it up")."""
    from actions.manage import ValidateManageForm

    slots = {"manage_action": "check", "requested_slot": "booking_code"}
    tracker = make_tracker(domain, said, "inform", slots, active_loop="manage_form")
    events = await ValidateManageForm().run(dispatcher, tracker, domain)
    got = _slots(events)
    assert got.get("booking_code") == code and got.get("phone") == phone, events
    assert got["slot_followup"] is None  # no "doesn't look like a booking code"
    assert got["requested_slot"] == (None if code and phone else
                                     "booking_code" if not code else "phone")


async def test_a_miss_during_another_form_goes_back_to_it(svc, domain, dispatcher):
    """A lookup that interrupted the intake or the booking says not found and resumes it: no
    second lookup in the middle of another question."""
    slots = {"manage_action": "check", "booking_code": "ZZZ-ZZZ", "phone": "+17185550142",
             "interrupted_form": {"form": "intake_form", "stage": "intake"}}  # fmt: skip
    await ActionManageBooking().run(dispatcher, make_tracker(domain, slots=slots), domain)
    assert _responses(dispatcher)[0] == "utter_booking_not_found"


async def test_this_chats_booking_is_found_without_a_code(svc, domain, dispatcher):
    offer = make_offer(svc, "chronic", "", "test-user")
    booking = scheduling.book(
        svc.session_factory,
        svc.profile,
        svc.clock,
        scheduling.Slot.from_key(offer.keys[0]),
        scheduling.PatientDetails.create("Ana", "+17185550142"),
        conversation_id="test-user",
    )
    events = await ActionStartManage().run(
        dispatcher, make_tracker(domain, "when is my appointment", "check_booking"), domain
    )
    slots = _slots(events)
    assert slots["booking_code"] == booking.code and slots["manage_action"] == "check"


@pytest.mark.parametrize(("said", "intent", "phone"), [
    ("hi, I want to cancel my appointment GR6-G7Z", "cancel_booking", None),
    ("when's my appointment? code GR6-G7Z, phone 646 555 0123", "check_booking",
     "+16465550123"),
    ("ok I found it: gr6 g7z", "check_booking", None),
])  # fmt: skip
async def test_a_code_in_the_message_that_starts_a_look_up_is_used(
    svc, domain, dispatcher, said, intent, phone
):
    """Pass L: "hi, I want to cancel my appointment GR6-G7Z" asked for the code again."""
    events = await ActionStartManage().run(dispatcher, make_tracker(domain, said, intent), domain)
    slots = _slots(events)
    assert slots["booking_code"] == "GR6-G7Z"
    assert slots.get("phone") == phone


async def test_reschedule_moves_the_booking(svc, domain, dispatcher):
    offer = make_offer(svc, "chronic", "", "chat-9")
    booking = scheduling.book(
        svc.session_factory,
        svc.profile,
        svc.clock,
        scheduling.Slot.from_key(offer.keys[0]),
        scheduling.PatientDetails.create("Ana", "+17185550142", None, True),
        conversation_id="chat-9",
    )
    slots = {"manage_action": "reschedule", "booking_code": booking.code, "phone": "+17185550142"}
    events = await ActionManageBooking().run(dispatcher, make_tracker(domain, slots=slots), domain)
    state = _slots(events)
    assert state["dialogue_stage"] == "rescheduling" and state["reschedule_code"] == booking.code
    assert state["pain_class"] == "chronic" and state["sms_consent"] is True
    new_key = offer.keys[2]
    form_events, done = await _finish_form(
        domain,
        dispatcher,
        {**slots, **state, "booking_slot": new_key, "booking_preference": "any time"},
    )
    new_code = _slots(form_events)["booking_code"]
    assert SlotSet("dialogue_stage", "booked") in done
    said = [m.get("response") for m in dispatcher.messages]
    moved = said.index("utter_rescheduled_old_cancelled")  # the old one is gone, said first
    assert said[moved + 1] == "utter_booking_confirmed"
    assert dispatcher.messages[moved]["old_code"] == booking.code
    assert (
        scheduling.find_booking(svc.session_factory, booking.code, "+17185550142").status
        == "cancelled"
    )
    assert (
        scheduling.find_booking(svc.session_factory, new_code, "+17185550142").slot.key == new_key
    )


async def test_crisis_said_during_an_outage_still_blocks_booking(svc, domain, dispatcher):
    """The staff flag was never saved (the database was down), but the transcript holds the
    message read as crisis language: no booking online, as when the flag was saved."""
    from actions.booking import ActionStartBooking

    tracker = make_tracker(domain, "book an appointment", "request_booking",
                           {"pain_class": "chronic"})
    tracker.events = [
        {"event": "user", "text": "I want to die", "parse_data": {"intent": {
            "name": "express_crisis", "confidence": 1.0}}},
        {"event": "user", "text": "book an appointment", "parse_data": {"intent": {
            "name": "request_booking", "confidence": 0.9}}},
    ]
    events = await ActionStartBooking().run(dispatcher, tracker, domain)
    assert dispatcher.messages[-1]["response"] == "utter_no_booking_urgent"
    assert SlotSet("dialogue_stage", "urgent") in events


@pytest.mark.parametrize(
    ("said", "slots", "response"),
    [("do i have a dvt", {"red_flag_advice": "emergency", "dialogue_stage": "urgent"},
      "utter_why_urgent_advice"),
     ("do i have arthritis?", {"dialogue_stage": "offer_booking", "pain_class": "chronic"},
      "utter_no_diagnosis")],
)  # fmt: skip
async def test_a_diagnosis_question_read_as_a_lookup_is_answered_never_a_code_asked(
    services, domain, dispatcher, said, slots, response
):
    """Third newcomer pass: "do i have a dvt" after the advice, and "do i have arthritis?" at
    the offer, were read as "do I have an appointment?" and asked for a booking code."""
    tracker = make_tracker(domain, said, "check_booking", slots)
    events = await ActionStartManage().run(dispatcher, tracker, domain)
    assert dispatcher.messages[0]["response"] == response
    assert not any(e.get("name") == "manage_action" for e in events if e["event"] == "slot")
    assert events[-1] == FollowupAction("action_listen")


async def test_a_diagnosis_question_in_a_form_asks_the_forms_question_again(
    services, domain, dispatcher
):
    tracker = make_tracker(domain, "do i have a blood clot?", "check_booking",
                           {"red_flag_advice": "emergency", "dialogue_stage": "urgent",
                            "requested_slot": "patient_name"}, active_loop="contact_form")
    events = await ActionStartManage().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_why_urgent_advice", "utter_ask_patient_name"
    ]
    assert events == [FollowupAction("action_listen")]


async def test_a_booking_asked_for_before_the_safety_questions_are_answered_asks_them_first(
    services, domain, dispatcher
):
    """Newcomer test: "stop" at the first safety question, then "book an appointment", offered
    times with no screen (after chest heaviness down the arm, too). The intake's open questions
    come first; once they are all answered, the booking."""
    from actions.booking import ActionStartBooking
    from bot.intake.form import required_slots

    slots = {"pain_duration": "3 weeks", "pain_class": "acute", "duration_weeks": 3.0,
             "pain_locations": [{"region": "lower_back", "side": None}],
             "pain_activities": ["bending"], "pain_score": 5, "dialogue_stage": "stopped"}
    tracker = make_tracker(domain, "book an appointment", "request_booking", slots)
    events = await ActionStartBooking().run(dispatcher, tracker, domain)
    assert dispatcher.messages[-1]["response"] == "utter_intake_first"
    assert SlotSet("dialogue_stage", "intake_first") in events
    assert events[-1] == FollowupAction("intake_form")  # whichever rule ran it
    answered = {slot: False for slot in required_slots(slots) if slots.get(slot) is None}
    assert "rf_bladder_bowel" in answered
    dispatcher.messages.clear()
    done = make_tracker(domain, "book an appointment", "request_booking", {**slots, **answered})
    events = await ActionStartBooking().run(dispatcher, done, domain)
    assert SlotSet("dialogue_stage", "booking") in events and not dispatcher.messages
