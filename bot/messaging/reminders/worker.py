"""The reminder worker: claims due reminders atomically, sends each once, records the outcome.

Exactly once in effect:
- claim: one transaction moves rows from `planned` (or `sending` with an expired lease, i.e. a
  crashed worker's) to `sending` with this worker's claim token and a lease; the UPDATE repeats
  the "is due" condition, so of two workers racing for a row only one changes it (PostgreSQL
  also skips rows another claim has locked; SQLite's BEGIN IMMEDIATE serialises claims).
- before sending, the lease is renewed under the same token (so a worker that lost its claim
  never sends) and the booking and the number's opt-out are checked again; the send itself goes
  through `send_unless_opted_out`, which reads the opt-out once more just before the gateway;
- the send carries the reminder's idempotency key, and the provider's SID is recorded with the
  `sent` status under the token. A crash between send and record leaves `sending`; the lease
  expires and the resend carries the same key.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import random
import socket
import threading
import uuid
from dataclasses import dataclass, field
from typing import Callable, List, Sequence

from sqlalchemy import and_, or_, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from bot.clinic import ClinicProfile
from bot.db import unit_of_work
from bot.messaging.models import CANCELLED, FAILED, PLANNED, SENDING, SENT, Reminder
from bot.messaging.optout import is_opted_out, opt_out, send_unless_opted_out
from bot.messaging.reminders.planning import in_quiet_hours, quiet_hours_end
from bot.messaging.transport.gateway import (
    PermanentSendError,
    SendError,
    SendResult,
    SmsGateway,
    SmsMessage,
    TransientSendError,
)
from bot.scheduling.models import BOOKED, Booking

log = logging.getLogger(__name__)
Clock = Callable[[], dt.datetime]


def default_worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:64]


@dataclass(frozen=True)
class WorkerConfig:
    worker_id: str = field(default_factory=default_worker_id)
    # Longer than one send can take (the Twilio client times out after 10 s by default).
    lease: dt.timedelta = dt.timedelta(minutes=2)
    batch: int = 20
    retry_base: dt.timedelta = dt.timedelta(minutes=1)
    retry_max: dt.timedelta = dt.timedelta(hours=1)
    max_attempts: int = 8


@dataclass
class WorkerStats:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    cancelled: int = 0
    deferred: int = 0

    def add(self, other: WorkerStats) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def handled(self) -> int:
        return sum(vars(self).values())


@dataclass(frozen=True)
class _Claim:
    id: int
    token: str


class ReminderWorker:
    def __init__(
        self,
        factory: sessionmaker,
        gateway: SmsGateway,
        profile: ClinicProfile,
        clock: Clock,
        config: WorkerConfig | None = None,
    ) -> None:
        self.factory, self.gateway, self.profile, self.clock = factory, gateway, profile, clock
        self.config = config or WorkerConfig()

    def run_once(self) -> WorkerStats:
        """Send everything due now, batch after batch, then return what happened."""
        stats = WorkerStats()
        while True:
            claims = self.claim_batch()
            if not claims:
                return stats
            for claim in claims:
                self.deliver(claim, stats)

    def run_forever(
        self,
        stop: threading.Event,
        interval: float = 30.0,
        also: Sequence[Callable[[], object]] = (),
    ) -> None:
        """Send what is due every `interval` seconds until `stop`; then run each of `also`
        (housekeeping the bootstrap wires in, such as writing staff flags from transcripts)."""
        log.info("reminder worker %s started (gateway %s)", self.config.worker_id,
                 self.gateway.name)
        while not stop.is_set():
            try:
                stats = self.run_once()
                for job in also:
                    job()
            except OperationalError as err:  # database restarting or locked too long
                log.warning("reminder worker: database unavailable (%s); retrying",
                            type(err.orig).__name__)
            else:
                if stats.handled:
                    log.info("reminders: %s", stats)
            stop.wait(interval)
        log.info("reminder worker %s stopped", self.config.worker_id)

    def claim_batch(self) -> List[_Claim]:
        now = self.clock()
        due = _due(now)
        claims = []
        with unit_of_work(self.factory) as session:
            query = (
                select(Reminder.id)
                .where(due)
                .order_by(Reminder.next_attempt_at, Reminder.id)
                .limit(self.config.batch)
            )
            if session.get_bind().dialect.name == "postgresql":
                query = query.with_for_update(skip_locked=True)
            for reminder_id in session.execute(query).scalars().all():
                token = uuid.uuid4().hex
                result = session.execute(
                    update(Reminder)
                    .where(Reminder.id == reminder_id, due)
                    .values(
                        status=SENDING,
                        claimed_by=self.config.worker_id,
                        claim_token=token,
                        lease_until=now + self.config.lease,
                        attempts=Reminder.attempts + 1,
                    )
                    .execution_options(synchronize_session=False)
                )
                if result.rowcount == 1:
                    claims.append(_Claim(reminder_id, token))
        return claims

    def deliver(self, claim: _Claim, stats: WorkerStats) -> None:
        message = self._prepare(claim, stats)
        if message is None:
            return
        try:
            result = send_unless_opted_out(self.factory, self.gateway, message)
        except SendError as err:
            self._record_failure(claim, message, err, stats)
        else:
            if result is None:  # STOP arrived after `_prepare`
                self._record_cancelled(claim, "opted_out", stats)
            else:
                self._record_sent(claim, result, stats)

    def _prepare(self, claim: _Claim, stats: WorkerStats) -> SmsMessage | None:
        """Renew the lease and check the reminder still should go; the message, or None."""
        now = self.clock()
        with unit_of_work(self.factory) as session:
            reminder = _owned(session, claim)
            if reminder is None:
                log.warning("reminder %s: claim lost before sending; skipped", claim.id)
                return None
            booking = session.get(Booking, reminder.booking_id)
            reason = None
            if booking is None or booking.status != BOOKED:
                reason = "booking_cancelled"
            elif booking.starts_at <= now:
                reason = "too_late"
            elif is_opted_out(session, reminder.phone):
                reason = "opted_out"
            elif reminder.attempts > self.config.max_attempts:
                _finish(reminder, FAILED, error_message="too many attempts")
                stats.failed += 1
                return None
            elif in_quiet_hours(now, self.profile):
                later = quiet_hours_end(now, self.profile)
                if later >= booking.starts_at:
                    reason = "too_late"
                else:
                    _finish(reminder, PLANNED, next_attempt_at=later)
                    reminder.attempts -= 1
                    stats.deferred += 1
                    return None
            if reason:
                _finish(reminder, CANCELLED, cancelled_at=now, cancel_reason=reason)
                stats.cancelled += 1
                return None
            reminder.lease_until = now + self.config.lease
            return SmsMessage(reminder.phone, reminder.body, reminder.idempotency_key)

    def _record_sent(self, claim: _Claim, result: SendResult, stats: WorkerStats) -> None:
        with unit_of_work(self.factory) as session:
            reminder = _owned(session, claim)
            if reminder is None:
                log.warning("reminder %s: sent as %s but its claim was lost", claim.id,
                            result.sid)
                return
            _finish(reminder, SENT, provider_sid=result.sid, sent_at=self.clock(),
                    error_code=None, error_message=None)
        stats.sent += 1
        log.info("reminder %s sent (%s)", claim.id, result.sid)

    def _record_cancelled(self, claim: _Claim, reason: str, stats: WorkerStats) -> None:
        now = self.clock()
        with unit_of_work(self.factory) as session:
            reminder = _owned(session, claim)
            if reminder is None:
                return
            _finish(reminder, CANCELLED, cancelled_at=now, cancel_reason=reason)
        stats.cancelled += 1
        log.info("reminder %s cancelled before sending: %s", claim.id, reason)

    def _record_failure(
        self, claim: _Claim, message: SmsMessage, err: SendError, stats: WorkerStats
    ) -> None:
        now = self.clock()
        with unit_of_work(self.factory) as session:
            reminder = _owned(session, claim)
            if reminder is None:
                return
            detail = {"error_code": err.code, "error_message": str(err)[:255]}
            if isinstance(err, TransientSendError) and reminder.attempts < self.config.max_attempts:
                _finish(reminder, PLANNED, next_attempt_at=now + self._backoff(reminder.attempts),
                        **detail)
                stats.retried += 1
                log.info("reminder %s: %s; retry %d scheduled", claim.id, err, reminder.attempts)
                return
            _finish(reminder, FAILED, **detail)
            stats.failed += 1
            log.warning("reminder %s failed for good: %s", claim.id, err)
            if isinstance(err, PermanentSendError) and err.unsubscribed:
                opt_out(session, message.to, "carrier", now)

    def _backoff(self, attempts: int) -> dt.timedelta:
        delay = self.config.retry_base * (2 ** max(0, attempts - 1))
        delay = min(delay, self.config.retry_max)
        return delay * random.uniform(1.0, 1.2)  # jitter: workers retrying together spread out


def _due(now: dt.datetime):  # noqa: ANN202 (a SQL expression)
    return or_(
        and_(Reminder.status == PLANNED, Reminder.next_attempt_at <= now),
        and_(Reminder.status == SENDING, Reminder.lease_until <= now),
    )


def _owned(session: Session, claim: _Claim) -> Reminder | None:
    query = select(Reminder).where(
        Reminder.id == claim.id, Reminder.claim_token == claim.token, Reminder.status == SENDING
    )
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    return session.execute(query).scalar()


def _finish(reminder: Reminder, status: str, **values: object) -> None:
    reminder.status = status
    reminder.claim_token = None
    reminder.lease_until = None
    for name, value in values.items():
        setattr(reminder, name, value)
