"""Every response in domain.yml, rendered for SMS, is GSM-7 and at most 3 segments.

Each variation a patient could get by text is filled with realistic values (the clinic profile,
a real booking confirmation, a slot offer, and a read-back quoting an activities answer with
emoji and a curly apostrophe), rendered through the SMS output channel (buttons become numbered
lines), and checked as it would leave: GSM-7, and 153 characters per segment when concatenated.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
import yaml
from rasa.core.nlg import interpolator

from actions.common import clinic_facts
from bot.clinic import load_profile
from bot.intake.summary import summarize
from bot.messaging.transport.gsm import is_gsm7, segments
from bot.scheduling.availability import Slot
from bot.scheduling.choice import format_slot
from bot.scheduling.links import CalendarLinks
from bot.screening import second_person_note
from bot.settings import DEFAULT_CLINIC_PROFILE, ROOT
from bot.symptoms import Found
from channels.sms_output import SmsOutput

ANA = "+12125550123"
MAX_SEGMENTS = 3
PROFILE = load_profile(DEFAULT_CLINIC_PROFILE)
# The activities answer of issue 13: an emoji and a curly apostrophe, quoted in the read-back.
ACTIVITIES = (
    "I can\u2019t pick up my grandkids or walk the dog \U0001f415 without it flaring up \U0001f62b"
)
READ_BACK_SLOTS: dict[str, Any] = {
    "pain_locations": [{"region": "lower_back", "side": "left"}, {"region": "hip", "side": "both"}],
    "pain_duration": "since last spring",
    "duration_weeks": 40.0,
    "pain_class": "chronic",
    "activities_text": ACTIVITIES,
    "pain_score": 7.0,
}


def _offer() -> tuple[str, list[dict[str, str]]]:
    """Three slots as `bot.scheduling.conversation.make_offer` words them, longest names first."""
    start = dt.datetime(2026, 12, 2, 16, 45, tzinfo=dt.timezone.utc)  # Wednesday 11:45 AM
    therapists = ["priya", "marcus", "dana"]
    labels = [
        format_slot(
            Slot(start + dt.timedelta(days=i), who, "chronic_assessment",
                 start + dt.timedelta(days=i, minutes=60)),
            PROFILE,
        )
        for i, who in enumerate(therapists)
    ]  # fmt: skip
    lines = "\n".join(f"{n}) {label}" for n, label in enumerate(labels, 1))
    buttons = [{"title": label, "payload": str(n)} for n, label in enumerate(labels, 1)]
    return lines, buttons + [{"title": "None of these", "payload": "none of these"}]


SLOT_LINES, OFFER_BUTTONS = _offer()
SCREEN_WORDS = (
    "my calf went red, hot and puffy a few days after my knee surgery \U0001f62b and it\u2019s "
    "tight and sore when I walk to the shops and back every single morning"
)
LONGEST_THERAPIST = max((t.name for t in PROFILE.therapists), key=len)
VALUES: dict[str, Any] = {
    **clinic_facts(PROFILE),
    "summary": summarize(READ_BACK_SLOTS),
    "side_question_region": "lower back",
    "patient_name": "Jos\u00e9 \u00d1\u00fa\u00f1ez-Whitfield",
    # The longer promise (urgent responses quote the urgent one).
    "callback_window": max(PROFILE.callback_window, PROFILE.urgent_callback_window, key=len),
    "phone_extension": "12345",
    "chosen_time": "Wed Dec 30, 10:45 AM with Priya",
    "phone": ANA,
    "appointment_name": "chronic pain assessment",
    "minutes": 60,
    "pain_score": 4,
    "slot_lines": SLOT_LINES,
    "date": "Wednesday, September 30",
    "time": "11:45 AM",
    "therapist": LONGEST_THERAPIST,
    "address": PROFILE.address,
    "what_to_bring": PROFILE.what_to_bring,
    "code": "K7Q-4MD",
    "old_code": "GR6-G7Z",
    "booking_email": "jose.nunez-whitfield+physio@example-longer-domain.com",
    "number": "10",  # a bare number at the offer to book, at its longest (utter_offer_number)
    "ics_url": CalendarLinks("https://bridgestreetpt.example", "s" * 32).url("K7Q-4MD"),
    # The patient's words echoed by the screen, at their longest (bot.screening.MAX_NOTE).
    "screen_note": second_person_note(
        SCREEN_WORDS, [Found(0, len(SCREEN_WORDS), SCREEN_WORDS)]
    ),
}
VALUES["sign_note"] = VALUES["screen_note"]  # the same echo at a stop
# Buttons the actions add to a response (`ActionAskBookingSlot` sends the offer's).
ACTION_BUTTONS = {
    "utter_offer_slots": OFFER_BUTTONS,
    "utter_offer_closest_slots": OFFER_BUTTONS,
}
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def sms_variations() -> list[tuple[str, int, dict[str, Any]]]:
    """(response, index, variation) for every variation the SMS channel can send."""
    responses = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["responses"]
    found = []
    for name, variations in responses.items():
        for_sms = [v for v in variations if v.get("channel") == "twilio_sms"]
        general = [v for v in variations if not v.get("channel")]
        for index, variation in enumerate(for_sms or general):
            found.append((name, index, variation))
    return found


async def render(name: str, variation: dict[str, Any]) -> list[str]:
    """The texts the SMS channel would send for this variation."""
    text = variation.get("text") or ""
    buttons = variation.get("buttons") or ACTION_BUTTONS.get(name)
    for template in [text, *(b["title"] for b in buttons or [])]:
        missing = set(PLACEHOLDER.findall(template)) - set(VALUES)
        assert not missing, f"{name}: give the test a realistic value for {missing}"
    text = interpolator.interpolate_text(text, VALUES)
    out = SmsOutput()
    if buttons:
        buttons = [
            {**b, "title": interpolator.interpolate_text(b["title"], VALUES)} for b in buttons
        ]
        await out.send_text_with_buttons(ANA, text, buttons)
    else:
        await out.send_text_message(ANA, text)
    return out.texts()


@pytest.mark.parametrize(
    "name, index, variation",
    sms_variations(),
    ids=[f"{name}[{index}]" for name, index, _ in sms_variations()],
)
async def test_every_response_is_gsm7_and_at_most_three_segments(name, index, variation):
    written = [variation.get("text") or "", *(b["title"] for b in variation.get("buttons") or [])]
    for template in written:  # our own words need no conversion; patients' and profiles' may
        assert is_gsm7(template), f"{name}[{index}] is written with non-GSM-7 characters"
    texts = await render(name, variation)
    assert texts, f"{name} renders no text for SMS"
    for text in texts:
        bad = sorted({ch for ch in text if not is_gsm7(ch)})
        assert not bad, f"{name}[{index}] holds characters outside GSM-7: {bad}"
        assert segments(text) <= MAX_SEGMENTS, (
            f"{name}[{index}] takes {segments(text)} segments ({len(text)} characters): {text!r}"
        )


def test_the_variations_cover_the_whole_domain():
    names = {name for name, _, _ in sms_variations()}
    responses = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["responses"]
    assert names == set(responses)
    assert len(sms_variations()) >= len(responses)


async def test_the_read_back_of_an_answer_with_emoji_and_a_curly_apostrophe():
    """Issue 13's repro: the quoted emoji and curly apostrophe made the whole reply UCS-2."""
    [variation] = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["responses"][
        "utter_summary"
    ]
    [text] = await render("utter_summary", variation)
    assert "I can't pick up my grandkids or walk the dog without it flaring up\"" in text
    assert is_gsm7(text) and "\u2019" not in text
    before = interpolator.interpolate_text(variation["text"], VALUES) + "\n1) Yes, that's right"
    assert not is_gsm7(before)  # as it went out before: UCS-2, 67 characters a segment
    assert segments(text) == 3 and segments(before) == 5


def button_variations() -> list[tuple[str, int, dict[str, Any]]]:
    """The variations sent with buttons that become numbered choices (not a pain score's)."""
    found = []
    for name, index, variation in sms_variations():
        buttons = variation.get("buttons") or ACTION_BUTTONS.get(name) or []
        payloads = [str(b.get("payload")) for b in buttons]
        if buttons and not any(p.isdigit() and p != str(n) for n, p in enumerate(payloads, 1)):
            found.append((name, index, variation))
    return found


@pytest.mark.parametrize(
    "name, index, variation",
    button_variations(),
    ids=[f"{name}[{index}]" for name, index, _ in button_variations()],
)
async def test_every_choice_is_listed_once_in_one_run_of_numbered_lines(name, index, variation):
    """Signed-SMS newcomer test: 'Reply with a number, or say "none of these"' came before
    "4) None of these". The choices 1..n stand together, in order; the text's other lines
    (the instruction) come before or after them, never between."""
    buttons = variation.get("buttons") or ACTION_BUTTONS[name]
    [text] = await render(name, variation)
    lines = text.splitlines()
    numbered = [n for n, line in enumerate(lines) if re.match(r"\d+\) ", line)]
    assert [lines[n].split(")")[0] for n in numbered] == [
        str(i) for i in range(1, len(buttons) + 1)
    ], text
    assert numbered == list(range(numbered[0], numbered[0] + len(buttons))), text
