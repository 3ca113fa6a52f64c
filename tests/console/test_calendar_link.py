"""The patient's calendar file: served without a login, but only for a correctly signed link."""

from __future__ import annotations

from icalendar import Calendar

from bot.scheduling.links import calendar_token


def test_signed_link_serves_the_booking_ics(app, make_intake, make_booking, config):
    booking = make_booking(make_intake())
    token = calendar_token(booking.code, config.secret_key)
    anonymous = app.test_client()
    reply = anonymous.get(f"/calendar/{booking.code}/{token}.ics")
    assert reply.status_code == 200
    assert reply.mimetype == "text/calendar"
    event = Calendar.from_ical(reply.data).walk("VEVENT")[0]
    assert event.decoded("dtstart") == booking.starts_at
    assert b"chronic" not in reply.data.lower()  # no health details in the file


def test_wrong_or_foreign_tokens_are_not_found(app, make_intake, make_booking, config):
    booking = make_booking(make_intake())
    other = make_booking(make_intake(), pick=5)
    anonymous = app.test_client()
    assert anonymous.get(f"/calendar/{booking.code}/{'a' * 24}.ics").status_code == 404
    foreign = calendar_token(other.code, config.secret_key)
    assert anonymous.get(f"/calendar/{booking.code}/{foreign}.ics").status_code == 404
    token = calendar_token("ZZZ-ZZZ", config.secret_key)
    assert anonymous.get(f"/calendar/ZZZ-ZZZ/{token}.ics").status_code == 404
