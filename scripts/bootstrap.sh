#!/usr/bin/env bash
# Creates .venv with Python 3.10 and installs the pinned packages; does nothing when up to date.
set -euo pipefail
cd "$(dirname "$0")/.."

find_python() {
  for candidate in "${PYTHON:-}" python3.10 "$(pyenv root 2>/dev/null)/versions/3.10"*/bin/python3.10 \
      /root/.pyenv/versions/3.10*/bin/python3.10 /usr/bin/python3.10; do
    [ -n "$candidate" ] && command -v "$candidate" >/dev/null 2>&1 && \
      "$candidate" -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null && \
      { echo "$candidate"; return 0; }
  done
  return 1
}

if [ ! -x .venv/bin/python ]; then
  py=$(find_python) || { echo "Python 3.10 is required (Rasa 3.6 supports 3.8-3.10)." >&2; exit 1; }
  echo "Creating .venv with $py"
  "$py" -m venv .venv
fi

stamp=.venv/.installed-lock
want=$(cat requirements.lock pyproject.toml | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "Installing pinned packages (first time: a few minutes, about 3 GB)"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
  echo "$want" > "$stamp"
fi

# The browser tests inject axe-core (package.json, pinned in package-lock.json) into pages.
npm_stamp=node_modules/.installed-lock
npm_want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat "$npm_stamp" 2>/dev/null)" != "$npm_want" ]; then
  if command -v npm >/dev/null 2>&1; then
    echo "Installing the pinned npm packages (package-lock.json)"
    npm ci --no-audit --no-fund --loglevel=error
    echo "$npm_want" > "$npm_stamp"
  else
    echo "npm not found: the accessibility tests need Node.js and npm (Debian: apt-get install npm)." >&2
  fi
fi
