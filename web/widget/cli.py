"""Command line for the widget: `bot widget serve`."""

from __future__ import annotations

import argparse
import logging
from typing import Sequence

from bot.settings import Settings


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `widget serve`. Sets both `func` and `handler`, the two names `bot` commands use."""
    widget = subparsers.add_parser("widget", help="the website chat widget")
    widget_sub = widget.add_subparsers(dest="widget_command", required=True)
    serve = widget_sub.add_parser(
        "serve",
        help="serve widget.js, widget.css and a demo clinic page "
             "(WIDGET_PORT, default 8080; RASA_PUBLIC_URL, default http://localhost:5005)",
    )
    serve.set_defaults(func=_serve, handler=_serve)


def _serve(args: argparse.Namespace) -> int:
    from web.widget.app import serve

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    serve(Settings.from_env())
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m web.widget.cli")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
