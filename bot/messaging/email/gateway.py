"""What every email gateway offers: the console outbox (files) and SMTP (the standard library)."""

from __future__ import annotations

import logging
import re
import smtplib
import ssl
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OutgoingEmail:
    """One composed message: `raw` is the whole RFC 5322 text (headers, body, attachments)."""

    sender: str
    to: str
    raw: str
    message_id: str  # "<...@...>": the same on every attempt of one message


class MailSendError(Exception):
    """Sending failed; `transient` says whether a later attempt may work."""

    def __init__(self, message: str, *, transient: bool) -> None:
        super().__init__(message)
        self.transient = transient


class MailGateway(Protocol):
    name: str

    def send(self, email: OutgoingEmail) -> None: ...


def _file_name(message_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9.@_-]", "", message_id).replace("@", "_at_") + ".eml"


class ConsoleMailGateway:
    """Development gateway: writes each message to `outbox/<message id>.eml` and logs that it did.

    The log line names the file and the message id, never the address or the content. The same
    message sent twice (a retry after a crash) overwrites its own file, so it appears once.
    """

    name = "console"

    def __init__(self, outbox: Path) -> None:
        self.outbox = Path(outbox)

    def send(self, email: OutgoingEmail) -> None:
        try:
            self.outbox.mkdir(parents=True, exist_ok=True)
            path = self.outbox / _file_name(email.message_id)
            temporary = path.with_suffix(".tmp")
            temporary.write_text(email.raw, encoding="utf-8", newline="")
            temporary.replace(path)
        except OSError as err:
            reason = f"outbox not writable: {type(err).__name__}"
            raise MailSendError(reason, transient=True) from None
        log.info("Email %s written to %s", email.message_id, path.name)


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    user: str = ""
    password: str = field(default="", repr=False)
    starttls: bool = False
    timeout_seconds: float = 10.0


class SmtpGateway:
    """Sends through an SMTP server with `smtplib`: STARTTLS first when configured, then LOGIN
    when a user is set. Refused recipients and other 5xx answers are permanent failures;
    connection errors, timeouts and 4xx answers are transient."""

    name = "smtp"

    def __init__(self, config: SmtpConfig) -> None:
        self.config = config
        if config.user and not config.starttls and config.host not in ("localhost", "127.0.0.1"):
            log.warning("SMTP_USER is set without SMTP_STARTTLS: the password goes in the clear")

    def send(self, email: OutgoingEmail) -> None:
        cfg = self.config
        try:
            with smtplib.SMTP(cfg.host, cfg.port, timeout=cfg.timeout_seconds) as smtp:
                if cfg.starttls:
                    smtp.starttls(context=ssl.create_default_context())
                if cfg.user:
                    smtp.login(cfg.user, cfg.password)
                data = re.sub(r"\r?\n", "\r\n", email.raw).encode("utf-8")
                smtp.sendmail(email.sender, [email.to], data)
        except smtplib.SMTPRecipientsRefused as err:
            codes = [code for code, _ in err.recipients.values()]
            raise MailSendError(f"recipient refused {codes}", transient=_all_4xx(codes)) from None
        except smtplib.SMTPResponseException as err:
            raise MailSendError(
                f"{type(err).__name__} {err.smtp_code}", transient=_all_4xx([err.smtp_code])
            ) from None
        except (smtplib.SMTPException, OSError) as err:
            raise MailSendError(type(err).__name__, transient=True) from None
        log.info("Email %s sent by SMTP", email.message_id)


def _all_4xx(codes: list[int]) -> bool:
    return bool(codes) and all(400 <= code < 500 for code in codes)
