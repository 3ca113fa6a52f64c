"""Ties each evidence span of an intake to the transcript message it came from.

The intake's `evidence` (see /work/shared/spec/intake-data.md) holds, per kind, the span or
spans of the patient's words that explain a stored value, and `evidence["sources"][kind]`
the Rasa message id of the message that set that value (`bot.intake.form.evidence_updates`).
Intakes saved before sources were kept have none: their span is placed in the latest patient
message that contains it, which is the message the old code took the evidence from.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bot.frontdesk.transcripts import TranscriptMessage

KINDS = ("duration", "locations", "activities")


@dataclass(frozen=True)
class EvidenceLink:
    """One span and the message it is highlighted in: `index` in the transcript and that
    message's `message_id`; both None when no patient message holds the span."""

    kind: str
    text: str
    index: int | None
    message_id: str | None


def evidence_spans(evidence: Mapping[str, Any] | None) -> list[tuple[str, str]]:
    """(kind, span) pairs from an intake's `evidence`; a span is a string or {"text": ...}."""
    pairs: list[tuple[str, str]] = []
    for kind in KINDS:
        value = (evidence or {}).get(kind)
        items: Iterable[Any] = value if isinstance(value, list) else [value]
        for item in items:
            text = item.get("text") if isinstance(item, dict) else item
            if isinstance(text, str) and text.strip():
                pairs.append((kind, text.strip()))
    return pairs


def link_evidence(
    evidence: Mapping[str, Any] | None, turns: Sequence[TranscriptMessage]
) -> list[EvidenceLink]:
    """Each span of `evidence` with the one patient message it is shown in (see module doc)."""
    sources = (evidence or {}).get("sources")
    sources = sources if isinstance(sources, Mapping) else {}
    said = [t for t in turns if t.speaker == "patient" and t.payload is None]
    links = []
    for kind, span in evidence_spans(evidence):
        source = sources.get(kind)
        holding = [t for t in said if span.lower() in t.text.lower()]
        from_source = [t for t in holding if source and t.message_id == str(source)]
        turn = (from_source or holding or [None])[-1]
        links.append(
            EvidenceLink(
                kind, span, turn.index if turn else None, turn.message_id if turn else None
            )
        )
    return links


def spans_by_message(links: Iterable[EvidenceLink]) -> dict[int, list[tuple[str, str]]]:
    """Transcript index → the (kind, span) pairs to highlight in that message only."""
    placed: dict[int, list[tuple[str, str]]] = {}
    for link in links:
        if link.index is not None:
            placed.setdefault(link.index, []).append((link.kind, link.text))
    return placed
