"""NLU component: a control intent (stop, start over, a person) stands only for a real control
request; "Ann Stopwell" becomes an answer (`bot.intake.control_words`). A message that is only a
booking code is an answer too, whatever the classifier made of it."""

from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.clinic_questions import could_be_clinic_question
from bot.dialogue import CRISIS_INTENT, WARNING_SIGN_INTENT
from bot.intake.control_words import ANSWER_INTENT, keeps_control_intent, says_start_over
from bot.scheduling.contact import normalize_code
from components.stateless import StatelessComponent, set_intent

# The parse-data key that says which control intent was lowered (for logs and tests).
LOWERED_FROM = "control_word_lowered"
# ... and which intent a whole start-over phrase was raised from.
RAISED_FROM = "control_word_raised"
START_OVER_INTENT = "start_over"
# A whole start-over phrase is as sure as a button: above the fallback threshold, and the
# classifier's reading leaves the ranking (within FallbackClassifier's ambiguity threshold of
# it, "restart" read as stop at 0.93 became nlu_fallback: review).
SURE_OF_PHRASE = 0.95


# A message that is only a booking code ("9JT-VPF") is an answer: the classifier gives random
# codes random intents (a clinic question's answer came back at "cancel this one?": e2e test).
_CODE_DIGRESSIONS = frozenset(
    {"faq", "out_of_scope", "nlu_fallback", "choose_slot", "none_of_these", "goodbye", "thank",
     "greet", "stop", "start_over", "request_human"}
)  # fmt: skip


def _bare_code(text: str, intent: str | None) -> bool:
    """A booking code alone, or a clinic question's reading of words that can be none
    (`bot.clinic_questions.could_be_clinic_question`): an answer."""
    if intent == "faq" and not could_be_clinic_question(text):
        return True
    # "thanks" and "cheers" have a code's shape: a code has a hyphen or a digit (review)
    coded = "-" in text or any(c.isdigit() for c in text)
    return intent in _CODE_DIGRESSIONS and coded and normalize_code(text) is not None


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class ControlWordGuard(StatelessComponent):
    """Runs after DIET. Rules map control intents to their actions even inside a form, before
    the form's validation sees the message, so the decision has to be made here."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            name, confidence = intent.get("name"), float(intent.get("confidence") or 0.0)
            text = message.get(TEXT) or ""
            if name not in (CRISIS_INTENT, WARNING_SIGN_INTENT) and says_start_over(text) and (
                name != START_OVER_INTENT or confidence < SURE_OF_PHRASE
            ):  # a start over the classifier was unsure of stays one: "clear chat" at 0.3 fell back
                sure = max(confidence, SURE_OF_PHRASE)
                set_intent(message, START_OVER_INTENT, sure, drop=(name,))
                message.set(RAISED_FROM, name, add_to_output=True)
                continue
            if keeps_control_intent(text, name, confidence) and not _bare_code(text, name):
                continue
            # The classifier's confidence carries over, so the fallback threshold acts as before.
            set_intent(message, ANSWER_INTENT, confidence, drop=(name,))
            message.set(LOWERED_FROM, name, add_to_output=True)
        return messages

