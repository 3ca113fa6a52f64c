# Sourced by scripts/run.sh: the staff console (waitress) on CONSOLE_PORT.
.venv/bin/bot console serve &
pids+=($!)
echo "  Staff console: http://localhost:$CONSOLE_PORT  (first time: .venv/bin/bot users create NAME --role admin)"
