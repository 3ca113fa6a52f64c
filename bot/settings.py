"""Runtime settings read from the environment, with safe embedded defaults.

`Settings.from_env()` is the only place in the product that reads the environment: every other
module gets its configuration as a `Settings` (or as adapters built from one in `app.bootstrap`).
tests/unit/test_settings_env.py keeps `ENV_VARS`, `from_env` and `.env.example` in step.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Mapping

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = f"sqlite:///{ROOT / 'var' / 'intake.db'}"
DEFAULT_CLINIC_PROFILE = ROOT / "config" / "clinic.yml"
DEFAULT_CONSOLE_PORT = 8000
DEFAULT_TWILIO_API_BASE_URL = "https://api.twilio.com"
DEFAULT_WIDGET_PORT = 8080
DEFAULT_RASA_PUBLIC_URL = "http://localhost:5005"
# Seconds after the assistant's reply is made in which a text can still have been written before
# the reply reached the phone: it goes back to Twilio when the turn ends, then through the
# carrier; reading a question and texting an answer takes longer (`bot.crossing`).
DEFAULT_SMS_DELIVERY_GRACE = 3.0


@dataclass(frozen=True)
class Settings:
    """Everything the adapters need; built once by `Settings.from_env()` in bootstrap code."""

    database_url: str = DEFAULT_DATABASE_URL
    clinic_profile: Path = DEFAULT_CLINIC_PROFILE
    sms_gateway: str = "console"
    var_dir: Path = ROOT / "var"
    # The staff console's port; it also serves the patients' calendar links.
    console_port: int = DEFAULT_CONSOLE_PORT
    # Signs console cookies and calendar links. None: generated once into var/console-secret.
    console_secret_key: str | None = None
    # Where patients' calendar (.ics) links point. None: http://localhost:<console_port>.
    public_base_url: str | None = None
    # The console's address, and whether it runs behind HTTPS (Secure cookies) or a proxy
    # (trust X-Forwarded-* from exactly one hop).
    console_host: str = "127.0.0.1"
    console_secure_cookies: bool = False
    console_trust_proxy: bool = False
    # The widget server's address, and the Rasa server as *browsers* reach it.
    widget_host: str = "127.0.0.1"
    widget_port: int = DEFAULT_WIDGET_PORT
    rasa_public_url: str = DEFAULT_RASA_PUBLIC_URL

    # Each field and the environment variable `from_env` reads it from. Every field has one:
    # tests/unit/test_settings_env.py fails when a field, this map and `from_env` disagree.
    ENV_VARS: ClassVar[Mapping[str, str]] = {
        "database_url": "DATABASE_URL",
        "clinic_profile": "CLINIC_PROFILE",
        "sms_gateway": "SMS_GATEWAY",
        "var_dir": "VAR_DIR",
        "console_port": "CONSOLE_PORT",
        "console_secret_key": "CONSOLE_SECRET_KEY",
        "public_base_url": "PUBLIC_BASE_URL",
        "console_host": "CONSOLE_HOST",
        "console_secure_cookies": "CONSOLE_SECURE_COOKIES",
        "console_trust_proxy": "CONSOLE_TRUST_PROXY",
        "widget_host": "WIDGET_HOST",
        "widget_port": "WIDGET_PORT",
        "rasa_public_url": "RASA_PUBLIC_URL",
        "twilio_account_sid": "TWILIO_ACCOUNT_SID",
        "twilio_auth_token": "TWILIO_AUTH_TOKEN",
        "twilio_from_number": "TWILIO_FROM_NUMBER",
        "twilio_api_base_url": "TWILIO_API_BASE_URL",
        "twilio_timeout_seconds": "TWILIO_TIMEOUT_SECONDS",
        "twilio_webhook_public_url": "TWILIO_WEBHOOK_PUBLIC_URL",
        "sms_reply_timeout_seconds": "SMS_REPLY_TIMEOUT_SECONDS",
        "sms_delivery_grace_seconds": "SMS_DELIVERY_GRACE_SECONDS",
        "fault_pause_after_booking_seconds": "FAULT_PAUSE_AFTER_BOOKING_SECONDS",
        "email_gateway": "EMAIL_GATEWAY",
        "mail_from": "MAIL_FROM",
        "smtp_host": "SMTP_HOST",
        "smtp_port": "SMTP_PORT",
        "smtp_user": "SMTP_USER",
        "smtp_password": "SMTP_PASSWORD",
        "smtp_starttls": "SMTP_STARTTLS",
        "smtp_timeout_seconds": "SMTP_TIMEOUT_SECONDS",
    }
    # Twilio's REST API, for SMS_GATEWAY=twilio (empty until configured).
    twilio_account_sid: str = ""
    twilio_auth_token: str = ""
    twilio_from_number: str = ""
    twilio_api_base_url: str = DEFAULT_TWILIO_API_BASE_URL
    twilio_timeout_seconds: float = 10.0
    # The SMS webhook as Twilio signs it, when a proxy changes the URL (None: as received), and
    # how long a text's turn may take before its replies go out by REST instead of TwiML.
    twilio_webhook_public_url: str | None = None
    sms_reply_timeout_seconds: float = 10.0
    # A text arriving this soon after the assistant's reply was made was written before it
    # reached the phone (DEFAULT_SMS_DELIVERY_GRACE); 0 for scripted test patients.
    sms_delivery_grace_seconds: float = DEFAULT_SMS_DELIVERY_GRACE
    # Fault injection for the crash tests, off (0) in every real deployment: the action server
    # waits this long after a booking commits before it replies, so a test can kill the Rasa
    # server between the booking and the tracker save (tests/e2e/test_booking_crash.py).
    fault_pause_after_booking_seconds: float = 0.0
    # Booking emails: `console` (writes var/mail-outbox/*.eml) or `smtp` (smtplib, below).
    email_gateway: str = "console"
    # The From address; empty: the clinic profile's email, else no-reply@localhost.
    mail_from: str = ""
    smtp_host: str = "localhost"
    smtp_port: int = 587
    smtp_user: str = ""
    smtp_password: str = ""
    # STARTTLS before logging in; set it for any server outside this machine.
    smtp_starttls: bool = False
    smtp_timeout_seconds: float = 10.0

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Settings from `environ` (default: the process environment); empty means default.

        Raises ValueError when a port is not an integer.
        """
        env = os.environ if environ is None else environ
        var_dir = Path(env.get("VAR_DIR") or ROOT / "var")
        return cls(
            database_url=env.get("DATABASE_URL") or f"sqlite:///{var_dir / 'intake.db'}",
            clinic_profile=Path(env.get("CLINIC_PROFILE") or DEFAULT_CLINIC_PROFILE),
            sms_gateway=env.get("SMS_GATEWAY") or "console",
            var_dir=var_dir,
            twilio_account_sid=env.get("TWILIO_ACCOUNT_SID") or "",
            twilio_auth_token=env.get("TWILIO_AUTH_TOKEN") or "",
            twilio_from_number=env.get("TWILIO_FROM_NUMBER") or "",
            twilio_api_base_url=(
                env.get("TWILIO_API_BASE_URL") or DEFAULT_TWILIO_API_BASE_URL
            ).rstrip("/"),
            twilio_timeout_seconds=float(env.get("TWILIO_TIMEOUT_SECONDS") or 10.0),
            twilio_webhook_public_url=env.get("TWILIO_WEBHOOK_PUBLIC_URL") or None,
            sms_reply_timeout_seconds=float(env.get("SMS_REPLY_TIMEOUT_SECONDS") or 10.0),
            sms_delivery_grace_seconds=float(
                env.get("SMS_DELIVERY_GRACE_SECONDS") or DEFAULT_SMS_DELIVERY_GRACE
            ),
            console_port=int(env.get("CONSOLE_PORT") or DEFAULT_CONSOLE_PORT),
            console_secret_key=env.get("CONSOLE_SECRET_KEY") or None,
            public_base_url=env.get("PUBLIC_BASE_URL") or None,
            console_host=env.get("CONSOLE_HOST") or "127.0.0.1",
            console_secure_cookies=_flag(env.get("CONSOLE_SECURE_COOKIES")),
            console_trust_proxy=_flag(env.get("CONSOLE_TRUST_PROXY")),
            widget_host=env.get("WIDGET_HOST") or "127.0.0.1",
            widget_port=int(env.get("WIDGET_PORT") or DEFAULT_WIDGET_PORT),
            rasa_public_url=(env.get("RASA_PUBLIC_URL") or DEFAULT_RASA_PUBLIC_URL).rstrip("/"),
            fault_pause_after_booking_seconds=float(
                env.get("FAULT_PAUSE_AFTER_BOOKING_SECONDS") or 0.0
            ),
            email_gateway=env.get("EMAIL_GATEWAY") or "console",
            mail_from=env.get("MAIL_FROM") or "",
            smtp_host=env.get("SMTP_HOST") or "localhost",
            smtp_port=int(env.get("SMTP_PORT") or 587),
            smtp_user=env.get("SMTP_USER") or "",
            smtp_password=env.get("SMTP_PASSWORD") or "",
            smtp_starttls=_flag(env.get("SMTP_STARTTLS")),
            smtp_timeout_seconds=float(env.get("SMTP_TIMEOUT_SECONDS") or 10.0),
        )

    @property
    def calendar_base_url(self) -> str:
        """The base of patients' calendar links: `public_base_url`, else the local console."""
        return self.public_base_url or f"http://localhost:{self.console_port}"


def _flag(value: str | None) -> bool:
    """An on/off variable: 1, true, yes or on (any case) mean on; anything else, off."""
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}
