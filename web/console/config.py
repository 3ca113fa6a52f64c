"""The console's own settings (address, secret key, cookies, login rules), from `Settings`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.secret_key import secret_key
from bot.frontdesk.login import LoginPolicy
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
    # One address: 10 refused logins per 15 minutes. One account: locked after 20 in a row,
    # more than one address may make, so a single stranger cannot lock a staff account.
    client_login_limit: int = 10
    client_login_window_minutes: int = 15
    max_failed_logins: int = 20
    lockout_minutes: int = 15
    threads: int = 4

    @property
    def login_policy(self) -> LoginPolicy:
        """The two login limits, for `bot.frontdesk.login.attempt_login`."""
        return LoginPolicy(
            client_limit=self.client_login_limit,
            client_window=dt.timedelta(minutes=self.client_login_window_minutes),
            account_limit=self.max_failed_logins,
            account_lockout=dt.timedelta(minutes=self.lockout_minutes),
        )

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
