"""The widget server's own settings (host, port, the public Rasa URL), read from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Mapping

DEFAULT_RASA_PUBLIC_URL = "http://localhost:5005"


@dataclass(frozen=True)
class WidgetConfig:
    """Everything the widget server adds to `bot.settings.Settings`.

    `rasa_public_url` is the address *browsers* use to reach the Rasa server, which behind a
    proxy differs from the address the action server or tests use.
    """

    rasa_public_url: str = DEFAULT_RASA_PUBLIC_URL
    host: str = "127.0.0.1"
    port: int = 8080
    threads: int = 4

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> WidgetConfig:
        env = os.environ if environ is None else environ
        return cls(
            rasa_public_url=(env.get("RASA_PUBLIC_URL") or DEFAULT_RASA_PUBLIC_URL).rstrip("/"),
            host=env.get("WIDGET_HOST") or "127.0.0.1",
            port=int(env.get("WIDGET_PORT") or 8080),
        )
