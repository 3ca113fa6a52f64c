"""answer_message on the tracker Rasa really hands a form's validator: its events end with the
form's own run (rasa.core.actions.forms.FormAction._temporary_tracker), so the action before
that one says whether the message answers the open question."""

from __future__ import annotations

import pytest
from rasa_sdk import Tracker

from actions.common import answer_message


def _validator_tracker(before: str, form: str = "manage_form", active: bool = True) -> Tracker:
    events = [
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": "K7Q4MD", "parse_data": {}},
    ]
    if before != "action_listen":
        events.append({"event": "action", "name": before})
    events += [
        {"event": "slot", "name": "requested_slot", "value": "booking_code"},
        {"event": "action", "name": form},
    ]
    return Tracker(
        sender_id="t",
        slots={"requested_slot": "booking_code"},
        latest_message={"text": "K7Q4MD", "intent": {"name": "describe_pain"}},
        events=events,
        paused=False,
        followup_action=None,
        active_loop={"name": form} if active else {},
        latest_action_name=form,
    )


def test_the_message_right_before_the_form_is_its_answer():
    assert answer_message(_validator_tracker("action_listen"))["text"] == "K7Q4MD"


@pytest.mark.parametrize("before", ["action_answer_faq", "utter_default", "action_manage_booking"])
def test_a_form_re_entered_after_another_action_reads_nothing(before):
    assert answer_message(_validator_tracker(before)) == {}


def _events(*steps: tuple) -> list[dict]:
    return [dict(zip(("event", "name"), step, strict=False)) for step in steps]


def _tracker(events: list[dict], form: str = "intake_form") -> Tracker:
    text = "my right knee, about 4 months"
    return Tracker(
        sender_id="t",
        slots={"requested_slot": None},
        latest_message={"text": text, "intent": {"name": "describe_pain"}},
        events=[*events, {"event": "slot", "name": "requested_slot", "value": None},
                {"event": "action", "name": form}],
        paused=False,
        followup_action=None,
        active_loop={"name": form},  # Rasa applies the ActiveLoop before the validator runs
        latest_action_name=form,
    )


def test_a_first_message_about_pain_is_read_after_the_short_introduction():
    started = _events(("action", "action_listen"), ("user",), ("action", "action_greet"),
                      ("bot",), ("active_loop", "intake_form"))
    assert answer_message(_tracker(started))["text"].startswith("my right knee")


def test_a_greeting_during_the_form_or_a_form_re_entered_by_an_action_reads_nothing():
    greeted = _events(("action", "action_listen"), ("user",),
                      ("action_execution_rejected", "intake_form"), ("action", "action_greet"),
                      ("bot",))
    assert answer_message(_tracker(greeted)) == {}
    resumed = _events(("action", "action_listen"), ("user",), ("action", "action_cancel_booking"),
                      ("bot",), ("active_loop", "intake_form"))
    assert answer_message(_tracker(resumed)) == {}
