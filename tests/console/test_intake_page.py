"""The intake page: summary, body chart, transcript with evidence, follow-up actions, notes."""

from __future__ import annotations

import re

from sqlalchemy import select

from bot.db import unit_of_work
from bot.frontdesk.models import AuditEntry, IntakeFollowUp
from bot.intake.models import Intake
from tests.console.conftest import T0, post_form

LINES = ["My lower back hurts when I sit", "It's been like this for about 4 months"]


def test_summary_card(client, make_intake):
    intake_id = make_intake(
        duration_text="for about 4 months", duration_weeks=17.4, pain_score=7,
        activities=["sitting", "computer_use"], red_flags=["night_pain"],
    )  # fmt: skip
    html = client.get(f"/intakes/{intake_id}").get_data(as_text=True)
    assert "<q>for about 4 months</q>" in html
    assert "17.4 weeks" in html
    assert "Chronic" in html
    assert "<strong>7</strong>/10" in html
    assert "Computer use" in html and "Sitting" in html
    assert "Night pain" in html and "Red flags reported: staff to check." in html
    # the patient's own words about limits, marked as theirs ("None recorded no": pass L)
    told_no = make_intake(activities=[], activities_text="no")
    page = client.get(f"/intakes/{told_no}").get_data(as_text=True)
    assert "None recorded</span>" in page and "In their words: <q>no</q>" in page


def test_body_chart_marks_regions_and_sides(client, make_intake):
    intake_id = make_intake(
        locations=[{"region": "knee", "side": "left"}, {"region": "lower_back", "side": None}]
    )
    html = client.get(f"/intakes/{intake_id}").get_data(as_text=True)
    assert 'data-test="body-chart"' in html and "<svg" in html
    lit = set(re.findall(r'class="seg seg-on" data-segment="(\w+)" data-side="(\w+)"', html))
    assert ("knee", "left") in lit and ("knee", "right") not in lit
    assert ("lower_back", "left") in lit and ("lower_back", "right") in lit
    assert "patient's left is on your right" in html


def test_transcript_with_timestamps_and_evidence(client, make_intake):
    intake_id = make_intake(
        transcript=LINES, created_at=T0,
        evidence={"duration": "for about 4 months", "locations": ["lower back"],
                  "activities": ["sit"]},
    )  # fmt: skip
    html = client.get(f"/intakes/{intake_id}").get_data(as_text=True)
    assert 'data-test="transcript"' in html
    mark = '<mark class="ev ev-duration" title="Evidence for the pain duration">'
    assert mark + "for about 4 months</mark>" in html
    assert '<mark class="ev ev-locations"' in html and '<mark class="ev ev-activities"' in html
    assert "How long have you had this pain?" in html  # the assistant's side
    assert "Yes, book it" in html  # buttons offered
    # 15:00 UTC is 10:00 in New York; the first user line is 20 s after the start.
    assert "10:00:20" in html


def test_patient_text_is_escaped_everywhere(client, make_intake):
    evil = "<script>alert('x')</script>"
    intake_id = make_intake(
        patient_name=f"Eve {evil}", duration_text=f"2 weeks {evil}",
        activities_text=evil, red_flags=[evil],
        transcript=[f"my back {evil} hurts", "<img src=x onerror=alert(1)> for 2 weeks"],
        evidence={"duration": "for 2 weeks", "locations": ["back <script>"], "activities": []},
        locations=[{"region": "back", "side": None}],
    )  # fmt: skip
    html = client.get(f"/intakes/{intake_id}").get_data(as_text=True)
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert '&lt;img src=x onerror=alert(1)&gt; <mark class="ev ev-duration"' in html
    queue = client.get("/").get_data(as_text=True)
    assert "<script>alert" not in queue and "Eve &lt;script&gt;" in queue
    post_form(client, f"/intakes/{intake_id}", f"/intakes/{intake_id}/notes", body=evil)
    html = client.get(f"/intakes/{intake_id}").get_data(as_text=True)
    assert "<script>alert" not in html


def test_transcript_missing_table_is_not_an_error(client, make_intake, factory):
    intake_id = make_intake()
    with unit_of_work(factory) as session:
        session.connection().exec_driver_sql("DROP TABLE events")
    html = client.get(f"/intakes/{intake_id}").get_data(as_text=True)
    assert "No messages found" in html


def test_mark_reviewed(client, make_intake, factory, users):
    intake_id = make_intake()
    response = post_form(client, f"/intakes/{intake_id}", f"/intakes/{intake_id}/reviewed")
    assert response.status_code == 302
    with unit_of_work(factory) as session:
        intake = session.get(Intake, intake_id)
        assert intake.status == "reviewed" and intake.reviewed_at == T0
        assert session.get(IntakeFollowUp, intake_id).reviewed_by_id == users["frank"]
    html = client.get(f"/intakes/{intake_id}").get_data(as_text=True)
    assert 'data-test="reviewed"' in html and "by frank" in html


def test_reviewing_an_urgent_intake_keeps_it_urgent_until_called(client, make_intake, factory):
    intake_id = make_intake(status="urgent", red_flags=["fever"])
    post_form(client, f"/intakes/{intake_id}", f"/intakes/{intake_id}/reviewed")
    with unit_of_work(factory) as session:
        assert session.get(Intake, intake_id).status == "urgent"
    assert client.get("/api/intakes").get_json()["counts"]["urgent"] == 1
    post_form(client, f"/intakes/{intake_id}", f"/intakes/{intake_id}/called-back",
              outcome="reached")  # fmt: skip
    counts = client.get("/api/intakes").get_json()["counts"]
    assert counts["urgent"] == 0 and counts["reviewed"] == 1
    html = client.get(f"/intakes/{intake_id}").get_data(as_text=True)
    assert "Reached" in html and "by frank" in html


def test_notes(client, make_intake):
    intake_id = make_intake()
    post_form(client, f"/intakes/{intake_id}", f"/intakes/{intake_id}/notes",
              body="Left a voicemail.\nWill try again at 3.")  # fmt: skip
    html = client.get(f"/intakes/{intake_id}").get_data(as_text=True)
    assert "Left a voicemail.\nWill try again at 3." in html and "frank ·" in html
    empty = post_form(client, f"/intakes/{intake_id}", f"/intakes/{intake_id}/notes", body="  ")
    assert empty.status_code == 302
    assert "A note needs some text" in client.get(empty.location).get_data(as_text=True)


def test_a_form_too_big_to_take_gets_the_consoles_own_page(client, make_intake):
    """A 100,000-character note (the field's limit removed) got an unstyled "Request Entity Too
    Large" page (front-desk newcomer test)."""
    intake_id = make_intake()
    huge = post_form(client, f"/intakes/{intake_id}", f"/intakes/{intake_id}/notes",
                     body="x" * 100_000)  # fmt: skip
    html = huge.get_data(as_text=True)
    assert huge.status_code == 413 and "too long to save" in html and "Queue" in html
    assert "x" * 5000 not in client.get(f"/intakes/{intake_id}").get_data(as_text=True)


def test_views_and_changes_are_audited(client, make_intake, factory):
    intake_id = make_intake()
    client.get(f"/intakes/{intake_id}")
    post_form(client, f"/intakes/{intake_id}", f"/intakes/{intake_id}/reviewed")
    post_form(client, f"/intakes/{intake_id}", f"/intakes/{intake_id}/notes", body="ok")
    with unit_of_work(factory) as session:
        rows = session.execute(
            select(AuditEntry.username, AuditEntry.action, AuditEntry.intake_id)
            .where(AuditEntry.intake_id == intake_id)
            .order_by(AuditEntry.id)
        ).all()
    actions = [action for _, action, _ in rows]
    assert actions.count("view_intake") >= 2
    assert "mark_reviewed" in actions and "add_note" in actions
    assert {user for user, _, _ in rows} == {"frank"}


def test_actions_on_a_missing_intake_are_404(client, make_intake):
    make_intake()
    assert post_form(client, "/", "/intakes/999/reviewed").status_code == 404
    assert post_form(client, "/", "/intakes/999/notes", body="x").status_code == 404
