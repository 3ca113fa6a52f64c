"""`python -m bot extract`: the spec's JSON-lines contract, run as a real process."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfoNotFoundError

import pytest

from bot.clinic import ClinicProfileError
from bot.nlp import extract
from bot.nlp.cli import clinic_timezone, extract_stream
from bot.nlp.pipeline import today_in
from bot.settings import Settings

ROOT = Path(__file__).resolve().parents[3]


def run_cli(
    stdin: str, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONWARNINGS": "ignore", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "bot", "extract", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )


def test_lines_in_lines_out_in_order_with_bad_lines_reported():
    lines = [
        json.dumps({"id": 1, "text": "lower back, for about 4 months", "today": "2026-11-24"}),
        "{not json",
        json.dumps(
            {
                "id": "b",
                "text": "since Labor Day I can't sit",
                "today": "2026-11-24",
                "extra": "ignored",
            }
        ),
        json.dumps({"id": 3, "text": 42}),
        json.dumps({"id": 4, "text": "my knee", "today": "24/11/2026"}),
        json.dumps([1, 2]),
        json.dumps({"id": 5, "text": "both knees for 2 weeks", "today": "2026-11-24"}),
    ]
    proc = run_cli("\n".join(lines) + "\n")
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(out) == len(lines)
    assert out[0] == {
        "id": 1,
        **extract("lower back, for about 4 months", date(2026, 11, 24)).to_dict(),
    }
    assert out[0]["duration_weeks"] == 17.4
    assert out[0]["pain_class"] == "chronic"
    assert out[0]["locations"] == [{"region": "lower_back", "side": None}]
    assert out[0]["evidence"]["duration"] == "for about 4 months"
    assert set(out[1]) == {"error"}
    assert out[2]["id"] == "b"
    assert (out[2]["duration_weeks"], out[2]["pain_stage"]) == (11.1, "subacute")
    assert out[2]["activities"] == ["sitting"]
    assert out[3]["id"] == 3 and "error" in out[3]
    assert out[4]["id"] == 4 and "today" in out[4]["error"]
    assert set(out[5]) == {"error"}
    assert out[6]["id"] == 5 and out[6]["locations"] == [{"region": "knee", "side": "both"}]


def test_today_defaults_to_the_clinic_date():
    before = today_in("America/New_York")
    lines = [{"id": "y", "text": "since yesterday"}, {"id": "ny", "text": "since 1/1"}]
    proc = run_cli("".join(json.dumps(line) + "\n" for line in lines))
    after = today_in("America/New_York")
    assert proc.returncode == 0, proc.stderr
    yesterday, new_year = (json.loads(line) for line in proc.stdout.splitlines())
    assert yesterday["duration_weeks"] == 0.1
    # "since 1/1" counts from New Year in the clinic's zone, whichever day the test runs.
    expected = {round((d - date(d.year, 1, 1)).days / 7, 1) for d in (before, after)}
    assert new_year["duration_weeks"] in expected


def test_empty_input_gives_empty_output():
    proc = run_cli("")
    assert proc.returncode == 0 and proc.stdout == ""


def test_help_lists_extract():
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 0 and "extract" in proc.stdout


def test_stream_in_process_keeps_order_across_chunks(monkeypatch):
    monkeypatch.setattr("bot.nlp.cli.CHUNK", 3)
    texts = [f"for {n} weeks" if n % 4 else "oops" for n in range(1, 11)]
    source = io.StringIO(
        "\n".join(
            json.dumps({"id": n, "text": t}) if t != "oops" else t for n, t in enumerate(texts, 1)
        )
        + "\n"
    )
    sink = io.StringIO()
    assert extract_stream(source, sink, date(2026, 11, 24)) == 10
    out = [json.loads(line) for line in sink.getvalue().splitlines()]
    for n, record in enumerate(out, 1):
        if n % 4:
            assert (record["id"], record["duration_weeks"]) == (n, float(n))
        else:
            assert "error" in record


def profile_in(tmp_path: Path, zone: str) -> Path:
    """A copy of the clinic profile whose time zone is `zone`."""
    path = tmp_path / "clinic.yml"
    text = (ROOT / "config" / "clinic.yml").read_text()
    path.write_text(text.replace("timezone: America/New_York", f"timezone: {zone}"))
    return path


def weeks_since_new_year(zone: str) -> float:
    return extract("since 1/1", today_in(zone)).duration_weeks


def test_default_today_is_in_the_clinic_profiles_zone_not_clinic_tz(tmp_path):
    # UTC+14 and UTC-11: their dates always differ, so the answer shows which zone was used.
    here, there = "Pacific/Kiritimati", "Pacific/Pago_Pago"
    line = json.dumps({"id": 1, "text": "since 1/1"}) + "\n"
    env = {"CLINIC_PROFILE": str(profile_in(tmp_path, here)), "CLINIC_TZ": there}
    before = weeks_since_new_year(here)
    proc = run_cli(line, env=env)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["duration_weeks"] in {before, weeks_since_new_year(here)}

    before = weeks_since_new_year(there)
    proc = run_cli(line, "--tz", there, env=env)  # --tz beats the profile
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["duration_weeks"] in {before, weeks_since_new_year(there)}


def test_clinic_timezone_is_explicit_else_the_profiles(tmp_path):
    settings = Settings(clinic_profile=profile_in(tmp_path, "Europe/Berlin"))
    assert clinic_timezone(None, settings) == "Europe/Berlin"
    assert clinic_timezone("Asia/Tokyo", settings) == "Asia/Tokyo"
    with pytest.raises(ZoneInfoNotFoundError):
        clinic_timezone("Mars/Olympus_Mons", settings)
    with pytest.raises(ClinicProfileError, match="not found"):
        clinic_timezone(None, Settings(clinic_profile=tmp_path / "missing.yml"))


def test_a_missing_profile_stops_the_command_unless_tz_is_given(tmp_path):
    line = json.dumps({"id": 1, "text": "my knee", "today": "2026-11-24"}) + "\n"
    env = {"CLINIC_PROFILE": str(tmp_path / "missing.yml")}
    proc = run_cli(line, env=env)
    assert proc.returncode == 2 and proc.stdout == ""
    assert "clinic profile not found" in proc.stderr and "--tz" in proc.stderr
    proc = run_cli(line, "--tz", "America/Chicago", env=env)
    assert proc.returncode == 0 and json.loads(proc.stdout)["id"] == 1
    proc = run_cli(line, "--tz", "Mars/Olympus_Mons")
    assert proc.returncode == 2 and "unknown time zone" in proc.stderr
