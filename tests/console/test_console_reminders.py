"""The booking panel of the intake page: each reminder's status, the number's opt-out state."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import update

from app.bootstrap import reminder_events
from bot import scheduling
from bot.db import unit_of_work
from bot.frontdesk.bookings import booking_by_id, texts_for_bookings
from bot.frontdesk.export.api import booking_json
from bot.intake.models import Intake
from bot.messaging.inbound import handle_inbound
from bot.messaging.models import Reminder
from bot.messaging.optout import opt_out
from bot.messaging.reminders.queries import reminders_for_booking

PHONE = "+17185550134"
NY = "%a %d %b, %H:%M"


@pytest.fixture
def book_with_texts(factory, profile, clock):  # type: ignore[no-untyped-def]
    """Book an intake's assessment at least three days ahead, with the patient's SMS consent."""

    def run(intake_id: int, consent: bool = True) -> int:
        with unit_of_work(factory) as session:
            conversation = session.get(Intake, intake_id).conversation_id
        slots = scheduling.open_slots(factory, profile, clock, "chronic_assessment")
        slot = next(s for s in slots if s.starts_at - clock() > dt.timedelta(days=3))
        details = scheduling.PatientDetails.create("Maria Gonzalez", PHONE, sms_consent=consent)
        view = scheduling.book(
            factory, profile, clock, slot, details,
            conversation_id=conversation, intake_id=intake_id, events=reminder_events(profile),
        )  # fmt: skip
        return view.id

    return run


def set_reminder(factory, reminder_id: int, **values) -> None:  # type: ignore[no-untyped-def]
    with unit_of_work(factory) as session:
        session.execute(update(Reminder).where(Reminder.id == reminder_id).values(**values))


def local(profile, moment: dt.datetime, fmt: str = NY) -> str:  # type: ignore[no-untyped-def]
    return moment.astimezone(profile.tz).strftime(fmt)


def test_planned_and_failed_reminders_with_send_times_and_the_error(
    client, make_intake, book_with_texts, factory, profile
):
    intake_id = make_intake()
    booking_id = book_with_texts(intake_id)
    first, second = reminders_for_booking(factory, booking_id)
    assert (first.offset_minutes, second.offset_minutes) == (2880, 120)
    set_reminder(
        factory, first.id, status="failed", attempts=1, error_code="30003",
        error_message="Unreachable <b>handset</b> & co",
    )  # fmt: skip
    page = client.get(f"/intakes/{intake_id}").get_data(as_text=True)
    assert 'data-test="reminders"' in page
    assert '<tr data-status="failed">' in page and '<tr data-status="planned">' in page
    assert "48 h before" in page and "2 h before" in page
    # Send times in clinic time (New York), not UTC.
    assert local(profile, first.send_at) in page and local(profile, second.send_at) in page
    assert "30003" in page
    assert "Unreachable &lt;b&gt;handset&lt;/b&gt; &amp; co" in page  # escaped
    assert "<b>handset</b>" not in page
    assert f"Texts to {PHONE}" in page and "Allowed" in page and "Opted out" not in page


def test_sent_cancelled_opt_out_and_confirmation(
    client, make_intake, book_with_texts, factory, profile, clock
):
    intake_id = make_intake()
    booking_id = book_with_texts(intake_id)
    first, second = reminders_for_booking(factory, booking_id)
    assert "confirmed" in handle_inbound(factory, profile, clock, PHONE, "C").reply
    sent_at = clock() + dt.timedelta(minutes=5)
    set_reminder(factory, first.id, status="sent", sent_at=sent_at, provider_sid="SM1")
    clock.advance(minutes=10)
    assert "unsubscribed" in handle_inbound(factory, profile, clock, PHONE, "STOP").reply

    page = client.get(f"/intakes/{intake_id}").get_data(as_text=True)
    assert '<tr data-status="sent">' in page and '<tr data-status="cancelled">' in page
    assert "Sent</span> " + local(profile, sent_at, "%d %b %H:%M") in page
    assert "Cancelled</span> (the number opted out)" in page
    assert "Opted out</span> by STOP, " + local(profile, clock(), "%d %b %Y %H:%M") in page
    confirmed = local(profile, clock() - dt.timedelta(minutes=10), "%d %b %Y %H:%M")
    assert f'<span class="booking-ok">{confirmed}</span>' in page

    handle_inbound(factory, profile, clock, PHONE, "START")
    page = client.get(f"/intakes/{intake_id}").get_data(as_text=True)
    assert "Opted out</span>" not in page and "opted back in by START" in page


def test_a_booking_without_sms_consent(client, make_intake, book_with_texts):
    intake_id = make_intake()
    book_with_texts(intake_id, consent=False)
    page = client.get(f"/intakes/{intake_id}").get_data(as_text=True)
    assert "did not agree to text reminders" in page and "No reminders planned." in page


def test_no_booking_no_texts_panel(client, make_intake):
    page = client.get(f"/intakes/{make_intake()}").get_data(as_text=True)
    assert "Not booked." in page and "Text messages" not in page


def test_booking_json_with_texts(make_intake, book_with_texts, factory, profile, clock):
    booking_id = book_with_texts(make_intake())
    first, _ = reminders_for_booking(factory, booking_id)
    set_reminder(factory, first.id, status="failed", error_code="21211", error_message="bad")
    handle_inbound(factory, profile, clock, PHONE, "STOP")
    with unit_of_work(factory) as session:
        view = booking_by_id(session, booking_id)
    body = booking_json(view, texts_for_bookings(factory, [view])[booking_id])
    texts = body["texts"]
    assert texts["sms_opted_out"] is True and texts["confirmed_at"] is None
    assert [(r["status"], r["error_code"], r["cancel_reason"]) for r in texts["reminders"]] == [
        ("failed", "21211", None),
        ("cancelled", None, "opted_out"),
    ]
    assert "texts" not in booking_json(view)  # unchanged without them


def test_page_escapes_the_opt_out_keyword(client, make_intake, book_with_texts, factory, clock):
    intake_id = make_intake()
    book_with_texts(intake_id)
    with unit_of_work(factory) as session:
        opt_out(session, PHONE, "<i>STOP</i>", clock())
    page = client.get(f"/intakes/{intake_id}").get_data(as_text=True)
    assert "Opted out</span> by &lt;i&gt;STOP&lt;/i&gt;, " in page and "<i>STOP" not in page


def test_a_reminder_moved_out_of_quiet_hours_says_so(
    client, make_intake, book_with_texts, factory
):
    """"2 h before" was shown for a text planned the evening before (front-desk newcomer
    test): a send time that is not the offset before the start is marked as moved."""
    intake_id = make_intake()
    booking_id = book_with_texts(intake_id)
    first, second = reminders_for_booking(factory, booking_id)
    with unit_of_work(factory) as session:
        starts = booking_by_id(session, booking_id).starts_at
    page = client.get(f"/intakes/{intake_id}").get_data(as_text=True)
    planned = [starts - dt.timedelta(minutes=r.offset_minutes) for r in (first, second)]
    moved = sum(r.send_at != at for r, at in zip((first, second), planned, strict=True))
    assert page.count('data-test="quiet-hours"') == moved
    set_reminder(factory, second.id, send_at=second.send_at - dt.timedelta(hours=10))
    page = client.get(f"/intakes/{intake_id}").get_data(as_text=True)
    assert page.count('data-test="quiet-hours"') >= 1
