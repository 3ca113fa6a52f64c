"""Starts the real action server and Rasa server on free ports for conversation tests."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with contextlib.closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(url: str, process: subprocess.Popen, log: Path, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} exited early:\n{log.read_text()[-3000:]}")
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not come up in {seconds}s:\n{log.read_text()[-3000:]}")


@dataclass
class Servers:
    rasa_url: str
    action_url: str
    database_url: str
    env: dict[str, str]
    logs: Path

    def chat(self, sender: str, text: str, timeout: float = 30) -> list[dict]:
        reply = requests.post(
            f"{self.rasa_url}/webhooks/rest/webhook",
            json={"sender": sender, "message": text},
            timeout=timeout,
        )
        reply.raise_for_status()
        return reply.json()

    def texts(self, sender: str, text: str) -> list[str]:
        return [m.get("text", "") for m in self.chat(sender, text)]


@contextlib.contextmanager
def run_servers(
    model: Path, workdir: Path, database_url: str, extra_env: dict[str, str] | None = None
) -> Iterator[Servers]:
    action_port, rasa_port = free_port(), free_port()
    env = {
        **os.environ,
        "RASA_TELEMETRY_ENABLED": "false",
        "DATABASE_URL": database_url,
        "VAR_DIR": str(workdir),
        "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{action_port}/webhook",
        "LOG_LEVEL_LIBRARIES": "ERROR",
        **(extra_env or {}),
    }
    logs = workdir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    processes: list[subprocess.Popen] = []
    try:
        action_log = logs / "actions.log"
        processes.append(
            subprocess.Popen(
                [
                    str(BIN / "rasa"),
                    "run",
                    "actions",
                    "--actions",
                    "actions",
                    "--port",
                    str(action_port),
                ],
                cwd=ROOT,
                env=env,
                stdout=action_log.open("w"),
                stderr=subprocess.STDOUT,
            )
        )
        rasa_log = logs / "rasa.log"
        processes.append(
            subprocess.Popen(
                [
                    str(BIN / "rasa"),
                    "run",
                    "--model",
                    str(model),
                    "--port",
                    str(rasa_port),
                    "--endpoints",
                    "endpoints.yml",
                    "--credentials",
                    "credentials.yml",
                    "--enable-api",
                    "--cors",
                    "*",
                ],
                cwd=ROOT,
                env=env,
                stdout=rasa_log.open("w"),
                stderr=subprocess.STDOUT,
            )
        )
        _wait(f"http://127.0.0.1:{action_port}/health", processes[0], action_log)
        _wait(f"http://127.0.0.1:{rasa_port}/status", processes[1], rasa_log, 300)
        yield Servers(
            f"http://127.0.0.1:{rasa_port}",
            f"http://127.0.0.1:{action_port}",
            database_url,
            env,
            logs,
        )
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
