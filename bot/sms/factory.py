"""Builds the SMS gateway named by SMS_GATEWAY (console by default)."""

from __future__ import annotations

import os
from typing import Mapping

from bot.settings import Settings
from bot.sms.gateway import ConsoleGateway, SmsGateway
from bot.sms.twilio_gateway import TwilioConfig, TwilioGateway

OUTBOX_NAME = "sms-outbox.jsonl"


def make_gateway(settings: Settings, environ: Mapping[str, str] | None = None) -> SmsGateway:
    env = os.environ if environ is None else environ
    kind = (settings.sms_gateway or "console").lower()
    if kind == "console":
        return ConsoleGateway(settings.var_dir / OUTBOX_NAME)
    if kind == "twilio":
        return TwilioGateway(TwilioConfig.from_env(env))
    raise ValueError(f"unknown SMS_GATEWAY {settings.sms_gateway!r}: use console or twilio")
