"""The `bot` command line: one argparse parser that feature modules add subcommands to."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# Each module has `register(subparsers)` and sets `func` on its parser. Listing modules here
# (instead of importing them) keeps `bot --help` fast: a module's heavy imports stay in `func`.
SUBCOMMAND_MODULES: tuple[str, ...] = (
    "bot.nlp.cli",
    "bot.migrate",
    "app.intakes",
    "bot.clinic_cli",
    "web.console.cli",
    "app.reminders",
    "app.safety",
    "web.widget.cli",
)


def build_parser(modules: Sequence[str] = SUBCOMMAND_MODULES) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bot", description="PT intake assistant tools.")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    for name in modules:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
