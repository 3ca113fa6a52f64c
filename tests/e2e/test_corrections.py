"""Corrections at the read-back over REST with the real Rasa and action servers (issue 13,
item 14): a correction changes only what it names, and the stored intake follows it."""

from __future__ import annotations

import json
import re
import uuid

import pytest

from tests.e2e.harness import Servers, query
from tests.screen import screen_pattern

pytestmark = pytest.mark.e2e

FIRST = "my lower back has hurt for 8 months and sitting is hard"
READ_BACK = "Did I get that right?"


def _sender() -> str:
    return f"web-corr-{uuid.uuid4().hex[:10]}"


def _say(servers: Servers, me: str, text: str) -> str:
    return " ".join(servers.texts(me, text))


def _to_read_back(servers: Servers, me: str) -> str:
    """Greet, tell the pain, score it 8, answer no to each screening question: the read-back."""
    _say(servers, me, "hi")
    assert "0 (no pain) to 10" in _say(servers, me, FIRST)
    reply = _say(servers, me, "8")
    for _ in range(15):
        if READ_BACK in reply:
            return reply
        assert re.search(screen_pattern(), reply), reply  # only screening questions come between
        reply = _say(servers, me, "no")
    raise AssertionError(f"no read-back after the screen: {reply!r}")


def _intake(servers: Servers, me: str) -> dict:
    rows = query(
        servers.database_url,
        "SELECT * FROM intakes WHERE conversation_id = :c ORDER BY id DESC",
        c=me,
    )
    assert rows, f"no intake stored for {me}"
    row = rows[0]
    if isinstance(row["locations"], str):
        row["locations"] = json.loads(row["locations"])
    return row


def test_the_score_and_side_change_and_the_chronic_duration_stays(servers):
    me = _sender()
    summary = _to_read_back(servers, me)
    assert "lower back, for 8 months" in summary and "8 out of 10" in summary
    fixed = _say(
        servers,
        me,
        "its more like a 6 today. and actually it's my left side, the lower back on the left",
    )
    assert "left lower back, for 8 months, so about 35 weeks" in fixed
    assert "chronic pain" in fixed and "6 out of 10" in fixed and READ_BACK in fixed
    assert "acute" not in fixed and "1 day" not in fixed and "8 out of 10" not in fixed
    intake = _intake(servers, me)
    assert intake["pain_score"] == 6 and intake["pain_class"] == "chronic"
    assert intake["locations"] == [{"region": "lower_back", "side": "left"}]
    assert "chronic pain assessment" in _say(servers, me, "yes")  # the right appointment


@pytest.mark.parametrize(
    "correction",
    ["…and the pain is a 6 right now", "6 out of 10 not 8", "not 8, more like 6", "8? no 6"],
)
def test_a_corrected_score_is_the_new_number_and_nothing_else_moves(servers, correction):
    me = _sender()
    _to_read_back(servers, me)
    fixed = _say(servers, me, correction)
    # No side, the same duration.
    assert "Here's what I have: lower back, for 8 months, so about 35 weeks" in fixed
    assert "6 out of 10" in fixed and "8 out of 10" not in fixed and READ_BACK in fixed
    intake = _intake(servers, me)
    assert intake["pain_score"] == 6 and intake["pain_class"] == "chronic"
    assert intake["locations"] == [{"region": "lower_back", "side": None}]
