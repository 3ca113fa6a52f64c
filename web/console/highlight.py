"""Marks the evidence spans (why a duration, region or activity was extracted) in patient text."""

from __future__ import annotations

from typing import Any, Iterable

from markupsafe import Markup, escape

KINDS = ("duration", "locations", "activities")


def evidence_spans(evidence: dict[str, Any] | None) -> list[tuple[str, str]]:
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
