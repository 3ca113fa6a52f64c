# Sourced by scripts/run.sh: serves the chat widget and its demo clinic page.
# The widget in the visitor's browser talks to Rasa directly, at RASA_PUBLIC_URL.
export WIDGET_PORT="${WIDGET_PORT:-8080}"
export RASA_PUBLIC_URL="${RASA_PUBLIC_URL:-http://localhost:$RASA_PORT}"
supervise "widget server" .venv/bin/bot widget serve
health+=("http://127.0.0.1:$WIDGET_PORT/")
addresses+=("  Website chat:  http://localhost:$WIDGET_PORT/  (demo clinic page with the chat widget)")
