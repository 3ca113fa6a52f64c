"""Clause boundaries and the cue words that decide which clause talks about the current pain."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

# Clauses end at sentence punctuation, commas and contrastive or sequencing conjunctions:
# "went away for a year | but came back 2 weeks ago" must be two clauses.
_BOUNDARY = re.compile(
    r"[.;!?\n,:()\[\]]+(?!\d)"
    r"|(?<!or)\s(?:but|though|although|however|whereas|except|yet|so|then|because|and\s+now|and\s+then"
    r"|and\s+it's|and\s+its|and\s+it\s+is|and\s+i|and\s+my|plus)\s",
    re.IGNORECASE,
)

# A clause that starts a new episode or names the current pain wins over one that tells history.
_EPISODE = re.compile(
    r"\b(?:came\s+back|come\s+back|coming\s+back|returned|recurred|again|this\s+time|new|"
    r"current(?:ly)?|now|started|began|start|this\s+(?:flare|bout|episode|round)|flared?\s+up"
    r"|flare)\b",
    re.IGNORECASE,
)
_HISTORY = re.compile(
    r"\b(?:surgery|surgeries|operation|operated|replaced|replacement|broke|broken|fractured?|"
    r"went\s+away|gone\s+away|disappeared|resolved|healed|recovered|was\s+fine|was\s+ok(?:ay)?|"
    r"was\s+good|pain[\s-]free|no\s+pain|used\s+to|previous(?:ly)?|before\s+that|had\s+\w+\s+"
    r"before|history|scope|arthroscopy|fusion|reconstruction|reconstructed|repair|repaired|helped"
    r"|got\s+better)\b",
    re.IGNORECASE,
)
# Worsening is not onset: "back pain for 6 months, worse 2 weeks ago" is 6 months.
_AGGRAVATION = re.compile(
    r"\b(?:worse|worsened|worsening|aggravated|acting\s+up)\b", re.IGNORECASE
)
# Pain that has come and gone for years is the background when another clause dates the
# current pain: "on and off for years, but since Saturday I can barely lift a cup" is Saturday
# (the spec: "on and off for years, this flare since Monday" is since Monday).
_BACKGROUND = re.compile(
    r"\b(?:on\s+and\s+off|off\s+and\s+on|on\s+&\s+off|comes?\s+and\s+goes?|came\s+and\s+went"
    r"|every\s+(?:now\s+and\s+then|so\s+often|winter|year))\b",
    re.IGNORECASE,
)


# Another health event, told in a clause that names no pain or injury, dates that event, not
# the pain: "fainted once years ago, knee hurts 3 weeks" is 3 weeks (pass F).
_OTHER_EVENT = re.compile(
    r"\b(?:fainted|fainting|passed\s+out|blacked\s+out|collapsed|seizures?|concussion|heart\s+"
    r"attack|stroke|covid|flu|pneumonia|pregnan\w*|cancer|melanoma|basal\s+cell|tumou?r|biopsy|"
    r"chemo\w*)\b",
    re.IGNORECASE,
)
# Words for the pain itself, shared with the timeline's "now it hurts" clause.
PAIN_WORDS = r"pain\w*|hurt\w*|ache\w*|aching|sore\w*|stiff\w*"
_PAIN_WORD = re.compile(
    rf"\b(?:{PAIN_WORDS}|throb\w*|twinge\w*|agony|tender|bad|"
    r"frozen|sciatica|injur\w*|dislocat\w*|broke|fractur\w*|sprain\w*|strain\w*|twist\w*|hit|fell|"
    r"landed|after\s+(?:my|the|a|his|her))\b",
    re.IGNORECASE,
)

@dataclass(frozen=True)
class Clauses:
    """The clause spans of one text, for "which clause is this offset in" questions."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> Clauses:
        starts = [0]
        ends = []
        for match in _BOUNDARY.finditer(text):
            ends.append(match.start())
            starts.append(match.end())
        ends.append(len(text))
        return cls(text, tuple(starts), tuple(ends))

    def index(self, offset: int) -> int:
        """The clause number that holds `offset` (a boundary belongs to the clause after it)."""
        return max(0, bisect_right(self.starts, offset) - 1)

    def span(self, offset: int) -> tuple[int, int]:
        i = self.index(offset)
        return self.starts[i], max(self.starts[i], self.ends[i])

    def clause_text(self, offset: int) -> str:
        start, end = self.span(offset)
        return self.text[start:end]

    def before(self, offset: int) -> str:
        """The part of the clause before `offset`."""
        start, _ = self.span(offset)
        return self.text[start:offset]

    def after(self, offset: int) -> str:
        """The part of the clause from `offset` on."""
        _, end = self.span(offset)
        return self.text[offset:end] if end > offset else ""


# "had plantar fasciitis last year, it resolved": the next clause closes the one before.
_RESOLVED_NEXT = re.compile(
    r"^\W*(?:that|which|it|this|they)\s+(?:\w+\s+){0,2}?(?:resolved|healed|went\s+away|"
    r"got\s+better|cleared\s+up|is\s+fine|was\s+fine|is\s+ok(?:ay)?|is\s+gone)\b",
    re.IGNORECASE,
)


def is_history(clause: str) -> bool:
    """True when the clause tells past history (surgery, a pain that went away)."""
    return bool(_HISTORY.search(clause))


def closed_by_next(clauses: Clauses, offset: int) -> bool:
    """True when the clause after the one at `offset` says that one is over."""
    i = clauses.index(offset) + 1
    if i >= len(clauses.starts):
        return False
    return bool(_RESOLVED_NEXT.match(clauses.text[clauses.starts[i] : clauses.ends[i]]))


def episode_score(clause: str) -> int:
    """How strongly a clause speaks about the current episode: higher wins."""
    score = 0
    if _EPISODE.search(clause):
        score += 2
    if _HISTORY.search(clause):
        score -= 3
    if _AGGRAVATION.search(clause):
        score -= 1
    if _BACKGROUND.search(clause):
        score -= 2
    return score


# ... unless later words date the pain from it: "I had covid in January and since then my whole
# body aches", "collapsed at work 6 weeks ago, my hip has hurt since" (review).
_SINCE_THEN = re.compile(
    r"\b(?:ever\s+since|since\s+(?:then|that|it)|after\s+(?:that|it)|from\s+then|since"
    r"(?!\s+(?:\d|a\b|an\b|one|two|three|last|this|yesterday|monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday|january|february|march|april|may|june|july|august|september|"
    r"october|november|december|the|my|i\b)))\b",
    re.IGNORECASE,
)


# The clause dates the pain itself: "Since the flu shot maybe?", "It started when I was 8
# months pregnant". Not "starting": "chemo starting in January" dates the chemo (review).
_ONSET_WORD = re.compile(r"\b(?:since|after|started|start|began|begun|from)\b", re.IGNORECASE)


def dates_another_event(clauses: Clauses, offset: int) -> bool:
    """True when the clause at `offset` tells another health event and names no pain or injury,
    and no later words date the pain from it ("fainted once years ago, knee hurts 3 weeks")."""
    clause = clauses.clause_text(offset)
    if not _OTHER_EVENT.search(clause) or _PAIN_WORD.search(clause) or _ONSET_WORD.search(clause):
        return False
    start, _ = clauses.span(offset)
    return not _SINCE_THEN.search(clauses.text[start:])
