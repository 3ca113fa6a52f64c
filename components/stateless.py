"""A base for our rule-based NLU components: nothing to train, nothing to configure."""

from __future__ import annotations

from typing import Any, Collection, Dict

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message


class StatelessComponent(GraphComponent):
    """`create` builds the component with no arguments; subclasses implement `process`."""

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> GraphComponent:
        return cls()


def set_intent(
    message: Message, name: str, confidence: float = 1.0, drop: Collection[str] = ()
) -> None:
    """Make `name` the message's intent, first in its ranking at `confidence` (0-1).

    The classifier's other readings follow in their order, without `name` and the intents in
    `drop` (the reading being replaced, where it should not come back as the runner-up).
    """
    chosen = {"name": name, "confidence": confidence}
    ranking = [
        r
        for r in (message.get(INTENT_RANKING_KEY) or [])
        if r.get("name") != name and r.get("name") not in drop
    ]
    message.set(INTENT, chosen, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [chosen, *ranking], add_to_output=True)
