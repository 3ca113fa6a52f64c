"""The console's own settings (port, secret key, cookies, sessions), read from the environment."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

SECRET_FILE_NAME = "console-secret"


@dataclass(frozen=True)
class ConsoleConfig:
    """Everything the console adds to `bot.settings.Settings`."""

    secret_key: str
    host: str = "127.0.0.1"
    port: int = 8000
    secure_cookies: bool = False
    trust_proxy: bool = False
    idle_minutes: int = 30
    max_failed_logins: int = 5
    lockout_minutes: int = 15
    threads: int = 4

    @classmethod
    def from_env(cls, var_dir: Path, environ: Mapping[str, str] | None = None) -> ConsoleConfig:
        env = os.environ if environ is None else environ
        return cls(
            secret_key=env.get("CONSOLE_SECRET_KEY") or load_or_create_secret(var_dir),
            host=env.get("CONSOLE_HOST") or "127.0.0.1",
            port=int(env.get("CONSOLE_PORT") or 8000),
            secure_cookies=_flag(env.get("CONSOLE_SECURE_COOKIES")),
            trust_proxy=_flag(env.get("CONSOLE_TRUST_PROXY")),
        )


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


def load_or_create_secret(var_dir: Path) -> str:
    """The key in var/console-secret, created on first start (0600) so restarts keep sessions."""
    path = Path(var_dir) / SECRET_FILE_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        fd = None
    if fd is None:
        key = path.read_text(encoding="utf-8").strip()
        if len(key) < 32:
            raise RuntimeError(f"{path} is too short for a secret key; delete it to make a new one")
        os.chmod(path, 0o600)
        return key
    key = secrets.token_urlsafe(48)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(key + "\n")
    return key
