"""A question back at a safety question, whatever the classifier made of it (newcomer test:
"what do i do??" got the clinic's cost, "does a bruise count?" what the assistant can do)."""

from __future__ import annotations

import pytest
from rasa_sdk.events import SlotSet

from actions.control import ActionAnswerFaq, ActionOutOfScope
from bot.intake.service import get_intake
from bot.screening_form import asks_what_to_do, is_puzzled
from tests.actions.conftest import make_tracker

WHAT_TO_DO = [
    "what do i do??", "what should i do", "should I go to the ER?", "is this a heart attack?",
    "is it serious", "should i be worried", "help me please", "do I need to call 911",
]  # fmt: skip
MEANING = [
    "does a bruise count?", "what do you mean by tender?", "not sure what you mean",
    "what does saddle mean", "I don't understand the question", "what counts as weakness",
]  # fmt: skip
NEITHER = ["how much does it cost", "what are your hours", "where are you located"]


@pytest.mark.parametrize("said", WHAT_TO_DO)
def test_what_to_do_is_heard(said):
    assert asks_what_to_do(said) and not is_puzzled(said)


@pytest.mark.parametrize("said", MEANING)
def test_a_question_about_the_questions_words_is_heard(said):
    assert is_puzzled(said)


@pytest.mark.parametrize("said", NEITHER)
def test_a_clinic_question_is_neither(said):
    assert not asks_what_to_do(said) and not is_puzzled(said)


@pytest.mark.parametrize("action", [ActionAnswerFaq, ActionOutOfScope])
@pytest.mark.parametrize("said", WHAT_TO_DO[:4])
async def test_what_to_do_at_a_safety_question_says_when_to_call_911(
    services, domain, dispatcher, action, said
):
    tracker = make_tracker(domain, said, "faq", {"requested_slot": "rf_chest_now"},
                           active_loop="intake_form")  # fmt: skip
    assert await action().run(dispatcher, tracker, domain) == []
    assert [m["response"] for m in dispatcher.messages] == ["utter_screen_what_to_do"]
    assert "911" in domain["responses"]["utter_screen_what_to_do"][0]["text"]


@pytest.mark.parametrize("action", [ActionAnswerFaq, ActionOutOfScope])
@pytest.mark.parametrize("said", MEANING[:3])
async def test_a_meaning_question_at_a_safety_question_gets_its_clarifying_version(
    services, domain, dispatcher, action, said
):
    tracker = make_tracker(domain, said, "faq", {"requested_slot": "rf_fracture"},
                           active_loop="intake_form")  # fmt: skip
    events = await action().run(dispatcher, tracker, domain)
    assert events == [SlotSet("slot_followup", "rf_fracture")] and not dispatcher.messages


async def test_a_clinic_question_at_a_safety_question_is_answered(services, domain, dispatcher):
    tracker = make_tracker(domain, "how much does it cost", "faq",
                           {"requested_slot": "rf_fracture"}, active_loop="intake_form")
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert dispatcher.messages and dispatcher.messages[0]["response"] != "utter_screen_what_to_do"


@pytest.mark.parametrize("said", ["not sure what you mean", "what do you mean?", "huh?"])
def test_a_puzzled_answer_at_the_activities_question_is_no_answer(said):
    # "not sure what you mean" was read back as what the pain limits (newcomer test)
    from bot.intake.form import Turn, fill_intake_slots

    slots = {"pain_duration": "2 days", "duration_weeks": 0.3, "pain_class": "acute",
             "pain_locations": [{"region": "ankle", "side": "right"}]}  # fmt: skip
    updates = fill_intake_slots(Turn(said, "inform", 0.5, {}), "pain_activities", slots)
    assert updates.get("pain_activities") is None
    assert updates["slot_followup"] == "pain_activities"


@pytest.mark.parametrize(("said", "then"), [
    ("it doesnt hurt, its dizziness", None), ("nowhere", None), ("skip", None),
    ("hmm", "banana"), ("can i just book an appointment please", "nowhere really"),
])  # fmt: skip
def test_no_place_to_name_is_taken_and_never_loops(said, then):
    # a GP's vertigo patient looped at "Where does it hurt?" until they typed "head" (newcomer)
    from bot.intake.form import Turn, fill_intake_slots, required_slots
    from bot.intake.summary import summarize

    slots: dict = {"pain_duration": "3 weeks", "duration_weeks": 3.0, "pain_class": "acute"}
    slots |= fill_intake_slots(Turn(said, "inform", 0.5, {}), "pain_locations", slots)
    if then is not None:
        assert slots["pain_locations"] is None and slots["slot_followup"] == "pain_locations"
        slots |= fill_intake_slots(Turn(then, "inform", 0.5, {}), "pain_locations", slots)
    assert slots["pain_locations"] == []
    assert next(s for s in required_slots(slots) if slots.get(s) is None) == "pain_activities"
    assert summarize({**slots, "pain_activities": ["walking"]}).startswith("no particular place")


@pytest.mark.parametrize(("said", "intent"), [
    ("so am i still booked for tuesday at 10?", "affirm"),
    ("is my appointment still on", "faq"),
    ("what about my booking", "nlu_fallback"),
])  # fmt: skip
async def test_after_the_advice_whether_anything_is_booked_is_said_plainly(
    services, domain, dispatcher, said, intent
):
    # it got "Please follow the advice above" (newcomer test)
    from actions.control import ActionAfterUrgentReply

    tracker = make_tracker(domain, said, intent, {
        "dialogue_stage": "urgent", "red_flag_advice": "doctor_today",
        "callback_window": "within 2 hours",
    })  # fmt: skip
    await ActionAfterUrgentReply().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_after_urgent_not_booked"]
    assert "No appointment is booked" in domain["responses"]["utter_after_urgent_not_booked"][0][
        "text"
    ]


async def test_after_the_advice_what_to_do_gets_the_advice_again(services, domain, dispatcher):
    from actions.control import ActionAfterUrgentReply

    tracker = make_tracker(domain, "what should i do", "faq",
                           {"dialogue_stage": "urgent", "red_flag_advice": "call_911"})
    await ActionAfterUrgentReply().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_after_urgent_question"]


async def test_a_phone_number_after_the_advice_is_taken_never_dropped(services, domain, dispatcher):
    """Second newcomer pass: "Tom Smith" at the phone question after the advice was taken as no
    number, and the number sent next got only "Please follow the advice above"."""
    from actions.control import ActionAfterUrgentReply

    tracker = make_tracker(domain, "7185550199", "inform", {
        "dialogue_stage": "urgent", "red_flag_advice": "doctor", "contact_declined": True,
    })  # fmt: skip
    events = await ActionAfterUrgentReply().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_phone_added"]
    assert SlotSet("phone", "+17185550199") in events
    assert SlotSet("contact_declined", None) in events


async def test_after_the_advice_a_number_on_file_is_not_taken_again(services, domain, dispatcher):
    from actions.control import ActionAfterUrgentReply

    tracker = make_tracker(domain, "7185550199", "inform", {
        "dialogue_stage": "urgent", "red_flag_advice": "doctor", "phone": "+12125550100",
    })  # fmt: skip
    await ActionAfterUrgentReply().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_after_urgent"]


@pytest.mark.parametrize(
    ("said", "flag", "status"),
    [("me duele mucho el pecho y no puedo respirar", "other_language_es_emergency", "urgent"),
     ("me duele la rodilla desde hace tres meses", "other_language_es", "new")],
)  # fmt: skip
async def test_a_message_in_another_language_is_saved_for_a_call_back(
    services, domain, dispatcher, said, flag, status
):
    """Third newcomer pass: a Spanish emergency got the notice and left no intake, or a plain
    call back with no flag. The intake is saved with the language flag, urgent for an
    emergency."""
    tracker = make_tracker(domain, said, "out_of_scope")
    tracker.latest_message["message_language"] = "es"
    events = await ActionOutOfScope().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_other_language_es"]
    saved = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    intake = get_intake(services.session_factory, int(saved["intake_id"]))
    assert intake.red_flags == [flag] and intake.status == status, intake
