"""Who needs a call back (bot.frontdesk.callback): the banner, the "Call back" tab, the counts
and the JSON API agree; urgent rows say what the patient was told, emergency first; an urgent
intake without a number says so and how they can be reached; reviews and calls go both ways."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select

from bot.db import unit_of_work
from bot.frontdesk.callback import advice_level, needs_call_back
from bot.frontdesk.models import AuditEntry, CallAttempt, IntakeFollowUp
from bot.intake.models import Intake
from tests.console.conftest import T0, post_form


def _order(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'data-intake="(\d+)"', html)]


def _call(client, intake_id: int, outcome: str, note: str = ""):  # type: ignore[no-untyped-def]
    page = f"/intakes/{intake_id}"
    return post_form(client, page, f"{page}/called-back", outcome=outcome, note=note)


def _mixed(client, make_intake) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Every kind of intake: urgent by flag, by crisis and by stored status, hand-offs, some
    reached, one only left a voicemail, some reviewed, some plain."""
    ids = {
        "emergency": make_intake(red_flags=["bladder_bowel"], phone=None),
        "crisis": make_intake(crisis=True),
        "status_urgent_reviewed": make_intake(status="urgent", reviewed_at=T0),
        "urgent_reached": make_intake(red_flags=["fever"]),
        "asked": make_intake(callback_requested=True),
        "asked_voicemail": make_intake(status="callback"),
        "asked_reached": make_intake(callback_requested=True),
        "new": make_intake(),
        "reviewed": make_intake(status="reviewed", reviewed_at=T0),
    }
    assert _call(client, ids["urgent_reached"], "reached").status_code == 302
    assert _call(client, ids["asked_voicemail"], "voicemail", "left a message").status_code == 302
    assert _call(client, ids["asked_reached"], "reached").status_code == 302
    return ids


def test_banner_tab_counts_and_api_agree_on_a_mixed_set(client, make_intake, factory):
    ids = _mixed(client, make_intake)
    with unit_of_work(factory) as session:
        expected = {
            i.id
            for i in session.scalars(select(Intake))
            if needs_call_back(i, session.get(IntakeFollowUp, i.id))
        }
    wanted = {"emergency", "crisis", "status_urgent_reviewed", "asked", "asked_voicemail"}
    assert expected == {ids[name] for name in wanted}

    html = client.get("/").get_data(as_text=True)
    banner = re.search(r'data-test="attention-count">(\d+) patients need a call back<', html)
    tab = re.search(r'data-test="count-callback">Call back <span class="count">(\d+)<', html)
    assert int(banner.group(1)) == int(tab.group(1)) == len(expected)
    assert set(_order(client.get("/?status=callback").get_data(as_text=True))) == expected
    assert set(_order(html)[: len(expected)]) == expected  # pinned at the top

    data = client.get("/api/intakes").get_json()
    assert data["needs_call_back"] == data["counts"]["callback"] == len(expected)
    assert {item["id"] for item in data["items"] if item["needs_call_back"]} == expected
    tab_api = client.get("/api/intakes?status=callback").get_json()
    assert tab_api["total"] == len(expected)
    assert {item["id"] for item in tab_api["items"]} == expected
    assert data["counts"]["urgent"] == 3 and data["counts"]["all"] == len(ids)


def test_urgent_rows_say_the_advice_and_sort_emergency_first(client, make_intake):
    doctor = make_intake(red_flags=["fever"], created_at=T0 - dt.timedelta(minutes=1))
    today = make_intake(red_flags=["dvt"], created_at=T0 - dt.timedelta(minutes=2))
    crisis = make_intake(crisis=True, created_at=T0 - dt.timedelta(minutes=3))
    emergency = make_intake(red_flags=["fever", "weakness"], created_at=T0 - dt.timedelta(4))
    call_911 = make_intake(red_flags=["cardiac_at_rest"], created_at=T0 - dt.timedelta(5))
    asked = make_intake(callback_requested=True, created_at=T0 - dt.timedelta(minutes=1))
    html = client.get("/").get_data(as_text=True)
    assert _order(html) == [call_911, emergency, crisis, today, doctor, asked]

    def row(intake_id: int) -> str:
        return re.search(rf'data-intake="{intake_id}">(.*?)</tr>', html, flags=re.S).group(1)

    assert "Call 911 now" in row(call_911)
    assert "Emergency department now" in row(emergency)
    # the top flag first
    assert "(new or worsening leg weakness)" in row(emergency) and "(+1)" in row(emergency)
    assert "Crisis: 988 or 911" in row(crisis)
    assert "See a doctor today" in row(today) and "Contact a doctor promptly" in row(doctor)
    page = client.get(f"/intakes/{emergency}").get_data(as_text=True)
    assert "Patient told: Emergency department now." in page and "(fever or feeling unwell)" in page


def test_a_911_sign_mentioned_not_confirmed_sorts_at_its_level(client, make_intake):
    # "i can't breathe", then no answer, sorted below a sprain's "see a doctor today" (newcomer)
    today = make_intake(red_flags=["fracture_signs"], created_at=T0 - dt.timedelta(minutes=1))
    mentioned = make_intake(red_flags=["breathing_difficulty_unconfirmed"],
                            created_at=T0 - dt.timedelta(minutes=2))  # fmt: skip
    html = client.get("/").get_data(as_text=True)
    assert _order(html)[:2] == [mentioned, today]
    assert advice_level(["breathing_difficulty_unconfirmed"], False) is None  # told nothing


def test_advice_level_reads_not_sure_one_level_down():
    assert advice_level(["dvt_breathing_unsure"], False) == "emergency"
    assert advice_level(["fever_unsure"], False) is None
    assert advice_level(["fever"], True) == "crisis"
    assert advice_level([], False) is None


def test_urgent_intake_without_a_number_says_how_to_reach_them(client, make_intake):
    web = make_intake(red_flags=["weakness"], phone=None, conversation_id="web-abc123")
    sms = make_intake(red_flags=["weakness"], phone=None, channel="twilio_sms",
                      conversation_id="+17185550111")  # fmt: skip
    web_page = client.get(f"/intakes/{web}").get_data(as_text=True)
    assert "No phone number on file." in web_page and "Call the patient" not in web_page
    assert "the website chat" in web_page and "web-abc123" in web_page
    assert 'href="#h-transcript"' in web_page
    sms_page = client.get(f"/intakes/{sms}").get_data(as_text=True)
    assert "No phone number on file." in sms_page and "through SMS" in sms_page
    assert "+17185550111" in sms_page
    assert 'data-test="no-phone">No phone number on file' in client.get("/").get_data(as_text=True)


def test_undo_reviewed(client, make_intake, factory):
    intake_id = make_intake()
    page = f"/intakes/{intake_id}"
    post_form(client, page, f"{page}/reviewed")
    assert 'data-test="undo-reviewed"' in client.get(page).get_data(as_text=True)
    post_form(client, page, f"{page}/unreviewed")
    with unit_of_work(factory) as session:
        intake = session.get(Intake, intake_id)
        assert intake.reviewed_at is None and intake.status == "new"
        actions = session.scalars(
            select(AuditEntry.action).where(AuditEntry.intake_id == intake_id)
        ).all()
    assert "undo_reviewed" in actions
    assert 'data-test="mark-reviewed"' in client.get(page).get_data(as_text=True)
    assert client.get("/api/intakes").get_json()["counts"]["new"] == 1


def test_call_outcomes_keep_the_patient_pinned_until_reached(client, make_intake, factory):
    urgent = make_intake(red_flags=["weakness"], created_at=T0 - dt.timedelta(days=1))
    newer = make_intake(created_at=T0 - dt.timedelta(minutes=1))
    _call(client, urgent, "voicemail", "Left a message at 10:05")
    _call(client, urgent, "no_answer")
    assert _order(client.get("/").get_data(as_text=True)) == [urgent, newer]
    page = client.get(f"/intakes/{urgent}").get_data(as_text=True)
    assert "Left a voicemail" in page and "Left a message at 10:05" in page
    assert "No answer" in page and 'data-test="record-call"' in page
    _call(client, urgent, "reached", "Going to the ED now")
    assert _order(client.get("/").get_data(as_text=True)) == [newer, urgent]
    page = client.get(f"/intakes/{urgent}").get_data(as_text=True)
    assert 'data-test="reached"' in page and 'data-test="record-call"' not in page
    again = _call(client, urgent, "no_answer")
    assert "already reached" in client.get(again.location).get_data(as_text=True)
    with unit_of_work(factory) as session:
        calls = session.scalars(select(CallAttempt.outcome).order_by(CallAttempt.id)).all()
        audited = session.execute(
            select(AuditEntry.action, AuditEntry.detail).where(AuditEntry.action == "called_back")
        ).all()
        assert session.get(Intake, urgent).reviewed_at == T0
    assert calls == ["voicemail", "no_answer", "reached"]
    # The audit log reads as words, never the stored code (front-desk newcomer test).
    assert [detail for _, detail in audited] == [
        "Left a voicemail", "No answer", "Reached the patient"
    ]
    detail = client.get(f"/api/intakes/{urgent}").get_json()
    assert [c["outcome"] for c in detail["calls"]] == calls


def test_a_call_without_an_outcome_is_refused_with_a_message(client, make_intake, factory):
    intake_id = make_intake(callback_requested=True)
    response = _call(client, intake_id, "")
    assert response.status_code == 302
    assert "Choose what happened" in client.get(response.location).get_data(as_text=True)
    bogus = _call(client, intake_id, "hung_up")
    assert bogus.status_code == 302
    with unit_of_work(factory) as session:
        assert session.scalars(select(CallAttempt)).all() == []


def test_the_contact_card_says_the_call_back_state_by_the_same_definition(client, make_intake):
    """An urgent patient's card read "Call back: Not requested" (walk-through, issue 14)."""
    ids = _mixed(client, make_intake)
    expected = {
        "emergency": "Needed: urgent",
        "crisis": "Needed: urgent",
        "urgent_reached": "Reached",
        "asked": "Needed: the patient asked for a call",
        "asked_voicemail": "Needed: the patient asked for a call",
        "asked_reached": "Reached",
        "new": "Not needed",
    }
    for name, state in expected.items():
        html = client.get(f"/intakes/{ids[name]}").get_data(as_text=True)
        said = re.search(r'data-test="contact-call-back">([^<]*)<', html)
        assert said and said.group(1) == state, (name, said and said.group(1))


def test_a_search_never_hides_who_is_waiting(client, make_intake):
    """With a search for another patient the banner said "Nobody is waiting for a call back"
    while an urgent patient waited (front-desk newcomer test): the banner counts everyone,
    the tabs and rows follow the filters."""
    make_intake(status="urgent", red_flags=["bladder_bowel"], patient_name="Ann Stopwell")
    make_intake(patient_name="Zoe Park")
    html = client.get("/?q=Zoe").get_data(as_text=True)
    assert re.search(r'data-test="attention-count">1 patient needs a call back<', html), html
    assert "in the whole queue, whatever the search" in html
    assert "whatever the search" not in client.get("/").get_data(as_text=True)
    assert re.search(r'data-test="count-callback">Call back <span class="count">0<', html)
    assert "Ann Stopwell" not in html and "Zoe Park" in html
    assert client.get("/api/intakes?q=Zoe").get_json()["needs_call_back"] == 1


def test_a_call_nobody_asked_for_is_recorded_without_the_list_message(client, make_intake):
    """"The patient stays in the call-back list" was said of a patient on no such list
    (front-desk newcomer test)."""
    routine = make_intake(patient_name="Ann Stopwell")
    urgent = make_intake(status="urgent", red_flags=["bladder_bowel"])
    _call(client, routine, "no_answer")
    page = client.get(f"/intakes/{routine}").get_data(as_text=True)
    assert "Call recorded: no answer." in page and "call-back list" not in page
    _call(client, urgent, "no_answer")
    page = client.get(f"/intakes/{urgent}").get_data(as_text=True)
    assert "stays in the call-back list until they are reached" in page
