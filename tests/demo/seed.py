"""Seeds the demo patients: intakes, their transcripts in Rasa's `events` table, and bookings."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import sessionmaker

from app.bootstrap import reminder_events
from bot import scheduling
from bot.clinic import ClinicProfile, load_profile
from bot.db import unit_of_work
from bot.frontdesk.transcripts import TRACKER_METADATA, events
from bot.intake.models import Intake
from bot.scheduling.confirmation import confirmation_for
from bot.settings import DEFAULT_CLINIC_PROFILE
from bot.triage import red_flags
from tests.demo.conversation import conversation, red_flag_slots
from tests.demo.patients import PATIENTS
from tests.demo.responses import Said, bot, clinic_values, user

PREFIX = "demo-"
# What the assistant asks after each of a patient's lines in `conversation_events`.
QUESTIONS = ("utter_ask_pain_duration", "utter_ask_pain_activities", "utter_ask_pain_score")


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


def events_for(sender: str, start: dt.datetime, said: Sequence[Said]) -> list[dict]:
    """Rasa's event rows for a conversation: session start, then each message with its time."""
    begin = t = start.timestamp()
    out = [_event(sender, "action", t, name="action_session_start")]
    for n, message in enumerate(said):
        if message.speaker == "user":
            # People take a while to type; the first answer comes 20 s after the start.
            t = begin + 20 if n == 1 else t + 14 + 3 * (n % 5)
            intent = {"name": "inform", "confidence": 0.93}
            out.append(_event(sender, "user", t, message.text, parse_data={"intent": intent}))
            out.append(_event(sender, "action", t + 1, name="action_listen"))
            t += 1
        else:
            t += 1
            out.append(_event(sender, "bot", t, message.text, data={"buttons": message.buttons}))
    return out


def conversation_events(
    sender: str, start: dt.datetime, lines: list[str], profile: ClinicProfile | None = None
) -> list[dict]:
    """A short transcript around a patient's `lines`: the greeting, the intake questions between
    the lines, and the booking offer (with its buttons) at the end; all real responses."""
    facts = clinic_values(profile or load_profile(DEFAULT_CLINIC_PROFILE))
    said = [bot("utter_greet", **facts)]
    for n, line in enumerate(lines):
        said.append(user(line))
        if n < len(QUESTIONS):
            said.append(bot(QUESTIONS[n]))
    said.append(bot("utter_offer_booking", appointment_name="Chronic pain assessment", minutes=60))
    return events_for(sender, start, said)


def _intake(p: dict, sender: str, created: dt.datetime) -> Intake:
    flags = red_flags(red_flag_slots(p))
    urgent = bool(flags) or p.get("crisis")
    status = "urgent" if urgent else ("callback" if p.get("callback") else "new")
    return Intake(
        conversation_id=sender, channel="socketio", status=status,
        duration_weeks=p["weeks"], duration_text=p["duration_text"], pain_class=p["cls"],
        pain_stage=p["stage"], locations=p["locations"], activities=p["activities"],
        activities_text=p["activities_line"], pain_score=p["score"], red_flags=flags,
        crisis=bool(p.get("crisis")), callback_requested=bool(p.get("callback")),
        evidence=p["evidence"], raw_answers={"message": [p["opening"]]},
        summary_confirmed=not urgent, patient_name=p["name"], phone=p["phone"], email=p["email"],
        completed_at=created + dt.timedelta(minutes=4),
        reviewed_at=created + dt.timedelta(hours=2) if p.get("reviewed") else None,
        created_at=created, updated_at=created,
    )  # fmt: skip


def seed_demo(
    factory: sessionmaker,
    profile: ClinicProfile,
    clock: Callable[[], dt.datetime],
    calendar_link: Callable[[str], str] | None = None,
) -> list[int]:
    """Add the demo patients once; returns the new intake ids ([] if already seeded).

    `calendar_link(code)` makes the link in booking confirmations (app.bootstrap's signer).
    """
    ensure_tracker_table(factory)
    now = clock()
    with unit_of_work(factory) as session:
        if session.scalar(select(Intake.id).where(Intake.conversation_id.like(f"{PREFIX}%"))):
            return []
    ids: list[int] = []
    for k, patient in enumerate(PATIENTS):
        sender = f"{PREFIX}{k + 1:03d}-{now:%Y%m%d}"
        created = now - dt.timedelta(hours=patient["ago"])
        with unit_of_work(factory) as session:
            intake = _intake(patient, sender, created)
            session.add(intake)
            session.flush()
            ids.append(intake.id)
        booked = _book(factory, profile, clock, k, patient, sender, intake.id)
        code = booked.code if booked else ""
        link = calendar_link(code) if booked and calendar_link else f"{profile.website}/"
        said = conversation(patient, profile, booked, ics_url=link)
        rows = events_for(sender, created - dt.timedelta(minutes=5), said)
        with unit_of_work(factory) as session:
            session.execute(insert(events), rows)
    return ids


def _book(factory, profile, clock, k, patient, sender, intake_id):  # type: ignore[no-untyped-def]
    """Book the patients who booked, spread over the day after the first open one."""
    if not patient.get("book"):
        return None
    slots = scheduling.open_slots(factory, profile, clock, patient["book"])
    if not slots:
        return None
    first_day = min(s.starts_at.astimezone(profile.tz).date() for s in slots)
    day = first_day + dt.timedelta(days=1)
    same_day = [s for s in slots if s.starts_at.astimezone(profile.tz).date() == day] or slots
    slot = same_day[(k * 7 + 3) % len(same_day)]
    details = scheduling.PatientDetails.create(patient["name"], patient["phone"], patient["email"])
    booking_events = reminder_events(profile)  # as the assistant books: with reminders
    booking = scheduling.book(
        factory, profile, clock, slot, details,
        conversation_id=sender, intake_id=intake_id, events=booking_events,
    )  # fmt: skip
    if patient.get("cancel"):
        scheduling.cancel(factory, clock, booking.code, booking.phone, events=booking_events)
    return confirmation_for(booking, profile)
