"""The reminder text: clinic, day and time, and the reply keywords, in one GSM-7 segment.

No therapist, appointment type or anything else about the patient's health goes in a text:
an SMS can be read on a lock screen by anyone.
"""

from __future__ import annotations

import datetime as dt

from bot.clinic import ClinicProfile
from bot.messaging.transport.gsm import SEGMENT, gsm7_length, shorten, to_gsm7

KEYWORDS = "Reply C to confirm, R to reschedule, STOP to opt out."


def when_text(starts_at: dt.datetime, profile: ClinicProfile) -> str:
    """'Tue Dec 1 at 9:00 AM' in the clinic's time zone."""
    local = starts_at.astimezone(profile.tz)
    hour = local.hour % 12 or 12
    return f"{local:%a %b} {local.day} at {hour}:{local:%M} {'AM' if local.hour < 12 else 'PM'}"


def reminder_text(starts_at: dt.datetime, profile: ClinicProfile) -> str:
    """One-segment reminder; a long clinic name is shortened at a word boundary to fit."""
    rest = f": reminder of your appointment {when_text(starts_at, profile)}. {KEYWORDS}"
    name = to_gsm7(profile.display_name) or "Your clinic"
    budget = SEGMENT - gsm7_length(rest)
    if gsm7_length(name) > budget:
        short = to_gsm7(profile.short_name or "") if profile.short_name else ""
        name = short if short and gsm7_length(short) <= budget else shorten(name, budget)
    text = name + rest
    if gsm7_length(text) > SEGMENT:  # only with an absurd profile; keep the keywords at least
        text = shorten(text, SEGMENT)
    return text
