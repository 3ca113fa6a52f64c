"""Issue 6, end to end in Chromium: a visitor does the intake and books an appointment entirely
in the widget on the demo clinic page (quick replies clicked wherever they are offered, a slot
picked by its button, the page reloaded twice along the way), then the front desk signs in to
the staff console, finds the patient by booking code and by name, and sees the booking on the
intake. (The pictures in docs/ come from test_front_desk_walkthrough.py.)"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.screen import screen_answers
from tests.widget.support import (
    Answer,
    ChatWidget,
    booking_visitor,
    converse,
    on_a_phone,
    screenshot,
    sign_in,
)

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

FIRST_MESSAGE = "my right knee has hurt for about 4 months and stairs kill me"
PATIENT = "Noor Castellano"
PHONE = "718 555 0199"
SLOT_OFFER = r"times I can offer"
BOOKED = r"You're booked"

# Buttons wherever the assistant offers them; typed only where it asks an open question.
VISITOR = booking_visitor(PATIENT, PHONE, Answer(r"email address", click="Skip"))


def _reload_and_check(page: Page, chat: ChatWidget, sender: str) -> None:
    """Reload: the same transcript, sender id and quick replies come back from storage."""
    said = chat.bubbles("user"), chat.bubbles("bot")
    offered = chat.reply_titles()
    page.reload()
    expect(chat.dialog).to_be_visible()  # it was open, so it stays open
    expect(page.locator(".ptw-msg")).to_have_count(len(said[0]) + len(said[1]))
    assert (chat.bubbles("user"), chat.bubbles("bot")) == said
    assert chat.stored()["sender"] == sender
    expect(chat.replies().get_by_role("button")).to_have_count(len(offered))
    assert chat.reply_titles() == offered


def test_book_in_the_widget_then_find_it_in_the_console(
    page: Page,
    browser: Browser,
    live_page_url: str,
    console_url: tuple[str, str],
    tmp_path: Path,
):
    page.on("dialog", lambda d: pytest.fail(f"a dialog opened: {d.message}"))
    page.goto(live_page_url)
    chat = ChatWidget(page)
    chat.launcher.click()
    assert "intake assistant" in chat.wait_for_answer(0)
    sender = chat.stored()["sender"]
    chat.type(FIRST_MESSAGE)
    chat.wait_for_answer(1)

    reloads: list[str] = []
    picked: list[str] = []

    def on_turn(turn: int) -> None:
        last = chat.bubbles("bot")[-1]
        if re.search(SLOT_OFFER, last):
            slots = [t for t in chat.reply_titles() if re.search(r" with \w+$", t)]
            assert slots and chat.reply_titles()[-1] == "None of these"
            shown = on_a_phone(browser, page, live_page_url, tmp_path / "phone-slots.png")
            assert shown == chat.bubbles("bot")
            _reload_and_check(page, chat, sender)
            reloads.append("slot offer")
            picked.append(slots[0])
        elif "phone number" in last:  # among the contact questions
            _reload_and_check(page, chat, sender)
            reloads.append("contact")

    said = converse(chat, VISITOR, until=BOOKED, max_turns=25, on_turn=on_turn)
    assert reloads == ["slot offer", "contact"]
    assert any("right knee" in m and "6 out of 10" in m for m in said)

    # What the visitor saw: button titles as their answers, and the confirmation.
    mine = chat.bubbles("user")
    assert mine.count("No") == len(screen_answers(message=FIRST_MESSAGE))
    assert "Yes, that's right" in mine and "Yes, book it" in mine
    slot = picked[0]
    assert slot in mine and "As soon as possible" in mine and "No texts" in mine
    confirmation = chat.bubbles("bot")[-1]
    code = re.search(r"booking code is ([A-Z0-9]{3}-[A-Z0-9]{3})", confirmation).group(1)
    therapist = re.search(r"booked with (.+?)\.?\n", confirmation).group(1)
    first_name = re.search(r" with (\w+)$", slot).group(1)
    assert therapist.startswith(first_name)
    calendar = page.locator(".ptw-msg--bot").last.locator("a[href^='http']")  # not tel: links
    expect(calendar).to_have_count(1)
    href = calendar.get_attribute("href")
    assert re.fullmatch(rf"https?://[^/]+/calendar/{code}/\w+\.ics", href)
    assert calendar.inner_text() == href and href in confirmation
    assert "noopener" in calendar.get_attribute("rel").split()
    assert chat.stored()["sender"] == sender  # one conversation, across both reloads

    screenshot(page, tmp_path / "desktop.png")
    # On a phone the long calendar link wraps rather than widening the page.
    shown = on_a_phone(browser, page, live_page_url, tmp_path / "phone-booked.png")
    assert shown[-1] == confirmation

    # The front desk finds it in the console.
    url, username = console_url
    sign_in(page, url, username)
    rows = page.locator("table.queue tbody tr")
    search = page.get_by_placeholder("Name, phone or booking code")
    for query in (PATIENT.split()[-1].lower(), code):
        search.fill(query)
        page.get_by_role("button", name="Apply").click()
        expect(rows).to_have_count(1)
        expect(rows.first).to_contain_text(PATIENT)
    rows.first.get_by_role("link", name=PATIENT).click()

    expect(page.get_by_role("heading", name=re.compile(PATIENT))).to_be_visible()
    booking = page.locator("#booking")
    expect(booking).to_contain_text(code)
    expect(booking).to_contain_text(therapist)
    expect(booking).to_contain_text("Booked")
    transcript = page.locator("[data-test=transcript]")
    expect(transcript).to_contain_text(FIRST_MESSAGE)
    expect(transcript).to_contain_text(code)

    # The calendar link in the widget is the console's, signed for this booking.
    ics = page.request.get(url + urlsplit(href).path)
    assert ics.status == 200 and ics.headers["content-type"].startswith("text/calendar")
    assert "BEGIN:VCALENDAR" in ics.text() and code in ics.text()
