"""Signed links to a booking's calendar file, so a patient can fetch it without a login."""

from __future__ import annotations

import base64
import hashlib
import hmac


def calendar_token(code: str, secret: str) -> str:
    """A short HMAC of the booking code: the link works only for the booking it was made for."""
    digest = hmac.new(secret.encode(), code.upper().encode(), hashlib.sha256).digest()
    return base64.b32encode(digest[:15]).decode().lower()


def calendar_url(base_url: str, code: str, secret: str) -> str:
    return f"{base_url.rstrip('/')}/calendar/{code}/{calendar_token(code, secret)}.ics"


def valid_calendar_token(code: str, token: str, secret: str) -> bool:
    return hmac.compare_digest(calendar_token(code, secret), (token or "").lower())
