"""What a finished conversation must have left in the database: one intake, at most one booking,
and the facts the patient confirmed, never those it corrected."""

from __future__ import annotations

import json
import re
from typing import Any, Callable

from bot import triage
from tests.convgen.driver import Conversation, Failure, is_advice

Query = Callable[..., list[dict[str, Any]]]
# Staff labels by slot: every red-flag table bot.triage has (the spine screen, warning signs).
LABELS = {f.slot: f.label for f in getattr(triage, "ALL_FLAGS", triage.RED_FLAGS)}
_CODE = re.compile(r"booking code is ([A-Z0-9]{3}-[A-Z0-9]{3})")


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _confirmed(conv: Conversation) -> bool:
    """Whether the patient said yes to a read-back (so the stored facts must be its own)."""
    return any(
        r.name == "utter_offer_booking" or (r.name or "").startswith("utter_explain_")
        for t in conv.turns for r in t.replies
    )


def _intake(conv: Conversation, row: dict[str, Any], last: int) -> list[Failure]:
    p, out = conv.final, []
    wrong: list[str] = []
    if _confirmed(conv):
        if row["pain_score"] != p.score:
            wrong.append(f"score {row['pain_score']} (said {p.score})")
        if row["pain_class"] != p.pain_class:
            wrong.append(f"class {row['pain_class']} (said {p.duration})")
        places = [(loc.get("region"), loc.get("side")) for loc in _json(row["locations"]) or []]
        region = p.region.replace(" ", "_")
        if not any(r == region and (p.side is None or s == p.side) for r, s in places):
            wrong.append(f"locations {places} (said {p.where()})")
    if wrong:
        out.append(Failure("stored intake differs", "; ".join(wrong), last))
    flags = _json(row["red_flags"]) or []
    said_yes = [LABELS.get(slot, slot) for slot in conv.flag_answers("yes")]
    screened = _confirmed(conv) or any(map(is_advice, conv.names()))
    missing = [label for label in said_yes if label not in flags]
    unasked = [] if said_yes or conv.flag_answers("unsure") else flags
    if screened and (missing or unasked):
        out.append(Failure("stored red flags differ", f"{flags} (answered yes: {said_yes})",
                           last))
    if row["crisis"] and "utter_crisis" not in conv.names():
        out.append(Failure("crisis flag on an ordinary patient", "intakes.crisis", last))
    return out


def stored_failures(conv: Conversation, query: Query) -> list[Failure]:
    """Failures of what `conv` stored; `query(sql, **params)` reads the servers' database."""
    last = len(conv.turns) - 1
    intakes = query("SELECT * FROM intakes WHERE conversation_id = :c", c=conv.sender)
    out = []
    needs_intake = _confirmed(conv) or "urgent" in conv.seen()
    if len(intakes) > 1 or (needs_intake and not intakes):
        out.append(Failure("intake stored N times", f"{len(intakes)} rows", last))
    if len(intakes) == 1:
        out.extend(_intake(conv, intakes[0], last))
    bookings = query("SELECT code, status FROM bookings WHERE conversation_id = :c",
                     c=conv.sender)
    codes = [m.group(1) for t in conv.turns for r in t.replies if (m := _CODE.search(r.text))]
    booked = [b for b in bookings if b["status"] == "booked"]
    if len(bookings) > 1 or len(booked) != (1 if "booking" in conv.seen() else 0):
        out.append(Failure("booking stored N times",
                           f"{[(b['code'], b['status']) for b in bookings]}", last))
    elif booked and booked[0]["code"] not in codes:
        out.append(Failure("booking code differs",
                           f"stored {booked[0]['code']}, confirmed {codes}", last))
    return out
