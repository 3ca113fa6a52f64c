# Sourced by scripts/run.sh: the staff console (waitress) on CONSOLE_PORT.
supervise "console" .venv/bin/bot console serve
echo "  Staff console: http://localhost:$CONSOLE_PORT  (first time: .venv/bin/bot users create NAME --role admin)"
