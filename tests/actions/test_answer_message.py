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
