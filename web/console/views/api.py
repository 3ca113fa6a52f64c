"""A small read-only JSON API over the same login session: intakes and bookings."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, jsonify, request

from bot.db import unit_of_work
from bot.frontdesk import audit
from bot.frontdesk.bookings import bookings_between, texts_for_bookings
from bot.frontdesk.export.api import booking_json, intake_detail_json, intake_json
from bot.frontdesk.queries import filters_from, intake_detail, queue
from bot.frontdesk.transcripts import transcript
from web.console.db import actor, console, db, release_db

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.get("/intakes")
def intakes():  # type: ignore[no-untyped-def]
    result = queue(db(), filters_from(request.args), console().tz)
    items = []
    for row in result.rows:
        item = intake_json(row.intake, row.status)
        item["booking"] = booking_json(row.booking) if row.booking else None
        items.append(item)
    return jsonify(
        items=items,
        counts=result.counts,
        needs_call_back=result.waiting["callback"],  # the banner's: filters never hide it
        total=result.total,
        page=result.page,
        pages=result.pages,
    )


@bp.get("/intakes/<int:intake_id>")
def intake(intake_id: int):  # type: ignore[no-untyped-def]
    ctx = console()
    detail = intake_detail(db(), intake_id) or abort(404)
    body = intake_detail_json(detail, transcript(db(), detail.intake.conversation_id))
    release_db()
    with unit_of_work(ctx.session_factory) as session:
        audit.record(session, actor(), "api_intake", ctx.now(), intake_id=intake_id)
    return jsonify(body)


@bp.get("/bookings")
def bookings():  # type: ignore[no-untyped-def]
    """Bookings starting on the clinic-local dates [from, to] (default: today)."""
    ctx = console()
    today = ctx.profile.today(ctx.now())
    try:
        start = dt.date.fromisoformat(request.args.get("from") or today.isoformat())
        end = dt.date.fromisoformat(request.args.get("to") or start.isoformat())
    except ValueError:
        return jsonify(error="from and to must be YYYY-MM-DD"), 400
    if end < start or (end - start).days > 62:
        return jsonify(error="the range must be 0 to 62 days"), 400

    def utc(day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(0), tzinfo=ctx.tz).astimezone(dt.timezone.utc)

    include_cancelled = request.args.get("cancelled") == "1"
    rows = bookings_between(db(), utc(start), utc(end + dt.timedelta(days=1)), include_cancelled)
    release_db()  # the texts are read in sessions of their own (SQLite locks at BEGIN)
    texts = texts_for_bookings(ctx.session_factory, rows)
    return jsonify(items=[booking_json(b, texts.get(b.id)) for b in rows])


@bp.errorhandler(400)
@bp.errorhandler(403)
@bp.errorhandler(404)
def _json_error(err):  # type: ignore[no-untyped-def]
    return jsonify(error=err.name.lower()), err.code
