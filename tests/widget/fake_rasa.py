"""A stand-in for Rasa's REST channel, for fast browser tests of what the widget renders."""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Reply = list[dict]
Script = Callable[[str, str], Reply]

YES_NO = [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}]


def default_script(sender: str, message: str) -> Reply:
    """Greets, asks a yes/no question with buttons, and otherwise echoes (text included as is)."""
    if message == "/greet":
        return [{"recipient_id": sender,
                 "text": "Hi, I'm the intake assistant. If this is an emergency, call 911. "
                         "What brings you in today?"}]
    if "knee" in message:
        return [{"recipient_id": sender, "text": "Is there new weakness in your legs?",
                 "buttons": YES_NO}]
    if message in ("/affirm", "/deny"):
        return [{"recipient_id": sender, "text": f"Noted: {message}."}]
    return [{"recipient_id": sender, "text": f"Echo: {message}"}]


@dataclass(frozen=True)
class Request:
    """One POST as the fake saw it: when it came, and how many answers had gone out by then."""

    sender: str
    message: str
    metadata: dict | None
    answered_before: int  # replies fully sent before this request arrived


class FakeRasa:
    """Serves POST /webhooks/rest/webhook with CORS, like `rasa run --cors "*"`.

    `fail_next(503)` or `fail_next([])` makes the next answers an error status or an empty
    reply list (Rasa's answer to a failed turn before the safety net), in that order.
    """

    def __init__(self, port: int = 0, script: Script = default_script, delay: float = 0.0):
        self.script = script
        self.delay = delay
        self.received: list[tuple[str, str]] = []
        self.requests: list[Request] = []
        self.failures: deque[int | list] = deque()
        self.answered = 0
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep test output quiet
                pass

            def _cors(self) -> None:
                self.send_header("Access-Control-Allow-Origin", "*")
                self.send_header("Access-Control-Allow-Methods", "POST, OPTIONS")
                self.send_header("Access-Control-Allow-Headers", "Content-Type")

            def do_OPTIONS(self) -> None:  # noqa: N802 (http.server's naming)
                self.send_response(204)
                self._cors()
                self.end_headers()

            def do_POST(self) -> None:  # noqa: N802
                if self.path != "/webhooks/rest/webhook":
                    self.send_error(404)
                    return
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                with fake._lock:
                    fake.received.append((body["sender"], body["message"]))
                    fake.requests.append(Request(
                        body["sender"], body["message"], body.get("metadata"), fake.answered
                    ))
                    failure = fake.failures.popleft() if fake.failures else None
                if fake.delay:
                    time.sleep(fake.delay)
                if isinstance(failure, int):
                    self.send_response(failure)
                    self._cors()
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                replies = failure if failure is not None else fake.script(
                    body["sender"], body["message"])
                data = json.dumps(replies).encode()
                self.send_response(200)
                self._cors()
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                self.wfile.flush()
                with fake._lock:
                    fake.answered += 1

        self._server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> FakeRasa:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def fail_next(self, *answers: int | list) -> None:
        """Answer the next requests with these statuses (int) or reply lists ([]) instead."""
        with self._lock:
            self.failures.extend(answers)

    def messages(self) -> list[str]:
        return [message for _, message in self.received]
