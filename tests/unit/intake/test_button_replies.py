"""Every button in domain.yml, typed instead of clicked, reads as the click (issue 13, item 6).

The cases are generated from the domain: each response with buttons, each button's title typed
with other case, punctuation, emoji and polite padding, gives the payload's intent (or, for a
text payload, the payload itself); the usual yes/no variants answer every yes/no question.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.intake.button_replies import (
    ButtonReplies,
    button_pairs,
    is_asking_to_wait,
    payload_intent,
)
from bot.intake.form import Turn, fill_intake_slots
from bot.triage import CHRONIC_WEEKS
from components.button_replies import BUTTON_PAYLOAD, ButtonReplyReader, load_replies

ROOT = Path(__file__).resolve().parents[3]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text())
REPLIES = ButtonReplies.from_pairs(button_pairs(DOMAIN))
SLOT_VALUES = {"chronic_weeks": f"{CHRONIC_WEEKS:g}"}


def _buttons() -> list[tuple[str, str, str]]:
    """(response, title as the patient sees it, payload) for every button in the domain."""
    found = []
    for name, variants in DOMAIN["responses"].items():
        for variant in variants:
            for button in variant.get("buttons") or []:
                title = button["title"].format(**SLOT_VALUES)
                found.append((name, title, button["payload"]))
    return found


def typed(title: str) -> list[str]:
    """How people type a button's title instead of clicking it."""
    return [
        title,
        title.lower(),
        title.upper(),
        f"{title}!",
        f"  {title}.  ",
        f"{title} please",
        f"ok, {title}",
        f"{title}, thanks",
        f"{title} 👍",
        title.replace("'", "\u2019"),
        title.replace(",", ""),
    ]


BUTTONS = _buttons()
CASES = [(name, title, payload, text) for name, title, payload in BUTTONS for text in typed(title)]
YES_VARIANTS = ["yes", "Yes please", "yeah", "yep", "YES!", "sure", "ok", "of course", "yes 👍"]
NO_VARIANTS = ["no", "No thanks", "nope", "nah", "NO.", "not now", "no thank you", "not really"]


def test_the_domain_has_buttons_of_both_kinds():
    assert any(payload.startswith("/") for _, _, payload in BUTTONS)
    assert any(not payload.startswith("/") for _, _, payload in BUTTONS)
    assert ("utter_confirm_cancel", "Yes, cancel it", "/affirm") in BUTTONS


@pytest.mark.parametrize(("response", "title", "payload", "text"), CASES)
def test_a_typed_title_reads_as_its_button(response, title, payload, text):
    intent = payload_intent(payload)
    if intent:
        assert REPLIES.intent_for(text) == intent
    else:
        assert REPLIES.payload_for(text) == payload


@pytest.mark.parametrize("text", YES_VARIANTS)
def test_the_usual_yes_variants_are_a_yes(text):
    assert REPLIES.intent_for(text) == "affirm"


@pytest.mark.parametrize("text", NO_VARIANTS)
def test_the_usual_no_variants_are_a_no(text):
    assert REPLIES.intent_for(text) == "deny"


@pytest.mark.parametrize(
    "text",
    [
        "no, it's my left knee",  # a correction: the classifier reads it
        "yes cancel my appointment",
        "right",  # a side as much as a yes
        "none",  # "none of these" at the offered times
        "I want to cancel",
        "my knee hurts",
    ],
)
def test_more_than_a_title_or_a_yes_no_is_left_to_the_classifier(text):
    assert REPLIES.intent_for(text) is None


def _parse(text: str, intent: str, confidence: float = 0.6) -> Message:
    message = Message(data={TEXT: text, INTENT: {"name": intent, "confidence": confidence}})
    message.set("intent_ranking", [{"name": intent, "confidence": confidence}])
    ButtonReplyReader(load_replies()).process([message])
    return message


def test_the_component_sets_the_buttons_intent_sure_and_ranked_first():
    message = _parse("yes, cancel it", "stop", 0.93)
    assert message.get(INTENT) == {"name": "affirm", "confidence": 1.0}
    ranking = message.get("intent_ranking")
    assert ranking[0]["name"] == "affirm" and ranking[1]["confidence"] <= 0.9


@pytest.mark.parametrize(
    ("text", "intent"),
    [("no more", "stop"), ("no, stop", "stop"), ("yes", "express_crisis")],
)
def test_control_phrases_and_crisis_readings_are_never_turned_into_a_yes_or_no(text, intent):
    assert _parse(text, intent, 0.95).get(INTENT)["name"] == intent


def test_a_typed_text_button_names_its_payload_for_the_form():
    assert _parse("Skip please", "out_of_scope").get(BUTTON_PAYLOAD) == "skip"
    assert _parse("LEFT!", "describe_pain").get(BUTTON_PAYLOAD) == "left"
    assert _parse("my left knee", "describe_pain").get(BUTTON_PAYLOAD) is None


@pytest.mark.parametrize(
    ("title", "payload"),
    [(t, p) for name, t, p in BUTTONS if name == "utter_ask_pain_side"],
)
def test_typed_side_buttons_answer_the_side_question_as_the_click(title, payload):
    slots = {"pain_locations": [{"region": "knee", "side": None}], "side_question_region": "knee"}
    clicked = fill_intake_slots(Turn(payload, "describe_pain", 0.9), "pain_side", slots)
    for text in typed(title):
        read = REPLIES.payload_for(text) or text
        # Whatever the classifier made of it, the form reads the side.
        for intent in ("describe_pain", "affirm", "greet", "thank"):
            updates = fill_intake_slots(Turn(read, intent, 0.9), "pain_side", slots)
            assert updates["pain_side"] == clicked["pain_side"], (text, intent)


@pytest.mark.parametrize(
    "text", ["hmm", "Hmm...", "hm", "umm", "Uhh", "erm", "ahh", "eh?", "uh um", "well", "mmm"]
)
@pytest.mark.parametrize("classified", ["affirm", "deny", "greet", "describe_pain"])
def test_a_hesitation_answers_nothing_it_is_the_fallback(text, classified):
    """DIET read "hmm" as a yes (0.40) at the read-back, and the intake was confirmed."""
    assert _parse(text, classified, 0.9).get(INTENT) == {"name": "nlu_fallback", "confidence": 1.0}


@pytest.mark.parametrize("text", ["mhm", "uh huh", "mm hmm", "sure why not", "go for it"])
def test_yes_said_sideways_is_a_yes(text):
    """The classifier read "sure why not" as a no (0.99) and "go for it" as goodbye."""
    assert _parse(text, "deny", 0.99).get(INTENT) == {"name": "affirm", "confidence": 1.0}


@pytest.mark.parametrize("text", ["Jo", "Sam Lee", "Priya", "blue", "Tuesday"])
@pytest.mark.parametrize("classified", ["affirm", "deny"])
def test_a_yes_or_no_guessed_from_words_with_none_in_them_is_the_fallback(text, classified):
    """"Jo" at the offer to book was read as a no (0.63): the offer was declined."""
    assert _parse(text, classified, 0.7).get(INTENT)["name"] == "nlu_fallback"


def _training_examples(intent: str) -> list[str]:
    examples = []
    for path in (ROOT / "data/nlu").glob("*.yml"):
        for item in yaml.safe_load(path.read_text()).get("nlu") or []:
            if item.get("intent") == intent:
                examples += [line[2:].strip() for line in item["examples"].splitlines() if line]
    return examples


@pytest.mark.parametrize("intent", ["affirm", "deny"])
def test_every_trained_yes_and_no_keeps_the_classifiers_reading(intent):
    examples = _training_examples(intent)
    assert len(examples) > 30
    kept = [e for e in examples if _parse(e, intent, 0.7).get(INTENT)["name"] == intent]
    assert kept == examples


@pytest.mark.parametrize(
    "text",
    ["hmm let me check", "Hold on!", "one sec", "give me a minute", "let me look it up",
     "ok let me find it", "let me check my email", "hang on please", "just a moment",
     "hold on, one sec", "wait let me look", "let me check my calendar"],
)  # fmt: skip
@pytest.mark.parametrize("classified", ["check_booking", "affirm", "greet", "faq"])
def test_asking_for_a_moment_answers_nothing_it_is_the_fallback(text, classified):
    """"hmm let me check" at the booking-code question got the general fallback (issue 13);
    it answers no question, and the lookup form gives time to look."""
    assert is_asking_to_wait(text)
    assert _parse(text, classified, 0.9).get(INTENT) == {"name": "nlu_fallback", "confidence": 1.0}


@pytest.mark.parametrize(
    "text", ["I want to check my booking", "let me know the hours", "wait, it's my left knee",
             "K7Q-4MD", "can you check my appointment", "hold on to the booking please"]
)  # fmt: skip
def test_a_request_or_an_answer_is_not_asking_for_a_moment(text):
    assert not is_asking_to_wait(text)


@pytest.mark.parametrize("text", ["hmm yes", "umm no", "uh, my knee", "well it hurts", "ok"])
def test_a_hesitation_with_words_after_it_is_not_one(text):
    assert _parse(text, "describe_pain").get(INTENT)["name"] != "nlu_fallback"


@pytest.mark.parametrize("text", ["yes thank you dear", "Yes, thanks so much!", "yeah thanks"])
def test_a_yes_then_thanks_is_the_yes(text):
    """Patient newcomer test: "yes thank you dear" at the read-back was read as thanks, got
    "You're welcome" and the question again."""
    assert _parse(text, "thank", 0.51).get(INTENT)["name"] == "affirm"


@pytest.mark.parametrize("text", ["thanks", "thank you dear", "yes thanks but the knee is wrong"])
def test_thanks_alone_or_with_a_but_stays_thanks(text):
    assert _parse(text, "thank", 0.9).get(INTENT)["name"] == "thank"
