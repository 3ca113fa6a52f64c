"""Rasa output for SMS: collects the assistant's replies as plain GSM-7 text, buttons as numbers."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, Dict, List

from rasa.core.channels.channel import CollectingOutputChannel

from bot.messaging.transport.gsm import sms_text


class NumberedChoices:
    """The choices last offered to each number, so a reply "2" means the second button.

    In memory and bounded: losing it (a restart) only means "2" reaches the assistant as text.
    """

    def __init__(self, limit: int = 5000) -> None:
        self.limit = limit
        self._by_phone: OrderedDict[str, List[str]] = OrderedDict()

    def offer(self, phone: str, payloads: List[str]) -> None:
        self._by_phone[phone] = payloads
        self._by_phone.move_to_end(phone)
        while len(self._by_phone) > self.limit:
            self._by_phone.popitem(last=False)

    def resolve(self, phone: str, text: str) -> str:
        """The payload of the numbered choice `text` names, else `text`; a choice is used once."""
        payloads = self._by_phone.pop(phone, None)
        stripped = text.strip().rstrip(").")
        if payloads and stripped.isdigit() and 1 <= int(stripped) <= len(payloads):
            return payloads[int(stripped) - 1]
        return text


class SmsOutput(CollectingOutputChannel):
    """Collects texts for one inbound message; buttons become "1) title" lines."""

    def __init__(self, choices: NumberedChoices | None = None) -> None:
        super().__init__()
        self.choices = choices

    @classmethod
    def name(cls) -> str:
        return "twilio_sms"

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: List[Dict[str, Any]], **kwargs: Any
    ) -> None:
        payloads = [str(b.get("payload") or b.get("title", "")) for b in buttons]
        if _answers_are_numbers(payloads):
            # Buttons like "3-4" -> "4" (a pain score): numbering them would turn a typed "3"
            # into "6". The question asks for a number, so the number typed is the answer.
            await self._persist_message(self._message(recipient_id, text=text))
            return
        lines = [text] if text else []
        present = set(text.splitlines()) if text else set()
        for i, button in enumerate(buttons, 1):
            title = str(button.get("title", ""))
            line = title if title.startswith(f"{i}) ") else f"{i}) {title}"
            if line not in present:  # the text may list the numbered choices itself
                lines.append(line)
        if self.choices is not None:
            self.choices.offer(recipient_id, payloads)
        await self._persist_message(self._message(recipient_id, text="\n".join(lines)))

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        await self._persist_message(self._message(recipient_id, text=image))

    async def send_attachment(self, recipient_id: str, attachment: str, **kwargs: Any) -> None:
        await self._persist_message(self._message(recipient_id, text=str(attachment)))

    async def send_custom_json(
        self, recipient_id: str, json_message: Dict[str, Any], **kwargs: Any
    ) -> None:
        text = json_message.get("text") if isinstance(json_message, dict) else None
        if text:
            await self._persist_message(self._message(recipient_id, text=str(text)))

    def texts(self) -> List[str]:
        """The replies as they go out by SMS: GSM-7 where possible, emoji dropped."""
        return [sms_text(m["text"]) for m in self.messages if m.get("text")]


def _answers_are_numbers(payloads: List[str]) -> bool:
    """True when a payload is a bare number other than its own position in the list."""
    return any(p.strip().isdigit() and p.strip() != str(i) for i, p in enumerate(payloads, 1))
