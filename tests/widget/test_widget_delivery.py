"""The widget in Chromium: a message that got no reply is kept and sent again under the same id,
and messages go one at a time (the next waits, shown as queued, for the reply to the one before).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.widget.fake_rasa import FakeRasa
from tests.widget.support import ChatWidget, serve_widget

pytestmark = pytest.mark.browser

MESSAGE_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")  # what the REST channel accepts


@pytest.fixture
def fake():
    with FakeRasa() as server:
        yield server


@pytest.fixture
def chat(page: Page, fake: FakeRasa) -> ChatWidget:
    with serve_widget(fake.url) as url:
        page.goto(url)
        widget = ChatWidget(page, timeout=15_000)
        widget.launcher.click()
        expect(widget.log).to_contain_text("intake assistant")
        yield widget


def _ids(fake: FakeRasa, message: str) -> list[str]:
    return [(r.metadata or {}).get("message_id") for r in fake.requests if r.message == message]


def test_an_empty_reply_and_a_503_are_retried_with_the_same_id_across_a_reload(chat, page, fake):
    fake.fail_next([], 503, [])  # no reply, then the server is down, then no reply again
    chat.type("my back hurts")
    pending = page.locator(".ptw-msg--pending")
    expect(pending).to_contain_text("Not sent yet — retrying")
    expect(chat.alert).to_be_visible()
    assert chat.bubbles("bot")[-1].startswith("Hi, I'm the intake assistant")
    page.reload()  # kept on the device, and sent again from there
    chat = ChatWidget(page, timeout=15_000)
    expect(page.locator(".ptw-msg--pending")).to_contain_text("my back hurts")
    expect(chat.log).to_contain_text("Echo: my back hurts", timeout=20_000)
    expect(page.locator(".ptw-msg--pending")).to_have_count(0)
    expect(chat.alert).to_be_hidden()
    ids = _ids(fake, "my back hurts")
    assert len(ids) == 4 and len(set(ids)) == 1, ids  # three failures, then the answer
    assert MESSAGE_ID.fullmatch(ids[0])
    assert _ids(fake, "/greet") != ids[:1]  # every message has its own id
    assert chat.bubbles("user") == ["my back hurts"]  # shown once, however often it was sent
    assert chat.bubbles("bot").count("Echo: my back hurts") == 1


def test_a_second_message_waits_for_the_reply_to_the_first(chat, page, fake):
    fake.delay = 1.0
    chat.type("first")
    chat.type("second")
    queued = page.locator(".ptw-msg--user", has_text="second")
    expect(queued).to_contain_text("Queued — sent after the reply above")
    expect(page.locator(".ptw-msg--user", has_text="first")).to_contain_text("Sending…")
    assert fake.messages()[-1] == "first"  # the second is not on the wire yet
    expect(chat.log).to_contain_text("Echo: second", timeout=10_000)
    first, second = (next(r for r in fake.requests if r.message == m) for m in ("first", "second"))
    assert second.answered_before == first.answered_before + 1  # sent after the first's reply
    # ...and it says it was typed before that reply arrived, so the server never takes it as the
    # answer to a safety question the reply asks (bot.crossing); the first crossed nothing.
    assert (second.metadata or {}).get("replies_after_typing") == 1
    assert "replies_after_typing" not in (first.metadata or {})
    assert chat.bubbles("bot")[-2:] == ["Echo: first", "Echo: second"]
    assert _ids(fake, "first") != _ids(fake, "second")
    chat.type("third")  # typed after every reply arrived
    expect(chat.log).to_contain_text("Echo: third", timeout=10_000)
    third = next(r for r in fake.requests if r.message == "third")
    assert "replies_after_typing" not in (third.metadata or {})
