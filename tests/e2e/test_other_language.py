"""A message in another language gets a notice the patient can read and the offer of a call,
then the open question again; names in any script are still names (components/language.py)."""

from __future__ import annotations

import pytest

from tests.e2e.test_crisis_check import _sender, asks

pytestmark = pytest.mark.e2e

# Pain and requests in five of the languages a New York clinic hears most after English.
OTHER = [
    ("Me duele la rodilla desde hace tres meses", "Lo siento"),
    ("Quiero hablar con alguien por favor", "Lo siento"),
    ("У меня болит спина уже два месяца", "only read and write English"),
    ("我的膝盖疼了三个月", "only read and write English"),
    ("J'ai mal au dos depuis trois mois", "only read and write English"),
    ("Me duele mucho el pecho y el brazo izquierdo", "Lo siento"),
]


@pytest.mark.parametrize(("text", "notice"), OTHER)
def test_another_language_gets_the_notice_and_a_call_then_the_question(servers, text, notice):
    me = _sender()
    replies = servers.texts(me, text)
    assert any(notice in r for r in replies), replies
    assert "Please call me" in " ".join(replies)
    # a warning sign in a language the assistant can't read still meets the emergency number
    # (a Spanish chest pain got only the notice: patient newcomer test)
    assert "911" in " ".join(replies)
    call = servers.texts(me, "Please call me")
    assert asks(call, "utter_ask_patient_name"), call


def test_in_the_middle_of_the_intake_the_question_comes_back(servers):
    me = _sender()
    question = servers.texts(me, "my lower back has hurt for 4 months")[-1]
    replies = servers.texts(me, "No entiendo la pregunta, lo siento mucho")
    assert "Lo siento" in replies[0] and replies[-1] == question, replies


@pytest.mark.parametrize("name", ["Ana María Pérez", "李小龙", "Анна Петрова", "محمد علي"])
def test_a_name_in_any_script_is_a_name(servers, name):
    me = _sender()
    servers.texts(me, "i want to kill myself")
    servers.texts(me, "Please call me")
    replies = servers.texts(me, name)
    assert asks(replies, "utter_ask_phone"), replies


def test_a_spanish_speaker_can_ask_for_a_call_and_give_a_name_in_spanish(servers):
    """Newcomer test: "me llamo José Pérez" got the notice again, then the button's payload
    was saved as the name ("Thanks, request_human")."""
    me = _sender()
    assert any("Lo siento" in r for r in servers.texts(me, "Hola, me duele la espalda"))
    assert asks(servers.texts(me, "/request_human"), "utter_ask_patient_name")
    assert asks(servers.texts(me, "me llamo José Pérez"), "utter_ask_phone")
    done = " ".join(servers.texts(me, "347 555 0199"))
    assert "José Pérez" in done and "request_human" not in done, done
    assert any("Lo siento" in r for r in servers.texts(_sender(), "no hablo inglés"))


@pytest.mark.parametrize("number", ["mi número es 347 555 0199", "llámame al 347-555-0199"])
def test_a_number_sent_in_spanish_is_kept(servers, number):
    """Pass L: after "Please call me", a number sent in Spanish got the notice again and was
    not kept: the call the patient asked for could not happen."""
    me = _sender()
    assert any("Lo siento" in r for r in servers.texts(me, "Hola, me duele la espalda"))
    servers.texts(me, "/request_human")
    assert asks(servers.texts(me, "me llamo José Pérez"), "utter_ask_phone")
    done = servers.texts(me, number)
    assert not asks(done, "utter_ask_phone") and "José Pérez" in " ".join(done), done
