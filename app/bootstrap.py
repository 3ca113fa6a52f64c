"""The composition root: builds the real adapters from settings (the one place that connects)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.orm import Session, sessionmaker

from app.secret_key import secret_key
from bot.clinic import ClinicProfile, load_profile
from bot.db import make_engine, make_session_factory, utcnow
from bot.messaging.reminders.planning import cancel_for_booking, plan_for_booking
from bot.messaging.transport.gateway import ConsoleGateway, SmsGateway
from bot.scheduling.events import BookingEvents
from bot.scheduling.links import CalendarLinks
from bot.scheduling.models import Booking
from bot.settings import Settings


@dataclass
class Services:
    """What the adapters (Rasa actions, console, workers) need, built once per process."""

    settings: Settings
    profile: ClinicProfile
    session_factory: sessionmaker
    clock: Callable[[], dt.datetime] = field(default=utcnow)
    # Signs patients' calendar links. None (tests that book nothing): asking for a link fails.
    calendar_links: CalendarLinks | None = None
    # What booking, cancelling and rescheduling set off. None: `reminder_events(profile)`.
    booking_events: BookingEvents | None = None

    def __post_init__(self) -> None:
        if self.booking_events is None:
            self.booking_events = reminder_events(self.profile)

    def calendar_link(self, code: str) -> str:
        """The signed calendar (.ics) link for booking `code`.

        Raises RuntimeError when these services were built without `calendar_links`.
        """
        if self.calendar_links is None:
            raise RuntimeError("Services has no calendar_links; build it with build_services()")
        return self.calendar_links.url(code)


def build_services(settings: Settings | None = None) -> Services:
    """Every adapter, from `settings` (default: `Settings.from_env()`).

    Raises ClinicProfileError for a broken clinic profile; creates `var_dir/console-secret`
    when no CONSOLE_SECRET_KEY is set (see `app.secret_key`).
    """
    settings = settings or Settings.from_env()
    profile = load_profile(settings.clinic_profile)
    engine = make_engine(settings.database_url)
    links = CalendarLinks(settings.calendar_base_url, secret_key(settings))
    return Services(settings, profile, make_session_factory(engine), calendar_links=links)


def reminder_events(profile: ClinicProfile) -> BookingEvents:
    """Bookings plan their reminders and cancellations cancel them, in the booking's transaction.

    The one wire between scheduling and messaging: neither package imports the other's services.
    """

    def booked(session: Session, booking: Booking, now: dt.datetime) -> None:
        plan_for_booking(session, booking, profile, now)

    def cancelled(session: Session, booking: Booking, now: dt.datetime) -> None:
        cancel_for_booking(session, booking.id, now)

    return BookingEvents(booked=booked, cancelled=cancelled)


SMS_OUTBOX_NAME = "sms-outbox.jsonl"


def make_sms_gateway(settings: Settings) -> SmsGateway:
    """The gateway named by `settings.sms_gateway`: `console` (default) or `twilio`.

    Raises ValueError for another name and TwilioConfigError when a Twilio setting is missing.
    """
    kind = (settings.sms_gateway or "console").lower()
    if kind == "console":
        return ConsoleGateway(settings.var_dir / SMS_OUTBOX_NAME)
    if kind == "twilio":
        # Imported here: only a process that sends through Twilio loads the `twilio` package.
        from channels.twilio_gateway import TwilioConfig, TwilioGateway

        return TwilioGateway(TwilioConfig.from_settings(settings))
    raise ValueError(f"unknown SMS_GATEWAY {settings.sms_gateway!r}: use console or twilio")
