"""A form re-entered after another action never reads the message before it as an answer.

The kind: a "no" to the crisis check, a "hi" answered by the greeting, or any digression whose
reply came first was not an answer to the question the form asks again.
"""

from __future__ import annotations

import pytest

from actions.booking import ValidateBookingForm
from actions.contact import ValidateContactForm
from actions.intake_form import ValidateIntakeForm
from actions.manage import ValidateManageForm
from bot.triage import RED_FLAG_SLOTS
from tests.actions.conftest import make_tracker

BEFORE_THE_SCREEN = {
    "pain_duration": "about 4 months",
    "duration_weeks": 17.4,
    "pain_class": "chronic",
    "pain_stage": "chronic",
    "pain_locations": [{"region": "low_back", "side": "both"}],
    "pain_activities": ["sitting"],
    "pain_score": 6.0,
}

# form, validator, the question it had open, a message that would answer it, the slots before
CASES = [
    ("intake_form", ValidateIntakeForm, slot, text, {**BEFORE_THE_SCREEN, **before})
    for index, slot in enumerate(RED_FLAG_SLOTS)
    for text in ("no", "yes")
    for before in [{s: False for s in RED_FLAG_SLOTS[:index]}]
] + [
    ("intake_form", ValidateIntakeForm, "pain_score", "7", {k: v for k, v in
                                                             BEFORE_THE_SCREEN.items()
                                                             if k != "pain_score"}),
    ("contact_form", ValidateContactForm, "patient_name", "Dana Reyes", {}),
    ("contact_form", ValidateContactForm, "phone", "+1 718 555 0199", {"patient_name": "Dana"}),
    ("manage_form", ValidateManageForm, "booking_code", "ABC123", {}),
    ("booking_form", ValidateBookingForm, "booking_preference", "mornings", {}),
]


@pytest.mark.parametrize(
    ("form", "validator", "requested", "text", "before"),
    CASES,
    ids=[f"{c[0]}-{c[2]}-{c[3]}" for c in CASES],
)
@pytest.mark.parametrize("after", ["utter_crisis_check", "action_greet", "action_answer_faq"])
async def test_a_re_entered_form_takes_no_answer_from_the_message_before(
    services, domain, dispatcher, form, validator, requested, text, before, after
):
    slots = {**before, "requested_slot": requested}
    tracker = make_tracker(domain, text, "deny" if text == "no" else "inform", slots=slots,
                           active_loop=form, latest_action=after)
    events = await validator().run(dispatcher, tracker, domain)
    filled = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    assert filled.get(requested) is None
    assert filled.get("requested_slot", requested) == requested
    assert dispatcher.messages == []


@pytest.mark.parametrize("requested", RED_FLAG_SLOTS)
async def test_right_after_the_question_the_same_message_is_its_answer(
    services, domain, dispatcher, requested
):
    """The control: the guard is about re-entry, not about ignoring answers."""
    index = RED_FLAG_SLOTS.index(requested)
    slots = {**BEFORE_THE_SCREEN, **{s: False for s in RED_FLAG_SLOTS[:index]},
             "requested_slot": requested}
    tracker = make_tracker(domain, "no", "deny", slots=slots, active_loop="intake_form")
    events = await ValidateIntakeForm().run(dispatcher, tracker, domain)
    filled = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    assert filled[requested] is False


async def test_the_message_that_starts_the_form_is_read_after_the_greeting(
    services, domain, dispatcher
):
    """A first message about pain gets the short introduction, then starts the form, which
    reads that message: the form runs after `action_greet`, but it was not active yet."""
    tracker = make_tracker(domain, "my lower back has hurt for 5 months", "describe_pain",
                           latest_action="action_greet")
    events = await ValidateIntakeForm().run(dispatcher, tracker, domain)
    filled = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    assert filled.get("pain_duration") and filled.get("pain_class") == "chronic", filled
