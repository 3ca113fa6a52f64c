"""Reading the read-back (`utter_summary`) as facts, to judge a correction by what it changed.

A read-back looks like "left knee, about 4 months, so about 17 weeks, which clinicians call
chronic pain; stairs are hard; 6 out of 10 today" (bot.intake.summary): the place comes first,
the class is named, the score ends it.
"""

from __future__ import annotations

import re

from tests.convgen.driver import Conversation, Failure

_SUMMARY = re.compile(r"Here's what I have: (.*)\. Did I get that right\?", re.S)
_SCORE = re.compile(r"(\d+) out of 10 today")
_CLASS = re.compile(r"clinicians call (\w+) pain")


def facts(text: str) -> dict[str, str | None] | None:
    """{"place", "side", "score", "class"} of a read-back text, or None if it is not one."""
    match = _SUMMARY.search(text)
    if not match:
        return None
    body = match.group(1)
    place = body.split(",", 1)[0].strip().lower()
    side = next((w for w in ("left", "right", "both") if re.search(rf"\b{w}\b", place)), None)
    score, pain_class = _SCORE.search(body), _CLASS.search(body)
    return {
        "place": place,
        "side": side,
        "score": score.group(1) if score else None,
        "class": pain_class.group(1) if pain_class else None,
    }


def _last_readback(conv: Conversation, before: int) -> dict[str, str | None] | None:
    for turn in reversed(conv.turns[:before]):
        for reply in reversed(turn.replies):
            if reply.name == "utter_summary":
                return facts(reply.text)
    return None


def correction_failures(conv: Conversation, i: int) -> list[Failure]:
    """For the correction sent at turn `i`: "correction not taken" when the new read-back does
    not show the new value (or none comes), "correction changes what it did not name" when
    another fact moved. A side correction may change the place's words, nothing else."""
    turn = conv.turns[i]
    fact, value = turn.meta["correction"], str(turn.meta["value"])
    after = next((facts(r.text) for r in turn.replies if r.name == "utter_summary"), None)
    before = _last_readback(conv, i)
    if after is None:
        got = [r.name for r in turn.replies]
        return [Failure("correction not taken", f"{turn.text!r} ({fact}) got {got}", i)]
    out = []
    key = {"score": "score", "side": "side", "place": "place", "class": "class"}[fact]
    if (after[key] or "") != value and not (key == "place" and value in (after[key] or "")):
        out.append(Failure("correction not taken",
                           f"{turn.text!r}: {key} is {after[key]}, not {value}", i))
    if before is not None:
        named = {key} | ({"place"} if key == "side" else set()) | (
            {"side"} if key == "place" else set())
        moved = [f"{k} {before[k]} -> {after[k]}" for k in before
                 if k not in named and before[k] != after[k]]
        if moved:
            out.append(Failure("correction changes what it did not name",
                               f"{turn.text!r}: {'; '.join(moved)}", i))
    return out
