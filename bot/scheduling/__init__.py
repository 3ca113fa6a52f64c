"""The booking domain: real availability, holds, bookings without double booking, and changes.

Adapters (Rasa actions) import from here only; nothing in this package imports rasa.
"""

from bot.scheduling.availability import (
    Slot,
    appointment_type_for_triage,
    available_slots,
    check_slot,
)
from bot.scheduling.choice import NONE_OF_THESE, format_slot, parse_slot_choice
from bot.scheduling.confirmation import Confirmation, confirmation_for, to_ics
from bot.scheduling.contact import PatientDetails, normalize_code, normalize_phone
from bot.scheduling.errors import (
    BookingNotChangeable,
    BookingNotFound,
    HoldExpired,
    InvalidContact,
    InvalidEmail,
    InvalidPhone,
    NoAppointmentType,
    SchedulingError,
    SlotTaken,
    SlotUnavailable,
    UrgentCareNeeded,
)
from bot.scheduling.lookup import booking_by_code, bookings_for_conversation, find_booking
from bot.scheduling.offers import Offer, offer_slots
from bot.scheduling.preferences import Preferences, parse_preferences
from bot.scheduling.records import BookingView, HoldView
from bot.scheduling.service import (
    Clock,
    book,
    cancel,
    cancel_for_conversation,
    hold_slot,
    open_slots,
    purge_expired_holds,
    release_holds,
    reschedule,
)

__all__ = [
    "NONE_OF_THESE",
    "BookingNotChangeable",
    "BookingNotFound",
    "BookingView",
    "booking_by_code",
    "Clock",
    "Confirmation",
    "HoldExpired",
    "HoldView",
    "InvalidContact",
    "InvalidEmail",
    "InvalidPhone",
    "NoAppointmentType",
    "Offer",
    "PatientDetails",
    "Preferences",
    "SchedulingError",
    "Slot",
    "SlotTaken",
    "SlotUnavailable",
    "UrgentCareNeeded",
    "appointment_type_for_triage",
    "available_slots",
    "book",
    "bookings_for_conversation",
    "cancel",
    "cancel_for_conversation",
    "check_slot",
    "confirmation_for",
    "find_booking",
    "format_slot",
    "hold_slot",
    "normalize_code",
    "normalize_phone",
    "offer_slots",
    "open_slots",
    "parse_preferences",
    "parse_slot_choice",
    "purge_expired_holds",
    "release_holds",
    "reschedule",
    "to_ics",
]
