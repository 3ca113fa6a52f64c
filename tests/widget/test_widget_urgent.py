"""Urgent advice in the widget (issue 14, item 10): the emergency-department, call-911 and crisis
answers are pinned above the message box until dismissed, announced with role="alert", with
tel: links for 911 and 988; phone numbers in any answer are tel: links. The widget knows urgent
advice by its words (REST carries no response name), so every response in domain.yml is run
through it here: a rewording that the widget would no longer recognise fails this test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import yaml
from playwright.sync_api import Page, expect

from bot.settings import ROOT
from tests.widget.fake_rasa import FakeRasa, default_script
from tests.widget.support import ChatWidget, serve_widget

pytestmark = pytest.mark.browser

# The answers that send the person to 911, an emergency department or 988 now.
URGENT = {
    "utter_redflag_call_911": "emergency", "utter_redflag_emergency": "emergency",
    "utter_after_urgent_symptom": "emergency", "utter_crisis": "crisis",
    "utter_crisis_reminder": "crisis",  # 988 and 911 again after the crisis answer
    # "stop" after urgent advice: the advice, 911 and 988 again
    "utter_stopped_urgent": "crisis",
    # after 911 advice, anything else: "Please call 911 now" again (their 911 variants)
    "utter_after_urgent": "emergency", "utter_after_urgent_question": "emergency",
    # the thanks for a phone number after emergency advice says the next step again
    "utter_urgent_contact_saved": "emergency", "utter_urgent_contact_saved_no_name": "emergency",
}  # fmt: skip
EMERGENCY = (
    "Thank you for telling me. Those symptoms need to be checked urgently: please go to an "
    "emergency department now, or call 911. I've flagged this for our team."
)
CRISIS = (
    "I'm really sorry you're going through this. You can call or text 988 (the Suicide & "
    "Crisis Lifeline) any time. If you are in immediate danger, please call 911."
)
CLINIC_PHONE = "Call us at (718) 555-0199 or +1 212.555.0100, booking code K7Q-4MD on 2026-12-01."


def domain_texts() -> list[tuple[str, str]]:
    """(response name, text) for every text variant of every response in domain.yml."""
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    return [(name, variant["text"]) for name, variants in domain["responses"].items()
            for variant in variants if variant.get("text")]  # fmt: skip


def _script(sender: str, message: str) -> list[dict]:
    canned = {"ed": [EMERGENCY], "crisis": [CRISIS], "phone": [CLINIC_PHONE],
              "all": [text for _, text in domain_texts()]}  # fmt: skip
    if message in canned:
        return [{"recipient_id": sender, "text": text} for text in canned[message]]
    return default_script(sender, message)


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeRasa]:
    with FakeRasa(script=_script) as server:
        yield server


@pytest.fixture(scope="module")
def page_url(fake: FakeRasa) -> Iterator[str]:
    with serve_widget(fake.url) as url:
        yield url


@pytest.fixture
def chat(page: Page, page_url: str) -> ChatWidget:
    page.goto(page_url)
    widget = ChatWidget(page, timeout=10_000)
    widget.launcher.click()
    expect(widget.log).to_contain_text("intake assistant")
    return widget


def pinned(page: Page):
    return page.locator(".ptw-urgent")


def test_every_domain_response_is_urgent_exactly_when_it_sends_the_person_away_now(
    chat: ChatWidget, page: Page
) -> None:
    texts = domain_texts()
    assert {name for name, _ in texts} >= URGENT.keys()
    before = chat.bot_count()
    chat.type("all")
    expect(page.locator(".ptw-msg--bot")).to_have_count(before + len(texts))
    flags = page.locator(".ptw-msg--bot").evaluate_all(
        "nodes => nodes.map(n => n.classList.contains('ptw-msg--urgent'))")[before:]
    urgent = {name for (name, _), flag in zip(texts, flags, strict=True) if flag}
    assert urgent == set(URGENT)
    # the last urgent answer in domain order is the one pinned
    last = [text for name, text in texts if name in URGENT][-1]
    expect(pinned(page)).to_contain_text(last[:60])


def test_emergency_advice_is_pinned_announced_and_has_a_call_link(
    chat: ChatWidget, page: Page
) -> None:
    expect(pinned(page)).to_be_hidden()
    chat.type("ed")
    alert = page.get_by_role("alert")
    expect(alert).to_have_count(1)  # the connection alert is hidden
    expect(alert).to_contain_text("emergency department now")
    expect(alert).to_contain_text("Urgent")
    box = pinned(page)
    expect(box.get_by_role("link", name="Call 911")).to_have_attribute("href", "tel:911")
    expect(box.get_by_role("link", name="Call or text 988")).to_have_count(0)
    # the bubble in the log is marked too, and its 911 is a tel: link
    bubble = page.locator(".ptw-msg--urgent").last
    expect(bubble.get_by_role("link", name="911")).to_have_attribute("href", "tel:911")
    # it stays in view while the conversation goes on and the log scrolls
    for n in range(8):
        chat.type(f"more {n}")
    expect(chat.log).to_contain_text("Echo: more 7")
    expect(box).to_be_in_viewport()
    box_top = box.bounding_box()["y"]
    input_top = chat.input.bounding_box()["y"]
    assert box_top < input_top, "the advice sits above the message box"


def test_crisis_advice_offers_988_and_911_survives_a_reload_and_can_be_dismissed(
    chat: ChatWidget, page: Page
) -> None:
    chat.type("crisis")
    box = pinned(page)
    expect(page.get_by_role("alert")).to_contain_text("call or text 988")
    expect(box.get_by_role("link", name="Call or text 988")).to_have_attribute("href", "tel:988")
    expect(box.get_by_role("link", name="Call 911")).to_have_attribute("href", "tel:911")
    page.reload()
    expect(box).to_be_visible()  # the widget reopens with the advice still pinned
    expect(box).to_contain_text("988")
    box.get_by_role("button", name="Dismiss this advice").click()
    expect(box).to_be_hidden()
    expect(chat.input).to_be_focused()
    expect(page.locator(".ptw-msg--urgent")).to_have_count(1)  # the log keeps the message
    page.reload()
    expect(chat.log).to_contain_text("988")
    expect(box).to_be_hidden()  # dismissed stays dismissed


def test_the_greeting_and_a_clinic_number_are_not_urgent_but_numbers_are_tel_links(
    chat: ChatWidget, page: Page
) -> None:
    chat.type("phone")
    expect(chat.log).to_contain_text("555-0199")
    expect(pinned(page)).to_be_hidden()
    links = page.locator(".ptw-msg--bot .ptw-tel")
    hrefs = links.evaluate_all("nodes => nodes.map(n => n.getAttribute('href'))")
    # the greeting's 911, then the clinic's two numbers; not the code or the date
    assert hrefs == ["tel:911", "tel:7185550199", "tel:+12125550100"]


def test_clearing_the_chat_removes_the_pinned_advice(chat: ChatWidget, page: Page) -> None:
    chat.type("ed")
    expect(pinned(page)).to_be_visible()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clear chat from this device").click()
    expect(chat.log).to_contain_text("intake assistant")
    expect(pinned(page)).to_be_hidden()
