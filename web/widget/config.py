"""The widget server's own settings (host, port, the public Rasa URL), taken from `Settings`."""

from __future__ import annotations

from dataclasses import dataclass

from bot.settings import Settings

DEFAULT_RASA_PUBLIC_URL = "http://localhost:5005"


@dataclass(frozen=True)
class WidgetConfig:
    """Everything the widget server needs from `bot.settings.Settings`.

    `rasa_public_url` is the address *browsers* use to reach the Rasa server, which behind a
    proxy differs from the address the action server or tests use.
    """

    rasa_public_url: str = DEFAULT_RASA_PUBLIC_URL
    host: str = "127.0.0.1"
    port: int = 8080
    threads: int = 4

    @classmethod
    def from_settings(cls, settings: Settings) -> WidgetConfig:
        return cls(
            rasa_public_url=settings.rasa_public_url.rstrip("/"),
            host=settings.widget_host,
            port=settings.widget_port,
        )
