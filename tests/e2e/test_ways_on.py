"""Ways on that a patient always has (issue 13, newcomer tests), over REST with the real servers:

- Stopping at any question leaves the clinic's number, and after urgent advice the advice too.
- "hmm let me check" at the booking-code question gets time to look, not the general fallback.
- A no to the crisis check keeps 988 in view.
- "Is my appointment still on?" after the urgent advice cancelled it says so.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from actions.common import clinic_facts
from bot.db import make_engine, make_session_factory, unit_of_work
from bot.frontdesk.contact_edit import checked_contact, correct_contact
from tests.e2e.harness import query
from tests.e2e.test_booking_dialogue import (
    FALLBACK,
    _book,
    _by_code,
    _ends_with,
    _say,
    _sender,
    _start,
    _status,
    _text,
    _to_offer,
)
from tests.e2e.test_warning_signs import _asked
from tests.screen import screen_answers

pytestmark = pytest.mark.e2e


def _phone(profile) -> str:  # type: ignore[no-untyped-def]
    return clinic_facts(profile)["clinic_phone"]


@pytest.mark.parametrize("stop", ["stop", "Stop."])
def test_stop_at_the_phone_question_leaves_the_clinic_number(servers, profile, stop):
    me = _sender()
    _to_offer(servers, me)
    for message in ("yes", "mornings", "1", "Sam Rivera"):
        _say(servers, me, message)
    replies = _say(servers, me, stop)
    joined = " ".join(replies)
    assert _phone(profile) in joined and "stopped" in joined, replies


def test_stop_after_urgent_advice_repeats_the_advice_and_the_way_to_reach_the_clinic(
    servers, profile
):
    me = _sender()
    _say(servers, me, "my lower back has hurt for 3 weeks and I can't bend")
    _say(servers, me, "5")
    *noes, yes = screen_answers("rf_bladder_bowel")
    for no in noes:
        _say(servers, me, no)
    advice = " ".join(_say(servers, me, yes))
    assert "emergency department" in advice and "What name should the front desk use" in advice
    stopped = " ".join(_say(servers, me, "stop"))
    assert "follow the advice above" in stopped and "911" in stopped, stopped
    assert _phone(profile) in stopped
    # 988 is the crisis line: a patient who said nothing of a crisis was told to call it
    # (patient newcomer test).
    assert "988" not in stopped, stopped
    after = " ".join(_say(servers, me, "ok thanks"))
    assert "book" not in after.lower(), after  # still the advice, never the booking path
    # "thank you" is answered, and the advice follows (it got a bare "You're welcome")
    thanks = _say(servers, me, "thank you")
    assert thanks[0].startswith(_start("utter_you_are_welcome")), thanks
    assert "follow the advice above" in " ".join(thanks[1:]), thanks


def test_why_after_urgent_advice_says_why_then_asks_the_name_again(servers):
    """Patient newcomer test (SMS): "why?" after "go to an emergency department now" got the
    reason for asking the name."""
    me = _sender()
    _say(servers, me, "my lower back has hurt for 3 weeks and I can't bend")
    _say(servers, me, "5")
    *noes, yes = screen_answers("rf_bladder_bowel")
    for no in noes:
        _say(servers, me, no)
    assert "emergency department" in " ".join(_say(servers, me, yes))
    why = _say(servers, me, "why?")
    assert why[0].startswith(_start("utter_why_urgent_advice")), why
    assert "What name should the front desk use" in why[-1], why


@pytest.mark.parametrize("wait", ["hmm let me check", "hold on, one sec", "let me look it up"])
def test_asking_for_a_moment_at_the_code_question_gets_time_then_the_code_works(servers, wait):
    phone = "646 555 0177"
    code = _book(servers, phone)
    me = _sender()
    _ends_with(_say(servers, me, "when is my appointment?"), "utter_ask_booking_code")
    replies = servers.texts(me, wait)
    assert not any(r.startswith(FALLBACK) for r in replies), replies
    assert replies[-1].startswith("Take your time"), replies
    _ends_with(_say(servers, me, code), "utter_ask_manage_form_phone")
    _ends_with(_say(servers, me, phone), "utter_booking_details")


def test_a_no_at_the_crisis_check_keeps_988_in_view(servers):
    me = _sender()
    _say(servers, me, "hi")
    servers.texts(me, "what's the point of any of it anymore")
    after = " ".join(_say(servers, me, "no"))
    assert "988" in after and "how long" in after.lower(), after
    assert _start("utter_crisis").split(":")[0] not in after


def test_not_a_name_after_the_crisis_answer_gets_988_then_the_question(servers):
    """"I don't know what to do" at the name question after the crisis answer got the name's
    reason, not 988 (issue 13 newcomer test)."""
    me = _sender()
    _say(servers, me, "hi")
    _say(servers, me, "I want to kill myself")
    asked = " ".join(_say(servers, me, "please call me"))
    assert "name" in asked, asked
    replies = " ".join(_say(servers, me, "I don't know what to do"))
    assert "988" in replies and "What name should the front desk use" in replies, replies
    assert "I need a name" not in replies


@pytest.mark.parametrize(
    "correction", ["actually it's only been 2 weeks", "sorry I meant 2 weeks not 4 months"]
)
def test_a_correction_at_the_time_question_changes_the_intake_not_the_time(servers, correction):
    """"actually it's only been 2 weeks" at "when suits you?" was kept as the time preference
    and a chronic assessment was booked for acute pain (issue 13 newcomer test)."""
    me = _sender()
    _to_offer(servers, me)  # a right knee for about 4 months: chronic
    _say(servers, me, "yes")
    replies = _say(servers, me, correction)
    read_back = " ".join(replies)
    assert "Here's what I have" in read_back and "2 weeks" in read_back, replies
    assert "4 months" not in read_back
    _ends_with(_say(servers, me, "yes"), "utter_offer_booking")
    for message in ("yes", "mornings", "1", "Sam Rivera", "646 555 0155", "skip"):
        _say(servers, me, message)
    _ends_with(_say(servers, me, "yes"), "utter_booking_confirmed")
    rows = query(servers.database_url,
                 "SELECT b.appointment_type_id, i.pain_class FROM bookings b "
                 "JOIN intakes i ON i.id = b.intake_id WHERE b.conversation_id = :c",
                 c=me)  # fmt: skip
    assert [(r["appointment_type_id"], r["pain_class"]) for r in rows] == [
        ("acute_assessment", "acute")
    ], rows


def test_a_score_in_the_first_message_is_not_asked_for_again(servers):
    me = _sender()
    replies = " ".join(
        _say(servers, me, "my right knee has hurt for about 4 months, a 7 out of 10, stairs")
    )
    assert "how bad is it right now" not in replies, replies
    for _ in screen_answers():
        if "Here's what I have" in replies:
            break
        replies = " ".join(_say(servers, me, "no"))
    assert "7 out of 10" in replies, replies


def test_an_email_at_the_phone_question_is_asked_again_for_a_number(servers):
    """It got the first-visit answer (front-desk newcomer test): an answer of the wrong type
    gets the question's own re-ask."""
    me = _sender()
    _to_offer(servers, me)
    for message in ("yes", "mornings", "1", "Sam Rivera"):
        _say(servers, me, message)
    replies = _say(servers, me, "tom.obrien@example.com")
    assert "doesn't look like a phone number" in replies[-1], replies
    assert "first visit" not in " ".join(replies).lower()
    _say(servers, me, "646 555 0188")


HELD = "SELECT count(*) AS n FROM holds WHERE conversation_id = :c"


@pytest.mark.parametrize("leave", [["stop"], ["start over", "start again"]])
def test_stopping_after_choosing_a_time_frees_it_for_others(servers, leave):
    """A stopped chat kept its chosen time from every other patient until the hold lapsed
    (front-desk newcomer test). Starting again frees it once confirmed."""
    me = _sender()
    _to_offer(servers, me)
    for message in ("yes", "mornings", "1"):
        _say(servers, me, message)
    assert query(servers.database_url, HELD, c=me)[0]["n"] >= 1
    for message in leave:
        replies = _say(servers, me, message)
    assert query(servers.database_url, HELD, c=me)[0]["n"] == 0
    if leave[0] == "start over":
        assert replies == [_text("utter_restarted")], replies


def test_booking_again_after_stop_offers_times_again(servers):
    """Pass I: after "stop" freed the chosen time, "book an appointment" went straight to the
    name and booked the old time unasked (or said it was taken after every detail)."""
    me = _sender()
    _to_offer(servers, me)
    for message in ("yes", "mornings", "1", "stop"):
        _say(servers, me, message)
    joined = "\n".join(_say(servers, me, "book an appointment"))
    assert "What name should the front desk use" not in joined, joined
    assert "What days or times suit you" in joined or re.search(r"^1\) ", joined, re.M), joined


def test_start_over_mid_booking_asks_first_and_the_booking_goes_on(servers):
    """Issue 13 leftover: "start over" typed halfway through a booking cleared every answer
    without asking. It now says what starting again would clear, asks the open question again,
    and keeps the chosen time."""
    me = _sender()
    _to_offer(servers, me)
    for message in ("yes", "mornings", "1"):
        _say(servers, me, message)
    replies = _say(servers, me, "start over")
    assert replies[0] == _text("utter_restart_offer"), replies
    assert "What name should the front desk use" in replies[-1], replies
    assert query(servers.database_url, HELD, c=me)[0]["n"] >= 1
    phone = f"646 555 {int(me[-4:], 16) % 10000:04d}"
    for message in ("Sam Rivera", phone, "skip"):
        _say(servers, me, message)
    _ends_with(_say(servers, me, "yes"), "utter_booking_confirmed")


@pytest.mark.parametrize("reply", ["yes please", "no, don't start over"])
def test_a_reply_to_the_start_again_offer_at_a_safety_question_is_no_answer_to_it(servers, reply):
    """Pass I: after the offer, "yes please" was a yes to the leg-weakness question (emergency
    advice, and no way back), and "no, don't start over" cleared every answer. Either gets
    the question again, answers kept."""
    me = _sender()
    _say(servers, me, "my lower back has hurt for 3 weeks, bending is hard")
    question = " ".join(_say(servers, me, "5"))
    slot = _asked(question)
    assert slot, question
    assert _say(servers, me, "start over")[0] == _text("utter_restart_offer")
    again = " ".join(_say(servers, me, reply))
    assert _asked(again) == slot, again
    assert "emergency" not in again and _text("utter_restarted") not in again, again


def test_start_over_at_the_offer_to_book_asks_first_and_offers_again(servers):
    """Outside a form, the offer is followed by the question that was open, buttons and all."""
    me = _sender()
    _to_offer(servers, me)
    replies = servers.chat(me, "start over")
    assert replies[0]["text"] == _text("utter_restart_offer"), replies
    assert replies[-1]["text"].startswith(_start("utter_offer_booking")), replies
    assert replies[-1].get("buttons"), replies
    assert "morning" in " ".join(_say(servers, me, "yes")).lower()


@pytest.mark.parametrize("again", ["start over", "yes, start again"])
def test_start_over_said_twice_starts_again(servers, again):
    me = _sender()
    _say(servers, me, "my right knee has hurt for 4 months")
    assert _say(servers, me, "start over")[0] == _text("utter_restart_offer")
    assert _say(servers, me, again) == [_text("utter_restarted")]
    assert "How long" in " ".join(_say(servers, me, "my left shoulder hurts"))


@pytest.mark.parametrize("reply", ["never mind", "oops, my mistake"])
def test_never_mind_at_the_start_again_offer_goes_back_to_the_question(servers, reply):
    """Pass I: "never mind" at the offer to start again stopped the intake."""
    me = _sender()
    _say(servers, me, "my lower back has hurt for 3 weeks, bending is hard")
    question = " ".join(_say(servers, me, "5"))
    slot = _asked(question)
    assert _say(servers, me, "start over")[0] == _text("utter_restart_offer")
    again = " ".join(_say(servers, me, reply))
    assert _asked(again) == slot, again
    assert "stopped" not in again and _text("utter_restarted") not in again, again


@pytest.mark.parametrize(
    "said", ["begin new please", "i want to start fresh", "Clear chat", "clear chat"]
)
def test_other_words_for_starting_again_start_again(servers, said):
    """Pass I: "begin new please" was taken as the patient's name, "i want to start fresh" as
    an answer; the widget's "Clear chat", typed, became a name."""
    me = _sender()
    _say(servers, me, "my right knee has hurt for 4 months")
    assert _say(servers, me, said)[0] == _text("utter_restart_offer")
    assert _say(servers, me, said) == [_text("utter_restarted")]


def test_starting_again_after_a_mentioned_sign_keeps_one_flagged_intake(servers):
    """Pass I: a restart after a warning sign was only mentioned left staff two intakes, the
    flag without a phone number and the number without the flag. The same intake goes on, the
    sign stays flagged, and its question is asked again."""
    me = _sender()
    first = _say(servers, me, "my calf is swollen and hot since my knee surgery 2 weeks ago")
    clot_question = _asked(first[-1])
    assert _red_flags(servers, me) == ["dvt_unconfirmed"]
    assert _say(servers, me, "start over")[0] == _text("utter_restart_offer")
    assert _say(servers, me, "start over") == [_text("utter_restarted")]
    asked = _say(servers, me, "my knee has hurt for 2 weeks, stairs are hard, about a 5")
    for _ in range(6):
        if _asked(asked[-1]) == clot_question:
            break
        asked = _say(servers, me, "right" if "left" in asked[-1] else "walking")
    else:
        pytest.fail(f"the clot question never came back: {asked}")
    rows = query(servers.database_url,
                 "SELECT red_flags FROM intakes WHERE conversation_id = :c", c=me)
    assert len(rows) == 1, rows
    assert _red_flags(servers, me) == ["dvt_unconfirmed"]


@pytest.mark.parametrize(
    "answer", ["yes, I've had dizziness and double vision", "I've had some double vision"]
)
def test_a_symptom_at_the_neck_question_gets_the_advice_not_the_crisis_check(servers, answer):
    """The classifier read it as a crisis: the crisis check came instead of the advice, and
    after "no" the answer was lost (front-desk newcomer test)."""
    me = _sender()
    replies = _say(servers, me, "my neck has hurt for 3 weeks and I can't sleep, about 5/10")
    for _ in range(12):  # the screen, up to the neck's vascular question
        if "double vision" in replies[-1]:
            break
        replies = _say(servers, me, "no")
    assert "double vision" in replies[-1], replies
    advice = " ".join(_say(servers, me, answer))
    assert "emergency department" in advice, advice
    assert "hurting yourself" not in advice


def test_a_later_time_at_the_time_question_is_a_time_not_a_score(servers):
    """"actually can i do afternoon instead, after 2" at the offered times made the score 2
    and read the intake back (patient newcomer test)."""
    me = _sender()
    _to_offer(servers, me)
    _say(servers, me, "yes")
    _say(servers, me, "mornings")
    replies = " ".join(_say(servers, me, "actually can i do afternoon instead, after 2"))
    assert "Here's what I have" not in replies and "2 out of 10" not in replies, replies
    rows = query(servers.database_url,
                 "SELECT pain_score FROM intakes WHERE conversation_id = :c", c=me)  # fmt: skip
    assert [r["pain_score"] for r in rows] == [6]


def test_a_question_back_at_the_clot_question_is_asked_again_never_a_no(servers):
    """"so can i book or not" at the calf question was read as a no: the clot flag dropped and
    the patient was booked (patient newcomer test)."""
    me = _sender()
    asked = _say(servers, me, "I had a knee replacement 2 weeks ago and now my calf is swollen "
                              "and hot")  # fmt: skip
    for _ in range(6):  # up to the calf question (the intake may ask a detail first)
        if "calf or leg" in asked[-1]:
            break
        breathing = "short of breath" in asked[-1]
        asked = _say(servers, me, "no" if breathing else "walking, about a 5")
    assert "calf or leg" in asked[-1], asked
    again = _say(servers, me, "so can i book or not")
    assert "calf or leg" in again[-1] and "book" not in again[-1].lower(), again
    advice = " ".join(_say(servers, me, "yes"))
    assert "doctor" in advice and "today" in advice, advice


def test_after_the_booking_a_yes_gets_where_things_stand(servers):
    """After booking, "ok cool" got "Sorry, I didn't understand" (patient newcomer test)."""
    me = _sender()
    _to_offer(servers, me)
    for message in ("yes", "mornings", "1", "Sam Rivera", "646 555 0166", "skip"):
        _say(servers, me, message)
    _ends_with(_say(servers, me, "yes"), "utter_booking_confirmed")
    _ends_with(_say(servers, me, "ok cool"), "utter_after_booked")
    moved = _say(servers, me, "actually can i move it to thursday")
    assert not any(r.startswith(FALLBACK) for r in moved), moved


@pytest.mark.parametrize(
    "asked", ["when is my appointment?", "is my booking still on?", "I need to reschedule"]
)
def test_a_booking_question_while_booking_says_it_is_being_booked(servers, asked):
    """At the name question of a first booking, "when is my appointment?" asked for a booking
    code, and "thx" then got "That doesn't look like a booking code" (patient newcomer test)."""
    me = _sender()
    _to_offer(servers, me)
    for message in ("yes", "mornings", "1"):
        _say(servers, me, message)
    replies = _say(servers, me, asked)
    assert replies[0].startswith("You don't have a booking in this chat yet"), replies
    assert "booking code" not in " ".join(replies)
    _ends_with(replies, "utter_ask_patient_name")
    _ends_with(_say(servers, me, "Sam Rivera"), "utter_ask_phone")


def test_another_offered_time_after_choosing_one_is_held_instead(servers):
    """"wait no, make it the 3rd one" at the name question got "I need a name", and the first
    choice was booked (patient newcomer test)."""
    me = _sender()
    _to_offer(servers, me)
    _say(servers, me, "yes")
    offers = _say(servers, me, "mornings")
    third = re.search(r"^3\) (.+)$", "\n".join(offers), flags=re.MULTILINE).group(1)
    _say(servers, me, "1")
    changed = _say(servers, me, "wait no, make it the 3rd one")
    assert changed[0] == f"OK, I've changed your time to {third}.", changed
    _ends_with(changed, "utter_ask_patient_name")
    for message in ("Sam Rivera", "646 555 0199", "skip"):
        _say(servers, me, message)
    confirmed = _ends_with(_say(servers, me, "yes"), "utter_booking_confirmed")
    assert third.split(" with ")[0].split(", ")[-1] in confirmed, (third, confirmed)


@pytest.mark.parametrize("leave", ["stop", "I want to stop"])
def test_stopping_after_mentioning_a_warning_sign_leaves_it_flagged_for_staff(servers, leave):
    """A patient who mentions a swollen, hot calf after surgery and stops at the first
    question is not lost: the intake is saved with the sign mentioned and not confirmed, which
    puts it in the console's call-back list (signed-SMS newcomer test: no intake at all)."""
    me = _sender()
    asked = _say(servers, me, "my calf is swollen and hot since my knee surgery")
    assert asked[-1].rstrip().endswith("?"), asked
    stopped = " ".join(_say(servers, me, leave))
    assert "stopped" in stopped, stopped
    (row,) = query(
        servers.database_url, "SELECT red_flags FROM intakes WHERE conversation_id = :c", c=me
    )
    flags = row["red_flags"]
    flags = json.loads(flags) if isinstance(flags, str) else flags
    assert "dvt_unconfirmed" in flags, flags


def _red_flags(servers, me: str) -> list[str] | None:  # type: ignore[no-untyped-def]
    rows = query(
        servers.database_url, "SELECT red_flags FROM intakes WHERE conversation_id = :c", c=me
    )
    if not rows:
        return None
    flags = rows[0]["red_flags"]
    return json.loads(flags) if isinstance(flags, str) else flags


def test_a_warning_sign_is_with_the_front_desk_before_any_answer_and_after_the_nos(servers):
    """A patient who mentions a warning sign and leaves without another word is in the
    call-back list; answering no to the questions their own words answered yes leaves a label
    for staff to check ("Said in their own words, then answered no"), with no advice: the nos
    cleared it, and a swollen hot calf after a flight was booked with nothing for staff to see
    (patient newcomer test)."""
    me = _sender()
    asked = _say(servers, me, "my calf is swollen and hot since my knee surgery 2 weeks ago")
    assert _red_flags(servers, me) == ["dvt_unconfirmed"]
    for _ in range(12):  # "no" to each safety question, the intake's own answers otherwise
        if "Did I get that right?" in asked[-1]:
            break
        # A no against the patient's own words is asked once more, in its clarifying words.
        asked = _say(servers, me, "no" if _asked(asked[-1]) else "walking, about a 5")
    else:
        pytest.fail(f"no read-back: {asked}")
    assert _red_flags(servers, me) == ["dvt_denied"]


# The answers up to the end of the booking, and how many of them come before each question.
BOOKING_ANSWERS = ("yes", "mornings", "1", "Sam Rivera", "646 555 0199", "skip", "yes")
ASKED_AFTER = {"utter_ask_phone": 4, "utter_ask_booking_email": 5, "utter_ask_sms_consent": 6}


@pytest.mark.parametrize(
    ("question", "asked"),
    [("utter_ask_sms_consent", "can i come friday instead?"),
     ("utter_ask_booking_email", "thursday afternoon"),
     ("utter_ask_phone", "monday morning would be better")],
)  # fmt: skip
def test_another_day_after_choosing_a_time_gets_fresh_times_then_the_question(
    servers, question, asked
):
    """A day or time asked for after choosing one got a booking-code question, "Hello again!"
    or the crisis check ("... would be better"): patient newcomer test. It gets fresh times that
    fit, then the question it interrupted, and the booking is on the new day."""
    me = _sender()
    _to_offer(servers, me)
    before = ASKED_AFTER[question]
    for message in BOOKING_ANSWERS[: before - 1]:
        _say(servers, me, message)
    _ends_with(_say(servers, me, BOOKING_ANSWERS[before - 1]), question)
    offered = _say(servers, me, asked)
    day = re.search(r"monday|thursday|friday", asked).group(0).capitalize()
    if offered[0].startswith(f"OK, I've changed your time to {day[:3]}"):
        # One of the times offered first was on that day (which ones depends on the clock):
        # it is held instead, and the question asked again.
        _ends_with(offered, question)
    else:
        lines = re.findall(r"^\d\) (.+)$", "\n".join(offered), flags=re.MULTILINE)
        assert lines and all(line.startswith(day[:3]) for line in lines), offered
        _ends_with(_say(servers, me, "1"), question)
    for message in BOOKING_ANSWERS[before:-1]:
        _say(servers, me, message)
    confirmed = _ends_with(_say(servers, me, "yes"), "utter_booking_confirmed")
    assert f"When: {day}" in confirmed, confirmed


@pytest.mark.parametrize("said", ["thursday afternoon", "monday morning would be better"])
def test_a_day_after_the_booking_gets_where_things_stand(servers, said):
    """After the booking, "thursday afternoon" started a new intake with the whole greeting, and
    "monday morning would be better" got the crisis check (patient newcomer test)."""
    me = _sender()
    _to_offer(servers, me)
    for message in ("yes", "mornings", "1", "Sam Rivera", "646 555 0199", "skip"):
        _say(servers, me, message)
    _ends_with(_say(servers, me, "yes"), "utter_booking_confirmed")
    _ends_with(_say(servers, me, said), "utter_after_booked")


def test_a_reschedule_that_names_the_day_offers_that_day(servers):
    me = _sender()
    _to_offer(servers, me)
    for message in ("yes", "mornings", "1", "Sam Rivera", "646 555 0199", "skip"):
        _say(servers, me, message)
    _ends_with(_say(servers, me, "yes"), "utter_booking_confirmed")
    offered = _say(servers, me, "I want to reschedule to thursday afternoon")
    lines = re.findall(r"^\d\) (.+)$", "\n".join(offered), flags=re.MULTILINE)
    assert lines and all(line.startswith("Thu") for line in lines), offered
    assert all(re.search(r"\b(1[2-9]|[1-5]):\d\d PM", line) for line in lines), offered


def _contact_row(servers, me: str) -> dict:  # type: ignore[no-untyped-def]
    (row,) = query(
        servers.database_url,
        "SELECT status, patient_name, phone, email FROM intakes WHERE conversation_id = :c",
        c=me,
    )
    return row


@pytest.mark.parametrize(
    ("declined", "email"),
    [("I'd rather not give my number", None), ("no", None),
     ("I don't have a phone, email me at dana.k@example.com", "dana.k@example.com")],
)  # fmt: skip
def test_an_urgent_patient_can_decline_the_phone_question(servers, profile, declined, email):
    """After the emergency advice, "I'd rather not give my number", "no" or an email instead
    got the advice and the same question again, three times in a row (front-desk newcomer
    test). The answer is taken: the patient is told how to reach the clinic, and the front desk
    has the urgent intake with whatever there is (the email)."""
    me = _sender()
    _say(servers, me, "my lower back has hurt for 3 weeks and I can't bend")
    _say(servers, me, "5")
    *noes, yes = screen_answers("rf_bladder_bowel")
    for no in noes:
        _say(servers, me, no)
    _say(servers, me, yes)
    _ends_with(_say(servers, me, "Dana"), "utter_ask_phone")
    # The name is with the front desk at once (it showed "Anonymous patient" meanwhile).
    assert _contact_row(servers, me)["patient_name"] == "Dana"
    saved = " ".join(_say(servers, me, declined))
    assert "follow the advice above" in saved and _phone(profile) in saved, saved
    assert "can't call you" in saved and "phone number" not in saved.split("call you")[-1]
    row = _contact_row(servers, me)
    assert (row["status"], row["patient_name"], row["phone"], row["email"]) == (
        "urgent", "Dana", None, email
    )


@pytest.mark.parametrize("declined", ["no", "I'd rather not", "nope, no name"])
def test_an_urgent_patient_can_decline_the_name_question(servers, profile, declined):
    """After the advice, "no" to "What name should the front desk use for you?" got the
    advice and the same question again (patient newcomer test). The number is asked next, and
    a second "no" ends the questions with how to reach the clinic; nothing is asked again."""
    me = _sender()
    _say(servers, me, "my lower back has hurt for 3 weeks and I can't bend")
    _say(servers, me, "5")
    *noes, yes = screen_answers("rf_bladder_bowel")
    for no in noes:
        _say(servers, me, no)
    _ends_with(_say(servers, me, yes), "utter_ask_patient_name")
    _ends_with(_say(servers, me, declined), "utter_ask_phone")
    saved = " ".join(_say(servers, me, "no"))
    assert "follow the advice above" in saved and _phone(profile) in saved, saved
    assert "name" not in saved and "there" not in saved, saved
    row = _contact_row(servers, me)
    assert (row["status"], row["patient_name"], row["phone"]) == ("urgent", None, None)
    after = " ".join(_say(servers, me, "ok"))
    assert "What name" not in after and "phone number" not in after, after


def test_declining_a_safety_question_about_a_described_sign_is_never_a_no(servers):
    """"I'd rather not say" at the bladder question, after "I can't control my bladder", was
    read as a no: the sign vanished, the console dropped the flag and the patient was offered
    a booking (newcomer test). The patient's own words stand, with their advice, at once (a "not
    sure" twice to a sign the patient described got the milder advice: second newcomer test;
    "idk" three times to chest pain now delayed the 911 advice: a later newcomer test)."""
    me = _sender()
    asked = _say(servers, me, "my back hurts and since yesterday I can't control my bladder")
    assert "bladder" in asked[-1], asked
    advice = " ".join(_say(servers, me, "I'd rather not say"))
    assert "emergency department" in advice and "book" not in advice.lower(), advice
    assert "bladder_bowel" in (_red_flags(servers, me) or []), _red_flags(servers, me)


def test_a_day_and_time_at_the_name_question_gets_fresh_times(servers):
    """"thursday afternoon" at the name question became the patient's name, and the booking
    was made under it (newcomer test)."""
    me = _sender()
    _to_offer(servers, me)
    for message in ("yes", "mornings"):
        _say(servers, me, message)
    _ends_with(_say(servers, me, "2"), "utter_ask_patient_name")
    offered = _say(servers, me, "thursday afternoon")
    lines = re.findall(r"^\d\) (.+)$", "\n".join(offered), flags=re.MULTILINE)
    assert lines and all(line.startswith("Thu") and " PM " in line for line in lines), offered
    _ends_with(_say(servers, me, "1"), "utter_ask_patient_name")


def test_after_staff_correct_the_name_the_chat_uses_it(servers):
    """Staff saved "Jon Smith" for a patient who typed "Jon Smiht"; "talk to a person" then
    thanked "Jon Smiht" and (before intakes.contact_corrected_at) wrote the typo back."""
    me = _sender()
    _say(servers, me, "my lower back has hurt for about 4 months and I can't sit through work")
    _say(servers, me, "talk to a person")
    _say(servers, me, "Jon Smiht")
    _say(servers, me, "646 555 0123")
    (row,) = query(servers.database_url, "SELECT id FROM intakes WHERE conversation_id = :c", c=me)
    engine = make_engine(servers.database_url)
    try:
        with unit_of_work(make_session_factory(engine)) as session:
            details = checked_contact("Jon Smith", "646 555 0123", None)
            correct_contact(session, row["id"], details, dt.datetime.now(dt.timezone.utc))
    finally:
        engine.dispose()
    thanked = " ".join(_say(servers, me, "talk to a person"))
    assert "Jon Smith." in thanked and "Smiht" not in thanked, thanked
    assert _contact_row(servers, me)["patient_name"] == "Jon Smith"


@pytest.mark.parametrize("said", ["no", "none", "nope thats all", "nah im good"])
def test_a_no_after_the_booking_closes_politely(servers, said):
    """"no", "none" or "nope thats all" after a finished flow got "Sorry, I didn't understand",
    and "nah im good" the notice that the assistant reads only English (patient newcomer
    test)."""
    me = _sender()
    _to_offer(servers, me)
    for message in ("yes", "mornings", "1", "Sam Rivera", "646 555 0199", "skip"):
        _say(servers, me, message)
    _ends_with(_say(servers, me, "yes"), "utter_booking_confirmed")
    replies = _say(servers, me, said)
    assert not any(r.startswith(FALLBACK) for r in replies), replies
    assert not any("only read and write English" in r for r in replies), replies


@pytest.mark.parametrize(
    ("at", "keep"),
    [("preference", "actually no, keep my current appointment"),
     ("offer", "I don't want to reschedule anymore")],
)  # fmt: skip
def test_a_reschedule_can_be_called_off_and_the_booking_stays(servers, at, keep):
    """"actually no, keep my current appointment" while moving a booking got more times, and
    only "stop" got out (over SMS "STOP" opts the number out): patient newcomer test."""
    phone = "646 555 0177"
    code = _book(servers, phone)
    me = _sender()
    _say(servers, me, "hello")
    _ends_with(_by_code(servers, me, "I need to reschedule", code, phone),
               "utter_ask_booking_preference")  # fmt: skip
    if at == "offer":
        _say(servers, me, "afternoons")
    kept = _say(servers, me, keep)
    assert "your appointment stays as it is" in " ".join(kept), kept
    assert _status(servers, code) == "booked"
    after = _say(servers, me, "thanks")
    assert not any(r.startswith(FALLBACK) for r in after), after


def _to_urgent_name_question(servers, me: str) -> None:  # type: ignore[no-untyped-def]
    _say(servers, me, "my lower back has hurt for 3 weeks and I can't bend")
    _say(servers, me, "5")
    *noes, yes = screen_answers("rf_bladder_bowel")
    for no in noes:
        _say(servers, me, no)
    assert "What name should the front desk use" in " ".join(_say(servers, me, yes))


@pytest.mark.parametrize("bye", ["thanks, goodbye", "ok bye", "ok thank you, I have to go now"])
def test_a_goodbye_at_the_name_question_after_urgent_advice_ends_with_the_advice(
    servers, profile, bye
):
    """Patient newcomer test: "thanks, goodbye" after red-flag advice got the name question again
    (a goodbye while any question is open ends the questions kindly)."""
    me = _sender()
    _to_urgent_name_question(servers, me)
    replies = " ".join(_say(servers, me, bye))
    assert "What name should the front desk use" not in replies, replies
    assert "follow the advice above" in replies and _phone(profile) in replies, replies


@pytest.mark.parametrize("bye", ["bye for now", "gtg, talk later"])
def test_a_goodbye_in_the_middle_of_the_intake_ends_it_with_the_clinic_number(
    servers, profile, bye
):
    me = _sender()
    asked = _say(servers, me, "my right knee has hurt for about 4 months")
    replies = " ".join(_say(servers, me, bye))
    assert _phone(profile) in replies and asked[-1] not in replies, replies


@pytest.mark.parametrize(
    "answer", ["I could kill for a good night's sleep", "what I'd give for a good night"]
)
def test_a_goodbye_reading_without_a_farewell_is_an_answer_to_the_question(servers, answer):
    """Patient newcomer test: "I could kill for a good night's sleep" at "what does the pain
    stop you doing?" was read as goodbye ("Take care")."""
    me = _sender()
    asked = " ".join(_say(servers, me, "my right knee has hurt for about 4 months, score 6"))
    assert "stop you" in asked or "What does" in asked, asked
    replies = " ".join(_say(servers, me, answer))
    assert not replies.startswith(_start("utter_goodbye")) and "stopped" not in replies, replies


@pytest.mark.parametrize("asked", ["can i still just book the appointment though, i dont have a "
                                   "doctor", "do I need a referral?"])  # fmt: skip
def test_a_referral_question_after_urgent_advice_gets_the_advice_not_direct_access(
    servers, asked
):
    """Patient newcomer test: after "see a doctor today", "can i still just book ... i dont have
    a doctor" got "you don't need a referral to see a physical therapist"."""
    me = _sender()
    _to_urgent_name_question(servers, me)
    replies = " ".join(_say(servers, me, asked))
    assert "direct access" not in replies and "without a referral" not in replies, replies
    # the advice again: after an emergency department's, its own words (newcomer test)
    assert "follow the advice above" in replies or "emergency department now" in replies, replies


@pytest.mark.parametrize("when", ["later in the week please", "anything later than 4"])
def test_a_time_with_later_in_it_is_a_time_never_a_goodbye(servers, when):
    """Review: a goodbye ends the questions, and "later" was a farewell word wherever it stood."""
    me = _sender()
    _to_offer(servers, me)
    _say(servers, me, "yes")
    replies = " ".join(_say(servers, me, when))
    assert "stopped" not in replies and "Take care" not in replies, replies
    assert "Here are the times" in replies or "closest" in replies, replies


@pytest.mark.parametrize(("first", "answer"), [
    ("Are you open on Saturdays? My wrist has hurt for 3 weeks since I fell", "Opening hours"),
    ("my lower back has hurt for 2 months. do you take medicare?", "in network"),
])  # fmt: skip
def test_a_clinic_question_beside_the_first_description_is_answered(servers, first, answer):
    """Patient newcomer test: "Are you open on Saturdays? My wrist..." started the intake and
    the question was never answered. Now the answer comes from the clinic profile, and then the
    intake's next question."""
    me = _sender()
    reply = _say(servers, me, first)
    joined = " ".join(reply)
    assert answer in joined, reply
    assert joined.index(answer) < joined.rindex("?"), reply  # a question of the intake follows
    assert "Sorry" not in joined
