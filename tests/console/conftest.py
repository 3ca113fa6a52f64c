"""Fixtures for the console tests: a migrated SQLite file, a fake clock, users and a client."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert

from bot.clinic import load_profile
from bot.db import make_engine, make_session_factory, unit_of_work
from bot.frontdesk.transcripts import TRACKER_METADATA, events
from bot.frontdesk.users import create_user
from bot.intake.models import Intake
from bot.migrate import upgrade
from bot.settings import Settings
from tests.demo.seed import conversation_events
from tests.fakes import FakeClock
from web.console.app import create_app
from web.console.config import ConsoleConfig

PASSWORD = "correct horse battery staple"
# Tuesday 1 Dec 2026, 10:00 in New York: the clinic is open.
T0 = dt.datetime(2026, 12, 1, 15, 0, tzinfo=dt.timezone.utc)
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')




@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Migrate once; each test gets its own copy of the file."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    url = f"sqlite:///{path}"
    upgrade(url)
    engine = make_engine(url)
    TRACKER_METADATA.create_all(engine)  # Rasa's tracker store table
    engine.dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture
def db_url(tmp_path: Path, migrated_template: Path) -> str:
    path = tmp_path / "console.db"
    shutil.copy(migrated_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    return Settings(database_url=db_url, var_dir=tmp_path / "var")


@pytest.fixture
def factory(db_url: str):  # type: ignore[no-untyped-def]
    engine = make_engine(db_url)
    yield make_session_factory(engine)
    engine.dispose()


@pytest.fixture
def profile(settings: Settings):  # type: ignore[no-untyped-def]
    return load_profile(settings.clinic_profile)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


@pytest.fixture
def config() -> ConsoleConfig:
    return ConsoleConfig(secret_key="test-secret-" + "k" * 40)


@pytest.fixture
def app(settings, factory, clock, config):  # type: ignore[no-untyped-def]
    app = create_app(settings, session_factory=factory, clock=clock, config=config)
    app.config["TESTING"] = True
    return app


@pytest.fixture
def users(factory) -> dict[str, int]:  # type: ignore[no-untyped-def]
    with unit_of_work(factory) as session:
        admin = create_user(session, "alice", PASSWORD, "admin")
        desk = create_user(session, "frank", PASSWORD, "frontdesk")
        return {"alice": admin.id, "frank": desk.id}


@pytest.fixture
def client(app, users):  # type: ignore[no-untyped-def]
    """Signed in as the front desk user."""
    client = app.test_client()
    login(client, "frank")
    return client


@pytest.fixture
def admin_client(app, users):  # type: ignore[no-untyped-def]
    client = app.test_client()
    login(client, "alice")
    return client


def csrf_from(html: str) -> str:
    match = CSRF.search(html)
    assert match, "no CSRF token in the page"
    return match.group(1)


def login(client, username: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    token = csrf_from(client.get("/login").get_data(as_text=True))
    return client.post(
        "/login", data={"username": username, "password": password, "csrf_token": token}
    )


def post_form(client, page: str, url: str, **data: Any):  # type: ignore[no-untyped-def]
    """POST like a browser: take the CSRF token from `page` first."""
    token = csrf_from(client.get(page).get_data(as_text=True))
    return client.post(url, data={"csrf_token": token, **data})


@dataclass
class IntakeMaker:
    factory: Any
    clock: FakeClock

    def __call__(self, transcript: list[str] | None = None, **fields: Any) -> int:
        created = fields.pop("created_at", None) or self.clock() - dt.timedelta(hours=1)
        values: dict[str, Any] = dict(
            conversation_id=f"conv-{created.timestamp():.0f}-{id(fields)}",
            channel="rest", status="new", duration_weeks=17.4,
            duration_text="for about 4 months", pain_class="chronic", pain_stage="chronic",
            locations=[{"region": "lower_back", "side": None}], activities=["sitting"],
            pain_score=6, red_flags=[], crisis=False, callback_requested=False,
            evidence={"duration": "for about 4 months", "locations": ["lower back"],
                      "activities": ["sit"]},
            raw_answers={}, summary_confirmed=True, patient_name="Maria Gonzalez",
            phone="+17185550134", email=None, created_at=created, updated_at=created,
        )  # fmt: skip
        values.update(fields)
        with unit_of_work(self.factory) as session:
            intake = Intake(**values)
            session.add(intake)
            session.flush()
            if transcript is not None:
                rows = conversation_events(intake.conversation_id, created, transcript)
                session.execute(insert(events), rows)
            return intake.id


@pytest.fixture
def make_intake(factory, clock) -> IntakeMaker:  # type: ignore[no-untyped-def]
    return IntakeMaker(factory, clock)


@dataclass
class BookingMaker:
    factory: Any
    profile: Any
    clock: FakeClock

    def __call__(
        self,
        intake_id: int | None,
        name: str = "Maria Gonzalez",
        pick: int = 0,
        type_id: str = "chronic_assessment",
        phone: str = "+17185550134",
        email: str | None = None,
    ):  # type: ignore[no-untyped-def]
        from bot import scheduling
        from bot.intake.models import Intake as IntakeRow

        conversation = "walk-in"
        if intake_id is not None:
            with unit_of_work(self.factory) as session:
                conversation = session.get(IntakeRow, intake_id).conversation_id
        slot = scheduling.open_slots(self.factory, self.profile, self.clock, type_id)[pick]
        details = scheduling.PatientDetails.create(name, phone, email=email)
        return scheduling.book(
            self.factory,
            self.profile,
            self.clock,
            slot,
            details,
            conversation_id=conversation,
            intake_id=intake_id,
        )


@pytest.fixture
def make_booking(factory, profile, clock) -> BookingMaker:  # type: ignore[no-untyped-def]
    return BookingMaker(factory, profile, clock)
