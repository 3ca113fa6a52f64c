"""A number that texted STOP gets nothing more, even a text that was already on its way."""

from __future__ import annotations

import json
import logging

from sqlalchemy import select

from bot.db import unit_of_work
from bot.messaging.models import Reminder
from bot.messaging.optout import opt_out, send_unless_opted_out
from bot.messaging.reminders.worker import ReminderWorker, WorkerConfig
from bot.messaging.transport.gateway import ConsoleGateway, SmsMessage

ANA = "+12125550123"


def outbox(gateway: ConsoleGateway) -> list:
    if not gateway.outbox.exists():
        return []
    return [json.loads(line) for line in gateway.outbox.read_text(encoding="utf-8").splitlines()]


def test_a_text_to_an_opted_out_number_is_not_sent_and_the_log_masks_it(
    session_factory, clock, tmp_path, caplog
):
    gateway = ConsoleGateway(tmp_path / "outbox.jsonl", clock=clock)
    assert send_unless_opted_out(session_factory, gateway, SmsMessage(ANA, "first")) is not None
    with unit_of_work(session_factory) as session:
        opt_out(session, ANA, "STOP", clock())
    with caplog.at_level(logging.INFO):
        result = send_unless_opted_out(session_factory, gateway, SmsMessage(ANA, "second"))
    assert result is None
    assert [entry["body"] for entry in outbox(gateway)] == ["first"]
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "opted out" in logged and ANA not in logged and ANA[-2:] in logged


def test_stop_between_the_workers_last_check_and_the_send_cancels_the_reminder(
    session_factory, profile, clock, due_reminders, tmp_path
):
    ids = due_reminders(session_factory, profile, 2, clock())
    gateway = ConsoleGateway(tmp_path / "outbox.jsonl", clock=clock)
    worker = ReminderWorker(session_factory, gateway, profile, clock, WorkerConfig(worker_id="w"))
    with unit_of_work(session_factory) as session:
        phones = {r.id: r.phone for r in session.execute(select(Reminder)).scalars()}
    prepare = worker._prepare

    def prepare_then_stop(claim, stats):  # noqa: ANN001, ANN202 (wraps the private step)
        message = prepare(claim, stats)  # the reminder passed every check ...
        if claim.id == ids[0]:
            with unit_of_work(session_factory) as session:  # ... then STOP comes in
                opt_out(session, phones[ids[0]], "STOP", clock())
        return message

    worker._prepare = prepare_then_stop
    stats = worker.run_once()
    assert (stats.sent, stats.cancelled) == (1, 1)
    assert [entry["to"] for entry in outbox(gateway)] == [phones[ids[1]]]
    with unit_of_work(session_factory) as session:
        first = session.get(Reminder, ids[0])
        assert (first.status, first.cancel_reason) == ("cancelled", "opted_out")
        assert first.claim_token is None
