"""`make run` restarts a service that dies, and the others go on (scripts/run.sh `supervise`)."""

from __future__ import annotations

import subprocess

from bot.settings import ROOT
from tests.e2e.harness import free_port

SCRIPT = r"""
set -euo pipefail
pids=()
eval "$(sed -n '/^supervise() {/,/^}/p' scripts/run.sh)"
supervise "one" sleep 4321
supervise "other" sleep 4322
sleep 1
first=$(pgrep -f '^sleep 4321' | head -1)
other=$(pgrep -f '^sleep 4322' | head -1)
kill -9 "$first"
sleep 3
echo "restarted=$(pgrep -f '^sleep 4321' | head -1) first=$first"
echo "other=$(pgrep -f '^sleep 4322' | head -1) was=$other"
kill "${pids[@]}"
sleep 1
echo "left=$(pgrep -f '^sleep 432[12]' | wc -l)"
"""


def test_a_killed_service_is_started_again_and_the_others_go_on():
    out = subprocess.run(
        ["bash", "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True
    ).stdout
    values = dict(part.split("=") for line in out.split() for part in [line] if "=" in part)
    assert values["restarted"] and values["restarted"] != values["first"], out
    assert values["other"] == values["was"], out  # the other service was not touched
    assert values["left"] == "0", out  # stopping make run stops them all


WAIT_SCRIPT = r"""
set -euo pipefail
eval "$(sed -n '/^wait_until_up() {/,/^}/p' scripts/run.sh)"
port=$PORT
( wait_until_up "http://127.0.0.1:$port/" && echo "up=$(date +%s%N)" ) > "$OUT" &
waiter=$!
sleep 3
echo "early=$(cat "$OUT" | wc -l)"
echo "started=$(date +%s%N)"
.venv/bin/python -m http.server "$port" --bind 127.0.0.1 >/dev/null 2>&1 &
server=$!
wait "$waiter"
kill "$server"
cat "$OUT"
"""


def test_the_addresses_wait_until_the_services_answer(tmp_path):
    out = subprocess.run(
        ["bash", "-c", WAIT_SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=60,
        check=True, env={"PATH": "/usr/bin:/bin", "OUT": str(tmp_path / "out"),
                         "PORT": str(free_port())},
    ).stdout
    values = dict(line.split("=", 1) for line in out.split() if "=" in line)
    assert values["early"] == "0", out  # nothing listened yet: still waiting
    assert int(values["up"]) > int(values["started"]), out  # it went on only once it answered


def test_run_prints_every_address_after_waiting_for_every_service():
    run = (ROOT / "scripts/run.sh").read_text()
    extras = {p.name: p.read_text() for p in (ROOT / "scripts/run.d").glob("*.sh")}
    waited = run.index('wait_until_up "${health[@]}"')
    assert waited < run.index('printf \'%s\\n\' "${addresses[@]}"') < run.index("Chat (REST):")
    assert "/health" in run and "/webhooks/rest/" in run  # the action server and Rasa
    for name, text in extras.items():
        assert "echo" not in text, f"{name} prints before the services answer"
        if "addresses+=" in text:
            assert "health+=" in text, f"{name} shows an address it does not wait for"
    assert "Website chat" in extras["widget.sh"] and "Staff console" in extras["console.sh"]


NOISY = r"""
set -euo pipefail
pids=()
eval "$(sed -n '/^supervise() {/,/^}/p' scripts/run.sh)"
supervise "noisy" bash -c '
  echo "/x/site-packages/pkg_resources/__init__.py:3117: DeprecationWarning: declare_namespace" >&2
  echo "  declare_namespace(pkg)" >&2
  echo "2026-11-29 20:34:02 ERROR    rasa.core  - the model could not be loaded" >&2
  exec sleep 4323'
sleep 3
kill "${pids[@]}"
sleep 1
echo "left=$(pgrep -f '^sleep 4323' | wc -l)"
"""


def test_a_service_s_library_deprecations_are_left_out_and_its_errors_shown():
    done = subprocess.run(["bash", "-c", NOISY], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, check=True)  # fmt: skip
    assert "the model could not be loaded" in done.stderr, done.stderr
    assert "declare_namespace" not in done.stderr, done.stderr
    assert "left=0" in done.stdout  # the service and its filter stop with make run
