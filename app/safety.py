"""`bot safety reconcile [--hours H]`: write staff flags for safety advice given during an outage.

The reminder worker runs the same check on every poll; this command runs it once, by hand.
"""

from __future__ import annotations

import argparse
import datetime as dt

from bot.intake.outage_flags import PendingFlags
from bot.intake.reconcile import reconcile_urgent_flags


def register(subparsers) -> None:  # noqa: ANN001 (argparse's private type)
    safety = subparsers.add_parser("safety", help="safety flags for staff")
    actions = safety.add_subparsers(dest="safety_command", required=True)
    run = actions.add_parser(
        "reconcile",
        help="flag conversations that got crisis or red-flag advice but have no urgent intake",
    )
    run.add_argument("--hours", type=float, default=72.0, help="how far back to look")
    run.set_defaults(func=reconcile_command)


def reconcile_command(args: argparse.Namespace) -> int:
    from app.bootstrap import build_services

    services = build_services()
    since = services.clock() - dt.timedelta(hours=args.hours)
    flagged = reconcile_urgent_flags(services.session_factory, since, services.clock)
    pending = PendingFlags(services.settings.var_dir).write_all(
        services.session_factory, services.clock
    )
    print(f"{len(flagged)} conversation(s) flagged for staff from transcripts, "
          f"{pending} from the safety net's pending flags")
    return 0
