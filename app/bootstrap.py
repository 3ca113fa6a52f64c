"""The composition root: builds the real adapters from settings (the one place that connects)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.orm import sessionmaker

from app.secret_key import secret_key
from bot.clinic import ClinicProfile, load_profile
from bot.db import make_engine, make_session_factory, utcnow
from bot.scheduling.links import CalendarLinks
from bot.settings import Settings


@dataclass
class Services:
    """What the adapters (Rasa actions, console, workers) need, built once per process."""

    settings: Settings
    profile: ClinicProfile
    session_factory: sessionmaker
    clock: Callable[[], dt.datetime] = field(default=utcnow)
    # Signs patients' calendar links. None (tests that book nothing): asking for a link fails.
    calendar_links: CalendarLinks | None = None

    def calendar_link(self, code: str) -> str:
        """The signed calendar (.ics) link for booking `code`.

        Raises RuntimeError when these services were built without `calendar_links`.
        """
        if self.calendar_links is None:
            raise RuntimeError("Services has no calendar_links; build it with build_services()")
        return self.calendar_links.url(code)


def build_services(settings: Settings | None = None) -> Services:
    """Every adapter, from `settings` (default: `Settings.from_env()`).

    Raises ClinicProfileError for a broken clinic profile; creates `var_dir/console-secret`
    when no CONSOLE_SECRET_KEY is set (see `app.secret_key`).
    """
    settings = settings or Settings.from_env()
    profile = load_profile(settings.clinic_profile)
    engine = make_engine(settings.database_url)
    links = CalendarLinks(settings.calendar_base_url, secret_key(settings))
    return Services(settings, profile, make_session_factory(engine), calendar_links=links)
