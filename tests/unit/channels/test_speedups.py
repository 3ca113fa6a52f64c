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


@pytest.fixture(scope="module")
def story_trackers():
    """A tracker at every action of every story and rule of the assistant (data/)."""
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted
    from rasa.shared.core.generator import TrainingDataGenerator
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.shared.importers.importer import TrainingDataImporter

    importer = TrainingDataImporter.load_from_config(
        "config.yml", "domain.yml", training_data_paths=["data"]
    )
    domain = Domain.load("domain.yml")
    graph = importer.get_stories()
    generated = TrainingDataGenerator(graph, domain, augmentation_factor=0).generate()
    trackers = []
    for tracker in generated:
        events = list(tracker.events)
        trackers += [
            DialogueStateTracker.from_events(tracker.sender_id, events[: i + 1], domain.slots)
            for i, event in enumerate(events) if isinstance(event, ActionExecuted)
        ]
    return domain, trackers


RULE_ONLY = {"rule_only_slots": ["dialogue_stage", "red_flag_advice"],
             "rule_only_loops": ["contact_form"]}


@pytest.mark.parametrize("kwargs", [
    {}, {"omit_unset_slots": True},
    {"ignore_rule_only_turns": True, "rule_only_data": RULE_ONLY},
    {"ignore_rule_only_turns": False, "rule_only_data": RULE_ONLY},
    {"ignore_rule_only_turns": True, "rule_only_data": None},
])
def test_the_kept_replay_gives_rasas_own_states(story_trackers, kwargs):
    """`states_for_tracker_history` kept per tracker gives what Rasa's own gives, on every
    story and rule, called once or again with other arguments, and changing a state a call
    returned changes no later call's (Rasa's featurizers change them in place)."""
    from channels.speedups import _rasas_states_for_tracker_history as rasas
    from channels.speedups import states_for_tracker_history

    domain, trackers = story_trackers
    assert len(trackers) > 200
    for tracker in trackers:
        expected = rasas(domain, tracker, **kwargs)
        first = states_for_tracker_history(domain, tracker, **kwargs)
        assert first == expected
        for state in first:
            state.get("user", {}).pop("text", None)
            state.get("slots", {}).clear()
        assert states_for_tracker_history(domain, tracker, **kwargs) == expected
        assert states_for_tracker_history(domain, tracker, omit_unset_slots=True) == rasas(
            domain, tracker, omit_unset_slots=True)
