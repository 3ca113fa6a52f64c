"""The console's own settings (address, secret key, cookies, login rules), from `Settings`."""

from __future__ import annotations

from dataclasses import dataclass

from app.secret_key import secret_key
from bot.settings import Settings


@dataclass(frozen=True)
class ConsoleConfig:
    """What the console adds to `bot.settings.Settings`: taken from it, plus fixed login rules."""

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
    def from_settings(cls, settings: Settings) -> ConsoleConfig:
        """The environment's values (via `Settings`); the secret key from `app.secret_key`."""
        return cls(
            secret_key=secret_key(settings),
            host=settings.console_host,
            port=settings.console_port,
            secure_cookies=settings.console_secure_cookies,
            trust_proxy=settings.console_trust_proxy,
        )
