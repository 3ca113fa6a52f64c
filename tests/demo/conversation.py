"""A demo patient's conversation, turn by turn, in the assistant's real words (domain.yml)."""

from __future__ import annotations

from typing import Any

from bot.clinic import ClinicProfile
from bot.intake.summary import summarize
from bot.scheduling.confirmation import Confirmation
from bot.screening import regional_questions
from bot.triage import RED_FLAG_SLOTS, red_flag_outcome
from tests.demo.responses import Said, bot, clinic_values, user

EXPLAIN = {"chronic": "utter_explain_chronic", "acute": "utter_explain_acute"}


def red_flag_slots(patient: dict[str, Any]) -> dict[str, bool]:
    """The red-flag slots as the form fills them: True for each "Yes", False for each "No"."""
    return {slot: slot in patient.get("flags", set()) for slot in RED_FLAG_SLOTS}


def _contact(patient: dict[str, Any]) -> list[Said]:
    return [
        bot("utter_ask_patient_name"),
        user(patient["name"]),
        bot("utter_ask_phone"),
        user(patient["phone_line"]),
    ]


def _screen(patient: dict[str, Any]) -> list[Said]:
    """The safety questions that fit the patient's body parts (bot.screening), in the form's
    order, stopping at the first "Yes" as the form does."""
    flags = red_flag_slots(patient)
    out = [bot("utter_redflag_intro")]
    for slot in regional_questions(patient.get("locations")):
        out += [bot(f"utter_ask_{slot}"), user("Yes" if flags.get(slot) else "No")]
        if flags.get(slot):
            break
    return out


def _booking(
    patient: dict[str, Any],
    profile: ClinicProfile,
    facts: dict,
    booked: Confirmation | None,
    ics_url: str,
) -> list[Said]:
    if booked is None:
        type_id = "chronic_assessment" if patient["cls"] == "chronic" else "acute_assessment"
        kind = next(t for t in profile.appointment_types if t.id == type_id)
        return [
            bot("utter_offer_booking", appointment_name=kind.name, minutes=kind.minutes),
            user("Not now"),
            bot("utter_booking_declined", **facts),
        ]
    kind = next(t for t in profile.appointment_types if t.id == patient["book"])
    return [
        bot("utter_offer_booking", appointment_name=kind.name, minutes=kind.minutes),
        user("Yes, book it"),
        bot("utter_ask_booking_preference"),
        user("As soon as possible"),
        bot(
            "utter_booking_confirmed",
            date=booked.date, time=booked.time, therapist=booked.therapist,
            address=booked.address, what_to_bring=booked.what_to_bring, code=booked.code,
            ics_url=ics_url,
        ),  # fmt: skip
    ]


def conversation(
    patient: dict[str, Any],
    profile: ClinicProfile,
    booked: Confirmation | None = None,
    ics_url: str = "",
) -> list[Said]:
    """Greeting, the intake questions, the safety screen, then the outcome the patient had."""
    facts = clinic_values(profile)
    out = [bot("utter_greet", **facts), user(patient["opening"])]
    if patient.get("duration_line"):
        out += [bot("utter_ask_pain_duration"), user(patient["duration_line"])]
    out += [bot("utter_ask_pain_activities"), user(patient["activities_line"])]
    out += [bot("utter_ask_pain_score"), user(patient["score_line"])]
    named = {**facts, "patient_name": patient["name"]}
    if patient.get("crisis"):
        return out + [bot("utter_crisis"), bot("utter_crisis_options"), *_contact(patient),
                      bot("utter_urgent_contact_saved", **named)]  # fmt: skip
    out += _screen(patient)
    outcome = red_flag_outcome(red_flag_slots(patient))
    if outcome == "emergency":
        return out + [bot("utter_redflag_emergency"), *_contact(patient),
                      bot("utter_urgent_contact_saved", **named)]  # fmt: skip
    if outcome == "doctor":
        return out + [bot("utter_redflag_doctor", **facts), *_contact(patient)]
    slots = {
        "pain_locations": patient["locations"], "pain_activities": patient["activities"],
        "activities_text": patient["activities_line"], "pain_score": patient["score"],
        "duration_weeks": patient["weeks"], "pain_class": patient["cls"],
        "pain_duration": patient["duration_text"],
    }  # fmt: skip
    out += [bot("utter_summary", summary=summarize(slots)), user("Yes, that's right")]
    explain = EXPLAIN.get(patient["cls"] or "", "utter_explain_unknown")
    out.append(bot(explain, **{k: v for k, v in facts.items() if k == "chronic_weeks"}))
    out += _contact(patient)
    if patient.get("callback"):
        return out + [user("Can someone call me before I book?"),
                      bot("utter_callback_confirmed", **named)]  # fmt: skip
    return out + _booking(patient, profile, facts, booked, ics_url)
