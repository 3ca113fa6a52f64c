#!/usr/bin/env bash
# Runs the whole product on the embedded defaults: SQLite under var/, console SMS gateway.
# Sets up what is missing first: venv, packages, database schema, trained model.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
[ -f .env ] && { set -a; . ./.env; set +a; }

export RASA_TELEMETRY_ENABLED=false
# embedded (default): one Rasa server on SQLite. production: scripts/production.sh (several Rasa
# servers behind nginx, PostgreSQL, Redis; `make run-production`, docs/deploy.md).
RUN_PROFILE="${RUN_PROFILE:-embedded}"
# A conversation's lock outlives a crashed Rasa server by at most this (.env.example).
export TICKET_LOCK_LIFETIME="${TICKET_LOCK_LIFETIME:-15}"
export VAR_DIR="${VAR_DIR:-$PWD/var}"
export ACTION_PORT="${ACTION_PORT:-5055}"
export RASA_PORT="${RASA_PORT:-5005}"
if [ "$RUN_PROFILE" = production ]; then
  . scripts/production.sh
  production_defaults
fi
export DATABASE_URL="${DATABASE_URL:-sqlite:///$VAR_DIR/intake.db}"
export CONSOLE_PORT="${CONSOLE_PORT:-8000}"
# `rasa shell` runs a Rasa server of its own: it needs a port that make run leaves free.
SHELL_PORT="${SHELL_PORT:-5006}"
SHELL_ENDPOINTS="${SHELL_ENDPOINTS:-endpoints.yml}"  # production.sh: the production endpoints
export ACTION_ENDPOINT_URL="${ACTION_ENDPOINT_URL:-http://127.0.0.1:$ACTION_PORT/webhook}"
mkdir -p "$VAR_DIR" models

.venv/bin/bot clinic check
.venv/bin/bot db upgrade
model=$(.venv/bin/python scripts/ensure_model.py)

pids=()
# What `make run` prints once every service answers (scripts/run.d adds its own), and the URLs
# that answer 200 when a service is up.
addresses=()
health=("http://127.0.0.1:$ACTION_PORT/health" "http://127.0.0.1:$RASA_PORT/webhooks/rest/")
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

# Every service runs under `supervise`: when one dies (a crash, a kill), it is started again
# after 2 s, and the others go on; the crisis answer and the red-flag advice never depend on
# the action server, so patients keep getting them while it restarts. Their stderr leaves out
# deprecation warnings from installed libraries (scripts/ensure_model.py --filter).
supervise() {
  local name=$1
  shift
  (
    child=
    trap '[ -n "$child" ] && kill "$child" 2>/dev/null; wait 2>/dev/null; exit 0' TERM INT
    while true; do
      "$@" 2> >(.venv/bin/python scripts/ensure_model.py --filter >&2) &
      child=$!
      wait "$child" && status=0 || status=$?
      echo "run: $name stopped (exit $status); starting it again in 2 s" >&2
      sleep 2
    done
  ) &
  pids+=($!)
}

# The action server runs any action for any made-up conversation: this machine only.
export SANIC_HOST="${SANIC_HOST:-127.0.0.1}"
supervise "action server" .venv/bin/rasa run actions --actions actions --port "$ACTION_PORT"
if [ "$RUN_PROFILE" = production ]; then
  production_start
else
  supervise "Rasa server" .venv/bin/rasa run --model "$model" --port "$RASA_PORT" --cors "*" \
    --credentials credentials.yml --endpoints endpoints.yml
fi
for extra in scripts/run.d/*.sh; do
  [ -e "$extra" ] || continue
  . "$extra"
done

# Waits until every URL answers 200 (a service restarting under `supervise` is waited for too);
# says which one it is waiting for every 30 s.
wait_until_up() {
  local url waited=0
  for url in "$@"; do
    until curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; do
      sleep 1
      waited=$((waited + 1))
      if [ $((waited % 30)) -eq 0 ]; then echo "run: still waiting for $url (${waited} s)" >&2; fi
    done
  done
}

# The database URL as printed: any password hidden (the output often ends up in a log).
shown_url=$(.venv/bin/python -c 'import sys; from sqlalchemy.engine import make_url
print(make_url(sys.argv[1]).render_as_string(hide_password=True))' "$DATABASE_URL")
echo "run: starting; the addresses follow once every service answers (Rasa loads for about a minute)."
wait_until_up "${health[@]}"
echo
printf '%s\n' "${addresses[@]}"
cat <<MSG

  Chat (REST):   curl -s localhost:$RASA_PORT/webhooks/rest/webhook -d '{"sender":"me","message":"hi"}'
  Chat (shell):  ACTION_ENDPOINT_URL=$ACTION_ENDPOINT_URL DATABASE_URL=$shown_url \\
                 .venv/bin/rasa shell --model $model --endpoints $SHELL_ENDPOINTS --port $SHELL_PORT
  Data:          $shown_url
  Stop:          Ctrl-C

MSG
wait
