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
from rasa.shared.core.events import Event

_resolve_by_walking = Event.resolve_by_type
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


def install() -> None:
    """Replace `RemoteAction._validate_action_result` and `Event.resolve_by_type` (idempotent)."""
    RemoteAction._validate_action_result = _validate_action_result  # type: ignore[method-assign]
    Event.resolve_by_type = staticmethod(resolve_event_type)  # type: ignore[method-assign]
