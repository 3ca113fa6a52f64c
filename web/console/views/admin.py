"""Admin-only pages: the audit log."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from flask_login import current_user

from bot.frontdesk import audit
from web.console.db import db

bp = Blueprint("admin", __name__)


@bp.before_request
def _admins_only():  # type: ignore[no-untyped-def]
    # Runs after the app-wide login check, so current_user is a signed-in user here.
    if not current_user.is_authenticated or not current_user.is_admin:
        abort(403)


@bp.get("/admin/audit")
def audit_log():  # type: ignore[no-untyped-def]
    try:
        intake_id = int(request.args["intake"]) if request.args.get("intake") else None
        page = int(request.args.get("page") or 1)
    except ValueError:
        intake_id, page = None, 1
    username = (request.args.get("user") or "")[:80]
    rows, pages = audit.entries(db(), intake_id=intake_id, username=username, page=page)
    return render_template(
        "audit.html",
        rows=rows,
        pages=pages,
        page=page,
        intake_id=intake_id,
        username=username,
        labels=audit.ACTIONS,
    )
