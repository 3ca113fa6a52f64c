"""An SMS number chosen from buttons older than the question now open is no answer to it
(review: a "2" that arrived between Rasa stamping the next safety question and the SMS channel
keeping its buttons answered that question, unseen)."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk.events import FollowupAction, SlotSet

from actions.intake_form import ValidateIntakeForm
from bot.crossing import CHOICE_OFFERED_AT, DELIVERY_GRACE, RECEIVED_AT
from tests.actions.conftest import make_tracker

YES_NO = [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}]
ANSWERS = {"pain_duration": "about 4 months", "duration_weeks": 17.0,
           "pain_locations": [{"region": "low_back", "side": "both"}],
           "pain_activities": ["bending"], "pain_score": 5.0, "rf_bladder_bowel": False}


def _at_weakness(domain: dict[str, Any], offered_at: float) -> Any:
    tracker = make_tracker(domain, "/deny", "deny", slots=ANSWERS, active_loop="intake_form")
    tracker.slots["requested_slot"] = "rf_weakness"
    metadata = {RECEIVED_AT: 101.0, CHOICE_OFFERED_AT: offered_at}
    tracker.latest_message["metadata"] = metadata
    tracker.events = [
        {"event": "user", "text": "2", "timestamp": 99.0},
        {"event": "bot", "text": "Is there new weakness in your legs?", "timestamp": 100.5,
         "data": {"buttons": YES_NO}},
        {"event": "user", "text": "/deny", "metadata": metadata, "timestamp": 101.0},
    ]
    return tracker


@pytest.mark.parametrize(("offered_at", "answered"), [(100.0, False), (100.6, True)])
async def test_a_number_chosen_from_the_question_before_is_no_answer(
    domain, services, dispatcher, offered_at, answered
):
    events = await ValidateIntakeForm().run(dispatcher, _at_weakness(domain, offered_at), domain)
    assert (SlotSet("rf_weakness", False) in events) is answered, events
    crossed = [m.get("response") for m in dispatcher.messages]
    assert ("utter_screen_crossed" in crossed) is not answered, crossed


@pytest.mark.parametrize(("metadata", "crossed"), [
    ({RECEIVED_AT: 101.0, CHOICE_OFFERED_AT: 99.0}, True),  # "2" chosen from the bladder question
    ({RECEIVED_AT: 100.2}, True),  # typed before the check was made
    ({RECEIVED_AT: 101.0}, False),
])
async def test_a_no_written_before_the_crisis_check_never_answers_it(
    domain, services, dispatcher, metadata, crossed
):
    """Review: hopeless words at the bladder question, then "2" meant for it: the crisis check
    took the "No" ("Thank you for telling me... Let's go on"). It asks the check again."""
    from actions.control import ActionAnswerCrisisCheck

    tracker = make_tracker(domain, "/deny", "deny", slots={"dialogue_stage": "crisis_check"})
    tracker.latest_message["metadata"] = metadata
    tracker.events = [
        {"event": "user", "text": "what's the point of anything", "timestamp": 99.5},
        {"event": "bot", "text": "Are you having thoughts of hurting yourself?",
         "timestamp": 100.5, "data": {"buttons": YES_NO}},
        {"event": "user", "text": "/deny", "metadata": metadata, "timestamp": 101.0},
    ]
    await ActionAnswerCrisisCheck().run(dispatcher, tracker, domain)
    said = [m.get("response") for m in dispatcher.messages]
    if crossed:
        assert said == ["utter_screen_crossed", "utter_crisis_check"], said
    else:
        assert said[0] == "utter_crisis_check_no", said


@pytest.mark.parametrize(("text", "intent", "conflict"), [
    ("yes", "affirm", True), ("/affirm", "affirm", True), ("no", "deny", False),
])
async def test_a_yes_sent_with_a_no_asks_the_question_the_no_answered_again(
    domain, services, dispatcher, text, intent, conflict
):
    """Newcomer pass K: "no" and "yes" sent 10 ms apart at the bladder question: the no was
    taken, the yes was crossed under the next question, and the finished intake said "Red
    flags: None reported". The bladder question is asked again."""
    metadata = {RECEIVED_AT: 100.2}
    tracker = make_tracker(domain, text, intent, slots=ANSWERS, active_loop="intake_form")
    tracker.slots["requested_slot"] = "rf_weakness"
    tracker.latest_message["metadata"] = metadata
    tracker.events = [
        {"event": "user", "text": "no", "timestamp": 100.0},
        {"event": "slot", "name": "rf_bladder_bowel", "value": False},
        {"event": "bot", "text": "Is there new weakness in your legs?", "timestamp": 100.5,
         "data": {"buttons": YES_NO}},
        {"event": "user", "text": text, "metadata": metadata, "timestamp": 100.2},
    ]
    events = await ValidateIntakeForm().run(dispatcher, tracker, domain)
    said = [m.get("response") for m in dispatcher.messages]
    if conflict:
        assert SlotSet("rf_bladder_bowel", None) in events, events
        assert events[-1] == SlotSet("requested_slot", "rf_bladder_bowel"), events
        assert "utter_screen_conflict" in said, said
    else:
        assert SlotSet("rf_bladder_bowel", None) not in events
        assert "utter_screen_crossed" in said, said


CROSSINGS = [
    ({RECEIVED_AT: 101.0, CHOICE_OFFERED_AT: 99.0}, True),  # a "1" chosen from the question before
    ({RECEIVED_AT: 100.2}, True),  # typed before the question was made
    ({RECEIVED_AT: 101.0, CHOICE_OFFERED_AT: 100.5}, False),  # chosen from this question
    ({RECEIVED_AT: 101.0}, False),
]


def _after(domain: dict[str, Any], question: str, metadata: dict[str, Any], **slots: Any) -> Any:
    tracker = make_tracker(domain, "/affirm", "affirm", slots=slots)
    tracker.latest_message["metadata"] = metadata
    tracker.events = [
        {"event": "user", "text": "1", "timestamp": 99.0},
        {"event": "bot", "text": question, "timestamp": 100.5, "data": {"buttons": YES_NO}},
        {"event": "user", "text": "/affirm", "metadata": metadata, "timestamp": 101.0},
    ]
    return tracker


@pytest.mark.parametrize(("metadata", "crossed"), CROSSINGS)
async def test_a_yes_written_before_the_read_back_is_no_yes_to_it(
    domain, services, dispatcher, metadata, crossed
):
    """Pass K: a second "1" by SMS, meant for the question before, was taken at the read-back
    as "yes, that's right" and booking was offered. The read-back is asked again."""

    from actions.intake_flow import ActionConfirmSummary

    slots = {**ANSWERS, "pain_class": "chronic", "dialogue_stage": "confirm_summary"}
    tracker = _after(domain, "Here's what I have: ... Did I get that right?", metadata, **slots)
    events = await ActionConfirmSummary().run(dispatcher, tracker, domain)
    said = [m.get("response") for m in dispatcher.messages]
    if crossed:
        assert said == ["utter_screen_crossed", "utter_summary"], said
        assert events == [SlotSet("dialogue_stage", "confirm_summary"),
                          FollowupAction("action_listen")]
    else:
        assert "utter_summary" not in said and SlotSet("dialogue_stage", "offer_booking") in events


@pytest.mark.parametrize(("metadata", "crossed"), CROSSINGS)
async def test_a_yes_written_before_the_cancel_question_cancels_nothing(
    domain, services, dispatcher, metadata, crossed
):
    """The same kind at "Do you want to cancel your appointment...?": a crossed yes is asked
    again, never a cancel."""
    from actions.manage import ActionCancelBooking
    from bot import scheduling
    from bot.scheduling.conversation import make_offer

    offer = make_offer(services, "chronic", "", "test-user")
    booking = scheduling.book(
        services.session_factory, services.profile, services.clock,
        scheduling.Slot.from_key(offer.keys[0]),
        scheduling.PatientDetails.create("Ana", "+17185550142"), conversation_id="test-user",
    )
    slots = {"booking_code": booking.code, "phone": "+17185550142",
             "dialogue_stage": "confirm_cancel", "manage_action": "cancel"}  # fmt: skip
    tracker = _after(domain, "Do you want to cancel your appointment?", metadata, **slots)
    events = await ActionCancelBooking().run(dispatcher, tracker, domain)
    said = [m.get("response") for m in dispatcher.messages]
    if crossed:
        assert said == ["utter_screen_crossed", "utter_confirm_cancel"], said
        assert events[-1] == FollowupAction("action_listen")  # no rule after cancel_booking
    else:
        assert said[0] == "utter_booking_cancelled", said
    found = scheduling.find_booking(services.session_factory, booking.code, "+17185550142")
    assert found.is_booked is crossed


@pytest.mark.parametrize(("metadata", "crossed"), CROSSINGS)
async def test_a_yes_written_before_the_texts_question_is_no_consent(
    domain, services, dispatcher, metadata, crossed
):
    """The same kind at "May we send appointment reminders by text...?": consent to texts is
    never taken from a yes meant for the question before; nothing is booked until it is
    answered."""
    from actions.booking import ValidateBookingForm
    from bot.scheduling.conversation import make_offer

    offer = make_offer(services, "chronic", "", "test-user")
    slots = {"pain_class": "chronic", "booking_slot": offer.keys[0], "offered_slots": offer.keys,
             "booking_preference": "mornings", "patient_name": "Sam", "phone": "+17185550142",
             "booking_email": "", "requested_slot": "sms_consent"}  # fmt: skip
    tracker = _after(domain, "May we send appointment reminders by text?", metadata, **slots)
    tracker.latest_message["text"] = "yes"
    events = await ValidateBookingForm().run(dispatcher, tracker, domain)
    said = [m.get("response") for m in dispatcher.messages]
    consent = [e["value"] for e in events if e.get("name") == "sms_consent"]
    if crossed:
        assert said == ["utter_screen_crossed"] and consent == [], (said, events)
        assert events == [SlotSet("requested_slot", "sms_consent")]
    else:
        assert consent == [True], events


@pytest.mark.parametrize(("metadata", "crossed"), CROSSINGS)
async def test_a_yes_with_a_question_written_before_the_read_back_is_no_yes_to_it(
    domain, services, dispatcher, metadata, crossed
):
    """Review: "yes thats right. do I need a referral?" (answered, then read as agreeing with
    the read-back) confirmed it even when it crossed the read-back."""

    from actions.intake_flow import ActionAskOpenQuestion

    slots = {**ANSWERS, "pain_class": "chronic", "dialogue_stage": "confirm_summary"}
    tracker = _after(domain, "Here's what I have: ... Did I get that right?", metadata, **slots)
    tracker.latest_message.update(text="yes thats right. do I need a referral?",
                                  intent={"name": "ask_referral", "confidence": 0.9})
    events = await ActionAskOpenQuestion().run(dispatcher, tracker, domain)
    said = [m.get("response") for m in dispatcher.messages]
    assert (said == ["utter_screen_crossed", "utter_summary"]) is crossed, said
    assert (SlotSet("dialogue_stage", "offer_booking") in events) is not crossed, events
    assert events[-1] == FollowupAction("action_listen")
    assert [e.get("event") for e in events].count("followup") == 1, events  # one next action


@pytest.mark.parametrize(("text", "metadata", "refused"), [
    ("2", {RECEIVED_AT: 100.2}, True),  # "no" then "2" at the read-back: no score of 2
    ("/deny", {RECEIVED_AT: 101.0, CHOICE_OFFERED_AT: 99.0, DELIVERY_GRACE: 3.0}, True),  # SMS
    ("2", {RECEIVED_AT: 101.0}, False),  # typed after "What should I change?": a score
    ("it's 6 out of 10 now", {RECEIVED_AT: 100.2}, False),  # a correction in words is read
])
async def test_a_bare_reply_written_before_what_to_change_changes_nothing(
    domain, services, dispatcher, text, metadata, refused
):
    """Pass L: "no" and "2" sent 0.2 s apart at the read-back: "What should I change?", then a
    read-back with "2 out of 10 today". A bare reply that crossed the question changes nothing."""
    from actions.intake_flow import ActionCorrectIntake

    slots = {**ANSWERS, "pain_class": "chronic", "dialogue_stage": "correction"}
    tracker = make_tracker(domain, text, "describe_pain", slots=slots)
    tracker.latest_message["metadata"] = metadata
    tracker.events = [
        {"event": "user", "text": "no", "timestamp": 100.0},
        {"event": "bot", "text": "No problem. What should I change?", "timestamp": 100.5},
        {"event": "user", "text": text, "metadata": metadata, "timestamp": 101.0},
    ]
    events = await ActionCorrectIntake().run(dispatcher, tracker, domain)
    said = [m.get("response") for m in dispatcher.messages]
    if refused:
        assert said == ["utter_screen_crossed", "utter_ask_correction"], said
        assert not [e for e in events if e.get("name") == "pain_score"]
    else:
        assert "utter_screen_crossed" not in said
        assert [e["value"] for e in events if e.get("name") == "pain_score"], events


async def test_a_bare_reply_that_crossed_the_read_back_gets_the_read_back(
    domain, services, dispatcher
):
    """Review: a crossed "2" at the read-back itself got "What should I change?", though the
    patient never said anything was wrong."""
    from actions.intake_flow import ActionCorrectIntake

    metadata = {RECEIVED_AT: 100.2}
    slots = {**ANSWERS, "pain_class": "chronic", "dialogue_stage": "confirm_summary"}
    tracker = make_tracker(domain, "2", "describe_pain", slots=slots)
    tracker.latest_message["metadata"] = metadata
    tracker.events = [
        {"event": "user", "text": "no", "timestamp": 100.0},
        {"event": "bot", "text": "Here's what I have: ...", "timestamp": 100.5},
        {"event": "user", "text": "2", "metadata": metadata, "timestamp": 101.0},
    ]
    events = await ActionCorrectIntake().run(dispatcher, tracker, domain)
    assert [m.get("response") for m in dispatcher.messages] == [
        "utter_screen_crossed", "utter_summary"]
    assert events == [SlotSet("dialogue_stage", "confirm_summary")]
