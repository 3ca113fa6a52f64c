"""Warning signs beyond the spine, against the real Rasa server and action server (issue 17; issue
13 item 17): each sign in the first message, in an answer to a later question, and at the booking
step; "not sure" at a safety question; symptoms the patient already described.

One pair of servers for the whole module (the session's `servers` fixture). The patient answers
each red-flag question as their words imply: yes to what they already said, no otherwise, so the
advice they get is the advice `bot.screening.detect` predicts for their words.
"""

from __future__ import annotations

import json
import uuid

import pytest
import yaml
from sqlalchemy import text

from bot.db import make_engine
from bot.migrate import upgrade
from bot.screening import detect, told_emergency
from bot.settings import ROOT
from bot.triage import ALL_FLAG_SLOTS, FLAGS_BY_SLOT
from tests.e2e.harness import Servers, free_port, query, run_servers
from tests.screen import question, screen_answers

pytestmark = pytest.mark.e2e

RESPONSES = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["responses"]
KNEE = "my right knee, about 4 months, stairs kill me"
BOOKING_OFFER = "Would you like me to book"


def _advice_text(level: str, unsure: bool = False) -> str:
    """The opening words of the advice response for `level` (its template has slots); `unsure`:
    its version for answers of "not sure" only (slot advice_from_unsure)."""
    variants = [v for v in RESPONSES[f"utter_redflag_{level}"]
                if bool(v.get("condition")) == unsure]  # fmt: skip
    return variants[0]["text"].split("{")[0][:80]


# "what should I do?" after advice that is not 911 (its 911 version: "Please call 911 now")
_AFTER_QUESTION = next(
    v["text"] for v in RESPONSES["utter_after_urgent_question"] if not v.get("condition")
)


def _sender() -> str:
    return f"ws-{uuid.uuid4().hex[:10]}"


def _say(servers: Servers, me: str, message: str) -> str:
    return " ".join(servers.texts(me, message))


def _asked(reply: str) -> str | None:
    """The red-flag question (its slot) a reply asks, plain or clarifying, if any."""
    for slot in ALL_FLAG_SLOTS:
        if any(v["text"] in reply for v in RESPONSES[f"utter_ask_{slot}"]):
            return slot
    return None


def _acknowledged(reply: str, said: str) -> bool:
    """The reply to a sign: "You mentioned ..." and its question, or, for an emergency told
    plainly ("I think I'm having a stroke": `told_emergency`), its advice at once."""
    if told_emergency(detect(said)):
        return _advice_text("call_911") in reply and _asked(reply) is None
    return "You mentioned" in reply and bool(_asked(reply))


def _answer_screen(servers: Servers, me: str, reply: str, said: str) -> list[str]:
    """Answer the screen as the patient's words `said` imply, until a reply asks no red-flag
    question; every reply, in order."""
    stated = set(detect(said).stated)
    replies = [reply]
    for _ in range(12):
        slot = _asked(replies[-1])
        if slot is None:
            return replies
        replies.append(_say(servers, me, "yes" if slot in stated else "no"))
    raise AssertionError(f"the screen never ended: {replies}")


def _intake(servers: Servers, sender: str) -> dict:
    engine = make_engine(servers.database_url)
    with engine.connect() as conn:
        row = conn.execute(
            text("SELECT status, red_flags FROM intakes WHERE conversation_id = :c "
                 "ORDER BY id DESC"),
            {"c": sender},
        ).mappings().first()
    engine.dispose()
    assert row is not None, f"no intake stored for {sender}"
    flags = row["red_flags"]
    return {"status": row["status"], "red_flags": json.loads(flags) if isinstance(flags, str)
            else flags}


def _assert_urgent_without_booking(servers: Servers, me: str, replies: list[str], said: str):
    found = detect(said)
    # told so plainly it is 911 at once, or the advice of the questions the words answer yes
    level = "call_911" if told_emergency(found) else found.advice
    assert level is not None, said
    joined = " ".join(replies)
    assert _advice_text(level) in replies[-1], replies
    assert BOOKING_OFFER not in joined and "You're booked" not in joined
    assert "What name should the front desk use" in replies[-1]  # a way to call, no booking
    intake = _intake(servers, me)
    assert intake["status"] == "urgent" and intake["red_flags"], intake


# sign, the patient's words, a first message that names only the body part
SIGNS = [
    ("dvt", "my calf went red, hot and puffy a few days after my knee surgery",
     "my left calf has hurt for a week"),
    ("cervical_arterial", "since my neck started hurting I've had trouble swallowing and one "
     "side of my face feels numb", "my neck has hurt for 2 weeks"),
    ("upper_cervical_instability", "after whiplash my head feels too heavy to hold up",
     "my neck has hurt for 3 weeks"),
    ("cardiac", "an ache in my left arm that comes with heaviness in my chest when I carry "
     "groceries", "my left arm has hurt for 3 weeks"),
    ("aaa", "I'm 78 and a smoker with a throbbing pain in my stomach and back",
     "my lower back has hurt for 3 weeks"),
    ("myelopathy", "my fingers are numb and clumsy and I've started tripping",
     "my neck has hurt for 2 months"),
    ("thunderclap_headache", "a sudden severe headache with vomiting",
     "my neck has hurt for a week"),
    ("night_pain_systemic", "I've lost weight without trying and my back aches all night",
     "my upper back has hurt for a month"),
    ("cauda_equina", "I can't control my bladder since my back pain started",
     "my lower back has hurt for 2 weeks"),
    # A hot, swollen joint with a fever: a child's knee "hot and puffy" with a temperature got
    # "contact a doctor promptly" (newcomer test).
    ("septic_joint", "my knee is hot, red and swollen and I've had a fever since yesterday",
     "my left knee has hurt for 3 days"),
    # Emergencies in plain words (newcomer test: "Sorry, I can't help with that", the duration
    # question, or "see a doctor today").
    ("heart_attack", "i think im having a heart attack", "my left arm has hurt for 2 days"),
    ("breathing_difficulty", "i can't breathe", "my upper back has hurt for 2 days"),
    ("fall_cant_get_up", "I'm 80, I fell in the kitchen and I can't get up",
     "my right hip has hurt for a day"),
    # Stroke warning signs without neck pain: a knee patient was asked "since the neck pain
    # started?", said "I don't have neck pain" and was booked (patient newcomer test).
    ("stroke", "this morning my face went numb on one side and i couldnt get my words "
     "out for a few minutes", "my right knee has hurt for 3 weeks"),
    # Seventh newcomer pass: "heart attack" alone got the duration question; a bent wrist and a
    # retention were booked with no flag.
    ("heart_attack_named", "HEART ATTACK!!", "my left arm has hurt for 2 days"),
    ("deformity", "slipped on the ice and my wrist is bent at a weird angle",
     "my right wrist has hurt for 2 days"),
    ("retention", "i havent been able to pee since yesterday", "my lower back has hurt for a week"),
    ("collapse", "my husband just collapsed", "my lower back has hurt for a week"),
    # second newcomer pass: not a sign anywhere; "yes, book it" booked the patient
    ("coughing_blood", "i was coughing up blood this morning and my ribs hurt",
     "my upper back has hurt for a week"),
    ("not_breathing", "hes not breathing", "my lower back has hurt for a week"),
    # the fourth session's third newcomer pass (pass C): each was booked, or got less urgent
    # advice than its sign's
    ("arm_sweat_sick", "no chest pain but my left arm hurts and im sweating and sick to my "
     "stomach, started 2 hours ago sitting on the couch", "my left arm has hurt for 2 days"),
    ("stroke_floppy", "my dads arm and face went weird and floppy",
     "my right knee has hurt for 3 weeks"),
    ("syncope", "i passed out this morning and now my back hurts",
     "my lower back has hurt for a week"),
    ("meningism", "stiff neck and a high fever and the light hurts my eyes",
     "my neck has hurt for 3 days"),
    ("drop_attack", "i keep getting drop attacks", "my neck has hurt for 2 weeks"),
    ("legs_after_fall", "cant move my legs after i fell on my back",
     "my lower back has hurt for a day"),
    ("dinner_fork", "my wrist looks like a dinner fork after i fell",
     "my right wrist has hurt for 2 days"),
    # this session's newcomer pass: booked, or weaker advice than the sign's
    ("chest_for_an_hour", "my chest has been hurting and my arm feels heavy and numb for the "
     "last hour", "my left arm has hurt for 2 days"),
    ("confused_arm_dead", "dad isnt making sense since this morning and his left arm has gone "
     "dead", "my right knee has hurt for 3 weeks"),
    ("either_leg", "i cant feel either of my legs properly, both are weak",
     "my lower back has hurt for a week"),
    ("high_temp_stiff_neck", "neck is really stiff and i have a high temp, light hurts my eyes",
     "my neck has hurt for 3 days"),
    ("forearm_bend", "my son crashed his bike, his forearm has a bend in it where there "
     "shouldnt be one", "my right wrist has hurt for 2 days"),
    ("lying_there", "my mum is 79, she tripped in the garden and shes been lying there, says "
     "she cant stand up", "my right hip has hurt for a day"),
    # numbness in both legs, no weakness, no bladder change: booked after two noes (the weakness
    # question says numbness alone is no weakness)
    ("both_legs_numb", "numb in both legs for two weeks now, getting worse",
     "my lower back has hurt for a week"),
    # pass F: booked, or "a doctor today"
    ("breathless_at_rest", "im short of breath even sitting still and my lips look blue",
     "my upper back has hurt for 2 days"),
    ("hip_fall_cant_stand", "slipped on ice, hip really hurts, i cant stand on that leg at all, "
     "im 80", "my right hip has hurt for a day"),
    ("limb_cold", "suddenly my leg went cold, pale and numb an hour ago, calf hurts",
     "my left calf has hurt for 2 days"),
    # pass F's last findings: a temple headache, jaw pain on chewing and blurred sight at 79
    # (giant cell arteritis) was booked
    ("gca_vision", "new headache at my temples, my jaw aches when i chew and my vision went "
     "blurry yesterday, im 79", "my neck has hurt for 3 days"),
    ("gca_jaw", "pain in my right temple, scalp is tender when I brush my hair and my jaw hurts "
     "chewing, I am 72", "my neck has hurt for 3 days"),
    # pass G: booked
    ("gca_later", "im 68. brushing my hair hurts, and chewing my dinner makes my jaw ache, also "
     "got a new headache at the sides of my head", "my neck has hurt for 3 days"),
    ("hand_white_cold", "wrist pain and an hour ago my left hand went white and cold and numb, "
     "it really hurts", "my right wrist has hurt for 2 days"),
    ("blacking_out", "i also keep blacking out when i get up from bed",
     "my lower back has hurt for a week"),
    ("spinal_infection", "my back has been killing me since my epidural injection 5 days ago and "
     "i have fever and chills", "my lower back has hurt for a week"),
    # pass I: a wife's head injury with confusion got "contact your doctor"
    ("head_injury", "my wife fell down the stairs, hit her head, now she's confused",
     "my neck has hurt for 3 days"),
    # pass H: a relative's TIA was booked for her back; a spouse's heart attack got three
    # ordinary questions first
    ("tia_relative", "my wife's words came out all jumbled at dinner and her right arm went "
     "floppy, it's better now after 15 mins", "my lower back has hurt for a week"),
    ("elephant_on_chest", "hubby (59) says his chest feels like an elephant sitting on it for "
     "last 20 min and hes grey and sweaty", "my left arm has hurt for 2 days"),
]
IDS = [s[0] for s in SIGNS]


@pytest.mark.parametrize(("sign", "said", "_"), SIGNS, ids=IDS)
def test_a_sign_in_the_first_message_is_confirmed_and_gets_its_advice(servers, sign, said, _):
    me = _sender()
    first = _say(servers, me, said)
    assert _acknowledged(first, said), first
    assert "Sorry, I didn't understand" not in first
    replies = _answer_screen(servers, me, first, said)
    _assert_urgent_without_booking(servers, me, replies, said)


@pytest.mark.parametrize(("sign", "said", "opening"), SIGNS, ids=IDS)
def test_a_sign_in_an_answer_to_a_later_question_comes_first(servers, sign, said, opening):
    me = _sender()
    asked = _say(servers, me, opening)
    assert "stop you doing" in asked or "0 (no pain)" in asked, asked
    reply = _say(servers, me, said)  # the answer to what the pain stops them doing
    assert _acknowledged(reply, said), reply
    replies = _answer_screen(servers, me, reply, said)
    _assert_urgent_without_booking(servers, me, replies, said)


@pytest.mark.parametrize(("sign", "said", "_"), SIGNS, ids=IDS)
def test_a_sign_at_the_booking_step_stops_the_booking(servers, sign, said, _):
    me = _sender()
    _say(servers, me, KNEE)
    _say(servers, me, "6")
    for answer in screen_answers(message=KNEE):
        summary = _say(servers, me, answer)
    assert "Did I get that right?" in summary
    assert BOOKING_OFFER in _say(servers, me, "yes")
    assert "What days or times suit you" in _say(servers, me, "yes")
    reply = _say(servers, me, f"mornings. Also, {said}")
    assert _acknowledged(reply, said), reply
    replies = _answer_screen(servers, me, reply, said)
    _assert_urgent_without_booking(servers, me, replies, said)


@pytest.mark.parametrize(("at", "said"), [
    ("name", "since this morning my right calf is swollen and red and i'm short of breath"),
    ("phone", "sorry one more thing, yesterday afternoon i got crushing chest pain and sweating "
              "carrying shopping up the stairs"),
])  # fmt: skip
def test_a_sign_with_a_time_in_it_after_a_time_is_chosen_is_no_new_time(servers, at, said):
    """Patient newcomer test: a clot or chest pain told with "since this morning" or "yesterday
    afternoon" after a time was chosen got new times, and the patient was booked, no flag."""
    me = _sender()
    _say(servers, me, KNEE)
    _say(servers, me, "6")
    for answer in screen_answers(message=KNEE):
        _say(servers, me, answer)
    _say(servers, me, "yes")
    _say(servers, me, "yes")
    _say(servers, me, "afternoons")
    assert "What name should the front desk use" in _say(servers, me, "2")
    if at == "phone":
        _say(servers, me, "Tom Baker")
    reply = _say(servers, me, said)
    assert "Here are the times" not in reply and "You mentioned" in reply and _asked(reply), reply
    replies = _answer_screen(servers, me, reply, said)
    joined = " ".join(replies)
    assert BOOKING_OFFER not in joined and "You're booked" not in joined, replies
    intake = _intake(servers, me)
    assert intake["status"] == "urgent" and intake["red_flags"], intake


def test_a_sign_said_in_the_first_message_then_denied_is_left_for_staff(servers):
    """Patient newcomer test: "long haul flight yesterday, now my left calf is swollen and hot",
    then "no" to every question: booked, and staff saw "Red flags: None reported"."""
    me = _sender()
    reply = _say(servers, me, "long haul flight yesterday, now my left calf is swollen and hot")
    for _ in range(12):
        if "Did I get that right?" in reply:
            break
        reply = _say(servers, me, "no" if _asked(reply) else "6" if "0 (no pain)" in reply
                     else "walking" if "stop you" in reply else "about 2 days")  # fmt: skip
    assert "Did I get that right?" in reply, reply
    intake = _intake(servers, me)
    assert "dvt_denied" in (intake["red_flags"] or []), intake


def test_a_sign_denied_at_the_booking_step_goes_back_to_booking(servers):
    me = _sender()
    _say(servers, me, KNEE)
    _say(servers, me, "6")
    for answer in screen_answers(message=KNEE):
        _say(servers, me, answer)
    _say(servers, me, "yes")
    _say(servers, me, "yes")
    reply = _say(servers, me, "by the way my calf is a bit swollen")
    assert "You mentioned your calf is a bit swollen" in reply and _asked(reply)
    replies = _answer_screen(servers, me, reply, "")  # no to each: it was nothing
    assert "Did I get that right?" in replies[-1], replies
    assert BOOKING_OFFER in _say(servers, me, "yes")


# ------------------------------------------------------------ issue 13, item 17
def test_not_sure_at_a_safety_question_gets_a_clarifying_question_not_a_loop(servers):
    me = _sender()
    _say(servers, me, "my lower back has hurt for 3 weeks and I can't bend")
    assert question("rf_bladder_bowel") in _say(servers, me, "5")
    reply = _say(servers, me, "no")
    assert question("rf_weakness") in reply
    clarify = _say(servers, me, "not sure, it's more numb and tingly than weak")
    assert "yes or a no" not in clarify and clarify.startswith("That's OK")
    assert "Numbness or tingling on its own is different from weakness" in clarify
    assert question("rf_fever") in _say(servers, me, "no, my legs are fine, just tingly")


def test_not_sure_twice_is_accepted_cautiously_and_flagged_for_staff(servers):
    me = _sender()
    _say(servers, me, "my lower back has hurt for 3 weeks and I can't bend")
    _say(servers, me, "5")
    assert _say(servers, me, "not sure").startswith("That's OK")
    reply = _say(servers, me, "I really don't know")
    # ... in words that name no symptom (it said "these symptoms": patient newcomer test)
    assert _advice_text("doctor_today", unsure=True) in reply and "yes or a no" not in reply
    intake = _intake(servers, me)
    assert intake["status"] == "urgent" and intake["red_flags"] == ["bladder_bowel_unsure"]


def test_leg_numbness_in_the_first_message_is_acknowledged_at_the_weakness_question(servers):
    me = _sender()
    _say(servers, me, "my lower back has hurt for 3 weeks and my left leg feels numb")
    _say(servers, me, "sitting")
    _say(servers, me, "5")
    reply = _say(servers, me, "no")
    assert "You mentioned your lower back has hurt for 3 weeks and your left leg feels numb" in (
        reply
    )
    assert question("rf_weakness") in reply


def test_a_fall_in_the_first_message_is_confirmed_not_asked_as_new(servers):
    me = _sender()
    said = "I fell down the stairs and hurt my back, about 2 weeks ago"
    _say(servers, me, said)
    _say(servers, me, "walking")
    _say(servers, me, "4")
    for _ in range(4):  # bladder, weakness, fever, cancer
        reply = _say(servers, me, "no")
    assert "You mentioned you fell down the stairs" in reply and "Just to check" in reply
    assert question("rf_trauma") in reply
    assert _advice_text("doctor") in _say(servers, me, "yes")


@pytest.mark.parametrize(("opening", "said", "slot"), [
    ("my left knee has hurt for 3 weeks", "8, and ive had a fever of 102 since yesterday",
     "rf_fever"),
    ("my lower back has hurt for 2 months", "walking. also i've lost a stone without trying",
     "rf_cancer_weight"),
])  # fmt: skip
def test_a_sign_said_at_an_intake_question_is_acknowledged_in_the_reply(
    servers, opening, said, slot
):
    """Patient newcomer test: "8, and ive had a fever of 102 since yesterday" was acknowledged
    only when the fever question came, after the intake's questions. The reply to it quotes it
    and confirms it."""
    me = _sender()
    _say(servers, me, opening)
    reply = _say(servers, me, said)
    assert "You mentioned" in reply and "Just to check" in reply, reply
    assert question(slot) in reply, reply


def test_a_knee_patient_is_not_asked_about_bladder_control(servers):
    me = _sender()
    _say(servers, me, KNEE)
    replies = [_say(servers, me, "6")]
    for answer in screen_answers(message=KNEE):
        replies.append(_say(servers, me, answer))
    joined = " ".join(replies)
    assert "bladder" not in joined and "Did I get that right?" in replies[-1]
    assert question("rf_fever") in joined and question("rf_fracture") in joined
    assert question("rf_trauma") not in joined  # a limb's injury is screened by what it can do


@pytest.mark.parametrize("said", [
    "since this morning my right arm has gone weak and I can't grip a cup, also neck pain for a "
    "week",
    "shoulder pain, and since this morning I can't lift my arm, it feels weak and heavy",
])
def test_an_arm_gone_weak_within_the_day_gets_the_stroke_question(servers, said):
    """Pass I: an arm weak "since this morning" with neck pain was booked, with no flag."""
    me = _sender()
    replies = [_say(servers, me, said)]
    for answer in ("6", "right", "typing"):
        if _asked(replies[-1]) or "Did I get that right" in replies[-1]:
            break
        replies.append(_say(servers, me, answer))
    for _ in range(14):
        slot = _asked(replies[-1])
        if slot is None or slot == "rf_stroke":
            break
        replies.append(_say(servers, me, "no"))
    assert _asked(replies[-1]) == "rf_stroke", replies
    assert _advice_text("call_911") in _say(servers, me, "yes"), replies


@pytest.mark.parametrize("answer", ["no", "only the basal cell one"])
def test_a_basal_cell_skin_cancer_told_first_gets_the_cancer_question_once(servers, answer):
    """Pass H: a basal cell skin cancer in the first message made a plain no to the cancer
    question a contradiction, so it was asked twice before the booking."""
    me = _sender()
    said = "sore lower back for years, bending is hard, 5/10. I had a basal cell skin cancer out"
    replies = [_say(servers, me, said)]
    for _ in range(12):
        slot = _asked(replies[-1])
        if slot is None:
            break
        replies.append(_say(servers, me, answer if slot == "rf_cancer_weight" else "no"))
    asked = [_asked(r) for r in replies]
    assert asked.count("rf_cancer_weight") == 1, replies
    assert "Did I get that right?" in replies[-1], replies


@pytest.mark.parametrize(("answer", "booked"), [("no, I can walk on it fine", True),
                                                ("yes, I couldn't put any weight on it", False)])
def test_a_sprained_ankle_is_booked_unless_it_cannot_bear_weight(servers, answer, booked):
    """A 4-week ankle sprain said yes to "a recent fall or accident?" and was sent to a doctor
    (newcomer test): a limb is screened by the Ottawa rules' question instead."""
    me = _sender()
    replies = [_say(servers, me, "I rolled my left ankle playing soccer 4 weeks ago, stairs hurt")]
    for _ in range(8):
        last = replies[-1]
        if "Did I get that right?" in last or "doctor" in last:
            break
        if question("rf_fracture") in last:
            reply = answer
        elif _asked(last):
            reply = "no"
        else:  # the intake's own questions: the score, anything else it needs
            reply = "5" if "scale from 0" in last or "number from 0" in last else "walking"
        replies.append(_say(servers, me, reply))
    joined = " ".join(replies)
    assert question("rf_fracture") in joined and question("rf_trauma") not in joined, joined
    if booked:
        assert "Did I get that right?" in replies[-1], replies[-1]
    else:
        assert _advice_text("doctor_today") in joined, joined


def test_with_the_action_server_down_urgent_words_still_get_their_advice(trained_model, tmp_path):
    """The screen needs the action server; the channel's safety net does not (channels/safety_net):
    words that state a sign needing 911 get that advice, not only "a technical problem"."""
    url = f"sqlite:///{tmp_path / 'intake.db'}"
    upgrade(url)
    nowhere = {"ACTION_ENDPOINT_URL": f"http://127.0.0.1:{free_port()}/webhook"}
    with run_servers(trained_model, tmp_path, url, extra_env=nowhere) as down:
        reply = " ".join(down.texts(_sender(), "a sudden severe headache with vomiting"))
        assert _advice_text("call_911") in reply, reply
        other = " ".join(down.texts(_sender(), "my fingers are numb and clumsy"))
        assert "technical problem" in other and "didn't understand" not in other, other


def test_a_sign_in_a_correction_at_the_read_back_reopens_the_screen(servers):
    me = _sender()
    _say(servers, me, KNEE)
    _say(servers, me, "6")
    for answer in screen_answers(message=KNEE):
        summary = _say(servers, me, answer)
    assert "Did I get that right?" in summary
    said = "no, and my calf has gone red and swollen since my flight home"
    reply = _say(servers, me, said)
    assert "You mentioned your calf has gone red and swollen since your flight home" in reply
    replies = _answer_screen(servers, me, reply, said)
    _assert_urgent_without_booking(servers, me, replies, said)


def test_a_sign_after_urgent_advice_keeps_the_advice_and_points_to_911(servers):
    me = _sender()
    said = "a sudden severe headache with vomiting"
    replies = _answer_screen(servers, me, _say(servers, me, said), said)
    assert "What name should the front desk use" in replies[-1]
    later = _say(servers, me, "and now my chest feels tight and heavy")
    assert "call 911 now" in later and "What name should the front desk use" in later, later


@pytest.mark.parametrize(("sign", "said", "_"), [SIGNS[0], SIGNS[3]], ids=["dvt", "cardiac"])
def test_a_sign_after_booking_cancels_the_booking_and_says_so(servers, sign, said, _):
    """Urgent means no booking: a sign said after the booking left the assessment in place."""
    me = _sender()
    _say(servers, me, KNEE)
    _say(servers, me, "6")
    for answer in screen_answers(message=KNEE):
        _say(servers, me, answer)
    for message in ("yes", "yes", "mornings", "1", "Sam Rivera", "646 555 0144", "skip"):
        _say(servers, me, message)
    assert "You're booked" in _say(servers, me, "yes")
    reply = _say(servers, me, said)
    assert "You mentioned" in reply and _asked(reply), reply
    replies = _answer_screen(servers, me, reply, said)
    joined = " ".join(replies)
    assert _advice_text(detect(said).advice) in joined, replies
    assert "I've cancelled your assessment" in joined, replies
    rows = query(servers.database_url, "SELECT status FROM bookings WHERE conversation_id = :c",
                 c=me)  # fmt: skip
    assert [r["status"] for r in rows] == ["cancelled"], rows
    assert _intake(servers, me)["status"] == "urgent"
    # Asked later, the patient hears it was cancelled for the advice, never "couldn't find"
    # (issue 13 newcomer test).
    later = _say(servers, me, "is my appointment still on?")
    assert "was cancelled for now, because of the advice above" in later, later
    assert "couldn't find" not in later and "call you today" in later, later


def test_a_question_after_call_911_gets_the_advice_again_and_ok_is_no_name(servers):
    """Newcomer test: "what should I do?" after "call 911 now" got the first visit's answer,
    and "ok" at the name question was saved as the name."""
    me = _sender()
    said = "my chest feels heavy and the pain goes down my left arm"
    replies = _answer_screen(servers, me, _say(servers, me, said), said)
    assert "call 911" in replies[-1] and "What name should the front desk use" in replies[-1]
    after = _say(servers, me, "what should I do?")
    assert _AFTER_QUESTION in after, after
    assert "first visit" not in after and "What name should the front desk use" in after
    again = _say(servers, me, "ok")  # no name: the advice again, then the question
    assert _AFTER_QUESTION in again, again
    assert "What name should the front desk use" in again, again
    names = query(servers.database_url,
                  "SELECT patient_name FROM intakes WHERE conversation_id = :c", c=me)  # fmt: skip
    assert all(row["patient_name"] is None for row in names), names


@pytest.mark.parametrize("said", [
    "dad cant lift his right arm suddenly and hes confused, he has back pain",
    "my mum's mouth is lopsided and she's talking funny since lunch, she has shoulder pain too",
    "tearing pain between my shoulder blades came on suddenly this afternoon and i feel sweaty",
])  # fmt: skip
def test_a_sign_in_a_relatives_everyday_words_gets_its_advice(servers, said):
    """Second patient newcomer test: a father's sudden arm weakness and confusion, a mother's
    lopsided mouth and funny talk, and tearing pain between the shoulder blades each went to
    a booking (the first one was booked)."""
    me = _sender()
    first = _say(servers, me, said)
    assert _acknowledged(first, said), first
    replies = _answer_screen(servers, me, first, said)
    _assert_urgent_without_booking(servers, me, replies, said)


@pytest.mark.parametrize("hedge", ["a bit", "i think so", "she did, twice"])
def test_a_hedged_answer_to_a_safety_question_is_a_yes(servers, hedge):
    """Second patient newcomer test: "a bit", "a bit", "kinda" at the bladder question got the
    same question back, word for word, until the patient gave up; staff had nothing."""
    me = _sender()
    _say(servers, me, "my lower back has hurt for 3 weeks")
    _say(servers, me, "walking")
    asked = _say(servers, me, "5")
    assert _asked(asked) == "rf_bladder_bowel", asked
    reply = _say(servers, me, hedge)
    assert _advice_text("emergency") in reply, reply
    assert _intake(servers, me)["status"] == "urgent"


def test_no_answer_twice_at_a_safety_question_says_what_is_needed(servers):
    me = _sender()
    _say(servers, me, "my lower back has hurt for 3 weeks")
    _say(servers, me, "walking")
    _say(servers, me, "5")
    first = _say(servers, me, "hmm")
    assert "I mean" in first, first  # the clarifying version, with more words
    second = _say(servers, me, "hmm")
    assert "I need a yes or a no" in second and "not sure" in second, second
    # ... and a way to a person, taken (newcomer test: "what?" six times, the same reply)
    assert "call me" in second, second
    handoff = _say(servers, me, "call me")
    assert _asked(handoff) is None and ("name" in handoff or "number" in handoff), handoff


@pytest.mark.parametrize(
    ("first", "walk", "non_answer"),
    [("my lower back has hurt for 3 weeks", ["walking", "5"], "hmm"),
     ("my mum's left knee has hurt for 2 weeks since she slipped", ["walking", "6"],
      "she wouldn't say")],
)  # fmt: skip
def test_a_third_message_with_no_answer_is_taken_as_not_sure(servers, first, walk, non_answer):
    """Patient newcomer test: "she is fine" six times at the fracture question got "I need a
    yes or a no" six times. The third message with no answer is left for staff: as "not sure",
    with its cautious advice, at an emergency question (bladder); with no advice elsewhere
    (fracture: three "👍" sent a sprain to urgent care), and the chat goes on."""
    me = _sender()
    reply = _say(servers, me, first)
    for said in walk:
        if _asked(reply):
            break
        reply = _say(servers, me, said)
    slot = _asked(reply)
    assert slot, reply
    assert _asked(_say(servers, me, non_answer)) == slot
    second = _say(servers, me, non_answer)
    assert "I need a yes or a no" in second and _asked(second) == slot, second
    third = _say(servers, me, non_answer)
    assert "left this question for our team" in third, third
    assert "I need a yes or a no" not in third and _asked(third) != slot, third
    emergency = FLAGS_BY_SLOT[slot].advice in ("call_911", "emergency")
    reply = third
    while not emergency and _asked(reply):  # the rest of the screen, then the read-back
        reply = _say(servers, me, "no")
    if not emergency:
        assert "Did I get that right?" in reply, reply
        assert BOOKING_OFFER in _say(servers, me, "yes")  # no advice: the patient can book
    flags = _intake(servers, me)["red_flags"]
    label = FLAGS_BY_SLOT[slot].label + ("_unsure" if emergency else "_unanswered")
    assert label in flags, flags
    assert ("couldn't rule this out" in third) is emergency, third


def test_knee_surgery_alone_opens_the_calf_question(servers):
    """Patient newcomer test: "knee pain after my knee replacement 10 days ago", then no to
    everything, was asked about a fall, fever and cancer and booked; recent leg surgery is a
    Wells risk factor, so the calf question is asked, and a yes gets its advice."""
    me = _sender()
    reply = _say(servers, me, "knee pain after my knee replacement 10 days ago")
    assert "You mentioned" in reply and "knee replacement" in reply, reply
    seen = []
    for _ in range(12):
        slot = _asked(reply)
        if slot is None or slot == "rf_leg_clot":
            break
        seen.append(slot)
        reply = _say(servers, me, "no" if slot else "walking")
    assert _asked(reply) == "rf_leg_clot", (seen, reply)
    advice = _say(servers, me, "yes, my calf is swollen")
    assert _advice_text("doctor_today") in advice, advice
    assert _intake(servers, me)["status"] == "urgent"


def test_another_questions_symptom_at_a_safety_question_is_kept_and_asked(servers):
    """Patient newcomer test: "7, and my calf is swollen and hot" typed at the breathing question
    got "I need a yes or a no", and the swelling was not taken for the calf question."""
    me = _sender()
    reply = _say(servers, me, "my left calf has ached for 5 days since a long haul flight")
    assert _asked(reply) == "rf_clot_breathing", reply
    kept = _say(servers, me, "7, and my calf is swollen and hot")
    assert "You mentioned your calf is swollen and hot" in kept, kept
    assert _asked(kept) == "rf_clot_breathing" and "I need a yes or a no" not in kept, kept
    confirm = _say(servers, me, "no")
    assert _asked(confirm) == "rf_leg_clot" and "calf is swollen and hot" in confirm, confirm
    advice = _say(servers, me, "yes")
    assert _advice_text("doctor_today") in advice, advice


def test_start_over_after_red_flag_advice_keeps_the_answers_for_the_call(servers):
    """Second patient newcomer test: "start over" after emergency advice offered a booking, the
    scheduler refused it, and staff got a second, clean intake with no contact details."""
    me = _sender()
    _say(servers, me, "my lower back has hurt for 3 weeks")
    _say(servers, me, "walking")
    _say(servers, me, "5")
    assert "What name should the front desk use" in _say(servers, me, "yes")
    reply = _say(servers, me, "start over")
    assert "can't start the questions again" in reply, reply
    assert "What name should the front desk use" in reply, reply
    assert BOOKING_OFFER not in reply
    assert _intake(servers, me)["status"] == "urgent"


def test_whose_symptom_it_is_at_a_safety_question_asks_it_again(servers):
    """Patient newcomer test: "no, not me, it's my wife who has it" at the stroke question was
    read as a no; the stroke was booked with no flag."""
    me = _sender()
    # (face and arm together are 911 at once: one sign, so that the question is asked)
    first = _say(servers, me, "my wife's face is drooping on one side, she also has shoulder "
                              "pain")
    assert _asked(first) == "rf_stroke", first
    # who has it is no answer (a yes made "not me, my husband" an emergency: review): the
    # question again in other words, then her answer
    again = _say(servers, me, "no, not me, it's my wife who has it")
    assert _asked(again) == "rf_stroke" and _advice_text("call_911") not in again, again
    reply = _say(servers, me, "yes she does")
    assert _advice_text("call_911") in reply and BOOKING_OFFER not in reply, reply
    assert _intake(servers, me)["status"] == "urgent"


@pytest.mark.parametrize("side", ["right knee", "right"])
def test_a_side_at_a_safety_question_is_no_yes(servers, side):
    """Patient newcomer test: "right knee" at the breathing question got "call 911 now"."""
    me = _sender()
    first = _say(servers, me, "my left calf has ached for 5 days since a long haul flight")
    assert _asked(first) == "rf_clot_breathing", first
    reply = _say(servers, me, side)
    assert _advice_text("call_911") not in reply and _asked(reply) == "rf_clot_breathing", reply


def test_an_everyday_no_is_a_no_and_what_gets_the_question_in_other_words(servers):
    """Patient newcomer test: "she is fine" three times at the breathing question ended in
    emergency advice; "what?" got the assistant's capabilities five times."""
    me = _sender()
    first = _say(servers, me, "my mom had her hip replaced 2 weeks ago and it's sore")
    assert _asked(first) == "rf_leg_clot", first  # the calf question; breathing waits (review)
    puzzled = _say(servers, me, "what?")
    clarifying = next(v["text"] for v in RESPONSES["utter_ask_rf_leg_clot"]
                      if v.get("condition"))  # fmt: skip
    assert puzzled == clarifying, puzzled  # in other words, and nothing else
    fine = _say(servers, me, "she is fine")
    assert _asked(fine) != "rf_leg_clot", fine
    assert "emergency" not in fine.lower(), fine


def test_a_symptom_said_after_a_no_asks_its_question_again(servers):
    """Patient newcomer test: "actually wait, I do get a bit breathless on the stairs" after no
    to the breathing question was stored as what the pain stops them doing, and booked."""
    me = _sender()
    reply = _say(servers, me, "my left knee replacement was 10 days ago")
    for _ in range(6):
        slot = _asked(reply)
        if slot is None:
            break
        reply = _say(servers, me, "no")
    assert "What does the pain stop you doing" in reply, reply
    again = _say(servers, me, "actually wait, I do get a bit breathless on the stairs")
    assert _asked(again) == "rf_clot_breathing" and "breathless on the stairs" in again, again
    advice = _say(servers, me, "yes")
    assert _advice_text("call_911") in advice, advice


def test_a_worse_sign_after_advice_gets_the_more_urgent_advice(servers):
    """Patient newcomer test: a crushing chest into the jaw after a fever's advice got "follow the
    advice above", and staff saw only the fever."""
    me = _sender()
    _say(servers, me, "my lower back has hurt for 2 weeks")
    reply = _say(servers, me, "bending")
    reply = _say(servers, me, "5")
    for _ in range(4):
        if _asked(reply) == "rf_fever":
            break
        reply = _say(servers, me, "no")
    assert _asked(reply) == "rf_fever", reply
    assert _advice_text("doctor") in _say(servers, me, "yes")
    later = _say(servers, me, "my chest is crushing and the pain goes into my jaw, it started "
                              "30 minutes ago")
    assert _advice_text("call_911") in later, later
    flags = _intake(servers, me)["red_flags"]
    assert "fever" in flags and "cardiac_at_rest" in flags, flags


def test_no_activity_twice_moves_on_and_a_diagnosis_question_is_answered(servers):
    """Patient newcomer test: "3" at the activities question got "I need to know what the pain
    makes hard" seven times; "is it a torn meniscus though?" was stored as the activity."""
    me = _sender()
    first = _say(servers, me, "my right knee has hurt for 4 months")
    assert "What does the pain stop you doing" in first, first
    asked = _say(servers, me, "is it a torn meniscus though? just tell me yes or no")
    assert "I don't diagnose" in asked and "what the pain makes hard" in asked, asked
    moved = _say(servers, me, "3")
    assert "what the pain makes hard" not in moved and "On a scale from 0" in moved, moved


def test_at_the_name_question_a_worse_sign_or_a_mistaken_yes_is_heard(servers):
    """Second newcomer pass: "now I'm coughing up blood and I can't breathe" at the name question
    after a clot's advice got only "follow the advice above" and staff kept "see a doctor today";
    "sorry I meant no, I pressed the wrong button" was ignored."""
    me = _sender()
    reply = _say(servers, me, "my left calf is swollen and red since my knee surgery 5 days ago")
    replies = _answer_screen(servers, me, reply, "my left calf is swollen and red since my knee "
                                                 "surgery 5 days ago")
    assert "What name should the front desk use" in replies[-1], replies
    worse = _say(servers, me, "now I'm coughing up blood and I can't breathe")
    assert _advice_text("call_911") in worse, worse
    assert "dvt_breathing" in _intake(servers, me)["red_flags"]
    taken_back = _say(servers, me, "sorry I meant no, I pressed the wrong button")
    assert "you meant no" in taken_back and "What name" in taken_back, taken_back


def test_after_the_advice_non_answers_at_the_name_question_move_on(servers):
    """Second newcomer pass: "hmm" four times at the name question after the advice got the same
    two messages each time; after the reminder, a second one goes on without a name."""
    me = _sender()
    said = "my chest feels heavy and the pain goes down my left arm"
    replies = _answer_screen(servers, me, _say(servers, me, said), said)
    assert "What name should the front desk use" in replies[-1], replies
    first = _say(servers, me, "hmm")
    assert _AFTER_QUESTION in first, first
    second = _say(servers, me, "hmm")
    assert "What name should the front desk use" not in second, second


def test_a_patient_with_no_place_that_hurts_goes_on_to_the_read_back(servers):
    """Newcomer test: a GP's vertigo patient ("it doesnt hurt, its dizziness", "nowhere",
    "skip") looped at "Where does it hurt?" until they typed "head"."""
    me = _sender()
    reply = _say(servers, me, "my GP diagnosed me with BPPV vertigo and said physio can help, "
                              "it's been 3 weeks")  # fmt: skip
    for said in ("it doesnt hurt, its dizziness", "nowhere", "skip"):
        if "Where" not in reply:
            break
        reply = _say(servers, me, said)
    assert "Where" not in reply, reply
    for _ in range(16):
        if "Did I get that right?" in reply:
            break
        reply = _say(servers, me, "no" if _asked(reply) or "12 weeks or longer" in reply
                     else "0" if "0 (no pain)" in reply else "3 weeks" if "How long" in reply
                     else "turning over in bed")  # fmt: skip
    assert "Did I get that right?" in reply and "no particular place" in reply, reply
    assert BOOKING_OFFER in _say(servers, me, "yes")
    assert _intake(servers, me)["status"] != "urgent"


def test_am_i_still_booked_at_a_safety_question_or_after_the_advice_is_told_plainly(servers):
    """Newcomer test: "so am i still booked?" at the heart-attack question asked for a booking
    code, and the question never came back; after the advice it asked for a code too."""
    me = _sender()
    _say(servers, me, "my right knee has hurt for 3 weeks")
    reply = ""
    for said in ("walking", "5"):
        reply = _say(servers, me, said)
        if _asked(reply):
            break
    slot = _asked(reply)
    assert slot, reply
    told = _say(servers, me, "so am i still booked?")
    assert "don't have a booking in this chat" in told and _asked(told) == slot, told
    assert "booking code" not in told
    me = _sender()
    advice = _say(servers, me, "I think I'm having a stroke")
    assert _advice_text("call_911") in advice, advice
    after = _say(servers, me, "so am i still booked?")
    assert "No appointment is booked for you in this chat" in after, after
    assert "booking code" not in after
    what = _say(servers, me, "what do I do")
    assert "Please call 911 now" in what and "get worse" not in what, what


def test_contact_after_911_advice_says_call_911_before_the_call_back(servers):
    """Newcomer test: after "call 911 now", the thanks for the phone number said only "Please
    follow the advice above. The clinic will call you today", which read as "wait for us"."""
    me = _sender()
    said = "i think im having a heart attack, my chest is crushing and my arm hurts"
    replies = _answer_screen(servers, me, _say(servers, me, said), said)
    assert "call 911" in replies[-1] and "What name should the front desk use" in replies[-1]
    _say(servers, me, "Sam Lee")
    saved = _say(servers, me, "212 555 0100")
    assert "Thank you, Sam Lee. If you haven't yet, please call 911 now" in saved, saved
    assert "the clinic will also call you today" in saved, saved


def test_an_emergency_named_at_a_safety_question_gets_its_advice(servers):
    """Seventh newcomer pass: "heart attack" at the bladder question was "not sure" ("That's
    OK, it can be hard to judge") and the question came again."""
    me = _sender()
    said = "my lower back hurts for 3 weeks, 5 out of 10"
    reply = _say(servers, me, said)
    for _ in range(4):
        if _asked(reply) is not None:
            break
        reply = _say(servers, me, "walking")
    assert _asked(reply) is not None, reply
    advice = _say(servers, me, "heart attack")
    assert "call 911" in advice and "hard to judge" not in advice, advice
    assert _intake(servers, me)["status"] == "urgent"


def test_a_request_to_call_911_is_told_the_assistant_cannot_once(servers):
    """Seventh newcomer pass: "call 911 now" as a first message got "How long have you had
    this pain?" only; the assistant never said it cannot call."""
    me = _sender()
    first = _say(servers, me, "call 911 now")
    assert first.count("I can't call 911 or an ambulance for you") == 1, first
    assert "How long have you had this pain" in first, first
    later = _say(servers, me, "call an ambulance please")
    assert later.count("I can't call 911 or an ambulance for you") == 1, later


def test_pushing_back_on_emergency_advice_gets_the_emergency_department_again(servers):
    """Seventh newcomer pass: "i dont want to go to the er, can you just book me" after the
    emergency department's advice got only "Please follow the advice above first"."""
    me = _sender()
    said = "my lower back has hurt for 2 weeks and i cant control my bladder since yesterday"
    replies = _answer_screen(servers, me, _say(servers, me, said), said)
    assert "emergency department now" in replies[-1], replies
    after = _say(servers, me, "i dont want to go to the er, can you just book me")
    assert "please go to an emergency department now" in after, after
    assert BOOKING_OFFER not in after and "What name should the front desk use" in after, after


def test_breathlessness_at_the_booking_step_is_asked_about_not_a_new_duration(servers):
    """Second newcomer pass: "btw I've been really short of breath since yesterday" at the
    booking offer changed a 4-month pain to "about 1 day", and the breathlessness was ignored."""
    me = _sender()
    _say(servers, me, KNEE)
    _say(servers, me, "6")
    for answer in screen_answers(message=KNEE):
        summary = _say(servers, me, answer)
    assert "Did I get that right?" in summary
    assert BOOKING_OFFER in _say(servers, me, "yes")
    asked = _say(servers, me, "btw I've been really short of breath since yesterday")
    assert "struggling to breathe" in asked and "1 day" not in asked, asked
    after = _say(servers, me, "no")
    assert "1 day" not in after, after


@pytest.mark.parametrize("said", ["dizzy", "i feel sick"])
def test_a_symptom_no_sign_covers_mid_intake_is_noted_and_the_question_asked_again(servers, said):
    """Pass C: "dizzy" said alone at the duration question got "Sorry, I can't help with that".
    It is noted for the team, with when to call 911, and the intake goes on."""
    me = _sender()
    asked = _say(servers, me, "my right knee hurts")
    reply = _say(servers, me, said)
    assert "can't help with that" not in reply and "didn't understand" not in reply, reply
    assert "noted" in reply or _asked(reply) is not None, reply
    assert asked.split(".")[-1].strip()[:30] in reply or _asked(reply) is not None, (asked, reply)


def test_choking_on_food_is_asked_about_swallowing_not_sent_to_911(servers):
    """Pass C: "keep choking on my food" was told to call 911 for breathing."""
    me = _sender()
    reply = _say(servers, me, "my neck has hurt for 2 weeks and i keep choking on my food")
    assert _advice_text("call_911") not in reply, reply
    assert _asked(reply) == "rf_neck_vascular", reply


def test_a_fever_long_gone_at_the_fever_question_is_a_no(servers):
    """This session's newcomer pass: "not now, i had a fever last month but im fine now" at the
    fever question sent a knee patient to their doctor, with no booking."""
    me = _sender()
    reply = _say(servers, me, KNEE)
    reply = _say(servers, me, "6")
    for _ in range(12):
        slot = _asked(reply)
        if slot is None:
            break
        answer = "not now, i had a fever last month but im fine now" if slot == "rf_fever" else "no"
        reply = _say(servers, me, answer)
    assert "Did I get that right?" in reply, reply
    assert _advice_text("doctor") not in reply


def test_a_score_typed_at_a_safety_question_is_no_yes(servers):
    """This session's newcomer pass: "8" and "9" typed while a yes-or-no safety question was
    showing were read as yes, and the patient got a doctor's advice."""
    me = _sender()
    _say(servers, me, KNEE)
    reply = _say(servers, me, "6")
    slot = _asked(reply)
    assert slot is not None, reply
    again = _say(servers, me, "8")
    assert _asked(again) == slot, again
    assert not any(_advice_text(level) in again for level in ("call_911", "emergency",
                                                                "doctor_today", "doctor"))


@pytest.mark.parametrize("first", ["neck pain, and I keep choking on my food a bit",
                                   "neck pain and since then trouble swallowing"])
def test_a_time_typed_at_a_safety_question_is_no_yes(servers, first):
    """Seventh newcomer pass: "a month" (meant for the duration) at the neck-artery question was
    a yes, and a patient whose food went down the wrong way was sent to the emergency
    department with no way back. Even at a question their own words answered yes, a time is
    no answer: the question again."""
    me = _sender()
    reply = _say(servers, me, first)
    assert _asked(reply) == "rf_neck_vascular", reply
    again = _say(servers, me, "a month")
    assert _asked(again) == "rf_neck_vascular", again
    assert _advice_text("emergency") not in again and _advice_text("call_911") not in again


def test_stop_at_the_safety_questions_then_book_asks_them_first(servers):
    """Pass F, on every channel: "stop" at the first safety question, then "book an
    appointment", offered times with no screen, after chest heaviness down the arm too."""
    me = _sender()
    said = "my chest feels heavy and my left arm is aching since an hour ago"
    first = _say(servers, me, said)
    assert _asked(first), first
    stopped = _say(servers, me, "stop")
    assert "You mentioned your chest feels heavy" in stopped and "911" in stopped, stopped
    reply = _say(servers, me, "book an appointment")
    assert "Here are the times" not in reply and _asked(reply), reply
    replies = _answer_screen(servers, me, reply, said)
    _assert_urgent_without_booking(servers, me, replies, said)


@pytest.mark.parametrize(("said", "slot", "level"), [
    # pass F: a relative's hedged face was read as nothing
    ("my wife says my face looks a bit lopsided since this morning", "rf_stroke", "call_911"),
    # pass G: booked with no question
    ("my right arm suddenly went weak about an hour ago and i can't lift it", "rf_stroke",
     "call_911"),
    ("my right foot and lower leg have gone cold and pale and really painful, numb too",
     "rf_limb_cold", "emergency"),
])  # fmt: skip
def test_a_sign_told_with_a_hedge_is_asked_and_a_yes_gets_its_advice(servers, said, slot, level):
    """Asked, not stated: the answer decides."""
    me = _sender()
    first = _say(servers, me, said)
    assert "You mentioned" in first and _asked(first) == slot, first
    reply = _say(servers, me, "yes")
    assert _advice_text(level) in reply, reply
    assert BOOKING_OFFER not in reply
    assert _intake(servers, me)["status"] == "urgent"


def test_chest_soreness_only_when_pressed_goes_on_to_booking(servers):
    """Pass G: a gym-goer's sore chest muscles, "yes but only when i press on it" at the chest
    question, got "call 911 now" and could not book."""
    me = _sender()
    reply = _say(servers, me, "started bench pressing last week and now my chest muscles are "
                 "sore, hurts when i press on them or do pushups")
    for _ in range(8):  # the pain score and the questions before it
        if _asked(reply) == "rf_chest_now":
            break
        reply = _say(servers, me, "3" if "0 (no pain)" in reply else "no")
    assert _asked(reply) == "rf_chest_now", reply
    reply = _say(servers, me, "yes but only when i press on it")
    assert _advice_text("call_911") not in reply and _asked(reply) != "rf_chest_now", reply
