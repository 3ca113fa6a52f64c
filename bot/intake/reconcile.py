"""Writes the staff flag for safety advice that a patient got while the flag could not be saved.

The crisis answer and the red-flag advice are plain responses that Rasa's rules send, so a
patient gets them even when the action server or the database is down; the action that flags
the intake for staff runs after them, best effort. This module closes the gap: it reads the
transcripts (Rasa's `events` table, in the same database) for those responses, and marks every
conversation that got one and has no urgent intake yet, rebuilding the intake from the slots the
transcript holds. Run it from the reminder worker's loop or with `bot safety reconcile`.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy import and_, column, inspect, or_, select, table
from sqlalchemy.orm import Session, sessionmaker

from bot.db import unit_of_work, utcnow
from bot.dialogue import CRISIS_INTENT
from bot.intake.service import (
    IntakeUpdate,
    fields_from_slots,
    intakes_for_conversation,
    save_intake,
)
from bot.triage import ADVICE_LEVELS

log = logging.getLogger(__name__)
Clock = Callable[[], dt.datetime]

# The responses that promise the patient "I've let our team know".
SAFETY_RESPONSES = ("utter_crisis", *(f"utter_redflag_{level}" for level in ADVICE_LEVELS))

# Rasa's SQL tracker store table (rasa.core.tracker_store.SQLTrackerStore.SQLEvent).
_EVENTS = table(
    "events",
    column("id"),
    column("sender_id"),
    column("type_name"),
    column("timestamp"),
    column("action_name"),
    column("intent_name"),
    column("data"),
)


def _conversations_with_advice(session: Session, since: dt.datetime) -> dict[str, set[str]]:
    """Conversations whose transcript holds safety advice, or a message read as crisis language
    (the crisis answer to it may have come from the channel's safety net, which the transcript
    does not record)."""
    rows = session.execute(
        select(_EVENTS.c.sender_id, _EVENTS.c.action_name, _EVENTS.c.intent_name).where(
            _EVENTS.c.timestamp >= since.timestamp(),
            or_(
                and_(_EVENTS.c.type_name == "action", _EVENTS.c.action_name.in_(SAFETY_RESPONSES)),
                and_(_EVENTS.c.type_name == "user", _EVENTS.c.intent_name == CRISIS_INTENT),
            ),
        )
    )
    found: dict[str, set[str]] = {}
    for sender_id, action, intent in rows:
        advice = "utter_crisis" if intent == CRISIS_INTENT else action
        found.setdefault(sender_id, set()).add(advice)
    return found


def _slots_and_channel(session: Session, sender_id: str) -> tuple[dict[str, Any], str]:
    """The conversation's slots as its last session left them, and its input channel."""
    rows = session.execute(
        select(_EVENTS.c.type_name, _EVENTS.c.data)
        .where(_EVENTS.c.sender_id == sender_id, _EVENTS.c.type_name.in_(("slot", "user")))
        .order_by(_EVENTS.c.id)
    )
    slots: dict[str, Any] = {}
    channel = "rest"
    for type_name, data in rows:
        event = json.loads(data)
        if type_name == "slot":
            slots[event.get("name")] = event.get("value")
        elif event.get("input_channel"):
            channel = str(event["input_channel"])[:32]
    return slots, channel


def reconcile_urgent_flags(
    factory: sessionmaker, since: dt.datetime, clock: Clock = utcnow
) -> list[str]:
    """Flag every conversation since `since` that got safety advice but has no urgent intake.

    Returns the conversation ids it flagged (empty when every flag was already written).
    Raises SQLAlchemy's errors when the database is still unreachable: run it again later.
    """
    with unit_of_work(factory) as session:
        if not inspect(session.get_bind()).has_table("events"):
            return []  # no transcript yet: Rasa creates the table with its first conversation
        advised = _conversations_with_advice(session, since)
    flagged = []
    for sender_id, responses in advised.items():
        crisis = "utter_crisis" in responses
        intakes = intakes_for_conversation(factory, sender_id)
        if any(i.status == "urgent" and (i.crisis or not crisis) for i in intakes):
            continue
        with unit_of_work(factory) as session:
            slots, channel = _slots_and_channel(session, sender_id)
        fields = fields_from_slots(slots)
        if crisis:
            fields["crisis"] = True
        save_intake(
            factory,
            sender_id,
            IntakeUpdate(fields, "urgent", completed=not crisis),
            intake_id=int(slots.get("intake_id") or 0) or None,
            channel=channel,
            clock=clock,
        )
        flagged.append(sender_id)
    if flagged:
        log.warning("%d urgent flag(s) written from transcripts", len(flagged))
    return flagged
