"""The Twilio SMS gateway: sends through Twilio's REST API with the official `twilio` package.

An adapter, outside the domain: `app.bootstrap.make_sms_gateway` builds it from `Settings`.
The client is blocking; the reminder worker is a plain process, and the Rasa channel calls it
from a thread executor, so nothing here runs on an event loop.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any, Dict

import requests
from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.http.response import Response
from twilio.rest import Client

from bot.contact import mask_phone
from bot.messaging.transport.gateway import (
    PermanentSendError,
    SendResult,
    SmsMessage,
    TransientSendError,
)
from bot.settings import DEFAULT_TWILIO_API_BASE_URL, Settings

log = logging.getLogger(__name__)
# twilio's client logs every request's URL and headers at INFO; keep that out of our logs.
_http_log = logging.getLogger(__name__ + ".http")
_http_log.setLevel(logging.WARNING)

DEFAULT_API_BASE_URL = DEFAULT_TWILIO_API_BASE_URL
# Twilio documents this header for requests it sends; it ignores it on Messages.create, so
# against the real API it only helps support trace a resend. Gateways that honour it
# (our test double, proxies that deduplicate) turn a resend after a crash into a no-op.
IDEMPOTENCY_HEADER = "I-Twilio-Idempotency-Token"


class TwilioConfigError(ValueError):
    """A Twilio setting is missing (see `Settings`)."""


@dataclass(frozen=True)
class TwilioConfig:
    account_sid: str
    auth_token: str
    from_number: str
    api_base_url: str = DEFAULT_API_BASE_URL
    timeout: float = 10.0

    @classmethod
    def from_settings(cls, settings: Settings) -> TwilioConfig:
        required = {
            "TWILIO_ACCOUNT_SID": settings.twilio_account_sid,
            "TWILIO_AUTH_TOKEN": settings.twilio_auth_token,
            "TWILIO_FROM_NUMBER": settings.twilio_from_number,
        }
        missing = [name for name, value in required.items() if not value]
        if missing:
            raise TwilioConfigError(f"SMS_GATEWAY=twilio needs {', '.join(missing)}")
        return cls(
            account_sid=settings.twilio_account_sid,
            auth_token=settings.twilio_auth_token,
            from_number=settings.twilio_from_number,
            api_base_url=settings.twilio_api_base_url.rstrip("/"),
            timeout=settings.twilio_timeout_seconds,
        )


class _KeyedHttpClient(TwilioHttpClient):
    """Twilio's HTTP client plus a per-call header (messages.create takes no headers)."""

    def __init__(self, timeout: float) -> None:
        super().__init__(timeout=timeout, logger=_http_log)
        self._local = threading.local()

    def request(  # type: ignore[override]
        self, method: str, url: str, headers: Dict[str, str] | None = None, **kwargs: Any
    ) -> Response:
        extra = getattr(self._local, "headers", None)
        if extra:
            headers = {**(headers or {}), **extra}
        return super().request(method, url, headers=headers, **kwargs)

    def with_headers(self, headers: Dict[str, str]) -> _HeaderScope:
        return _HeaderScope(self._local, headers)


class _HeaderScope:
    def __init__(self, local: threading.local, headers: Dict[str, str]) -> None:
        self.local, self.headers = local, headers

    def __enter__(self) -> None:
        self.local.headers = self.headers

    def __exit__(self, *exc: object) -> None:
        self.local.headers = None


class TwilioGateway:
    name = "twilio"

    def __init__(self, config: TwilioConfig) -> None:
        self.config = config
        self._http = _KeyedHttpClient(timeout=config.timeout)
        self.client = Client(config.account_sid, config.auth_token, http_client=self._http)
        # Every Twilio domain object builds URLs from its base_url: point the API at ours.
        self.client.api.base_url = config.api_base_url

    def send(self, message: SmsMessage) -> SendResult:
        headers = {IDEMPOTENCY_HEADER: message.idempotency_key} if message.idempotency_key else {}
        try:
            with self._http.with_headers(headers):
                sent = self.client.messages.create(
                    to=message.to, from_=self.config.from_number, body=message.body
                )
        except TwilioRestException as err:
            raise _classify(err, message) from err
        except requests.RequestException as err:
            log.warning("Twilio unreachable sending to %s: %s", mask_phone(message.to),
                        type(err).__name__)
            raise TransientSendError(type(err).__name__) from err
        except TwilioException as err:  # e.g. a reply that is not JSON (a proxy's error page)
            raise TransientSendError(str(err)[:200]) from err
        return SendResult(sent.sid, sent.status or "queued")


def _classify(err: TwilioRestException, message: SmsMessage) -> Exception:
    code = str(err.code) if err.code is not None else None
    summary = f"HTTP {err.status}" + (f" error {code}" if code else "")
    if err.status == 429 or err.status >= 500:
        log.warning("Twilio %s sending to %s; will retry", summary, mask_phone(message.to))
        return TransientSendError(summary, code)
    log.warning("Twilio refused a text to %s: %s", mask_phone(message.to), summary)
    return PermanentSendError(summary, code)
