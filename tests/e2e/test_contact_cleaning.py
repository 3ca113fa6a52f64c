"""Against the real servers (issue 14 items 5-6): a name and a phone number taken out of what
the patient typed, the cleaned name read back, and evidence tied to the message it came from."""

from __future__ import annotations

import pytest

from tests.e2e.test_chat_over_http import _intake, _joined, _loads, _sender, _transcript
from tests.screen import screen_answers

pytestmark = pytest.mark.e2e

READ_BACK = "I've noted your name as Mark Delgado"


def test_call_back_contact_is_cleaned_and_the_name_read_back(servers):
    me = _sender()
    servers.texts(me, "my hip hurts")
    servers.texts(me, "can I talk to a real person please")
    reply = _joined(servers.texts(me, "its Dana... no wait, sorry. Mark Delgado"))
    assert READ_BACK in reply and "phone number" in reply
    assert "Dana" not in reply
    reply = _joined(servers.texts(me, "(718) 555-0199 thats my cell"))
    assert "Mark Delgado" in reply and "one business day" in reply
    assert "doesn't look like a phone number" not in reply
    intake = _intake(servers, me)
    assert (intake["patient_name"], intake["phone"]) == ("Mark Delgado", "+17185550199")


def test_a_phone_extension_is_kept_for_the_call(servers):
    """ "212-555-0123 ext 5" lost its extension silently (front-desk newcomer test)."""
    me = _sender()
    servers.texts(me, "my hip hurts")
    servers.texts(me, "can I talk to a real person please")
    servers.texts(me, "Ann Stopwell")
    reply = _joined(servers.texts(me, "my work number is 212-555-0123 ext 5"))
    assert "noted extension 5" in reply and "one business day" in reply
    assert _intake(servers, me)["phone"] == "+12125550123;ext=5"


def test_a_plain_name_is_not_read_back(servers):
    me = _sender()
    servers.texts(me, "my hip hurts")
    servers.texts(me, "can I talk to a real person please")
    reply = _joined(servers.texts(me, "Ann Stopwell"))
    assert "I've noted your name" not in reply and "phone number" in reply
    servers.texts(me, "212 555 0199")
    assert _intake(servers, me)["patient_name"] == "Ann Stopwell"


def test_booking_contact_is_cleaned_and_evidence_points_at_its_message(servers):
    me = _sender()
    servers.texts(me, "hi")
    servers.texts(me, "my lower back has hurt for about 4 months and I can't sit through work")
    servers.texts(me, "6")
    for answer in screen_answers():
        servers.texts(me, answer)
    servers.texts(me, "yes")
    for message in ("yes", "as soon as possible", "1"):
        servers.texts(me, message)
    reply = _joined(servers.texts(me, "its Dana... no wait, sorry. Mark Delgado"))
    assert READ_BACK in reply
    reply = _joined(servers.texts(me, "(718) 555-0199 thats my cell"))
    assert "doesn't look like a phone number" not in reply
    servers.texts(me, "skip")
    assert "You're booked" in _joined(servers.texts(me, "yes"))
    intake = _intake(servers, me)
    assert (intake["patient_name"], intake["phone"]) == ("Mark Delgado", "+17185550199")
    evidence = _loads(intake["evidence"])
    first = next(
        e for e in _transcript(servers, me) if e["type"] == "user" and "lower back" in e["text"]
    )
    assert first["message_id"]
    assert evidence["sources"] == {k: first["message_id"] for k in evidence["sources"]}
    assert set(evidence["sources"]) == {"duration", "locations", "activities"}
