# Sourced by scripts/run.sh when RUN_PROFILE=production (`make run-production`): the standard
# Rasa deployment for several servers, on this machine (docs/deploy.md).
# - PostgreSQL for the app database and Rasa's tracker store (DATABASE_URL; created if missing);
# - Redis as Rasa's lock store (REDIS_HOST, REDIS_PORT, REDIS_DB);
# - RASA_SERVERS Rasa servers (default 2) on RASA_SERVER_PORTS, and the action server, behind
#   nginx (Debian's package): patients and Twilio reach nginx on RASA_PORT, and the Rasa servers
#   reach the action server through nginx on ACTION_PROXY_PORT;
# - the console, the reminder worker and the widget server, as in the embedded profile.

production_defaults() {
  export DATABASE_URL="${DATABASE_URL:-postgresql+psycopg2://postgres@127.0.0.1:5432/ptintake}"
  export REDIS_HOST="${REDIS_HOST:-127.0.0.1}"
  export REDIS_PORT="${REDIS_PORT:-6379}"
  export REDIS_DB="${REDIS_DB:-1}"
  export ACTION_PROXY_PORT="${ACTION_PROXY_PORT:-5056}"
  export ACTION_ENDPOINT_URL="${ACTION_ENDPOINT_URL:-http://127.0.0.1:$ACTION_PROXY_PORT/webhook}"
  SHELL_ENDPOINTS=config/endpoints.production.yml
  RASA_SERVERS="${RASA_SERVERS:-2}"
  if [ -z "${RASA_SERVER_PORTS:-}" ]; then
    RASA_SERVER_PORTS=$(seq -s ' ' 5011 $((5010 + RASA_SERVERS)))
  fi
  NGINX="${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}"
  if [ ! -x "$NGINX" ]; then
    echo "run: the production profile needs nginx: apt-get install nginx (Debian)" >&2
    exit 1
  fi
  command -v envsubst >/dev/null 2>&1 || {
    echo "run: the production profile needs envsubst: apt-get install gettext-base (Debian)" >&2
    exit 1
  }
  .venv/bin/bot db create
}

# Starts the Rasa servers and nginx (run.sh has started the action server).
production_start() {
  local port upstreams=""
  for port in $RASA_SERVER_PORTS; do
    # Only nginx is reached from outside: the Rasa servers listen on this machine alone.
    supervise "Rasa server :$port" .venv/bin/rasa run --model "$model" -i 127.0.0.1 \
      --port "$port" --cors "*" --credentials credentials.yml \
      --endpoints config/endpoints.production.yml
    health=("http://127.0.0.1:$port/" "${health[@]}")  # before nginx: no error while it loads
    upstreams+="    server 127.0.0.1:$port max_fails=0;"$'\n'
  done
  export NGINX_DIR="$VAR_DIR/nginx" RASA_UPSTREAMS="$upstreams"
  export PUBLIC_HOST="${PUBLIC_HOST:-127.0.0.1}" PUBLIC_PORT="$RASA_PORT"
  mkdir -p "$NGINX_DIR"
  envsubst '${NGINX_DIR} ${RASA_UPSTREAMS} ${ACTION_PORT} ${ACTION_PROXY_PORT} ${PUBLIC_HOST} ${PUBLIC_PORT}' \
    < config/nginx.conf.template > "$NGINX_DIR/nginx.conf"
  "$NGINX" -t -q -p "$NGINX_DIR" -c "$NGINX_DIR/nginx.conf" -e stderr
  supervise "nginx" run_nginx
  health+=("http://127.0.0.1:$ACTION_PROXY_PORT/health")
  addresses+=("  Rasa servers:  $RASA_SERVER_PORTS behind nginx on :$RASA_PORT (PostgreSQL, Redis lock store)")
}

# nginx in the foreground. A master killed with SIGKILL leaves its workers holding the ports, and
# every new start would fail ("Address already in use"): those workers are ended first.
run_nginx() {
  local stale
  stale=$(ss -ltnpH "( sport = :$RASA_PORT or sport = :$ACTION_PROXY_PORT )" 2>/dev/null |
    grep -o 'nginx",pid=[0-9]*' | cut -d= -f2 | sort -u || true)
  if [ -n "$stale" ]; then
    echo "run: ending nginx workers left by a dead master: $(echo $stale)" >&2
    kill $stale 2>/dev/null || true
    sleep 1
  fi
  exec "$NGINX" -p "$NGINX_DIR" -c "$NGINX_DIR/nginx.conf" -e stderr -g "daemon off;"
}
