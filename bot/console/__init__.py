"""The front desk's staff console: a server-rendered Flask app over the intake and booking data."""

from __future__ import annotations

from typing import Any

__all__ = ["create_app", "serve"]


def __getattr__(name: str) -> Any:
    # Lazy, so that `bot.models` can import the console's tables without importing Flask.
    if name in __all__:
        from bot.console import app

        return getattr(app, name)
    raise AttributeError(name)
