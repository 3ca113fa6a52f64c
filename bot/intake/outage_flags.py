"""Staff flags for safety advice that the channel's safety net sent during an outage.

When the action server is down, the channel answers crisis language with the crisis lines and
words that state a warning sign needing 911 or an emergency department now with that advice
(`channels.safety_net`). No action runs, so nothing flags the intake for staff, and a red flag
said in words leaves nothing in the transcript for `bot.intake.reconcile` to find. The channel
calls `flag_advice_sent` instead. When the database is down too, the flag waits in a file under
`var/` (`PendingFlags`), and the reconcile writes it once the database answers again.

Shapes: a pending flag is one JSON line {"sender_id", "channel", "crisis", "red_flags", "at"}
(`red_flags`: the staff labels of `bot.triage`, `at`: ISO 8601 UTC).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy.orm import sessionmaker

from bot.db import utcnow
from bot.intake.service import IntakeUpdate, intakes_for_conversation, save_intake

log = logging.getLogger(__name__)
PENDING_FILE = "pending-safety-flags.jsonl"
_LOCK = threading.Lock()


@dataclass(frozen=True)
class OutageFlag:
    """One flag the safety net owes staff: the conversation, its channel, whether the crisis
    lines were sent, and the staff labels of the red flags the words stated."""

    sender_id: str
    channel: str
    crisis: bool
    red_flags: tuple[str, ...]
    at: str


def write_flag(
    factory: sessionmaker, flag: OutageFlag, clock: Callable[[], dt.datetime] = utcnow
) -> int:
    """Mark the conversation's latest intake urgent (a new one when it has none), adding the
    flag's red-flag labels to those stored and the crisis mark; the intake id.
    Raises SQLAlchemy's errors when the database does not answer."""
    intakes = intakes_for_conversation(factory, flag.sender_id)
    latest = intakes[-1] if intakes else None
    labels = list(dict.fromkeys([*((latest.red_flags or []) if latest else []), *flag.red_flags]))
    fields: dict = {"red_flags": labels}
    if flag.crisis:
        fields["crisis"] = True
    return save_intake(
        factory,
        flag.sender_id,
        IntakeUpdate(fields, "urgent"),
        intake_id=latest.id if latest else None,
        channel=flag.channel,
        clock=clock,
    )


class PendingFlags:
    """The flags that could not be written, one JSON line each in `var_dir/PENDING_FILE`."""

    def __init__(self, var_dir: Path) -> None:
        self.path = Path(var_dir) / PENDING_FILE

    def add(self, flag: OutageFlag) -> None:
        with _LOCK:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as out:
                out.write(json.dumps(asdict(flag)) + "\n")
                out.flush()
                os.fsync(out.fileno())

    def write_all(self, factory: sessionmaker, clock: Callable[[], dt.datetime] = utcnow) -> int:
        """Write every pending flag; those that fail stay for the next run. How many were
        written. A line that is not a flag is kept aside in `<file>.bad`, never lost."""
        with _LOCK:
            if not self.path.exists():
                return 0
            lines = self.path.read_text(encoding="utf-8").splitlines()
            left: list[str] = []
            written = 0
            for line in lines:
                if not line.strip():
                    continue
                try:
                    data = json.loads(line)
                    flag = OutageFlag(**{**data, "red_flags": tuple(data.get("red_flags") or ())})
                except (ValueError, TypeError):
                    with self.path.with_suffix(".bad").open("a", encoding="utf-8") as bad:
                        bad.write(line + "\n")
                    continue
                try:
                    write_flag(factory, flag, clock)
                    written += 1
                except Exception as err:  # noqa: BLE001 (the database is still down: keep it)
                    log.warning("pending safety flag not written yet (%s)", type(err).__name__)
                    left.append(line)
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text("".join(f"{line}\n" for line in left), encoding="utf-8")
            tmp.replace(self.path)
            return written


def flag_advice_sent(
    factory: sessionmaker,
    pending: PendingFlags,
    flag: OutageFlag,
    clock: Callable[[], dt.datetime] = utcnow,
) -> bool:
    """Write the flag now, or keep it in `pending` when the database does not answer; True
    when it was written now. Never raises: the patient already has the advice."""
    try:
        write_flag(factory, flag, clock)
        return True
    except Exception as err:  # noqa: BLE001 (any database failure: keep the flag for later)
        log.warning("safety flag kept for later (%s)", type(err).__name__)
        pending.add(flag)
        return False
