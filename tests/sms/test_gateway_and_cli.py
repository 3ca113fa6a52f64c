"""Gateway selection, Twilio error mapping, the CLI, and the domain's independence from Rasa."""

from __future__ import annotations

import argparse
import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.bootstrap import make_sms_gateway
from app.reminders import register
from bot.db import utcnow
from bot.messaging.transport.gateway import (
    ConsoleGateway,
    PermanentSendError,
    SmsMessage,
    TransientSendError,
)
from bot.settings import ROOT, Settings
from channels.twilio_gateway import TwilioConfigError, TwilioGateway
from tests.sms.conftest import twilio_config


def test_console_is_the_default_and_twilio_needs_its_settings(tmp_path, twilio_env):
    settings = Settings(var_dir=tmp_path)
    gateway = make_sms_gateway(settings)
    assert isinstance(gateway, ConsoleGateway)
    assert gateway.outbox == tmp_path / "sms-outbox.jsonl"
    twilio = make_sms_gateway(Settings.from_env({**twilio_env, "VAR_DIR": str(tmp_path)}))
    assert isinstance(twilio, TwilioGateway)
    assert twilio.client.api.base_url == twilio_env["TWILIO_API_BASE_URL"]
    with pytest.raises(TwilioConfigError, match="TWILIO_AUTH_TOKEN"):
        twilio_config({"TWILIO_ACCOUNT_SID": "AC1", "TWILIO_FROM_NUMBER": "+1"})
    assert twilio_config({
        "TWILIO_ACCOUNT_SID": "AC1", "TWILIO_AUTH_TOKEN": "t", "TWILIO_FROM_NUMBER": "+1",
    }).api_base_url == "https://api.twilio.com"
    with pytest.raises(ValueError, match="unknown SMS_GATEWAY"):
        make_sms_gateway(Settings(sms_gateway="pigeon"))


def test_twilio_errors_map_to_retry_or_stop(fake_twilio, twilio_gateway):
    message = SmsMessage("+12125550123", "hi", "k1")
    for status, code, kind in [
        (500, None, TransientSendError), (503, None, TransientSendError),
        (429, 20429, TransientSendError), (400, 21211, PermanentSendError),
        (400, 21610, PermanentSendError), (404, 20404, PermanentSendError),
    ]:
        fake_twilio.fail_next(status, code)
        with pytest.raises(kind) as err:
            twilio_gateway.send(message)
        assert err.value.code == (str(code) if code else None)
    fake_twilio.fail_next(400, 21610)
    with pytest.raises(PermanentSendError) as err:
        twilio_gateway.send(message)
    assert err.value.unsubscribed
    result = twilio_gateway.send(message)
    assert result.sid.startswith("SM") and result.status == "queued"
    post = fake_twilio.posts[-1]
    assert (post["To"], post["From"], post["Body"]) == ("+12125550123", "+17185550100", "hi")


def test_wrong_credentials_are_a_permanent_failure(fake_twilio, twilio_env):
    gateway = TwilioGateway(twilio_config({**twilio_env, "TWILIO_AUTH_TOKEN": "nope"}))
    with pytest.raises(PermanentSendError) as err:
        gateway.send(SmsMessage("+12125550123", "hi"))
    assert err.value.code == "20003" and fake_twilio.unauthorized == 1


def test_unreachable_twilio_is_transient(twilio_env):
    config = twilio_config({**twilio_env, "TWILIO_API_BASE_URL": "http://127.0.0.1:9"})
    with pytest.raises(TransientSendError):
        TwilioGateway(config).send(SmsMessage("+12125550123", "hi"))


def test_register_adds_bot_reminders_run():
    parser = argparse.ArgumentParser(prog="bot")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["reminders", "run", "--once", "--interval", "5"])
    assert args.once and args.interval == 5.0 and callable(args.func)
    args = parser.parse_args(["reminders", "run"])
    assert not args.once and args.interval == 30.0


def test_cli_once_with_the_console_gateway(sqlite_url, profile, due_reminders, tmp_path,
                                           awake_profile):
    from bot.db import make_engine, make_session_factory

    engine = make_engine(sqlite_url)
    due_reminders(make_session_factory(engine), profile, 3, utcnow())
    engine.dispose()
    env = {**os.environ, "DATABASE_URL": sqlite_url, "VAR_DIR": str(tmp_path / "var"),
           "CLINIC_PROFILE": str(awake_profile), "PYTHONPATH": str(ROOT)}
    env.pop("SMS_GATEWAY", None)
    done = subprocess.run([sys.executable, "-m", "app.reminders", "run", "--once"], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    outbox = [json.loads(x) for x in (tmp_path / "var/sms-outbox.jsonl").read_text().splitlines()]
    assert len(outbox) == 3
    assert "sent=3" in done.stderr
    assert "+1212555" not in done.stderr  # numbers masked in the log


def test_run_d_script_starts_the_worker_under_supervision():
    """make run starts the worker with `supervise`, which records its pid and restarts it."""
    script = (ROOT / "scripts/run.d/reminders.sh").read_text()
    assert 'supervise "reminder worker" .venv/bin/bot reminders run' in script
    assert "pids+=($!)" in (ROOT / "scripts/run.sh").read_text()


def _imports(path: Path) -> set:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize(
    "package", ["bot/messaging", "bot/messaging/reminders", "bot/messaging/transport"]
)
def test_domain_packages_never_import_rasa(package):
    for path in (ROOT / package).glob("*.py"):
        assert not _imports(path) & {"rasa", "rasa_sdk", "sanic"}, path


def test_messaging_imports_no_adapter_and_transport_nothing_above_it():
    for path in (ROOT / "bot/messaging").rglob("*.py"):
        assert not _imports(path) & {"twilio", "flask", "app", "channels"}, path
    for path in (ROOT / "bot/messaging/transport").glob("*.py"):
        assert not any(
            name.startswith("bot.messaging.") and not name.startswith("bot.messaging.transport")
            for name in _modules(path)
        ), path


def _modules(path: Path) -> set:
    return {
        node.module
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.ImportFrom) and node.module
    }
