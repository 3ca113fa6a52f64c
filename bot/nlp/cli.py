"""`bot extract`: JSON lines in, one extraction a line out, in order (the spec's contract)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from datetime import date
from itertools import islice
from typing import IO, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.settings import Settings

CHUNK = 512  # lines per nlp.pipe batch: big enough for speed, small enough to stream


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "extract",
        help="extract pain duration, locations and activities from JSON lines",
        description='Reads {"id", "text", "today"} JSON lines on stdin and writes one result '
        'line each, in order; a bad line gives {"error": ...} and the run goes on.',
    )
    parser.add_argument(
        "--tz",
        default=None,
        help="time zone (IANA name) for the default `today`; by default the clinic profile's "
        "(CLINIC_PROFILE, config/clinic.yml)",
    )
    parser.set_defaults(func=run)


def _parse(line: str, default_today: date) -> tuple[Any, str, date] | dict[str, Any]:
    """(id, text, today) for a good line, else the error record to print."""
    try:
        record = json.loads(line)
    except ValueError as exc:
        return {"error": f"invalid JSON: {exc}"}
    if not isinstance(record, dict):
        return {"error": "each line must be a JSON object"}
    rid = record.get("id")
    text = record.get("text")
    if not isinstance(text, str):
        return {"id": rid, "error": "`text` must be a string"}
    today = default_today
    if record.get("today") is not None:
        try:
            today = date.fromisoformat(str(record["today"]))
        except ValueError:
            return {"id": rid, "error": f"`today` is not a YYYY-MM-DD date: {record['today']!r}"}
    return rid, text, today


def _chunks(stream: IO[str]) -> Iterator[list[str]]:
    lines = iter(stream)
    while chunk := list(islice(lines, CHUNK)):
        yield chunk


def extract_stream(source: IO[str], sink: IO[str], default_today: date) -> int:
    """Process every line of `source`; returns how many lines were written."""
    from bot.nlp.pipeline import extract_batch

    written = 0
    for chunk in _chunks(source):
        parsed = [_parse(line, default_today) for line in chunk]
        good = [p for p in parsed if isinstance(p, tuple)]
        results = iter(extract_batch([(text, today) for _, text, today in good]))
        for item in parsed:
            out = {"id": item[0], **next(results).to_dict()} if isinstance(item, tuple) else item
            sink.write(json.dumps(out) + "\n")
            written += 1
        sink.flush()
    return written


def clinic_timezone(explicit: str | None, settings: Settings | None = None) -> str:
    """The zone whose date is a line's default `today`: `explicit` (`--tz`) when given, else the
    clinic profile's `timezone` (the spec: "the current date in the clinic's time zone").

    Raises ClinicProfileError when the profile is needed and cannot be loaded, and
    ZoneInfoNotFoundError (or ValueError) when `explicit` is not a known zone.
    """
    from bot.clinic import load_profile  # pydantic: kept out of `bot --help`

    if explicit:
        ZoneInfo(explicit)
        return explicit
    settings = settings or Settings.from_env()
    return load_profile(settings.clinic_profile).timezone


def run(args: argparse.Namespace) -> int:
    from bot.clinic import ClinicProfileError
    from bot.nlp.pipeline import today_in

    try:
        tz = clinic_timezone(args.tz)
    except ClinicProfileError as err:
        print(f"bot extract: {err} (or give --tz)", file=sys.stderr)
        return 2
    except (ZoneInfoNotFoundError, ValueError):
        print(f"bot extract: unknown time zone {args.tz!r}", file=sys.stderr)
        return 2
    extract_stream(sys.stdin, sys.stdout, today_in(tz))
    return 0
