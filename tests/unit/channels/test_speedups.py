"""channels.speedups: the action server's responses are validated as Rasa does, with the
validator built once (issue 15: 30 % of the Rasa server's CPU re-checked a constant schema)."""

from __future__ import annotations

import jsonschema
import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

import channels  # noqa: F401 (installs the speedups, as the Rasa server's import does)
from channels.speedups import action_response_validator

GOOD = [
    {"events": [], "responses": []},
    {"events": [{"event": "slot", "name": "x", "value": 1}], "responses": [{"text": "hi"}]},
    {},
]
BAD = [
    {"events": "not a list"},
    {"events": [{"no_event_key": 1}]},
    {"events": None},
]


def _action() -> RemoteAction:
    return RemoteAction("action_x", None)


@pytest.mark.parametrize("result", GOOD)
def test_a_valid_response_passes_as_it_does_in_rasa(result):
    jsonschema.validate(result, RemoteAction.action_response_format_spec())  # Rasa's own check
    assert _action()._validate_action_result(result) is True


@pytest.mark.parametrize("result", BAD)
def test_an_invalid_response_is_refused_as_it_is_in_rasa(result):
    with pytest.raises(ValidationError):
        jsonschema.validate(result, RemoteAction.action_response_format_spec())
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        _action()._validate_action_result(result)


def test_the_validator_is_built_once():
    assert action_response_validator() is action_response_validator()


def test_events_read_back_resolve_to_the_same_classes_and_errors():
    from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered

    from channels.speedups import _resolve_by_walking

    for cls in (ActionExecuted, SlotSet, UserUttered):
        assert Event.resolve_by_type(cls.type_name) is cls is _resolve_by_walking(cls.type_name)
        assert Event.resolve_by_type(cls.type_name) is cls  # remembered
    assert Event.resolve_by_type("topic") is None
    assert Event.resolve_by_type("no_such_event", SlotSet) is SlotSet
    with pytest.raises(ValueError, match="Unknown event name"):
        Event.resolve_by_type("no_such_event")
    event = Event.from_parameters({"event": "slot", "name": "a", "value": 1})
    assert event == SlotSet("a", 1)
