"""Generated conversations over REST against the real servers (issue 13, "Proof").

Each seed is one simulated patient (tests.convgen.persona) who types like a person: typos,
several facts in one message, corrections at the read-back, digressions at any question,
resent message ids and typed button titles. Every conversation must end in a booking, an
urgent flag, a call-back or an explicit stop; never show the greeting mid-form or a fallback
after a finished flow; never take a safety answer from a message sent before its question; and
store its intake once and its booking once (tests.convgen.checks). CI runs `SEEDS`; the full
run of 200+ is `benchmarks/conversations.py`.
"""

from __future__ import annotations

import functools

import pytest

from tests.convgen.report import repro, run_many
from tests.e2e.harness import query

pytestmark = pytest.mark.e2e

SEEDS = range(40)


@pytest.mark.parametrize("seed", SEEDS)
def test_a_generated_conversation_keeps_every_property(servers, seed):
    [result] = run_many(servers.rasa_url, [seed], functools.partial(query, servers.database_url))
    assert result.passed, "\n".join(
        f"{f.kind}: {f.detail}\n{repro(result.conv, f.turn)}" for f in result.failures
    )
