"""Plain values that leave the booking domain (bookings and holds), detached from any session."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.scheduling.availability import Slot
from bot.scheduling.models import BOOKED, Booking, Hold, Patient


@dataclass(frozen=True)
class BookingView:
    id: int
    code: str
    therapist_id: str
    appointment_type_id: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    status: str
    patient_name: str
    phone: str
    email: str | None
    sms_consent: bool
    conversation_id: str | None
    intake_id: int | None
    rescheduled_from: int | None
    created_at: dt.datetime
    cancelled_at: dt.datetime | None

    @property
    def is_booked(self) -> bool:
        return self.status == BOOKED

    @property
    def slot(self) -> Slot:
        return Slot(self.starts_at, self.therapist_id, self.appointment_type_id, self.ends_at)

    @classmethod
    def of(cls, booking: Booking, patient: Patient) -> BookingView:
        return cls(
            id=booking.id,
            code=booking.code,
            therapist_id=booking.therapist_id,
            appointment_type_id=booking.appointment_type_id,
            starts_at=booking.starts_at,
            ends_at=booking.ends_at,
            status=booking.status,
            patient_name=patient.name,
            phone=patient.phone,
            email=patient.email,
            sms_consent=patient.sms_consent,
            conversation_id=booking.conversation_id,
            intake_id=booking.intake_id,
            rescheduled_from=booking.rescheduled_from,
            created_at=booking.created_at,
            cancelled_at=booking.cancelled_at,
        )


@dataclass(frozen=True)
class HoldView:
    id: int
    conversation_id: str
    slot: Slot
    expires_at: dt.datetime

    @classmethod
    def of(cls, hold: Hold) -> HoldView:
        slot = Slot(hold.starts_at, hold.therapist_id, hold.appointment_type_id, hold.ends_at)
        return cls(hold.id, hold.conversation_id, slot, hold.expires_at)
