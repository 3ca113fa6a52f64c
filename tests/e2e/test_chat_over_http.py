"""A website visitor chats over REST with the real Rasa server and action server; then the
stored intake and transcript are checked in the database."""

from __future__ import annotations

import json
import uuid

import pytest
from sqlalchemy import text

from bot.db import make_engine
from bot.triage import RED_FLAGS
from tests.e2e.harness import Servers
from tests.screen import screen_answers, screen_questions

pytestmark = pytest.mark.e2e


def _sender() -> str:
    return f"web-{uuid.uuid4().hex[:10]}"


def _intake(servers: Servers, sender: str) -> dict:
    engine = make_engine(servers.database_url)
    with engine.connect() as conn:
        row = (
            conn.execute(
                text("SELECT * FROM intakes WHERE conversation_id = :c ORDER BY id DESC"),
                {"c": sender},
            )
            .mappings()
            .first()
        )
    engine.dispose()
    assert row is not None, f"no intake stored for {sender}"
    return dict(row)


def _loads(value):
    return json.loads(value) if isinstance(value, str) else value


def _transcript(servers: Servers, sender: str) -> list[dict]:
    engine = make_engine(servers.database_url)
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT type_name, data FROM events WHERE sender_id = :c ORDER BY id"),
            {"c": sender},
        ).all()
    engine.dispose()
    return [{"type": r[0], **json.loads(r[1])} for r in rows]


def _joined(replies: list[str]) -> str:
    return " ".join(replies)


def test_a_whole_intake_in_one_message_then_read_back_and_contact(servers):
    me = _sender()
    first = _joined(servers.texts(me, "hi"))
    assert "intake assistant" in first and "911" in first and "diagnose" in first
    reply = _joined(
        servers.texts(me, "my lower back has hurt for about 4 months and I can't sit through work")
    )
    assert "0 (no pain) to 10" in reply  # duration, place and limits were all taken
    assert "how long" not in reply.lower()
    reply = _joined(servers.texts(me, "6"))
    assert screen_questions()[0] in reply and "yes or no" in reply.lower()
    for answer in screen_answers():
        summary = _joined(servers.texts(me, answer))
    assert "lower back" in summary and "about 17 weeks" in summary and "chronic pain" in summary
    assert "6 out of 10" in summary and "Did I get that right?" in summary
    reply = _joined(servers.texts(me, "yes"))
    assert "12 weeks or longer" in reply and "book your chronic pain assessment" in reply
    for message in ("yes", "as soon as possible", "1", "Sam Rivera", "718 555 0142", "skip"):
        servers.texts(me, message)
    reply = _joined(servers.texts(me, "yes"))
    assert "You're booked" in reply
    intake = _intake(servers, me)
    assert intake["pain_class"] == "chronic" and intake["pain_stage"] == "chronic"
    assert abs(intake["duration_weeks"] - 17.4) < 0.2
    assert _loads(intake["locations"]) == [{"region": "lower_back", "side": None}]
    assert set(_loads(intake["activities"])) >= {"sitting", "work"}
    assert intake["pain_score"] == 6 and intake["phone"] == "+17185550142"
    assert intake["summary_confirmed"] and intake["status"] == "new"
    assert _loads(intake["evidence"])["duration"]
    events = _transcript(servers, me)
    user_texts = [e.get("text") for e in events if e["type"] == "user"]
    assert "718 555 0142" in user_texts and "Sam Rivera" in user_texts
    assert any(
        "Did I get that right?" in (e.get("text") or "") for e in events if e["type"] == "bot"
    )


def test_straddling_duration_is_asked_not_guessed(servers):
    me = _sender()
    reply = _joined(servers.texts(me, "my right knee has hurt for two or three months"))
    assert "12 weeks or longer?" in reply
    reply = _joined(servers.texts(me, "yes"))
    assert "stop you doing" in reply


def test_an_onset_without_a_date_gets_a_specific_follow_up(servers):
    me = _sender()
    reply = _joined(servers.texts(me, "my shoulder has hurt since my surgery"))
    assert "how many weeks or months ago did it start" in reply


def test_correction_without_starting_over(servers):
    me = _sender()
    servers.texts(me, "my right knee, about 4 months, stairs kill me")
    servers.texts(me, "6")
    for answer in screen_answers(message="my right knee, about 4 months, stairs kill me"):
        summary = _joined(servers.texts(me, answer))
    assert "right knee" in summary
    fixed = _joined(servers.texts(me, "actually it's my left knee"))
    assert "left knee" in fixed and "6 out of 10" in fixed and "stairs" in fixed
    intake = _intake(servers, me)
    assert _loads(intake["locations"]) == [{"region": "knee", "side": "left"}]


ADVICE = {"emergency": "emergency department", "doctor": "contact your doctor"}
YES = {"rf_trauma": "yes, I fell on the ice last week"}  # a yes in the patient's own words


@pytest.mark.parametrize("flag", RED_FLAGS, ids=lambda flag: flag.slot)
def test_each_red_flag_gives_advice_and_flags_urgent(servers, flag):
    me = _sender()
    servers.texts(me, "my lower back has hurt for 3 weeks and I can't bend")
    servers.texts(me, "5")
    *noes, answer = screen_answers(flag.slot, yes=YES.get(flag.slot, "yes"))
    for no in noes:
        servers.texts(me, no)
    reply = _joined(servers.texts(me, answer))
    assert ADVICE[flag.advice] in reply and "book" not in reply.lower()
    assert "What name should the front desk use" in reply  # so the clinic can call
    servers.texts(me, "Jo Park")
    saved = _joined(servers.texts(me, "212 555 0100"))
    # The next step again after an emergency's advice (newcomer test: the call-back alone read
    # as "wait for us"), then the promise the console's urgent alert quotes to staff.
    again = {"emergency": "Please go to an emergency department now"}
    assert f"Thank you, Jo Park. {again.get(flag.advice, 'Please follow the advice above')}" in (
        saved
    ), saved
    assert "call you today" in saved and "one business day" not in saved
    intake = _intake(servers, me)
    assert intake["status"] == "urgent" and len(_loads(intake["red_flags"])) == 1
    assert intake["phone"] == "+12125550100"
    after = _joined(servers.texts(me, "ok"))
    assert "follow the advice" in after


@pytest.mark.parametrize(
    "message",
    [
        "I want to kill myself",
        "honestly i don't want to live anymore",
    ],
)
def test_crisis_language_mid_intake(servers, message):
    me = _sender()
    servers.texts(me, "my neck has hurt for a year")
    reply = _joined(servers.texts(me, message))
    assert "988" in reply and "911" in reply
    intake = _intake(servers, me)
    assert intake["crisis"] and intake["status"] == "urgent"


def test_talk_to_a_person(servers):
    me = _sender()
    servers.texts(me, "my hip hurts")
    reply = _joined(servers.texts(me, "can I talk to a real person please"))
    assert "call you back" in reply and "name" in reply.lower()
    servers.texts(me, "Jo")
    reply = _joined(servers.texts(me, "(212) 555-0199"))
    assert "Jo" in reply and "one business day" in reply
    intake = _intake(servers, me)
    assert intake["status"] == "callback" and intake["phone"] == "+12125550199"


def test_digressions_answer_from_the_profile_and_return(servers, profile):
    me = _sender()
    servers.texts(me, "my ankle has hurt since labor day")
    reply = _joined(servers.texts(me, "where are you located and when are you open?"))
    assert profile.address in reply
    assert "Which ankle: left, right or both?" in reply  # and back to the intake's question
    reply = _joined(servers.texts(me, "how much does it cost"))
    assert "$160" in reply


def test_fallback_says_what_it_can_do(servers):
    reply = _joined(servers.texts(_sender(), "can you order me a pizza"))
    assert "book an assessment" in reply


@pytest.mark.parametrize(
    "message",
    [
        pytest.param("x" * 5000, id="5000-chars"),
        "",
        "😀😀😀",
        "'; DROP TABLE intakes; --",
        "¿Me duele la espalda desde marzo?",
        "<script>alert(1)</script>",
    ],
)
def test_hostile_and_odd_messages_get_an_answer(servers, message):
    me = _sender()
    replies = servers.chat(me, message)
    assert isinstance(replies, list)
    if message.strip():
        assert replies and all(r.get("text") for r in replies)
    follow = servers.texts(me, "hi")
    assert follow and all(follow)
    # The assistant introduced itself, with the first reply when the message started the intake
    # (then "hi" gets the open question again, never the opening: issue 13.8) or now.
    said = [r.get("text") or "" for r in replies] + follow
    assert any("intake assistant" in t for t in said)
    engine = make_engine(servers.database_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM intakes")).scalar() >= 0
    engine.dispose()


def test_a_paired_part_without_a_side_is_asked_about_once(servers):
    me = _sender()
    reply = _joined(servers.texts(me, "my knee has hurt for 3 weeks"))
    assert "Which knee: left, right or both?" in reply
    assert "stop you doing" in _joined(servers.texts(me, "both"))
    for message in ("stairs", "4", *screen_answers(message="my knee has hurt for 3 weeks")):
        summary = _joined(servers.texts(me, message))
    assert summary.startswith("Here's what I have: both knees, about 3 weeks")


def test_crisis_language_with_pain_details_is_still_a_crisis(servers):
    me = _sender()
    servers.texts(me, "my neck has hurt for a year")
    reply = _joined(servers.texts(me, "my back hurts so much I want to kill myself"))
    assert "988" in reply and "911" in reply
    assert _intake(servers, me)["crisis"]


def test_a_question_at_the_name_prompt_is_answered_not_taken_as_a_name(servers, profile):
    me = _sender()
    servers.texts(me, "my hip hurts")
    assert "name" in _joined(servers.texts(me, "can I talk to a real person please")).lower()
    reply = _joined(servers.texts(me, "where are you located?"))
    assert profile.address in reply and "name" in reply.lower()
