"""Staff flags for advice the channel's safety net sent during an outage
(bot.intake.outage_flags): written at once, or kept in a file and written once the database
answers again; nothing is lost, nothing is written twice."""

from __future__ import annotations

import json

import pytest

from bot.db import make_engine, make_session_factory
from bot.intake.outage_flags import OutageFlag, PendingFlags, flag_advice_sent, write_flag
from bot.intake.service import IntakeUpdate, intakes_for_conversation, save_intake
from bot.migrate import upgrade
from channels.safety_net import outage_flag

AT = "2026-11-30T02:00:00+00:00"


@pytest.fixture
def factory(tmp_path):  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'intake.db'}"
    upgrade(url)
    return make_session_factory(make_engine(url))


@pytest.fixture
def down(tmp_path):  # type: ignore[no-untyped-def]
    """A factory whose database cannot be opened (a directory stands where the file should)."""
    (tmp_path / "gone.db").mkdir()
    return make_session_factory(make_engine(f"sqlite:///{tmp_path / 'gone.db'}"))


def test_the_flag_is_written_at_once(factory, tmp_path):
    flag = OutageFlag("web-1", "rest", False, ("bladder_bowel",), AT)
    assert flag_advice_sent(factory, PendingFlags(tmp_path), flag)
    (intake,) = intakes_for_conversation(factory, "web-1")
    assert (intake.status, intake.red_flags, intake.crisis) == ("urgent", ["bladder_bowel"], False)
    assert not (tmp_path / "pending-safety-flags.jsonl").exists()


def test_an_existing_intake_keeps_its_details_and_gains_the_flag(factory):
    save_intake(factory, "web-2", IntakeUpdate({"pain_class": "chronic", "red_flags": ["fever"]}))
    write_flag(factory, OutageFlag("web-2", "rest", True, ("bladder_bowel",), AT))
    (intake,) = intakes_for_conversation(factory, "web-2")
    assert intake.status == "urgent" and intake.crisis is True and intake.pain_class == "chronic"
    assert intake.red_flags == ["fever", "bladder_bowel"]


def test_with_the_database_down_the_flag_waits_and_is_written_once(factory, down, tmp_path):
    pending = PendingFlags(tmp_path / "var")
    flags = [
        OutageFlag("web-3", "rest", True, (), AT),
        OutageFlag("+12125550100", "twilio_sms", False, ("cardiac_at_rest",), AT),
    ]
    for flag in flags:
        assert flag_advice_sent(down, pending, flag) is False  # never raises
    lines = pending.path.read_text().splitlines()
    assert [json.loads(line)["sender_id"] for line in lines] == ["web-3", "+12125550100"]
    assert pending.write_all(down) == 0 and len(pending.path.read_text().splitlines()) == 2
    with pending.path.open("a") as out:
        out.write("not json\n")
    assert pending.write_all(factory) == 2
    assert pending.path.read_text() == ""
    assert pending.path.with_suffix(".bad").read_text() == "not json\n"  # kept aside, not lost
    (crisis,) = intakes_for_conversation(factory, "web-3")
    (sms,) = intakes_for_conversation(factory, "+12125550100")
    assert crisis.crisis is True and sms.red_flags == ["cardiac_at_rest"]
    assert sms.channel == "twilio_sms"
    assert pending.write_all(factory) == 0  # once only


@pytest.mark.parametrize(
    "response,text,crisis,labels",
    [
        ("utter_crisis", "I want to kill myself", True, ()),
        ("utter_redflag_emergency",
         "my back hurts and I have wet myself and I cannot feel between my legs",
         False, ("bladder_bowel",)),
        ("utter_redflag_call_911",
         "my chest feels heavy and the pain goes down my left arm, right now sitting here",
         False, ("cardiac_at_rest",)),
        ("utter_technical_problem", "my back hurts", None, None),
    ],
)  # fmt: skip
def test_the_channel_owes_a_flag_only_for_safety_advice(response, text, crisis, labels):
    flag = outage_flag("web-4", "rest", text, response)
    if crisis is None:
        assert flag is None
    else:
        assert (flag.crisis, flag.red_flags) == (crisis, labels)
