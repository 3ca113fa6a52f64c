"""Replies at a safety question that are no answer to it: a message written before the assistant's
reply reached the patient (issue 13, item 2; bot.crossing), a question about the question, and a
lone "neither"."""

from __future__ import annotations

import pytest

from bot.crossing import (
    CHOICE_OFFERED_AT,
    DELIVERY_GRACE,
    RECEIVED_AT,
    REPLIES_AFTER_TYPING,
    crossed_choice,
    crossed_reply,
    repeats_previous,
    stamp_received,
)
from bot.intake.form import Turn, fill_intake_slots
from bot.screening_form import ADVICE_FROM_UNSURE, asks_why_asked
from bot.triage import ALL_FLAG_SLOTS, UNSURE_SLOT
from tests.unit.test_safety_and_callback_answers import ANSWERS, BACK


def test_a_message_that_arrived_before_the_reply_was_made_crossed_it():
    assert crossed_reply({RECEIVED_AT: 100.0}, last_reply_at=100.5)
    assert not crossed_reply({RECEIVED_AT: 101.0}, last_reply_at=100.5)
    assert not crossed_reply({RECEIVED_AT: 101.0}, last_reply_at=None)  # nothing to cross


def test_the_widget_says_when_replies_arrived_after_typing():
    assert crossed_reply({REPLIES_AFTER_TYPING: 1}, last_reply_at=None)
    assert crossed_reply({REPLIES_AFTER_TYPING: 2, RECEIVED_AT: 200.0}, last_reply_at=100.0)
    assert not crossed_reply({REPLIES_AFTER_TYPING: 0, RECEIVED_AT: 200.0}, last_reply_at=100.0)


@pytest.mark.parametrize(
    "metadata",
    [None, {}, {RECEIVED_AT: "soon"}, {RECEIVED_AT: True}, {REPLIES_AFTER_TYPING: True},
     {REPLIES_AFTER_TYPING: "3"}, {REPLIES_AFTER_TYPING: -1}, {RECEIVED_AT: None}],
)
def test_missing_or_malformed_metadata_crosses_nothing(metadata):
    assert not crossed_reply(metadata, last_reply_at=100.0)


def test_an_sms_number_chosen_from_buttons_older_than_the_latest_crossed_them():
    """Review: Rasa stamps a reply before sending it and the SMS channel keeps its numbered
    choices as it sends it; a "2" arriving in between came after the stamp, yet chose from
    the question before. The offer's own time tells."""
    assert crossed_choice({CHOICE_OFFERED_AT: 100.0, RECEIVED_AT: 101.0}, buttons_at=100.5)
    assert not crossed_choice({CHOICE_OFFERED_AT: 100.6}, buttons_at=100.5)
    assert not crossed_choice({CHOICE_OFFERED_AT: 100.0}, buttons_at=None)
    for malformed in (None, {}, {CHOICE_OFFERED_AT: "x"}, {CHOICE_OFFERED_AT: True}):
        assert not crossed_choice(malformed, buttons_at=100.5)


def test_an_sms_arriving_within_the_delivery_grace_crossed_the_reply():
    """Review: "no", then "2" two seconds later: the reply was made, not yet on the phone."""
    assert crossed_reply({RECEIVED_AT: 102.0, DELIVERY_GRACE: 3.0}, last_reply_at=100.0)
    assert not crossed_reply({RECEIVED_AT: 103.5, DELIVERY_GRACE: 3.0}, last_reply_at=100.0)
    assert not crossed_reply({RECEIVED_AT: 102.0}, last_reply_at=100.0)  # the widget: none
    for odd in (True, "3", -1, 3600):  # malformed or absurd: no grace
        assert not crossed_reply({RECEIVED_AT: 102.0, DELIVERY_GRACE: odd}, last_reply_at=100.0)


def test_the_server_stamp_replaces_one_a_client_sent():
    assert stamp_received({"message_id": "m-1", RECEIVED_AT: 1.0}, 5.0) == {
        "message_id": "m-1", RECEIVED_AT: 5.0,
    }
    assert stamp_received(None, 5) == {RECEIVED_AT: 5.0}


@pytest.mark.parametrize("slot", sorted(ALL_FLAG_SLOTS))
@pytest.mark.parametrize(("text", "intent", "value"), ANSWERS)
def test_a_crossed_yes_or_no_leaves_the_safety_question_open(slot, text, intent, value):
    updates = fill_intake_slots(Turn(text, intent, 0.95, {}, crossed=True), slot, dict(BACK))
    assert updates.get(slot) is None and not updates.get("red_flag_advice")
    assert slot not in (updates.get(UNSURE_SLOT) or [])
    assert updates["raw_answers"] == {"message": [text]}  # kept, but never as this answer
    # The same words once the question was seen are its answer.
    seen = fill_intake_slots(Turn(text, intent, 0.95, {}), slot, dict(BACK))
    assert seen[slot] is value and seen["raw_answers"] == {slot: [text]}


@pytest.mark.parametrize("text", ["not sure", "I'd rather not say"])
def test_a_crossed_not_sure_is_no_answer_either(text):
    updates = fill_intake_slots(Turn(text, "deny", 0.9, {}, crossed=True), "rf_weakness", BACK)
    assert updates.get("rf_weakness") is None and not updates.get(UNSURE_SLOT)


def test_a_symptom_a_crossed_message_states_still_counts():
    # Stating the symptom is no reply to a question: whenever it was written, it is a yes.
    turn = Turn("my legs keep giving way", "describe_pain", 0.9, {}, crossed=True)
    updates = fill_intake_slots(turn, "rf_weakness", dict(BACK))
    assert updates["rf_weakness"] is True and updates["red_flag_advice"]


WHY = [
    "why do u need to know that", "Why are you asking me this?", "why",
    "what does that have to do with my back", "what's that got to do with my knee?",
    "what is this for", "how is that relevant",
]
NOT_WHY = ["no", "not sure", "no, why not", "I fell last week", "what for lunch", "yes"]


@pytest.mark.parametrize("text", WHY)
def test_a_question_about_the_safety_question_asks_why(text):
    assert asks_why_asked(text)


@pytest.mark.parametrize("text", NOT_WHY[:4] + NOT_WHY[5:])
def test_answers_do_not_ask_why(text):
    assert not asks_why_asked(text)


@pytest.mark.parametrize("slot", sorted(ALL_FLAG_SLOTS))
@pytest.mark.parametrize("text", ["neither", "Neither of those.", "neither really"])
def test_a_lone_neither_gets_the_clarifying_question_never_a_no(slot, text):
    updates = fill_intake_slots(Turn(text, "none_of_these", 0.99, {}), slot, dict(BACK))
    assert updates.get(slot) is None and updates["slot_followup"] == slot


def test_advice_from_not_sure_alone_says_so():
    """Patient newcomer test: "not sure" twice, or "I'd rather not say", got "Thank you for
    telling me. These symptoms need a doctor's check today", for symptoms never named."""
    slots = {**BACK, "slot_followup": "rf_bladder_bowel"}
    unsure = fill_intake_slots(Turn("not sure", "deny", 0.9, {}), "rf_bladder_bowel", slots)
    assert unsure["red_flag_advice"] and unsure[ADVICE_FROM_UNSURE] is True
    yes = fill_intake_slots(Turn("yes", "affirm", 0.9, {}), "rf_bladder_bowel", dict(BACK))
    assert yes["red_flag_advice"] and yes[ADVICE_FROM_UNSURE] is False


def test_each_not_sure_advice_names_no_symptom_and_keeps_its_urgency():
    import yaml

    from bot.settings import ROOT

    responses = yaml.safe_load((ROOT / "domain.yml").read_text())["responses"]
    for name in ("utter_redflag_emergency", "utter_redflag_doctor_today"):
        [unsure] = [v for v in responses[name]
                    if {"name": ADVICE_FROM_UNSURE, "type": "slot", "value": True}
                    in v.get("condition", [])]  # fmt: skip
        assert "symptoms" not in unsure["text"] and "telling me" not in unsure["text"]
        assert "911" in unsure["text"]
    assert "emergency department" in responses["utter_redflag_emergency"][0]["text"]


@pytest.mark.parametrize(
    ("text", "previous", "repeats"),
    [("yes my calf is swollen", "yes my calf is swollen", True),
     ("Yes my calf  is swollen ", "yes my calf is swollen", True),
     ("no", "no", False), ("no not at all", "no not at all", False),
     ("not sure really", "not sure really", False),
     ("yes my calf is swollen", "my calf is swollen", False), ("yes", None, False)],
)  # fmt: skip
def test_a_symptom_told_twice_in_the_same_words_is_a_repeat(text, previous, repeats):
    """Third newcomer pass: "yes my calf is swollen" sent twice answered the next safety
    question (breathlessness) with its "yes", and the patient was told to call 911. Two plain
    answers in the same words are two answers."""
    assert repeats_previous(text, previous) is repeats


def test_a_repeated_symptom_leaves_the_next_safety_question_open():
    slots = {**BACK, "requested_slot": "rf_clot_breathing"}
    turn = Turn("yes my calf is swollen", "affirm", 0.99, crossed=True, repeated=True)
    updates = fill_intake_slots(turn, "rf_clot_breathing", slots)
    assert updates.get("rf_clot_breathing") is None, updates
