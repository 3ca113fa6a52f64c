"""`make run` restarts a service that dies, and the others go on (scripts/run.sh `supervise`)."""

from __future__ import annotations

import subprocess

from bot.settings import ROOT

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
