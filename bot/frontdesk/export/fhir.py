"""FHIR R4: one intake (and its booking) as a `collection` Bundle, as a JSON-ready dict."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from bot.clinic import ClinicProfile
from bot.contact import readable_phone
from bot.intake.models import Intake
from bot.scheduling.records import BookingView

_NS = uuid.UUID("6f1c4a52-3f0e-4a8e-9a55-2d7e5b0c9e41")
CODE_SYSTEM = "https://github.com/pt-intake-assistant/codes"


def _urn(*parts: Any) -> str:
    return f"urn:uuid:{uuid.uuid5(_NS, ':'.join(str(p) for p in parts))}"


def _coding(kind: str, code: str) -> dict:
    return {"system": f"{CODE_SYSTEM}/{kind}", "code": code, "display": code.replace("_", " ")}


def _item(link_id: str, text: str, answers: list[dict]) -> dict | None:
    return {"linkId": link_id, "text": text, "answer": answers} if answers else None


def _questionnaire_items(intake: Intake) -> list[dict]:
    locations = []
    for loc in intake.locations or []:
        answer: dict = {"valueCoding": _coding("body-region", str(loc.get("region")))}
        if loc.get("side"):
            side = {"linkId": "location-side", "text": "Side"}
            side["answer"] = [{"valueCoding": _coding("body-side", str(loc["side"]))}]
            answer["item"] = [side]
        locations.append(answer)
    weeks = intake.duration_weeks
    items = [
        _item("duration-text", "How long has the pain lasted (patient's words)?",
              [{"valueString": intake.duration_text}] if intake.duration_text else []),
        _item("duration-weeks", "Pain duration in weeks",
              [{"valueDecimal": round(weeks, 2)}] if weeks is not None else []),
        _item("pain-class", "Pain class",
              [{"valueCoding": _coding("pain-class", intake.pain_class)}]
              if intake.pain_class else []),
        _item("pain-stage", "Pain stage",
              [{"valueCoding": _coding("pain-stage", intake.pain_stage)}]
              if intake.pain_stage else []),
        _item("locations", "Where is the pain?", locations),
        _item("activities", "What does the pain stop you doing?",
              [{"valueCoding": _coding("activity", a)} for a in intake.activities or []]),
        _item("activities-text", "Activities (patient's words)",
              [{"valueString": intake.activities_text}] if intake.activities_text else []),
        _item("pain-score", "Pain now, 0-10",
              [{"valueInteger": intake.pain_score}] if intake.pain_score is not None else []),
        _item("red-flags", "Red flags",
              [{"valueString": str(flag)} for flag in intake.red_flags or []]),
        _item("crisis", "Crisis language", [{"valueBoolean": bool(intake.crisis)}]),
        _item("callback-requested", "Asked for a call back",
              [{"valueBoolean": bool(intake.callback_requested)}]),
    ]  # fmt: skip
    return [item for item in items if item]


def fhir_bundle(
    intake: Intake, booking: BookingView | None, profile: ClinicProfile, now: dt.datetime
) -> dict:
    """A `collection` Bundle: Patient, QuestionnaireResponse, and Appointment when booked."""
    patient_url = _urn("patient", intake.id)
    patient: dict = {"resourceType": "Patient", "id": f"intake-{intake.id}-patient"}
    if intake.patient_name:
        patient["name"] = [{"text": intake.patient_name}]
    telecom = []
    if intake.phone:
        telecom.append({"system": "phone", "value": readable_phone(intake.phone), "use": "mobile"})
    if intake.email:
        telecom.append({"system": "email", "value": intake.email})
    if telecom:
        patient["telecom"] = telecom
    response = {
        "resourceType": "QuestionnaireResponse",
        "id": f"intake-{intake.id}",
        "identifier": {"system": f"{CODE_SYSTEM}/intake-id", "value": str(intake.id)},
        "status": "completed" if intake.completed_at else "in-progress",
        "subject": {"reference": patient_url},
        "authored": intake.created_at.isoformat(),
        "item": _questionnaire_items(intake),
    }
    entries = [
        {"fullUrl": patient_url, "resource": patient},
        {"fullUrl": _urn("questionnaire-response", intake.id), "resource": response},
    ]
    if booking is not None and booking.is_booked:
        entries.append(
            {
                "fullUrl": _urn("appointment", booking.id),
                "resource": _appointment(booking, patient_url, profile),
            }
        )
    return {
        "resourceType": "Bundle",
        "id": f"intake-{intake.id}-export",
        "type": "collection",
        "timestamp": now.isoformat(),
        "entry": entries,
    }


def _appointment(booking: BookingView, patient_url: str, profile: ClinicProfile) -> dict:
    therapist = profile.therapist(booking.therapist_id)
    type_name = next(
        (t.name for t in profile.appointment_types if t.id == booking.appointment_type_id),
        booking.appointment_type_id,
    )
    return {
        "resourceType": "Appointment",
        "id": f"booking-{booking.id}",
        "identifier": [{"system": f"{CODE_SYSTEM}/booking-code", "value": booking.code}],
        "status": "booked",
        "appointmentType": {"text": type_name},
        "start": booking.starts_at.isoformat(),
        "end": booking.ends_at.isoformat(),
        "minutesDuration": int((booking.ends_at - booking.starts_at).total_seconds() // 60),
        "participant": [
            {"actor": {"reference": patient_url}, "status": "accepted"},
            {
                "actor": {"display": therapist.name if therapist else booking.therapist_id},
                "status": "accepted",
            },
        ],
    }
