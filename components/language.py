"""NLU component: a message in another language (`bot.language`) is read as `out_of_scope`, with
its language in the parse data, so every stage answers it with the language notice and the
offer of a call (`actions.control.ActionOutOfScope`) and then asks its question again.

It runs after the pain extractor and before the warning-sign and crisis guards: a message with
pain details the extractor could read ("my rigth knee") is left alone, and crisis language in
English still wins.
"""

from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.contact import NAME_PREFIX
from bot.language import other_language
from components.pain_extractor import PAIN_EXTRACTION
from components.stateless import StatelessComponent, set_intent

OUT_OF_SCOPE = "out_of_scope"
# The parse-data key with the language of a message the assistant can't read (ISO 639-1).
MESSAGE_LANGUAGE = "message_language"
_NAME_WORDS = 4  # "Ana María Pérez": up to four capitalised words may be a name


def _read_pain_details(message: Message) -> bool:
    found = message.get(PAIN_EXTRACTION) or {}
    return bool(found.get("locations") or found.get("activities") or found.get("duration_weeks"))


def _looks_like_a_name(text: str) -> bool:
    """"Ana María Pérez", "李小龙" or "محمد علي" at the name question is a name, in any script."""
    words = NAME_PREFIX.sub("", text).split()  # "me llamo José Pérez" at the name question
    if not words or len(words) <= _NAME_WORDS and all(w[:1].isupper() for w in words):
        return True
    if len(words) == 1:
        return len(text) <= 4  # a name in a script without spaces
    return len(words) <= 2


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class OtherLanguageGuard(StatelessComponent):
    """Sets `out_of_scope` and `message_language` for a message clearly not in English."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str) or text.startswith("/") or _read_pain_details(message):
                continue
            if _looks_like_a_name(text.strip()):
                continue
            language = other_language(text)
            if language is None:
                continue
            ranking = [
                {**r, "confidence": min(float(r.get("confidence") or 0.0), 0.9)}
                for r in (message.get(INTENT_RANKING_KEY) or [])
            ]
            message.set(INTENT_RANKING_KEY, ranking)
            set_intent(message, OUT_OF_SCOPE)
            message.set(MESSAGE_LANGUAGE, language, add_to_output=True)
        return messages
