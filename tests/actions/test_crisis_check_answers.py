"""The answer to the crisis check, in the action (`actions.control.ActionAnswerCrisisCheck`):
talk of the pain that answers neither way gets the check once more, plainly; a second answer
of that kind gets the crisis answer (pass L: "it hurts so much" counted as a no)."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk.events import SlotSet

from tests.actions.conftest import make_tracker

CHECK = "Are you having thoughts of hurting yourself or ending your life?"


def _at_check(domain: dict[str, Any], text: str, intent: str, asked_plainly: bool) -> Any:
    tracker = make_tracker(domain, text, intent, slots={"dialogue_stage": "crisis_check"})
    asked = {"event": "bot", "text": CHECK, "timestamp": 100.0,
             "metadata": {"utter_action": "utter_crisis_check"}}
    tracker.events = [{"event": "user", "text": "i can't go on like this", "timestamp": 99.0},
                      asked]
    if asked_plainly:
        tracker.events += [
            {"event": "user", "text": "it hurts so much", "timestamp": 101.0},
            {**asked, "timestamp": 102.0, "metadata": {"utter_action": "utter_crisis_check_plain"}},
        ]
    tracker.events.append({"event": "user", "text": text, "timestamp": 110.0})
    return tracker


@pytest.mark.parametrize("text", [
    "it hurts so much", "my knee aches all the time", "the pain is constant",
    "sore all over today",
])  # fmt: skip
async def test_pain_talk_that_answers_neither_way_gets_the_check_once_more(
    domain, services, dispatcher, text
):
    from actions.control import ActionAnswerCrisisCheck

    tracker = _at_check(domain, text, "describe_pain", asked_plainly=False)
    events = await ActionAnswerCrisisCheck().run(dispatcher, tracker, domain)
    assert [m.get("response") for m in dispatcher.messages] == ["utter_crisis_check_plain"]
    assert events == [SlotSet("dialogue_stage", "crisis_check")]  # no flag, no way on yet


@pytest.mark.parametrize(("text", "intent", "said"), [
    ("my knee aches all the time", "describe_pain", "utter_crisis"),  # still no answer
    ("no", "deny", "utter_crisis_check_no"),
    ("no, it's just my back", "deny", "utter_crisis_check_no"),
    ("/deny", "deny", "utter_crisis_check_no"),
    ("yes sometimes", "affirm", "utter_crisis"),
])  # fmt: skip
async def test_after_the_plain_check_an_answer_is_taken_and_no_answer_is_not_a_no(
    domain, services, dispatcher, text, intent, said
):
    from actions.control import ActionAnswerCrisisCheck

    tracker = _at_check(domain, text, intent, asked_plainly=True)
    events = await ActionAnswerCrisisCheck().run(dispatcher, tracker, domain)
    responses = [m.get("response") for m in dispatcher.messages]
    assert responses[0] == said, responses
    assert "utter_crisis_check_plain" not in responses
    assert (SlotSet("dialogue_stage", "urgent") in events) is (said == "utter_crisis"), events


@pytest.mark.parametrize("text", ["my back is killing me", "it's just my shoulder", "no"])
async def test_the_pain_given_as_what_was_meant_is_a_no_at_once(domain, services, dispatcher, text):
    from actions.control import ActionAnswerCrisisCheck

    tracker = _at_check(domain, text, "describe_pain", asked_plainly=False)
    await ActionAnswerCrisisCheck().run(dispatcher, tracker, domain)
    assert dispatcher.messages[0]["response"] == "utter_crisis_check_no"


def _slots_of(events: list[Any]) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


@pytest.mark.parametrize(("answer", "intent", "flags", "crisis"), [
    ("no", "deny", [], False),
    ("yes", "affirm", [], True),
])  # fmt: skip
async def test_a_check_left_open_is_a_staff_flag_until_it_is_answered(
    domain, services, dispatcher, answer, intent, flags, crisis
):
    """Pass L: a patient who left at the check left staff nothing. While it is open the intake
    carries `crisis_check_unanswered` (the call-back list, sorted with crisis); an answer
    takes it away (a yes gives the crisis flag instead)."""
    from actions.control import ActionAnswerCrisisCheck, ActionCrisisCheckAsked
    from bot.crisis_check import CHECK_OPEN_SLOT, CHECK_UNANSWERED
    from bot.frontdesk.callback import advice_for, flag_title
    from bot.intake.service import get_intake

    asked = make_tracker(domain, "i can't go on like this", "possible_crisis")
    events = await ActionCrisisCheckAsked().run(dispatcher, asked, domain)
    slots = _slots_of(events)
    assert slots[CHECK_OPEN_SLOT] is True and slots["dialogue_stage"] == "crisis_check"
    intake = get_intake(services.session_factory, int(slots["intake_id"]))
    assert intake.red_flags == [CHECK_UNANSWERED] and not intake.crisis
    advice = advice_for(intake)
    assert advice.title == "Safety question not answered: staff to check"
    assert advice.flags == (flag_title(CHECK_UNANSWERED),)
    assert "self-harm" in advice.flags[0] and "did not answer" in advice.flags[0]

    tracker = _at_check(domain, answer, intent, asked_plainly=False)
    tracker.slots.update(slots)
    events = await ActionAnswerCrisisCheck().run(dispatcher, tracker, domain)
    assert _slots_of(events)[CHECK_OPEN_SLOT] is None
    intake = get_intake(services.session_factory, int(slots["intake_id"]))
    assert intake.red_flags == flags and bool(intake.crisis) is crisis, intake.red_flags


async def test_after_the_crisis_answer_a_second_check_is_no_new_flag(domain, services, dispatcher):
    """The crisis flag already says more: the check asked again after it adds nothing."""
    from actions.control import ActionCrisisCheckAsked
    from bot.crisis_check import CHECK_OPEN_SLOT

    tracker = make_tracker(domain, "i think about it", "possible_crisis")
    tracker.events = [
        {"event": "user", "text": "I want to die", "parse_data": {"intent": {
            "name": "express_crisis", "confidence": 1.0}}},
        {"event": "user", "text": "i think about it"},
    ]
    events = await ActionCrisisCheckAsked().run(dispatcher, tracker, domain)
    assert CHECK_OPEN_SLOT not in _slots_of(events)


async def test_crisis_words_at_an_open_check_answer_it(domain, services, dispatcher):
    """The crisis answer's flag replaces the open check's: staff read one crisis, not two."""
    from actions.control import ActionFlagCrisis
    from bot.crisis_check import CHECK_OPEN_SLOT
    from bot.intake.service import get_intake

    tracker = make_tracker(domain, "I want to die", "express_crisis",
                           slots={"dialogue_stage": "crisis_check", CHECK_OPEN_SLOT: True})
    events = await ActionFlagCrisis().run(dispatcher, tracker, domain)
    slots = _slots_of(events)
    assert slots[CHECK_OPEN_SLOT] is None and slots["dialogue_stage"] == "urgent"
    intake = get_intake(services.session_factory, int(slots["intake_id"]))
    assert intake.crisis and intake.red_flags == []
