"""A booking question at the read-back is answered, then the read-back is asked again, and a yes
to it goes on (found by the generated conversations, seed 117)."""

from __future__ import annotations

import pytest

from tests.e2e.test_crisis_check import _sender, _to_the_read_back, asks

pytestmark = pytest.mark.e2e


def test_when_is_my_appointment_at_the_read_back_comes_back_to_it(servers):
    me = _sender()
    _to_the_read_back(servers, me)
    servers.texts(me, "when is my appointment?")
    replies = servers.texts(me, "I don't have one")
    assert asks(replies, "utter_summary"), replies
    assert asks(servers.texts(me, "yes, that's right"), "utter_offer_booking")
