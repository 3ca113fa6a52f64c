"""The intake exports, one serializer per format: `spreadsheet` (CSV), `records` (JSON lines),
`fhir` (FHIR R4) and `api` (the console API's JSON); `export_intakes` streams the first two."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from sqlalchemy.orm import sessionmaker

from bot.db import unit_of_work
from bot.frontdesk.export.records import jsonl_lines
from bot.frontdesk.export.spreadsheet import intakes_csv
from bot.frontdesk.queries import intakes_created

FORMATS = ("jsonl", "csv")


def export_intakes(
    factory: sessionmaker,
    fmt: str = "jsonl",
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    tz: dt.tzinfo = dt.timezone.utc,
) -> Iterator[str]:
    """The intakes created in [since, until), oldest first, as JSON lines or CSV text chunks."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use jsonl or csv")
    with unit_of_work(factory) as session:
        rows = intakes_created(session, since, until)
    if fmt == "jsonl":
        yield from jsonl_lines((intake, queue_status) for intake, queue_status, _ in rows)
    else:
        yield intakes_csv(rows, tz)
