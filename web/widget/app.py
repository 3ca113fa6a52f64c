"""A tiny WSGI app that serves the widget's static files and a demo clinic page, under waitress."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape

from bot.clinic import WEEKDAYS, ClinicProfile, load_profile
from bot.settings import Settings
from web.widget.config import WidgetConfig

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
TEMPLATES = HERE / "templates"

StartResponse = Callable[..., object]
WSGIApp = Callable[[dict, StartResponse], Iterable[bytes]]


@dataclass(frozen=True)
class _Asset:
    body: bytes
    content_type: str
    etag: str
    cache: str


def _asset(body: bytes, content_type: str, cache: str) -> _Asset:
    return _Asset(body, content_type, f'"{hashlib.sha256(body).hexdigest()[:16]}"', cache)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"RASA_PUBLIC_URL must be an http(s) URL, not {url!r}")
    return f"{parts.scheme}://{parts.netloc}"


def _clock(text: str) -> str:
    hour, minute = (int(part) for part in text.split(":"))
    if hour in (0, 24) and minute == 0:
        return "midnight"
    suffix = "am" if hour < 12 else "pm"
    hour = hour % 12 or 12
    return f"{hour}:{minute:02d} {suffix}" if minute else f"{hour} {suffix}"


def opening_hours(profile: ClinicProfile) -> list[tuple[str, str]]:
    """("Monday", "7 am – 7 pm") rows for the demo page."""
    names = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    rows = []
    for key, name in zip(WEEKDAYS, names, strict=True):
        ranges = getattr(profile.hours, key)
        spans = [" – ".join(_clock(end) for end in span.split("-")) for span in ranges]
        rows.append((name, ", ".join(spans) if spans else "Closed"))
    return rows


def _city(address: str) -> str | None:
    parts = [part.strip() for part in address.split(",")]
    return parts[-2] if len(parts) >= 3 else None


def embed_snippet(widget_url: str, rasa_public_url: str) -> str:
    """The one tag a clinic pastes into its site."""
    return f'<script src="{widget_url}" data-rasa-url="{rasa_public_url}" defer></script>'


def render_demo_page(profile: ClinicProfile, rasa_public_url: str, base_url: str = "") -> str:
    """The fictional clinic's home page, embedding the widget exactly as a clinic would."""
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html"])
    )
    return env.get_template("demo.html").render(
        clinic=profile,
        city=_city(profile.address),
        hours=opening_hours(profile),
        rasa_url=rasa_public_url,
        widget_src="/widget.js",
        snippet=embed_snippet(f"{base_url}/widget.js", rasa_public_url),
    )


def _base_url(environ: dict) -> str:
    host = environ.get("HTTP_HOST") or f"{environ['SERVER_NAME']}:{environ['SERVER_PORT']}"
    return f"{environ.get('wsgi.url_scheme', 'http')}://{host}"


def create_app(profile: ClinicProfile, rasa_public_url: str) -> WSGIApp:
    """Build the app. Files are read here, once, so a request never touches the disk."""
    rasa_public_url = rasa_public_url.rstrip("/")
    # The widget is embedded on other sites: cacheable, cross-origin, and a short max-age so a
    # fix reaches every clinic's page within minutes.
    static_cache = "public, max-age=300"
    assets = {
        "/widget.js": _asset((STATIC / "widget.js").read_bytes(),
                             "text/javascript; charset=utf-8", static_cache),
        "/widget.css": _asset((STATIC / "widget.css").read_bytes(),
                              "text/css; charset=utf-8", static_cache),
        "/demo.css": _asset((STATIC / "demo.css").read_bytes(),
                            "text/css; charset=utf-8", static_cache),
    }
    # The demo page proves the widget needs no inline script or style and talks only to Rasa.
    page_csp = (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        f"connect-src {_origin(rasa_public_url)}; base-uri 'none'; form-action 'none'; "
        "frame-ancestors 'none'"
    )

    def app(environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO") or "/"
        if path == "/":
            # Rendered per request: the embed snippet on the page names this server's address.
            body = render_demo_page(profile, rasa_public_url, _base_url(environ)).encode("utf-8")
            asset = _asset(body, "text/html; charset=utf-8", "no-cache")
        else:
            asset = assets.get(path)
        if asset is None:
            return _plain(start_response, "404 Not Found", b"not found\n")
        if method not in ("GET", "HEAD"):
            return _plain(start_response, "405 Method Not Allowed", b"method not allowed\n",
                          [("Allow", "GET, HEAD")])
        headers = [
            ("Content-Type", asset.content_type),
            ("Cache-Control", asset.cache),
            ("ETag", asset.etag),
            ("X-Content-Type-Options", "nosniff"),
        ]
        if path == "/":
            headers += [("Content-Security-Policy", page_csp),
                        ("Referrer-Policy", "no-referrer")]
        else:
            headers.append(("Cross-Origin-Resource-Policy", "cross-origin"))
        if environ.get("HTTP_IF_NONE_MATCH") == asset.etag:
            start_response("304 Not Modified", headers)
            return [b""]
        start_response("200 OK", headers + [("Content-Length", str(len(asset.body)))])
        return [b"" if method == "HEAD" else asset.body]

    return app


def _plain(start_response: StartResponse, status: str, body: bytes,
           extra: list[tuple[str, str]] | None = None) -> Iterable[bytes]:
    start_response(status, [("Content-Type", "text/plain; charset=utf-8"),
                            ("Content-Length", str(len(body))), *(extra or [])])
    return [body]


def serve(settings: Settings | None = None, config: WidgetConfig | None = None) -> None:
    """Serve the widget and the demo page on WIDGET_HOST:WIDGET_PORT (default 127.0.0.1:8080)."""
    from waitress import serve as waitress_serve

    settings = settings or Settings.from_env()
    config = config or WidgetConfig.from_settings(settings)
    app = create_app(load_profile(settings.clinic_profile), config.rasa_public_url)
    log.info("chat widget demo page on http://%s:%s/ (Rasa at %s)",
             config.host, config.port, config.rasa_public_url)
    waitress_serve(app, host=config.host, port=config.port, threads=config.threads)
