"""Staff flags for messages in a language the assistant can't read (bot.other_language)."""

from __future__ import annotations

import pytest

from bot.intake.service import fields_from_slots
from bot.other_language import flag_title, language_flags, mentions_emergency, seen


@pytest.mark.parametrize(
    "text",
    ["me duele mucho el pecho y no puedo respirar", "mi mamá tiene la cara caída y no puede "
     "hablar bien", "mi esposo se desmayó", "tengo la pantorrilla hinchada y roja después de la "
     "cirugía", "estoy tosiendo sangre", "me falta el aire"],
)  # fmt: skip
def test_spanish_emergency_words_make_the_flag_urgent(text):
    assert mentions_emergency(text, "es")
    assert language_flags(seen(None, "es", text)) == ["other_language_es_emergency"]


@pytest.mark.parametrize(
    "text", ["me duele la rodilla desde hace tres meses", "necesito una cita para mi espalda",
             "no hablo inglés"],
)  # fmt: skip
def test_other_spanish_is_a_call_back(text):
    assert not mentions_emergency(text, "es")
    assert language_flags(seen(None, "es", text)) == ["other_language_es"]


def test_an_emergency_said_once_stays_and_english_only_flags_nothing():
    first = seen(None, "es", "me duele el pecho")
    assert seen(first, "es", "gracias")["emergency"]
    assert language_flags(None) == [] and language_flags({}) == []
    assert fields_from_slots({"other_language": first})["red_flags"] == [
        "other_language_es_emergency"
    ]
    assert fields_from_slots({})["red_flags"] == []


def test_every_language_flag_has_a_title_and_others_none():
    assert "Spanish" in (flag_title("other_language_es") or "")
    assert "911" in (flag_title("other_language_es_emergency") or "")
    assert "another language" in (flag_title("other_language_other") or "")
    assert flag_title("dvt_unconfirmed") is None


def test_spanish_bladder_and_numb_legs_are_emergency_words():
    assert mentions_emergency("no puedo controlar la vejiga y tengo las piernas dormidas", "es")
