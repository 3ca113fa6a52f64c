"""The intake page (issue 14 items 4-6): button titles in the transcript, evidence in the
message it came from (and the API export's link), staff corrections of contact details."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import insert, select

from bot.db import unit_of_work
from bot.frontdesk.models import AuditEntry
from bot.frontdesk.transcripts import events
from bot.intake.models import Intake
from tests.console.conftest import T0, csrf_from, post_form

YES_NO = [{"title": "Yes, that's right", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}]
SLOTS = [
    {"title": "Tue 8 Dec, 9:00 with Dana", "payload": "1"},
    {"title": "None of these", "payload": "none of these"},
]


def add_events(factory, sender: str, said: list[tuple[str, str, list | str | None]]) -> None:
    """Tracker rows: ("user", text, message_id) or ("bot", text, buttons)."""
    rows = []
    for n, (kind, text, extra) in enumerate(said):
        data: dict = {"event": kind, "text": text, "timestamp": T0.timestamp() + n}
        if kind == "user":
            data["message_id"] = extra
        elif extra:
            data["data"] = {"buttons": extra}
        rows.append(
            {"sender_id": sender, "type_name": kind, "timestamp": T0.timestamp() + n,
             "data": json.dumps(data)}
        )  # fmt: skip
    with unit_of_work(factory) as session:
        session.execute(insert(events), rows)


def conversation_of(factory, intake_id: int) -> str:
    with unit_of_work(factory) as session:
        return session.get(Intake, intake_id).conversation_id


def patient_bubbles(html: str) -> list[str]:
    bubble = r'<li class="turn turn-patient">.*?<div class="bubble[^"]*"[^>]*>(.*?)</div>'
    found = re.findall(bubble, html, re.S)
    return [b.strip() for b in found]


def test_transcript_shows_the_button_titles_the_patient_clicked(client, make_intake, factory):
    intake_id = make_intake()
    add_events(factory, conversation_of(factory, intake_id), [
        ("user", "/greet", "m0"),
        ("bot", "Hi! Is this about pain?", YES_NO),
        ("user", "/affirm", "m1"),
        ("bot", "Any numbness in both legs?", YES_NO),
        ("user", "/deny", "m2"),
        ("bot", "These times are open:", SLOTS),
        ("user", "1", "m3"),
        ("bot", "Anything else?", None),
        ("user", "/request_human", "m4"),
        ("user", "/book_first_visit", "m5"),
    ])  # fmt: skip
    html = client.get(f"/intakes/{intake_id}").get_data(as_text=True)
    bubbles = patient_bubbles(html)
    assert bubbles == [
        "(opened the chat)",
        "Yes, that&#39;s right",
        "No",
        "Tue 8 Dec, 9:00 with Dana",
        "Talk to a person",
        "Book first visit",
    ]
    assert "/affirm" not in html and "/deny" not in html and "/greet" not in html
    assert html.count('title="Clicked a button"') == 6


def test_api_export_keeps_the_payload_next_to_the_title(client, make_intake, factory):
    intake_id = make_intake()
    add_events(factory, conversation_of(factory, intake_id), [
        ("bot", "Is this right?", YES_NO), ("user", "/affirm", "m1"), ("user", "ok", "m2"),
    ])  # fmt: skip
    body = client.get(f"/api/intakes/{intake_id}").get_json()
    said = [(t["index"], t["text"], t["payload"], t["message_id"]) for t in body["transcript"]]
    assert said[1:] == [(1, "Yes, that's right", "/affirm", "m1"), (2, "ok", None, "m2")]


CORRECTED = [
    ("bot", "Where does it hurt, and for how long?", None),
    ("user", "my foot, since the fall", "first"),
    ("bot", "What does the pain stop you doing?", None),
    ("user", "walking on my foot since the fall is hard", "later"),
]


def test_evidence_is_highlighted_only_in_the_message_it_came_from(client, make_intake, factory):
    intake_id = make_intake(
        duration_text="since the fall",
        evidence={"duration": "since the fall", "locations": ["foot"], "activities": ["walking"],
                  "sources": {"duration": "first", "locations": "first",
                              "activities": "later"}},
    )  # fmt: skip
    add_events(factory, conversation_of(factory, intake_id), CORRECTED)
    html = client.get(f"/intakes/{intake_id}").get_data(as_text=True)
    first, later = patient_bubbles(html)
    assert '<mark class="ev ev-locations"' in first and '<mark class="ev ev-duration"' in first
    assert "ev-locations" not in later and "ev-duration" not in later
    assert '<mark class="ev ev-activities" title="Evidence for a limited activity">walking' in later
    assert "ev-activities" not in first

    body = client.get(f"/api/intakes/{intake_id}").get_json()
    links = {(x["kind"], x["text"]): (x["index"], x["message_id"]) for x in body["evidence_links"]}
    assert links == {
        ("duration", "since the fall"): (1, "first"),
        ("locations", "foot"): (1, "first"),
        ("activities", "walking"): (3, "later"),
    }
    assert body["transcript"][1]["message_id"] == "first"
    assert body["evidence"]["sources"]["locations"] == "first"


def test_evidence_without_a_source_is_marked_once(client, make_intake, factory):
    """Intakes saved before sources were kept: one message, the latest that holds the span."""
    intake_id = make_intake(evidence={"duration": "since the fall", "locations": ["foot"]})
    add_events(factory, conversation_of(factory, intake_id), CORRECTED)
    html = client.get(f"/intakes/{intake_id}").get_data(as_text=True)
    first, later = patient_bubbles(html)
    assert "<mark" not in first
    assert later.count("<mark") == 2


def contact_page(client, intake_id: int) -> str:
    return client.get(f"/intakes/{intake_id}").get_data(as_text=True)


def test_staff_correct_contact_details_and_it_is_audited(
    client, admin_client, make_intake, factory
):
    intake_id = make_intake(patient_name="its Dana... no wait, sorry. Mark Delgado", phone=None)
    page, url = f"/intakes/{intake_id}", f"/intakes/{intake_id}/contact"
    response = post_form(client, page, url, name="  Mark   Delgado ", phone="(718) 555-0199",
                         email="mark@example.org")  # fmt: skip
    assert response.status_code == 302 and response.location.endswith(f"{page}#contact")
    with unit_of_work(factory) as session:
        intake = session.get(Intake, intake_id)
        assert (intake.patient_name, intake.phone, intake.email) == (
            "Mark Delgado",
            "+17185550199",
            "mark@example.org",
        )
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "edit_contact")).one()
        assert (entry.intake_id, entry.username) == (intake_id, "frank")
        assert entry.detail == "fields: name, phone, email"  # the fields, never the values
    html = contact_page(client, intake_id)
    assert "Contact details updated." in html
    assert 'data-test="contact-phone">+17185550199<' in html
    audit_page = admin_client.get(f"/admin/audit?intake={intake_id}").get_data(as_text=True)
    assert "Corrected contact details" in audit_page


def test_unchanged_details_are_not_audited(client, make_intake, factory):
    intake_id = make_intake(patient_name="Ann Stopwell", phone="+17185550134", email=None)
    response = post_form(client, f"/intakes/{intake_id}", f"/intakes/{intake_id}/contact",
                         name="Ann Stopwell", phone="+1 718 555 0134", email="")  # fmt: skip
    assert response.status_code == 302
    assert "Nothing changed." in contact_page(client, intake_id)
    with unit_of_work(factory) as session:
        assert not session.scalars(
            select(AuditEntry).where(AuditEntry.action == "edit_contact")
        ).all()


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("phone", "call me maybe", "That is not a phone number we can call."),
        ("email", "mark at example", "That is not an email address."),
        ("name", "12345", "A name needs a letter"),
    ],
)
def test_invalid_corrections_change_nothing(client, make_intake, factory, field, value, message):
    intake_id = make_intake(patient_name="Mary-Jo O'Neil", phone="+17185550134",
                            email="mj@example.org")  # fmt: skip
    data = {"name": "Mary-Jo O'Neil", "phone": "+17185550134", "email": "mj@example.org"}
    data[field] = value
    post_form(client, f"/intakes/{intake_id}", f"/intakes/{intake_id}/contact", **data)
    assert message in contact_page(client, intake_id)
    with unit_of_work(factory) as session:
        intake = session.get(Intake, intake_id)
        assert (intake.patient_name, intake.phone, intake.email) == (
            "Mary-Jo O'Neil",
            "+17185550134",
            "mj@example.org",
        )


def test_corrected_values_are_escaped(client, make_intake):
    intake_id = make_intake()
    evil = "Eve <script>alert(1)</script>"
    post_form(client, f"/intakes/{intake_id}", f"/intakes/{intake_id}/contact",
              name=evil, phone="", email="", confirm_removal="y")  # fmt: skip
    html = contact_page(client, intake_id)
    assert "<script>alert(1)" not in html
    assert 'value="Eve &lt;script&gt;alert(1)&lt;/script&gt;"' in html
    assert "<script>alert(1)" not in client.get("/").get_data(as_text=True)


def test_contact_edit_needs_login_and_csrf(app, client, make_intake, factory):
    intake_id = make_intake(patient_name="Ann Stopwell")
    url = f"/intakes/{intake_id}/contact"
    assert client.post(url, data={"name": "Mallory"}).status_code == 400  # no CSRF token
    anonymous = app.test_client()
    token = csrf_from(anonymous.get("/login").get_data(as_text=True))
    response = anonymous.post(url, data={"name": "Mallory", "csrf_token": token})
    assert response.status_code == 302 and "/login" in response.location
    assert post_form(client, "/", "/intakes/999999/contact", name="X").status_code == 404
    with unit_of_work(factory) as session:
        assert session.get(Intake, intake_id).patient_name == "Ann Stopwell"


def test_a_corrected_name_reaches_the_schedule(client, make_intake, make_booking, profile):
    raw = "its Dana... no wait, sorry. Mark Delgado"
    intake_id = make_intake(patient_name=raw)
    booking = make_booking(intake_id, name=raw)
    post_form(client, f"/intakes/{intake_id}", f"/intakes/{intake_id}/contact",
              name="Mark Delgado", phone="+17185550134", email="")  # fmt: skip
    day = booking.starts_at.astimezone(profile.tz).date()
    html = client.get(f"/schedule?date={day.isoformat()}").get_data(as_text=True)
    cell = re.search(r'<td rowspan="\d+" class="slot booked">(.*?)</td>', html, re.S)
    assert cell and "Mark Delgado" in cell.group(1) and "no wait" not in cell.group(1)


@pytest.mark.parametrize("status,urgent", [("urgent", True), ("new", False)])
def test_emptied_details_are_removed_only_when_staff_confirm(
    client, make_intake, factory, status, urgent
):
    """Staff cleared an urgent patient's name and phone with no warning (front-desk newcomer
    test): an emptied field changes nothing until "Remove the details I emptied" is ticked,
    and the warning names what would go and, for an urgent patient, why it matters."""
    intake_id = make_intake(status=status, patient_name="Ann Stopwell", phone="+17185550134",
                            email="ann@example.org")  # fmt: skip
    page, url = f"/intakes/{intake_id}", f"/intakes/{intake_id}/contact"
    post_form(client, page, url, name="", phone="", email="ann@example.org")
    html = contact_page(client, intake_id)
    assert "saving would remove the patient&#39;s name and phone number" in html
    assert ("This patient is urgent" in html) is urgent
    with unit_of_work(factory) as session:
        intake = session.get(Intake, intake_id)
        assert (intake.patient_name, intake.phone) == ("Ann Stopwell", "+17185550134")
        assert not session.scalars(
            select(AuditEntry).where(AuditEntry.action == "edit_contact")
        ).all()
    post_form(client, page, url, name="", phone="", email="ann@example.org", confirm_removal="y")
    assert "Contact details updated." in contact_page(client, intake_id)
    with unit_of_work(factory) as session:
        intake = session.get(Intake, intake_id)
        assert (intake.patient_name, intake.phone) == (None, None)


def test_a_phone_extension_is_kept_and_shown(client, make_intake, factory):
    intake_id = make_intake(phone="+17185550134")
    post_form(client, f"/intakes/{intake_id}", f"/intakes/{intake_id}/contact",
              name="Maria Gonzalez", phone="212-555-0123 ext 5", email="")  # fmt: skip
    with unit_of_work(factory) as session:
        assert session.get(Intake, intake_id).phone == "+12125550123;ext=5"
    html = contact_page(client, intake_id)
    assert 'data-test="contact-phone">+12125550123 ext. 5<' in html
    assert 'value="+12125550123 ext. 5"' in html
    post_form(client, f"/intakes/{intake_id}", f"/intakes/{intake_id}/contact",
              name="Maria Gonzalez", phone="+12125550123 ext. 5", email="")  # fmt: skip
    assert "Nothing changed." in contact_page(client, intake_id)
