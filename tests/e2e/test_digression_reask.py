"""A digression (hello, thanks, a clinic question) at any open question is answered and the
question is asked again; small talk is never stored as an answer (actions/reask.py,
bot/small_talk.py, data/rules/digressions.yml)."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import text

from bot.db import make_engine
from tests.e2e.harness import Servers
from tests.screen import (
    clarifying_question,
    response_text,
    screen_answers,
    screen_questions,
)

pytestmark = pytest.mark.e2e

READ_BACK = "Did I get that right?"
OFFER = "Would you like me to book"
TIMES = "What days or times suit you best?"
OFFERED = "Here are the times I can offer"
NAME = "What name should the front desk use for you?"
FALLBACK = "Sorry, I didn't understand that"


def _say(servers: Servers, me: str, message: str) -> str:
    reply = " ".join(servers.texts(me, message))
    assert FALLBACK not in reply and "What brings you in today?" not in reply, (message, reply)
    return reply


def _to_the_read_back(servers: Servers, me: str) -> str:
    """A back pain intake answered to its read-back; the last reply."""
    _say(servers, me, "my lower back has hurt for 4 months and I can't sit")
    reply = _say(servers, me, "6")
    for answer in screen_answers():
        reply = _say(servers, me, answer)
    return reply


def test_small_talk_and_questions_at_each_open_question_get_it_asked_again(servers):
    me = f"web-{uuid.uuid4().hex[:10]}"
    reply = _to_the_read_back(servers, me)
    assert READ_BACK in reply
    for message in ("how much does it cost?", "hi", "thanks"):
        reply = _say(servers, me, message)
        assert reply.endswith(READ_BACK) and reply.count(READ_BACK) == 1, (message, reply)
    assert OFFER in _say(servers, me, "yes")
    for message in ("thanks", "hi", "where are you located?"):
        reply = _say(servers, me, message)
        assert OFFER in reply and reply.count(OFFER) == 1, (message, reply)
    assert TIMES in _say(servers, me, "yes")
    for message in ("thank you", "hello"):
        reply = _say(servers, me, message)
        assert TIMES in reply and OFFERED not in reply, (message, reply)
    assert OFFERED in _say(servers, me, "mornings")
    assert NAME in _say(servers, me, "1")
    for message in ("hi", "thanks", "thank you!"):
        reply = _say(servers, me, message)
        assert reply.endswith(NAME) and "noted your name" not in reply, (message, reply)
    assert NAME not in _say(servers, me, "Dana Reyes")


def test_hello_or_thanks_is_never_the_name_at_the_call_back_details(servers):
    me = f"web-{uuid.uuid4().hex[:10]}"
    assert "What brings you in today?" in " ".join(servers.texts(me, "hi"))
    assert NAME in _say(servers, me, "can I talk to a real person")
    for message in ("hello", "thanks"):
        assert _say(servers, me, message).endswith(NAME), message
    _say(servers, me, "Jo Park")
    _say(servers, me, "212 555 0199")
    engine = make_engine(servers.database_url)
    with engine.connect() as conn:
        names = conn.execute(
            text("SELECT patient_name FROM intakes WHERE conversation_id = :c"), {"c": me}
        ).scalars().all()
    engine.dispose()
    assert names and set(names) == {"Jo Park"}, names


@pytest.mark.parametrize(
    "why", ["why do u need to know that", "what does that have to do with my back?"]
)
def test_why_at_a_safety_question_gets_the_reason_then_the_question(servers, why):
    # Newcomer test: "why do u need to know that" got the assistant's capabilities, and "neither"
    # the same question again with no word of explanation.
    me = f"web-{uuid.uuid4().hex[:10]}"
    questions = screen_questions()
    _say(servers, me, "my lower back has hurt for 4 months and I can't sit")
    assert questions[0] in _say(servers, me, "6")
    reply = _say(servers, me, why)
    assert reply.startswith(response_text("utter_screen_why")), reply
    assert reply.endswith(questions[0]) and "I can't give a diagnosis" not in reply, reply
    assert questions[1] in _say(servers, me, "no")  # and the answer is taken as before
    assert _say(servers, me, "neither").endswith(clarifying_question("rf_weakness"))
    assert questions[2] in _say(servers, me, "no")


def test_a_pain_score_can_be_skipped_and_the_intake_goes_on(servers):
    # Newcomer test: "I don't know" or "no" at the 0-10 question got the same re-ask forever.
    me = f"web-{uuid.uuid4().hex[:10]}"
    questions = screen_questions()
    _say(servers, me, "my lower back has hurt for 4 months and I can't sit")
    assert "say skip" in _say(servers, me, "no")
    reply = _say(servers, me, "I don't know")
    assert response_text("utter_score_skipped") in reply and questions[0] in reply, reply
    for answer in screen_answers():
        reply = _say(servers, me, answer)
    assert READ_BACK in reply and "out of 10" not in reply, reply


def test_pain_talk_at_the_offer_to_book_is_heard_and_the_offer_made_again(servers):
    # Newcomer test: "honestly I'm at my wits' end with this" at the offer gave the read-back
    # again, as if nothing had been said.
    me = f"web-{uuid.uuid4().hex[:10]}"
    reply = _to_the_read_back(servers, me)
    assert OFFER in _say(servers, me, "yes")
    for message in ("honestly I'm at my wits' end with this", "I'm so fed up with this pain"):
        reply = _say(servers, me, message)
        assert reply.startswith(response_text("utter_pain_heard")), (message, reply)
        assert OFFER in reply and READ_BACK not in reply, (message, reply)
    # a bare number and a "maybe" are no pain talk: asked about, nothing changed (second
    # newcomer pass: "1" became a pain score of 1)
    reply = _say(servers, me, "1")
    assert reply.startswith(response_text("utter_offer_number").format(number="1")), reply
    assert OFFER in reply and READ_BACK not in reply, reply
    reply = _say(servers, me, "maybe")
    assert reply.startswith(response_text("utter_offer_unsure")) and OFFER in reply, reply
    reply = _say(servers, me, "oh and it's been more like 8 months actually")
    assert READ_BACK in reply and "8 months" in reply, reply  # a change is read back
    assert "6 out of 10" in reply, reply  # ... and the score is still the one said
    assert OFFER in _say(servers, me, "yes")


def test_never_mind_when_asked_what_to_change_reads_back_again(servers):
    # Second patient newcomer test: "oh never mind, that's right" got "Sorry, I couldn't tell
    # what to change", and only the exact words "that's right" got out.
    me = f"web-{uuid.uuid4().hex[:10]}"
    reply = _to_the_read_back(servers, me)
    assert READ_BACK in reply
    _say(servers, me, "no")
    again = _say(servers, me, "oh never mind, that's right")
    assert again.endswith(READ_BACK) and "couldn't tell" not in again, again
    assert OFFER in _say(servers, me, "yes")


@pytest.mark.parametrize("said", ["yes thats right. where are you located?",
                                  "Correct, thanks. what are your hours?"])  # fmt: skip
def test_a_yes_said_before_a_question_at_the_read_back_agrees_and_is_answered(servers, said):
    """Newcomer test: "yes thats right. do I need a referral?" answered the question and asked
    the read-back again."""
    me = f"web-{uuid.uuid4().hex[:10]}"
    reply = _to_the_read_back(servers, me)
    assert READ_BACK in reply
    replies = servers.texts(me, said)
    assert OFFER in replies[-1] and READ_BACK not in " ".join(replies), replies
    answer = response_text("utter_faq/address_hours").split("{")[0]  # "We're at "
    assert any(r.startswith(answer) for r in replies), replies  # the question answered


@pytest.mark.parametrize("at_read_back", [False, True])
def test_two_clinic_questions_in_one_message_both_get_answers(servers, profile, at_read_back):
    """Patient newcomer test: "what are your opening hours and do you take medicare?" answered
    only the hours."""
    me = f"web-{uuid.uuid4().hex[:10]}"
    if at_read_back:
        reply = _to_the_read_back(servers, me)
        assert READ_BACK in reply
    replies = servers.texts(me, "what are your opening hours and do you take medicare?")
    for opening in ("We're at ", profile.cost[:40]):  # utter_faq/address_hours, cost_insurance
        assert sum(r.startswith(opening) for r in replies) == 1, (opening, replies)
    if at_read_back:
        assert replies[-1].endswith(READ_BACK), replies


@pytest.mark.parametrize("span", ["a few hours", "a couple of hours", "about 5 hrs"])
def test_a_span_in_hours_at_the_duration_question_is_its_answer(servers, span):
    """Newcomer passes D and E: "a few hours" at the duration question got the clinic's address
    and hours, "a couple of hours" its cost ("hours" is a clinic topic word), and the duration
    was asked again."""
    me = f"web-{uuid.uuid4().hex[:10]}"
    assert "How long have you had this pain" in _say(servers, me, "my left knee hurts")
    reply = _say(servers, me, span)
    assert "Opening hours" not in reply and "$" not in reply, reply
    assert "How long have you had this pain" not in reply and "stop you doing" in reply, reply


def test_a_keyboard_mash_at_the_name_question_is_no_name(servers):
    """Newcomer passes: "asdfgh" at the name question was kept as the name, and the phone
    number was asked next."""
    me = f"web-{uuid.uuid4().hex[:10]}"
    reply = _to_the_read_back(servers, me)
    assert OFFER in _say(servers, me, "yes")
    assert TIMES in _say(servers, me, "yes")
    assert OFFERED in _say(servers, me, "mornings")
    assert NAME in _say(servers, me, "1")
    reply = _say(servers, me, "asdfgh")
    assert "name" in reply and "phone number" not in reply, reply
    assert "phone number" in _say(servers, me, "Dana Reyes")
