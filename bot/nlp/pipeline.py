"""The spaCy pipeline (blank English + one PhraseMatcher), built once, and `extract` on it."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.nlp.activities import find_activities
from bot.nlp.clauses import Clauses
from bot.nlp.lexicon import ACTIVITY_TERMS, MASKS, REGION_TERMS, expand
from bot.nlp.model import Extraction
from bot.nlp.regions import find_locations
from bot.nlp.timeline import current_episode

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

DEFAULT_TZ = "America/New_York"
MAX_CHARS = 20_000  # longer input is cut: nobody types more into a chat, and time stays bounded
_REGION, _ACTIVITY, _MASK = "R", "A", "M"


def today_in(tz: str = DEFAULT_TZ) -> date:
    """The current date in the clinic's time zone (the server may run in UTC)."""
    return datetime.now(ZoneInfo(tz)).date()


@lru_cache(maxsize=1)
def _pipeline() -> tuple[Language, PhraseMatcher]:
    """Blank English tokenizer and the phrase matcher; built on first use, never at import."""
    import spacy
    from spacy.matcher import PhraseMatcher

    nlp = spacy.blank("en")
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    groups = [(_REGION, REGION_TERMS), (_ACTIVITY, ACTIVITY_TERMS), (_MASK, {"mask": MASKS})]
    for kind, table in groups:
        for name, phrases in table.items():
            patterns = [nlp.make_doc(p) for phrase in phrases for p in expand(phrase)]
            matcher.add(f"{kind}:{name}", patterns)
    return nlp, matcher


_LONG_RUN = re.compile(r"\S{64,}")


_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]{0,10}(?:\s[^<>]{0,100})?/?>")


def _clean(text: str) -> str:
    # Same length on purpose: offsets into the cleaned text are offsets into the input.
    text = text[:MAX_CHARS].replace("\u2019", "'").replace("\u2018", "'")
    # spaCy's tokenizer is quadratic on one long run of emoji or "!!!": blank such runs out.
    text = _LONG_RUN.sub(lambda m: " " * len(m.group()), text)
    # Markup pasted or typed around words ("<b>knee</b>" lost the knee): tags blanked out.
    return _TAG.sub(lambda m: " " * len(m.group()), text)


def _longest(spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Longest non-overlapping matches, in text order ("lower back" over "back")."""
    ranked = sorted(spans, key=lambda s: (s[2] - s[1], -s[1]), reverse=True)
    taken: set[int] = set()
    kept = []
    for label, start, end in ranked:
        if not taken.intersection(range(start, end)):
            kept.append((label, start, end))
            taken.update(range(start, end))
    return sorted(kept, key=lambda s: s[1])


def _analyse(doc: Doc, text: str, today: date, matcher: PhraseMatcher) -> Extraction:
    strings = doc.vocab.strings
    regions: list[tuple[str, int, int]] = []
    others: list[tuple[str, int, int]] = []
    for match_id, start, end in matcher(doc):
        kind, name = strings[match_id].split(":", 1)
        (regions if kind == _REGION else others).append((name if kind != _MASK else "", start, end))
    others = _longest(others)
    masked = [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1])) for _, s, e in others]
    clauses = Clauses.of(doc.text)
    out = Extraction.from_mention(current_episode(doc.text, today, clauses))
    if out.duration is not None:
        # Evidence must be the patient's exact characters, not the cleaned copy.
        d = out.duration
        out.duration = type(d)(d.start, d.end, text[d.start : d.end])
    out.locations = find_locations(
        doc, text, clauses, _longest(regions), masked, out.ruled_out_regions
    )
    named = {loc.region for loc in out.locations}
    out.ruled_out_regions[:] = [r for r in out.ruled_out_regions if r not in named]
    activities = [(name, s, e) for name, s, e in others if name]
    out.activities = find_activities(doc, text, clauses, activities, out.ruled_out_activities)
    limited = {act.name for act in out.activities}
    out.ruled_out_activities[:] = [a for a in out.ruled_out_activities if a not in limited]
    return out


def extract_batch(items: Sequence[tuple[str, date]], batch_size: int = 256) -> list[Extraction]:
    """Extract from (text, today) pairs in one `nlp.pipe` pass; the order is kept."""
    nlp, matcher = _pipeline()
    texts = [t if isinstance(t, str) else "" for t, _ in items]
    docs = nlp.pipe((_clean(t) for t in texts), batch_size=batch_size)
    return [
        _analyse(doc, text[:MAX_CHARS], today, matcher)
        for doc, text, (_, today) in zip(docs, texts, items, strict=True)
    ]


def extract(text: str, today: date | None = None, tz: str = DEFAULT_TZ) -> Extraction:
    """Duration, class, stage, locations and activities said in one utterance."""
    return extract_batch([(text, today or today_in(tz))])[0]


def extract_many(
    texts: Iterable[str], today: date | None = None, tz: str = DEFAULT_TZ
) -> list[Extraction]:
    """`extract` for many utterances at once (spaCy batches the tokenizing)."""
    day = today or today_in(tz)
    return extract_batch([(text, day) for text in texts])
