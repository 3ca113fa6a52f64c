"""`rasa data validate` and `rasa test` (the conversation stories) as part of the suite."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.e2e.harness import ROOT

RASA = str(Path(sys.executable).with_name("rasa"))
ENV = {**os.environ, "RASA_TELEMETRY_ENABLED": "false"}


def test_rasa_data_validate_is_clean():
    result = subprocess.run(
        [RASA, "data", "validate"], cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=300
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    assert "No story structure conflicts found" in output
    for problem in ("duplicate", "contradict", "is not listed in the domain", "ERROR"):
        assert problem not in output, [line for line in output.splitlines() if problem in line]


def test_conversation_stories_pass_with_fail_on_prediction_errors(trained_model, tmp_path):
    result = subprocess.run(
        [
            RASA,
            "test",
            "core",
            "--model",
            str(trained_model),
            "--stories",
            "tests/test_conversations.yml",
            "--fail-on-prediction-errors",
            "--out",
            str(tmp_path / "results"),
            "--no-plot",
        ],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=900,
    )
    failed = tmp_path / "results" / "failed_test_stories.yml"
    detail = failed.read_text() if failed.exists() else ""
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:] + detail[-6000:]
    assert (
        "none of the test stories failed" in detail.lower()
        or not detail.strip()
        or "stories:" not in detail
    ), detail[-6000:]
