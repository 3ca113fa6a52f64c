"""Domain errors of the booking domain; adapters turn each one into a response for the patient."""

from __future__ import annotations


class SchedulingError(Exception):
    """Base of every booking-domain error."""


class SlotTaken(SchedulingError):
    """Someone else booked or is holding (part of) this slot; offer other times."""


class HoldExpired(SlotTaken):
    """This conversation's hold lapsed and the slot went to someone else in the meantime."""


class SlotUnavailable(SchedulingError):
    """The slot breaks a clinic rule: closed, too soon, past the horizon, wrong therapist/type."""


class UrgentCareNeeded(SchedulingError):
    """The intake was triaged urgent: never offer a routine assessment, hand over to a human."""


class NoAppointmentType(SchedulingError):
    """The clinic profile has no appointment type for this pain class."""


class BookingNotFound(SchedulingError):
    """No booking matches this code and phone number (the two are never told apart)."""


class BookingNotChangeable(SchedulingError):
    """The booking has already started or is cancelled, so it can't be moved or cancelled."""


class InvalidContact(SchedulingError, ValueError):
    """A contact detail the patient gave is not usable."""


class InvalidPhone(InvalidContact):
    """Not a valid phone number for the default region or in international form."""


class InvalidEmail(InvalidContact):
    """Not an e-mail address."""
