"""Rasa output for SMS: collects the assistant's replies as plain text, buttons as numbers."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, Dict, List

from rasa.core.channels.channel import CollectingOutputChannel


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
        lines = [text] if text else []
        lines += [f"{i}) {b.get('title', '')}" for i, b in enumerate(buttons, 1)]
        if self.choices is not None:
            self.choices.offer(
                recipient_id, [str(b.get("payload") or b.get("title", "")) for b in buttons]
            )
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
        return [m["text"] for m in self.messages if m.get("text")]
