"""The crisis check over REST against the real servers (issue: conversations real patients have).

A crisis reading from the classifier alone asks one direct question instead of declaring a
crisis; a yes gets the crisis answer and the staff flag, a no goes on. After the crisis answer a
person who says they are safe goes on with the intake, and the flag stays. The probe sets were
written by helpers who never saw the rules (tests/data/probes/README.md).
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
import requests
import yaml

from bot.dialogue import CRISIS_CHECK_INTENT, CRISIS_INTENT
from tests.e2e.harness import Servers, query
from tests.screen import screen_answers, screen_slots

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
RESPONSES = yaml.safe_load((ROOT / "domain.yml").read_text())["responses"]
PROBES = [
    probe
    for name in ("crisis.yml", "crisis_heldout.yml", "crisis_heldout2.yml", "crisis_heldout3.yml")
    for probe in yaml.safe_load((ROOT / "tests/data/probes" / name).read_text())
]
CRISIS = [p["text"] for p in PROBES if p["kind"] == "crisis"]
ORDINARY = [p["text"] for p in PROBES if p["kind"] == "ordinary"]


def said(response: str) -> list[str]:
    """The fixed openings of a response's variants, up to their first template value."""
    return [variant["text"].split("{")[0][:60] for variant in RESPONSES[response]]


def asks(replies: list[str], response: str) -> bool:
    return any(opening in t for opening in said(response) for t in replies)


def _sender() -> str:
    return f"web-{uuid.uuid4().hex[:10]}"


def _crisis_answer(replies: list[str]) -> bool:
    joined = " ".join(replies)
    return "988" in joined and "911" in joined


def _flag(servers: Servers, sender: str) -> dict | None:
    rows = query(servers.database_url,
                 "SELECT status, crisis FROM intakes WHERE conversation_id = :c", c=sender)
    return rows[0] if rows else None


def _parse(servers: Servers, text: str) -> str:
    reply = requests.post(f"{servers.rasa_url}/model/parse", json={"text": text}, timeout=30)
    reply.raise_for_status()
    return reply.json()["intent"]["name"]


def test_the_repro_is_never_declared_a_crisis_and_goes_on_with_the_intake(servers):
    """The classifier may still read it as a crisis; then it gets the check, never the answer."""
    me = _sender()
    servers.texts(me, "hi")
    replies = servers.texts(me, "I've got some pain I'd like help with")
    assert not _crisis_answer(replies), replies
    if asks(replies, "utter_crisis_check"):
        replies = servers.texts(me, "no")
    assert asks(replies, "utter_ask_pain_duration"), replies
    duration = servers.texts(me, "about 8 months")
    assert not asks(duration, "utter_after_urgent"), duration
    assert (_flag(servers, me) or {}).get("crisis") in (None, False)


def test_a_no_to_the_check_at_the_start_goes_on_with_the_intake(servers):
    me = _sender()
    servers.texts(me, "hi")
    assert asks(servers.texts(me, "what's the point of any of it anymore"), "utter_crisis_check")
    after = servers.texts(me, "no")
    assert asks(after, "utter_crisis_check_no") and asks(after, "utter_ask_pain_duration"), after
    assert not _crisis_answer(after)
    assert "988" in " ".join(after)  # the line stays open: a no now may not be a no later
    assert not asks(servers.texts(me, "about 8 months"), "utter_after_urgent")
    assert (_flag(servers, me) or {}).get("crisis") in (None, False)


def test_yes_to_the_check_gets_the_crisis_answer_and_the_flag(servers):
    me = _sender()
    servers.texts(me, "my knee has hurt for a month")
    assert asks(servers.texts(me, "what's the point of any of it anymore"), "utter_crisis_check")
    replies = servers.texts(me, "yes")
    assert _crisis_answer(replies), replies
    assert asks(replies, "utter_crisis_options")
    flag = _flag(servers, me)
    assert flag and flag["crisis"] and flag["status"] == "urgent"
    # A person who then says they are safe goes on: "I'm safe, let's go on" after a yes to the
    # check got "Please follow the advice above", again and again (patient newcomer test).
    go_on = servers.texts(me, "I'm safe, let's go on")
    assert asks(go_on, "utter_glad_safe") and not asks(go_on, "utter_after_urgent"), go_on
    assert len(go_on) >= 2, go_on  # thanks, then the question the check interrupted


@pytest.mark.parametrize("score", ["like 7ish", "idk like 7ish?"])
def test_a_rough_score_is_the_score_never_the_crisis_check(servers, score):
    """Patient newcomer test: "idk like 7ish?" at the 0-10 question got "Are you having thoughts
    of hurting yourself?", a 👍 the crisis answer, and the patient could no longer book."""
    me = _sender()
    asked = servers.texts(me, "right wrist hurts since i fell off my bike 3 weeks ago, cant type")
    assert asks(asked, "utter_ask_pain_score"), asked
    replies = servers.texts(me, score)
    assert not asks(replies, "utter_crisis_check") and not _crisis_answer(replies), replies
    rows = query(servers.database_url, "SELECT data FROM events WHERE sender_id = :c "
                 "AND type_name = 'slot' ORDER BY id", c=me)
    assert any('"pain_score"' in r["data"] and '"value": 7' in r["data"] for r in rows), rows


def test_a_no_at_a_red_flag_question_never_answers_it_twice(servers):
    """The check interrupts a red-flag question; its "no" is not that question's answer."""
    me = _sender()
    servers.texts(me, "hi")
    opening = "my lower back has hurt for about 4 months and I can't sit through work"
    servers.texts(me, opening)
    question = servers.texts(me, "6")
    first = screen_slots(opening)[0]
    assert asks(question, f"utter_ask_{first}"), question
    assert asks(servers.texts(me, "what's the point anymore"), "utter_crisis_check")
    again = servers.texts(me, "no")
    assert asks(again, f"utter_ask_{first}"), again  # asked again
    rows = query(servers.database_url, "SELECT data FROM events WHERE sender_id = :c "
                 "AND type_name = 'slot' ORDER BY id", c=me)
    assert not any(f'"{first}"' in r["data"] and '"value": false' in r["data"]
                   for r in rows)


def test_safe_after_the_crisis_answer_goes_on_and_the_flag_stays(servers):
    me = _sender()
    servers.texts(me, "my shoulder has hurt for 4 months")
    replies = servers.texts(me, "honestly i don't want to live anymore")
    assert _crisis_answer(replies)
    go_on = servers.texts(me, "I'm safe, let's go on")
    assert asks(go_on, "utter_glad_safe"), go_on
    assert not asks(go_on, "utter_after_urgent")
    assert len(go_on) >= 2, go_on  # thanks, then the question the crisis interrupted
    flag = _flag(servers, me)
    assert flag and flag["crisis"] and flag["status"] == "urgent"


def test_a_call_after_the_crisis_answer_asks_for_contact_details(servers):
    me = _sender()
    assert _crisis_answer(servers.texts(me, "i want to kill myself"))
    call = servers.texts(me, "Please call me")
    assert asks(call, "utter_ask_patient_name"), call


def test_every_crisis_probe_gets_the_answer_or_the_check(servers):
    missed = [t for t in CRISIS if _parse(servers, t) not in (CRISIS_INTENT, CRISIS_CHECK_INTENT)]
    assert len(CRISIS) >= 200 and missed == []


def test_ordinary_probes_are_almost_never_declared_a_crisis(servers):
    """Hyperbole that names dying ("wanna die every time I go down stairs lol") may still get
    the crisis answer; the patient can then say they are safe and go on."""
    declared = [t for t in ORDINARY if _parse(servers, t) == CRISIS_INTENT]
    assert len(ORDINARY) >= 200 and len(declared) <= len(ORDINARY) // 100, declared


def test_an_ordinary_message_that_gets_the_check_goes_on_after_a_no(servers):
    checked = [t for t in ORDINARY if _parse(servers, t) == CRISIS_CHECK_INTENT]
    for text in checked:
        me = _sender()
        servers.texts(me, "hi")
        servers.texts(me, text)
        after = servers.texts(me, "no")
        assert after and not _crisis_answer(after), (text, after)
        assert not asks(after, "utter_after_urgent"), (text, after)


def _to_the_read_back(servers: Servers, me: str) -> None:
    opening = "my lower back has hurt for about 4 months and I can't sit through work"
    servers.texts(me, "hi")
    servers.texts(me, opening)
    replies = servers.texts(me, "6")
    for answer in screen_answers(message=opening):
        replies = servers.texts(me, answer)
    assert asks(replies, "utter_summary"), replies


def test_yes_to_the_check_at_the_read_back_is_not_a_yes_to_the_read_back(servers):
    """The check's answers answer only it: never the question that was open before it."""
    me = _sender()
    _to_the_read_back(servers, me)
    assert asks(servers.texts(me, "what's the point anymore"), "utter_crisis_check")
    replies = servers.texts(me, "yes")
    assert _crisis_answer(replies), replies
    assert not asks(replies, "utter_offer_booking") and not asks(replies, "utter_explain_chronic")
    assert _flag(servers, me)["crisis"]


def test_no_to_the_check_at_the_read_back_reads_it_back_again(servers):
    me = _sender()
    _to_the_read_back(servers, me)
    assert asks(servers.texts(me, "what's the point anymore"), "utter_crisis_check")
    replies = servers.texts(me, "no")
    assert asks(replies, "utter_summary"), replies
    assert not asks(replies, "utter_ask_correction")
    assert asks(servers.texts(me, "yes"), "utter_offer_booking")  # and booking is open


@pytest.mark.parametrize(
    "after", ["no", "asdfgh", "yes", "ok", "5", "hmm", "my knee hurts", "what do I do now"]
)
def test_anything_but_safe_or_a_call_after_the_crisis_answer_gets_the_way_on_again(
    servers, after
):
    """Newcomer test: a typed "yes" or "5" got "Please follow the advice above", with no way on:
    neither says "I'm safe" nor "call me", so both ways on are offered again."""
    me = _sender()
    servers.texts(me, "my lower back has hurt for 3 weeks")
    assert _crisis_answer(servers.texts(me, "nobody would miss me if I was gone"))
    replies = servers.texts(me, after)
    assert asks(replies, "utter_crisis_options"), replies
    assert asks(servers.texts(me, "I'm safe, let's go on"), "utter_glad_safe")


@pytest.mark.parametrize("thanks", ["thanks", "thank you"])
def test_thanks_after_the_crisis_answer_is_answered_with_the_way_on(servers, thanks):
    """ "thanks" after the crisis answer got a bare "You're welcome": 988 and the way on (safe,
    or a call) follow it, and "I'm safe" then goes on."""
    me = _sender()
    servers.texts(me, "my lower back has hurt for 3 weeks")
    assert _crisis_answer(servers.texts(me, "nobody would miss me if I was gone"))
    replies = servers.texts(me, thanks)
    assert asks(replies, "utter_you_are_welcome") and "988" in " ".join(replies), replies
    assert asks(replies, "utter_crisis_options"), replies
    assert asks(servers.texts(me, "I'm safe, let's go on"), "utter_glad_safe")


@pytest.mark.parametrize("not_safe", ["i'm not safe", "I don't feel safe"])
def test_not_safe_after_the_crisis_answer_gets_988_again_never_the_intake(servers, not_safe):
    """Newcomer test: "i'm not safe" was read as the "I'm safe" button, and the intake went on."""
    me = _sender()
    servers.texts(me, "my lower back has hurt for 3 weeks")
    assert _crisis_answer(servers.texts(me, "i feel like ending it all"))
    replies = servers.texts(me, not_safe)
    assert _crisis_answer(replies) and asks(replies, "utter_crisis_options"), replies
    assert not asks(replies, "utter_glad_safe")


@pytest.mark.parametrize("after", ["no i am not ok", "what should i do?"])
def test_a_reply_after_the_crisis_answer_gets_988_and_the_way_on(servers, after):
    me = _sender()
    assert _crisis_answer(servers.texts(me, "i want to kill myself"))
    replies = servers.texts(me, after)
    if asks(replies, "utter_crisis_check"):  # "not ok" alone is asked about first
        replies = servers.texts(me, "yes")
    assert "988" in " ".join(replies) and asks(replies, "utter_crisis_options"), replies


def test_safe_after_a_crisis_then_the_read_back_asks_for_the_number_the_call_needs(servers):
    """Newcomer test: after "I'm safe" and the whole intake, a yes at the read-back promised a
    call, asked for no name or number, and a fallback followed."""
    me = _sender()
    opening = "my lower back has hurt for about 4 months and I can't sit through work"
    servers.texts(me, opening)
    assert _crisis_answer(servers.texts(me, "sometimes i wish i was dead"))
    replies = servers.texts(me, "I'm safe, let's go on")
    for answer in ["6", *screen_answers(message=opening)]:
        if asks(replies, "utter_summary"):
            break
        replies = servers.texts(me, answer)
    assert asks(replies, "utter_summary"), replies
    done = servers.texts(me, "yes")
    assert asks(done, "utter_ask_patient_name") and not asks(done, "utter_default"), done


@pytest.mark.parametrize(
    "no", ["no god no, I just mean it hurts", "no, I just mean it hurts", "nope, figure of speech"]
)
def test_a_no_with_an_explanation_at_the_check_goes_on(servers, no):
    """"no god no, I just mean it hurts" at the check got the crisis answer and a flag, and the
    patient could no longer book (patient newcomer test)."""
    me = _sender()
    servers.texts(me, "hi")
    assert asks(servers.texts(me, "my back is killing me, I could just die"), "utter_crisis_check")
    after = servers.texts(me, no)
    assert not _crisis_answer(after), after
    assert asks(after, "utter_crisis_check_no"), after
    assert (_flag(servers, me) or {}).get("crisis") in (None, False)


@pytest.mark.parametrize("text", ["ya no quiero vivir", "je veux mourir, j'ai mal au dos"])
def test_crisis_language_in_another_language_gets_988(servers, text):
    me = _sender()
    replies = servers.texts(me, text)
    assert _crisis_answer(replies) and "988" in " ".join(replies), replies


def test_pain_details_in_a_crisis_message_are_kept_after_safe(servers):
    """Patient newcomer test: after the crisis answer and "I'm safe", the intake asked how long
    and where, though the first message had said "my lower back ... for 2 years"."""
    me = _sender()
    first = "my lower back has been bad for 2 years, some days I just dont want to be here anymore"
    replies = servers.texts(me, first)
    assert _crisis_answer(replies) or asks(replies, "utter_crisis_check"), replies
    go_on = servers.texts(me, "I'm safe, let's go on" if _crisis_answer(replies) else "no")
    assert not asks(go_on, "utter_ask_pain_duration"), go_on
    assert not asks(go_on, "utter_ask_pain_locations"), go_on
    assert asks(go_on, "utter_ask_pain_activities"), go_on


@pytest.mark.parametrize("answer", [
    "kind of yeah",  # read as a question about the assistant
    "Yes. I am sorry. I think of it every night",  # read as a no
    "sometimes",  # not understood
    "more than i'd like to admit",  # read as a correction
    "i think about it a lot lately",  # the check came again
    "can we just book something",  # a booking request is not a no
    "no one would miss me",  # pass M: a leading no-word read as a clear no
    "none of your business",
])
def test_any_answer_to_the_check_but_a_clear_no_gets_the_crisis_answer_and_the_flag(
        servers, answer):
    """Blind intent set (issue 12): whatever the classifier makes of an answer to the check, it
    is read from its words, and only a clear no goes on."""
    me = _sender()
    servers.texts(me, "hi")
    assert asks(servers.texts(me, "wish i could go to sleep forever"), "utter_crisis_check")
    after = servers.texts(me, answer)
    assert _crisis_answer(after), after
    flag = _flag(servers, me)
    assert flag and flag["crisis"] and flag["status"] == "urgent"


@pytest.mark.parametrize("no", ["no im ok", "God no, just sore and grumpy", "it's just my back"])
def test_a_clear_no_in_any_words_at_the_check_goes_on_without_a_flag(servers, no):
    me = _sender()
    servers.texts(me, "hi")
    assert asks(servers.texts(me, "wish i could go to sleep forever"), "utter_crisis_check")
    after = servers.texts(me, no)
    assert asks(after, "utter_crisis_check_no") and not _crisis_answer(after), after
    assert (_flag(servers, me) or {}).get("crisis") in (None, False)


def test_a_second_possible_crisis_reading_at_the_check_gets_the_crisis_answer(servers):
    """"i think about it" at the check got the check again, and again (newcomer test)."""
    me = _sender()
    assert asks(servers.texts(me, "honestly whats the point of going on like this"),
                "utter_crisis_check")
    after = servers.texts(me, "i think about it")
    assert _crisis_answer(after) and not asks(after, "utter_crisis_check"), after


def test_a_no_for_oneself_about_a_relative_at_risk_gets_the_crisis_answer(servers):
    """A daughter writing for her mother who "keeps saying she wants to die": "No, not me. My
    mother." went on with the intake (newcomer test)."""
    me = _sender()
    first = ("Hello, I am writing for my mother. She is 79 and her hip hurts since 2 months. "
             "She keeps saying she wants to die")
    replies = servers.texts(me, first)
    if asks(replies, "utter_crisis_check"):
        replies = servers.texts(me, "No, not me. My mother.")
    assert _crisis_answer(replies), replies


def test_wanting_the_pain_to_stop_does_not_end_the_chat(servers):
    me = _sender()
    servers.texts(me, "my knee has hurt for a month")
    replies = servers.texts(me, "i want it all to stop, the pain I mean")
    assert not asks(replies, "utter_stopped"), replies
    assert asks(replies, "utter_ask_pain_side") or asks(replies, "utter_crisis_check"), replies


@pytest.mark.parametrize("question", ["what are your hours?", "where are you located?"])
def test_a_clinic_question_after_the_crisis_answer_is_answered_then_the_way_on(servers, question):
    """Patient newcomer test: "what are your hours?" after the crisis answer got 988 again and
    no answer."""
    me = _sender()
    servers.texts(me, "hi")
    assert _crisis_answer(servers.texts(me, "I want to kill myself"))
    replies = servers.texts(me, question)
    assert asks(replies, "utter_faq/address_hours"), replies
    assert "988" in " ".join(replies) and asks(replies, "utter_crisis_options"), replies


@pytest.mark.parametrize("safe", ["I'm ok now, thank you so much", "thanks, I'm fine now"])
def test_safe_with_thanks_after_the_crisis_answer_goes_on(servers, safe):
    """Patient newcomer test: "I'm okay now thank you" after the crisis answer got "You're
    welcome" and nothing more."""
    me = _sender()
    servers.texts(me, "hi")
    assert _crisis_answer(servers.texts(me, "I want to kill myself"))
    replies = servers.texts(me, safe)
    assert asks(replies, "utter_glad_safe"), replies
    assert not asks(replies, "utter_you_are_welcome"), replies


def test_a_score_said_with_hopeless_words_is_kept_after_a_no_to_the_check(servers):
    """Patient newcomer test: "8, i don't see the point" at the 0-10 question got the check, and
    after "no" the score question again (a hopeless phrase the rules always check is used here)."""
    me = _sender()
    asked = servers.texts(me, "right wrist hurts since i fell off my bike 3 weeks ago, cant type")
    assert asks(asked, "utter_ask_pain_score"), asked
    check = servers.texts(me, "8. what's the point of any of it anymore")
    assert asks(check, "utter_crisis_check"), check
    after = servers.texts(me, "no")
    assert asks(after, "utter_crisis_check_no") and not asks(after, "utter_ask_pain_score"), after
    rows = query(servers.database_url, "SELECT data FROM events WHERE sender_id = :c "
                 "AND type_name = 'slot' ORDER BY id", c=me)
    assert any('"pain_score"' in r["data"] and '"value": 8' in r["data"] for r in rows), rows


@pytest.mark.parametrize(("second", "crisis"), [("no", False), ("my back aches all day", True)])
def test_pain_talk_at_the_check_gets_it_once_more_and_no_answer_is_no_no(servers, second, crisis):
    """Pass L: "it hurts so much" at the check counted as a no. It gets the check once more,
    plainly; a no then goes on, and a second answer that says neither gets the crisis answer."""
    me = _sender()
    servers.texts(me, "hi")
    assert asks(servers.texts(me, "wish i could go to sleep forever"), "utter_crisis_check")
    again = servers.texts(me, "it hurts so much")
    assert asks(again, "utter_crisis_check_plain") and not _crisis_answer(again), again
    assert _red_flags(servers, me) == ["crisis_check_unanswered"]  # left now: staff call back
    after = servers.texts(me, second)
    assert _crisis_answer(after) is crisis, after
    assert asks(after, "utter_crisis_check_no") is not crisis, after
    assert bool((_flag(servers, me) or {}).get("crisis")) is crisis
    assert _red_flags(servers, me) == []  # answered: the open check's flag is gone


def _red_flags(servers: Servers, sender: str) -> list[str]:
    rows = query(servers.database_url,
                 "SELECT red_flags FROM intakes WHERE conversation_id = :c", c=sender)
    assert rows, "no intake saved"
    flags = rows[0]["red_flags"]
    return json.loads(flags) if isinstance(flags, str) else list(flags or [])
