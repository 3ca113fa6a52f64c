"""Work Rasa 3.6 repeats on every message, done once (issue 15: profile first).

py-spy on the Rasa server during generated conversations (benchmarks/RESULTS.md, "Where a
message's time goes") put 30 % of its CPU in `RemoteAction._validate_action_result`: it calls
`jsonschema.validate(result, schema)`, which checks the constant response schema against the
JSON Schema 2020-12 meta-schema before every validation (jsonschema 4.17 does so on each call).
Here the validator is built, and the schema checked, once; each action server response is still
validated against the same schema, with the same error.

With that gone, reading a conversation back from the tracker store came next: each stored event
finds its class by walking every subclass of `Event` (`Event.resolve_by_type`, 6 % of the CPU).
Here a name found once is remembered; a name never seen is looked up as before.

Then the policies: each prediction turns the conversation's whole history into dialogue states
three times (MemoizationPolicy and TEDPolicy without the rule-only turns, RulePolicy with them),
each time replaying every event onto a fresh tracker (`Domain.states_for_tracker_history`,
about 30 % of a prediction, growing with the conversation). Here the replay is done once per
tracker and length of history, and each policy's states are derived from it as Rasa derives
them (`states_for_tracker_history` below; tests/unit/channels/test_speedups.py compares them with
Rasa's on every story and rule of the assistant).

`install()` runs when the Rasa server imports this package (channels/__init__.py), before any
message.
"""

from __future__ import annotations

import functools
from typing import Any

from jsonschema import ValidationError
from jsonschema.protocols import Validator
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core import constants as core
from rasa.shared.core.domain import Domain, State
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker

_resolve_by_walking = Event.resolve_by_type
_rasas_states_for_tracker_history = Domain.states_for_tracker_history
_EVENT_CLASSES: dict[str, type[Event]] = {}


@functools.lru_cache(maxsize=1)
def action_response_validator() -> Validator:
    """The validator of Rasa's action server response schema, its schema checked once."""
    schema = RemoteAction.action_response_format_spec()
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    # Rasa's own method (rasa/core/actions/action.py), with the validator built once.
    try:
        action_response_validator().validate(result)
        return True
    except ValidationError as e:
        e.message += (
            ". Failed to validate Action server response from API, "
            "make sure your response from the Action endpoint is valid. "
            "For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise e


def resolve_event_type(
    type_name: str, default: type[Event] | None = None
) -> type[Event] | None:
    """`Event.resolve_by_type`, remembering each name found (same results, same errors)."""
    known = _EVENT_CLASSES.get(type_name)
    if known is not None:
        return known
    found = _resolve_by_walking(type_name, default)
    if found is not None and getattr(found, "type_name", None) == type_name:
        _EVENT_CLASSES[type_name] = found
    return found


# What one step of the replay gives every policy: the tracker's state before an action, whether
# the action's turn is hidden from ML policies, the action before it, and whether a follow-up
# action or the active loop's own action stops the hidden flag from changing.
_Step = tuple[State, bool, Any, bool]
_REPLAY = "_pt_intake_replay"  # the attribute the replay is kept in, on the tracker itself


def _replay(domain: Domain, tracker: DialogueStateTracker, omit_unset_slots: bool) -> list[_Step]:
    events = tracker.events
    key = (id(domain), len(events), id(events[-1]) if events else None, omit_unset_slots)
    kept = tracker.__dict__.get(_REPLAY)
    if kept is not None and kept[0] == key:
        return kept[1]
    steps: list[_Step] = []
    for tr, hide_rule_turn in tracker.generate_all_prior_trackers():
        keeps_flag = bool(tr.followup_action) or tr.latest_action_name == tr.active_loop_name
        steps.append((
            domain.get_active_state(tr, omit_unset_slots=omit_unset_slots),
            hide_rule_turn,
            domain._get_prev_action_sub_state(tr),
            keeps_flag,
        ))
    tracker.__dict__[_REPLAY] = (key, steps)
    return steps


def _copy(state: State) -> State:
    """A state its sub-states can be changed in (Rasa's callers change them in place)."""
    return {name: dict(sub) for name, sub in state.items()}  # type: ignore[misc]


def states_for_tracker_history(
    self: Domain,
    tracker: DialogueStateTracker,
    omit_unset_slots: bool = False,
    ignore_rule_only_turns: bool = False,
    rule_only_data: dict[str, Any] | None = None,
) -> list[State]:
    """`Domain.states_for_tracker_history` (rasa/shared/core/domain.py, Rasa 3.6.21), its loop
    as it is, over the replay of `tracker` kept from the last call with the same history."""
    states: list[State] = []
    last_ml_action_sub_state = None
    turn_was_hidden = False
    for active_state, hide_rule_turn, prev_action, keeps_flag in _replay(
        self, tracker, omit_unset_slots
    ):
        if ignore_rule_only_turns:
            if not turn_was_hidden:
                last_ml_action_sub_state = prev_action
            if not keeps_flag:
                turn_was_hidden = hide_rule_turn
            if turn_was_hidden:
                continue
        state = _copy(active_state)
        if ignore_rule_only_turns:
            self._remove_rule_only_features(state, rule_only_data)
            if states:
                self._substitute_rule_only_user_input(state, states[-1])
            if last_ml_action_sub_state:
                state[core.PREVIOUS_ACTION] = dict(last_ml_action_sub_state)
        states.append(self._clean_state(state))
    return states


def install() -> None:
    """Replace `RemoteAction._validate_action_result`, `Event.resolve_by_type` and
    `Domain.states_for_tracker_history` (idempotent)."""
    RemoteAction._validate_action_result = _validate_action_result  # type: ignore[method-assign]
    Event.resolve_by_type = staticmethod(resolve_event_type)  # type: ignore[method-assign]
    Domain.states_for_tracker_history = states_for_tracker_history  # type: ignore[method-assign]
