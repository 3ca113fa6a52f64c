"""Fixtures of the SMS tests: a fake Twilio REST server, a settable clock, bookings, a profile.

The fake server is a threaded `http.server` on a free port that speaks the part of Twilio's
API the gateway uses: POST /2010-04-01/Accounts/{sid}/Messages.json with basic auth, replies
shaped like Twilio's (sid, status; errors with code/message/status), failures on request, and
de-duplication by the idempotency header our gateway sends.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import json
import threading
import time
import uuid
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable, Deque, Dict, List, Tuple
from urllib.parse import parse_qs

import pytest
import yaml
from sqlalchemy.orm import sessionmaker

from app.bootstrap import reminder_events
from bot.clinic import ClinicProfile
from bot.db import unit_of_work
from bot.scheduling import PatientDetails, Slot, book
from bot.scheduling.models import BOOKED, Booking, Patient
from bot.settings import DEFAULT_CLINIC_PROFILE, Settings
from channels.twilio_gateway import IDEMPOTENCY_HEADER, TwilioConfig, TwilioGateway
from tests.fakes import FakeClock

UTC = dt.timezone.utc
ACCOUNT_SID = "AC" + "1" * 32
AUTH_TOKEN = "test-auth-token"
FROM_NUMBER = "+17185550100"
# Monday 30 November 2026, 9:00 in New York.
START = dt.datetime(2026, 11, 30, 14, 0, tzinfo=UTC)




@dataclass
class FakeTwilio:
    """State of the fake Twilio API; tests read and steer it."""

    account_sid: str = ACCOUNT_SID
    auth_token: str = AUTH_TOKEN
    base_url: str = ""
    delay: float = 0.0  # seconds before answering each POST
    failures: Deque[Tuple[int, int | None]] = field(default_factory=deque)  # next replies
    fail_to: Dict[str, Tuple[int, int | None]] = field(default_factory=dict)  # per number
    posts: List[dict] = field(default_factory=list)  # every POST that passed auth
    messages: Dict[str, dict] = field(default_factory=dict)  # created messages by sid
    by_key: Dict[str, str] = field(default_factory=dict)  # idempotency key -> sid
    unauthorized: int = 0
    on_create: Callable[[int], None] | None = None  # called with the count, before replying
    lock: threading.Lock = field(default_factory=threading.Lock)

    def fail_next(self, status: int, code: int | None = None, times: int = 1) -> None:
        for _ in range(times):
            self.failures.append((status, code))

    def created_count(self) -> int:
        with self.lock:
            return len(self.messages)

    def sent_to(self, phone: str) -> List[dict]:
        with self.lock:
            return [m for m in self.messages.values() if m["to"] == phone]

    def keys_created_more_than_once(self) -> List[str]:
        with self.lock:
            counts = Counter(m["idempotency_key"] for m in self.messages.values())
        return [k for k, n in counts.items() if k and n > 1]

    def bodies_to(self, phone: str) -> List[str]:
        return [m["body"] for m in self.sent_to(phone)]


def _handler(state: FakeTwilio) -> type:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # keep test output quiet
            pass

        def _reply(self, status: int, payload: dict) -> None:
            body = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _error(self, status: int, code: int | None, message: str) -> None:
            self._reply(status, {
                "code": code, "message": message, "status": status,
                "more_info": f"https://www.twilio.com/docs/errors/{code}",
            })

        def do_POST(self) -> None:  # noqa: N802 (http.server's name)
            length = int(self.headers.get("Content-Length") or 0)
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            expected = f"/2010-04-01/Accounts/{state.account_sid}/Messages.json"
            if self.path != expected:
                return self._error(404, 20404, "The requested resource was not found")
            auth = self.headers.get("Authorization", "")
            wanted = base64.b64encode(f"{state.account_sid}:{state.auth_token}".encode()).decode()
            if auth != f"Basic {wanted}":
                with state.lock:
                    state.unauthorized += 1
                return self._error(401, 20003, "Authenticate")
            key = self.headers.get(IDEMPOTENCY_HEADER)
            if state.delay:
                time.sleep(state.delay)
            with state.lock:
                state.posts.append({**form, "idempotency_key": key})
                failure = state.fail_to.get(form.get("To", ""))
                if failure is None and state.failures:
                    failure = state.failures.popleft()
                if failure is None and key and key in state.by_key:
                    message = state.messages[state.by_key[key]]
                    return self._reply(201, message)
                if failure is None:
                    sid = "SM" + uuid.uuid4().hex
                    message = {
                        "sid": sid, "account_sid": state.account_sid, "to": form.get("To"),
                        "from": form.get("From"), "body": form.get("Body"), "status": "queued",
                        "num_segments": "1", "direction": "outbound-api", "error_code": None,
                        "error_message": None, "idempotency_key": key,
                        "uri": f"{expected[:-5]}/{sid}.json",
                    }
                    state.messages[sid] = message
                    if key:
                        state.by_key[key] = sid
                    created = len(state.messages)
                else:
                    created = 0
            if created:
                if state.on_create is not None:
                    state.on_create(created)
                return self._reply(201, message)
            status, code = failure  # type: ignore[misc]
            messages = {
                21211: "The 'To' number is not a valid phone number.",
                21610: "Attempt to send to unsubscribed recipient",
                20429: "Too Many Requests",
            }
            return self._error(status, code, messages.get(code, "Internal Server Error"))

    return Handler


@contextlib.contextmanager
def serve_fake_twilio() -> Iterator[FakeTwilio]:
    """The fake Twilio API on a free port, for as long as the block runs."""
    state = FakeTwilio()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    state.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def fake_twilio() -> Iterator[FakeTwilio]:
    with serve_fake_twilio() as state:
        yield state


@pytest.fixture
def twilio_env(fake_twilio: FakeTwilio) -> Dict[str, str]:
    return env_for(fake_twilio)


def env_for(state: FakeTwilio) -> Dict[str, str]:
    """The environment that points the gateway (and the channel) at the fake server."""
    return {
        "SMS_GATEWAY": "twilio",
        "TWILIO_ACCOUNT_SID": state.account_sid,
        "TWILIO_AUTH_TOKEN": state.auth_token,
        "TWILIO_FROM_NUMBER": FROM_NUMBER,
        "TWILIO_API_BASE_URL": state.base_url,
    }


@pytest.fixture
def twilio_gateway(twilio_env: Dict[str, str]) -> TwilioGateway:
    return TwilioGateway(twilio_config({**twilio_env, "TWILIO_TIMEOUT_SECONDS": "2"}))


def twilio_config(env: Dict[str, str]) -> TwilioConfig:
    """The gateway's configuration as the bootstrap reads it from this environment."""
    return TwilioConfig.from_settings(Settings.from_env(env))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def awake_profile(tmp_path: Path) -> Path:
    """The clinic profile without quiet hours, for workers that run on the real clock."""
    raw = yaml.safe_load(DEFAULT_CLINIC_PROFILE.read_text(encoding="utf-8"))
    raw["reminders"]["quiet_start"] = raw["reminders"]["quiet_end"] = "00:00"
    path = tmp_path / "clinic.yml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    return path


@pytest.fixture
def book_and_plan(session_factory: sessionmaker, profile: ClinicProfile, clock: FakeClock):
    """Book through bot.scheduling's service, wired to the reminders as the bootstrap wires it."""

    def run(
        local_start: dt.datetime,
        phone: str = "+12125550123",
        consent: bool = True,
        therapist: str = "dana",
        appointment_type: str = "acute_assessment",
        name: str = "Ana Diaz",
    ) -> int:
        starts_at = local_start.replace(tzinfo=profile.tz).astimezone(UTC)
        minutes = next(t.minutes for t in profile.appointment_types if t.id == appointment_type)
        slot = Slot(starts_at, therapist, appointment_type,
                    starts_at + dt.timedelta(minutes=minutes))
        patient = PatientDetails(name=name, phone=phone, sms_consent=consent)
        view = book(session_factory, profile, clock, slot, patient,
                    conversation_id=f"conv-{uuid.uuid4().hex[:8]}",
                    events=reminder_events(profile))
        return view.id

    return run


def insert_due_reminders(
    factory: sessionmaker, profile: ClinicProfile, count: int, now: dt.datetime,
    phone_for: Callable[[int], str] = lambda i: f"+1212555{i % 10000:04d}",
) -> List[int]:
    """`count` bookings in the future (straight rows, no slot rules), each with one reminder
    due now; returns the reminder ids."""
    from bot.messaging.models import PLANNED, Reminder

    ids = []
    with unit_of_work(factory) as session:
        for i in range(count):
            patient = Patient(name=f"P{i}", phone=phone_for(i), sms_consent=True, created_at=now)
            session.add(patient)
            session.flush()
            starts = now + dt.timedelta(days=3, minutes=15 * i)
            booking = Booking(
                code=f"T{i:06d}"[:8], patient_id=patient.id, therapist_id=f"t{i}",
                appointment_type_id="acute_assessment", starts_at=starts,
                ends_at=starts + dt.timedelta(minutes=45), status=BOOKED, created_at=now,
            )
            session.add(booking)
            session.flush()
            reminder = Reminder(
                booking_id=booking.id, phone=patient.phone, offset_minutes=2880,
                send_at=now - dt.timedelta(seconds=1),
                next_attempt_at=now - dt.timedelta(seconds=1),
                body=f"Bridge Street PT: reminder {i}. Reply C to confirm, R to reschedule, "
                "STOP to opt out.",
                status=PLANNED, attempts=0, idempotency_key=uuid.uuid4().hex, created_at=now,
            )
            session.add(reminder)
            session.flush()
            ids.append(reminder.id)
    return ids


@pytest.fixture
def due_reminders():
    return insert_due_reminders
