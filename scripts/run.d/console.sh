# Sourced by scripts/run.sh: the staff console (waitress) on CONSOLE_PORT.
supervise "console" .venv/bin/bot console serve
health+=("http://127.0.0.1:$CONSOLE_PORT/healthz")
addresses+=("  Staff console: http://localhost:$CONSOLE_PORT  (first time: .venv/bin/bot users create NAME --role admin)")
