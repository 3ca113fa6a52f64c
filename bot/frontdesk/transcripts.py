"""Reads conversation transcripts from Rasa's SQL tracker store (the `events` table)."""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass, field

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text, inspect, select
from sqlalchemy.orm import Session

from bot.intake.button_replies import shown_answer

log = logging.getLogger(__name__)

# Rasa creates and owns this table; the console only reads it. Its own metadata keeps it out of
# Alembic's autogenerate. The shape matches rasa.core.tracker_store.SQLTrackerStore.SQLEvent.
TRACKER_METADATA = MetaData()
events = Table(
    "events",
    TRACKER_METADATA,
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255), nullable=False, index=True),
    Column("type_name", String(255), nullable=False),
    Column("timestamp", Float),
    Column("intent_name", String(255)),
    Column("action_name", String(255)),
    Column("data", Text),
)


@dataclass(frozen=True)
class TranscriptMessage:
    """One message in a transcript: who said it, when, the text and any buttons offered.

    `index` is the message's position in the transcript (0-based) and `message_id` Rasa's id
    of a patient message (None for the assistant's); evidence points at one of them. For a
    button the patient clicked, `text` is the button's title as they saw it and `payload`
    what the widget sent (`/affirm`); otherwise `payload` is None.
    """

    speaker: str  # "patient" or "assistant"
    at: dt.datetime
    text: str
    buttons: list[str] = field(default_factory=list)
    index: int = 0
    message_id: str | None = None
    payload: str | None = None


def transcript(session: Session, conversation_id: str) -> list[TranscriptMessage]:
    """The patient's and the assistant's messages, in order. Empty when Rasa has no table yet."""
    query = (
        select(events.c.type_name, events.c.timestamp, events.c.data)
        .where(events.c.sender_id == conversation_id, events.c.type_name.in_(("user", "bot")))
        .order_by(events.c.id)
    )
    # Rasa's tracker store creates `events` on its first start; before that there is nothing.
    # Checked up front: a failed query would spoil the caller's transaction on PostgreSQL.
    if not inspect(session.connection()).has_table("events"):
        log.warning("no tracker events table yet; showing no transcript")
        return []
    turns: list[TranscriptMessage] = []
    offered: list[list[dict]] = []  # the assistant's buttons since the patient last spoke
    for type_name, timestamp, raw in session.execute(query).all():
        try:
            data = json.loads(raw or "{}")
        except ValueError:
            continue
        text = str(data.get("text") or "")
        buttons = [b for b in (data.get("data") or {}).get("buttons") or [] if isinstance(b, dict)]
        if not text and not buttons:
            continue
        when = dt.datetime.fromtimestamp(timestamp or data.get("timestamp") or 0, dt.timezone.utc)
        common = {"at": when, "index": len(turns)}
        if type_name == "user":
            shown, payload = shown_answer(text, offered)
            offered = []
            message_id = data.get("message_id")
            turns.append(
                TranscriptMessage(
                    "patient",
                    text=shown,
                    payload=payload,
                    message_id=message_id and str(message_id),
                    **common,
                )
            )
        else:
            offered.append(buttons)
            titles = [str(b.get("title", "")) for b in buttons]
            turns.append(TranscriptMessage("assistant", text=text, buttons=titles, **common))
    return turns
