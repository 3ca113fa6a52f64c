"""The production profile's nginx configuration (config/nginx.conf.template), as
scripts/production.sh renders it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from bot.settings import ROOT

TEMPLATE = ROOT / "config" / "nginx.conf.template"
# The names production.sh lets envsubst replace, read from the script itself.
NAMES = re.search(r"envsubst '([^']+)'", (ROOT / "scripts" / "production.sh").read_text())[1]


def _nginx() -> str:
    found = shutil.which("nginx") or "/usr/sbin/nginx"
    assert os.access(found, os.X_OK), "nginx is not installed (.ci/run installs it)"
    return found


def _render(tmp_path) -> str:
    env = {**os.environ, "NGINX_DIR": str(tmp_path), "ACTION_PORT": "5055",
           "ACTION_PROXY_PORT": "5056", "PUBLIC_HOST": "127.0.0.1", "PUBLIC_PORT": "5005",
           "RASA_UPSTREAMS": "    server 127.0.0.1:5011;\n    server 127.0.0.1:5012;\n"}
    return subprocess.run(["envsubst", NAMES], input=TEMPLATE.read_text(), env=env,
                           capture_output=True, text=True, check=True).stdout


def test_the_rendered_configuration_is_valid_nginx(tmp_path):
    conf = tmp_path / "nginx.conf"
    conf.write_text(_render(tmp_path))
    checked = subprocess.run([_nginx(), "-t", "-p", str(tmp_path), "-c", str(conf), "-e",
                              "stderr"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    assert "$http_upgrade" in conf.read_text()  # nginx's own variables are left alone


@pytest.mark.parametrize("location", ["/socket.io/", "/"])
def test_every_location_to_the_rasa_servers_passes_the_host_with_its_port(tmp_path, location):
    """nginx inherits no proxy_set_header into a location that sets its own: each must pass
    Host (with the port) itself, or the Twilio signature is checked against the wrong URL."""
    text = _render(tmp_path)
    block = re.search(r"location " + re.escape(location) + r" \{(.*?)\n    \}", text, re.S)
    assert block, location
    assert "proxy_set_header Host $http_host;" in block[1]
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in block[1]


def test_a_slow_post_is_never_sent_to_a_second_server(tmp_path):
    retry = re.search(r"proxy_next_upstream ([^;]+);", _render(tmp_path))
    assert retry and "timeout" not in retry[1].split() and "error" in retry[1].split()
