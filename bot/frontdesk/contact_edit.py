"""Staff corrections of an intake's contact details: name, phone and email."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.contact import phone_extension, try_normalize_phone, with_extension
from bot.frontdesk.followups import NotFound
from bot.intake.models import Intake
from bot.scheduling.contact import normalize_email
from bot.scheduling.errors import InvalidEmail
from bot.scheduling.models import Booking, Patient

MAX_NAME = 100
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


class InvalidCorrection(ValueError):
    """A corrected value the intake cannot take; `field` is "name", "phone" or "email"."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class ContactDetails:
    """Contact details as stored: None for "not given"; phone in E.164 (`+17185550199`)."""

    name: str | None
    phone: str | None
    email: str | None


def checked_contact(name: str | None, phone: str | None, email: str | None) -> ContactDetails:
    """The details a member of staff typed, as stored: a name as typed with spacing tidied
    (at most 100 characters, at least one letter), a phone in E.164 (US numbers without +1),
    an email trimmed; an empty field clears the value. InvalidCorrection names the field."""
    name = " ".join(_CONTROL.sub(" ", name or "").split()) or None
    if name is not None and (len(name) > MAX_NAME or not _LETTER.search(name)):
        raise InvalidCorrection("name", f"A name needs a letter and at most {MAX_NAME} characters.")
    e164 = None
    if phone and phone.strip():
        e164 = try_normalize_phone(phone.strip())
        if e164 is None:
            raise InvalidCorrection("phone", "That is not a phone number we can call.")
        e164 = with_extension(e164, phone_extension(phone.strip()))
    try:
        address = normalize_email(email)
    except InvalidEmail:
        raise InvalidCorrection("email", "That is not an email address.") from None
    return ContactDetails(name, e164, address)


class RemovalNotConfirmed(ValueError):
    """Saving would clear stored details (`fields`: "name", "phone", "email") and staff did not
    confirm it; `urgent` when the intake is urgent, so the number may be the only way to reach
    the patient."""

    def __init__(self, fields: list[str], urgent: bool) -> None:
        super().__init__(", ".join(fields))
        self.fields = fields
        self.urgent = urgent


def correct_contact(
    session: Session,
    intake_id: int,
    details: ContactDetails,
    now: dt.datetime,
    *,
    confirm_removal: bool = False,
) -> list[str]:
    """Store `details` on the intake, and its name and email on the patient of any booking made
    from it; the names of the intake's fields that changed ("name", "phone", "email"), in that
    order, empty when none did; from then on (`now`) the chat no longer writes them. NotFound
    for an unknown intake; RemovalNotConfirmed, changing nothing, when an empty field would
    clear a stored value and `confirm_removal` is false."""
    intake = session.get(Intake, intake_id)
    if intake is None:
        raise NotFound(intake_id)
    removed = [
        field
        for field, column, value in (
            ("name", "patient_name", details.name),
            ("phone", "phone", details.phone),
            ("email", "email", details.email),
        )
        if getattr(intake, column) and value is None
    ]
    if removed and not confirm_removal:
        urgent = intake.status == "urgent" or bool(intake.crisis) or bool(intake.red_flags)
        raise RemovalNotConfirmed(removed, urgent)
    changed = []
    for field, column, value in (
        ("name", "patient_name", details.name),
        ("phone", "phone", details.phone),
        ("email", "email", details.email),
    ):
        if getattr(intake, column) != value:
            setattr(intake, column, value)
            changed.append(field)
    if changed:
        # The chat no longer writes over them ("Talk to a person" put the old name back).
        intake.contact_corrected_at = now
        _correct_booked_patients(session, intake_id, details, changed)
    return changed


def _correct_booked_patients(
    session: Session, intake_id: int, details: ContactDetails, changed: list[str]
) -> None:
    """The name and email (those that changed) the schedule and the booking texts show, for
    bookings made from this intake. Their phone stays: a booking's patient is found by phone,
    and its texts were planned for that number (the front desk rebooks to change it)."""
    patients = session.scalars(
        select(Patient)
        .join(Booking, Booking.patient_id == Patient.id)
        .where(Booking.intake_id == intake_id)
    ).unique()
    for patient in patients:
        if "name" in changed and details.name:
            patient.name = details.name
        if "email" in changed:
            patient.email = details.email
