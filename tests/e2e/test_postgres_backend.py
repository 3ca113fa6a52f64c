"""DATABASE_URL selects PostgreSQL: intakes and Rasa's transcripts land in the same database."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from bot.db import make_engine
from bot.nlp import extract
from tests.e2e.harness import run_servers
from tests.screen import screen_answers

pytestmark = [pytest.mark.e2e, pytest.mark.postgres]


FIRST = "my left hip has hurt since labor day and I can't sleep"


def test_an_intake_and_its_transcript_on_postgresql(trained_model, pg_url, tmp_path, profile):
    with run_servers(trained_model, tmp_path, pg_url) as servers:
        me = "pg-visitor"
        servers.texts(me, FIRST)
        servers.texts(me, "5")
        for answer in screen_answers(message=FIRST):
            summary = " ".join(servers.texts(me, answer))
        assert "left hip" in summary and "Did I get that right?" in summary
    engine = make_engine(pg_url)
    with engine.connect() as conn:
        intake = (
            conn.execute(text("SELECT * FROM intakes WHERE conversation_id = :c"), {"c": me})
            .mappings()
            .one()
        )
        events = conn.execute(
            text("SELECT type_name, data FROM events WHERE sender_id = :c ORDER BY id"), {"c": me}
        ).all()
    engine.dispose()
    assert intake["locations"] == [{"region": "hip", "side": "left"}]
    # "Since Labor Day" depends on today's date: the stored reading is the extractor's for today.
    expected = extract(FIRST, today=profile.today()).to_dict()
    assert intake["duration_text"] == "since labor day" and intake["pain_score"] == 5
    assert intake["pain_class"] == expected["pain_class"]
    assert intake["duration_weeks"] == expected["duration_weeks"]
    said = [json.loads(data).get("text") for kind, data in events if kind == "user"]
    assert said[0].startswith("my left hip")
    assert said.count("no") == len(screen_answers(message=FIRST))
