"""The composition root: builds the real adapters from settings (the one place that connects)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.orm import Session, sessionmaker

from app.secret_key import secret_key
from bot.clinic import ClinicProfile, load_profile
from bot.db import make_engine, make_session_factory, utcnow
from bot.messaging.email.gateway import ConsoleMailGateway, MailGateway, SmtpConfig, SmtpGateway
from bot.messaging.email.outbox import DeliveryStats, deliver_due, email_events
from bot.messaging.reminders.planning import cancel_for_booking, plan_for_booking
from bot.messaging.transport.gateway import ConsoleGateway, SmsGateway
from bot.scheduling.events import BookingEvents
from bot.scheduling.links import CalendarLinks
from bot.scheduling.models import Booking
from bot.settings import Settings

log = logging.getLogger(__name__)


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
    # Sends the booking emails. None: no email is queued (tests of other features).
    mail_gateway: MailGateway | None = None

    def __post_init__(self) -> None:
        if self.booking_events is None:
            self.booking_events = reminder_events(self.profile)
            if self.mail_gateway is not None and self.calendar_links is not None:
                sender = mail_sender(self.settings, self.profile)
                emails = email_events(self.profile, self.calendar_links.url, sender)
                self.booking_events = both(self.booking_events, emails)

    def send_booking_emails(self) -> DeliveryStats | None:
        """Send the booking emails that are due (this change's, and earlier ones to retry).

        Never raises: the booking is already committed, and a failure stays queued for the
        next attempt (logged here). None when there is no mail gateway or it failed.
        """
        if self.mail_gateway is None:
            return None
        try:
            return deliver_due(self.session_factory, self.mail_gateway, self.clock)
        except Exception:  # noqa: BLE001 - the booking stands whatever happens to its email
            log.exception("Booking emails could not be sent now; they stay queued")
            return None

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
    return Services(
        settings,
        profile,
        make_session_factory(engine),
        calendar_links=links,
        mail_gateway=make_mail_gateway(settings),
    )


def reminder_events(profile: ClinicProfile) -> BookingEvents:
    """Bookings plan their reminders and cancellations cancel them, in the booking's transaction.

    The one wire between scheduling and messaging: neither package imports the other's services.
    """

    def booked(session: Session, booking: Booking, now: dt.datetime) -> None:
        plan_for_booking(session, booking, profile, now)

    def cancelled(session: Session, booking: Booking, now: dt.datetime) -> None:
        cancel_for_booking(session, booking.id, now)

    return BookingEvents(booked=booked, cancelled=cancelled)


def both(first: BookingEvents, second: BookingEvents) -> BookingEvents:
    """Hooks that run `first`'s, then `second`'s, in the same transaction."""

    def booked(session: Session, booking: Booking, now: dt.datetime) -> None:
        first.booked(session, booking, now)
        second.booked(session, booking, now)

    def cancelled(session: Session, booking: Booking, now: dt.datetime) -> None:
        first.cancelled(session, booking, now)
        second.cancelled(session, booking, now)

    return BookingEvents(booked=booked, cancelled=cancelled)


SMS_OUTBOX_NAME = "sms-outbox.jsonl"
MAIL_OUTBOX_NAME = "mail-outbox"


def mail_sender(settings: Settings, profile: ClinicProfile) -> str:
    """The From address: MAIL_FROM, else the clinic profile's email, else no-reply@localhost."""
    return settings.mail_from or profile.email or "no-reply@localhost"


def make_mail_gateway(settings: Settings) -> MailGateway:
    """The gateway named by `settings.email_gateway`: `console` (default, writes
    `var_dir/mail-outbox/*.eml`) or `smtp` (SMTP_HOST, SMTP_PORT, SMTP_USER, SMTP_PASSWORD,
    SMTP_STARTTLS). Raises ValueError for another name."""
    kind = (settings.email_gateway or "console").lower()
    if kind == "console":
        return ConsoleMailGateway(settings.var_dir / MAIL_OUTBOX_NAME)
    if kind == "smtp":
        return SmtpGateway(
            SmtpConfig(
                host=settings.smtp_host,
                port=settings.smtp_port,
                user=settings.smtp_user,
                password=settings.smtp_password,
                starttls=settings.smtp_starttls,
                timeout_seconds=settings.smtp_timeout_seconds,
            )
        )
    raise ValueError(f"unknown EMAIL_GATEWAY {settings.email_gateway!r}: use console or smtp")


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
