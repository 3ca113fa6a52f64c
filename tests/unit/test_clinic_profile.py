"""The clinic profile loads, and a broken one fails with a message that says where."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from bot.clinic import ClinicProfileError, load_profile
from bot.settings import DEFAULT_CLINIC_PROFILE


def _write(tmp_path, change):
    data = yaml.safe_load(DEFAULT_CLINIC_PROFILE.read_text())
    change(data)
    path = tmp_path / "clinic.yml"
    path.write_text(yaml.safe_dump(data))
    return path


def test_the_shipped_profile_is_valid(profile):
    assert profile.timezone == "America/New_York"
    assert profile.appointment_type_for("chronic").minutes == 60
    assert profile.appointment_type_for("acute").minutes == 45
    assert profile.holiday_on(dt.date(2026, 12, 25)) == "Christmas Day"
    assert profile.hours.ranges(dt.date(2026, 11, 29)) == []  # a Sunday


@pytest.mark.parametrize(
    "change,message",
    [
        (lambda d: d.update(timezone="Mars/Olympus"), "unknown time zone"),
        (lambda d: d["hours"].update(mon=["9am-5pm"]), "hours.mon"),
        (lambda d: d["hours"].update(tue=["17:00-09:00"]), "ends before it starts"),
        (lambda d: d["therapists"][0].update(appointment_types=["massage"]), "unknown appointment"),
        (lambda d: d.pop("address"), "address"),
        (lambda d: d.update(surprise=1), "surprise"),
    ],
)
def test_invalid_profiles_say_what_is_wrong(tmp_path, change, message):
    with pytest.raises(ClinicProfileError, match=message):
        load_profile(_write(tmp_path, change))


def test_missing_and_malformed_files(tmp_path):
    with pytest.raises(ClinicProfileError, match="not found"):
        load_profile(tmp_path / "nope.yml")
    bad = tmp_path / "bad.yml"
    bad.write_text("name: [unclosed")
    with pytest.raises(ClinicProfileError, match="not valid YAML"):
        load_profile(bad)


def test_the_referral_answer_comes_from_the_profile(profile, tmp_path):
    answer = profile.referral_answer()
    assert answer.startswith("No, you don't need one to start")
    assert "New York State" in answer and "10 visits or 30 days" in answer
    assert profile.first_visit not in answer

    def stricter(data):
        data["referral"] = {"direct_access": False, "region": "Somestate"}

    strict = load_profile(_write(tmp_path, stricter))
    assert strict.referral_answer().startswith("Yes: in Somestate we need a referral")

    def days_only(data):
        data["referral"].update(max_visits=None, max_days=45, note="")

    assert load_profile(_write(tmp_path, days_only)).referral_answer().endswith(
        "for up to 45 days. After that, we need one from your doctor."
    )

    def silent(data):
        del data["referral"]

    unknown = load_profile(_write(tmp_path, silent)).referral_answer()
    assert "ask the front desk" in unknown and profile.phone in unknown


def test_an_invalid_referral_says_where(tmp_path):
    def bad(data):
        data["referral"]["max_visits"] = 0

    with pytest.raises(ClinicProfileError, match="referral.max_visits"):
        load_profile(_write(tmp_path, bad))
