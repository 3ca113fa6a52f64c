"""Runs many generated conversations and summarises them: pass rate, failures grouped by kind with
the shortest repro of each, and the slowest conversation."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from tests.convgen.checks import Query, judge
from tests.convgen.driver import Conversation, Driver, Failure
from tests.convgen.persona import make_persona
from tests.convgen.responses import Responses


@dataclass
class Result:
    conv: Conversation
    failures: list[Failure]

    @property
    def passed(self) -> bool:
        return not self.failures


def run_many(rasa_url: str, seeds: Iterable[int], query: Query | None,
             progress: Callable[[Result], None] | None = None) -> list[Result]:
    """One conversation per seed against the Rasa server at `rasa_url`, each judged, in order."""
    driver = Driver(rasa_url, Responses())
    results = []
    for seed in seeds:
        conv = driver.run(make_persona(seed))
        result = Result(conv, judge(conv, query))
        results.append(result)
        if progress:
            progress(result)
    return results


def repro(conv: Conversation, upto: int) -> str:
    """The messages up to turn `upto`, one a line; a resent message id is marked."""
    lines = []
    for turn in conv.turns[: upto + 1]:
        mark = " (same message_id again)" if turn.kind == "repeat" else ""
        lines.append(f"  > {turn.text}{mark}")
    last = conv.turns[upto] if conv.turns else None
    if last:
        lines += [f"  < [{r.name}] {r.text[:140]}" for r in last.replies]
    return "\n".join(lines)


def by_kind(results: list[Result]) -> dict[str, list[tuple[Result, Failure]]]:
    """Failures grouped by kind, most frequent first; within a kind, shortest repro first."""
    groups: dict[str, list[tuple[Result, Failure]]] = {}
    for result in results:
        for failure in result.failures:
            groups.setdefault(failure.kind, []).append((result, failure))
    for items in groups.values():
        items.sort(key=lambda item: item[1].turn)
    return dict(sorted(groups.items(), key=lambda kv: -len({id(r) for r, _ in kv[1]})))


def summary(results: list[Result], repros: bool = True) -> str:
    """A plain-text report: pass rate, each failing kind (conversations, a detail, a repro)."""
    passed = sum(r.passed for r in results)
    slow = max(results, key=lambda r: r.conv.seconds)
    lines = [
        f"{passed}/{len(results)} conversations passed ({100 * passed / len(results):.1f} %)",
        f"slowest: seed {slow.conv.persona.seed}, {slow.conv.seconds:.1f} s, "
        f"{len(slow.conv.turns)} messages",
    ]
    unnamed = [r.text for res in results for t in res.conv.turns for r in t.replies if not r.name]
    if unnamed:
        lines.append(f"replies matching no domain.yml response: {len(unnamed)}, e.g. "
                     f"{unnamed[0][:100]!r}")
    for kind, items in by_kind(results).items():
        convs = {id(r) for r, _ in items}
        result, failure = items[0]
        lines.append(f"- {kind}: {len(convs)} conversations; e.g. seed "
                     f"{result.conv.persona.seed}: {failure.detail}")
        if repros:
            lines.append(repro(result.conv, failure.turn))
    return "\n".join(lines)
