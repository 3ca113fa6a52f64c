# Sourced by scripts/run.sh: the SMS reminder worker (gateway from SMS_GATEWAY, console default).
supervise "reminder worker" .venv/bin/bot reminders run
