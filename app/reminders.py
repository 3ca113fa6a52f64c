"""`bot reminders run [--once] [--interval S]`: the reminder worker with the real SMS gateway.

Here, outside the domain, because it builds adapters; `python -m app.reminders run` is the same.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import signal
import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlalchemy.exc import SQLAlchemyError

from bot.intake.outage_flags import PendingFlags
from bot.intake.reconcile import reconcile_urgent_flags
from bot.messaging.reminders.worker import ReminderWorker, WorkerConfig
from bot.turns import purge_handled

if TYPE_CHECKING:
    from app.bootstrap import Services

log = logging.getLogger(__name__)
RECONCILE_WINDOW = dt.timedelta(hours=72)
MESSAGE_ID_MEMORY = dt.timedelta(days=7)


def register(subparsers) -> None:  # noqa: ANN001 (argparse's private type)
    reminders = subparsers.add_parser("reminders", help="SMS appointment reminders")
    actions = reminders.add_subparsers(dest="reminders_command", required=True)
    run = actions.add_parser("run", help="send due reminders (until stopped, or --once)")
    run.add_argument("--once", action="store_true", help="send what is due now, then exit")
    run.add_argument("--interval", type=float, default=30.0, help="seconds between polls")
    run.add_argument("--batch", type=int, default=20, help="reminders claimed at a time")
    run.add_argument(
        "--lease", type=float, default=120.0,
        help="seconds a claim lasts; a crashed worker's reminders are retried after it",
    )
    run.add_argument("--retry-base", type=float, default=60.0,
                     help="first retry delay in seconds (doubles each attempt)")
    run.set_defaults(func=run_command)


def run_command(args: argparse.Namespace) -> int:
    # Imported here so `bot --help` does not load the database and Twilio packages.
    from app.bootstrap import build_services, make_sms_gateway

    _configure_logging()
    services = build_services()
    gateway = make_sms_gateway(services.settings)
    config = WorkerConfig(
        lease=dt.timedelta(seconds=args.lease),
        batch=args.batch,
        retry_base=dt.timedelta(seconds=args.retry_base),
    )
    worker = ReminderWorker(
        services.session_factory, gateway, services.profile, services.clock, config
    )
    if args.once:
        stats = worker.run_once()
        log.info("reminders: %s", stats)
        return 0
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    worker.run_forever(stop, args.interval, also=housekeeping(services))
    return 0


def housekeeping(services: Services) -> list[Callable[[], object]]:
    """What the worker also does on every poll: write the staff flag for safety advice given
    while it could not be saved (bot.intake.reconcile), forget old client message ids, and
    send booking emails still queued (a retry, or one whose chat turn did not finish)."""
    factory, clock = services.session_factory, services.clock

    def flag_from_transcripts() -> object:
        return reconcile_urgent_flags(factory, clock() - RECONCILE_WINDOW, clock)

    def flag_from_the_safety_net() -> object:  # advice the channel sent in an outage
        return PendingFlags(services.settings.var_dir).write_all(factory, clock)

    def forget_message_ids() -> object:
        return purge_handled(factory, clock() - MESSAGE_ID_MEMORY)

    def send_booking_emails() -> object:
        return services.send_booking_emails()

    return [
        _logged(flag_from_transcripts),
        _logged(flag_from_the_safety_net),
        _logged(forget_message_ids),
        _logged(send_booking_emails),
    ]


def _logged(job: Callable[[], object]) -> Callable[[], object]:
    """A housekeeping job whose database errors are logged: they never stop the worker."""

    def run() -> object:
        try:
            return job()
        except SQLAlchemyError as err:
            log.warning("housekeeping %s skipped: %s", job.__name__, type(err).__name__)
            return None

    return run


def _configure_logging() -> None:
    if not logging.getLogger().handlers:
        logging.basicConfig(
            level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )


def main(argv: list[str] | None = None) -> int:
    """Entry point for `python -m app.reminders` (the same parser as `bot reminders`)."""
    parser = argparse.ArgumentParser(prog="bot")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["reminders", *(argv if argv is not None else _argv())])
    return args.func(args)


def _argv() -> list[str]:
    return sys.argv[1:]


if __name__ == "__main__":
    sys.exit(main())
