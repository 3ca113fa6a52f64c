"""`Settings` is the only reader of the environment, and `.env.example` lists what it reads.

Every list here is derived (from `Settings` itself, from the files on disk); none is typed in.
"""

from __future__ import annotations

import ast
import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.settings import ROOT, Settings

ENV_EXAMPLE = ROOT / ".env.example"
SETTINGS_FILE = ROOT / "bot" / "settings.py"
# The product's Python packages; scripts/, tests/ and benchmarks/ are tools around it.
SCANNED_PACKAGES = ("bot", "app", "actions", "components", "channels", "web")
# Files that hand variables to processes other than Python: `${VAR}` / `$VAR` in them.
NON_PYTHON_CONSUMERS = ("Makefile", "scripts/*.sh", "scripts/run.d/*.sh", "*.yml", "config/*.yml")
# A value of each field type that differs from every default, to see which field a variable sets.
PROBES = {"int": "4321", "float": "12.5", "bool": "true"}


class RecordingEnviron(dict):
    """An empty environment that remembers every variable asked for."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: set[str] = set()

    def get(self, key: str, default: Any = None) -> Any:
        self.asked.add(key)
        return super().get(key, default)

    def __getitem__(self, key: str) -> Any:
        self.asked.add(key)
        return super().__getitem__(key)

    def __contains__(self, key: object) -> bool:
        self.asked.add(str(key))
        return super().__contains__(key)


def variables_settings_reads() -> set[str]:
    env = RecordingEnviron()
    Settings.from_env(env)
    return env.asked


def env_example() -> dict[str, str]:
    """`NAME=value` lines of .env.example (comments and blank lines skipped)."""
    found = {}
    for number, line in enumerate(ENV_EXAMPLE.read_text().splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, value = line.partition("=")
        assert sep and re.fullmatch(r"[A-Z][A-Z0-9_]*", name), f".env.example:{number}: {line!r}"
        assert name not in found, f".env.example:{number}: {name} is listed twice"
        found[name] = value
    return found


def test_every_field_has_its_variable_and_from_env_reads_exactly_those():
    fields = {f.name for f in dataclasses.fields(Settings)}
    assert set(Settings.ENV_VARS) == fields, "Settings.ENV_VARS must name a variable per field"
    assert variables_settings_reads() == set(Settings.ENV_VARS.values()), (
        "Settings.from_env reads variables that Settings.ENV_VARS does not list (or the reverse)"
    )


@pytest.mark.parametrize(("field", "variable"), sorted(Settings.ENV_VARS.items()))
def test_each_variable_sets_its_own_field(field: str, variable: str):
    kind = {f.name: str(f.type) for f in dataclasses.fields(Settings)}[field]
    probe = PROBES.get(kind, "probe-value-7")
    changed = dataclasses.asdict(Settings.from_env({variable: probe}))
    default = dataclasses.asdict(Settings.from_env({}))
    moved = {name for name in default if changed[name] != default[name]}
    assert field in moved, f"{variable} does not set Settings.{field}"


def test_env_example_lists_every_variable_settings_reads():
    missing = variables_settings_reads() - set(env_example())
    assert not missing, f".env.example misses {sorted(missing)}"


def _absolute(value: Any) -> Any:
    return ROOT / value if isinstance(value, Path) and not value.is_absolute() else value


def test_env_example_gives_the_defaults():
    example = env_example()
    default = Settings.from_env({})
    for field, variable in Settings.ENV_VARS.items():
        if variable not in example:
            continue  # reported by the test above
        given = Settings.from_env({variable: example[variable]})
        assert _absolute(getattr(given, field)) == _absolute(getattr(default, field)), (
            f".env.example: {variable}={example[variable]} is not the default"
        )


def test_env_example_lists_nothing_unread():
    """A variable in .env.example is read by Settings or handed on by a script or endpoints file.

    Fails while the console, widget and Twilio settings are still read outside Settings.
    """
    consumers = "\n".join(
        path.read_text() for pattern in NON_PYTHON_CONSUMERS for path in ROOT.glob(pattern)
    )
    handed_on = set(re.findall(r"\$\{?([A-Z][A-Z0-9_]*)", consumers))
    unread = set(env_example()) - variables_settings_reads() - handed_on
    assert not unread, f".env.example lists variables nothing reads through Settings: {unread}"


def _python_files() -> Iterator[Path]:
    for package in SCANNED_PACKAGES:
        yield from sorted((ROOT / package).rglob("*.py"))


def environment_reads(source: str) -> list[tuple[int, str]]:
    """(line, what) for each read of the process environment: `os.environ`, `os.getenv`,
    `os.environb`, and names imported from `os` as `environ`/`getenv` (under any alias).

    A WSGI `environ` argument is not the process environment and is not reported.
    """
    tree = ast.parse(source)
    os_names = {"os"}
    env_names: set[str] = set()
    hits: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            os_names |= {a.asname or a.name for a in node.names if a.name == "os"}
        elif isinstance(node, ast.ImportFrom) and node.module == "os":
            for alias in node.names:
                if alias.name in {"environ", "environb", "getenv", "getenvb"}:
                    env_names.add(alias.asname or alias.name)
                    hits.append((node.lineno, f"from os import {alias.name}"))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in os_names
            and node.attr in {"environ", "environb", "getenv", "getenvb"}
        ):
            hits.append((node.lineno, f"{node.value.id}.{node.attr}"))
        elif isinstance(node, ast.Name) and node.id in env_names:
            hits.append((node.lineno, node.id))
    return sorted(set(hits))


def test_the_scan_finds_environment_reads_and_ignores_wsgi_environ():
    source = (
        "import os\nimport os as o\nfrom os import environ as e, getenv\n"
        "a = os.environ['A']\nb = o.getenv('B')\nc = e.get('C')\nd = getenv('D')\n"
        "def app(environ, start_response):\n    return environ.get('PATH_INFO')\n"
    )
    assert [line for line, _ in environment_reads(source)] == [3, 3, 4, 5, 6, 7]


def test_only_settings_reads_the_environment():
    found = [
        f"{path.relative_to(ROOT)}:{line}: {what}"
        for path in _python_files()
        if path != SETTINGS_FILE
        for line, what in environment_reads(path.read_text(encoding="utf-8"))
    ]
    assert not found, "read the environment outside bot/settings.py:\n" + "\n".join(found)
