"""Rasa's socket.io channel, with every message checked before Rasa sees it.

Socket.io has no status codes, and a message whose session id is bad has no room to answer to:
such a message is logged (without its content) and dropped before Rasa sees it.
"""

from __future__ import annotations

import logging
import time
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint

from bot.crossing import stamp_received
from channels.validation import (
    InvalidMessage,
    check_metadata,
    check_sender_id,
    check_text,
    readable_part,
)

log = logging.getLogger(__name__)


class CheckedSocketIOInput(SocketIOInput):
    """`socketio` in credentials.yml: Rasa's socket.io channel with checked input."""

    @classmethod
    def name(cls) -> str:
        return "socketio"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        async def checked(message: UserMessage) -> None:
            arrived = time.time()  # before the conversation's lock: bot.crossing
            try:
                message.sender_id = check_sender_id(message.sender_id)
                message.text = check_text(message.text)
                message.metadata = stamp_received(check_metadata(message.metadata or None), arrived)
            except InvalidMessage as err:
                log.info("socket.io message refused: %s", err.field)
                return
            message.text, _ = readable_part(message.text)
            await on_new_message(message)

        return super().blueprint(checked)
