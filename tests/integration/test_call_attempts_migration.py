"""0009_call_attempts on SQLite and PostgreSQL: a call back recorded before it (no outcome, but
it unpinned the intake) is carried over as `reached`, so nobody is pinned again by the upgrade;
the queue reads the same after it."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, text

from bot.db import make_engine, make_session_factory, unit_of_work
from bot.frontdesk.models import CallAttempt
from bot.frontdesk.queries import QueueFilters, queue
from bot.frontdesk.users import create_user
from bot.intake.models import Intake
from bot.migrate import downgrade, upgrade

AT = dt.datetime(2026, 11, 20, 15, 0, tzinfo=dt.timezone.utc)


def test_a_legacy_call_back_becomes_reached(db_url):
    downgrade(db_url, "console@-1")  # back to 0005_login_failures: no console_call_attempts
    engine = make_engine(db_url)
    factory = make_session_factory(engine)
    try:
        with unit_of_work(factory) as session:
            user = create_user(session, "frank", "correct horse battery staple", "frontdesk")
            intake = Intake(conversation_id="c1", red_flags=["weakness"], status="urgent",
                            created_at=AT, updated_at=AT)  # fmt: skip
            session.add(intake)
            session.flush()
            session.execute(
                text("INSERT INTO console_followups (intake_id, called_back_at, called_back_by_id)"
                     " VALUES (:i, :at, :u)"),
                {"i": intake.id, "at": AT.replace(tzinfo=None), "u": user.id},
            )  # fmt: skip
            intake_id = intake.id
        upgrade(db_url)
        with unit_of_work(factory) as session:
            calls = session.scalars(select(CallAttempt)).all()
            assert [(c.intake_id, c.outcome, c.user_id) for c in calls] == [
                (intake_id, "reached", user.id)
            ]
            result = queue(session, QueueFilters(), dt.timezone.utc)
            assert result.counts["callback"] == 0 and not result.rows[0].pinned
    finally:
        engine.dispose()
