"""NLU component: crisis language always classifies as `express_crisis`, whatever DIET thinks."""

from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.dialogue import CRISIS_INTENT
from bot.triage import is_crisis_language
from components.stateless import StatelessComponent


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class CrisisLanguageGuard(StatelessComponent):
    """A safety net after the classifier: a missed crisis message is not an acceptable error."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if is_crisis_language(message.get(TEXT)):
                intent = {"name": CRISIS_INTENT, "confidence": 1.0}
                ranking = [intent] + [
                    r
                    for r in (message.get(INTENT_RANKING_KEY) or [])
                    if r.get("name") != CRISIS_INTENT
                ]
                message.set(INTENT, intent, add_to_output=True)
                message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages
