"""The intake actions against the real domain, with the intake stored in SQLite."""

from __future__ import annotations

import pytest
from rasa_sdk.events import FollowupAction, SlotSet
from sqlalchemy.exc import OperationalError

from actions.contact import ActionRequestHuman, ActionSubmitContact, ValidateContactForm
from actions.control import ActionAnswerFaq, ActionFlagCrisis, ActionGreet, ActionNothingOffered
from actions.intake_flow import (
    ActionAssessIntake,
    ActionConfirmSummary,
    ActionCorrectIntake,
    ActionFlagUrgent,
    ActionPainTalkAtOffer,
)
from actions.intake_form import ValidateIntakeForm
from actions.screen import ActionScreenSymptom
from bot.intake.service import get_intake
from bot.nlp import extract
from bot.triage import RED_FLAG_SLOTS
from tests.actions.conftest import make_tracker

KNEE = {
    "pain_duration": "about 4 months",
    "duration_weeks": 17.4,
    "pain_class": "chronic",
    "pain_stage": "chronic",
    "pain_locations": [{"region": "knee", "side": "right"}],
    "pain_activities": ["stairs"],
    "pain_score": 6.0,
    **{slot: False for slot in RED_FLAG_SLOTS},  # "no" to the whole red-flag screen
    "rf_fracture": False,  # ... and to the knee's own fracture question
}


def _responses(dispatcher) -> list[str]:
    return [m["response"] for m in dispatcher.messages]


def _slots(events) -> dict:
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


async def test_one_message_fills_the_form_and_asks_the_next_question(services, domain, dispatcher):
    tracker = make_tracker(domain, "my right knee, about 4 months, stairs kill me", "describe_pain")
    events = await ValidateIntakeForm().run(dispatcher, tracker, domain)
    slots = _slots(events)
    assert slots["pain_class"] == "chronic"
    assert slots["pain_locations"] == [{"region": "knee", "side": "right"}]
    assert slots["pain_activities"] == ["stairs"]
    assert slots["requested_slot"] == "pain_score"


async def test_red_flag_yes_stops_the_screen(services, domain, dispatcher):
    slots = {k: v for k, v in KNEE.items() if not k.startswith("rf_")}
    tracker = make_tracker(domain, "yes", "affirm", {**slots, "requested_slot": "rf_bladder_bowel"})
    events = await ValidateIntakeForm().run(dispatcher, tracker, domain)
    assert SlotSet("rf_bladder_bowel", True) in events
    assert SlotSet("requested_slot", None) in events


@pytest.mark.parametrize(
    ("flag", "advice"),
    [("rf_bladder_bowel", "emergency"), ("rf_weakness", "emergency"), ("rf_fever", "doctor")],
)
async def test_a_red_flag_yes_sets_the_advice_the_rules_give(
    services, domain, dispatcher, flag, advice
):
    slots = {k: v for k, v in KNEE.items() if not k.startswith("rf_")}
    tracker = make_tracker(domain, "yes", "affirm", {**slots, "requested_slot": flag})
    events = await ValidateIntakeForm().run(dispatcher, tracker, domain)
    assert SlotSet("red_flag_advice", advice) in events
    # The advice is a plain response the rules send; its call-back promise comes from a slot,
    # the clinic's urgent one, which the console's urgent alert quotes to staff.
    assert _slots(events)["callback_window"] == services.profile.urgent_callback_window
    assert "today" in _slots(events)["callback_window"]
    assert "utter_redflag_emergency" not in _responses(dispatcher)


async def test_emergency_red_flag_is_flagged_urgent_after_the_advice(services, domain, dispatcher):
    slots = {**KNEE, "rf_bladder_bowel": True, "red_flag_advice": "emergency"}
    events = await ActionFlagUrgent().run(dispatcher, make_tracker(domain, slots=slots), domain)
    assert _responses(dispatcher) == []  # the rules already gave the advice
    intake = get_intake(services.session_factory, int(_slots(events)["intake_id"]))
    assert intake.status == "urgent" and intake.red_flags == ["bladder_bowel"]
    assert SlotSet("dialogue_stage", "urgent") in events


async def test_flags_survive_a_database_outage(services, domain, dispatcher, monkeypatch):
    def down(*args, **kwargs):
        raise OperationalError("INSERT", {}, Exception("the database is down"))

    monkeypatch.setattr("actions.intake_flow.save_intake", down)
    tracker = make_tracker(domain, "i want to end my life", "express_crisis")
    assert await ActionFlagCrisis().run(dispatcher, tracker, domain) == [
        SlotSet("dialogue_stage", "urgent")
    ]
    slots = {**KNEE, "rf_fever": True, "red_flag_advice": "doctor"}
    events = await ActionFlagUrgent().run(dispatcher, make_tracker(domain, slots=slots), domain)
    assert events == [SlotSet("dialogue_stage", "urgent")]


async def test_read_back_then_confirm_stores_a_complete_intake(services, domain, dispatcher):
    events = await ActionAssessIntake().run(dispatcher, make_tracker(domain, slots=KNEE), domain)
    assert dispatcher.messages[0]["summary"].startswith("right knee, about 4 months")
    intake_id = _slots(events)["intake_id"]
    confirm = await ActionConfirmSummary().run(
        dispatcher, make_tracker(domain, "yes", "affirm", {**KNEE, "intake_id": intake_id}), domain
    )
    assert _responses(dispatcher)[-2:] == ["utter_explain_chronic", "utter_offer_booking"]
    assert dispatcher.messages[-1]["minutes"] == 60
    assert SlotSet("dialogue_stage", "offer_booking") in confirm
    assert _slots(confirm)["intake_id"] == intake_id
    intake = get_intake(services.session_factory, int(intake_id))
    assert intake.summary_confirmed and intake.completed_at is not None
    assert intake.status == "new" and intake.pain_score == 6


async def test_correction_changes_only_what_was_said(services, domain, dispatcher):
    tracker = make_tracker(domain, "actually it's my left knee", "correct_intake", KNEE)
    events = await ActionCorrectIntake().run(dispatcher, tracker, domain)
    assert _slots(events)["pain_locations"] == [{"region": "knee", "side": "left"}]
    assert dispatcher.messages[-1]["summary"].startswith("left knee, about 4 months")


async def test_crisis_flags_urgent(services, domain, dispatcher):
    events = await ActionFlagCrisis().run(
        dispatcher, make_tracker(domain, "i want to end my life", "express_crisis"), domain
    )
    assert _responses(dispatcher) == []  # the rules already sent utter_crisis
    intake = get_intake(services.session_factory, int(_slots(events)["intake_id"]))
    assert intake.crisis and intake.status == "urgent"


async def test_handoff_collects_a_valid_phone_and_flags_callback(services, domain, dispatcher):
    events = await ActionRequestHuman().run(
        dispatcher, make_tracker(domain, "talk to a person", "request_human"), domain
    )
    intake_id = _slots(events)["intake_id"]
    form = ValidateContactForm()
    bad = await form.run(
        dispatcher,
        make_tracker(
            domain, "12", "describe_pain", {"requested_slot": "phone", "patient_name": "Sam"}
        ),
        domain,
    )
    assert _slots(bad)["phone"] is None and _slots(bad)["requested_slot"] == "phone"
    good = await form.run(
        dispatcher,
        make_tracker(
            domain,
            "718 555 0142",
            "describe_pain",
            {"requested_slot": "phone", "patient_name": "Sam"},
        ),
        domain,
    )
    assert _slots(good)["phone"] == "+17185550142"
    await ActionSubmitContact().run(
        dispatcher,
        make_tracker(
            domain,
            "",
            None,
            {
                "dialogue_stage": "callback",
                "patient_name": "Sam",
                "phone": "+17185550142",
                "intake_id": intake_id,
            },
        ),
        domain,
    )
    assert _responses(dispatcher)[-1] == "utter_callback_confirmed"
    intake = get_intake(services.session_factory, int(intake_id))
    assert intake.status == "callback" and intake.callback_requested
    assert intake.phone == "+17185550142" and intake.patient_name == "Sam"


async def test_faq_facts_come_from_the_clinic_profile(services, domain, dispatcher, profile):
    tracker = make_tracker(domain, "where are you", "faq")
    # What ResponseSelector adds to the parse data for the retrieval intent `faq`.
    tracker.latest_message["response_selector"] = {
        "faq": {"response": {"utter_action": "utter_faq/address_hours", "confidence": 0.97}}
    }
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    message = dispatcher.messages[0]
    assert message["response"] == "utter_faq/address_hours"
    assert message["clinic_address"] == profile.address


async def test_a_faq_with_no_answer_chosen_gets_what_the_assistant_can_do(
    services, domain, dispatcher
):
    await ActionAnswerFaq().run(dispatcher, make_tracker(domain, "hmm?", "faq"), domain)
    assert dispatcher.messages[0]["response"] == "utter_faq/capabilities"


async def test_greeting_names_the_clinic(services, domain, dispatcher, profile):
    await ActionGreet().run(dispatcher, make_tracker(domain, "hi", "greet"), domain)
    assert dispatcher.messages[0]["response"] == "utter_greet"
    assert dispatcher.messages[0]["clinic_name"] == profile.display_name


def test_every_response_an_action_names_is_in_the_domain(domain):
    import pathlib
    import re

    names = set()
    for path in pathlib.Path("actions").glob("*.py"):
        names |= set(re.findall(r'"(utter_[a-z_]+)"', path.read_text()))
    names |= {f"utter_redflag_{o}" for o in ("emergency", "doctor")}
    names |= {f"utter_explain_{c}" for c in ("chronic", "acute", "unknown")}
    names.discard("utter_action")  # Rasa's key for the response a bot message came from
    missing = {n for n in names if n not in domain["responses"] and not n.endswith("_")}
    assert not missing


def _interrupted_at(domain, requested: str, text: str, intent: str):
    """A tracker just after a control rule deactivated intake_form at `requested`."""
    tracker = make_tracker(domain, text, intent, {**KNEE, "pain_activities": None})
    tracker.events = [
        {"event": "active_loop", "name": "intake_form"},
        {"event": "slot", "name": "requested_slot", "value": requested},
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}}},
        {"event": "action", "name": "action_deactivate_loop"},
        {"event": "active_loop", "name": None},
    ]
    return tracker


async def test_a_control_word_inside_a_free_text_answer_goes_back_to_the_form(domain, dispatcher):
    from rasa_sdk.events import ActiveLoop, FollowupAction

    from actions.control import ActionStopIntake

    tracker = _interrupted_at(domain, "pain_activities", "I can't stop working", "stop")
    events = await ActionStopIntake().run(dispatcher, tracker, domain)
    assert _responses(dispatcher) == []  # not "OK, I've stopped"
    assert events == [
        ActiveLoop("intake_form"),
        SlotSet("requested_slot", "pain_activities"),
        FollowupAction("intake_form"),
    ]
    # and the form then reads it as the answer to its question
    answer = make_tracker(
        domain,
        "I can't stop working",
        "stop",
        {**KNEE, "pain_activities": None, "requested_slot": "pain_activities"},
        extraction={"activities": [{"name": "working"}], "duration_status": "missing"},
    )
    filled = await ValidateIntakeForm().run(dispatcher, answer, domain)
    assert _slots(filled).get("activities_text") == "I can't stop working"


async def test_a_whole_stop_at_a_free_text_question_still_stops(services, domain, dispatcher):
    from actions.control import ActionStopIntake

    tracker = _interrupted_at(domain, "pain_activities", "stop please", "stop")
    events = await ActionStopIntake().run(dispatcher, tracker, domain)
    assert _responses(dispatcher) == ["utter_stopped"]
    assert SlotSet("dialogue_stage", "stopped") in events


def _first_message(domain, text: str, intent: str):  # type: ignore[no-untyped-def]
    """A fresh conversation's first message, with the pain extractor's reading in its events
    (where `_pain_details_said` reads it)."""
    extraction = extract(text).to_dict()
    tracker = make_tracker(domain, text, intent, extraction=extraction)
    tracker.events[0]["parse_data"] = {"intent": {"name": intent}, "pain_extraction": extraction}
    return tracker


@pytest.mark.parametrize(
    ("text", "intent"),
    [("headache that builds gradually through the afternoon with tight neck and shoulders",
      "choose_slot"),
     # third newcomer pass: read as a no, "Sorry, I didn't understand that"
     ("shoulder pain 2 weeks, not dizzy, no chest pain, no numbness", "deny"),
     ("my calf cramps at night sometimes, been like that for years, no swelling", "deny"),
     ("yes hi, my neck has been stiff for a month", "affirm")],
)  # fmt: skip
async def test_a_first_description_read_as_a_choice_or_a_yes_or_no_starts_the_intake(
    services, domain, dispatcher, text, intent
):
    """"headache that builds gradually through the afternoon ..." was read as choosing an
    afternoon and got "Sorry, I didn't understand that" on every turn."""
    events = await ActionNothingOffered().run(
        dispatcher, _first_message(domain, text, intent), domain
    )
    assert FollowupAction("intake_form") in events
    assert _responses(dispatcher) == ["utter_intro"]  # the short introduction, as for any
    assert _slots(events)["pain_locations"], events  # what it said is kept


async def test_choosing_a_time_with_nothing_offered_and_no_pain_is_not_understood(
    domain, dispatcher
):
    events = await ActionNothingOffered().run(
        dispatcher, _first_message(domain, "the 3pm one", "choose_slot"), domain
    )
    assert events == [] and dispatcher.messages[0]["response"] == "utter_default"


@pytest.mark.parametrize(("text", "answered"), [
    ("75, stiff low back mornings, loosens w walk, want exercises", False),
    ("Do you take Medicare? My right hip has hurt for 3 months", True),
])  # fmt: skip
async def test_a_first_description_read_as_a_clinic_question_starts_the_intake(
    services, domain, dispatcher, text, answered
):
    events = await ActionAnswerFaq().run(dispatcher, _first_message(domain, text, "faq"), domain)
    assert FollowupAction("intake_form") in events
    assert bool(dispatcher.messages) is answered  # the question is answered when one was asked


@pytest.mark.parametrize(("text", "level"), [
    ("my chest is crushing now and it goes into my jaw", "call_911"),
    ("I've lost control of my bladder since this morning", "emergency"),
])  # fmt: skip
async def test_a_symptom_told_after_not_sure_advice_gets_the_told_advice_not_couldnt_rule_out(
    services, domain, dispatcher, text, level
):
    # "not sure" to the calf question gave "as we couldn't rule this out ..."; then "my chest is
    # crushing and it goes into my jaw" got 911 in that same "couldn't rule this out" wording.
    from actions.screen import ActionAfterUrgentSymptom

    slots = {
        **{k: v for k, v in KNEE.items() if not k.startswith("rf_")},
        "rf_leg_clot": False, "screen_unsure": ["rf_leg_clot"], "red_flag_advice": "doctor_today",
        "advice_from_unsure": True, "callback_window": "within 2 hours",
    }  # fmt: skip
    tracker = make_tracker(domain, text, "report_warning_sign", slots)
    events = await ActionAfterUrgentSymptom().run(dispatcher, tracker, domain)
    said = dispatcher.messages[0]
    assert said.get("response") is None and "911" in said["text"]
    assert "rule this out" not in said["text"] and "{" not in said["text"]
    plain = [v["text"] for v in domain["responses"][f"utter_redflag_{level}"]
             if not v.get("condition")]  # fmt: skip
    assert said["text"] in [p.replace("{callback_window}", "within 2 hours") for p in plain]
    assert SlotSet("advice_from_unsure", False) in events
    assert SlotSet("red_flag_advice", level) in events


async def test_a_symptom_told_after_told_advice_keeps_the_response(services, domain, dispatcher):
    from actions.screen import ActionAfterUrgentSymptom

    slots = {
        **{k: v for k, v in KNEE.items() if not k.startswith("rf_")},
        "rf_leg_clot": True, "red_flag_advice": "doctor_today", "advice_from_unsure": False,
    }  # fmt: skip
    text = "now I'm coughing up blood and I can't breathe"
    tracker = make_tracker(domain, text, "report_warning_sign", {**slots, "warning_signs": ["dvt"]})
    await ActionAfterUrgentSymptom().run(dispatcher, tracker, domain)
    assert dispatcher.messages[0]["response"] == "utter_redflag_call_911"


async def test_a_sign_told_with_a_take_back_is_told_first(services, domain, dispatcher):
    # "sorry I pressed the wrong button, but now my face is drooping" got only "the advice
    # stands" (review): the 911 advice, and the stroke recorded
    from actions.screen import ActionAfterUrgentSymptom

    slots = {
        **{k: v for k, v in KNEE.items() if not k.startswith("rf_")},
        "rf_leg_clot": True, "red_flag_advice": "doctor_today", "warning_signs": ["dvt"],
    }  # fmt: skip
    text = "sorry I pressed the wrong button, but now my face is drooping and I cant speak properly"
    tracker = make_tracker(domain, text, "report_warning_sign", slots)
    events = await ActionAfterUrgentSymptom().run(dispatcher, tracker, domain)
    assert _responses(dispatcher)[0] == "utter_redflag_call_911"
    assert SlotSet("rf_stroke", True) in events


async def test_a_take_back_alone_is_heard(services, domain, dispatcher):
    from actions.screen import ActionAfterUrgentSymptom

    slots = {
        **{k: v for k, v in KNEE.items() if not k.startswith("rf_")},
        "rf_leg_clot": True, "red_flag_advice": "doctor_today", "warning_signs": ["dvt"],
    }  # fmt: skip
    tracker = make_tracker(domain, "sorry I meant no, wrong button", "deny", slots)
    assert await ActionAfterUrgentSymptom().run(dispatcher, tracker, domain) == []
    assert _responses(dispatcher) == ["utter_answer_taken_back"]


@pytest.mark.parametrize("number", ["555-201-3344", "201 3344", "12345678"])
async def test_a_number_that_is_not_one_after_the_advice_is_told_so(
    services, domain, dispatcher, number
):
    # "555-201-3344" after the 911 advice got only the advice again and the question (newcomer)
    slots = {**KNEE, "red_flag_advice": "call_911", "dialogue_stage": "urgent",
             "requested_slot": "phone", "patient_name": "Jane Doe"}  # fmt: skip
    tracker = make_tracker(domain, number, "inform", slots, active_loop="contact_form")
    events = await ValidateContactForm().run(dispatcher, tracker, domain)
    assert SlotSet("slot_followup", "phone") in events
    assert SlotSet("requested_slot", "phone") in events
    assert "utter_after_urgent_question" not in _responses(dispatcher)
    invalid = [v for v in domain["responses"]["utter_ask_phone"]
               if v.get("condition", [{}])[0].get("value") == "phone"]  # fmt: skip
    assert "doesn't look like a phone number" in invalid[0]["text"]


@pytest.mark.parametrize(("said", "name"), [
    ("ok it's Maria, 646 555 0144", "Maria"),
    ("Maria Lopez 646 555 0144", "Maria Lopez"),
    ("my cell is 646 555 0144", None),
    ("Home: 646 555 0144", None),
    ("Husband's cell 646 555 0144", None),
])
async def test_a_name_told_with_the_number_after_declining_it_is_kept(
    services, domain, dispatcher, said, name
):
    """Pass K: after urgent advice, "no" to the name, then "ok it's Maria, 646 555 0144" at the
    phone question kept the number and dropped the name."""
    slots = {**KNEE, "red_flag_advice": "call_911", "dialogue_stage": "urgent",
             "requested_slot": "phone", "name_declined": True}  # fmt: skip
    tracker = make_tracker(domain, said, "inform", slots, active_loop="contact_form")
    events = await ValidateContactForm().run(dispatcher, tracker, domain)
    assert SlotSet("phone", "+16465550144") in events
    named = [e["value"] for e in events if e.get("name") == "patient_name"]
    assert named == ([name] if name else []), events
    responses = [m.get("response") for m in dispatcher.messages]
    assert ("utter_name_read_back" in responses) is bool(name), responses  # to be corrected
    kept = {**slots, "name_declined": False, "patient_name": "Jane Doe"}
    tracker = make_tracker(domain, said, "inform", kept, active_loop="contact_form")
    events = await ValidateContactForm().run(dispatcher, tracker, domain)
    assert not [e for e in events if e.get("name") == "patient_name"]  # never replaced


@pytest.mark.parametrize("text", ["1", "2", "1.", "#1", " 2 ", "10"])
async def test_a_bare_number_at_the_offer_to_book_changes_nothing_and_is_asked_about(
    services, domain, dispatcher, text
):
    """Second newcomer pass (issue 13's kind): "1" at the offer to book, meant as its first
    button, became a pain score of 1 in a new read-back. A bare number at a yes-or-no question
    is no answer of another question: nothing changes, the number is asked about, with how to
    change the score, and the offer is made again."""
    tracker = make_tracker(
        domain, text, "describe_pain", {**KNEE, "dialogue_stage": "offer_booking"}
    )
    events = await ActionPainTalkAtOffer().run(dispatcher, tracker, domain)
    assert _responses(dispatcher) == ["utter_offer_number", "utter_offer_booking"]
    assert dispatcher.messages[0]["number"] == text.strip(" .#")
    assert _slots(events) == {"dialogue_stage": "offer_booking"}


@pytest.mark.parametrize(
    "text", ["maybe", "not sure", "idk", "i really don't know tbh", "hmm maybe"]
)
async def test_unsure_at_the_offer_to_book_hears_that_a_booking_can_be_changed(
    services, domain, dispatcher, text
):
    """ "maybe" at the offer got "I'm sorry it's been so hard", as if it were pain talk."""
    tracker = make_tracker(
        domain, text, "describe_pain", {**KNEE, "dialogue_stage": "offer_booking"}
    )
    events = await ActionPainTalkAtOffer().run(dispatcher, tracker, domain)
    assert _responses(dispatcher) == ["utter_offer_unsure", "utter_offer_booking"]
    assert _slots(events) == {"dialogue_stage": "offer_booking"}


@pytest.mark.parametrize(
    ("text", "slot", "value"),
    [("my pain is 3 out of 10 now", "pain_score", 3.0),
     ("actually it's been more like 8 months", "pain_duration", "8 months")],
)  # fmt: skip
async def test_a_change_said_in_words_at_the_offer_is_still_read_back(
    services, domain, dispatcher, text, slot, value
):
    tracker = make_tracker(
        domain, text, "correct_intake", {**KNEE, "dialogue_stage": "offer_booking"}
    )
    events = await ActionPainTalkAtOffer().run(dispatcher, tracker, domain)
    assert _responses(dispatcher) == ["utter_summary"]
    assert value == _slots(events)[slot] or value in str(_slots(events)[slot])


async def test_a_sign_in_a_correction_at_the_read_back_keeps_the_corrections_other_changes(
    services, domain, dispatcher
):
    """Third newcomer pass: at the read-back, "no, its been 2 months, and i cant really control
    my bladder since tuesday" reopened the bladder question and kept the old 8 months (or, before
    that, made the pain a week old). The sign's question comes, and the duration changes."""
    back = {**KNEE, "pain_locations": [{"region": "lower_back", "side": None}],
            "pain_duration": "8 months", "duration_weeks": 34.8,
            "dialogue_stage": "confirm_summary"}  # fmt: skip
    text = "no, its been 2 months, and i cant really control my bladder since tuesday"
    tracker = make_tracker(domain, text, "describe_pain", back, extraction=extract(text).to_dict())
    slots = _slots(await ActionScreenSymptom().run(dispatcher, tracker, domain))
    assert slots["pain_duration"] == "2 months" and slots["pain_class"] == "acute", slots
    assert slots["rf_bladder_bowel"] is None and "cauda_equina" in slots["warning_signs"], slots


async def test_stop_after_a_warning_sign_said_and_not_yet_asked_says_what_to_do(
    services, domain, dispatcher
):
    """Newcomer test: "my chest feels heavy and my left arm is aching since an hour ago", then
    "stop", got only "Take care". What to do about it comes with the stop; never a diagnosis."""
    from actions.control import ActionStopIntake

    said = "my chest feels heavy and my left arm is aching since an hour ago"
    tracker = make_tracker(domain, "stop", "stop", {"warning_signs": ["cardiac"]})
    tracker.events = [{"event": "user", "text": said}, {"event": "user", "text": "stop"}]
    events = await ActionStopIntake().run(dispatcher, tracker, domain)
    assert _responses(dispatcher) == ["utter_stopped", "utter_stopped_sign_mentioned"]
    assert "your chest feels heavy" in dispatcher.messages[-1]["sign_note"]
    assert SlotSet("dialogue_stage", "stopped") in events
    dispatcher.messages.clear()
    answered = make_tracker(domain, "stop", "stop", {"warning_signs": ["cardiac"],
                                                     "rf_chest_now": False,
                                                     "rf_chest_exertion": False})
    await ActionStopIntake().run(dispatcher, answered, domain)
    assert _responses(dispatcher) == ["utter_stopped"]  # its questions all answered: no more


@pytest.mark.parametrize(("text", "requested", "phone"), [
    ("mi número es 646 555 0144", "phone", "+16465550144"),  # kept, though in Spanish
    ("llámame al 646-555-0144 por favor", "phone", "+16465550144"),
    ("no entiendo la pregunta", "phone", None),  # no number: the language notice's turn
])  # fmt: skip
async def test_a_number_in_another_language_at_the_phone_question_is_kept(
    services, domain, dispatcher, text, requested, phone
):
    """Pass L: after "Please call me", a number sent in Spanish got the language notice again
    and was lost."""
    tracker = make_tracker(domain, text, "out_of_scope",
                           {"requested_slot": requested, "patient_name": "Rosa"})
    tracker.latest_message["message_language"] = "es"
    events = await ValidateContactForm().run(dispatcher, tracker, domain)
    assert _slots(events).get("phone") == phone, events
    if phone is None:
        assert events == [], events  # the rules give the notice; the form asks again
