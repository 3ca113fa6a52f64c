"""Starts the real action server and Rasa server on free ports for conversation tests."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import requests
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[2]
PG_ADMIN_URL = os.environ.get(
    "DATABASE_TEST_PG_URL", "postgresql+psycopg2://postgres@127.0.0.1:5432/postgres"
)
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


class _Process:
    """One server process: how to start it, where it logs, and the URL that says it is up."""

    def __init__(self, argv: list[str], env: dict[str, str], log: Path, health_url: str) -> None:
        self.argv, self.env, self.log, self.health_url = argv, env, log, health_url
        self.popen: subprocess.Popen | None = None

    def start(self, append: bool = False) -> None:
        self.popen = subprocess.Popen(
            self.argv,
            cwd=ROOT,
            env=self.env,
            stdout=self.log.open("a" if append else "w"),
            stderr=subprocess.STDOUT,
        )

    def wait_until_up(self, seconds: float) -> None:
        assert self.popen is not None
        _wait(self.health_url, self.popen, self.log, seconds)

    def kill(self) -> None:
        """SIGKILL, as a crash would: no shutdown handlers run."""
        if self.popen is not None and self.popen.poll() is None:
            self.popen.kill()
            self.popen.wait(timeout=20)

    def stop(self) -> None:
        if self.popen is None or self.popen.poll() is not None:
            return
        self.popen.terminate()
        try:
            self.popen.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.popen.kill()


class _Chat:
    """Chat over the REST channel at `self.rasa_url`."""

    rasa_url: str

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


@dataclass
class Servers(_Chat):
    rasa_url: str
    action_url: str
    database_url: str
    env: dict[str, str]
    logs: Path
    # The Rasa server's process, for tests that crash and restart it (None: not controllable).
    rasa_process: _Process | None = field(default=None, repr=False)
    action_process: _Process | None = field(default=None, repr=False)

    def kill_rasa(self) -> None:
        """Crash the Rasa server (SIGKILL: nothing is saved on the way out)."""
        assert self.rasa_process is not None, "these servers were not started by run_servers"
        self.rasa_process.kill()

    def restart_rasa(self, seconds: float = 300) -> None:
        """Start the Rasa server again: same model, port, database and action server."""
        assert self.rasa_process is not None, "these servers were not started by run_servers"
        self.rasa_process.kill()
        self.rasa_process.start(append=True)
        self.rasa_process.wait_until_up(seconds)


    def kill_actions(self) -> None:
        """Crash the action server (SIGKILL)."""
        assert self.action_process is not None, "these servers were not started by run_servers"
        self.action_process.kill()

    def restart_actions(self, seconds: float = 180) -> None:
        """Start the action server again, on the same port."""
        assert self.action_process is not None, "these servers were not started by run_servers"
        self.action_process.kill()
        self.action_process.start(append=True)
        self.action_process.wait_until_up(seconds)


@contextlib.contextmanager
def run_servers(
    model: Path, workdir: Path, database_url: str, extra_env: dict[str, str] | None = None
) -> Iterator[Servers]:
    """The action server and Rasa server on free ports; `Servers.kill_rasa`/`restart_rasa` let
    a test crash the Rasa server and bring it back."""
    action_port, rasa_port = free_port(), free_port()
    env = {
        **os.environ,
        "RASA_TELEMETRY_ENABLED": "false",
        # scripted patients answer at once; a person's text takes longer than an SMS reply
        "SMS_DELIVERY_GRACE_SECONDS": "0",
        "DATABASE_URL": database_url,
        "VAR_DIR": str(workdir),
        "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{action_port}/webhook",
        "LOG_LEVEL_LIBRARIES": "ERROR",
        **(extra_env or {}),
    }
    logs = workdir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    rasa = str(BIN / "rasa")
    action = _Process(
        [rasa, "run", "actions", "--actions", "actions", "--port", str(action_port)],
        env,
        logs / "actions.log",
        f"http://127.0.0.1:{action_port}/health",
    )
    server = _Process(
        [
            rasa,
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
        env,
        logs / "rasa.log",
        f"http://127.0.0.1:{rasa_port}/status",
    )
    processes = [action, server]
    try:
        for process in processes:
            process.start()
        action.wait_until_up(180)
        server.wait_until_up(300)
        yield Servers(
            f"http://127.0.0.1:{rasa_port}",
            f"http://127.0.0.1:{action_port}",
            database_url,
            env,
            logs,
            rasa_process=server,
            action_process=action,
        )
    finally:
        for process in processes:
            process.stop()


@dataclass
class Production(_Chat):
    """`make run-production` running: nginx's address (`rasa_url`, where patients reach it) and
    each Rasa server's."""

    rasa_url: str
    rasa_urls: list[str]
    database_url: str
    log: Path
    action_port: int = 0


@contextlib.contextmanager
def run_production(
    workdir: Path, database_url: str, extra_env: dict[str, str] | None = None
) -> Iterator[Production]:
    """`make run-production` (docs/deploy.md) on free ports, with two Rasa servers, the Redis
    lock store's database 5 and `database_url`; stopped as a whole afterwards."""
    ports = {name: free_port() for name in
             ("RASA_PORT", "ACTION_PORT", "ACTION_PROXY_PORT", "CONSOLE_PORT", "WIDGET_PORT")}
    backends = [free_port(), free_port()]
    log = workdir / "run.log"
    public = f"http://127.0.0.1:{ports['RASA_PORT']}"
    env = {
        **os.environ,
        "RASA_TELEMETRY_ENABLED": "false",
        # scripted patients answer at once; a person's text takes longer than an SMS reply
        "SMS_DELIVERY_GRACE_SECONDS": "0",
        "REDIS_DB": "5",
        # Twilio signs for the address it calls: nginx's, whichever server the request reaches.
        "TWILIO_WEBHOOK_PUBLIC_URL": f"{public}/webhooks/twilio_sms/webhook",
        **{name: str(port) for name, port in ports.items()},
        "RASA_SERVER_PORTS": " ".join(map(str, backends)),
        "VAR_DIR": str(workdir),
        "DATABASE_URL": database_url,
        **(extra_env or {}),
    }
    process = subprocess.Popen(
        ["make", "--no-print-directory", "run-production"],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: stopped as a whole below
    )
    try:
        up = Production(public, [f"http://127.0.0.1:{port}" for port in backends], database_url,
                        log, ports["ACTION_PORT"])
        for url in [f"{u}/" for u in up.rasa_urls] + [f"{up.rasa_url}/webhooks/rest/"]:
            _wait(url, process, log, seconds=420)
        yield up
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@contextlib.contextmanager
def postgres_database(admin_url: str = PG_ADMIN_URL) -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database of its own, dropped afterwards."""
    name = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT", future=True)
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield str(make_url(admin_url).set(database=name))
    finally:
        with admin.connect() as conn:
            conn.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"),
                {"n": name},
            )
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


@contextlib.contextmanager
def database_outage(database_url: str, admin_url: str = PG_ADMIN_URL) -> Iterator[None]:
    """No new PostgreSQL connections to this database, and its open ones ended, while inside."""
    name = make_url(database_url).database
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT", future=True)

    def allow(flag: bool) -> None:
        with admin.connect() as conn:
            allowed = "true" if flag else "false"
            conn.execute(text(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS {allowed}'))
            if not flag:
                conn.execute(
                    text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                         "WHERE datname = :n AND pid <> pg_backend_pid()"),
                    {"n": name},
                )

    allow(False)
    try:
        yield
    finally:
        allow(True)
        admin.dispose()


def query(database_url: str, sql: str, **params: object) -> list[dict]:
    """Rows of a read-only SQL query against a test's database, as dicts."""
    engine = create_engine(database_url, future=True)
    try:
        with engine.connect() as conn:
            return [dict(r) for r in conn.execute(text(sql), params).mappings().all()]
    finally:
        engine.dispose()
