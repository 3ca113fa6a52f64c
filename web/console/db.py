"""Per-request accessors (flaskr's `db.py`): the console's context, a read session, the actor.

Views import this module, never the app factory, so the console has no import cycle.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from flask import current_app, g
from flask_login import current_user
from sqlalchemy.orm import Session, sessionmaker

from bot.clinic import ClinicProfile
from bot.frontdesk.audit import Actor
from bot.scheduling.events import BookingEvents
from bot.settings import Settings
from web.console.config import ConsoleConfig

EXTENSION = "console"


@dataclass
class ConsoleContext:
    """What every view needs; one per app, kept in `app.extensions["console"]`."""

    settings: Settings
    config: ConsoleConfig
    profile: ClinicProfile
    session_factory: sessionmaker
    clock: Callable[[], dt.datetime]
    # What staff cancels and moves set off (the reminders, the patient's update email); from
    # `app.bootstrap.Services`.
    booking_events: BookingEvents
    # Sends the emails those changes queued; never raises (`app.bootstrap.Services`).
    send_booking_emails: Callable[[], object] = lambda: None

    def now(self) -> dt.datetime:
        return self.clock()

    @property
    def tz(self) -> dt.tzinfo:
        return self.profile.tz


def console() -> ConsoleContext:
    """The running app's context (inside a request or app context)."""
    return current_app.extensions[EXTENSION]


def db() -> Session:
    """A read session for this request, closed when the request ends (`close_db`)."""
    if "console_db" not in g:
        g.console_db = console().session_factory()
    return g.console_db


def release_db() -> None:
    """End this request's read transaction before writing: SQLite takes its write lock at BEGIN
    (see bot.db), so an open read session would block the write session behind it."""
    session = g.pop("console_db", None)
    if session is not None:
        session.close()


def close_db(_exc: BaseException | None = None) -> None:
    """Teardown: close the request's read session if it opened one."""
    release_db()


def actor() -> Actor:
    """The signed-in user, as the audit log names them."""
    return Actor(current_user.id, current_user.username)
