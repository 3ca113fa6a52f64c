"""The JSON API: same login as the pages; intakes, one intake, bookings."""

from __future__ import annotations

import datetime as dt

from tests.console.conftest import T0


def test_intakes_list_with_filters(client, make_intake, make_booking):
    urgent = make_intake(crisis=True, created_at=T0 - dt.timedelta(days=1))
    booked = make_intake(patient_name="James O'Connor")
    make_booking(booked, name="James O'Connor")
    data = client.get("/api/intakes").get_json()
    assert [i["id"] for i in data["items"]] == [urgent, booked]
    assert data["items"][0]["queue_status"] == "urgent"
    assert data["items"][1]["booking"]["status"] == "booked"
    assert data["total"] == 2 and data["pages"] == 1
    assert [i["id"] for i in client.get("/api/intakes?q=connor").get_json()["items"]] == [booked]


def test_one_intake_with_transcript_and_notes(client, make_intake):
    intake_id = make_intake(transcript=["my lower back <b>", "for about 4 months"])
    data = client.get(f"/api/intakes/{intake_id}").get_json()
    assert data["id"] == intake_id and data["pain_class"] == "chronic"
    assert data["evidence"]["duration"] == "for about 4 months"
    patient_lines = [t["text"] for t in data["transcript"] if t["speaker"] == "patient"]
    assert patient_lines == ["my lower back <b>", "for about 4 months"]
    assert data["notes"] == [] and data["booking"] is None


def test_bookings(client, make_intake, make_booking, profile):
    booking = make_booking(make_intake())
    day = booking.starts_at.astimezone(profile.tz).date().isoformat()
    items = client.get(f"/api/bookings?from={day}&to={day}").get_json()["items"]
    assert [b["code"] for b in items] == [booking.code]
    assert client.get("/api/bookings?from=2026-12-02&to=2026-12-01").status_code == 400
    assert client.get("/api/bookings?from=nope").status_code == 400
    # Without dates: today in the clinic, when the first free slot is (2 hours' notice).
    assert [b["code"] for b in client.get("/api/bookings").get_json()["items"]] == [booking.code]
    assert client.get("/api/bookings?from=2026-12-02").get_json() == {"items": []}


def test_api_without_login_is_401_json(app):
    for url in ("/api/intakes", "/api/intakes/1", "/api/bookings"):
        response = app.test_client().get(url)
        assert response.status_code == 401 and response.is_json
