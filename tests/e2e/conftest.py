"""One trained model and one pair of servers for all conversation tests in a run."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.migrate import upgrade
from tests.e2e.harness import ROOT, Servers, run_servers


def _ensure_model() -> Path:
    spec = importlib.util.spec_from_file_location("ensure_model", ROOT / "scripts/ensure_model.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.ensure_model()


@pytest.fixture(scope="session")
def trained_model() -> Path:
    return _ensure_model()


@pytest.fixture(scope="session")
def servers(trained_model, tmp_path_factory) -> Iterator[Servers]:
    workdir = tmp_path_factory.mktemp("e2e")
    url = f"sqlite:///{workdir / 'intake.db'}"
    upgrade(url)
    with run_servers(trained_model, workdir, url) as running:
        yield running
