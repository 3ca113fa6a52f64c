"""Rasa output for SMS: collects the assistant's replies as plain GSM-7 text, buttons as numbers."""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import logging
import re
import time
from collections.abc import Callable
from typing import Any, Dict, List

from rasa.core.channels.channel import CollectingOutputChannel
from sqlalchemy.exc import SQLAlchemyError

from app.bootstrap import Services
from bot.contact import mask_phone
from bot.messaging.choices import KEEP_CHOICES, forget_choices, offer_choices, pick_choice
from bot.messaging.transport.gsm import sms_text

log = logging.getLogger(__name__)


class NumberedChoices:
    """The choices last offered to each number, so a reply "2" means the second button.

    Kept in the database (`bot.messaging.choices`): the same on every Rasa server and after a
    restart. If the database cannot be read, a "2" reaches the assistant as the text "2"; if
    choices could not be kept, this server reads that number's texts as text until it can.
    """

    def __init__(self, services: Callable[[], Services]) -> None:
        self.services = services
        self._unkept: dict[str, float] = {}  # phone: when keeping its choices last failed

    async def _call(self, func: Any, *args: Any, at: dt.datetime | None = None) -> Any:
        loop = asyncio.get_running_loop()
        services = await loop.run_in_executor(None, self.services)
        return await loop.run_in_executor(
            None, func, services.session_factory, *args, at or services.clock()
        )

    async def offer(self, phone: str, payloads: List[str]) -> None:
        """The numbered choices now stand for `phone` (replacing any earlier offer)."""
        await self._keep(offer_choices, phone, payloads)

    async def forget(self, phone: str) -> None:
        """The assistant's turn asked nothing with buttons: a "2" is the number 2 now."""
        await self._keep(forget_choices, phone)

    async def _keep(self, func: Callable[..., None], phone: str, *args: Any) -> None:
        try:
            await self._call(func, phone, *args)
        except SQLAlchemyError as err:
            # The offer standing in the database is not what the patient was last sent: until
            # a later one is kept, this server reads numbers as numbers (review: "2" at a
            # safety question became the booking time offered before).
            self._unkept[phone] = time.monotonic()
            log.warning(
                "numbered choices for %s not kept (%s)", mask_phone(phone), type(err).__name__
            )
        else:
            self._unkept.pop(phone, None)

    async def resolve(
        self, phone: str, text: str, message_id: str | None = None,
        arrived: dt.datetime | None = None,
    ) -> tuple[str, float | None]:
        """The payload of the numbered choice `text` names, among the choices standing when it
        `arrived` (by the services' clock; now when None), else `text`; with the time (Unix
        seconds) they were offered, else None (`bot.crossing`). The same message id sent again
        picks the same choice."""
        failed = self._unkept.get(phone)
        if failed is not None and time.monotonic() - failed < KEEP_CHOICES.total_seconds():
            return text, None
        try:
            pick = functools.partial(pick_choice, message_id=message_id)
            picked = await self._call(pick, phone, text, at=arrived)
        except SQLAlchemyError as err:
            log.warning(
                "numbered choice of %s not read (%s)", mask_phone(phone), type(err).__name__
            )
            return text, None
        if picked is None:
            return text, None
        return picked.payload, picked.offered_at.timestamp()


class SmsOutput(CollectingOutputChannel):
    """Collects texts for one turn of the assistant; buttons become "1) title" lines.

    The turn's first message settles the numbered choices: a question with buttons offers its
    own, anything else forgets the last offer. A "2" is read when it arrives, against the choices
    standing then (what the patient saw), whichever turn the assistant then takes it in; the
    dialogue tells a choice made before newer buttons (`bot.crossing.crossed_choice`).
    """

    def __init__(self, choices: NumberedChoices | None = None) -> None:
        super().__init__()
        self.choices = choices
        self._settled = choices is None

    async def _persist_message(self, message: Dict[str, Any]) -> None:
        if self.choices is not None and not self._settled:
            self._settled = True
            await self.choices.forget(message["recipient_id"])
        await super()._persist_message(message)

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
        if self.choices is not None:  # kept before the question is sent
            await self.choices.offer(recipient_id, payloads)
            self._settled = True
        await self._persist_message(
            self._message(recipient_id, text=numbered_text(text, buttons))
        )

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


_NUMBERED = re.compile(r"^\d+\) ")


def numbered_text(text: str | None, buttons: List[Dict[str, Any]]) -> str:
    """The text with a "n) title" line for each button it does not list itself. The lines go
    after the text's own numbered lines, before what follows them: "1) Mon 9:00 ... 3) Wed
    10:00, 4) None of these, Reply with a number..." (the instruction came before the 4th
    choice: signed-SMS newcomer test); after the text when it lists none."""
    lines = text.splitlines() if text else []
    present = set(lines)
    choices = []
    for i, button in enumerate(buttons, 1):
        title = str(button.get("title", ""))
        line = title if title.startswith(f"{i}) ") else f"{i}) {title}"
        if line not in present:  # the text may list the numbered choices itself
            choices.append(line)
    last = max((n for n, line in enumerate(lines) if _NUMBERED.match(line)), default=None)
    at = len(lines) if last is None else last + 1
    return "\n".join(lines[:at] + choices + lines[at:])


def _answers_are_numbers(payloads: List[str]) -> bool:
    """True when a payload is a bare number other than its own position in the list."""
    return any(p.strip().isdigit() and p.strip() != str(i) for i, p in enumerate(payloads, 1))
