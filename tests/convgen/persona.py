"""Simulated patients: what is true about them and how messily they type it.

`make_persona(seed)` draws one patient from a seeded `random.Random`, so a seed is a repro: the
same seed gives the same patient, the same wording and the same digressions. Every fact comes with
the words the read-back uses for it (`bot.intake.summary`), so the patient can check the
read-back the way a person would.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from bot.triage import CHRONIC_WEEKS

# (what the patient calls it, the read-back's words for one side, for both sides or None)
PAIRED = [
    ("knee", "knee", "knees"),
    ("hip", "hip", "hips"),
    ("shoulder", "shoulder", "shoulders"),
    ("ankle", "ankle", "ankles"),
    ("elbow", "elbow", "elbows"),
    ("wrist", "wrist", "wrists"),
]
UNPAIRED = [("lower back", "lower back", None), ("neck", "neck", None)]
# (said, weeks): clear of the chronic line, so no "12 weeks or longer?" question is needed.
DURATIONS = [
    ("about 4 months", 17.4), ("8 months", 34.8), ("2 years", 104.4), ("3 weeks", 3.0),
    ("10 days", 1.4), ("about 6 weeks", 6.0), ("a couple of years", 104.4),
    ("5 months", 21.7), ("2 weeks", 2.0), ("a year", 52.2), ("6 months or so", 26.1),
    ("about a month", 4.3),
]
ACTIVITIES = [
    "stairs", "walking", "sitting at work", "sleeping", "lifting my kids", "driving",
    "running", "getting dressed", "carrying groceries",
]
NAMES = ["Sam Rivera", "Ana Ruiz", "Dev Patel", "Mia Chen", "Jo O'Neill", "Luis Ortega"]
PHONES = ["718 555 0142", "(646) 555-0100", "+1 212 555 0199", "917-555-0123", "3475550188"]
PREFERENCES = ["mornings", "afternoons", "as soon as possible", "evenings", "Tuesdays or Thursdays"]
GOALS = ["book"] * 7 + ["decline", "callback", "stop"]
FRUSTRATED = [
    "this {region} is murdering me",
    "I'm at my wits' end with this {region}",
    "I'm fed up with hurting all day, it's my {region}",
]


@dataclass
class Persona:
    """One simulated patient. `side` is left/right/both, or None for a part with no sides.
    `score` is what they say in the form; `correction` is (fact, new value) they change at
    the read-back. `yes_at`: the red-flag question (0 = the first one asked) they answer yes,
    None for no to all; `unsure_at`: the one they first answer "not sure" (then no)."""

    seed: int
    region: str
    words: str
    plural: str | None
    side: str | None
    duration: str
    weeks: float
    activity: str
    score: int
    yes_at: int | None
    goal: str
    interrupt_at: int
    correction: tuple[str, object] | None
    name: str
    phone: str
    email: str
    sms: bool
    preference: str
    opening: str
    says_hi_first: bool
    score_range: bool
    unsure_at: int | None
    # How messy: chances per message.
    typo: float
    digression: float
    repeat: float
    title: float
    extras: dict[str, object] = field(default_factory=dict)

    @property
    def pain_class(self) -> str:
        return "chronic" if self.weeks >= CHRONIC_WEEKS else "acute"

    def where(self) -> str:
        """The read-back's words for the place: "left knee", "both knees", "lower back"."""
        if self.side == "both":
            return f"both {self.plural}"
        return f"{self.side} {self.words}" if self.side else self.words

    def place(self) -> str:
        """How the patient names the place: "my left knee", "lower back"."""
        if self.side == "both":
            return f"both {self.plural}"
        return f"my {self.side} {self.region}" if self.side else f"my {self.region}"


def _opening(rng: random.Random, p: Persona) -> str:
    """The first description: several facts in one message, a few or just one."""
    templates = [
        "{place} has hurt for {dur}, {act} is really hard",
        "hi, i've had pain in {place} for {dur}. can't do {act} anymore",
        "{dur} of {place} pain. {act} kills me",
        "{place}",
        "I've got some pain I'd like help with",
        "I'd like to book an appointment",
        "{place} has been sore for {dur}",
    ]
    template = rng.choice(FRUSTRATED) if rng.random() < 0.08 else rng.choice(templates)
    return template.format(place=p.place(), dur=p.duration, act=p.activity, region=p.region)


def make_persona(seed: int) -> Persona:
    """The patient for `seed`: facts, goal and messiness drawn from `random.Random(seed)`."""
    rng = random.Random(seed)
    region, words, plural = rng.choice(PAIRED * 3 + UNPAIRED)
    side = rng.choice(["left", "right", "left", "right", "both"]) if plural else None
    duration, weeks = rng.choice(DURATIONS)
    score = rng.randint(2, 9)
    correction: tuple[str, object] | None = None
    roll = rng.random()
    if roll < 0.2:
        correction = ("score", rng.choice([s for s in range(2, 10) if s != score]))
    elif roll < 0.3 and side in ("left", "right"):
        correction = ("side", "right" if side == "left" else "left")
    persona = Persona(
        seed=seed, region=region, words=words, plural=plural, side=side, duration=duration,
        weeks=weeks, activity=rng.choice(ACTIVITIES), score=score,
        yes_at=rng.randrange(5) if rng.random() < 0.15 else None,
        goal=rng.choice(GOALS), interrupt_at=rng.randint(2, 14), correction=correction,
        name=rng.choice(NAMES), phone=rng.choice(PHONES),
        email=rng.choice(["skip", "Skip", "sam.r@example.com", "no email thanks"]),
        sms=rng.random() < 0.6, preference=rng.choice(PREFERENCES), opening="",
        says_hi_first=rng.random() < 0.5, score_range=rng.random() < 0.1,
        unsure_at=rng.randrange(5) if rng.random() < 0.08 else None,
        typo=rng.choice([0.0, 0.1, 0.25]), digression=rng.choice([0.0, 0.1, 0.2]),
        repeat=rng.choice([0.0, 0.1, 0.2]), title=rng.choice([0.2, 0.5, 0.8]),
    )
    persona.opening = _opening(rng, persona)
    return persona


def typo(text: str, rng: random.Random) -> str:
    """`text` with one slip in one word of 4+ letters: two letters swapped, one dropped or
    doubled. Numbers, yes/no and short words stay as typed."""
    words = text.split(" ")
    candidates = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
    if not candidates:
        return text
    i = rng.choice(candidates)
    w, k = words[i], rng.randrange(1, len(words[i]) - 1)
    words[i] = rng.choice(
        [w[:k] + w[k + 1] + w[k] + w[k + 2:], w[:k] + w[k + 1:], w[:k] + w[k] + w[k:]]
    )
    return " ".join(words)
