"""Schedule views and staff changes to bookings through bot.scheduling."""

from __future__ import annotations

import email
import email.policy
import re

from sqlalchemy import select

from bot.db import unit_of_work
from bot.frontdesk.models import AuditEntry
from bot.scheduling.models import Booking
from tests.console.conftest import post_form


def test_day_view_shows_bookings_per_therapist(client, make_intake, make_booking, profile):
    intake_id = make_intake(patient_name="Maria Gonzalez")
    booking = make_booking(intake_id)
    day = booking.starts_at.astimezone(profile.tz).date()
    html = client.get(f"/schedule?date={day.isoformat()}").get_data(as_text=True)
    for therapist in profile.therapists:
        assert therapist.name in html
    cell = re.search(r'<td rowspan="(\d+)" class="slot booked">(.*?)</td>', html, re.S)
    assert cell and cell.group(1) == "4"  # 60 minutes in 15-minute rows
    assert "Maria Gonzalez" in cell.group(2) and booking.code in cell.group(2)
    assert f"/intakes/{intake_id}" in cell.group(2)
    assert "1 booking" in html


def test_week_view(client, make_intake, make_booking, profile):
    booking = make_booking(make_intake(patient_name="Robert Chen"), name="Robert Chen")
    day = booking.starts_at.astimezone(profile.tz).date()
    html = client.get(f"/schedule?view=week&date={day.isoformat()}").get_data(as_text=True)
    assert "Robert Chen" in html and day.strftime("%a %d %b") in html
    assert client.get("/schedule?view=week&date=not-a-date").status_code == 200


def test_cancel_from_the_intake_page(client, make_intake, make_booking, factory):
    intake_id = make_intake()
    booking = make_booking(intake_id)
    html = client.get(f"/intakes/{intake_id}").get_data(as_text=True)
    assert f"/bookings/{booking.id}/cancel" in html
    response = post_form(client, f"/intakes/{intake_id}", f"/bookings/{booking.id}/cancel")
    assert response.status_code == 302 and f"/intakes/{intake_id}" in response.location
    with unit_of_work(factory) as session:
        assert session.get(Booking, booking.id).status == "cancelled"
        audit = session.scalars(select(AuditEntry).where(AuditEntry.action == "cancel_booking"))
        assert [a.booking_code for a in audit] == [booking.code]
    html = client.get(f"/intakes/{intake_id}").get_data(as_text=True)
    assert "Cancelled" in html and f"/bookings/{booking.id}/cancel" not in html


def test_reschedule(client, make_intake, make_booking, factory):
    intake_id = make_intake()
    booking = make_booking(intake_id)
    page = client.get(f"/bookings/{booking.id}/reschedule")
    html = page.get_data(as_text=True)
    keys = re.findall(r'name="slot" value="([^"]+)"', html)
    assert keys and "Move booking" in html
    new_key = next(k for k in keys if not k.endswith(booking.starts_at.strftime("%Y%m%d%H%M")))
    response = post_form(
        client,
        f"/bookings/{booking.id}/reschedule",
        f"/bookings/{booking.id}/reschedule",
        slot=new_key,
    )
    assert response.status_code == 302
    with unit_of_work(factory) as session:
        rows = session.scalars(select(Booking).order_by(Booking.id)).all()
        assert [b.status for b in rows] == ["cancelled", "booked"]
        assert rows[1].intake_id == intake_id and rows[1].rescheduled_from == booking.id
    assert "Moved to a new time" in client.get(response.location).get_data(as_text=True)


def test_reschedule_to_a_bad_slot_keeps_the_booking(client, make_intake, make_booking, factory):
    booking = make_booking(make_intake())
    url = f"/bookings/{booking.id}/reschedule"
    response = post_form(client, url, url, slot="nonsense")
    assert response.status_code == 302 and response.location.endswith(url)
    with unit_of_work(factory) as session:
        assert session.get(Booking, booking.id).status == "booked"


def test_missing_booking_is_404(client, make_intake):
    make_intake()
    assert client.get("/bookings/42/reschedule").status_code == 404
    assert post_form(client, "/", "/bookings/42/cancel").status_code == 404


def _outbox(settings) -> list[email.message.EmailMessage]:  # type: ignore[no-untyped-def]
    folder = settings.var_dir / "mail-outbox"
    return [
        email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        for path in sorted(folder.glob("*.eml"))
    ] if folder.exists() else []  # fmt: skip


def test_a_staff_cancel_or_move_emails_the_patient(
    client, make_intake, make_booking, settings, factory
):
    """A move from the console reached the patient by no route: no email, no text, and no word
    to staff (front-desk newcomer test). The patient gets the update email (with its calendar
    file), and staff read that they did."""
    intake_id = make_intake()
    booking = make_booking(intake_id, email="maria@example.com")
    before = len(_outbox(settings))
    page = client.get(f"/bookings/{booking.id}/reschedule").get_data(as_text=True)
    key = next(k for k in re.findall(r'name="slot" value="([^"]+)"', page)
               if not k.endswith(booking.starts_at.strftime("%Y%m%d%H%M")))  # fmt: skip
    moved = post_form(client, f"/bookings/{booking.id}/reschedule",
                      f"/bookings/{booking.id}/reschedule", slot=key)  # fmt: skip
    assert "The patient has been emailed the change." in client.get(moved.location).get_data(
        as_text=True
    )
    sent = _outbox(settings)[before:]
    assert [m["To"] for m in sent] == ["maria@example.com"]
    assert any(part.get_filename() for part in sent[0].iter_attachments())  # the .ics
    with unit_of_work(factory) as session:
        new = session.scalars(select(Booking).where(Booking.status == "booked")).one()
    cancelled = post_form(client, f"/intakes/{intake_id}", f"/bookings/{new.id}/cancel")
    assert "emailed" in client.get(cancelled.location).get_data(as_text=True)
    assert len(_outbox(settings)) == before + 2


def test_a_staff_cancel_without_an_email_tells_staff_to_call(client, make_intake, make_booking):
    intake_id = make_intake()
    booking = make_booking(intake_id, phone="+17185550134")
    response = post_form(client, f"/intakes/{intake_id}", f"/bookings/{booking.id}/cancel")
    html = client.get(response.location).get_data(as_text=True)
    assert "No email on file: please call or text the patient on +17185550134" in html
