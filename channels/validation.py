"""What a channel lets through to Rasa: checked sender ids and message text, or a clear refusal.

Rasa's SQL tracker store writes the sender id into a `varchar(255)` column and takes any
`ValueError` while doing so (a lone surrogate, a NUL byte) for a missing schema, and exits the
process. So nothing a client sends reaches Rasa unchecked: every channel runs `check_message`
first and answers a refusal with HTTP 400 and the refusal's `as_json()`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from bot.crisis import is_crisis_language
from bot.screening import detect

MAX_SENDER_ID_CHARS = 255  # Rasa's events.sender_id column is varchar(255)
# Letters, digits and the separators that web ids, UUIDs, socket.io sids and E.164 numbers use.
_SENDER_ID = re.compile(r"[A-Za-z0-9+][A-Za-z0-9._:@+=-]*")
MAX_MESSAGE_CHARS = 10_000  # longer text is refused; the body limit stops far larger requests
# What the assistant reads of one message: NLU time grows with length, and nobody answers an
# intake question in more. The patient is told when a message was cut (utter_message_cut).
READ_CHARS = 2_000
MAX_METADATA_BYTES = 4_000
_MESSAGE_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")  # bot.turns.MAX_MESSAGE_ID_CHARS
# A request body, for every route of the Rasa server: room for the longest text, JSON-escaped.
MAX_BODY_BYTES = 256 * 1024
# C0 and C1 control characters other than tab and newlines: invisible, and PostgreSQL refuses NUL.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class InvalidMessage(ValueError):
    """A request a channel refuses: `field` names the part that is wrong, `reason` says how."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason

    def as_json(self) -> dict[str, Any]:
        return {"error": "invalid_request", "field": self.field, "message": self.reason}


@dataclass(frozen=True)
class CheckedMessage:
    sender_id: str
    text: str
    metadata: dict[str, Any] | None = None

    @property
    def message_id(self) -> str | None:
        """The client's id for this message (`metadata.message_id`), when it sent one."""
        return (self.metadata or {}).get("message_id")


def _is_valid_unicode(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return False
    return True


def check_sender_id(value: Any) -> str:
    """The sender id as given, or `InvalidMessage` when Rasa could not store it safely.

    Valid: a string of 1 to 255 characters from `A-Z a-z 0-9 . _ : @ + = -`, starting with a
    letter, a digit or `+` (so "web-<uuid>", socket.io sids and "+17185550142" all pass).
    """
    if not isinstance(value, str):
        raise InvalidMessage("sender", "must be a string")
    if not value:
        raise InvalidMessage("sender", "must not be empty")
    if len(value) > MAX_SENDER_ID_CHARS:
        raise InvalidMessage("sender", f"must be at most {MAX_SENDER_ID_CHARS} characters")
    if not _SENDER_ID.fullmatch(value):
        raise InvalidMessage(
            "sender", "may hold only letters, digits and . _ : @ + = - (and start with no symbol)"
        )
    return value


def check_text(value: Any) -> str:
    """The message text, NFC-normalised and without control characters, or `InvalidMessage`.

    An empty text is allowed (the assistant answers it); a missing one (None) reads as empty.
    """
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidMessage("message", "must be a string")
    if not _is_valid_unicode(value):
        raise InvalidMessage("message", "is not valid Unicode text")
    if len(value) > MAX_MESSAGE_CHARS:
        raise InvalidMessage("message", f"must be at most {MAX_MESSAGE_CHARS} characters")
    return _CONTROL.sub("", unicodedata.normalize("NFC", value))


def readable_part(text: str) -> tuple[str, bool]:
    """The part of `text` the assistant reads (at most `READ_CHARS`), and whether it was cut.

    A long text is cut at a space near the limit. Crisis language is never cut away, nor a
    warning sign (`bot.screening.detect`): when one stands only past the limit, the part read is
    the first window that holds it (a 2,463-character message that ended with saddle numbness
    and no pee since yesterday got "I read only the first part": newcomer pass F).
    """
    if len(text) <= READ_CHARS:
        return text, False
    head = text[:READ_CHARS]
    space = head.rfind(" ", READ_CHARS * 3 // 4)
    head = head[:space] if space > 0 else head
    if is_crisis_language(text) and not is_crisis_language(head):
        step = READ_CHARS // 2
        for start in range(0, len(text), step):
            window = text[start : start + READ_CHARS]
            if is_crisis_language(window):
                return window, True
    if not _names_a_warning_sign(head):
        # the start (where the pain is told) and the sentence that names the sign
        sign = _first_sign_sentence(text[len(head) :])
        if sign:
            half = head[: READ_CHARS // 2]
            cut_at = half.rfind(" ", READ_CHARS * 3 // 8)
            return f"{half[:cut_at] if cut_at > 0 else half} ... {sign}", True
    return head, True


_SENTENCES = re.compile(r"[^.!?\n]+[.!?]*")


def _names_a_warning_sign(text: str) -> bool:
    found = detect(text)
    return bool(found.triggered or found.stated)


def _first_sign_sentence(text: str) -> str | None:
    """The first sentence (at most `READ_CHARS` // 2 characters) of `text` that names a warning
    sign, or None."""
    for start in range(0, len(text), READ_CHARS):
        # a whole window first: a sentence at a time only where one names a sign (a long
        # message is read in the event loop)
        window = text[max(0, start - READ_CHARS // 4) : start + READ_CHARS]
        if not _names_a_warning_sign(window):
            continue
        for sentence in _SENTENCES.findall(window):
            part = sentence.strip()[: READ_CHARS // 2]
            if part and _names_a_warning_sign(part):
                return part
    return None


def check_message_id(value: Any) -> str:
    """A client message id: 1 to 64 characters from `A-Z a-z 0-9 . _ : -`."""
    if not isinstance(value, str) or not _MESSAGE_ID.fullmatch(value):
        raise InvalidMessage(
            "metadata", "message_id must be 1 to 64 letters, digits or . _ : -"
        )
    return value


def check_metadata(value: Any) -> dict[str, Any] | None:
    """Client metadata: absent, or a small JSON object of valid Unicode."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise InvalidMessage("metadata", "must be a JSON object")
    try:
        encoded = json.dumps(value, ensure_ascii=False).encode("utf-8")
    except (TypeError, ValueError) as err:  # UnicodeEncodeError (a lone surrogate) is a ValueError
        raise InvalidMessage("metadata", "is not valid JSON text") from err
    if len(encoded) > MAX_METADATA_BYTES:
        raise InvalidMessage("metadata", f"must be at most {MAX_METADATA_BYTES} bytes")
    if "message_id" in value:
        check_message_id(value["message_id"])
    return value


def check_message(body: Any) -> CheckedMessage:
    """A REST-style body `{"sender": str, "message": str, "metadata"?: object}`, checked."""
    if not isinstance(body, dict):
        raise InvalidMessage("body", "must be a JSON object with \"sender\" and \"message\"")
    return CheckedMessage(
        check_sender_id(body.get("sender")),
        check_text(body.get("message")),
        check_metadata(body.get("metadata")),
    )
