"""How the assistant's buttons read as a text message, and what a digit reply then means."""

from __future__ import annotations

from channels.sms_output import NumberedChoices, SmsOutput

ANA = "+12125550123"
YES_NO = [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}]


async def send(text: str, buttons: list[dict]) -> tuple[str, NumberedChoices]:
    choices = NumberedChoices()
    out = SmsOutput(choices)
    await out.send_text_with_buttons(ANA, text, buttons)
    [message] = out.texts()
    return message, choices


async def test_buttons_become_numbered_lines_and_a_digit_picks_one():
    message, choices = await send("Did the pain start after a fall?", YES_NO)
    assert message == "Did the pain start after a fall?\n1) Yes\n2) No"
    assert choices.resolve(ANA, " 2. ") == "/deny"
    assert choices.resolve(ANA, "2") == "2"  # a choice is used once


async def test_choices_the_text_already_lists_are_not_listed_twice():
    text = "Here are the times I can offer:\n1) Wed Nov 25, 11:00 AM with Dana\n2) Fri Nov 27"
    buttons = [
        {"title": "1) Wed Nov 25, 11:00 AM with Dana", "payload": "1"},
        {"title": "2) Fri Nov 27", "payload": "2"},
        {"title": "None of these", "payload": "none of these"},
    ]
    message, choices = await send(text, buttons)
    assert message == text + "\n3) None of these"
    assert choices.resolve(ANA, "3") == "none of these"


async def test_buttons_whose_payloads_are_numbers_are_not_numbered():
    # A pain score: numbering "0-2".."9-10" would turn a typed 3 into the third button's 6.
    buttons = [{"title": f"{n - 1}-{n}", "payload": str(n)} for n in (2, 4, 6, 8, 10)]
    message, choices = await send("Please answer with a number from 0 to 10.", buttons)
    assert message == "Please answer with a number from 0 to 10."
    assert choices.resolve(ANA, "3") == "3"


async def test_a_choice_offered_without_text_and_other_replies():
    message, choices = await send("", [{"title": "Skip", "payload": "skip"}])
    assert message == "1) Skip"
    assert choices.resolve(ANA, "my email is a@b.co") == "my email is a@b.co"
    assert choices.resolve(ANA, "1") == "1"  # the pending choice went with the last reply


async def test_texts_leave_as_gsm7_without_emoji():
    out = SmsOutput()
    await out.send_text_message(
        ANA, "You said \u201cI can\u2019t sleep \U0001f62b\u201d \u2014 ok\u2026"
    )
    assert out.texts() == ['You said "I can\'t sleep" - ok...']
