"""NLU component: a message that gives a booking code is a look-up (`check_booking`), whatever
the classifier made of it: "64S-X2C" read as `nlu_fallback`, "my code is GR6-G7Z" as
`describe_pain` (pass L: a code sent after "no code" got the fallback; as a first message, the
pain questions). "cancel my appointment GR6-G7Z" keeps its own intent; the look-up reads the code
from the message (`actions.manage.ActionStartManage`).

It runs after the fallback classifier and the pain-talk guard, so it can replace `nlu_fallback`
and `describe_pain`, and before the warning-sign and crisis guards, which still win. A request to
book or a chosen time keeps its intent.
"""

from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.scheduling.contact import code_in_message
from components.stateless import StatelessComponent, set_intent

CHECK_BOOKING = "check_booking"
# Intents that already ask about a booking, or to book one: kept as they are.
_ABOUT_A_BOOKING = frozenset(
    {"check_booking", "cancel_booking", "reschedule_booking", "request_booking", "choose_slot"}
)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class BookingCodeReader(StatelessComponent):
    """Sets `check_booking` for a message that gives a booking code (`code_in_message`)."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str) or text.startswith("/"):
                continue
            intent = (message.get(INTENT) or {}).get("name")
            if intent in _ABOUT_A_BOOKING or code_in_message(text) is None:
                continue
            set_intent(message, CHECK_BOOKING)
        return messages
