"""`bot intakes export --format csv` and the console share one CSV writer, guarded against
spreadsheet formulas in anything a patient typed."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.db import make_engine, make_session_factory
from bot.frontdesk.export.spreadsheet import FORMULA_STARTS, safe_cell
from bot.intake.service import IntakeUpdate, save_intake

BOT = str(Path(sys.executable).with_name("bot"))
HYPERLINK = '=HYPERLINK("http://example.invalid/?x","walking")'


def test_cli_csv_never_starts_a_cell_with_a_formula(tmp_path):
    url = f"sqlite:///{tmp_path / 'export.db'}"
    env = {**os.environ, "DATABASE_URL": url, "VAR_DIR": str(tmp_path / "var")}
    run = {"env": env, "capture_output": True, "text": True, "timeout": 120}
    assert subprocess.run([BOT, "db", "upgrade"], **run).returncode == 0
    factory = make_session_factory(make_engine(url))
    save_intake(
        factory,
        "c-formula",
        IntakeUpdate({"activities_text": HYPERLINK, "patient_name": "@SUM(1+1)",
                      "phone": "+17185550134", "activities": ["walking"]}),
    )  # fmt: skip
    out = subprocess.run([BOT, "intakes", "export", "--format", "csv"], **run)
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert len(rows) == 1
    assert rows[0]["activities_text"] == "'" + HYPERLINK  # shown as text, not run
    assert rows[0]["patient_name"] == "'@SUM(1+1)"
    assert rows[0]["phone"] == "+17185550134"  # E.164 stays as it is
    for row in rows:
        for column, cell in row.items():
            if column != "phone":
                assert not cell.startswith(FORMULA_STARTS), (column, cell)


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@A1", "\tx", "\rx", "+1 718 555"])
def test_formula_starts_get_an_apostrophe(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["walking", "+17185550134", None, 6, "a=b"])
def test_other_cells_are_left_alone(value):
    assert safe_cell(value) == ("" if value is None else str(value))
