"""The conversation checker (tests.convgen) catches each fault it names, and passes a clean run.

These feed it hand-made transcripts, so a checker that never fires cannot hide behind a
dialogue that happens to work.
"""

from __future__ import annotations

import dataclasses

from tests.convgen.checks import judge
from tests.convgen.driver import Conversation, Turn
from tests.convgen.patient import Patient, mismatches
from tests.convgen.persona import make_persona
from tests.convgen.readback import facts
from tests.convgen.responses import Reply, Responses

Q = {
    "fever": Reply("utter_ask_rf_fever", "fever?"),
    "cancer": Reply("utter_ask_rf_cancer_weight", "cancer?"),
    "trauma": Reply("utter_ask_rf_trauma", "fall?"),
    "score": Reply("utter_ask_pain_score", "0 to 10?"),
}
READBACK = ("Here's what I have: left knee, about 4 months, so about 17 weeks, which clinicians "
            "call chronic pain; stairs are hard; 6 out of 10 today. Did I get that right?")


def _turn(kind: str, text: str, asked: Reply | None, *names: str, **extra) -> Turn:
    replies = [Reply(n, READBACK if n == "utter_summary" else n) for n in names]
    raw = [{"text": r.text} for r in replies]
    return Turn(kind, text, f"m-{text}", asked, replies, raw, 0.1, **extra)


def _conversation(*turns: Turn, region: str = "knee") -> Conversation:
    persona = dataclasses.replace(make_persona(1), region=region, yes_at=None, unsure_at=None)
    conv = Conversation("c-1", persona, persona, list(turns))
    conv.intended = "stop"
    return conv


def _kinds(conv: Conversation) -> list[str]:
    return sorted({f.kind for f in judge(conv)})


def _screen(*middle: Turn) -> Conversation:
    return _conversation(
        _turn("opening", "my knee", None, "utter_ask_pain_score"),
        _turn("answer", "6", Q["score"], "utter_ask_rf_fever"),
        _turn("answer", "no", Q["fever"], "utter_ask_rf_cancer_weight"),
        *middle,
        _turn("answer", "no", Q["trauma"], "utter_summary"),
        _turn("answer", "Not now", Reply("utter_offer_booking", "book?"),
              "utter_booking_declined"),
        _turn("probe", "thanks", None, "utter_you_are_welcome"),
    )


def test_a_clean_conversation_passes():
    clean = _screen(_turn("answer", "no", Q["cancer"], "utter_ask_rf_trauma"))
    assert _kinds(clean) == []


def test_a_repeated_no_that_answers_the_next_red_flag_question_is_caught():
    first = [{"text": "utter_ask_rf_trauma"}]
    conv = _screen(
        _turn("answer", "no", Q["cancer"], "utter_ask_rf_trauma"),
        _turn("repeat", "no", Q["cancer"], "utter_summary", first=first),
    )
    assert _kinds(conv) == ["repeat answered differently", "safety question skipped"]


def test_a_digression_taken_as_a_red_flag_answer_is_caught():
    conv = _screen(_turn("digression", "thanks", Q["cancer"], "utter_ask_rf_trauma"))
    assert "safety question skipped" in _kinds(conv)
    assert "digression loses the question" in _kinds(conv)


def test_the_greeting_mid_form_and_a_fallback_after_the_end_are_caught():
    conv = _screen(
        _turn("digression", "hi", Q["cancer"], "utter_greet", "utter_ask_rf_cancer_weight"),
        _turn("answer", "no", Q["cancer"], "utter_ask_rf_trauma"),
    )
    conv.turns[-2] = _turn("answer", "Not now", Reply("utter_offer_booking", "book?"),
                           "utter_booking_declined", "utter_default")
    assert _kinds(conv) == ["fallback after a completed flow", "greeting mid-form"]


def test_a_back_patient_must_see_the_whole_spine_screen():
    conv = _screen(_turn("answer", "no", Q["cancer"], "utter_ask_rf_trauma"))
    conv.persona = dataclasses.replace(conv.persona, region="lower back")
    assert _kinds(conv) == ["safety question skipped"]


def test_a_correction_that_moves_another_fact_is_caught():
    moved = READBACK.replace("about 4 months, so about 17 weeks", "today, so about 1 day")
    moved = moved.replace("chronic", "acute").replace("6 out of 10", "3 out of 10")
    turn = _turn("answer", "its more like a 3 today", Reply("utter_summary", READBACK),
                 meta={"correction": "score", "value": 3})
    turn.replies = [Reply("utter_summary", moved)]
    conv = _screen(_turn("answer", "no", Q["cancer"], "utter_ask_rf_trauma"))
    conv.turns.insert(5, turn)  # after the first read-back
    assert "correction changes what it did not name" in _kinds(conv)


def test_the_read_back_is_read_as_facts():
    assert facts(READBACK) == {"place": "left knee", "side": "left", "score": "6",
                               "class": "chronic"}
    persona = dataclasses.replace(make_persona(1), region="knee", words="knee",
                                  plural="knees", side="left", score=6, weeks=17.4)
    assert mismatches(READBACK, persona) == []
    assert mismatches(READBACK.replace("left", "right"), persona) == ["side"]


def test_replies_are_named_by_their_domain_response():
    responses = Responses()
    assert responses.name_of(READBACK) == "utter_summary"
    assert responses.name_of("Which knee: left, right or both?") == "utter_ask_pain_side"
    assert responses.name_of("something the assistant never says") is None


def test_a_seed_is_a_repro():
    assert make_persona(7) == make_persona(7)
    question = Reply("utter_ask_pain_score", "0 to 10?")
    answers = [Patient(make_persona(7)).answer(question) for _ in range(2)]
    assert answers[0] == answers[1]
