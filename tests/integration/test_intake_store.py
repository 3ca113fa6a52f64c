"""Intake records on real databases: create, update, status precedence and export."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from bot.db import unit_of_work
from bot.frontdesk.contact_edit import checked_contact, correct_contact
from bot.frontdesk.export import export_intakes
from bot.intake.service import IntakeUpdate, get_intake, save_intake

SLOTS = {
    "duration_weeks": 17.4,
    "duration_text": "about 4 months",
    "pain_class": "chronic",
    "pain_stage": "chronic",
    "locations": [{"region": "lower_back", "side": None}],
    "activities": ["sitting", "work"],
    "pain_score": 6,
    "evidence": {"duration": "for about 4 months"},
    "raw_answers": {"message": ["my lower back 😣 '; DROP TABLE intakes; --"]},
}


def test_create_then_update_the_same_intake(session_factory):
    first = save_intake(session_factory, "conv-1", IntakeUpdate(SLOTS))
    again = save_intake(session_factory, "conv-1", IntakeUpdate({"pain_score": 7}), intake_id=first)
    assert again == first
    intake = get_intake(session_factory, first)
    assert intake.pain_score == 7 and intake.duration_weeks == 17.4
    assert intake.locations == [{"region": "lower_back", "side": None}]
    assert intake.raw_answers["message"][0].endswith("DROP TABLE intakes; --")
    assert intake.created_at.tzinfo is not None


def test_an_id_from_another_conversation_is_not_reused(session_factory):
    first = save_intake(session_factory, "conv-a", IntakeUpdate(SLOTS))
    other = save_intake(session_factory, "conv-b", IntakeUpdate(SLOTS), intake_id=first)
    assert other != first


def test_urgent_is_never_downgraded(session_factory):
    intake_id = save_intake(session_factory, "c", IntakeUpdate({}, status="urgent"))
    save_intake(session_factory, "c", IntakeUpdate({}, status="callback"), intake_id=intake_id)
    save_intake(session_factory, "c", IntakeUpdate({}, status="new"), intake_id=intake_id)
    assert get_intake(session_factory, intake_id).status == "urgent"


def test_crisis_makes_an_intake_urgent(session_factory):
    intake_id = save_intake(session_factory, "c", IntakeUpdate({"crisis": True}))
    intake = get_intake(session_factory, intake_id)
    assert intake.crisis is True and intake.status == "urgent"


def test_export_jsonl_and_csv_use_the_dictionary_names(session_factory):
    save_intake(session_factory, "c1", IntakeUpdate(SLOTS, completed=True))
    save_intake(session_factory, "c2", IntakeUpdate({"pain_class": "acute"}, status="callback"))
    lines = "".join(export_intakes(session_factory, "jsonl")).splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["conversation_id"] for r in records] == ["c1", "c2"]
    first = records[0]
    for field in (
        "id",
        "conversation_id",
        "status",
        "created_at",
        "duration_weeks",
        "pain_class",
        "pain_stage",
        "locations",
        "activities",
        "evidence",
    ):
        assert field in first
    assert first["locations"] == [{"region": "lower_back", "side": None}]
    assert dt.datetime.fromisoformat(first["created_at"]).tzinfo is not None
    rows = list(csv.DictReader(io.StringIO("".join(export_intakes(session_factory, "csv")))))
    assert len(rows) == 2 and rows[1]["status"] == "callback"
    assert json.loads(rows[0]["activities"]) == ["sitting", "work"]
    # the queue's status, as the CSV and the console API have it (pass F: the JSON lines had only
    # the stored one)
    assert [r["queue_status"] for r in records] == [r["queue_status"] for r in rows]
    assert list(first)[list(first).index("status") + 1] == "queue_status"


def test_export_date_range(session_factory):
    save_intake(
        session_factory,
        "old",
        IntakeUpdate({}),
        clock=lambda: dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc),
    )
    save_intake(session_factory, "new", IntakeUpdate({}))
    since = dt.datetime(2026, 6, 1, tzinfo=dt.timezone.utc)
    records = [json.loads(x) for x in export_intakes(session_factory, "jsonl", since=since)]
    assert [r["conversation_id"] for r in records] == ["new"]


def test_the_chat_never_writes_over_a_staff_correction(session_factory):
    """Staff corrected "Dana" to "Dana K" and added a number; the patient then clicked "Talk
    to a person", and the chat's save put "Dana" back, with no audit entry (front-desk newcomer
    test). The chat's later saves keep every other answer and leave the contact alone."""
    chat = {"patient_name": "Dana", "phone": None, "email": None}
    first = save_intake(session_factory, "conv-c", IntakeUpdate({**SLOTS, **chat}))
    with unit_of_work(session_factory) as session:
        details = checked_contact("Dana K", "718 555 0199", "dana.k@example.com")
        now = dt.datetime(2026, 11, 30, 15, 0, tzinfo=dt.timezone.utc)
        assert correct_contact(session, first, details, now) == ["name", "phone", "email"]
    later = {**chat, "pain_score": 3}
    save_intake(session_factory, "conv-c", IntakeUpdate(later, "callback"), intake_id=first)
    intake = get_intake(session_factory, first)
    assert (intake.patient_name, intake.phone, intake.email) == (
        "Dana K", "+17185550199", "dana.k@example.com"
    )
    assert intake.pain_score == 3 and intake.status == "callback"
