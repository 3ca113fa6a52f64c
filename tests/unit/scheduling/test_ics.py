"""to_ics and confirmation_for: the calendar file carries no health details."""

from __future__ import annotations

import dataclasses
import datetime as dt

from icalendar import Calendar

from bot.scheduling import BookingView, confirmation_for, to_ics

START = dt.datetime(2026, 12, 1, 14, 0, tzinfo=dt.timezone.utc)  # 9:00 AM EST


def _booking(status="booked") -> BookingView:
    return BookingView(
        id=1, code="K7Q-4MD", therapist_id="dana", appointment_type_id="chronic_assessment",
        starts_at=START, ends_at=START + dt.timedelta(minutes=60), status=status,
        patient_name="Ana Ruiz", phone="+12125550199", email=None, sms_consent=True,
        conversation_id="c1", intake_id=7, rescheduled_from=None,
        created_at=START - dt.timedelta(days=3), cancelled_at=None,
    )  # fmt: skip


def test_ics_fields(profile):
    data = to_ics(_booking(), profile)
    calendar = Calendar.from_ical(data)
    event = next(c for c in calendar.walk("VEVENT"))
    assert str(event["UID"]) == "booking-K7Q-4MD@teststreetpt.example"
    assert event.decoded("DTSTART") == START
    assert event.decoded("DTEND") == START + dt.timedelta(hours=1)
    assert event["DTSTART"].params["TZID"] == "America/New_York"
    assert "Test Street PT" in str(event["SUMMARY"])
    assert str(event["LOCATION"]) == profile.address
    assert "K7Q-4MD" in str(event["DESCRIPTION"])
    assert any(c.name == "VTIMEZONE" for c in calendar.walk())
    assert b"DTSTART;TZID=America/New_York:20261201T090000" in data


def test_ics_has_no_health_details(profile):
    text = to_ics(_booking(), profile).decode().lower()
    for word in ("pain", "chronic", "acute", "injury", "assessment", "ana ruiz", "5550199"):
        assert word not in text


def test_cancelled_ics(profile):
    """A cancellation removes the event: iTIP's CANCEL of the same UID with a higher SEQUENCE,
    stamped when it was cancelled (as PUBLISH, many calendar apps kept the event)."""
    booked = Calendar.from_ical(to_ics(_booking(), profile))
    cancelled_at = START - dt.timedelta(days=1)
    cancelled = dataclasses.replace(_booking("cancelled"), cancelled_at=cancelled_at)
    calendar = Calendar.from_ical(to_ics(cancelled, profile))
    event, first = calendar.walk("VEVENT")[0], booked.walk("VEVENT")[0]
    assert str(calendar["METHOD"]) == "CANCEL" and str(booked["METHOD"]) == "PUBLISH"
    assert str(event["STATUS"]) == "CANCELLED" and str(event["UID"]) == str(first["UID"])
    assert int(event["SEQUENCE"]) > int(first["SEQUENCE"])
    assert event.decoded("DTSTAMP") == cancelled_at


def test_confirmation(profile):
    confirmation = confirmation_for(_booking(), profile)
    assert confirmation.date == "Tuesday, December 1"
    assert confirmation.time == "9:00 AM"
    assert confirmation.therapist == "Dana Whitfield, DPT"
    assert confirmation.therapist_first_name == "Dana"
    assert confirmation.address == profile.address
    assert confirmation.what_to_bring == profile.what_to_bring
    assert confirmation.as_dict()["code"] == "K7Q-4MD"
