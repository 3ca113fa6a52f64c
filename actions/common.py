"""Helpers every action shares: reading the latest message and the clinic's facts."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker

from bot.clinic import ClinicProfile
from bot.intake.form import Turn
from bot.nlp import extract
from bot.triage import CHRONIC_WEEKS


def latest_turn(tracker: Tracker, profile: ClinicProfile) -> Turn:
    """The latest user message with its intent and the pain extraction the NLU component made."""
    message = tracker.latest_message or {}
    text = message.get("text") or ""
    intent = message.get("intent") or {}
    extraction = message.get("pain_extraction")
    if extraction is None and text and not text.startswith("/"):
        extraction = extract(text, today=profile.today()).to_dict()
    return Turn(text, intent.get("name"), float(intent.get("confidence") or 0.0), extraction or {})


def clinic_facts(profile: ClinicProfile) -> dict[str, Any]:
    """Template values for responses that state facts about the clinic."""
    return {
        "clinic_name": profile.display_name,
        "clinic_phone": profile.phone,
        "clinic_address": profile.address,
        "clinic_hours": profile.hours.describe(),
        "callback_window": profile.callback_window,
        "first_visit": profile.first_visit,
        "cost": profile.cost,
        "insurance": profile.insurance,
        # Not the clinic's: the chronic line the explanations state (bot.triage).
        "chronic_weeks": f"{CHRONIC_WEEKS:g}",
    }


def channel_of(tracker: Tracker) -> str:
    return (tracker.get_latest_input_channel() or "rest")[:32]
