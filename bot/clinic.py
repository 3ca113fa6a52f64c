"""The clinic profile: a validated YAML file holding every fact and booking rule of one clinic."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Dict, List
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import BaseModel, Field, ValidationError, root_validator, validator

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_RANGE = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$")


class ClinicProfileError(ValueError):
    """The clinic profile is missing or invalid; the message says where and why."""


def _parse_ranges(value: List[str]) -> List[tuple[dt.time, dt.time]]:
    out = []
    for text in value:
        match = _RANGE.match(text.strip())
        if not match:
            raise ValueError(f"{text!r} is not a time range like '09:00-17:00'")
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        start = dt.time(h1, m1)
        end = dt.time(23, 59, 59) if h2 == 24 else dt.time(h2, m2)
        if end <= start:
            raise ValueError(f"{text!r} ends before it starts")
        out.append((start, end))
    return sorted(out)


class WeeklyHours(BaseModel):
    """Opening ranges per weekday, e.g. mon: ["08:00-12:00", "13:00-17:00"]."""

    mon: List[str] = []
    tue: List[str] = []
    wed: List[str] = []
    thu: List[str] = []
    fri: List[str] = []
    sat: List[str] = []
    sun: List[str] = []

    class Config:
        extra = "forbid"

    @validator("*")
    def _check(cls, value: List[str]) -> List[str]:  # noqa: N805
        _parse_ranges(value)
        return value

    def ranges(self, day: dt.date) -> List[tuple[dt.time, dt.time]]:
        return _parse_ranges(getattr(self, WEEKDAYS[day.weekday()]))

    def describe(self) -> str:
        parts = []
        for name in WEEKDAYS:
            ranges = getattr(self, name)
            label = name.capitalize()
            parts.append(f"{label} {', '.join(ranges)}" if ranges else f"{label} closed")
        return "; ".join(parts)


class Holiday(BaseModel):
    date: dt.date
    name: str = "Closed"


class Closure(BaseModel):
    start: dt.date
    end: dt.date
    reason: str = "Closed"

    @root_validator(skip_on_failure=True)
    def _order(cls, values: dict) -> dict:  # noqa: N805
        if values["end"] < values["start"]:
            raise ValueError("a closure's end is before its start")
        return values


class Therapist(BaseModel):
    id: str = Field(regex=r"^[a-z0-9_-]+$")
    name: str
    appointment_types: List[str]
    hours: WeeklyHours

    @property
    def first_name(self) -> str:
        return self.name.split()[0]


class AppointmentType(BaseModel):
    id: str = Field(regex=r"^[a-z0-9_-]+$")
    name: str
    minutes: int = Field(gt=0, le=480)
    for_pain_class: str | None = Field(None, regex=r"^(chronic|acute)$")


class BookingRules(BaseModel):
    horizon_days: int = Field(21, ge=1, le=365)
    min_notice_minutes: int = Field(120, ge=0)
    buffer_minutes: int = Field(15, ge=0, le=240)
    hold_minutes: int = Field(10, ge=1, le=120)
    slot_step_minutes: int = Field(15, ge=5, le=120)


class ReminderRules(BaseModel):
    offsets_hours: List[float] = [48, 2]
    quiet_start: str = Field("21:00", regex=r"^([01]\d|2[0-3]):[0-5]\d$")
    quiet_end: str = Field("08:00", regex=r"^([01]\d|2[0-3]):[0-5]\d$")


class Referral(BaseModel):
    """Whether a patient needs a doctor's referral, as the clinic's state and the clinic allow.

    `direct_access` true: patients may start without one, for up to `max_visits` visits or
    `max_days` days (the state's direct-access limits; None: no limit of that kind). `note` is
    said after, e.g. which insurers still ask for a referral. Source: the state's practice act.
    """

    direct_access: bool
    region: str = Field(min_length=2)
    max_visits: int | None = Field(None, ge=1)
    max_days: int | None = Field(None, ge=1)
    note: str = ""

    class Config:
        extra = "forbid"

    def describe(self) -> str:
        """One or two plain sentences for patients, e.g. "No, you don't need one to start: ..."."""
        if not self.direct_access:
            text = (
                f"Yes: in {self.region} we need a referral (a prescription for physical therapy)"
                " from your doctor before your first visit."
            )
        else:
            limits = [
                f"{n} {unit}"
                for n, unit in ((self.max_visits, "visits"), (self.max_days, "days"))
                if n is not None
            ]
            text = f"No, you don't need one to start: {self.region} allows direct access"
            if limits:
                text += (
                    f", so you can see a physical therapist without a referral for up to"
                    f" {' or '.join(limits)}{', whichever comes first' if len(limits) > 1 else ''}."
                    " After that, we need one from your doctor."
                )
            else:
                text += ", so you can see a physical therapist without a referral."
        return f"{text} {self.note}".strip()


class ClinicProfile(BaseModel):
    """One clinic's facts and rules. Everything the assistant says about the clinic comes here."""

    name: str
    short_name: str | None = None
    address: str
    phone: str
    email: str | None = None
    website: str | None = None
    timezone: str = "America/New_York"
    hours: WeeklyHours
    holidays: List[Holiday] = []
    closures: List[Closure] = []
    services: List[str] = []
    insurance: str
    cost: str
    first_visit: str
    # None: the profile does not say, so the assistant sends the patient to the front desk.
    referral: Referral | None = None
    what_to_bring: str = "Photo ID and your insurance card."
    callback_window: str = "within one business day"
    # The promise to a patient given urgent advice or crisis lines; the console's urgent alert
    # quotes it to staff, so the two always agree.
    urgent_callback_window: str = "today, or first thing on the next business day if we're closed"
    therapists: List[Therapist] = []
    appointment_types: List[AppointmentType] = []
    booking: BookingRules = BookingRules()
    reminders: ReminderRules = ReminderRules()

    class Config:
        extra = "forbid"

    @validator("timezone")
    def _zone(cls, value: str) -> str:  # noqa: N805
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as err:
            raise ValueError(f"unknown time zone {value!r}") from err
        return value

    @root_validator(skip_on_failure=True)
    def _references(cls, values: dict) -> dict:  # noqa: N805
        type_ids = {t.id for t in values.get("appointment_types", [])}
        for therapist in values.get("therapists", []):
            unknown = set(therapist.appointment_types) - type_ids
            if unknown:
                raise ValueError(
                    f"therapist {therapist.id!r} names unknown appointment types {sorted(unknown)}"
                )
        ids = [t.id for t in values.get("therapists", [])]
        if len(ids) != len(set(ids)):
            raise ValueError("therapist ids must be unique")
        return values

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def holiday_on(self, day: dt.date) -> str | None:
        for holiday in self.holidays:
            if holiday.date == day:
                return holiday.name
        for closure in self.closures:
            if closure.start <= day <= closure.end:
                return closure.reason
        return None

    def appointment_type_for(self, pain_class: str | None) -> AppointmentType | None:
        for appointment_type in self.appointment_types:
            if appointment_type.for_pain_class == pain_class:
                return appointment_type
        return None

    def therapist(self, therapist_id: str) -> Therapist | None:
        return next((t for t in self.therapists if t.id == therapist_id), None)

    def referral_answer(self) -> str:
        """The answer to "do I need a referral?", from `referral` or the front desk's number."""
        if self.referral is None:
            return f"Please ask the front desk whether you need a referral: call {self.phone}."
        return self.referral.describe()

    def today(self, now: dt.datetime | None = None) -> dt.date:
        now = now or dt.datetime.now(dt.timezone.utc)
        return now.astimezone(self.tz).date()


def load_profile(path: Path | str) -> ClinicProfile:
    """Read and validate a profile; every problem is reported with its place in the file."""
    path = Path(path)
    try:
        raw: Dict = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError as err:
        raise ClinicProfileError(f"clinic profile not found: {path}") from err
    except yaml.YAMLError as err:
        raise ClinicProfileError(f"clinic profile {path} is not valid YAML: {err}") from err
    if not isinstance(raw, dict):
        raise ClinicProfileError(f"clinic profile {path} must be a mapping of fields")
    try:
        return ClinicProfile.parse_obj(raw)
    except ValidationError as err:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in err.errors()
        )
        raise ClinicProfileError(f"clinic profile {path} is invalid: {problems}") from err
