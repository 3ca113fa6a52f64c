"""Control words count as whole messages or sure whole words, never inside a name."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.intake.control_words import (
    ANSWER_INTENT,
    answers_free_text_question,
    is_whole_control_phrase,
    keeps_control_intent,
)
from components.control_words import LOWERED_FROM, ControlWordGuard

NAMES = [
    ("Ann Stopwell", "stop"),
    ("Stopford", "stop"),
    ("Cancellara", "stop"),
    ("Endicott", "stop"),
    ("my name is Dana Endicott", "stop"),
    ("Quitman", "stop"),
    ("Jo Quitterie", "stop"),
    ("Dana Startover", "start_over"),
    ("Resetar Silva", "start_over"),
    ("Humanes", "request_human"),
    ("Personne Dubois", "request_human"),
]
CONTROLS = [
    ("stop", "stop"),
    ("STOP please", "stop"),
    ("please stop", "stop"),
    ("I want to stop", "stop"),
    ("Stop!", "stop"),
    ("quit", "stop"),
    ("never mind", "stop"),
    ("leave me alone", "stop"),
    ("I don't want to continue", "stop"),
    ("start over", "start_over"),
    ("Can we start over please?", "start_over"),
    ("restart", "start_over"),
    ("cancel that", "stop"),
    ("talk to a person", "request_human"),
    ("I want to talk to a person", "request_human"),
    ("human please", "request_human"),
    # an answer to the offer to start again (review: read as a name, and offered again)
    ("yes, start again", "start_over"),
    ("Yeah please start over", "start_over"),
    ("sure, start from the beginning", "start_over"),
]


@pytest.mark.parametrize("text,intent", NAMES)
@pytest.mark.parametrize("confidence", [0.51, 0.99])
def test_a_name_with_a_control_word_inside_is_an_answer(text, intent, confidence):
    assert not keeps_control_intent(text, intent, confidence)


@pytest.mark.parametrize("text,intent", CONTROLS)
@pytest.mark.parametrize("confidence", [0.4, 0.99])
def test_a_whole_control_phrase_stays_a_control_request(text, intent, confidence):
    assert keeps_control_intent(text, intent, confidence)


@pytest.mark.parametrize("text", ["yes cancel it", "yes stop", "yes, end", "yes human"])
def test_a_yes_before_another_control_word_is_no_whole_control_phrase(text):
    """Only starting again takes a leading yes: "Yes, cancel it" is the cancel question's
    button title, never a stop."""
    assert not is_whole_control_phrase(text)


def test_a_control_word_in_a_longer_message_counts_only_when_the_classifier_is_sure():
    text = "can i talk to someone at the desk about my back"
    assert keeps_control_intent(text, "request_human", 0.93)
    assert not keeps_control_intent(text, "request_human", 0.6)
    assert keeps_control_intent("ok stop it right now, i'm done", "stop", 0.9)


@pytest.mark.parametrize("intent", ["express_crisis", "describe_pain", "greet", None])
def test_other_intents_are_never_changed(intent):
    assert keeps_control_intent("Ann Stopwell", intent, 0.99)


def _message(text: str, intent: str, confidence: float) -> Message:
    message = Message(data={TEXT: text})
    message.set(INTENT, {"name": intent, "confidence": confidence})
    message.set(
        INTENT_RANKING_KEY,
        [
            {"name": intent, "confidence": confidence},
            {"name": "faq", "confidence": 0.03},
            {"name": ANSWER_INTENT, "confidence": 0.02},
        ],
    )
    return message


def test_the_component_lowers_a_name_and_leaves_a_real_stop():
    guard = ControlWordGuard()
    name, stop = guard.process(
        [_message("Ann Stopwell", "stop", 0.97), _message("STOP", "stop", 0.97)]
    )
    assert name.get(INTENT) == {"name": ANSWER_INTENT, "confidence": 0.97}
    assert [r["name"] for r in name.get(INTENT_RANKING_KEY)] == [
        ANSWER_INTENT,
        "faq",
    ]
    assert name.get(LOWERED_FROM) == "stop"
    assert stop.get(INTENT) == {"name": "stop", "confidence": 0.97}
    assert stop.get(LOWERED_FROM) is None


@pytest.mark.parametrize("intent", ["faq", "out_of_scope", "choose_slot", "goodbye", "stop"])
def test_a_bare_booking_code_is_an_answer_whatever_the_classifier_said(intent):
    """The classifier gives random codes random intents: "9JT-VPF" sent again at "cancel your
    appointment on ...?" got the referral answer (e2e test, a freshly trained model)."""
    (code,) = ControlWordGuard().process([_message("9JT-VPF", intent, 0.9)])
    assert code.get(INTENT)["name"] == ANSWER_INTENT
    (said,) = ControlWordGuard().process([_message("do I need a referral?", "faq", 0.9)])
    assert said.get(INTENT)["name"] == "faq"


@pytest.mark.parametrize(
    ("requested", "text", "intent", "answers"),
    [
        ("pain_activities", "I can't stop working", "stop", True),
        ("pain_activities", "stop", "stop", False),  # a whole control phrase still stops
        ("patient_name", "Ann Stopwell", "stop", True),
        ("patient_name", "start over please", "start_over", False),
        ("booking_email", "ann.restart@example.com", "start_over", True),
        ("pain_activities", "I want to kill myself", "express_crisis", False),  # never lowered
        ("pain_score", "I can't stop working", "stop", False),  # not a free-text question
    ],
)
def test_a_control_word_inside_a_free_text_answer_is_the_answer(requested, text, intent, answers):
    assert answers_free_text_question(requested, text, intent) is answers


@pytest.mark.parametrize("text", ["Cancel", "cancel that", "never mind", "quit please"])
def test_a_control_phrase_is_no_name(text):
    from types import SimpleNamespace

    from bot.scheduling.booking_form import looks_like_answer

    svc = SimpleNamespace()  # the name question needs no services
    assert looks_like_answer(svc, "patient_name", text, "cancel_booking") is False
    assert looks_like_answer(svc, "patient_name", "Ann Stopwell", "describe_pain") is True


@pytest.mark.parametrize("text", [
    "i want it all to stop, the pain I mean",
    "please make the aching stop",
    "when will this pain stop?",
    "I just want it to stop hurting",
    "oh never mind, that's right",
    "never mind, it's fine",
])
def test_wanting_the_pain_to_stop_is_not_a_request_to_end_the_chat(text):
    """"i want it all to stop, the pain I mean" ended the chat (newcomer test)."""
    assert not keeps_control_intent(text, "stop", 0.99)


@pytest.mark.parametrize("text", ["stop", "stop texting me", "please stop messaging me",
                                  "it is annoying, stop messaging me about the pain"])
def test_a_request_to_stop_the_chat_still_stops_it(text):
    assert keeps_control_intent(text, "stop", 0.99)


@pytest.mark.parametrize("text", [
    "bye", "thanks, goodbye", "ok ttyl", "Good night!", "gtg, bus is here", "that's all, thanks",
    "I shall sign off now. Kind regards", "have a nice day", "see u tmrw", "k bye, work is calling",
])  # fmt: skip
def test_a_goodbye_with_a_farewell_stays_a_goodbye(text):
    assert keeps_control_intent(text, "goodbye", 0.9)


@pytest.mark.parametrize("text", [
    "I could kill for a good night's sleep", "what I'd give for a good nights sleep",
    "sleeping", "walking the dog, mostly", "my knee", "6",
])  # fmt: skip
def test_a_goodbye_reading_without_a_farewell_is_an_answer(text):
    """A goodbye ends an open form's questions, so a goodbye reading needs a farewell word."""
    assert not keeps_control_intent(text, "goodbye", 0.99)


@pytest.mark.parametrize("text", [
    "I'm at my wits' end with this ankle", "im at my wits end with my back",
    "I'm at the end of my rope with this knee", "it hurts at the end of the day",
    "I end up lying on the floor", "it aches for days on end",
])  # fmt: skip
def test_a_control_word_inside_an_idiom_is_no_request_to_stop(text):
    assert not keeps_control_intent(text, "stop", 0.9)


@pytest.mark.parametrize("text", ["I want to end this chat", "I'm at my wits' end, please stop"])
def test_a_request_to_stop_beside_an_idiom_still_stops(text):
    assert keeps_control_intent(text, "stop", 0.9)


@pytest.mark.parametrize("text", [
    "later in the week please", "anything later than 4",
    "I need to go to the toilet more", "I haven't had one good night since it started",
])  # fmt: skip
def test_a_weak_farewell_word_counts_only_at_the_end(text):
    """"later in the week please" at the time question was a goodbye, and a goodbye ends the
    booking (review)."""
    assert not keeps_control_intent(text, "goodbye", 0.99)


def test_wits_end_in_any_spelling_is_an_idiom():
    assert not keeps_control_intent("I'm at my wit's end with this ankle", "stop", 0.9)


def test_a_clinic_question_reading_of_an_answer_is_an_answer():
    (said,) = ControlWordGuard().process([_message("work at computer", "faq", 0.8)])
    assert said.get(INTENT)["name"] == ANSWER_INTENT
    (asked,) = ControlWordGuard().process([_message("parking?", "faq", 0.8)])
    assert asked.get(INTENT)["name"] == "faq"


@pytest.mark.parametrize("text", ["thanks", "cheers", "bye bye", "thx bye"])
def test_small_talk_with_a_codes_shape_is_no_code(text):
    """"thanks" has a booking code's shape (THA-NKS): it kept being read as one (review)."""
    (said,) = ControlWordGuard().process([_message(text, "thank", 0.9)])
    assert said.get(INTENT)["name"] == "thank"


@pytest.mark.parametrize("text", ["no, don't start over", "don't restart please",
                                  "I don't want to start over", "oops didn't mean to restart",
                                  "no thanks, keep my answers", "please do not start again"])
def test_starting_over_said_not_to_be_wanted_is_no_start_over(text):
    """Pass I: "no, don't start over" after the offer cleared every answer."""
    assert not keeps_control_intent(text, "start_over", 0.99)


@pytest.mark.parametrize("text, intent", [
    ("begin new please", "describe_pain"), ("i want to start fresh", "nlu_fallback"),
    ("Clear chat", "describe_pain"), ("yes, start again", "affirm"),
    ("Start fresh please", "out_of_scope"), ("restart", "stop"),
    ("No, start again", "deny"), ("no just start over", "deny"), ("no - start fresh", "deny"),
])
@pytest.mark.parametrize("confidence", [0.4, 0.94])
def test_a_whole_start_over_phrase_is_a_start_over_whatever_the_classifier_said(
    text, intent, confidence
):
    """Pass I: "begin new please" and "i want to start fresh" were read as a name and an
    answer; the widget's "Clear chat", typed, became the patient's name. The classifier's
    reading leaves the ranking: beside it, FallbackClassifier found the two too close."""
    (said,) = ControlWordGuard().process([_message(text, intent, confidence)])
    assert said.get(INTENT) == {"name": "start_over", "confidence": 0.95}
    ranking = said.get(INTENT_RANKING_KEY)
    assert ranking[0]["name"] == "start_over" and intent not in [r["name"] for r in ranking]


@pytest.mark.parametrize("text, intent", [
    ("start fresh with a new therapist?", "faq"),
    ("my restart of physio went badly", "describe_pain"),
    ("I want to kill myself and start over", "express_crisis"),
    ("start over, my leg went numb", "report_warning_sign"),
    ("no, don't start over", "deny"), ("no restart", "deny"), ("no reset please", "deny"),
    ("no new chat", "deny"), ("not start fresh", "describe_pain"),
])
def test_start_over_words_inside_other_messages_change_nothing(text, intent):
    (said,) = ControlWordGuard().process([_message(text, intent, 0.9)])
    assert said.get(INTENT)["name"] == intent


def test_a_start_over_the_classifier_was_unsure_of_stays_one():
    """Pass J and K: lowercase "clear chat" was start_over at 0.3 and fell back (capitalised, it
    was another intent and was raised)."""
    (said,) = ControlWordGuard().process([_message("clear chat", "start_over", 0.3)])
    assert said.get(INTENT) == {"name": "start_over", "confidence": 0.95}
    (sure,) = ControlWordGuard().process([_message("start over", "start_over", 0.99)])
    assert sure.get(INTENT) == {"name": "start_over", "confidence": 0.99}


@pytest.mark.parametrize("text", ["no restart", "no reset please", "don't restart"])
def test_a_start_over_refused_in_so_many_words_is_none(text):
    """Pass K: "no restart", read as start_over by the classifier, cleared the answers."""
    assert not keeps_control_intent(text, "start_over", 0.8)
    (said,) = ControlWordGuard().process([_message(text, "start_over", 0.8)])
    assert said.get(INTENT)["name"] == ANSWER_INTENT
