"""What the channels let through to Rasa: sender ids, text and metadata, checked (issue: faults)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from channels.validation import (
    MAX_MESSAGE_CHARS,
    MAX_SENDER_ID_CHARS,
    READ_CHARS,
    CheckedMessage,
    InvalidMessage,
    check_message,
    check_sender_id,
    check_text,
    readable_part,
)


@pytest.mark.parametrize(
    "sender",
    ["web-3f2a9c1e-0b7d-4c2e-9a51-2f8e6d0c4b1a", "+17185550142", "visitor-1", "abc_DEF.1:2@x=y"],
)
def test_real_sender_ids_pass(sender):
    assert check_sender_id(sender) == sender


@pytest.mark.parametrize(
    ("sender", "why"),
    [
        ("x\ud800", "surrogate"),
        ("", "empty"),
        ("a" * (MAX_SENDER_ID_CHARS + 1), "too long"),
        ("robert'); DROP TABLE events;--", "injection"),
        ("a b", "space"),
        ("ünïcode", "non-ASCII"),
        ("-leading", "starts with a symbol"),
        ("x\x00y", "NUL"),
        (12345, "a number"),
        (None, "missing"),
        (["x"], "a list"),
    ],
)
def test_unsafe_sender_ids_are_refused_by_name(sender, why):
    with pytest.raises(InvalidMessage) as err:
        check_sender_id(sender)
    assert err.value.field == "sender", why
    assert err.value.as_json()["error"] == "invalid_request"


def test_text_is_checked_and_cleaned():
    assert check_text(None) == ""
    assert check_text("my knee\x00 hurts\x07") == "my knee hurts"
    assert check_text("cafe\u0301") == "café"  # NFC, as typed on another keyboard
    assert check_text("line one\nline two\ttab") == "line one\nline two\ttab"
    assert check_text("😣 " * 100) == "😣 " * 100
    for bad in ("pain\ud83d", 7, {"text": "hi"}, "x" * (MAX_MESSAGE_CHARS + 1)):
        with pytest.raises(InvalidMessage) as err:
            check_text(bad)
        assert err.value.field == "message"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ([], "body"),
        ("hi", "body"),
        (None, "body"),
        ({"message": "hi"}, "sender"),
        ({"sender": "a", "message": 5}, "message"),
        ({"sender": "a", "message": "hi", "metadata": "x"}, "metadata"),
        ({"sender": "a", "message": "hi", "metadata": {"k": "v" * 5000}}, "metadata"),
        ({"sender": "a", "message": "hi", "metadata": {"k": "\udfff"}}, "metadata"),
    ],
)
def test_malformed_bodies_name_the_wrong_part(body, field):
    with pytest.raises(InvalidMessage) as err:
        check_message(body)
    assert err.value.field == field


def test_a_good_body_passes_whole():
    checked = check_message({"sender": "web-1", "message": " hi ", "metadata": {"id": "m-1"}})
    assert checked == CheckedMessage("web-1", " hi ", {"id": "m-1"})


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)


@settings(max_examples=400, deadline=None)
@given(
    st.one_of(
        json_values,
        st.fixed_dictionaries(
            {"sender": json_values | st.text(max_size=300), "message": json_values | st.text()},
            optional={"metadata": json_values},
        ),
    )
)
def test_any_body_is_either_refused_or_safe_to_store(body):
    """Whatever a client sends, the check refuses it by name or returns what Rasa can store."""
    try:
        checked = check_message(body)
    except InvalidMessage as err:
        assert err.field in ("body", "sender", "message", "metadata")
        return
    assert 1 <= len(checked.sender_id) <= MAX_SENDER_ID_CHARS
    checked.sender_id.encode("ascii")
    checked.text.encode("utf-8")
    assert "\x00" not in checked.text


def test_a_long_message_is_cut_at_a_space_near_the_limit():
    text = "my knee hurts when I climb stairs " * 200
    part, cut = readable_part(text)
    assert cut and READ_CHARS * 3 // 4 <= len(part) <= READ_CHARS
    assert text.startswith(part) and not part.endswith("stai")
    assert readable_part("my knee hurts") == ("my knee hurts", False)


def test_a_warning_sign_past_the_limit_is_never_cut_away():
    """Pass F: a long message that ended with saddle numbness and no pee since yesterday was
    read only in its first part, and the signs were lost."""
    text = "my lower back has been sore for a while. " * 55 + (
        "also I can't feel anything when I wipe and I haven't been able to pee since yesterday")
    part, cut = readable_part(text)
    assert cut and len(part) <= READ_CHARS and "when I wipe" in part
    assert part.startswith("my lower back has been sore")  # the start, where the pain is told
    plain = "my knee hurts when I climb stairs " * 200
    assert plain.startswith(readable_part(plain)[0])  # no sign anywhere: the first part


def test_crisis_language_past_the_limit_is_never_cut_away():
    text = "my back hurts. " * 400 + "honestly I want to kill myself. " + "it aches. " * 50
    part, cut = readable_part(text)
    assert cut and len(part) <= READ_CHARS and "kill myself" in part
