"""The NLU guards after the classifier (components.warning_signs, components.safety), in the
order config.yml runs them: crisis words always win; DIET's guess of a crisis does not, when the
message describes physical symptoms ("yes, I've had dizziness and double vision" at the neck
question got the crisis check, and the answer was lost: front-desk newcomer test)."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.dialogue import CRISIS_CHECK_INTENT, CRISIS_INTENT, WARNING_SIGN_INTENT
from components.safety import CrisisLanguageGuard
from components.warning_signs import WarningSignGuard


def _guarded(text: str, intent: str, second: str = "affirm") -> str:
    ranking = [{"name": intent, "confidence": 0.8}, {"name": second, "confidence": 0.1}]
    message = Message(data={TEXT: text, INTENT: ranking[0]})
    message.set(INTENT_RANKING_KEY, ranking)
    WarningSignGuard().process([message])
    CrisisLanguageGuard().process([message])
    return message.get(INTENT)["name"]


@pytest.mark.parametrize(
    "text",
    ["yes, I've had dizziness and double vision", "I've had some double vision",
     "yes my calf is swollen and hot"],
)  # fmt: skip
def test_a_warning_sign_read_as_a_crisis_by_the_classifier_goes_to_the_screen(text):
    assert _guarded(text, CRISIS_INTENT) == WARNING_SIGN_INTENT


def test_other_symptoms_read_as_a_crisis_by_the_classifier_keep_the_next_reading():
    assert _guarded("yes it's constant", CRISIS_INTENT, "affirm") == "affirm"


@pytest.mark.parametrize(
    "text",
    ["my chest hurts and I want to die", "I want to kill myself", "my back hurts and honestly "
     "I want to end it all"],
)  # fmt: skip
def test_crisis_words_win_over_any_symptom(text):
    assert _guarded(text, CRISIS_INTENT) == CRISIS_INTENT
    assert _guarded(text, "describe_pain") == CRISIS_INTENT


def test_a_classifier_crisis_reading_without_symptoms_still_gets_the_check():
    assert _guarded("I've got some pain I'd like help with", CRISIS_INTENT) == CRISIS_CHECK_INTENT


@pytest.mark.parametrize(
    ("text", "second"),
    [("like 7ish", "describe_pain"), ("idk like 7ish?", "describe_pain"),
     ("I really don't know", "deny"), ("not sure", "deny")],
)  # fmt: skip
def test_a_score_or_not_sure_read_as_a_crisis_by_the_classifier_keeps_the_next_reading(
    text, second
):
    """Patient newcomer test: "idk like 7ish?" at the score question got the crisis check, and
    after a retraining "I really don't know" at a safety question did too."""
    assert _guarded(text, CRISIS_INTENT, second) == second


@pytest.mark.parametrize("text", ["I don't know, I just want to die", "not sure I can go on"])
def test_crisis_words_with_not_sure_still_win(text):
    assert _guarded(text, CRISIS_INTENT, "deny") in (CRISIS_INTENT, CRISIS_CHECK_INTENT)
