"""The action server's adapters, built from the environment on first use; tests swap them."""

from __future__ import annotations

from app.bootstrap import Services, build_services

_services: Services | None = None


def services() -> Services:
    global _services
    if _services is None:
        _services = build_services()
    return _services


def configure(replacement: Services | None) -> None:
    """Use these adapters (a test's SQLite file, a fake clock) instead of the environment's."""
    global _services
    _services = replacement
