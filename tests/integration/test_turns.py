"""A client message id is handled once, on SQLite and PostgreSQL (bot.turns)."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor

from bot.turns import (
    BEAT,
    STALE_AFTER,
    claim_turn,
    finish_turn,
    purge_handled,
    release_turn,
    renew_turn,
)

NOW = dt.datetime(2026, 11, 29, 15, 0, tzinfo=dt.timezone.utc)
REPLIES = [{"recipient_id": "web-1", "text": "Is there new or worsening weakness in your legs?"}]


def test_a_repeat_gets_the_same_replies_and_a_new_id_runs(session_factory):
    assert claim_turn(session_factory, "web-1", "m-1", NOW).state == "new"
    assert claim_turn(session_factory, "web-1", "m-1", NOW).state == "running"
    finish_turn(session_factory, "web-1", "m-1", REPLIES)
    again = claim_turn(session_factory, "web-1", "m-1", NOW + dt.timedelta(hours=1))
    assert again.state == "done" and again.replies == REPLIES
    assert claim_turn(session_factory, "web-1", "m-2", NOW).state == "new"
    assert claim_turn(session_factory, "web-2", "m-1", NOW).state == "new"  # per sender


def test_a_claim_whose_server_died_is_taken_over_once(session_factory):
    assert claim_turn(session_factory, "web-1", "m-1", NOW).state == "new"
    later = NOW + dt.timedelta(seconds=61)
    with ThreadPoolExecutor(8) as pool:
        states = list(pool.map(lambda _: claim_turn(session_factory, "web-1", "m-1", later).state,
                               range(8)))
    assert states.count("new") == 1 and states.count("running") == 7


def test_a_failed_turn_is_released_and_old_ids_are_purged(session_factory):
    claim_turn(session_factory, "web-1", "m-1", NOW)
    release_turn(session_factory, "web-1", "m-1")
    assert claim_turn(session_factory, "web-1", "m-1", NOW).state == "new"
    assert purge_handled(session_factory, NOW + dt.timedelta(days=1)) == 1
    assert claim_turn(session_factory, "web-1", "m-1", NOW).state == "new"


def test_the_same_new_id_sent_at_once_runs_once(session_factory):
    with ThreadPoolExecutor(8) as pool:
        states = list(pool.map(lambda _: claim_turn(session_factory, "web-9", "m-9", NOW).state,
                               range(8)))
    assert states.count("new") == 1, states


def test_a_renewed_claim_stays_running_and_one_not_renewed_goes_stale_in_seconds(
    session_factory,
):
    """Its server renews a running turn's claim every BEAT; a dead server's claim is taken over
    STALE_AFTER after its last renewal (a message that reached a dying server is not lost)."""
    assert claim_turn(session_factory, "web-1", "m-1", NOW).state == "new"
    for beat in range(1, 5):  # a slow turn, still running: 4 beats
        renew_turn(session_factory, "web-1", "m-1", NOW + beat * BEAT)
        assert claim_turn(session_factory, "web-1", "m-1", NOW + beat * BEAT + BEAT).state == (
            "running"
        )
    last = NOW + 4 * BEAT
    assert claim_turn(session_factory, "web-1", "m-1", last + STALE_AFTER - BEAT).state == (
        "running"
    )
    assert claim_turn(session_factory, "web-1", "m-1", last + STALE_AFTER + BEAT).state == "new"


def test_a_finished_turn_is_not_renewed(session_factory):
    claim_turn(session_factory, "web-1", "m-1", NOW)
    finish_turn(session_factory, "web-1", "m-1", REPLIES)
    renew_turn(session_factory, "web-1", "m-1", NOW + dt.timedelta(days=2))
    assert purge_handled(session_factory, NOW + dt.timedelta(days=1)) == 1  # claimed_at kept
