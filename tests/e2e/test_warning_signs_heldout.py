"""The last blind warning-sign set (tests/data/probes/warning_signs_heldout6.yml) as whole
conversations against the real servers (issue 17's targets, on presentations written by a helper
who read nothing of the project): a truthful patient with a serious presentation is never
offered a booking, and at most 10 % of the benign lookalikes are sent away. The patient is
tests/convgen/presentations.py; `benchmarks.warning_signs_conversations` prints the same measure
(there each presentation's plain answers come from its own seed, here from seed 0).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.warning_signs import MAX_FALSE_URGENT, load
from tests.convgen.presentations import converse

pytestmark = pytest.mark.e2e

SET = load(Path(__file__).resolve().parents[1] / "data" / "probes" / "warning_signs_heldout6.yml")
SERIOUS = [item for item in SET if item["kind"] == "serious"]
BENIGN = [item for item in SET if item["kind"] == "benign"]


IDS = [f"{i}-{item['category']}" for i, item in enumerate(SERIOUS)]


@pytest.mark.parametrize("item", SERIOUS, ids=IDS)
def test_a_serious_presentation_is_never_offered_a_booking(servers, item):
    [outcome] = converse(servers.rasa_url, [item])
    assert not outcome.failures, (outcome.failures, outcome.transcript())
    assert not outcome.offered and outcome.sent_away, outcome.transcript()


def test_at_most_a_tenth_of_the_benign_lookalikes_are_sent_away(servers):
    outcomes = converse(servers.rasa_url, BENIGN)
    assert [o.transcript() for o in outcomes if o.failures] == []
    away = [o for o in outcomes if o.sent_away]
    assert len(away) / len(BENIGN) <= MAX_FALSE_URGENT, [o.item["text"] for o in away]
    # The others reach the offer to book: nothing in between is a dead end.
    assert all(o.offered for o in outcomes if not o.sent_away)
