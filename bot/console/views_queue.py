"""The queue (home page): who needs a call back, then the newest intakes."""

from __future__ import annotations

import datetime as dt
from typing import Mapping

from flask import Blueprint, render_template, request

from bot.console.app import console, db
from bot.console.queries import PAIN_CLASSES, QUEUE_STATUSES, QueueFilters, queue

bp = Blueprint("queue", __name__)


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def filters_from(args: Mapping[str, str]) -> QueueFilters:
    """Filters from a query string; anything malformed is ignored, not an error."""
    status = args.get("status") or None
    pain_class = args.get("class") or None
    try:
        page = int(args.get("page") or 1)
    except ValueError:
        page = 1
    return QueueFilters(
        status=status if status in QUEUE_STATUSES else None,
        pain_class=pain_class if pain_class in PAIN_CLASSES else None,
        date_from=_date(args.get("from")),
        date_to=_date(args.get("to")),
        q=(args.get("q") or "")[:100],
        page=page,
    )


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
        statuses=QUEUE_STATUSES,
        pain_classes=PAIN_CLASSES,
    )
