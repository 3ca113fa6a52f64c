"""Issue 14, the front desk's day in Chromium, on the real Rasa and action servers: two patients
chat in the widget on the demo clinic page (one is told to go to an emergency department now and
leaves a name and number; one books, giving an email address), then the front desk works the
staff console: the call-back banner and tab agree, the urgent row and intake say what the patient
was told, the transcripts show the buttons as the patients saw them, staff correct a phone number
(audited) and record calls (a voicemail keeps the patient pinned, reaching them unpins), and the
booked patient's confirmation email, with its .ics and no health details, is in the outbox.

Takes the four pictures in docs/ that README.md shows (copied there with WIDGET_UPDATE_DOCS=1).
"""

from __future__ import annotations

import email
import re
import uuid
from collections.abc import Callable, Iterator
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from app.bootstrap import MAIL_OUTBOX_NAME
from bot.db import make_engine, make_session_factory, unit_of_work
from bot.frontdesk.callback import ADVICE_LABELS
from bot.frontdesk.followups import OUTCOMES
from bot.frontdesk.users import create_user
from bot.intake.button_replies import PAYLOAD_LABELS
from bot.migrate import upgrade
from bot.screening import detect
from tests.e2e.harness import Servers, run_servers
from tests.screen import question, screen_pattern
from tests.widget.support import (
    CONSOLE_PASSWORD,
    Answer,
    ChatWidget,
    booking_visitor,
    call_back_tab,
    converse,
    on_a_phone,
    screenshot,
    serve_widget,
    sign_in,
)

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

# Patient A: a warning sign in the first message, confirmed with the Yes button.
URGENT_SAYS = "I can't control my bladder since my back pain started"
URGENT_NAME = "Ruth Okafor"
URGENT_PHONE, URGENT_E164 = "646 555 0173", "+16465550173"
CORRECTED_PHONE, CORRECTED_E164 = "(347) 555-0148", "+13475550148"
STATED = detect(URGENT_SAYS).stated
URGENT_PATIENT = [
    *(Answer(re.escape(question(slot)), click="Yes") for slot in STATED),
    Answer(screen_pattern(), click="No"),
    Answer(r"What name", text=URGENT_NAME),
    Answer(r"phone number", text=URGENT_PHONE),
]
CONTACT_SAVED = r"Please follow the advice above|Please go to an emergency department now"

# Patient B: an intake and a booking, buttons wherever they are offered.
BOOKING_SAYS = "my right knee has hurt for about 4 months and stairs kill me"
BOOKING_NAME = "Priya Raman"
BOOKING_EMAIL = "priya.raman@example.org"
SLOT_OFFER = r"times I can offer"
SLOT_TITLE = r" with \w+$"
BOOKING_PATIENT = booking_visitor(
    BOOKING_NAME, "917 555 0123", Answer(r"email address", text=BOOKING_EMAIL)
)
BOOKED = r"You're booked"
# Words from B's intake that must not travel by email.
HEALTH_WORDS = ("knee", "pain", "stairs", "chronic", "6 out of 10", "red flag")


@pytest.fixture(scope="module")
def live_rasa(trained_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    """Servers and a database of the walk-through's own: on the suite's shared database the
    queue holds the other tests' patients, pages long, and the pictures would show them."""
    workdir = tmp_path_factory.mktemp("walkthrough")
    url = f"sqlite:///{workdir / 'intake.db'}"
    upgrade(url)
    with run_servers(trained_model, workdir, url) as running:
        yield running


@pytest.fixture(scope="module")
def live_page_url(live_rasa: Servers) -> Iterator[str]:
    """The demo clinic page, talking to this module's Rasa server."""
    with serve_widget(live_rasa.rasa_url) as url:
        yield url


@pytest.fixture
def admin(live_rasa: Servers) -> str:
    """An admin of the console on the servers' database (the audit log is admins' only)."""
    name = f"admin-{uuid.uuid4().hex[:8]}"
    engine = make_engine(live_rasa.database_url)
    try:
        with unit_of_work(make_session_factory(engine)) as session:
            create_user(session, name, CONSOLE_PASSWORD, "admin")
    finally:
        engine.dispose()
    return name


def _start_chat(page: Page, url: str) -> ChatWidget:
    page.on("dialog", lambda d: pytest.fail(f"a dialog opened: {d.message}"))
    page.goto(url)
    chat = ChatWidget(page, timeout=60_000)  # a busy 2-CPU machine can keep Rasa a while
    chat.launcher.click()
    assert "intake assistant" in chat.wait_for_answer(0)
    return chat


def _say_first(chat: ChatWidget, message: str) -> None:
    before = chat.bot_count()
    chat.type(message)
    chat.wait_for_answer(before)


def _call_back_list(page: Page, url: str) -> tuple[int, int, list[str]]:
    """(the banner's number, the "Call back" tab's count, the names that tab lists)."""
    waiting, count, rows = call_back_tab(page, url)
    return waiting, count, rows.locator("a.patient").all_inner_texts()


def _open_intake(page: Page, url: str, query: str, name: str) -> None:
    """Find one intake by name, phone or booking code and open it."""
    page.goto(url + "/")
    page.get_by_placeholder("Name, phone or booking code").fill(query)
    page.get_by_role("button", name="Apply").click()
    rows = page.locator("table.queue tbody tr")
    expect(rows).to_have_count(1)
    rows.first.get_by_role("link", name=name).click()
    expect(page.get_by_role("heading", name=re.compile(name))).to_be_visible()


def _patient_turns(page: Page) -> list[str]:
    """What the transcript shows the patient saying, the chat's opening left out."""
    shown = page.locator("[data-test=transcript] .turn-patient .bubble").all_inner_texts()
    return [text.strip() for text in shown if text.strip() != PAYLOAD_LABELS["greet"]]


def _record_call(page: Page, outcome: str, note: str) -> None:
    form = page.locator("[data-test=call-form]")
    form.get_by_label(OUTCOMES[outcome]).check()
    form.get_by_label("Note").fill(note)
    form.locator("[data-test=record-call]").click()


def _emails_to(servers: Servers, address: str) -> list[EmailMessage]:
    """The console gateway's messages to `address`, oldest first."""
    outbox = Path(servers.env["VAR_DIR"]) / MAIL_OUTBOX_NAME
    messages = [
        email.message_from_bytes(path.read_bytes(), policy=default_policy)
        for path in sorted(outbox.glob("*.eml"), key=lambda p: p.stat().st_mtime_ns)
    ]
    return [m for m in messages if m["To"] == address]


def test_two_patients_in_the_widget_then_the_front_desk_works_the_console(
    page: Page,
    browser: Browser,
    new_context: Callable[..., BrowserContext],
    live_rasa: Servers,
    live_page_url: str,
    console_url: tuple[str, str],
    admin: str,
    tmp_path: Path,
) -> None:
    assert detect(URGENT_SAYS).advice == "emergency", "patient A must get the ED advice"

    # ---- Patient A, on a device of their own: the emergency advice, pinned as an alert.
    urgent_page = new_context().new_page()
    a = _start_chat(urgent_page, live_page_url)
    _say_first(a, URGENT_SAYS)
    said_a = converse(a, URGENT_PATIENT, until=CONTACT_SAVED)
    advice = "please go to an emergency department now, or call 911"
    assert any(advice in m for m in a.bubbles("bot")), said_a
    assert not any("Would you like me to book" in m for m in a.bubbles("bot")), said_a
    alert = urgent_page.get_by_role("alert")
    expect(alert).to_have_count(1)  # the connection alert is hidden
    expect(alert).to_contain_text("emergency department now")
    pinned = urgent_page.locator(".ptw-urgent")
    expect(pinned.get_by_role("link", name="Call 911")).to_have_attribute("href", "tel:911")
    bubble = urgent_page.locator(".ptw-msg--urgent").last
    expect(bubble.get_by_role("link", name="911")).to_have_attribute("href", "tel:911")
    assert a.bubbles("user") == [URGENT_SAYS, "Yes", URGENT_NAME, URGENT_PHONE]

    # ---- Patient B: an intake and a booking, with an email address for the confirmation.
    b = _start_chat(page, live_page_url)
    _say_first(b, BOOKING_SAYS)

    def on_turn(_: int) -> None:
        if re.search(SLOT_OFFER, b.bubbles("bot")[-1]):  # the slots, as buttons, on a phone
            on_a_phone(browser, page, live_page_url,
                       tmp_path / "widget-phone.png", "widget-phone.png")  # fmt: skip

    converse(b, BOOKING_PATIENT, until=BOOKED, max_turns=25, on_turn=on_turn)
    confirmation = b.bubbles("bot")[-1]
    code = re.search(r"booking code is ([A-Z0-9]{3}-[A-Z0-9]{3})", confirmation).group(1)
    said_b = b.bubbles("user")
    assert "Yes, that's right" in said_b and BOOKING_EMAIL in said_b and "Skip" not in said_b
    screenshot(page, tmp_path / "widget-desktop.png", "widget-desktop.png")

    # ---- The front desk: the queue, with A pinned and what A was told.
    url, username = console_url
    desk = page
    desk.set_viewport_size({"width": 1440, "height": 900})
    sign_in(desk, url, username)
    row_a = desk.locator("table.queue tbody tr").filter(
        has=desk.get_by_role("link", name=URGENT_NAME, exact=True)
    )
    expect(row_a).to_have_count(1)
    expect(row_a).to_have_class(re.compile(r"\bpinned\b"))
    expect(row_a.locator(".badge")).to_have_text("Urgent")
    expect(row_a.locator("[data-test=advice]")).to_have_text(ADVICE_LABELS["emergency"])
    expect(row_a).to_contain_text(URGENT_E164)
    row_b = desk.locator("table.queue tbody tr").filter(
        has=desk.get_by_role("link", name=BOOKING_NAME, exact=True)
    )
    expect(row_b).to_contain_text(code)
    screenshot(desk, tmp_path / "console-queue.png", "console-queue.png", full_page=True)

    waiting, count, names = _call_back_list(desk, url)
    assert waiting == count == len(names), (waiting, count, names)
    assert URGENT_NAME in names and BOOKING_NAME not in names

    # ---- B's intake: the transcript shows the buttons' titles, never their payloads.
    _open_intake(desk, url, code, BOOKING_NAME)
    expect(desk.locator("#booking")).to_contain_text(code)
    transcript = desk.locator("[data-test=transcript]")
    assert _patient_turns(desk) == said_b
    expect(transcript.locator(".bubble-clicked", has_text="Yes, that's right")).to_have_count(1)
    assert not re.search(r"(^|\s)/[a-z_]+", transcript.inner_text(), re.MULTILINE)

    # ---- A's intake: the advice level, the transcript, the phone number.
    _open_intake(desk, url, URGENT_NAME.split()[-1].lower(), URGENT_NAME)
    intake_id = re.search(r"/intakes/(\d+)", desk.url).group(1)
    expect(desk.locator("[data-test=advice-level]")).to_have_text(
        f"Patient told: {ADVICE_LABELS['emergency']}."
    )
    expect(desk.locator("[data-test=urgent-alert]")).to_contain_text(URGENT_E164)
    assert _patient_turns(desk) == a.bubbles("user")
    assert not re.search(r"(^|\s)/[a-z_]+", transcript.inner_text(), re.MULTILINE)
    expect(desk.locator("[data-test=body-chart] svg")).to_be_visible()
    screenshot(desk, tmp_path / "console-intake.png", "console-intake.png", full_page=True)

    # Staff correct A's phone number.
    contact = desk.locator("#contact")
    expect(contact.locator("[data-test=contact-phone]")).to_have_text(URGENT_E164)
    contact.get_by_text("Correct contact details").click()
    form = desk.locator("[data-test=contact-form]")
    form.get_by_label("Phone", exact=True).fill(CORRECTED_PHONE)
    form.get_by_role("button", name="Save contact details").click()
    expect(desk.get_by_text("Contact details updated.")).to_be_visible()
    expect(contact.locator("[data-test=contact-phone]")).to_have_text(CORRECTED_E164)
    expect(desk.locator("[data-test=urgent-alert]")).to_contain_text(CORRECTED_E164)

    # A voicemail keeps A in the call-back list ...
    _record_call(desk, "voicemail", "Left the ED advice again, asked her to call back")
    expect(desk.get_by_text("stays in the call-back list")).to_be_visible()
    expect(desk.locator("[data-test=calls]")).to_contain_text(OUTCOMES["voicemail"])
    expect(desk.locator("[data-test=calls]")).to_contain_text("asked her to call back")
    expect(desk.get_by_role("heading", level=1).locator(".badge")).to_have_text("Urgent")
    assert _call_back_list(desk, url) == (waiting, count, names)

    # ... reaching her takes her out of it.
    desk.get_by_role("link", name=URGENT_NAME, exact=True).click()
    _record_call(desk, "reached", "She is at the emergency department")
    expect(desk.locator("[data-test=reached]")).to_be_visible()
    expect(desk.get_by_role("heading", level=1).locator(".badge")).to_have_text("Reviewed")
    calls = desk.locator("[data-test=calls] li")
    expect(calls).to_have_count(2)
    expect(calls.last).to_contain_text(OUTCOMES["reached"])
    after = _call_back_list(desk, url)
    assert after[0] == after[1] == len(after[2]) == waiting - 1, after
    assert URGENT_NAME not in after[2]

    # The audit log (admins') has the correction, by field name only, and both calls.
    audit_page = new_context().new_page()
    sign_in(audit_page, url, admin)
    audit_page.goto(f"{url}/admin/audit?intake={intake_id}")
    entries = audit_page.locator("table.queue tbody tr")
    edit = entries.filter(has_text="Corrected contact details")
    expect(edit).to_have_count(1)
    expect(edit).to_contain_text(username)
    expect(edit).to_contain_text("fields: phone")
    expect(entries.filter(has_text="Recorded call back")).to_have_count(2)
    assert CORRECTED_E164 not in audit_page.content()

    # ---- B's confirmation email: the booking code, an .ics, and nothing about B's health.
    (booked,) = _emails_to(live_rasa, BOOKING_EMAIL)
    body = booked.get_body(preferencelist=("plain",)).get_content()
    assert code in booked["Message-ID"] and f"Booking code: {code}" in body
    attachments = list(booked.iter_attachments())
    assert [(p.get_filename(), p.get_content_type()) for p in attachments] == [
        (f"appointment-{code}.ics", "text/calendar")]  # fmt: skip
    ics = attachments[0].get_content()
    ics = ics if isinstance(ics, str) else ics.decode()
    assert "BEGIN:VEVENT" in ics and code in ics
    everything = f"{booked['Subject']}\n{body}\n{ics}".lower()
    assert not [w for w in HEALTH_WORDS if w in everything], everything
