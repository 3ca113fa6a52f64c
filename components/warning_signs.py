"""NLU component: a message that mentions a warning sign classifies as `report_warning_sign`.

The screen must hear a symptom wherever it is said (the first message, a correction, the
booking step), so this is a rule after the classifier, not a classifier guess: the rules then
reopen the screen (data/rules/warning_signs.yml) and the intake form reads the message. Crisis
language still wins: the crisis guard runs after this one. A crisis reading by the classifier
alone is not: "yes, I've had dizziness and double vision" at the neck question got the crisis
check, and the answer was lost.
"""

from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.crisis import is_crisis_language
from bot.dialogue import WARNING_SIGN_INTENT
from bot.screening import detect
from components.stateless import StatelessComponent, set_intent


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class WarningSignGuard(StatelessComponent):
    """After the classifier and the fallback: warning signs go to the screen."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str) or text.startswith("/"):
                continue
            if is_crisis_language(text):
                continue  # crisis words are the crisis guard's; DIET's guess alone is not enough
            if detect(text).mentions_warning_sign:
                set_intent(message, WARNING_SIGN_INTENT)
        return messages
