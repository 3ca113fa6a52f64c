"""The Flask app factory of the staff console and `serve()`, which runs it under waitress."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from flask import Flask, render_template, request
from flask.sessions import SecureCookieSessionInterface
from flask_wtf.csrf import CSRFError, CSRFProtect
from sqlalchemy.orm import sessionmaker

from app.bootstrap import Services, make_mail_gateway
from app.secret_key import secret_key
from bot.clinic import load_profile
from bot.db import make_engine, make_session_factory, utcnow
from bot.scheduling.links import CalendarLinks
from bot.settings import Settings
from web.console import auth, db, formatting
from web.console.config import ConsoleConfig
from web.console.views import BLUEPRINTS

log = logging.getLogger(__name__)
# Pages hold patient data; the policy allows nothing inline and nothing from elsewhere.
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)


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
    config = config or ConsoleConfig.from_settings(settings)
    if session_factory is None:
        session_factory = make_session_factory(make_engine(settings.database_url))
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
    profile = load_profile(settings.clinic_profile)
    # Staff cancels and moves plan the reminders and queue the patient's update email, as the
    # chat's do (a move from the console once reached the patient by no route at all).
    services = Services(
        settings,
        profile,
        session_factory,
        clock or utcnow,
        calendar_links=CalendarLinks(settings.calendar_base_url, secret_key(settings)),
        mail_gateway=make_mail_gateway(settings),
    )
    app.extensions[db.EXTENSION] = db.ConsoleContext(
        settings=settings,
        config=config,
        profile=profile,
        session_factory=session_factory,
        clock=services.clock,
        booking_events=services.booking_events,
        send_booking_emails=services.send_booking_emails,
    )
    CSRFProtect(app)
    auth.init_app(app)
    formatting.init_app(app)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    app.teardown_appcontext(db.close_db)
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(403, _page_error)
    app.register_error_handler(404, _page_error)
    app.register_error_handler(413, _page_error)
    app.after_request(_headers)
    return app


def _csrf_error(err: CSRFError):  # type: ignore[no-untyped-def]
    message = "The form expired or was sent from elsewhere. Reload the page and try again."
    return render_template("error.html", code=400, message=message), 400


def _page_error(err):  # type: ignore[no-untyped-def]
    messages = {
        403: "Only administrators can open this page.",
        404: "Nothing here.",
        # A form sent with more than the console takes (a note's field limit removed):
        413: "That was too long to save, and nothing was changed. Go back, shorten it "
        "(a note takes at most 4,000 characters) and try again.",
    }
    return render_template("error.html", code=err.code, message=messages[err.code]), err.code


def _headers(response):  # type: ignore[no-untyped-def]
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Frame-Options"] = "DENY"
    if request.endpoint != "static":
        # Pages hold patient data: never keep them in a shared or back-button cache.
        response.headers["Cache-Control"] = "no-store"
    return response


def serve(settings: Settings | None = None, config: ConsoleConfig | None = None) -> None:
    """Run the console under waitress on CONSOLE_HOST:CONSOLE_PORT (default 127.0.0.1:8000)."""
    from waitress import serve as waitress_serve

    settings = settings or Settings.from_env()
    config = config or ConsoleConfig.from_settings(settings)
    app = create_app(settings, config=config)
    log.info("staff console on http://%s:%s", config.host, config.port)
    waitress_serve(app, host=config.host, port=config.port, threads=config.threads)
