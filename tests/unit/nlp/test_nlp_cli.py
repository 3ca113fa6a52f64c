"""`python -m bot extract`: the spec's JSON-lines contract, run as a real process."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from bot.nlp import extract
from bot.nlp.cli import extract_stream
from bot.nlp.pipeline import today_in

ROOT = Path(__file__).resolve().parents[3]


def run_cli(stdin: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONWARNINGS": "ignore"}
    env.pop("CLINIC_TZ", None)
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
