"""The secret key: from the environment, or a generated one kept in var/console-secret."""

from __future__ import annotations

import os
import stat

import pytest

from app.secret_key import load_or_create_secret
from bot.settings import Settings
from web.console.config import ConsoleConfig


def _config(var_dir, environ: dict[str, str]) -> ConsoleConfig:
    """The console's config as `bot console serve` builds it, from this environment."""
    return ConsoleConfig.from_settings(Settings.from_env({"VAR_DIR": str(var_dir), **environ}))


def test_env_wins(tmp_path):
    config = _config(
        tmp_path, {"CONSOLE_SECRET_KEY": "k" * 40, "CONSOLE_PORT": "8123",
                   "CONSOLE_SECURE_COOKIES": "1"}
    )  # fmt: skip
    assert config.secret_key == "k" * 40 and config.port == 8123 and config.secure_cookies
    assert not (tmp_path / "console-secret").exists()


def test_generated_secret_is_private_and_reused(tmp_path):
    first = _config(tmp_path, {})
    path = tmp_path / "console-secret"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert len(first.secret_key) >= 48
    assert _config(tmp_path, {}).secret_key == first.secret_key
    assert first.port == 8000 and not first.secure_cookies


def test_a_truncated_secret_file_is_an_error(tmp_path):
    (tmp_path / "console-secret").write_text("short")
    with pytest.raises(RuntimeError, match="too short"):
        load_or_create_secret(tmp_path)
