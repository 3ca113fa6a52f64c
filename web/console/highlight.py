"""Marks the evidence spans (why a duration, region or activity was extracted) in patient text."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from markupsafe import Markup, escape

from bot.frontdesk.evidence import KINDS, evidence_spans, link_evidence, spans_by_message
from bot.frontdesk.transcripts import TranscriptMessage

__all__ = ["KINDS", "evidence_spans", "highlight", "transcript_html"]


def transcript_html(
    turns: Sequence[TranscriptMessage], evidence: Mapping[str, Any] | None
) -> list[tuple[TranscriptMessage, Markup | str]]:
    """Each message with its HTML: a patient message escaped, with the evidence spans that came
    from it (`bot.frontdesk.evidence.link_evidence`) marked; an assistant's text as it is
    (Jinja escapes it)."""
    placed = spans_by_message(link_evidence(evidence, turns))
    return [
        (t, highlight(t.text, placed.get(t.index, [])) if t.speaker == "patient" else t.text)
        for t in turns
    ]


def highlight(text: str, spans: list[tuple[str, str]]) -> Markup:
    """`text` escaped, with each span wrapped in <mark>.

    Spans are located in the raw text and every piece (inside or outside a mark) is escaped on
    its own, so neither the patient's text nor a span can inject markup, and an escaped entity
    such as `&amp;` is never split by a mark.
    """
    lowered = text.lower()
    found: list[tuple[int, int, str]] = []
    # Longest spans first, so "lower back" wins over "back" where both match.
    for kind, span in sorted(spans, key=lambda pair: -len(pair[1])):
        needle = span.lower()
        start = lowered.find(needle)
        while start != -1:
            end = start + len(needle)
            if all(end <= s or start >= e for s, e, _ in found):
                found.append((start, end, kind))
            start = lowered.find(needle, end)
    found.sort()
    out = Markup("")
    cursor = 0
    for start, end, kind in found:
        out += escape(text[cursor:start])
        out += Markup('<mark class="ev ev-{}" title="{}">{}</mark>').format(
            kind, _LABELS[kind], text[start:end]
        )
        cursor = end
    out += escape(text[cursor:])
    return out


_LABELS = {
    "duration": "Evidence for the pain duration",
    "locations": "Evidence for a body region",
    "activities": "Evidence for a limited activity",
}
