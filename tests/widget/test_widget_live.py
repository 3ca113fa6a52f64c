"""The widget on the demo clinic page, in Chromium, with the real Rasa and action servers:
an intake from start to finish (with a reload in the middle), the keyboard, a phone screen,
and an outage. (The booking, the staff console and the screenshots in docs/ are in
test_widget_to_console.py.)"""

from __future__ import annotations

import json
import re
import socket
import socketserver
import threading
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import text

from bot.db import make_engine
from tests.e2e.harness import Servers, free_port
from tests.screen import screen_answers, screen_pattern, screen_questions
from tests.widget.support import Answer, ChatWidget, converse, screenshot, serve_widget

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

FIRST_MESSAGE = "my right knee has hurt for about 4 months and stairs kill me"

# A scripted visitor: answers whatever the assistant asks, by the first rule that matches its
# last message. The intake ends when the assistant offers a booking (or, without booking, says
# the front desk will call). To carry on into booking: add rules (e.g. r"book .* now" ->
# click "Yes, book it", r"days or times" -> click "As soon as possible", r"times I can offer"
# -> click the first slot) and call `converse(chat, INTAKE + BOOKING, until=BOOKED)`.
INTAKE = [
    Answer(r"0 \(no pain\) to 10", click="5-6", text="6"),
    Answer(r"12 weeks or longer\?", click="Yes, 12 weeks or longer"),
    Answer(r"stop you doing", text="stairs"),
    Answer(screen_pattern() + "|yes or a no", click="No"),
    Answer(r"Did I get that right", click="Yes, that's right"),
    Answer(r"What name", text="Sam Rivera"),
    Answer(r"phone number", text="718 555 0142"),
]
INTAKE_DONE = r"Would you like me to book|front desk will call you"


def _intake(database_url: str, sender: str) -> dict:
    engine = make_engine(database_url)
    try:
        with engine.connect() as conn:
            row = conn.execute(text(
                "SELECT * FROM intakes WHERE conversation_id = :c ORDER BY id DESC"),
                {"c": sender}).mappings().first()
    finally:
        engine.dispose()
    assert row is not None, f"no intake stored for {sender}"
    return dict(row)


def test_intake_by_keyboard_with_a_reload_in_the_middle(page: Page, live_page_url: str,
                                                        live_rasa: Servers, tmp_path: Path):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(live_page_url)
    chat = ChatWidget(page)
    chat.open_with_keyboard()
    greeting = chat.wait_for_answer(0)
    assert "intake assistant" in greeting and "911" in greeting
    sender = chat.stored()["sender"]

    page.keyboard.type(FIRST_MESSAGE)
    page.keyboard.press("Enter")
    reply = chat.wait_for_answer(1)
    assert "0 (no pain) to 10" in reply  # asked as a question; the rule types the number

    def reload_in_the_middle(turn: int) -> None:
        if turn != 2:  # among the safety questions
            return
        before = chat.bubbles("user"), chat.bubbles("bot")
        page.reload()
        expect(chat.dialog).to_be_visible()
        expect(page.locator(".ptw-msg")).to_have_count(len(before[0]) + len(before[1]))
        assert (chat.bubbles("user"), chat.bubbles("bot")) == before
        assert chat.stored()["sender"] == sender
        expect(chat.replies().get_by_role("button", name="No", exact=True)).to_be_visible()

    def screenshot_at_summary(turn: int) -> None:
        reload_in_the_middle(turn)
        if "Did I get that right" in chat.bubbles("bot")[-1]:
            screenshot(page, tmp_path / "summary.png")

    said = converse(chat, INTAKE, until=INTAKE_DONE, on_turn=screenshot_at_summary)
    assert any("right knee" in m and "6 out of 10" in m for m in said)
    assert chat.bubbles("user")[:2] == [FIRST_MESSAGE, "6"]
    # Button titles shown, payloads sent.
    assert chat.bubbles("user").count("No") == len(screen_answers(message=FIRST_MESSAGE))
    assert "Yes, that's right" in chat.bubbles("user")

    intake = _intake(live_rasa.database_url, sender)  # one conversation across the reload
    assert intake["pain_score"] == 6 and intake["pain_class"] == "chronic"
    assert intake["summary_confirmed"]
    locations = intake["locations"]
    locations = json.loads(locations) if isinstance(locations, str) else locations
    assert locations == [{"region": "knee", "side": "right"}]
    if "Sam Rivera" in chat.bubbles("user"):  # contact details, where the dialogue asks here
        assert intake["phone"] == "+17185550142"

    page.keyboard.press("Escape")
    expect(chat.dialog).to_be_hidden()
    expect(chat.launcher).to_be_focused()
    assert dialogs == []


def test_phone_screen_375_wide(browser: Browser, live_page_url: str, tmp_path: Path):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True,
                                  has_touch=True, device_scale_factor=2, locale="en-US",
                                  timezone_id="America/New_York")
    page = context.new_page()
    try:
        page.goto(live_page_url)
        chat = ChatWidget(page)
        chat.launcher.tap()
        chat.wait_for_answer(0)
        assert chat.dialog.bounding_box() == {"x": 0, "y": 0, "width": 375, "height": 740}
        chat.type("my lower back has hurt for 3 weeks and I can't bend")
        chat.wait_for_answer(1)
        chat.type("4")  # the pain score typed rather than tapped
        question = chat.wait_for_answer(2)
        assert screen_questions()[0] in question
        assert chat.reply_titles() == ["Yes", "No", "Not sure"]
        screenshot(page, tmp_path / "phone.png")
        chat.replies().get_by_role("button", name="No", exact=True).tap()
        assert screen_questions()[1] in chat.wait_for_answer(3)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
    finally:
        context.close()


def test_script_text_is_shown_not_run(page: Page, live_page_url: str):
    page.on("dialog", lambda d: pytest.fail(f"a dialog opened: {d.message}"))
    page.goto(live_page_url)
    chat = ChatWidget(page)
    chat.launcher.click()
    chat.wait_for_answer(0)
    hostile = '<script>alert("x")</script><img src=x onerror=alert(2)>'
    chat.type(hostile)
    chat.wait_for_answer(1)
    assert chat.bubbles("user") == [hostile]
    assert page.locator(".ptw-root script, .ptw-root img").count() == 0


class _Forwarder(socketserver.ThreadingTCPServer):
    """A TCP pipe from a port of our choosing to the Rasa server: 'the server is back'."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port: int, target: tuple[str, int]):
        def pump(src: socket.socket, dst: socket.socket) -> None:
            try:
                while data := src.recv(65536):
                    dst.sendall(data)
            except OSError:
                pass
            finally:
                dst.close()

        class Pipe(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                upstream = socket.create_connection(target)
                back = threading.Thread(target=pump, args=(upstream, self.request), daemon=True)
                back.start()
                pump(self.request, upstream)
                back.join(timeout=30)

        super().__init__(("127.0.0.1", port), Pipe)


def test_outage_keeps_messages_and_delivers_them_to_rasa(page: Page, live_rasa: Servers):
    port = free_port()  # nothing listens here until the "server comes back"
    with serve_widget(f"http://127.0.0.1:{port}") as url:
        page.goto(url)
        chat = ChatWidget(page)
        chat.launcher.click()
        expect(chat.alert).to_contain_text("Can't reach the chat server")
        chat.type(FIRST_MESSAGE)
        expect(page.locator(".ptw-msg--pending")).to_contain_text("Not sent yet — retrying")
        expect(page.get_by_role("button", name="Retry now")).to_be_visible()
        target = re.match(r"http://([\d.]+):(\d+)", live_rasa.rasa_url).groups()
        forwarder = _Forwarder(port, (target[0], int(target[1])))
        threading.Thread(target=forwarder.serve_forever, daemon=True).start()
        try:
            page.get_by_role("button", name="Retry now").click()
            expect(chat.alert).to_be_hidden(timeout=30_000)
            reply = chat.wait_for_answer(0)
            assert "0 (no pain) to 10" in reply  # the queued message reached the assistant
            bots = chat.bubbles("bot")
            assert "intake assistant" in bots[0]  # the greeting went first, in order
            assert chat.bubbles("user") == [FIRST_MESSAGE]
        finally:
            forwarder.shutdown()
            forwarder.server_close()
