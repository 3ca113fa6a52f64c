"""Export pages: CSV of intakes over a date range; FHIR R4 JSON of one intake."""

from __future__ import annotations

import datetime as dt
import json

from flask import Blueprint, Response, abort, render_template, request

from bot.db import unit_of_work
from bot.frontdesk import audit
from bot.frontdesk.bookings import bookings_for_intakes
from bot.frontdesk.export.fhir import fhir_bundle
from bot.frontdesk.export.spreadsheet import intakes_csv
from bot.frontdesk.queries import intakes_between
from bot.intake.models import Intake
from web.console.db import actor, console, db, release_db

bp = Blueprint("export", __name__)
MAX_DAYS = 366


def _date(name: str) -> dt.date | None:
    said = (request.args.get(name) or "").strip()
    if len(said) != 10:  # "2026-12-011" is no date, never 2026-12-01 (review)
        return None
    try:
        return dt.date.fromisoformat(said)
    except ValueError:
        return None


def _range() -> tuple[dt.date, dt.date] | str:
    """The `from` and `to` dates asked for, or what is wrong with them, for the export page."""
    start, end = _date("from"), _date("to")
    if start is None or end is None:
        return "Choose both dates, From and To."
    if end < start:
        return "The To date is before the From date."
    if (end - start).days > MAX_DAYS:
        return f"Choose at most {MAX_DAYS} days."
    return start, end


@bp.get("/export")
def index(error: str | None = None):  # type: ignore[no-untyped-def]
    ctx = console()
    today = ctx.profile.today(ctx.now())
    end = _date("to") or today
    start = _date("from") or end - dt.timedelta(days=30)  # never after the To date kept
    html = render_template(
        "export.html", start=start, end=end, max_days=MAX_DAYS, error=error
    )
    return (html, 400) if error else html


@bp.get("/export/intakes.csv")
def intakes_csv_download():  # type: ignore[no-untyped-def]
    ctx = console()
    span = _range()
    if isinstance(span, str):  # a link or bookmark without dates: the page, saying what to fix
        return index(error=span)
    rows = intakes_between(db(), span[0], span[1], ctx.tz)
    body = intakes_csv(rows, ctx.tz)
    release_db()
    with unit_of_work(ctx.session_factory) as session:
        audit.record(
            session,
            actor(),
            "export_csv",
            ctx.now(),
            detail=f"{span[0]}..{span[1]}, {len(rows)} intakes",
        )
    name = f"intakes-{span[0]}-to-{span[1]}.csv"
    return Response(
        body,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.get("/intakes/<int:intake_id>/fhir.json")
def intake_fhir(intake_id: int):  # type: ignore[no-untyped-def]
    ctx = console()
    intake = db().get(Intake, intake_id) or abort(404)
    booking = bookings_for_intakes(db(), [intake]).get(intake_id)
    bundle = fhir_bundle(intake, booking, ctx.profile, ctx.now())
    release_db()
    with unit_of_work(ctx.session_factory) as session:
        audit.record(session, actor(), "export_fhir", ctx.now(), intake_id=intake_id)
    return Response(
        json.dumps(bundle, indent=2),
        mimetype="application/fhir+json",
        headers={"Content-Disposition": f'attachment; filename="intake-{intake_id}.fhir.json"'},
    )
