"""Every flow ends on its own last message, never a fallback; booking questions in the middle of
the intake are answered and the intake goes on; "no" to the offered times is "none of these";
each question about the clinic gets its own answer. Over REST, with the real servers."""

from __future__ import annotations

import re
import uuid

import pytest
import yaml

from actions.common import clinic_facts
from bot.settings import ROOT
from tests.e2e.harness import Servers, query
from tests.screen import question, screen_answers, screen_questions

pytestmark = pytest.mark.e2e

RESPONSES = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["responses"]
FIRST_MESSAGE = "my right knee, about 4 months, stairs kill me"


def _text(name: str) -> str:
    return next(v["text"] for v in RESPONSES[name] if not v.get("condition"))


def _start(name: str) -> str:
    """The fixed opening of a response in domain.yml, up to its first {placeholder}."""
    return _text(name).split("{", 1)[0]


FALLBACK = _start("utter_default")


def _sender() -> str:
    return f"web-{uuid.uuid4().hex[:10]}"


def _say(servers: Servers, me: str, message: str) -> list[str]:
    replies = servers.texts(me, message)
    assert replies, f"no reply to {message!r}"
    assert not any(r.startswith(FALLBACK) for r in replies), (message, replies)
    return replies


def _ends_with(replies: list[str], response: str) -> str:
    """The flow's last message is `response`, and nothing (no fallback) follows it."""
    assert replies[-1].startswith(_start(response)), (response, replies)
    return replies[-1]


def _no_to_the_screen(servers: Servers, me: str, replies: list[str]) -> list[str]:
    """"no" to each red-flag question asked (the screen skips what the first message already
    answered) until the read-back; the read-back's replies."""
    for _ in screen_answers():
        if replies[-1].startswith(_start("utter_summary")):
            break
        replies = _say(servers, me, "no")
    return [_ends_with(replies, "utter_summary")]


def _to_offer(servers: Servers, me: str) -> None:
    _say(servers, me, FIRST_MESSAGE)
    _no_to_the_screen(servers, me, _say(servers, me, "6"))
    _ends_with(_say(servers, me, "yes"), "utter_offer_booking")


def _offer_lines(replies: list[str]) -> set[str]:
    return set(re.findall(r"^\d\) (.+)$", "\n".join(replies), flags=re.MULTILINE))


def _book(servers: Servers, phone: str) -> str:
    """A booking made in a chat of its own; its code."""
    me = _sender()
    _to_offer(servers, me)
    for message in ("yes", "mornings", "1", "Sam Rivera", phone, "skip"):
        _say(servers, me, message)
    confirmed = _ends_with(_say(servers, me, "yes"), "utter_booking_confirmed")
    return re.search(r"booking code is ([A-Z0-9]{3}-[A-Z0-9]{3})", confirmed).group(1)


def _status(servers: Servers, code: str) -> str:
    return query(servers.database_url, "SELECT status FROM bookings WHERE code = :c", c=code)[0][
        "status"
    ]


def _by_code(servers: Servers, me: str, opening: str, code: str, phone: str) -> list[str]:
    """Open a manage flow with `opening` and answer its code and phone questions."""
    _ends_with(_say(servers, me, opening), "utter_ask_booking_code")
    _ends_with(_say(servers, me, code.replace("-", "").lower()), "utter_ask_manage_form_phone")
    return _say(servers, me, phone)


def test_book_and_decline_each_end_on_their_own_message(servers):
    _book(servers, "646 555 0101")  # asserts the confirmation is the last message
    me = _sender()
    _to_offer(servers, me)
    _ends_with(_say(servers, me, "no"), "utter_booking_declined")


def test_look_up_cancel_and_keep_from_a_new_chat_end_without_a_fallback(servers):
    phone = "646 555 0102"
    code = _book(servers, phone)
    me = _sender()
    _ends_with(_say(servers, me, "hi"), "utter_greet")
    details = _ends_with(
        _by_code(servers, me, "when is my appointment?", code, phone), "utter_booking_details"
    )
    assert code in details
    # The code sent again at the cancel question is no yes: the question again; then a no.
    me = _sender()
    _say(servers, me, "hi")
    _ends_with(_by_code(servers, me, "I need to cancel my appointment", code, phone),
               "utter_confirm_cancel")  # fmt: skip
    _ends_with(_say(servers, me, code), "utter_confirm_cancel")
    _ends_with(_say(servers, me, "no"), "utter_booking_kept")
    assert _status(servers, code) == "booked"
    # Issue 13, item 7: "hi", then cancel by code and phone; the fallback followed the "Done".
    me = _sender()
    _say(servers, me, "hi")
    _by_code(servers, me, "cancel my appointment", code, phone)
    _ends_with(_say(servers, me, "yes"), "utter_booking_cancelled")
    assert _status(servers, code) == "cancelled"
    _ends_with(_say(servers, me, "thanks"), "utter_you_are_welcome")


def test_reschedule_from_a_new_chat_ends_on_the_new_booking(servers):
    phone = "646 555 0103"
    code = _book(servers, phone)
    me = _sender()
    _say(servers, me, "hello")
    replies = _by_code(servers, me, "I need to reschedule", code, phone)
    assert replies[0].startswith(_start("utter_reschedule_start"))
    _ends_with(replies, "utter_ask_booking_preference")
    _say(servers, me, "afternoons")
    moved = _ends_with(_say(servers, me, "1"), "utter_booking_confirmed")
    new_code = re.search(r"booking code is ([A-Z0-9]{3}-[A-Z0-9]{3})", moved).group(1)
    assert _status(servers, code) == "cancelled" and _status(servers, new_code) == "booked"


def test_hand_off_and_stop_end_on_their_own_message(servers):
    me = _sender()
    _say(servers, me, "hi")
    replies = _say(servers, me, "can I talk to a real person")
    assert replies[0].startswith(_start("utter_callback_flagged"))
    _ends_with(replies, "utter_ask_patient_name")
    _ends_with(_say(servers, me, "Jo Park"), "utter_ask_phone")
    _ends_with(_say(servers, me, "212 555 0199"), "utter_callback_confirmed")
    me = _sender()
    _say(servers, me, "hi")
    _ends_with(_say(servers, me, "stop"), "utter_stopped")


@pytest.mark.parametrize(
    ("name", "asked"),
    [
        ("chronic_pain", "how long does pain have to last to be called chronic?"),
        ("first_visit", "what's the first session like?"),
        ("referral", "do I need a referral?"),
        ("referral", "can I come without a doctor's note"),
        ("referral", "do I need a prescription from my doctor"),
        ("cost_insurance", "how much does a visit cost?"),
        ("address_hours", "what time do you open on saturday?"),
        ("capabilities", "what can this chat do?"),
    ],
)
def test_each_clinic_question_gets_its_own_answer(servers, profile, name, asked):
    facts = clinic_facts(profile)
    answers = {
        response: _text(response).format(**facts)
        for response in RESPONSES
        if response.startswith("utter_faq/")
    }
    assert len(set(answers.values())) == len(answers)  # no two questions share an answer
    assert answers["utter_faq/referral"] == profile.referral_answer()
    me = _sender()
    assert _say(servers, me, asked)[-1] == answers[f"utter_faq/{name}"]


def test_no_neither_none_to_the_offered_times_are_none_of_these(servers):
    button, typed = _sender(), _sender()
    for me in (button, typed):
        _to_offer(servers, me)
        _ends_with(_say(servers, me, "yes"), "utter_ask_booking_preference")
    # Side by side, so both see the same open times.
    offers = {me: _offer_lines(_say(servers, me, "mornings")) for me in (button, typed)}
    assert len(offers[typed]) == 3 and offers[button] == offers[typed]
    after_button = _offer_lines(_say(servers, button, "none of these"))
    seen = offers[typed]
    for refusal in ("no", "neither", "none", "nope none of those"):
        replies = _say(servers, typed, refusal)
        assert not any(r.startswith(_start("utter_slot_choice_unclear")) for r in replies)
        fresh = _offer_lines(replies)
        assert len(fresh) == 3 and not fresh & seen, (refusal, replies)
        if refusal == "no":
            assert fresh == after_button  # what the "None of these" button gives
        seen |= fresh


def test_when_is_my_appointment_mid_intake_is_answered_then_the_intake_goes_on(servers):
    phone = "646 555 0104"
    code = _book(servers, phone)
    me = _sender()
    open_question = _say(servers, me, FIRST_MESSAGE)[-1]
    assert open_question == question("pain_score")
    replies = _by_code(servers, me, "When is my appointment?", code, phone)
    assert replies[0].startswith(_start("utter_booking_details")) and code in replies[0]
    assert replies[-2:] == [_text("utter_back_to_intake"), open_question]
    # The intake goes on from there: the score is taken and the screen starts.
    flag = _say(servers, me, "6")[-1]
    assert flag in screen_questions(FIRST_MESSAGE)
    # No code to give (a new chat, so none remembered): said so, and back to the question.
    me = _sender()
    _say(servers, me, FIRST_MESSAGE)
    flag = _say(servers, me, "6")[-1]
    _ends_with(_say(servers, me, "when is my appointment?"), "utter_ask_booking_code")
    replies = _say(servers, me, "I don't have it")
    assert replies[0].startswith(_start("utter_no_booking_code"))
    assert replies[-2:] == [_text("utter_back_to_intake"), flag]


def test_cancel_mid_intake_cancels_then_the_intake_goes_on_to_its_read_back(servers):
    phone = "646 555 0105"
    code = _book(servers, phone)
    me = _sender()
    _say(servers, me, FIRST_MESSAGE)
    first_flag = _say(servers, me, "6")[-1]
    assert first_flag in screen_questions(FIRST_MESSAGE)
    _ends_with(_by_code(servers, me, "cancel my appointment", code, phone), "utter_confirm_cancel")
    replies = _say(servers, me, "yes, cancel it")  # the button's title, typed
    assert replies[0].startswith(_start("utter_booking_cancelled"))
    assert replies[-2:] == [_text("utter_back_to_intake"), first_flag]
    assert _status(servers, code) == "cancelled"
    summary = _no_to_the_screen(servers, me, replies)[-1]
    assert "knee" in summary and "6 out of 10" in summary


@pytest.mark.parametrize(
    "no_code", ["I haven't booked anything yet", "I don't have a booking code", "I don't have one"]
)
def test_no_booking_at_the_code_question_ends_the_lookup_and_asks_the_open_question(
    servers, no_code
):
    me = _sender()
    open_question = _say(servers, me, "my left knee has hurt for 4 months")[-1]
    _ends_with(_say(servers, me, "when is my appointment?"), "utter_ask_booking_code")
    replies = _say(servers, me, no_code)
    assert replies[0].startswith(_start("utter_no_booking_code")), replies
    assert replies[-2:] == [_text("utter_back_to_intake"), open_question]


def test_no_booking_at_the_offer_asks_the_offer_again_and_yes_books(servers):
    me = _sender()
    _to_offer(servers, me)
    _ends_with(_say(servers, me, "when is my appointment?"), "utter_ask_booking_code")
    replies = _say(servers, me, "I don't have one")
    assert replies[0].startswith(_start("utter_no_booking_code")), replies
    _ends_with(replies, "utter_offer_booking")
    after_yes = _say(servers, me, "yes")  # the booking starts: no fallback, no offer again
    assert not after_yes[-1].startswith(_start("utter_offer_booking")), after_yes


@pytest.mark.parametrize("meant_for_the_intake", ["2 weeks", "2weeks", "stairs", "Monday"])
def test_an_intake_answer_at_the_code_question_is_no_code_and_the_intake_question_comes_back(
    servers, meant_for_the_intake
):
    """Newcomer test: "2 weeks" at the code question was looked up as the code `2WE-EKS`, and the
    intake question was lost. Not a code: asked once more, with the way out; a second answer
    that is no code ends the lookup, and the intake's open question is asked again."""
    me = _sender()
    open_question = _say(servers, me, "my left knee hurts")[-1]
    _ends_with(_say(servers, me, "when is my appointment?"), "utter_ask_booking_code")
    replies = _say(servers, me, meant_for_the_intake)
    not_a_code = next(
        v["text"]
        for v in RESPONSES["utter_ask_booking_code"]
        if (v.get("condition") or [{}])[0].get("value") == "booking_code"
    )
    assert replies == [not_a_code] and '"no code"' in not_a_code, replies
    replies = _say(servers, me, meant_for_the_intake)
    assert replies[0].startswith(_start("utter_no_booking_code")), replies
    assert replies[-2:] == [_text("utter_back_to_intake"), open_question]


@pytest.mark.parametrize("not_an_answer", ["Jo", "hmm", "banana"])
def test_neither_yes_nor_no_at_the_offer_asks_it_again_and_books_nothing_away(
    servers, not_an_answer
):
    """Newcomer test: "Jo" at the offer to book was read as a no, and the offer was gone."""
    me = _sender()
    _to_offer(servers, me)
    replies = _say(servers, me, not_an_answer)
    assert replies[0] == _text("utter_not_caught"), replies
    _ends_with(replies, "utter_offer_booking")
    _ends_with(_say(servers, me, "sure why not"), "utter_ask_booking_preference")


@pytest.mark.parametrize("no_name", ["Book an assessment", "no", "I'd rather not say"])
def test_what_is_no_name_at_the_name_question_is_asked_again_with_the_reason(servers, no_name):
    """Newcomer test: "Book an assessment" and "no" were taken as the patient's name."""
    me = _sender()
    _to_offer(servers, me)
    for message in ("yes", "mornings"):
        _say(servers, me, message)
    _ends_with(_say(servers, me, "1"), "utter_ask_patient_name")
    replies = _say(servers, me, no_name)
    reason = next(v["text"] for v in RESPONSES["utter_ask_patient_name"] if v.get("condition"))
    assert replies[-1] == reason, replies
    _ends_with(_say(servers, me, "Jo Park"), "utter_ask_phone")


def test_a_time_that_suits_at_the_offer_is_a_yes_with_its_preference(servers):
    """Newcomer test: "tuesday afternoon works" at the offer got the fallback; then "1" got the
    read-back again. It books: the times offered fit the preference."""
    me = _sender()
    _to_offer(servers, me)
    replies = _say(servers, me, "tuesday afternoon works")
    assert FALLBACK not in " ".join(replies), replies
    assert _offer_lines(replies) and all(
        line.startswith("Tue") for line in _offer_lines(replies)
    ), replies


@pytest.mark.parametrize("time", ["next week mornings", "mornings are best for me"])
def test_a_time_at_the_offer_gets_times_that_fit_or_the_offer_again(servers, time):
    """Never the fallback, and never "What days or times suit you?" after the patient said."""
    me = _sender()
    _to_offer(servers, me)
    replies = _say(servers, me, time)
    assert FALLBACK not in " ".join(replies), replies
    assert not any(r.startswith("What days or times suit you") for r in replies), replies
    offered = _offer_lines(replies)
    if offered:
        assert all(re.search(r"\b(?:[5-9]|1[01]):\d\d ?am|\b(?:[5-9]|1[01])(?::\d\d)?\s?am",
                             line, re.I) for line in offered), offered
    else:
        _ends_with(replies, "utter_offer_booking")


@pytest.mark.parametrize(
    ("question", "before", "why"),
    [("patient_name", 3, "why do you need my name?"), ("phone", 4, "why do you need my number?")],
)
def test_why_at_the_name_or_phone_question_gets_the_reason_and_the_question(
    servers, question, before, why
):
    """Newcomer test: "why do you need my name?" was read as a booking lookup."""
    me = _sender()
    _to_offer(servers, me)
    for message in ("yes", "mornings", "1", "Jo Park")[:before]:
        _say(servers, me, message)
    replies = _say(servers, me, why)
    reasons = [v["text"] for v in RESPONSES[f"utter_ask_{question}"] if v.get("condition")]
    assert replies[-1] in reasons and "booking code" not in " ".join(replies), replies


@pytest.mark.parametrize(
    ("reply", "day"),
    [
        ("yes please, next week in the mornings", None),
        ("sure, thursday afternoon if possible", "Thu"),
    ],
)
def test_a_yes_with_a_time_at_the_offer_books_with_that_time(servers, reply, day):
    """Newcomer test: "sure, thursday afternoon if possible" got "Hello again" and the offer
    again; "yes please, next week in the mornings" got "Sorry, I didn't catch that"."""
    me = _sender()
    _to_offer(servers, me)
    offered = _offer_lines(_say(servers, me, reply))
    assert offered, reply
    assert day is None or all(line.startswith(day) for line in offered), offered


def test_other_days_at_the_offered_times_offers_other_days(servers):
    # Newcomer test: "other days?" could offer another hour of a day already offered.
    me = _sender()
    _to_offer(servers, me)
    _ends_with(_say(servers, me, "yes"), "utter_ask_booking_preference")
    first = _offer_lines(_say(servers, me, "any time"))
    fresh = _offer_lines(_say(servers, me, "other days?"))
    days = {line.split(",")[0] for line in first}  # "Tue Dec 1"
    assert len(fresh) == 3 and not days & {line.split(",")[0] for line in fresh}, (first, fresh)
    _ends_with(_say(servers, me, "1"), "utter_ask_patient_name")  # a time from them is taken


@pytest.mark.parametrize(
    ("before", "put_off"),
    [((), "Actually I'd better ask my daughter first, she drives me. I'll book later"),
     (("1",), "No, I don't want to book yet dear")],
)  # fmt: skip
def test_putting_the_booking_off_ends_it_kindly_and_frees_the_time(servers, before, put_off):
    # Second patient newcomer test: at the offered times and at the name question, putting
    # the booking off got the name question, then the phone question; only "stop" got out.
    me = _sender()
    _to_offer(servers, me)
    _ends_with(_say(servers, me, "yes"), "utter_ask_booking_preference")
    _say(servers, me, "mornings")
    for message in before:
        _say(servers, me, message)
    _ends_with(_say(servers, me, put_off), "utter_booking_declined")
    held = "SELECT count(*) AS n FROM holds WHERE conversation_id = :c"
    assert query(servers.database_url, held, c=me)[0]["n"] == 0
