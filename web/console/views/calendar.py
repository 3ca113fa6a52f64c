"""The patient's calendar file for a booking: public, but only through a link signed for it."""

from __future__ import annotations

from flask import Blueprint, Response, abort

from bot.scheduling.confirmation import to_ics
from bot.scheduling.links import valid_calendar_token
from bot.scheduling.lookup import booking_by_code
from web.console.db import console

bp = Blueprint("calendar", __name__)


@bp.get("/calendar/<code>/<token>.ics")
def booking_ics(code: str, token: str) -> Response:
    ctx = console()
    if not valid_calendar_token(code, token, ctx.config.secret_key):
        abort(404)
    booking = booking_by_code(ctx.session_factory, code)
    if booking is None or not booking.is_booked:
        abort(404)
    return Response(
        to_ics(booking, ctx.profile),
        mimetype="text/calendar",
        headers={"Content-Disposition": f'attachment; filename="{booking.code}.ics"'},
    )
