"""The booking emails' text and attachments: what the chat confirmation says, plus the .ics.

Only what the confirmation holds (date, time, therapist, address, what to bring, code, calendar
link, the clinic's phone) goes in: no appointment type, pain or anything from the intake.
"""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid

from bot.clinic import ClinicProfile
from bot.scheduling.confirmation import Confirmation, confirmation_for, to_ics
from bot.scheduling.records import BookingView

BOOKED = "booked"
RESCHEDULED = "rescheduled"
CANCELLED = "cancelled"
KINDS = (BOOKED, RESCHEDULED, CANCELLED)


def confirmation_lines(c: Confirmation, calendar_url: str) -> list[str]:
    """The appointment as a short block, one fact a line; the link alone on its own line."""
    return [
        f"When: {c.date} at {c.time}",
        f"Therapist: {c.therapist}",
        f"Where: {c.address}",
        f"Please bring: {c.what_to_bring}",
        f"Booking code: {c.code}",
        "",
        "Add it to your calendar:",
        calendar_url,
    ]


def _body(
    kind: str, c: Confirmation, calendar_url: str, previous: Confirmation | None
) -> tuple[str, list[str]]:
    """(subject, body lines) for one kind of email."""
    if kind == CANCELLED:
        return f"Cancelled: your appointment on {c.date}", [
            f"Your appointment on {c.date} at {c.time} with {c.therapist} is cancelled "
            f"(booking code {c.code}).",
            "The attached calendar file removes it from your calendar.",
            "",
            f"To book a new time, chat with us again or call {c.clinic_phone}.",
        ]
    intro = "Your appointment is booked."
    subject = f"Your appointment on {c.date} at {c.time}"
    if kind == RESCHEDULED:
        subject = f"Moved: your appointment is now {c.date} at {c.time}"
        was = f" from {previous.date} at {previous.time}" if previous else ""
        intro = f"Your appointment has moved{was}. The new time:"
    return subject, [
        intro,
        "",
        *confirmation_lines(c, calendar_url),
        "",
        f"Keep your booking code to change or cancel, or call us on {c.clinic_phone}.",
    ]


def compose(
    kind: str,
    booking: BookingView,
    profile: ClinicProfile,
    calendar_url: str,
    sender: str,
    previous: BookingView | None = None,
) -> EmailMessage:
    """The email for `booking` (`kind`: booked, rescheduled or cancelled) to `booking.email`.

    `previous` is the booking a reschedule moved from: its cancelled .ics is attached too, so
    calendars drop the old time. Raises ValueError for another kind or a booking without email.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown booking email kind {kind!r}")
    if not booking.email:
        raise ValueError("this booking has no email address")
    c = confirmation_for(booking, profile)
    before = confirmation_for(previous, profile) if previous else None
    subject, lines = _body(kind, c, calendar_url, before)
    first_name = (booking.patient_name or "").split(" ")[0]
    greeting = f"Hello {first_name}," if first_name else "Hello,"
    text = "\n".join([greeting, "", *lines, "", c.clinic_name, c.address, c.clinic_phone, ""])
    message = EmailMessage()
    message["Subject"] = f"{subject} - {c.clinic_name}"
    message["From"] = formataddr((c.clinic_name, sender))
    message["To"] = booking.email
    message["Date"] = format_datetime(booking.cancelled_at or booking.created_at)
    message["Message-ID"] = make_msgid(f"booking-{booking.code}-{kind}", sender.split("@")[-1])
    message.set_content(text)
    message.add_attachment(
        to_ics(booking, profile),
        maintype="text",
        subtype="calendar",
        filename=f"appointment-{booking.code}.ics",
        params={"method": "PUBLISH"},
    )
    if previous is not None:
        message.add_attachment(
            to_ics(previous, profile),
            maintype="text",
            subtype="calendar",
            filename=f"cancelled-{previous.code}.ics",
            params={"method": "PUBLISH"},
        )
    return message
