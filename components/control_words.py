"""NLU component: a control intent (stop, start over, a person) stands only for a real control
request; "Ann Stopwell" becomes an answer (`bot.intake.control_words`)."""

from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.intake.control_words import ANSWER_INTENT, keeps_control_intent
from components.stateless import StatelessComponent

# The parse-data key that says which control intent was lowered (for logs and tests).
LOWERED_FROM = "control_word_lowered"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class ControlWordGuard(StatelessComponent):
    """Runs after DIET. Rules map control intents to their actions even inside a form, before
    the form's validation sees the message, so the decision has to be made here."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            name, confidence = intent.get("name"), float(intent.get("confidence") or 0.0)
            if keeps_control_intent(message.get(TEXT) or "", name, confidence):
                continue
            # The classifier's confidence carries over, so the fallback threshold acts as before.
            answer = {"name": ANSWER_INTENT, "confidence": confidence}
            ranking = [answer] + [
                r
                for r in (message.get(INTENT_RANKING_KEY) or [])
                if r.get("name") not in (ANSWER_INTENT, name)
            ]
            message.set(INTENT, answer, add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
            message.set(LOWERED_FROM, name, add_to_output=True)
        return messages
