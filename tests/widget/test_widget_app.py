"""The widget's WSGI app, settings and command line, without a browser."""

from __future__ import annotations

import argparse
from html.parser import HTMLParser

import pytest

from bot.settings import Settings
from web.widget.app import create_app, embed_snippet, opening_hours
from web.widget.cli import register
from web.widget.config import WidgetConfig


def _get(app, path: str, method: str = "GET", **headers: str) -> tuple[str, dict, bytes]:
    seen: dict = {}

    def start_response(status: str, header_list: list) -> None:
        seen["status"], seen["headers"] = status, dict(header_list)

    environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "HTTP_HOST": "clinic.test:8080",
               "wsgi.url_scheme": "https", **{f"HTTP_{k.upper()}": v for k, v in headers.items()}}
    body = b"".join(app(environ, start_response))
    return seen["status"], seen["headers"], body


@pytest.fixture
def app(profile):
    return create_app(profile, "https://assistant.clinic.test/")


class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict] = []
        self.inline_styles = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "script":
            self.scripts.append(dict(attrs))
        if tag == "style" or any(name == "style" for name, _ in attrs):
            self.inline_styles += 1


def test_demo_page_embeds_the_widget_with_one_tag(app, profile):
    status, headers, body = _get(app, "/")
    assert status == "200 OK" and headers["Content-Type"].startswith("text/html")
    page = body.decode()
    parser = _Scripts()
    parser.feed(page)
    assert parser.scripts == [{"src": "/widget.js", "data-rasa-url": "https://assistant.clinic.test",
                               "data-clinic-name": "Bridge Street PT", "defer": None}]
    assert parser.inline_styles == 0  # the CSP forbids inline styles; the page needs none
    assert "Bridge Street Strength &amp; Physical Therapy" in page
    assert profile.address in page and "7 am – 7 pm" in page
    # The snippet shown to clinics names this server, escaped as text.
    assert ("&lt;script src=&#34;https://clinic.test:8080/widget.js&#34; "
            "data-rasa-url=&#34;https://assistant.clinic.test&#34; defer&gt;") in page


def test_demo_page_csp_allows_only_this_server_and_rasa(app):
    _, headers, _ = _get(app, "/")
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "connect-src https://assistant.clinic.test;" in csp
    assert "unsafe-inline" not in csp


@pytest.mark.parametrize("path,kind", [("/widget.js", "text/javascript"),
                                       ("/widget.css", "text/css"), ("/demo.css", "text/css")])
def test_static_files_are_cacheable_and_cross_origin(app, path, kind):
    status, headers, body = _get(app, path)
    assert status == "200 OK" and headers["Content-Type"].startswith(kind) and body
    assert headers["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert headers["Cache-Control"] == "public, max-age=300"
    assert headers["X-Content-Type-Options"] == "nosniff"
    status, _, body = _get(app, path, if_none_match=headers["ETag"])
    assert status == "304 Not Modified" and body == b""
    status, head_headers, body = _get(app, path, method="HEAD")
    assert status == "200 OK" and body == b"" and head_headers["Content-Length"]


def test_unknown_paths_and_methods(app):
    assert _get(app, "/../bot/settings.py")[0] == "404 Not Found"
    assert _get(app, "/static/widget.js")[0] == "404 Not Found"
    status, headers, _ = _get(app, "/widget.js", method="POST")
    assert status == "405 Method Not Allowed" and headers["Allow"] == "GET, HEAD"


def test_widget_source_never_writes_message_text_as_html(app):
    source = _get(app, "/widget.js")[2].decode()
    for sink in (".innerHTML", ".outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in source
    assert "/webhooks/rest/webhook" in source


def test_profile_text_is_escaped_on_the_demo_page(profile):
    hostile = profile.copy(update={"name": "<script>alert(1)</script> PT",
                                   "short_name": '"><img src=x onerror=alert(1)>'})
    page = _get(create_app(hostile, "http://localhost:5005"), "/")[2].decode()
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; PT" in page


def test_config_from_env_defaults_and_overrides():
    assert WidgetConfig.from_settings(Settings.from_env({})) == WidgetConfig(
        rasa_public_url="http://localhost:5005", host="127.0.0.1", port=8080)
    config = WidgetConfig.from_settings(Settings.from_env(
        {"WIDGET_PORT": "9090", "WIDGET_HOST": "0.0.0.0",
         "RASA_PUBLIC_URL": "https://chat.clinic.test/"}))
    assert (config.port, config.host, config.rasa_public_url) == (
        9090, "0.0.0.0", "https://chat.clinic.test")


def test_rasa_url_must_be_http(profile):
    with pytest.raises(ValueError, match="RASA_PUBLIC_URL"):
        create_app(profile, "javascript:alert(1)")


def test_opening_hours_and_snippet(profile):
    rows = dict(opening_hours(profile))
    assert rows["Saturday"] == "8 am – 1 pm" and rows["Sunday"] == "Closed"
    assert embed_snippet("https://w.test/widget.js", "https://r.test") == (
        '<script src="https://w.test/widget.js" data-rasa-url="https://r.test" defer></script>')


def test_cli_registers_widget_serve():
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["widget", "serve"])
    assert args.func is args.handler and callable(args.func)


def test_plugs_into_the_bot_command():
    from app.cli import build_parser

    args = build_parser(("web.widget.cli",)).parse_args(["widget", "serve"])
    assert args.func.__module__ == "web.widget.cli"
