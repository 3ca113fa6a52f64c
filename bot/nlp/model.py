"""Values that leave the extractor: spans, time mentions, locations and the `Extraction` itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.triage import CHRONIC_WEEKS, class_for, stage_for

WEEKS_PER_DAY = 1 / 7
WEEKS_PER_MONTH = 4.345
WEEKS_PER_YEAR = 52.18

STATUS_OK = "ok"
STATUS_STRADDLES = "straddles"
STATUS_NO_ANCHOR = "no_anchor"
STATUS_MISSING = "missing"
# An onset told as an age ("since I was 30") without the age now: the assistant asks for it.
STATUS_NEEDS_AGE = "needs_age"


@dataclass(frozen=True)
class Span:
    """Character offsets into the patient's text, with the exact substring."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class TimeMention:
    """One way the text says how long: a length, a resolved onset, or a vague phrase.

    `weeks`/`low`/`high` are None when the phrase cannot be measured; `pain_class` is set for
    phrases that fix the class without a number ("for ages" -> chronic, "for days" -> acute).
    """

    span: Span
    weeks: float | None = None
    low: float | None = None
    high: float | None = None
    pain_class: str | None = None
    pain_stage: str | None = None
    status: str = STATUS_OK
    score: int = 0  # tie-breaker between mentions; higher wins
    onset_age: int | None = None  # years of age at the onset, for STATUS_NEEDS_AGE

    @property
    def measured(self) -> bool:
        return self.weeks is not None


@dataclass(frozen=True)
class Location:
    """A region and side; `span` is the evidence ("left heel"), `term` the region words alone."""

    region: str
    side: str | None
    span: Span
    side_span: Span | None = None
    term: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"region": self.region, "side": self.side}


@dataclass(frozen=True)
class Activity:
    name: str
    span: Span


@dataclass
class Extraction:
    """What one utterance says about the pain; `to_dict()` is the spec's output shape."""

    duration_weeks: float | None = None
    duration_range: tuple[float, float] | None = None
    pain_class: str | None = None
    pain_stage: str | None = None
    duration_status: str = STATUS_MISSING
    duration: Span | None = None
    locations: list[Location] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    # Regions named only to be denied: "it's not my knee, it's my hip" -> ["knee"].
    ruled_out_regions: list[str] = field(default_factory=list)
    # Activities said not to be limited: "walking is fine", "not stairs" -> ["walking"].
    ruled_out_activities: list[str] = field(default_factory=list)
    # The patient's age when the pain began, when that is all that was said about time.
    onset_age: int | None = None

    @property
    def duration_text(self) -> str | None:
        return self.duration.text if self.duration else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "duration_weeks": self.duration_weeks,
            "duration_range": list(self.duration_range) if self.duration_range else None,
            "pain_class": self.pain_class,
            "pain_stage": self.pain_stage,
            "duration_status": self.duration_status,
            "duration_text": self.duration_text,
            "locations": [loc.to_dict() for loc in self.locations],
            "activities": [act.name for act in self.activities],
            "ruled_out_regions": list(self.ruled_out_regions),
            "ruled_out_activities": list(self.ruled_out_activities),
            "onset_age": self.onset_age,
            "evidence": {
                "duration": self.duration_text,
                "locations": [loc.span.text for loc in self.locations],
                "activities": [act.span.text for act in self.activities],
            },
        }

    @classmethod
    def from_mention(cls, mention: TimeMention | None) -> Extraction:
        """The duration fields for the chosen mention (None: nothing about time was said)."""
        if mention is None:
            return cls()
        out = cls(duration=mention.span, duration_status=mention.status,
                  onset_age=mention.onset_age)
        if mention.low is not None and mention.high is not None:
            out.duration_range = (round(mention.low, 1), round(mention.high, 1))
        if mention.weeks is not None:
            # Classify the rounded value so the output never reads "12.0 weeks, acute".
            weeks = out.duration_weeks = round(mention.weeks, 1)
            rng = out.duration_range
            if rng is not None and rng[0] < CHRONIC_WEEKS <= rng[1]:
                # The spec: a range across 12 weeks leaves the class open; the assistant asks.
                out.duration_status = STATUS_STRADDLES
            else:
                out.pain_class = class_for(weeks)
                out.pain_stage = stage_for(weeks)
        else:
            out.pain_class = mention.pain_class
            out.pain_stage = mention.pain_stage
        return out
