"""axe-core on the demo page with the widget in each state a visitor meets: closed, open,
mid-conversation, quick replies shown, waiting for an answer, urgent advice pinned, the server
unreachable, and a phone screen. No serious or critical violation in any of them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.harness import free_port
from tests.widget.axe import assert_no_blocking, blocking, read_axe, violations
from tests.widget.fake_rasa import FakeRasa, default_script
from tests.widget.support import ChatWidget, serve_widget

pytestmark = pytest.mark.browser

CALENDAR = "http://localhost:8000/calendar/K7Q-4MD/xs55dnlxpcm6ukdbslz4qrzo.ics"
URGENT = ("Please go to an emergency department now, or call 911. If you are thinking of "
          "ending your life, call or text 988. Questions: (718) 555-0199.")


def _script(sender: str, message: str) -> list[dict]:
    if message == "book it":
        text = f"Done. Your booking code is K7Q-4MD. Add it to your calendar: {CALENDAR}"
        return [{"recipient_id": sender, "text": text}]
    if message == "I can't feel my legs and can't pee":
        return [{"recipient_id": sender, "text": URGENT}]
    return default_script(sender, message)


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeRasa]:
    with FakeRasa(script=_script) as server:
        yield server


@pytest.fixture(scope="module")
def page_url(fake: FakeRasa) -> Iterator[str]:
    with serve_widget(fake.url) as url:
        yield url


@pytest.fixture(scope="module")
def offline_url() -> Iterator[str]:
    """The demo page with a widget whose Rasa server never answers (nothing listens)."""
    with serve_widget(f"http://127.0.0.1:{free_port()}") as url:
        yield url


def _open(chat: ChatWidget) -> None:
    chat.launcher.click()
    expect(chat.dialog).to_be_visible()
    expect(chat.log).to_contain_text("intake assistant")


def closed(chat: ChatWidget, fake: FakeRasa) -> None:
    expect(chat.launcher).to_be_visible()


def opened(chat: ChatWidget, fake: FakeRasa) -> None:
    _open(chat)


def mid_conversation(chat: ChatWidget, fake: FakeRasa) -> None:
    _open(chat)
    chat.type("my lower back has hurt for months")
    expect(chat.log).to_contain_text("Echo: my lower back")
    chat.type("book it")
    expect(chat.page.get_by_role("link", name=CALENDAR)).to_be_visible()


def buttons_shown(chat: ChatWidget, fake: FakeRasa) -> None:
    _open(chat)
    chat.type("my knee hurts")
    expect(chat.replies().get_by_role("button")).to_have_count(2)


def waiting(chat: ChatWidget, fake: FakeRasa) -> None:
    _open(chat)
    fake.delay = 3.0
    try:
        chat.type("are you there?")
        expect(chat.page.locator(".ptw-typing")).to_be_visible()
    finally:
        fake.delay = 0.0


def urgent_pinned(chat: ChatWidget, fake: FakeRasa) -> None:
    _open(chat)
    _urgent_answer(chat)


def _urgent_answer(chat: ChatWidget) -> None:
    chat.type("I can't feel my legs and can't pee")
    expect(chat.page.get_by_role("button", name="Dismiss this advice")).to_be_visible()
    expect(chat.page.get_by_role("link", name="Call or text 988")).to_be_visible()


def unreachable(chat: ChatWidget, fake: FakeRasa) -> None:
    chat.launcher.click()
    expect(chat.alert).to_contain_text("Can't reach the chat server")
    chat.type("my back hurts, please don't lose this")
    expect(chat.page.locator(".ptw-msg--pending")).to_have_count(1)
    expect(chat.page.get_by_role("button", name="Retry now")).to_be_visible()


STATES: dict[str, Callable[[ChatWidget, FakeRasa], None]] = {
    "closed": closed, "open": opened, "mid-conversation": mid_conversation,
    "buttons shown": buttons_shown, "waiting for a reply": waiting,
    "urgent advice pinned": urgent_pinned, "error: server unreachable": unreachable,
}  # fmt: skip


@pytest.mark.parametrize("state", list(STATES))
def test_no_serious_or_critical_violations(
    page: Page, page_url: str, offline_url: str, fake: FakeRasa, state: str
) -> None:
    page.goto(offline_url if state.startswith("error") else page_url)
    chat = ChatWidget(page, timeout=10_000)
    STATES[state](chat, fake)
    assert_no_blocking(page, f"the widget, {state}")


def test_phone_screen_with_buttons(browser: Browser, page_url: str, fake: FakeRasa) -> None:
    context = browser.new_context(
        viewport={"width": 375, "height": 740},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )
    try:
        page = context.new_page()
        page.goto(page_url)
        chat = ChatWidget(page, timeout=10_000)
        buttons_shown(chat, fake)
        assert_no_blocking(page, "the widget on a phone, buttons shown")
        _urgent_answer(chat)
        assert_no_blocking(page, "the widget on a phone, urgent advice pinned")
    finally:
        context.close()


def test_the_check_finds_a_planted_violation(page: Page, page_url: str) -> None:
    """The check can fail: an unlabelled button and grey-on-white text are caught by id."""
    page.goto(page_url)
    page.evaluate("""() => {
        const b = document.createElement('button'); b.id = 'planted-button';
        const p = document.createElement('p'); p.id = 'planted-text'; p.textContent = 'faint';
        p.style.color = '#ccc'; p.style.background = '#fff';
        document.querySelector('main').append(b, p);
    }""")
    found = {v["id"]: v for v in blocking(violations(page))}
    assert {"button-name", "color-contrast"} <= found.keys()
    targets = [n["target"] for n in found["button-name"]["nodes"]]
    assert ["#planted-button"] in targets


def test_a_missing_axe_core_fails_with_how_to_install_it(tmp_path: Path) -> None:
    with pytest.raises(AssertionError, match=r"axe-core is not installed .*npm ci"):
        read_axe(tmp_path / "node_modules" / "axe-core" / "axe.min.js")
