"""A fixed clinic profile for the pure scheduling tests (independent of config/clinic.yml)."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from bot.clinic import ClinicProfile

UTC = dt.timezone.utc

BASE = {
    "name": "Test Street Physical Therapy",
    "short_name": "Test Street PT",
    "address": "1 Test Street, Brooklyn, NY 11201",
    "phone": "+1 718 555 0142",
    "website": "https://teststreetpt.example",
    "timezone": "America/New_York",
    "hours": {
        "mon": ["07:00-19:00"], "tue": ["07:00-19:00"], "wed": ["07:00-19:00"],
        "thu": ["07:00-19:00"], "fri": ["07:00-17:00"], "sat": ["08:00-13:00"],
    },
    "holidays": [{"date": "2026-12-25", "name": "Christmas Day"}],
    "closures": [{"start": "2026-12-28", "end": "2026-12-30", "reason": "Renovation"}],
    "insurance": "In network with most plans.",
    "cost": "$160.",
    "first_visit": "A one-to-one assessment.",
    "what_to_bring": "Photo ID and your insurance card.",
    "therapists": [
        {"id": "dana", "name": "Dana Whitfield, DPT",
         "appointment_types": ["chronic_assessment", "acute_assessment"],
         "hours": {"mon": ["08:00-16:00"], "tue": ["08:00-16:00"], "wed": ["11:00-19:00"],
                   "thu": ["11:00-19:00"], "fri": ["08:00-14:00"]}},
        {"id": "marcus", "name": "Marcus Obi, DPT", "appointment_types": ["chronic_assessment"],
         "hours": {"mon": ["11:00-20:00"], "tue": ["11:00-19:00"], "thu": ["06:00-15:00"],
                   "sat": ["08:00-13:00"]}},
        {"id": "priya", "name": "Priya Raman, PT", "appointment_types": ["acute_assessment"],
         "hours": {"mon": ["07:00-15:00"], "wed": ["07:00-15:00"]}},
    ],
    "appointment_types": [
        {"id": "chronic_assessment", "name": "Chronic pain assessment", "minutes": 60,
         "for_pain_class": "chronic"},
        {"id": "acute_assessment", "name": "Injury assessment", "minutes": 45,
         "for_pain_class": "acute"},
    ],
    "booking": {"horizon_days": 21, "min_notice_minutes": 120, "buffer_minutes": 15,
                "hold_minutes": 10, "slot_step_minutes": 15},
}  # fmt: skip


def make_profile(**changes) -> ClinicProfile:
    data = copy.deepcopy(BASE)
    data.update(changes)
    return ClinicProfile.parse_obj(data)


@pytest.fixture
def profile() -> ClinicProfile:
    return make_profile()


@pytest.fixture
def make():
    return make_profile
