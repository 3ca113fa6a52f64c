"""Admin-only pages: the audit log and the staff accounts (with unlock)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from bot.db import unit_of_work
from bot.frontdesk import audit
from bot.frontdesk.users import AccountError, accounts, is_locked, unlock
from web.console.db import actor, console, db, release_db
from web.console.forms import ActionForm

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


@bp.get("/admin/users")
def users():  # type: ignore[no-untyped-def]
    now = console().now()
    rows = [(user, is_locked(user, now)) for user in accounts(db())]
    return render_template("users.html", rows=rows, form=ActionForm())


@bp.post("/admin/users/<username>/unlock")
def unlock_user(username: str):  # type: ignore[no-untyped-def]
    if not ActionForm().validate_on_submit():
        abort(400)
    ctx = console()
    release_db()
    try:
        with unit_of_work(ctx.session_factory) as session:
            name = unlock(session, username).username
            audit.record(session, actor(), "unlock_account", ctx.now(), detail=name)
    except AccountError:
        abort(404)
    flash(f"The account {name} is unlocked.", "info")
    return redirect(url_for("admin.users"))
