"""What every SMS gateway offers, and the console gateway that only logs and writes a file."""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from bot.contact import mask_phone
from bot.db import utcnow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SmsMessage:
    to: str  # E.164
    body: str
    # The same key on every attempt of one message: a gateway that knows it sends it once.
    idempotency_key: str | None = None


@dataclass(frozen=True)
class SendResult:
    sid: str
    status: str = "queued"


class SendError(Exception):
    """Sending failed; `code` is the provider's error code when it gave one."""

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.code = code


class TransientSendError(SendError):
    """Worth retrying later: timeouts, connection errors, 5xx, 429."""


class PermanentSendError(SendError):
    """Retrying won't help: invalid number, unsubscribed number, other 4xx."""

    @property
    def unsubscribed(self) -> bool:
        return self.code == "21610"


class SmsGateway(Protocol):
    name: str

    def send(self, message: SmsMessage) -> SendResult: ...


class ConsoleGateway:
    """Development gateway: logs each text (number masked) and appends it to a JSONL outbox.

    The outbox is the local stand-in for a provider, so it holds the full number; the key makes
    a resend after a crash a no-op, also across processes (the file is locked while checked).
    """

    name = "console"

    def __init__(self, outbox: Path, clock=utcnow) -> None:  # noqa: ANN001
        self.outbox = Path(outbox)
        self.clock = clock

    def send(self, message: SmsMessage) -> SendResult:
        self.outbox.parent.mkdir(parents=True, exist_ok=True)
        with self.outbox.open("a+", encoding="utf-8") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                if message.idempotency_key:
                    handle.seek(0)
                    for line in handle:
                        entry = json.loads(line)
                        if entry.get("idempotency_key") == message.idempotency_key:
                            return SendResult(entry["sid"], "duplicate")
                now: dt.datetime = self.clock()
                sid = "CONSOLE" + (message.idempotency_key or f"{now.timestamp():.6f}")[:32]
                entry = {
                    "sid": sid,
                    "to": message.to,
                    "body": message.body,
                    "idempotency_key": message.idempotency_key,
                    "at": now.isoformat(),
                }
                handle.seek(0, 2)
                handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
                handle.flush()
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
        log.info("SMS to %s (%d chars): %s", mask_phone(message.to), len(message.body), sid)
        log.debug("SMS body to %s: %s", mask_phone(message.to), message.body)
        return SendResult(sid, "queued")
