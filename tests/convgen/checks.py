"""The properties every generated conversation must have, judged from its turns and the database.

`judge(conv, query)` returns the conversation's `Failure`s: the driver's own (stuck, dead end,
no ending, server error) and these:
- "greeting mid-form": the opening greeting sent while a question was open;
- "fallback after a completed flow": the "didn't understand" reply after a flow's last message;
- "safety question skipped": the red-flag screen ended without showing a question the patient
  had not yet answered (a repeated or earlier message taken as its answer);
- "repeat answered differently": a resent `metadata.message_id` that was run again;
- "digression loses the question", "FAQ answered wrongly": a digression not followed by the
  question it interrupted, or a clinic question given another answer;
- "crisis answer to an ordinary message", "unexpected <kind> ending", "ending not what the
  patient chose";
- database: "intake stored N times", "booking stored N times", "stored intake differs",
  "stored red flags differ".
`query(sql, **params)` returns rows as dicts (tests.e2e.harness.query bound to a database).
"""

from __future__ import annotations

from typing import Any, Callable

from bot.screening import regional_questions
from bot.triage import RED_FLAG_SLOTS
from tests.convgen.driver import ENDINGS, Conversation, Failure, Turn, is_advice
from tests.convgen.patient import flag_slot
from tests.convgen.readback import correction_failures
from tests.convgen.responses import Reply
from tests.convgen.stored import stored_failures

Query = Callable[..., list[dict[str, Any]]]
COMPLETIONS: set[str | None] = set().union(*ENDINGS.values()) | {
    "utter_booking_cancelled", "utter_booking_kept", "utter_intake_complete",
    "utter_booking_details",
}
GROUPS = [
    {"utter_offer_slots", "utter_offer_closest_slots", "utter_slot_choice_unclear"},
    {"utter_ask_correction", "utter_correction_not_understood"},
]
ALLOWED = {"booking": {"booking", "callback"}, "urgent": {"urgent"},
           "callback": {"callback"}, "stop": {"stop"}}


def _names(replies: list[Reply]) -> list[str | None]:
    return [r.name for r in replies]


def same_question(asked: Reply, replies: list[Reply]) -> bool:
    """Whether `replies` ask `asked` again (the same response, or its own re-ask)."""
    names = set(_names(replies))
    if asked.name in names:
        return True
    if (asked.name or "").startswith("utter_ask_rf_") and "utter_please_yes_no" in names:
        return True
    return any(asked.name in group and names & group for group in GROUPS)


def _turn_checks(conv: Conversation) -> list[Failure]:
    out: list[Failure] = []
    for i, turn in enumerate(conv.turns):
        names = _names(turn.replies)
        if turn.first is not None and turn.first != turn.raw:
            how = "at once" if turn.kind == "answer" else "after the reply"
            out.append(Failure("repeat answered differently",
                               f"{turn.text!r} sent twice {how} at "
                               f"{turn.asked and turn.asked.name}", i))
        if turn.kind == "repeat":  # its replies are (must be) the first sending's
            continue
        open_form = turn.asked is not None and turn.asked.name not in ("utter_greet",
                                                                       "utter_restarted")
        if open_form and "utter_greet" in names:
            out.append(Failure("greeting mid-form", f"{turn.text!r} at {turn.asked.name}", i))
        done = [k for k, n in enumerate(names) if n in COMPLETIONS]
        before = _names(conv.turns[i - 1].replies)[-1:] if i else []
        after_end = turn.kind == "probe" or bool(set(before) & COMPLETIONS) or (
            turn.asked is not None and turn.asked.name in COMPLETIONS)
        if "utter_default" in names and (
            after_end or (done and names.index("utter_default") > done[0])
        ):
            ended = names[done[0]] if done else (before[0] if before else "the end")
            out.append(Failure("fallback after a completed flow",
                               f"{turn.text!r} after {ended}", i))
        if "utter_crisis" in names:
            out.append(Failure("crisis answer to an ordinary message", repr(turn.text), i))
        out.extend(_digression(conv, i, turn))
        if turn.kind == "interrupt" and not set(names) & ENDINGS[turn.expect or ""]:
            asked = turn.asked.name if turn.asked else None
            out.append(Failure(f"{turn.expect} request ignored", f"{turn.text!r} at {asked}: "
                               f"got {names}", i))
    return out


def _digression(conv: Conversation, i: int, turn: Turn) -> list[Failure]:
    if turn.kind != "digression" or turn.asked is None:
        return []
    if turn.asked.name == "utter_ask_booking_code":
        return []  # the driver's follow-up to its own digression: judged with the first
    out = []
    if turn.expect and turn.expect not in _names(turn.replies):
        got = [n for n in _names(turn.replies) if n and n.startswith("utter_faq")]
        out.append(Failure("FAQ answered wrongly", f"{turn.text!r} got {got or 'no answer'}", i))
    last = i
    nxt = conv.turns[i + 1] if i + 1 < len(conv.turns) else None
    if nxt is not None and nxt.kind == "digression" and nxt.asked is not None and (
        nxt.asked.name == "utter_ask_booking_code"
    ):
        last = i + 1
    if not same_question(turn.asked, conv.turns[last].replies):
        out.append(Failure("digression loses the question",
                           f"{turn.text!r} at {turn.asked.name}: got "
                           f"{_names(conv.turns[last].replies)}", last))
    return out


SPINE_REGIONS = {"lower back", "neck"}  # the regions that get the whole spine screen


def _moved_on(conv: Conversation) -> list[Failure]:
    """A red-flag question is left only by an answer to it: a repeat, a digression or a reply
    to another question that moves past it means it took an answer the patient never gave."""
    pending: str | None = None
    for i, turn in enumerate(conv.turns):
        names = _names(turn.replies)
        asked = [s for s in map(flag_slot, names) if s]
        to = turn.asked.name if turn.asked else None
        answered = turn.kind == "answer" and (
            flag_slot(to) == pending or to == "utter_please_yes_no")
        ended = any(n == "utter_summary" or is_advice(n) for n in names)
        if pending and not answered and (ended or (asked and asked[-1] != pending)):
            return [Failure("safety question skipped",
                            f"{pending} left after {turn.kind} {turn.text!r}", i)]
        if asked:
            pending = asked[-1]
        elif (answered or ended) and "utter_please_yes_no" not in names:
            pending = None
    return []


def _screen(conv: Conversation) -> list[Failure]:
    """A back or neck patient sees the spine screen, up to their first yes or "not sure",
    before the screen ends."""
    if conv.persona.region not in SPINE_REGIONS:
        return _moved_on(conv)
    stop_at = [*conv.flag_answers("yes"), *conv.flag_answers("unsure")]
    shown: list[str] = []
    for i, turn in enumerate(conv.turns):
        names = set(_names(turn.replies))
        ended = {n for n in names if n == "utter_summary" or is_advice(n)}
        if ended:
            # The screen in the order the region gets it (bot.screening.regional_questions: the
            # neck's own questions come among the spine's), up to the first yes or "not sure".
            order = regional_questions([{"region": conv.persona.region.replace(" ", "_")}])
            last = max((order.index(s) for s in stop_at if s in order), default=len(order) - 1)
            missing = [s for s in order[: last + 1] if s in RED_FLAG_SLOTS and s not in shown]
            if missing:
                return [Failure("safety question skipped",
                                f"{sorted(ended)[0]} without asking {missing}", i)]
            return _moved_on(conv)
        shown += [s for s in map(flag_slot, _names(turn.replies)) if s]
    return _moved_on(conv)


def _answers(conv: Conversation) -> list[Failure]:
    """Uncertainty and corrections: "not sure" is followed up, not refused; a correction
    changes what it names, to the new value, and nothing else (tests.convgen.readback)."""
    out = []
    for i, turn in enumerate(conv.turns):
        names = _names(turn.replies)
        if turn.meta.get("answer") == "unsure" and "utter_please_yes_no" in names:
            out.append(Failure("red-flag uncertainty refused",
                               f"{turn.text!r} at {turn.asked and turn.asked.name}", i))
        if "correction" in turn.meta:
            out.extend(correction_failures(conv, i))
    return out


def _endings(conv: Conversation) -> list[Failure]:
    if any(f.kind in ("server error", "dead end", "no ending") or f.kind.startswith(
            ("stuck", "patient cannot")) for f in conv.failures):
        return []  # already failed to end; no second verdict
    seen, last = conv.seen(), len(conv.turns) - 1
    allowed = set(ALLOWED.get(conv.intended or "", set()))
    if conv.flag_answers("unsure") or "utter_crisis" in conv.names():
        allowed.add("urgent")  # careful after "not sure"; a crisis answer is reported alone
    out = [Failure(f"unexpected {kind} ending", f"intended {conv.intended}", last)
           for kind in sorted(seen - allowed)]
    if conv.intended and conv.intended not in seen and not (seen & allowed):
        out.append(Failure("ending not what the patient chose",
                           f"intended {conv.intended}, got {sorted(seen)}", last))
    return out


def judge(conv: Conversation, query: Query | None = None) -> list[Failure]:
    """All failures of one conversation; the database is checked when `query` is given."""
    failures = [*conv.failures, *_turn_checks(conv), *_screen(conv), *_answers(conv),
                *_endings(conv)]
    if query is not None:
        failures.extend(stored_failures(conv, query))
    return failures
