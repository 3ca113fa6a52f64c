"""The composition root: builds the real adapters from settings (the one place that connects)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.orm import sessionmaker

from bot.clinic import ClinicProfile, load_profile
from bot.db import make_engine, make_session_factory, utcnow
from bot.settings import Settings


@dataclass
class Services:
    """What the adapters (Rasa actions, console, workers) need, built once per process."""

    settings: Settings
    profile: ClinicProfile
    session_factory: sessionmaker
    clock: Callable[[], dt.datetime] = field(default=utcnow)


def build_services(settings: Settings | None = None) -> Services:
    settings = settings or Settings.from_env()
    profile = load_profile(settings.clinic_profile)
    engine = make_engine(settings.database_url)
    return Services(settings, profile, make_session_factory(engine))
