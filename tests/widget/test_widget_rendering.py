"""The widget in Chromium against a stand-in REST server: rendering, quick replies, history,
errors and retries, keyboard use, phone screens, escaping and colour contrast."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.harness import free_port
from tests.widget.fake_rasa import FakeRasa, default_script
from tests.widget.support import COLOURS_JS, ChatWidget, contrast, serve_widget

pytestmark = pytest.mark.browser


@pytest.fixture
def fake():
    with FakeRasa() as server:
        yield server


@pytest.fixture
def page_url(fake):
    with serve_widget(fake.url) as url:
        yield url


@pytest.fixture
def chat(page: Page, page_url: str) -> ChatWidget:
    page.goto(page_url)
    widget = ChatWidget(page, timeout=10_000)
    expect(widget.launcher).to_be_visible()
    return widget


def _open(chat: ChatWidget) -> None:
    chat.launcher.click()
    expect(chat.dialog).to_be_visible()
    expect(chat.log).to_contain_text("intake assistant")


def test_one_script_tag_embeds_it_and_the_dialog_is_labelled(chat, page):
    scripts = page.locator("script[src$='/widget.js']")
    expect(scripts).to_have_count(1)
    assert scripts.get_attribute("data-rasa-url").startswith("http://127.0.0.1:")
    assert chat.launcher.get_attribute("aria-expanded") == "false"
    _open(chat)
    assert chat.launcher.get_attribute("aria-expanded") == "true"
    expect(chat.dialog).to_have_attribute("aria-label", "Chat with Bridge Street PT")
    expect(chat.log).to_have_attribute("aria-live", "polite")
    expect(page.get_by_role("button", name="Close chat")).to_be_visible()
    expect(page.get_by_role("button", name="Send message")).to_be_visible()


def test_greeting_privacy_note_and_timestamps(chat, page, fake):
    _open(chat)
    assert fake.messages() == ["/greet"]
    assert chat.bubbles("user") == []  # the greeting request is not shown as the visitor's
    note = page.locator(".ptw-privacy")
    expect(note).to_contain_text("not emergencies")
    expect(note).to_contain_text("call 911")
    expect(note).to_contain_text("Don't share")
    expect(note).to_contain_text("Bridge Street PT stores this conversation")
    chat.type("hello there")
    expect(page.locator(".ptw-msg--bot")).to_have_count(2)
    times = page.locator(".ptw-msg time")
    expect(times).to_have_count(3)
    assert re.fullmatch(r"\d{1,2}:\d{2}\s?[AP]M", times.first.inner_text())
    assert times.first.get_attribute("datetime").endswith("Z")


def test_quick_replies_send_the_payload_and_show_the_title(chat, page, fake):
    _open(chat)
    chat.type("my knee hurts")
    expect(chat.replies().get_by_role("button")).to_have_count(2)
    assert chat.reply_titles() == ["Yes", "No"]
    chat.click_reply("No")
    expect(chat.log).to_contain_text("Noted: /deny.")
    assert fake.messages()[-1] == "/deny"
    assert chat.bubbles("user")[-1] == "No"
    expect(chat.replies()).to_be_hidden()  # choices go once answered


def test_typing_indicator_while_waiting(page, fake):
    fake.delay = 1.5
    with serve_widget(fake.url) as url:
        page.goto(url)
        chat = ChatWidget(page)
        chat.launcher.click()
        typing = page.locator(".ptw-typing")
        expect(typing).to_be_visible()
        expect(page.get_by_role("status")).to_contain_text("is typing")
        expect(chat.log).to_contain_text("intake assistant")
        expect(typing).to_be_hidden()


def test_talk_to_a_person_button(chat, page, fake):
    _open(chat)
    page.get_by_role("button", name="Talk to a person").click()
    expect(chat.log).to_contain_text("Echo: talk to a person")
    assert fake.messages()[-1] == "talk to a person", fake.received


def test_reload_keeps_the_conversation_and_sender(chat, page, fake):
    _open(chat)
    chat.type("first message")
    expect(chat.log).to_contain_text("Echo: first message")
    sender = chat.stored()["sender"]
    page.reload()
    chat = ChatWidget(page, timeout=10_000)
    expect(chat.dialog).to_be_visible()  # it was open, so it stays open
    expect(chat.log).to_contain_text("Echo: first message")
    assert chat.bubbles("user") == ["first message"]
    chat.type("second message")
    expect(chat.log).to_contain_text("Echo: second message")
    assert {s for s, _ in fake.received} == {sender}
    assert fake.messages().count("/greet") == 1


def test_text_is_escaped_never_run(chat, page, fake):
    page.add_init_script("window.__pwned = 0")
    page.reload()
    _open(chat)
    hostile = "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned=2\">"
    chat.type(hostile)
    expect(chat.log).to_contain_text(f"Echo: {hostile}")
    assert chat.bubbles("user")[-1] == hostile
    assert chat.bubbles("bot")[-1] == f"Echo: {hostile}"
    assert page.locator(".ptw-root img, .ptw-root script").count() == 0
    page.reload()  # restored from storage: still text
    expect(chat.log).to_contain_text(f"Echo: {hostile}")
    assert page.locator(".ptw-root img, .ptw-root script").count() == 0
    assert page.evaluate("window.__pwned") == 0


def test_unreachable_server_keeps_the_message_and_sends_it_when_back(page):
    port = free_port()  # nothing listens here yet
    with serve_widget(f"http://127.0.0.1:{port}") as url:
        page.goto(url)
        chat = ChatWidget(page, timeout=10_000)
        chat.launcher.click()
        expect(chat.alert).to_be_visible()
        expect(chat.alert).to_contain_text("Can't reach the chat server")
        chat.type("my back hurts, please don't lose this")
        pending = page.locator(".ptw-msg--pending")
        expect(pending).to_have_count(1)
        expect(pending).to_contain_text("Not sent yet — retrying")
        expect(page.get_by_role("alert")).to_be_visible()
        retry = page.get_by_role("button", name="Retry now")
        retry.click()  # still down: nothing changes, nothing is lost
        expect(pending).to_have_count(1)
        page.reload()  # the queue survives a reload too
        chat = ChatWidget(page, timeout=10_000)
        expect(page.locator(".ptw-msg--pending")).to_contain_text(
            "my back hurts, please don't lose this")
        with FakeRasa(port=port) as back:
            page.get_by_role("button", name="Retry now").click()
            expect(chat.log).to_contain_text("Echo: my back hurts, please don't lose this")
            expect(page.locator(".ptw-msg--pending")).to_have_count(0)
            expect(chat.alert).to_be_hidden()
            assert back.messages() == ["/greet", "my back hurts, please don't lose this"]


def test_keyboard_only(chat, page, fake):
    chat.open_with_keyboard()
    expect(chat.log).to_contain_text("intake assistant")
    page.keyboard.type("my knee hurts")
    page.keyboard.press("Enter")
    expect(chat.replies().get_by_role("button")).to_have_count(2)
    # Tab order: close, conversation (and the greeting's 911 call link in it), replies, message
    # box, send, talk to a person.
    page.get_by_role("button", name="Close chat").focus()
    order = []
    for _ in range(8):
        order.append(page.evaluate(
            "document.activeElement.className + ':' + document.activeElement.textContent"))
        page.keyboard.press("Tab")
    assert [o.split(":")[0] for o in order] == [
        "ptw-close", "ptw-log", "ptw-link ptw-tel", "ptw-reply", "ptw-reply", "ptw-input",
        "ptw-send", "ptw-human"]
    # Answer a quick reply from the keyboard: back from the message box to "No".
    chat.input.focus()
    page.keyboard.press("Shift+Tab")
    expect(page.get_by_role("button", name="No", exact=True)).to_be_focused()
    page.keyboard.press("Enter")
    expect(chat.log).to_contain_text("Noted: /deny.")
    expect(chat.input).to_be_focused()  # not lost with the buttons that went away
    # Escape closes and gives focus back to the launcher.
    page.keyboard.press("Escape")
    expect(chat.dialog).to_be_hidden()
    expect(chat.launcher).to_be_focused()
    page.keyboard.press("Enter")
    expect(chat.input).to_be_focused()


def test_phone_viewport_fills_the_screen(browser: Browser, page_url):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True,
                                  has_touch=True, device_scale_factor=2)
    page = context.new_page()
    try:
        page.goto(page_url)
        chat = ChatWidget(page, timeout=10_000)
        chat.launcher.tap()
        expect(chat.log).to_contain_text("intake assistant")
        box = chat.dialog.bounding_box()
        assert box == {"x": 0, "y": 0, "width": 375, "height": 740}
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        expect(chat.dialog).to_have_attribute("aria-modal", "true")
        chat.type("my knee hurts")
        expect(chat.replies().get_by_role("button")).to_have_count(2)
        for target in [chat.input, page.get_by_role("button", name="Send message"),
                       page.get_by_role("button", name="Close chat")]:
            target_box = target.bounding_box()
            assert target_box["height"] >= 40 and target_box["x"] + target_box["width"] <= 375
        # Tab stays inside the full-screen panel.
        page.get_by_role("button", name="Clear chat from this device").focus()
        page.keyboard.press("Tab")
        expect(page.get_by_role("button", name="Close chat")).to_be_focused()
        page.get_by_role("button", name="Close chat").tap()
        expect(chat.launcher).to_be_visible()
    finally:
        context.close()


def test_text_colours_meet_aa_contrast(page, fake):
    port = free_port()
    with serve_widget(f"http://127.0.0.1:{port}") as url:
        page.goto(url)
        chat = ChatWidget(page, timeout=10_000)
        chat.launcher.click()
        chat.type("queued while offline")
        expect(page.locator(".ptw-msg--pending")).to_have_count(1)
        root = page.locator(".ptw-root").element_handle()
        found = page.evaluate(COLOURS_JS, root)  # offline: the alert and a queued message
        with FakeRasa(port=port):
            page.get_by_role("button", name="Retry now").click()
            expect(chat.log).to_contain_text("Echo: queued while offline")
            chat.type("my knee")
            expect(chat.replies().get_by_role("button")).to_have_count(2)
        found += page.evaluate(COLOURS_JS, root)  # online: answers, times, quick replies
    kinds = {item["what"] for item in found}
    assert {"ptw-bubble", "ptw-reply", "ptw-alert-text", "ptw-retry", "ptw-title",
            "ptw-meta ptw-meta--pending", "ptw-launcher-label", "placeholder"} <= kinds
    low = [(item["what"], item["text"], round(contrast(item["fg"], item["bg"]), 2))
           for item in found
           if contrast(item["fg"], item["bg"]) < (3 if item.get("nonText") else 4.5)]
    assert low == []


def test_clear_chat_forgets_this_device_only(chat, page, fake):
    _open(chat)
    chat.type("hello")
    expect(chat.log).to_contain_text("Echo: hello")
    first_sender = chat.stored()["sender"]
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clear chat from this device").click()
    expect(chat.log).not_to_contain_text("Echo: hello")
    expect(chat.log).to_contain_text("intake assistant")
    assert chat.stored()["sender"] != first_sender


CALENDAR = "http://localhost:8000/calendar/K7Q-4MD/xs55dnlxpcm6ukdbslz4qrzo.ics"
WITH_LINKS = (
    f"Your booking code is K7Q-4MD. Add it to your calendar: {CALENDAR}. "
    'Not links: javascript:alert(1) <a href="javascript:alert(2)">x</a> data:text/html,hi '
    "ftp://files.example.test/a (and https://example.test/a?b=1&c=2)"
)


def _links_script(sender: str, message: str) -> list[dict]:
    if message == "links please":
        return [{"recipient_id": sender, "text": WITH_LINKS}]
    return default_script(sender, message)


def test_web_addresses_from_the_assistant_become_safe_links(page):
    page.add_init_script("window.__pwned = 0")
    with FakeRasa(script=_links_script) as fake, serve_widget(fake.url) as url:
        page.goto(url)
        chat = ChatWidget(page, timeout=10_000)
        _open(chat)
        chat.type("links please")
        expect(chat.log).to_contain_text("Your booking code is K7Q-4MD")
        chat.type("mine stay text: https://example.test/me")
        expect(chat.log).to_contain_text("Echo: mine stay text")
        for attempt in ("first render", "restored after a reload"):
            bubble = page.locator(".ptw-msg--bot .ptw-bubble").nth(1)
            assert bubble.inner_text() == WITH_LINKS, attempt  # the text itself is unchanged
            links = bubble.locator("a")
            expect(links).to_have_count(2)
            assert links.all_inner_texts() == [CALENDAR, "https://example.test/a?b=1&c=2"]
            assert [a.get_attribute("href") for a in links.all()] == [
                CALENDAR, "https://example.test/a?b=1&c=2"]  # no "." or ")" from the sentence
            for link in links.all():
                assert "noopener" in link.get_attribute("rel").split()
                assert link.get_attribute("target") == "_blank"
            # Only http(s): javascript:, data: and ftp: stay plain text; markup stays text.
            assert page.locator(".ptw-root a[href^='http']").count() == 3  # with the echo's
            # the only other link is the greeting's 911, as a call link
            others = page.locator(".ptw-root a:not([href^='http'])")
            assert [a.get_attribute("href") for a in others.all()] == ["tel:911"]
            assert page.locator(".ptw-root b, .ptw-root script, .ptw-root img").count() == 0
            assert page.locator(".ptw-msg--user a").count() == 0  # the visitor's words: text
            page.reload()
            expect(chat.log).to_contain_text("Your booking code is K7Q-4MD")
        link = page.get_by_role("link", name=CALENDAR)
        expect(link).to_be_visible()
        colours = page.evaluate(COLOURS_JS, page.locator(".ptw-log").element_handle())
        shown = [c for c in colours if c["what"] == "ptw-link"]
        assert shown and all(contrast(c["fg"], c["bg"]) >= 4.5 for c in shown)
        assert page.evaluate("window.__pwned") == 0
