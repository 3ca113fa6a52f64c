"""Which messages are in a language the assistant can't read (bot.language)."""

from __future__ import annotations

import pytest

from bot.language import other_language

OTHER = [
    ("Me duele la rodilla desde hace tres meses", "es"),
    ("hola, me duele mucho la rodilla derecha", "es"),  # the identifier said Italian
    ("Quiero hablar con alguien", "es"),
    ("У меня болит спина", "ru"),
    ("我的膝盖疼", "zh"),
    ("J'ai mal au dos depuis 3 mois", "fr"),
    ("Moje kolano boli od miesiąca", "pl"),
    # newcomer test: its "me" and "no" counted as English, and the chest emergency got the
    # English intake
    ("me duele mucho el pecho y no puedo respirar", "es"), ("ayuda por favor", "es"),
]
ENGLISH = [
    "my knee hurts", "stairs", "about 4 months", "I can't sit through work",
    "lower back", "walking the dog", "sure why not", "tennis elbow", "my lowr bak hurts",
    "knee pain stairs gardening", "pickleball golf tennis", "physio appointment tomorrow morning",
    "José García", "no", "7", "", "   ", "👍", "hola my knee hurts a lot",
    "I need help with my knee, muy bad", "my back hurts a lot when i bend, no idea why",
    "Hola, I have pain in my back since 3 weeks ago, gracias",
]  # fmt: skip


@pytest.mark.parametrize(("text", "language"), OTHER)
def test_a_message_in_another_language_is_named(text, language):
    assert other_language(text) == language


@pytest.mark.parametrize("text", ENGLISH)
def test_english_short_words_and_names_are_not_another_language(text):
    """Short messages are where identifiers go wrong: "stairs" scored French (0.97)."""
    assert other_language(text) is None


def _guarded(text: str) -> dict:
    from rasa.shared.nlu.training_data.message import Message

    from bot.nlp import extract
    from components.language import OtherLanguageGuard

    message = Message(
        data={
            "text": text,
            "intent": {"name": "describe_pain", "confidence": 0.7},
            "pain_extraction": extract(text).to_dict(),
        }
    )
    OtherLanguageGuard().process([message])
    return message.as_dict()


@pytest.mark.parametrize("text", ["my rigth knee", "my lft hip hurts"])
def test_pain_details_the_extractor_read_are_never_another_language(text):
    """The identifier calls "my rigth knee" German (0.92); the knee was read, so it stands."""
    assert _guarded(text)["intent"]["name"] == "describe_pain"


@pytest.mark.parametrize("name", ["Ana María Pérez", "李小龙", "محمد علي", "Анна Петрова"])
def test_a_name_in_any_script_is_left_alone(name):
    assert _guarded(name)["intent"]["name"] == "describe_pain"


def test_another_language_is_out_of_scope_with_its_language():
    found = _guarded("Me duele la rodilla desde hace tres meses")
    assert found["intent"] == {"name": "out_of_scope", "confidence": 1.0}
    assert found["message_language"] == "es"


@pytest.mark.parametrize("text", ["no hablo inglés", "hablo español"])
def test_two_spanish_words_are_spanish_even_when_short(text):
    """A second Spanish message, too short for the identifier, got the English fallback."""
    assert other_language(text) == "es"


@pytest.mark.parametrize("text", ["nah im good", "nah im fine", "yeah nah", "nope thats all"])
def test_english_as_it_is_texted_is_english(text):
    """"nah im good" got the English-only notice (patient newcomer test)."""
    assert other_language(text) is None


@pytest.mark.parametrize(
    "text",
    ["no chest pain", "my dad collapsed", "no chest pain tho", "mum collapsed", "no fever",
     "grandad unconscious", "calf swollen", "dizzy and numb"],
)  # fmt: skip
def test_the_assistants_own_english_words_are_english(text):
    """Third newcomer pass: "no chest pain" at a safety question was called Italian, and "my dad
    collapsed" Spanish: both got the English-only notice, and staff a false flag."""
    assert other_language(text) is None


@pytest.mark.parametrize("text", [
    "sarah.chen@example.com", "li.chen@example.com", "sarah.chen@gmail.com",
    "schen@example.com", "my email is sarah.chen@example.com", "https://www.example.de/termin",
    "www.beispiel.de", "Schen@Example.COM",
])
def test_an_address_is_in_no_language(text):
    """Pass J: "sarah.chen@example.com" at the email question was read as German; the intake
    was flagged for an interpreter and the question came back in a loop."""
    assert other_language(text) is None


def test_words_around_an_address_still_tell_the_language():
    assert other_language("Me duele la rodilla, mi correo es ana@example.com") == "es"
