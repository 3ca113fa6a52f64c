"""Names, phone numbers, yes/no answers and crisis language."""

from __future__ import annotations

import pytest

from bot.contact import clean_name, mask_phone, try_normalize_phone
from bot.crisis import is_crisis_language
from bot.intake.yesno import agrees_first, parse_yes_no


@pytest.mark.parametrize(
    "text,e164",
    [
        ("718 555 0142", "+17185550142"),
        ("(212) 555-0199", "+12125550199"),
        ("+1 646 555 0100", "+16465550100"),
        ("+44 20 7946 0958", "+442079460958"),
        ("12345", None),
        ("call me maybe", None),
        ("", None),
        ("1" * 500, None),
        ("'; DROP TABLE intakes; --", None),
    ],
)
def test_phone_numbers(text, e164):
    assert try_normalize_phone(text) == e164


def test_phone_mask_shows_only_last_digits():
    assert mask_phone("+17185550142") == "••••••••••42"


@pytest.mark.parametrize(
    "text,name",
    [
        ("Ana María López", "Ana María López"),
        ("my name is Sam", "Sam"),
        ("I'm Jo", "Jo"),
        ("  o'brien  ", "o'brien"),
        ("12345", None),
        ("😀", None),
        ("<script>x</script>", None),  # markup is no name
        # A time meant for a question about times ("after 5" became the name "after").
        ("after 5", None),
        ("around 3pm", None),
        ("mornings", None),
        ("Amy Morning", "Amy Morning"),
    ],
)
def test_names(text, name):
    assert clean_name(text) == name


@pytest.mark.parametrize(
    "text,value",
    [
        ("yes", True),
        ("Yeah!", True),
        ("nope", False),
        ("no, never", False),
        ("maybe", None),
        ("yes and no", None),
        ("I have not had a fever", False),
        ("I have never had cancer", False),
        ("I did not fall", False),
        ("I don't know", None),
        ("no idea", None),
        ("/affirm", True),
        ("/deny", False),
        ("", None),
        ("🙂", None),
        # a filler first: "Well yes, of course, I said years" was asked again and again (second
        # patient newcomer test); a filler alone is no answer
        ("Well yes, of course, I said years", True),
        ("um yeah", True),
        ("so no, not really", False),
        ("well", None),
        ("oh no, I did fall last week", None),
    ],
)
def test_yes_no(text, value):
    assert parse_yes_no(text) is value


@pytest.mark.parametrize(
    "text,flagged",
    [
        ("I want to kill myself", True),
        ("some days I want to die", True),
        ("i've been cutting myself", True),
        ("thinking about suicide", True),
        ("I'm not suicidal, just sore", False),
        ("I hurt myself lifting boxes at work", False),
        ("I cut myself chopping onions", False),
        ("I can't go on walks anymore", False),
        ("I overdosed last night", True),
        ("life is not worth living", True),
        ("I want to hang myself", True),
        ("I don't want to wake up", True),
        ("my back is killing me", False),
        ("this knee pain is the worst", False),
        ("", False),
    ],
)
def test_crisis_language(text, flagged):
    assert is_crisis_language(text) is flagged


@pytest.mark.parametrize(("text", "agrees"), [
    ("yes thats right. do I need a referral?", True),
    ("Yes! where are you located?", True),
    ("Correct, thanks. how much is it?", True),
    ("that's right, what should I wear?", True),
    ("yes", False),  # a plain yes is the classifier's and the rules'
    ("yes thank you", False),
    ("yes but its my left knee", False),
    ("yes, is there parking? not sure it's right", False),
    ("yes. wait, it's my right side. where is the clinic?", False),  # a correction (review)
    ("yeah, it's more like 6 months. where are you?", False),
    ("yes, though it's the left knee. do you take insurance?", False),
])  # fmt: skip
def test_a_yes_that_opens_its_own_sentence_agrees_first(text, agrees):
    assert agrees_first(text) is agrees
