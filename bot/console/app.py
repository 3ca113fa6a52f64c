"""The Flask app factory of the staff console and `serve()`, which runs it under waitress."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask, g, render_template, request
from flask.sessions import SecureCookieSessionInterface
from flask_wtf.csrf import CSRFError, CSRFProtect
from sqlalchemy.orm import Session, sessionmaker

from bot.clinic import ClinicProfile, load_profile
from bot.console import auth, formatting
from bot.console.config import ConsoleConfig
from bot.db import make_engine, make_session_factory, utcnow
from bot.settings import Settings

log = logging.getLogger(__name__)


@dataclass
class ConsoleContext:
    """What every view needs; one per app, kept in `app.extensions["console"]`."""

    settings: Settings
    config: ConsoleConfig
    profile: ClinicProfile
    session_factory: sessionmaker
    clock: Callable[[], dt.datetime]

    def now(self) -> dt.datetime:
        return self.clock()

    @property
    def tz(self) -> dt.tzinfo:
        return self.profile.tz


class _SessionInterface(SecureCookieSessionInterface):
    """Marks the cookie Secure when configured, or whenever the request itself came over HTTPS."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config["SESSION_COOKIE_SECURE"]) or request.is_secure


def create_app(
    settings: Settings,
    session_factory: sessionmaker | None = None,
    clock: Callable[[], dt.datetime] | None = None,
    config: ConsoleConfig | None = None,
) -> Flask:
    """Build the console. Tests pass a session factory, a fake clock and a fixed config."""
    config = config or ConsoleConfig.from_env(settings.var_dir)
    if session_factory is None:
        session_factory = make_session_factory(make_engine(settings.database_url))
    ctx = ConsoleContext(
        settings=settings,
        config=config,
        profile=load_profile(settings.clinic_profile),
        session_factory=session_factory,
        clock=clock or utcnow,
    )
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=config.secret_key,
        SESSION_COOKIE_NAME="console_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=config.secure_cookies,
        MAX_CONTENT_LENGTH=64 * 1024,
        WTF_CSRF_TIME_LIMIT=None,  # the token lives as long as the login session, no longer
    )
    app.session_interface = _SessionInterface()
    if config.trust_proxy:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)  # type: ignore
    app.extensions["console"] = ctx
    CSRFProtect(app)
    auth.init_app(app)
    formatting.init_app(app)
    _register_blueprints(app)

    @app.errorhandler(CSRFError)
    def _csrf_error(err: CSRFError):  # type: ignore[no-untyped-def]
        message = "The form expired or was sent from elsewhere. Reload the page and try again."
        return render_template("error.html", code=400, message=message), 400

    @app.errorhandler(403)
    @app.errorhandler(404)
    def _not_found(err):  # type: ignore[no-untyped-def]
        messages = {403: "Only administrators can open this page.", 404: "Nothing here."}
        return render_template("error.html", code=err.code, message=messages[err.code]), err.code

    @app.teardown_appcontext
    def _close_db(_exc: BaseException | None) -> None:
        db = g.pop("console_db", None)
        if db is not None:
            db.close()

    @app.after_request
    def _headers(response):  # type: ignore[no-untyped-def]
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        )
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["X-Frame-Options"] = "DENY"
        if request.endpoint != "static":
            # Pages hold patient data: never keep them in a shared or back-button cache.
            response.headers["Cache-Control"] = "no-store"
        return response

    return app


def _register_blueprints(app: Flask) -> None:
    from bot.console import (
        api,
        views_admin,
        views_calendar,
        views_export,
        views_intake,
        views_queue,
        views_schedule,
    )

    for module in (
        views_queue,
        views_intake,
        views_schedule,
        views_export,
        views_admin,
        views_calendar,
        api,
    ):
        app.register_blueprint(module.bp)


def console() -> ConsoleContext:
    """The running app's context (inside a request)."""
    from flask import current_app

    return current_app.extensions["console"]


def db() -> Session:
    """A read session for this request, closed when the request ends."""
    if "console_db" not in g:
        g.console_db = console().session_factory()
    return g.console_db


def release_db() -> None:
    """End this request's read transaction before writing: SQLite takes its write lock at BEGIN
    (see bot.db), so an open read session would block the write session behind it."""
    session = g.pop("console_db", None)
    if session is not None:
        session.close()


def serve(settings: Settings | None = None, config: ConsoleConfig | None = None) -> None:
    """Run the console under waitress on CONSOLE_HOST:CONSOLE_PORT (default 127.0.0.1:8000)."""
    from waitress import serve as waitress_serve

    settings = settings or Settings.from_env()
    config = config or ConsoleConfig.from_env(settings.var_dir)
    app = create_app(settings, config=config)
    log.info("staff console on http://%s:%s", config.host, config.port)
    waitress_serve(app, host=config.host, port=config.port, threads=config.threads)
