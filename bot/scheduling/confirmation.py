"""What the patient gets after booking: a confirmation and an .ics file (without health data)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass
from typing import Dict

from icalendar import Calendar, Event

from bot.clinic import ClinicProfile
from bot.scheduling.records import BookingView


@dataclass(frozen=True)
class Confirmation:
    code: str
    date: str  # "Tuesday, December 1"
    time: str  # "9:00 AM"
    therapist: str  # full name as in the profile
    therapist_first_name: str
    address: str
    what_to_bring: str
    clinic_name: str
    clinic_phone: str
    starts_at: str  # ISO 8601 in UTC, for machines

    def as_dict(self) -> Dict[str, str]:
        """For response variables, e.g. `{code}` and `{date}` in `utter_booking_confirmed`."""
        return asdict(self)


def _clock_text(local: dt.datetime) -> str:
    return f"{local.hour % 12 or 12}:{local.minute:02d} {'AM' if local.hour < 12 else 'PM'}"


def confirmation_for(booking: BookingView, profile: ClinicProfile) -> Confirmation:
    local = booking.starts_at.astimezone(profile.tz)
    therapist = profile.therapist(booking.therapist_id)
    return Confirmation(
        code=booking.code,
        date=f"{local:%A, %B} {local.day}",
        time=_clock_text(local),
        therapist=therapist.name if therapist else booking.therapist_id,
        therapist_first_name=therapist.first_name if therapist else booking.therapist_id,
        address=profile.address,
        what_to_bring=profile.what_to_bring,
        clinic_name=profile.display_name,
        clinic_phone=profile.phone,
        starts_at=booking.starts_at.astimezone(dt.timezone.utc).isoformat(),
    )


def _uid_domain(profile: ClinicProfile) -> str:
    match = re.match(r"^(?:https?://)?([^/:]+)", profile.website or "")
    return match.group(1) if match else "pt-intake.invalid"


def to_ics(booking: BookingView, profile: ClinicProfile) -> bytes:
    """An iCalendar file for the appointment, in the clinic's time zone (TZID + VTIMEZONE).

    Calendars are often shared or synced, so the text names the clinic, therapist, code and
    what to bring, never the appointment type, pain or anything from the intake. A cancelled
    booking's file removes the event: METHOD:CANCEL, SEQUENCE 1, STATUS:CANCELLED.
    """
    tz = profile.tz
    therapist = profile.therapist(booking.therapist_id)
    who = therapist.name if therapist else booking.therapist_id
    calendar = Calendar()
    calendar.add("prodid", "-//pt-intake-assistant//booking//EN")
    calendar.add("version", "2.0")
    cancelled = booking.status == "cancelled"
    # A cancellation is iTIP's CANCEL of the same UID with a higher SEQUENCE (RFC 5546 3.2.5):
    # sent as PUBLISH, many calendar apps kept the event (front-desk newcomer test).
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    event = Event()
    event.add("uid", f"booking-{booking.code}@{_uid_domain(profile)}")
    stamp = (booking.cancelled_at if cancelled else None) or booking.created_at
    event.add("dtstamp", stamp.astimezone(dt.timezone.utc))
    event.add("sequence", 1 if cancelled else 0)
    if profile.email:
        event.add("organizer", f"mailto:{profile.email}", parameters={"cn": profile.display_name})
    event.add("dtstart", booking.starts_at.astimezone(tz))
    event.add("dtend", booking.ends_at.astimezone(tz))
    event.add("summary", f"Appointment at {profile.display_name}")
    event.add("location", profile.address)
    event.add(
        "description",
        f"With {who}. Booking code {booking.code}.\n"
        f"Please bring: {profile.what_to_bring}\n"
        f"To change or cancel, call {profile.phone}.",
    )
    if cancelled:
        event.add("status", "CANCELLED")
    else:
        event.add("status", "CONFIRMED")
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
