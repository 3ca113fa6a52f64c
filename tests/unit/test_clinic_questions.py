"""A clinic question beside a first description of the pain is answered (patient newcomer test:
"Are you open on Saturdays? My wrist..." got the intake and no answer)."""

from __future__ import annotations

import pytest

from bot.clinic_questions import could_be_clinic_question, question_response


@pytest.mark.parametrize(("text", "response"), [
    ("Are you open on Saturdays? My wrist has hurt for 3 weeks since I fell",
     "utter_faq/address_hours"),
    ("my wrist has hurt for 3 weeks since I fell. do you take insurance?",
     "utter_faq/cost_insurance"),
    ("Can I park near you? my back hurts", "utter_faq/address_hours"),
    ("how much is it? my neck is sore", "utter_faq/cost_insurance"),
    ("do I need a referral for my hip?", "utter_faq/referral"),
    ("what should I wear to the first visit? my hip hurts", "utter_faq/first_visit"),
    ("do you take medicare? my back has hurt for years", "utter_faq/cost_insurance"),
    ("where are you located, my shoulder is killing me", "utter_faq/address_hours"),
])  # fmt: skip
def test_a_clinic_question_beside_the_pain_is_found(text, response):
    assert question_response(text) == response


@pytest.mark.parametrize("text", [
    "my knee hurts when I go up the stairs",
    "Why does my knee hurt when I close the car door?",  # about the pain: for the therapist
    "is it bad that my knee hurts on weekends?",
    "I was referred by my doctor for my knee",  # no question
    "How much should I rest my knee?",  # about the pain and its care (review)
    "Is it normal my knee is worse in the evenings?",
    "What should I expect to feel after the cortisone shot?",
    "my back hurts when I open the door",
    "", None,
])  # fmt: skip
def test_the_pain_or_a_statement_is_no_clinic_question(text):
    assert question_response(text) is None


@pytest.mark.parametrize("text", [
    "work at computer", "about an hour", "sitting", "3 weeks", "a few hours", "a couple of hours",
    "for hours every evening", "about 5 hrs", "since saturday", "all weekend", "hours and hours",
    "since the weekend", "24 hours", "2-3 hours",
])  # fmt: skip
def test_an_answer_is_no_clinic_question(text):
    """"work at computer" at the activities question got the cost answer, "about an hour" at
    the duration question the first visit's (the classifier's faq: patient newcomer test)."""
    assert not could_be_clinic_question(text)


@pytest.mark.parametrize("text", [
    "insurance", "parking", "first visit info", "what should I bring", "chronic pain", "cost",
    "do you take aetna", "I'd like to know about your strength program", "referral",
    "your phone number pls", "wondering if you take walk-ins", "I want to know if you treat kids",
    "opening hours", "your hours", "open saturdays", "hours", "open 24 hours",
    "open this weekend", "open every saturday", "open after hours", "any slots this weekend",
    "appointments this saturday",
])  # fmt: skip
def test_words_of_a_clinic_topic_can_be_its_question(text):
    assert could_be_clinic_question(text)
