"""Stores intakes: one row per intake, written as the conversation reaches each checkpoint."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from bot.contact import with_extension
from bot.crisis_check import check_flags
from bot.db import unit_of_work, utcnow
from bot.intake.models import Intake
from bot.other_language import language_flags
from bot.screening import denied_flags, unconfirmed_flags
from bot.triage import red_flags

Clock = Callable[[], dt.datetime]

# Status precedence: an urgent intake never drops back to callback or new.
_RANK = {"new": 0, "reviewed": 0, "callback": 1, "urgent": 2}


@dataclass(frozen=True)
class IntakeUpdate:
    """What a checkpoint of the conversation writes; None leaves a stored value alone."""

    fields: Mapping[str, Any]
    status: str | None = None
    completed: bool = False


def fields_from_slots(slots: Mapping[str, Any]) -> dict[str, Any]:
    """The intake columns that the conversation's slots hold."""
    score = slots.get("pain_score")
    return {
        "duration_weeks": slots.get("duration_weeks"),
        "duration_range": slots.get("duration_range"),
        "duration_text": slots.get("pain_duration") or slots.get("duration_said"),
        "pain_class": slots.get("pain_class"),
        "pain_stage": slots.get("pain_stage"),
        "locations": slots.get("pain_locations") or [],
        "activities": slots.get("pain_activities") or [],
        "activities_text": slots.get("activities_text"),
        "pain_score": int(score) if score is not None else None,
        "red_flags": red_flags(slots) + unconfirmed_flags(slots) + denied_flags(slots)
        + language_flags(slots.get("other_language")) + check_flags(slots),
        "evidence": slots.get("evidence") or {},
        "raw_answers": slots.get("raw_answers") or {},
        "patient_name": slots.get("patient_name"),
        "phone": with_extension(slots.get("phone"), slots.get("phone_extension")),
        # Given for the booking's confirmation, or instead of a number at the contact form.
        "email": slots.get("booking_email") or None,
    }


# The intake's contact columns, which staff can correct (`bot.frontdesk.contact_edit`).
CONTACT_FIELDS = frozenset({"patient_name", "phone", "email"})


def save_intake(
    factory: sessionmaker,
    conversation_id: str,
    update: IntakeUpdate,
    *,
    intake_id: int | None = None,
    channel: str = "rest",
    clock: Clock = utcnow,
) -> int:
    """Create or update the conversation's intake and return its id."""
    with unit_of_work(factory) as session:
        intake = session.get(Intake, intake_id) if intake_id else None
        if intake is None or intake.conversation_id != conversation_id:
            now = clock()
            intake = Intake(
                conversation_id=conversation_id,
                channel=channel,
                status="new",
                locations=[],
                activities=[],
                red_flags=[],
                evidence={},
                raw_answers={},
                crisis=False,
                callback_requested=False,
                summary_confirmed=False,
                created_at=now,
                updated_at=now,
            )
            session.add(intake)
        for name, value in update.fields.items():
            if name in CONTACT_FIELDS and intake.contact_corrected_at is not None:
                continue  # staff corrected them: the chat's earlier answer never wins
            if value is not None or name in ("pain_class", "pain_stage", "duration_weeks"):
                setattr(intake, name, value)
        if update.status and _RANK[update.status] >= _RANK.get(intake.status, 0):
            intake.status = update.status
        if update.fields.get("crisis"):
            intake.status = "urgent"
        if update.completed and intake.completed_at is None:
            intake.completed_at = clock()
        intake.updated_at = clock()
        session.flush()
        return int(intake.id)


# What a patient's "start over" clears: the answers about the pain, never a staff flag (status,
# crisis, red flags) nor how to reach them.
_ANSWERS: dict[str, Callable[[], Any]] = {
    "duration_weeks": lambda: None,
    "duration_range": lambda: None,
    "duration_text": lambda: None,
    "pain_class": lambda: None,
    "pain_stage": lambda: None,
    "locations": list,
    "activities": list,
    "activities_text": lambda: None,
    "pain_score": lambda: None,
    "raw_answers": dict,
    "summary_confirmed": lambda: False,
}


def restart_flagged_intake(
    factory: sessionmaker, conversation_id: str, intake_id: int | None, clock: Clock = utcnow
) -> int | None:
    """Clear the answers of the conversation's intake `intake_id` when it carries a staff flag
    (urgent, crisis or a red flag) and was not completed; return its id, else None.

    A patient who starts over after crisis words or a warning sign goes on in the same intake,
    so staff see the flag with the phone number given afterwards (a restart left one intake
    with the flag and no number, another with the number and no flag: newcomer pass I).
    """
    if not intake_id:
        return None
    with unit_of_work(factory) as session:
        intake = session.get(Intake, intake_id)
        if intake is None or intake.conversation_id != conversation_id:
            return None
        flagged = intake.status == "urgent" or intake.crisis or bool(intake.red_flags)
        if not flagged or intake.completed_at is not None:
            return None
        for name, empty in _ANSWERS.items():
            setattr(intake, name, empty())
        intake.updated_at = clock()
        return int(intake.id)


def get_intake(factory: sessionmaker, intake_id: int) -> Intake | None:
    with unit_of_work(factory) as session:
        return session.get(Intake, intake_id)


def intakes_for_conversation(factory: sessionmaker, conversation_id: str) -> list[Intake]:
    with unit_of_work(factory) as session:
        rows = session.execute(
            select(Intake).where(Intake.conversation_id == conversation_id).order_by(Intake.id)
        )
        return list(rows.scalars())
