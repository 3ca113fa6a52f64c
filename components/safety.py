"""NLU component: the last word on crisis readings, by rule (`bot.crisis`).

Crisis language always classifies as `express_crisis`, whatever DIET thinks. A crisis reading
that DIET made alone, or hopelessness without crisis words, becomes `possible_crisis`: the
dialogue asks one direct check instead of declaring a crisis ("I've got some pain I'd like help
with" once read as a crisis and trapped the patient).
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.crisis import crisis_reading
from bot.dialogue import CRISIS_CHECK_INTENT, CRISIS_INTENT, NLU_FALLBACK
from bot.intake.yesno import is_only_unsure
from bot.nlp import parse_pain_score
from bot.symptoms import find_features
from components.stateless import StatelessComponent, set_intent


def _classified_crisis(intent: Dict[str, Any], ranking: List[Dict[str, Any]]) -> bool:
    """DIET's top reading is the crisis, also when the fallback classifier hid it."""
    top = intent.get("name")
    if top == NLU_FALLBACK:
        top = next((r.get("name") for r in ranking if r.get("name") != NLU_FALLBACK), None)
    return top == CRISIS_INTENT


def _drop_crisis(message: Message, ranking: List[Dict[str, Any]]) -> None:
    """The classifier's next reading after the crisis, as the message's intent."""
    rest = [r for r in ranking if r.get("name") not in (CRISIS_INTENT, CRISIS_CHECK_INTENT)]
    if rest:
        message.set(INTENT, rest[0], add_to_output=True)
        message.set(INTENT_RANKING_KEY, rest, add_to_output=True)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class CrisisLanguageGuard(StatelessComponent):
    """A safety net after the classifier: a missed crisis message is not an acceptable error,
    and neither is a patient held in crisis advice on a classifier's guess."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            ranking = message.get(INTENT_RANKING_KEY) or []
            text = message.get(TEXT)
            classified = _classified_crisis(message.get(INTENT) or {}, ranking)
            if classified and (
                find_features(text)
                or parse_pain_score(text or "") is not None
                or is_only_unsure(text)
            ):
                # Physical symptoms or a pain score, and only DIET's guess of a crisis ("yes,
                # I've had dizziness and double vision" at the neck question, "idk like 7ish?"
                # at the score question got the crisis check, and the answer was lost), or only
                # "I really don't know" (at a safety question, after a retraining): the next
                # reading stands; crisis words still count below.
                classified = False
                _drop_crisis(message, ranking)
            reading = crisis_reading(text, classified)
            if reading is None:
                if classified:  # frustration DIET took for a crisis ("at my wits' end")
                    _drop_crisis(message, ranking)
                continue
            name = CRISIS_INTENT if reading == "crisis" else CRISIS_CHECK_INTENT
            set_intent(message, name, drop=(CRISIS_INTENT, CRISIS_CHECK_INTENT))
        return messages
