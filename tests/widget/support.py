"""Helpers for the widget's browser tests: the widget server in a thread, a page object for
the chat, screenshots (on a phone too), signing in to the staff console, and WCAG contrast
arithmetic."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, Locator, Page, expect
from waitress.server import create_server

from bot.clinic import load_profile
from bot.settings import DEFAULT_CLINIC_PROFILE
from tests.screen import screen_pattern
from web.widget.app import create_app

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
STORE_PREFIX = "ptIntakeChat:v1:"
DOCS = Path(__file__).resolve().parents[2] / "docs"
CONSOLE_PASSWORD = "widget to console, end to end"  # the `console_url` fixture's user


@contextlib.contextmanager
def serve_widget(rasa_url: str) -> Iterator[str]:
    """The real widget app under waitress on a free port; yields the demo page's URL."""
    app = create_app(load_profile(DEFAULT_CLINIC_PROFILE), rasa_url)
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}/"
    finally:
        server.close()


def allows_any_origin(rasa_url: str) -> bool:
    """Whether the Rasa server answers a browser's CORS preflight for another origin."""
    request = urllib.request.Request(
        f"{rasa_url}/webhooks/rest/webhook", method="OPTIONS",
        headers={"Origin": "http://example.test", "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "content-type"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return bool(response.headers.get("Access-Control-Allow-Origin"))
    except urllib.error.URLError:
        return False


class ChatWidget:
    """What a visitor sees and does, in the words of the page rather than its markup."""

    def __init__(self, page: Page, timeout: float = 30_000):
        self.page = page
        self.timeout = timeout
        self.launcher = page.get_by_role("button", name="Chat with us")
        self.dialog = page.get_by_role("dialog")
        self.log = page.get_by_role("log")
        self.input = page.get_by_role("textbox", name="Your message")
        self.alert = page.locator(".ptw-alert")

    # ---- actions
    def open_with_keyboard(self, max_tabs: int = 40) -> None:
        """Tab from the top of the page to the launcher and press Enter, as a keyboard user."""
        for _ in range(max_tabs):
            self.page.keyboard.press("Tab")
            if self.page.evaluate("document.activeElement.classList.contains('ptw-launcher')"):
                break
        else:
            raise AssertionError(f"the launcher was not reached in {max_tabs} Tab presses")
        self.page.keyboard.press("Enter")
        expect(self.dialog).to_be_visible()
        expect(self.input).to_be_focused()

    def type(self, text: str) -> None:
        """Type into the box and press Enter."""
        self.input.fill(text)
        self.input.press("Enter")

    def click_reply(self, title: str) -> None:
        self.replies().get_by_role("button", name=title, exact=True).click()

    # ---- reading
    def replies(self) -> Locator:
        return self.page.get_by_role("group", name="Suggested replies")

    def reply_titles(self) -> list[str]:
        return [t.strip() for t in self.replies().get_by_role("button").all_inner_texts()]

    def bubbles(self, who: str) -> list[str]:
        return self.page.locator(f".ptw-msg--{who} .ptw-bubble").all_inner_texts()

    def bot_count(self) -> int:
        return self.page.locator(".ptw-msg--bot").count()

    def wait_for_answer(self, bots_before: int) -> str:
        """Wait until the assistant has answered everything sent; returns its last message."""
        expect(self.page.locator(".ptw-msg--bot")).not_to_have_count(
            bots_before, timeout=self.timeout)
        expect(self.page.locator(".ptw-msg--pending")).to_have_count(0, timeout=self.timeout)
        expect(self.page.locator(".ptw-typing")).to_be_hidden(timeout=self.timeout)
        return self.bubbles("bot")[-1]

    def stored(self) -> dict:
        return self.page.evaluate(
            "p => { for (const k of Object.keys(localStorage)) if (k.startsWith(p)) "
            "return JSON.parse(localStorage.getItem(k)); return null; }", STORE_PREFIX)


def screenshot(
    page: Page, path: Path, docs_name: str | None = None, *, full_page: bool = False
) -> Path:
    """A picture of the page as a visitor sees it, saved at `path`; with WIDGET_UPDATE_DOCS=1
    also copied to docs/`docs_name` (opt-in, so a test run leaves the working tree alone).
    The chat's log, if the page has one, is scrolled to its last message; `full_page` takes
    the whole page (the console's long pages) rather than the viewport."""
    page.mouse.move(0, 0)  # no hover highlight or focus ring in the picture
    page.evaluate("document.activeElement && document.activeElement.blur(); scrollTo(0, 0)")
    page.evaluate(
        "() => { const log = document.querySelector('.ptw-log'); if (log) log.scrollTop = 1e9; }"
    )
    page.wait_for_timeout(300)  # let the last scroll settle
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=full_page)
    if docs_name and os.environ.get("WIDGET_UPDATE_DOCS") == "1":
        DOCS.mkdir(exist_ok=True)
        shutil.copy(path, DOCS / docs_name)
    return path


def on_a_phone(
    browser: Browser, page: Page, url: str, shot: Path, docs_name: str | None = None
) -> list[str]:
    """Open the page at 375 px with this device's storage: the same conversation, full screen,
    nothing wider than the screen. Returns the assistant's messages as shown there."""
    context = browser.new_context(
        viewport={"width": 375, "height": 740},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
        locale="en-US",
        timezone_id="America/New_York",
        storage_state=page.context.storage_state(),
    )
    try:
        small = context.new_page()
        small.goto(url)
        chat = ChatWidget(small)
        expect(chat.dialog).to_be_visible()
        assert chat.dialog.bounding_box() == {"x": 0, "y": 0, "width": 375, "height": 740}
        assert small.evaluate("document.documentElement.scrollWidth") <= 375
        screenshot(small, shot, docs_name)
        return chat.bubbles("bot")
    finally:
        context.close()


def sign_in(page: Page, console_url: str, username: str, password: str = CONSOLE_PASSWORD) -> None:
    """Sign in to the staff console as `username`; ends on the intake queue."""
    page.goto(console_url + "/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Intake queue")).to_be_visible()


@dataclass(frozen=True)
class Answer:
    """One rule of a scripted visitor: when the assistant's last message matches `asks`,
    click the quick reply `click` (if offered), or the first whose title matches the pattern
    `pick` (for replies whose titles change, like appointment times), or else type `text`."""

    asks: str
    text: str = ""
    click: str = ""
    pick: str = ""

    def matches(self, message: str) -> bool:
        return re.search(self.asks, message, re.IGNORECASE) is not None

    def button(self, titles: list[str]) -> str | None:
        if self.click:
            return self.click if self.click in titles else None
        if self.pick:
            return next((t for t in titles if re.search(self.pick, t)), None)
        return None


def converse(chat: ChatWidget, answers: list[Answer], until: str, max_turns: int = 20,
             on_turn=None) -> list[str]:  # noqa: ANN001 (a callable taking the turn number)
    """Answer whatever the assistant asks, by the first matching rule, until its message
    matches `until`. New steps (e.g. booking) are new rules; returns the assistant's messages
    one per turn. `on_turn(n)` runs before each answer (to reload mid-conversation, say)."""
    seen: list[str] = []
    for turn in range(max_turns):
        message = chat.bubbles("bot")[-1]
        seen.append(message)
        if re.search(until, message, re.IGNORECASE):
            return seen
        rule = next((a for a in answers if a.matches(message)), None)
        if rule is None:
            raise AssertionError(f"no scripted answer for: {message!r}\nso far: {seen}")
        if on_turn is not None:
            on_turn(turn)
        before = chat.bot_count()
        button = rule.button(chat.reply_titles())
        if button is not None:
            chat.click_reply(button)
        elif rule.text or rule.click:
            chat.type(rule.text or rule.click)
        else:
            raise AssertionError(f"no button matching {rule.pick!r} offered for: {message!r}")
        chat.wait_for_answer(before)
    raise AssertionError(f"not finished after {max_turns} turns: {seen}")


# ---------------------------------------------------------------- WCAG 2.x contrast

def _channel(value: float) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(rgb: tuple[float, float, float]) -> float:
    r, g, b = (_channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg: tuple[float, float, float], bg: tuple[float, float, float]) -> float:
    high, low = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# Collects each visible text's colour and the opaque colour behind it (semi-transparent
# layers blended over what is below), for the elements under `root`.
COLOURS_JS = """
(root) => {
  const parse = (c) => {
    const p = c.match(/[\\d.]+/g).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  };
  const behind = (el) => {
    const layers = [];
    for (let n = el; n; n = n.parentElement) {
      const c = parse(getComputedStyle(n).backgroundColor);
      if (c.a > 0) { layers.push(c); if (c.a >= 1) break; }
    }
    let out = {r: 255, g: 255, b: 255};
    for (const c of layers.reverse()) {
      out = {r: c.r * c.a + out.r * (1 - c.a), g: c.g * c.a + out.g * (1 - c.a),
             b: c.b * c.a + out.b * (1 - c.a)};
    }
    return [out.r, out.g, out.b];
  };
  const found = [];
  for (const el of root.querySelectorAll('*')) {
    if (el.closest('.ptw-sr') || el.closest('svg')) continue;
    const rect = el.getBoundingClientRect();
    if (!rect.width || !rect.height) continue;
    const text = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent)
      .join('').trim();
    if (!text) continue;
    const fg = parse(getComputedStyle(el).color);
    found.push({what: el.className || el.tagName, text: text.slice(0, 40),
                fg: [fg.r, fg.g, fg.b], bg: behind(el)});
  }
  const input = root.querySelector('textarea');
  if (input) {
    const ph = parse(getComputedStyle(input, '::placeholder').color);
    found.push({what: 'placeholder', text: input.placeholder, fg: [ph.r, ph.g, ph.b],
                bg: behind(input)});
    const border = parse(getComputedStyle(input).borderTopColor);
    found.push({what: 'input border', text: '', fg: [border.r, border.g, border.b],
                bg: behind(input.parentElement), nonText: true});
  }
  return found;
}
"""


def call_back_tab(page: Page, url: str) -> tuple[int, int, Locator]:
    """The console's call-back signals: (the banner's number, the "Call back" tab's count, the
    rows that tab lists), after opening the tab."""
    page.goto(url + "/")
    banner = page.locator("[data-test=attention]").inner_text()
    match = re.match(r"(\d+) patients? needs? a call back", banner)
    waiting = int(match.group(1)) if match else 0
    tab = page.locator("[data-test=count-callback]")
    count = int(tab.locator(".count").inner_text())
    tab.click()
    expect(tab).to_have_attribute("aria-current", "page")
    return waiting, count, page.locator("table.queue tbody tr")


SLOT_OFFER = r"times I can offer"


def booking_visitor(name: str, phone: str, email: Answer) -> list[Answer]:
    """A knee patient who books: buttons wherever they are offered (a time picked by its
    button), typed only where an open question is asked; `email` answers the email question."""
    return [
        Answer(r"0 \(no pain\) to 10", text="6"),
        Answer(screen_pattern(), click="No"),
        Answer(r"Did I get that right", click="Yes, that's right"),
        Answer(r"book .* now", click="Yes, book it"),
        Answer(r"days or times", click="As soon as possible"),
        Answer(SLOT_OFFER, pick=r" with \w+$"),
        Answer(r"What name", text=name),
        Answer(r"phone number", text=phone),
        email,
        Answer(r"reminders by text", click="No texts"),
    ]
