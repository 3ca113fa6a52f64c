"""The console API's JSON: an intake, a booking and a booking's text messages as dicts."""

from __future__ import annotations

import datetime as dt

from bot.frontdesk.bookings import BookingTexts
from bot.frontdesk.callback import advice_level
from bot.frontdesk.evidence import link_evidence
from bot.frontdesk.queries import IntakeDetail
from bot.frontdesk.transcripts import TranscriptMessage
from bot.intake.models import Intake
from bot.scheduling.records import BookingView


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def intake_json(intake: Intake, status: str) -> dict:
    """The intake with its queue status (`status` is the stored one, `queue_status` the pin),
    whether it needs a call back (`bot.frontdesk.callback`: `queue_status` urgent or callback)
    and the advice level the patient got (a key of `callback.ADVICE_LABELS`, or None)."""
    return {
        "id": intake.id,
        "conversation_id": intake.conversation_id,
        "status": intake.status,
        "queue_status": status,
        "created_at": _iso(intake.created_at),
        "patient_name": intake.patient_name,
        "phone": intake.phone,
        "email": intake.email,
        "duration_weeks": intake.duration_weeks,
        "duration_text": intake.duration_text,
        "pain_class": intake.pain_class,
        "pain_stage": intake.pain_stage,
        "locations": intake.locations or [],
        "activities": intake.activities or [],
        "pain_score": intake.pain_score,
        "red_flags": intake.red_flags or [],
        "crisis": bool(intake.crisis),
        "callback_requested": bool(intake.callback_requested),
        "reviewed_at": _iso(intake.reviewed_at),
        "needs_call_back": status in ("urgent", "callback"),
        "advice_level": advice_level(intake.red_flags, bool(intake.crisis)),
    }


def intake_detail_json(detail: IntakeDetail, turns: list[TranscriptMessage]) -> dict:
    """One intake with its evidence, booking, staff notes and transcript."""
    body = intake_json(detail.intake, detail.status)
    body["evidence"] = detail.intake.evidence or {}
    body["booking"] = booking_json(detail.booking) if detail.booking else None
    body["calls"] = [
        {"outcome": call.outcome, "note": call.note, "by": name, "at": _iso(call.at)}
        for call, name in detail.calls
    ]
    body["notes"] = [
        {"author": name, "body": note.body, "created_at": _iso(note.created_at)}
        for note, name in detail.notes
    ]
    body["transcript"] = [
        {
            "index": t.index,
            "message_id": t.message_id,
            "speaker": t.speaker,
            "at": _iso(t.at),
            "text": t.text,
            "payload": t.payload,
            "buttons": t.buttons,
        }
        for t in turns
    ]
    # Each evidence span with the transcript message it came from (`index`, `message_id`).
    body["evidence_links"] = [
        {"kind": x.kind, "text": x.text, "index": x.index, "message_id": x.message_id}
        for x in link_evidence(detail.intake.evidence, turns)
    ]
    return body


def texts_json(texts: BookingTexts) -> dict:
    return {
        "sms_opted_out": texts.opt_out.opted_out,
        "sms_opt_out_changed_at": _iso(texts.opt_out.changed_at),
        "confirmed_at": _iso(texts.confirmed_at),
        "reminders": [
            {
                "offset_minutes": r.offset_minutes,
                "status": r.status,
                "send_at": _iso(r.send_at),
                "sent_at": _iso(r.sent_at),
                "attempts": r.attempts,
                "error_code": r.error_code,
                "error_message": r.error_message,
                "cancelled_at": _iso(r.cancelled_at),
                "cancel_reason": r.cancel_reason,
            }
            for r in texts.reminders
        ],
    }


def booking_json(view: BookingView, texts: BookingTexts | None = None) -> dict:
    """The booking as the API shows it; with `texts`, also its reminders and opt-out state."""
    extra = {"texts": texts_json(texts)} if texts is not None else {}
    return {
        "id": view.id,
        "code": view.code,
        "therapist_id": view.therapist_id,
        "appointment_type_id": view.appointment_type_id,
        "starts_at": view.starts_at.isoformat(),
        "ends_at": view.ends_at.isoformat(),
        "status": view.status,
        "intake_id": view.intake_id,
        "patient_name": view.patient_name,
        "phone": view.phone,
        "email": view.email,
        "rescheduled_from": view.rescheduled_from,
        **extra,
    }
