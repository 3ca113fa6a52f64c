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
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import LoginManager, current_user, login_user, logout_user

from bot.db import unit_of_work
from bot.frontdesk import audit
from bot.frontdesk.login import LoginAttempt, Outcome, attempt_login
from bot.frontdesk.users import StaffUser, end_session, resume_session, start_session
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


# The same words and status for every refusal: they must not tell which usernames exist or
# which account is locked.
REFUSED = (
    "Wrong username or password, or the account is locked after too many failed attempts. "
    "Try again later, or ask an administrator to unlock it."
)
THROTTLED = (
    "Too many failed sign-in attempts from this address. Wait {minutes} before trying again, "
    "or ask an administrator for help."
)


@bp.route("/login", methods=["GET", "POST"])
def login():  # type: ignore[no-untyped-def]
    if current_user.is_authenticated:
        return redirect(url_for("queue.index"))
    form = LoginForm()
    if not form.validate_on_submit():
        error = "Please enter your username and password." if request.method == "POST" else None
        return render_template("login.html", form=form, error=error), 401 if error else 200
    ctx = console()
    now = ctx.now()
    username = form.username.data.strip().lower()
    # remote_addr is the proxy's X-Forwarded-For only when CONSOLE_TRUST_PROXY set up ProxyFix.
    client = request.remote_addr or "unknown"
    with unit_of_work(ctx.session_factory) as db:
        attempt = attempt_login(
            db, client, username, form.password.data, now, ctx.config.login_policy
        )
        user = attempt.user
        token = start_session(db, user, now) if user is not None else None
        for action in _audit_actions(attempt):
            detail = client if action == "login_throttled" else None
            audit.record(
                db, audit.Actor(user.id if user else None, username), action, now, detail=detail
            )
    if attempt.outcome is Outcome.THROTTLED:
        log.warning("console login throttled for a client address")
        seconds = int(attempt.retry_after.total_seconds()) if attempt.retry_after else 60
        minutes = max(1, -(-seconds // 60))
        message = THROTTLED.format(minutes=f"{minutes} minute{'s' if minutes != 1 else ''}")
        response = make_response(render_template("login.html", form=form, error=message), 429)
        response.headers["Retry-After"] = str(seconds)
        return response
    if token is not None:
        nxt = _safe_next(request.args.get("next"))
        # A new session on every login: nothing from before (a planted id, an old CSRF
        # token) survives into the signed-in session.
        session.clear()
        login_user(StaffUser(user.id, user.username, user.role, token))
        log.info("console login user_id=%s", user.id)
        return redirect(nxt)
    log.info("console login refused (account locked: %s)", attempt.account_locked)
    return render_template("login.html", form=form, error=REFUSED), 401


def _audit_actions(attempt: LoginAttempt) -> list[str]:
    """The audit entries for one attempt. A throttled attempt writes none (the entry was made
    when the address reached its limit), so a flood of requests cannot fill the log."""
    if attempt.outcome is Outcome.SIGNED_IN:
        return ["login"]
    if attempt.outcome is Outcome.THROTTLED:
        return []
    actions = ["account_locked" if attempt.account_locked else "login_failed"]
    return actions + (["login_throttled"] if attempt.client_blocked else [])


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
