"""The `bot` command: migrate a database named by DATABASE_URL and export its intakes."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

from bot.db import make_engine, make_session_factory
from bot.intake.service import IntakeUpdate, save_intake

BOT = [str(Path(sys.executable).with_name("bot"))]


def _bot(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*BOT, *args], env={**os.environ, **env}, capture_output=True, text=True, timeout=120
    )


def test_db_upgrade_then_export_jsonl_and_csv(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    env = {"DATABASE_URL": url}
    assert _bot("db", "upgrade", env=env).returncode == 0
    factory = make_session_factory(make_engine(url))
    save_intake(
        factory,
        "c-1",
        IntakeUpdate(
            {
                "pain_class": "chronic",
                "duration_weeks": 17.4,
                "locations": [{"region": "knee", "side": "right"}],
            }
        ),
    )
    save_intake(factory, "c-2", IntakeUpdate({"pain_class": "acute"}, status="urgent"))
    out = _bot("intakes", "export", "--format", "jsonl", env=env)
    assert out.returncode == 0, out.stderr
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["conversation_id"] for r in records] == ["c-1", "c-2"]
    assert records[0]["locations"] == [{"region": "knee", "side": "right"}]
    assert records[1]["status"] == "urgent"
    rows = list(
        csv.DictReader(io.StringIO(_bot("intakes", "export", "--format", "csv", env=env).stdout))
    )
    assert [r["pain_class"] for r in rows] == ["chronic", "acute"]
    future = _bot("intakes", "export", "--since", "2999-01-01", env=env)
    assert future.returncode == 0 and future.stdout == ""


def test_bad_arguments_fail_clearly(tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}"}
    bad = _bot("intakes", "export", "--since", "yesterday", env=env)
    assert bad.returncode == 2 and "not a date" in bad.stderr


def test_clinic_check_accepts_the_shipped_profile_and_names_a_broken_field(tmp_path):
    ok = _bot("clinic", "check", env={})
    assert ok.returncode == 0 and "America/New_York" in ok.stdout
    broken = tmp_path / "clinic.yml"
    broken.write_text("name: X\naddress: Y\n")
    bad = _bot("clinic", "check", str(broken), env={})
    assert bad.returncode == 1 and "phone" in bad.stderr and "hours" in bad.stderr
