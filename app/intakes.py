"""`bot intakes export`: prints the stored intakes as JSON lines or CSV (bot.frontdesk.export).

Here, outside the domain, because it builds the adapters from settings.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from bot.frontdesk.export import FORMATS


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-24") from err


def register(subparsers: argparse._SubParsersAction) -> None:
    intakes = subparsers.add_parser("intakes", help="stored intakes")
    actions = intakes.add_subparsers(dest="intakes_command", required=True)
    export = actions.add_parser("export", help="print intakes, oldest first")
    export.add_argument("--format", choices=FORMATS, default="jsonl")
    export.add_argument("--since", type=_day, help="first day (clinic time), inclusive")
    export.add_argument("--until", type=_day, help="last day (clinic time), inclusive")
    export.set_defaults(func=_export)


def _export(args: argparse.Namespace) -> int:
    from app.bootstrap import build_services
    from bot.frontdesk.export import export_intakes

    services = build_services()
    zone = services.profile.tz

    def start_of(day: dt.date | None) -> dt.datetime | None:
        return dt.datetime.combine(day, dt.time(), zone) if day else None

    until = args.until + dt.timedelta(days=1) if args.until else None
    chunks = export_intakes(
        services.session_factory,
        args.format,
        since=start_of(args.since),
        until=start_of(until),
        tz=zone,
    )
    for chunk in chunks:
        sys.stdout.write(chunk)
    return 0
