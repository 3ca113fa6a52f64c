"""What several benchmarks share: the trained model and a section of benchmarks/RESULTS.md."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from bot.settings import ROOT

RESULTS = ROOT / "benchmarks" / "RESULTS.md"


def model() -> Path:
    """The trained model for the current data and config, trained first if missing
    (scripts/ensure_model.py)."""
    spec = importlib.util.spec_from_file_location("ensure_model", ROOT / "scripts/ensure_model.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.ensure_model()


def replace_section(heading: str, body: str, path: Path = RESULTS) -> None:
    """Put `heading` (a "## ..." line) and `body` in `path` in place of that section, up to the
    next "## " heading; appended when the section is new. The other sections stay as they are."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    section = f"{heading}\n\n{body.strip()}\n"
    head, found, rest = text.partition(heading + "\n")
    if not found:
        path.write_text(text.rstrip("\n") + "\n\n" + section, encoding="utf-8")
        return
    after = rest.split("\n## ", 1)
    tail = "\n## " + after[1] if len(after) > 1 else ""
    path.write_text(head + section + tail, encoding="utf-8")
