"""The README's "Chatting with it" commands, run as written next to `make run` (issue 14, item 11).

`rasa shell` starts a Rasa server of its own: on `make run`'s port 5005 it failed with "address
already in use" after a minute of loading. Here the documented shell command runs while port 5005
is held (as `make run`'s Rasa holds it), and talks to the real action server; the curl command
talks to the real Rasa server. The only rewrite is make run's ports to the test servers' ports.
"""

from __future__ import annotations

import contextlib
import os
import pty
import re
import select
import shlex
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.settings import ROOT
from tests.e2e.harness import Servers

README = ROOT / "README.md"
RUN_SH = ROOT / "scripts/run.sh"


def readme_commands() -> list[str]:
    """The shell commands of the README's "Chatting with it" block, continuations joined."""
    section = README.read_text().split("## Chatting with it", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    joined = re.sub(r"\\\n\s*", "", block)
    return [line.strip() for line in joined.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]  # fmt: skip


def command(program: str) -> str:
    found = [c for c in readme_commands() if program in shlex.split(c)[:4] or program in c]
    assert len(found) == 1, readme_commands()
    return found[0]


def make_run_ports() -> dict[str, int]:
    """The ports `make run` listens on by default (scripts/run.sh and scripts/run.d)."""
    text = RUN_SH.read_text() + "".join(
        p.read_text() for p in sorted((ROOT / "scripts/run.d").glob("*.sh")))
    return {name: int(port) for name, port in re.findall(r"export (\w+_PORT)=\"\$\{\w+:-(\d+)\}",
                                                          text)}  # fmt: skip


def shell_argv() -> list[str]:
    words = shlex.split(command("rasa shell"))
    start = next(i for i, w in enumerate(words) if w.endswith("rasa"))
    return words[start + 1:]


def test_the_shell_command_parses_and_its_port_is_not_one_make_run_uses() -> None:
    from rasa.__main__ import create_argument_parser

    args = create_argument_parser().parse_args(shell_argv())
    assert args.func.__name__ == "shell"
    ports = make_run_ports()
    assert {"RASA_PORT", "ACTION_PORT", "CONSOLE_PORT", "WIDGET_PORT"} <= ports.keys(), ports
    assert ports["RASA_PORT"] == 5005
    assert args.port not in ports.values(), (args.port, ports)
    # make run prints the same shell command, on the same port
    printed = re.search(r"SHELL_PORT=\"\$\{SHELL_PORT:-(\d+)\}\"", RUN_SH.read_text())
    assert printed and int(printed.group(1)) == args.port
    assert "--port $SHELL_PORT" in RUN_SH.read_text()


@contextlib.contextmanager
def holding(port: int) -> Iterator[None]:
    """Listen on `port` as make run's Rasa server would (if something already does, fine)."""
    sock = socket.socket()
    try:
        sock.bind(("0.0.0.0", port))
        sock.listen()
    except OSError:
        pass
    try:
        yield
    finally:
        sock.close()


def as_test_servers(line: str, servers: Servers) -> str:
    """The command with make run's Rasa and action ports pointing at the test servers."""
    rasa_port = servers.rasa_url.rsplit(":", 1)[1]
    action_port = servers.action_url.rsplit(":", 1)[1]
    return line.replace("localhost:5005", f"127.0.0.1:{rasa_port}").replace(
        "127.0.0.1:5055", f"127.0.0.1:{action_port}")


@pytest.mark.e2e
def test_the_curl_command_gets_an_answer(servers: Servers) -> None:
    line = as_test_servers(command("curl"), servers)
    out = subprocess.run(["bash", "-c", line], cwd=ROOT, capture_output=True, text=True,
                         timeout=120, check=True).stdout  # fmt: skip
    assert '"text"' in out and "recipient_id" in out, out


def _read_until(fd: int, pattern: str, seconds: float, seen: list[str]) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 1.0)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break  # the shell exited
            if not chunk:
                break
            seen.append(chunk.decode(errors="replace"))
            if re.search(pattern, "".join(seen)):
                return "".join(seen)
    raise AssertionError(f"no {pattern!r} in {seconds}s; the shell said:\n{''.join(seen)[-3000:]}")


def _workdir(tmp_path: Path, model: Path) -> Path:
    """A checkout-like directory whose models/ holds only this model (the shell takes the
    newest) and whose var/ is fresh, so $PWD/var/intake.db in the command is a test database."""
    for entry in ROOT.iterdir():
        if entry.name not in ("models", "var", ".git"):
            (tmp_path / entry.name).symlink_to(entry)
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / model.name).symlink_to(model)
    (tmp_path / "var").mkdir()
    return tmp_path


@pytest.mark.e2e
def test_the_shell_command_runs_next_to_make_run(
    servers: Servers, trained_model: Path, tmp_path: Path
) -> None:
    argv = shell_argv()
    port = int(argv[argv.index("--port") + 1])
    with contextlib.closing(socket.socket()) as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0, f"something else has port {port}"
    workdir = _workdir(tmp_path, trained_model)
    line = as_test_servers(command("rasa shell"), servers)
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "PWD": str(workdir)}
    env.pop("DATABASE_URL", None)
    env.pop("ACTION_ENDPOINT_URL", None)
    main, child = pty.openpty()
    with holding(5005):
        process = subprocess.Popen(["bash", "-c", line], cwd=workdir, env=env, stdin=child,
                                   stdout=child, stderr=child, close_fds=True)  # fmt: skip
        os.close(child)
        seen: list[str] = []
        try:
            _read_until(main, r"Bot loaded", 300, seen)
            os.write(main, b"hi\r")
            said = _read_until(main, r"intake assistant", 120, seen)  # the greeting
            assert "address already in use" not in said.lower()
            os.write(main, b"/stop\r")
            process.wait(timeout=60)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
            os.close(main)
