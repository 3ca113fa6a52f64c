"""Seeds fictional intakes, their tracker events and bookings, for demos and screenshots."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import sessionmaker

from bot import scheduling
from bot.clinic import ClinicProfile
from bot.console import demo_data as data
from bot.console.tracker import TRACKER_METADATA, events
from bot.db import unit_of_work
from bot.intake.models import Intake

PREFIX = "demo-"
QUESTIONS = [data.ASK_HOW_LONG, data.ASK_LIMITS, data.ASK_SCORE, data.ASK_NAME]


def ensure_tracker_table(factory: sessionmaker) -> None:
    """Create Rasa's `events` table if Rasa has not run yet (same shape; Rasa reuses it)."""
    with unit_of_work(factory) as session:
        TRACKER_METADATA.create_all(bind=session.connection(), checkfirst=True)


def _event(sender: str, kind: str, at: float, text: str = "", **extra: Any) -> dict:
    body: dict[str, Any] = {"event": kind, "timestamp": at}
    if text:
        body["text"] = text
    body.update(extra)
    return {
        "sender_id": sender,
        "type_name": kind,
        "timestamp": at,
        "intent_name": (extra.get("parse_data") or {}).get("intent", {}).get("name"),
        "action_name": extra.get("name"),
        "data": json.dumps(body),
    }


def conversation_events(sender: str, start: dt.datetime, lines: list[str]) -> list[dict]:
    """A plausible Rasa event stream: greeting, then question/answer pairs, then a goodbye."""
    t = start.timestamp()
    buttons = [{"title": "Book an assessment", "payload": "/request_booking"},
               {"title": "Ask a question", "payload": "/ask_question"}]  # fmt: skip
    out = [
        _event(sender, "action", t, name="action_session_start"),
        _event(sender, "bot", t + 1, data.GREETING, data={"buttons": buttons}),
    ]
    t += 20
    for n, line in enumerate(lines):
        intent = {"name": "inform", "confidence": 0.93}
        out.append(_event(sender, "user", t, line, parse_data={"intent": intent}))
        out.append(_event(sender, "action", t + 1, name="action_listen"))
        question = QUESTIONS[n] if n < len(QUESTIONS) else None
        if question:
            out.append(_event(sender, "bot", t + 2, question))
        t += 35 + 7 * n
    out.append(_event(sender, "bot", t, "Thank you. The front desk will look at this shortly."))
    return out


def _intake(p: dict, sender: str, created: dt.datetime) -> Intake:
    return Intake(
        conversation_id=sender, channel="socketio", status=p.get("status", "new"),
        duration_weeks=p["weeks"], duration_text=p["duration_text"], pain_class=p["cls"],
        pain_stage=p["stage"], locations=p["locations"], activities=p["activities"],
        activities_text=p["lines"][2], pain_score=p["score"], red_flags=p.get("red_flags", []),
        crisis=p.get("crisis", False), callback_requested=p.get("callback", False),
        evidence=p["evidence"], raw_answers={"lines": p["lines"]}, summary_confirmed=True,
        patient_name=p["name"], phone=p["phone"], email=p["email"],
        completed_at=created + dt.timedelta(minutes=4),
        reviewed_at=created + dt.timedelta(hours=2) if p.get("reviewed") else None,
        created_at=created, updated_at=created,
    )  # fmt: skip


def seed_demo(
    factory: sessionmaker, profile: ClinicProfile, clock: Callable[[], dt.datetime]
) -> list[int]:
    """Add the demo patients once; returns the new intake ids ([] if already seeded)."""
    ensure_tracker_table(factory)
    now = clock()
    with unit_of_work(factory) as session:
        if session.scalar(select(Intake.id).where(Intake.conversation_id.like(f"{PREFIX}%"))):
            return []
    ids: list[int] = []
    to_book: list[tuple[int, dict, str]] = []
    for n, patient in enumerate(data.PATIENTS):
        sender = f"{PREFIX}{n + 1:03d}-{now:%Y%m%d}"
        created = now - dt.timedelta(hours=patient["ago"])
        with unit_of_work(factory) as session:
            intake = _intake(patient, sender, created)
            session.add(intake)
            session.flush()
            ids.append(intake.id)
            rows = conversation_events(sender, created - dt.timedelta(minutes=5), patient["lines"])
            session.execute(insert(events), rows)
        if patient.get("book"):
            to_book.append((intake.id, patient, sender))
    _book(factory, profile, clock, to_book)
    return ids


def _book(factory, profile, clock, to_book) -> None:  # type: ignore[no-untyped-def]
    """Spread the demo bookings over the next open day, a few per therapist."""
    for k, (intake_id, patient, sender) in enumerate(to_book):
        slots = scheduling.open_slots(factory, profile, clock, patient["book"])
        if not slots:
            continue
        first_day = min(s.starts_at.astimezone(profile.tz).date() for s in slots)
        day = first_day + dt.timedelta(days=1)
        same_day = [s for s in slots if s.starts_at.astimezone(profile.tz).date() == day] or slots
        slot = same_day[(k * 7 + 3) % len(same_day)]
        details = scheduling.PatientDetails.create(
            patient["name"] or "Anonymous", patient["phone"], patient["email"]
        )
        booking = scheduling.book(
            factory, profile, clock, slot, details, conversation_id=sender, intake_id=intake_id
        )
        if patient.get("cancel"):
            scheduling.cancel(factory, clock, booking.code, booking.phone)
