"""The queue (home page): who needs a call back, then the newest intakes."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from bot.frontdesk.queries import PAIN_CLASSES, TABS, filters_from, queue
from web.console.db import console, db

bp = Blueprint("queue", __name__)


@bp.get("/")
def index():  # type: ignore[no-untyped-def]
    filters = filters_from(request.args)
    result = queue(db(), filters, console().tz)
    args = {k: v for k, v in request.args.items() if k != "page" and v}
    return render_template(
        "queue.html",
        queue=result,
        filters=filters,
        args=args,
        tabs=TABS,
        pain_classes=PAIN_CLASSES,
    )
