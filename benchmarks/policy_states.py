"""Dialogue states per prediction: Rasa's own `Domain.states_for_tracker_history` against the
replay kept per tracker (`channels.speedups`, issue 15).

Every prediction turns the conversation's history into dialogue states three times: twice
without the rule-only turns (MemoizationPolicy, TEDPolicy) and once with them (RulePolicy).
This times those three calls, in one run, for a tracker at every action of every story and rule
of the assistant (data/), and for long conversations made by playing the stories one after
another in one tracker. No servers, no model.

Run from the repository root (about a minute):

    .venv/bin/python -m benchmarks.policy_states [--write-results]
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import statistics
import time
from collections.abc import Callable
from typing import Any

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, Event
from rasa.shared.core.generator import TrainingDataGenerator
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.importers.importer import TrainingDataImporter

from benchmarks.common import replace_section
from channels.speedups import _rasas_states_for_tracker_history, states_for_tracker_history

HEADING = "## Dialogue states per prediction (issue 15)"
ROUNDS = 5


def story_events(domain: Domain) -> list[list[Event]]:
    """The events of every story and rule, as Rasa's training generates their trackers."""
    importer = TrainingDataImporter.load_from_config(
        "config.yml", "domain.yml", training_data_paths=["data"]
    )
    generated = TrainingDataGenerator(importer.get_stories(), domain, augmentation_factor=0)
    return [list(tracker.events) for tracker in generated.generate()]


def prediction_points(domain: Domain, events: list[Event]) -> list[DialogueStateTracker]:
    """A fresh tracker at every action of `events`: where the policies predict."""
    return [
        DialogueStateTracker.from_events("bench", events[: i + 1], domain.slots)
        for i, event in enumerate(events) if isinstance(event, ActionExecuted)
    ]


def per_prediction(domain: Domain, trackers: list[DialogueStateTracker],
                   states: Callable[..., Any]) -> float:
    """Milliseconds for the three calls a prediction makes, median of `ROUNDS` rounds."""
    rule_only = {"rule_only_slots": [], "rule_only_loops": []}
    times = []
    for _ in range(ROUNDS):
        fresh = [DialogueStateTracker.from_events("bench", list(t.events), domain.slots)
                 for t in trackers]
        start = time.perf_counter()
        for tracker in fresh:
            states(domain, tracker, ignore_rule_only_turns=True, rule_only_data=rule_only)
            states(domain, tracker, ignore_rule_only_turns=True, rule_only_data=rule_only)
            states(domain, tracker, rule_only_data=rule_only)
        times.append((time.perf_counter() - start) * 1000 / len(fresh))
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write-results", action="store_true")
    args = parser.parse_args()
    domain = Domain.load("domain.yml")
    stories = story_events(domain)
    points = [p for events in stories for p in prediction_points(domain, events)]
    long_events = [e for events in stories[:40] for e in events]
    long_points = prediction_points(domain, long_events)[-20:]
    rows = []
    for label, trackers in (
        (f"every story and rule, at every action ({len(points)} trackers)", points),
        (f"one long conversation, its last 20 actions ({len(long_events)} events)", long_points),
    ):
        rasa = per_prediction(domain, trackers, _rasas_states_for_tracker_history)
        kept = per_prediction(domain, trackers, states_for_tracker_history)
        rows.append(f"| {label} | {rasa:.2f} ms | {kept:.2f} ms | {rasa / kept:.1f}x |")
        print(rows[-1])
    body = "\n".join([
        "Command: `.venv/bin/python -m benchmarks.policy_states --write-results` (from the "
        f"repository root). Machine: CPython {platform.python_version()}, "
        f"{platform.machine()}; measured {dt.date.today().isoformat()}. The three "
        "`states_for_tracker_history` calls of one prediction (MemoizationPolicy and TEDPolicy "
        "without rule-only turns, RulePolicy with them), median of 5 rounds, on fresh trackers "
        "(nothing kept from an earlier round). Peer: Rasa 3.6.21's own method, in the same run.",
        "",
        "| trackers | Rasa's own | replay kept (channels.speedups) | faster |",
        "|---|---:|---:|---:|",
        *rows,
        "",
        "Both give the same states on every story and rule "
        "(tests/unit/channels/test_speedups.py). In the Rasa server the states were about a "
        "third of a prediction's time before (\"Where a message's time goes\").",
    ])
    if args.write_results:
        replace_section(HEADING, body)


if __name__ == "__main__":
    main()
