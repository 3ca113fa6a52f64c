"""Rule-based extraction of pain duration, class, locations and limited activities (spaCy).

The pipeline is built on the first call, not at import: importing `bot` stays cheap.
"""

from __future__ import annotations

from bot.nlp.model import Activity, Extraction, Location, Span
from bot.nlp.pipeline import extract, extract_batch, extract_many, today_in
from bot.nlp.score import parse_pain_score

__all__ = [
    "Activity",
    "Extraction",
    "Location",
    "Span",
    "extract",
    "extract_batch",
    "extract_many",
    "parse_pain_score",
    "today_in",
]
