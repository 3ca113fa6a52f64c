"""NLU component: a typed button title ("yes, cancel it") or a plain yes/no ("yep", "not now")
is read as the click would be (`bot.intake.button_replies`).

Rules such as "cancel confirmed" key on the button payload's intent; the classifier alone took
"yes, cancel it" for another request and the question came back. The titles are read from the
project's `domain.yml` when the component is built, so a new button needs no second list.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.utils.io import read_yaml_file

from bot.dialogue import CRISIS_INTENT, NLU_FALLBACK
from bot.intake.button_replies import (
    AFFIRM,
    DENY,
    ButtonReplies,
    button_pairs,
    has_yes_no_cue,
    is_hesitation,
    normalise,
)
from bot.intake.control_words import is_whole_control_phrase
from bot.intake.yesno import parse_yes_no
from bot.scheduling.preferences import parse_preferences

DOMAIN = Path(__file__).resolve().parents[1] / "domain.yml"
# The parse-data key that names the intent a button reply replaced (for logs and tests).
READ_AS_BUTTON = "button_reply_replaced"
# The parse-data key with the payload of a text button whose title was typed ("Skip please"
# -> "skip"): the forms read it as the click (actions.common).
BUTTON_PAYLOAD = "button_payload"
# A yes or no the classifier guessed from a message with no yes or no in it ("Jo", "hmm").
GUESSED = frozenset({AFFIRM, DENY})
# Other intents stay ranked below the reply, never within the fallback's ambiguity margin.
_OTHERS_AT_MOST = 0.9


# "yes please, next week in the mornings" or "sure, thursday afternoon if possible": a yes that
# already answers the next question (DIET read the second as a greeting). Read as the yes; the
# booking form then reads the time (actions.booking).
_LEADING_YES = re.compile(
    r"^(?:yes|yeah|yep|yup|sure|ok|okay|definitely|absolutely|sounds good|please)"
    r"(?: please| thanks)?\s+(?P<rest>.+)$"
)


_YES_THEN_THANKS = re.compile(
    r"^(?:yes|yeah|yep|yup|yes please|that'?s right|correct)\W+(?:\w+\W+){0,2}(?:thanks?|thank you|"
    r"ty|cheers)\b(?!.*\b(?:but|no|not|wrong)\b)"
)


def yes_with_a_time(text: str) -> str | None:
    """`affirm` for a yes followed by a day or time that suits, else None."""
    match = _LEADING_YES.match(normalise(text))
    if not match:
        return None
    return AFFIRM if parse_preferences(match.group("rest"), dt.date.today()).understood else None


def load_replies(domain_path: Path = DOMAIN) -> ButtonReplies:
    """The button replies of a domain file (only the plain yes/no when there is none)."""
    domain = read_yaml_file(domain_path) if domain_path.is_file() else {}
    return ButtonReplies.from_pairs(button_pairs(domain if isinstance(domain, dict) else {}))


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class ButtonReplyReader(GraphComponent):
    """Runs after DIET and the control-word guard, before the fallback and the crisis guard:
    crisis language still wins, and a whole control phrase ("no more") stays a control."""

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> ButtonReplyReader:
        return cls(load_replies())

    def __init__(self, replies: ButtonReplies) -> None:
        self._replies = replies

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            current = (message.get(INTENT) or {}).get("name")
            if not isinstance(text, str) or text.startswith("/") or current == CRISIS_INTENT:
                continue
            payload = self._replies.payload_for(text)
            if payload and not payload.startswith("/"):
                message.set(BUTTON_PAYLOAD, payload, add_to_output=True)
            intent = self._replies.intent_for(text) or yes_with_a_time(text)
            if intent is None and current == DENY and parse_yes_no(text) is False:
                # "no god no, I just mean it hurts" at the crisis check: DIET's no (0.48) fell
                # under the fallback's threshold, and the unclear answer got the crisis lines
                # (patient newcomer test). A no in plain words that DIET also reads stands.
                intent = DENY
            if intent is None and current == "thank" and _YES_THEN_THANKS.match(normalise(text)):
                # "yes thank you dear" at the read-back got "You're welcome" and the question
                # again (patient newcomer test): the yes comes first.
                intent = AFFIRM
            if intent is None and (
                is_hesitation(text) or (current in GUESSED and not has_yes_no_cue(text))
            ):
                intent = NLU_FALLBACK
            if intent is None or is_whole_control_phrase(text):
                continue
            reply = {"name": intent, "confidence": 1.0}
            ranking = [reply] + [
                {**r, "confidence": min(float(r.get("confidence") or 0.0), _OTHERS_AT_MOST)}
                for r in (message.get(INTENT_RANKING_KEY) or [])
                if r.get("name") != intent
            ]
            message.set(INTENT, reply, add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
            if current != intent:
                message.set(READ_AS_BUTTON, current, add_to_output=True)
        return messages
