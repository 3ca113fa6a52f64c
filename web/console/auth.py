"""Login, logout, the idle timeout, and the rule that every page except login needs a login."""

from __future__ import annotations

import datetime as dt
import logging
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Flask,
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import LoginManager, current_user, login_user, logout_user

from bot.db import unit_of_work
from bot.frontdesk import audit
from bot.frontdesk.users import StaffUser, authenticate, end_session, resume_session, start_session
from web.console.db import actor, console
from web.console.forms import ActionForm, LoginForm

log = logging.getLogger(__name__)
bp = Blueprint("auth", __name__)
# The calendar file is checked against its signed link instead of a login.
PUBLIC_ENDPOINTS = {"auth.login", "static", "auth.healthz", "calendar.booking_ics"}


def init_app(app: Flask) -> None:
    manager = LoginManager()
    manager.session_protection = "basic"
    manager.init_app(app)

    @manager.user_loader
    def _load(token: str) -> StaffUser | None:
        ctx = console()
        idle = dt.timedelta(minutes=ctx.config.idle_minutes)
        with unit_of_work(ctx.session_factory) as db:
            return resume_session(db, token, ctx.now(), idle)

    @manager.unauthorized_handler
    def _unauthorized():  # type: ignore[no-untyped-def]
        if request.blueprint == "api" or request.accept_mimetypes.best == "application/json":
            return jsonify(error="login required"), 401
        if session.get("_user_id"):
            session.clear()
            flash("You were signed out after 30 minutes without activity.", "info")
        nxt = request.full_path if request.method == "GET" else None
        return redirect(url_for("auth.login", next=nxt.rstrip("?") if nxt else None))

    @app.before_request
    def _require_login():  # type: ignore[no-untyped-def]
        if request.endpoint in PUBLIC_ENDPOINTS:
            return None
        if request.endpoint is None:
            return None  # Flask answers 404 or 405 itself
        if not current_user.is_authenticated:
            return manager.unauthorized()
        return None

    app.register_blueprint(bp)


def _safe_next(target: str | None) -> str:
    """Only same-site paths, so the login page can't be used to send staff elsewhere."""
    target = target or ""
    parts = urlsplit(target)
    same_site = not parts.scheme and not parts.netloc and "\\" not in target
    if same_site and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("queue.index")


@bp.get("/healthz")
def healthz():  # type: ignore[no-untyped-def]
    return jsonify(status="ok")


@bp.route("/login", methods=["GET", "POST"])
def login():  # type: ignore[no-untyped-def]
    if current_user.is_authenticated:
        return redirect(url_for("queue.index"))
    form = LoginForm()
    error = None
    if form.validate_on_submit():
        ctx = console()
        now = ctx.now()
        username = form.username.data.strip().lower()
        with unit_of_work(ctx.session_factory) as db:
            result = authenticate(
                db,
                username,
                form.password.data,
                now,
                max_failures=ctx.config.max_failed_logins,
                lockout=dt.timedelta(minutes=ctx.config.lockout_minutes),
            )
            token = start_session(db, result.user, now) if result.user else None
            who = audit.Actor(result.user.id if result.user else None, username)
            action = "login" if token else ("account_locked" if result.locked else "login_failed")
            audit.record(db, who, action, now)
        if token is not None:
            nxt = _safe_next(request.args.get("next"))
            # A new session on every login: nothing from before (a planted id, an old CSRF
            # token) survives into the signed-in session.
            session.clear()
            login_user(StaffUser(result.user.id, result.user.username, result.user.role, token))
            log.info("console login user_id=%s", result.user.id)
            return redirect(nxt)
        log.info("console login refused (%s)", action)
        if result.locked:
            error = "This account is locked after too many failed attempts. Try again later."
        else:
            error = "Wrong username or password."
    elif request.method == "POST":
        error = "Please enter your username and password."
    status = 401 if error else 200
    return render_template("login.html", form=form, error=error), status


@bp.post("/logout")
def logout():  # type: ignore[no-untyped-def]
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    ctx = console()
    with unit_of_work(ctx.session_factory) as db:
        end_session(db, current_user.session_token)
        audit.record(db, actor(), "logout", ctx.now())
    logout_user()
    session.clear()
    flash("You are signed out.", "info")
    return redirect(url_for("auth.login"))
