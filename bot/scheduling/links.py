"""Signed links to a booking's calendar file, so a patient can fetch it without a login."""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass, field


def calendar_token(code: str, secret: str) -> str:
    """A short HMAC of the booking code: the link works only for the booking it was made for."""
    digest = hmac.new(secret.encode(), code.upper().encode(), hashlib.sha256).digest()
    return base64.b32encode(digest[:15]).decode().lower()


def calendar_url(base_url: str, code: str, secret: str) -> str:
    return f"{base_url.rstrip('/')}/calendar/{code}/{calendar_token(code, secret)}.ics"


def valid_calendar_token(code: str, token: str, secret: str) -> bool:
    return hmac.compare_digest(calendar_token(code, secret), (token or "").lower())


@dataclass(frozen=True)
class CalendarLinks:
    """Signs and checks patients' calendar links; built once from settings in `app.bootstrap`.

    `base_url` is where the console serves `/calendar/...` (no trailing slash needed);
    `secret` is the console's secret key (the same key must verify what it signed).
    """

    base_url: str
    secret: str = field(repr=False)

    def url(self, code: str) -> str:
        """`<base_url>/calendar/<code>/<token>.ics` for booking `code`."""
        return calendar_url(self.base_url, code, self.secret)

    def verify(self, code: str, token: str) -> bool:
        """Whether `token` was signed for booking `code` with this secret."""
        return valid_calendar_token(code, token, self.secret)
