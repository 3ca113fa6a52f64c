#!/usr/bin/env bash
# Runs every test layer: lint and the import contracts, unit, integration (SQLite and
# PostgreSQL), `rasa data validate`, `rasa test` conversation stories, end-to-end over HTTP and
# the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
export RASA_TELEMETRY_ENABLED=false
.venv/bin/ruff check .
.venv/bin/lint-imports  # the layering contracts in pyproject.toml
exec .venv/bin/python -m pytest "$@"
