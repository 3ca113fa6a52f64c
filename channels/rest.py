"""Rasa's REST channel, with every request checked before Rasa (and its tracker store) sees it.

Same URL and protocol as Rasa's own (`POST /webhooks/rest/webhook` with
`{"sender": ..., "message": ..., "metadata": {...}}`, answered with a JSON list of replies), but a
malformed body, sender id or text gets HTTP 400 and `{"error", "field", "message"}` instead of a
traceback, a silent `[]`, or a crashed server; and a turn that produced no reply (the action
server is down) gets the safety net's words instead of silence or a wrong "sorry".
"""

from __future__ import annotations

import json
import logging
import time
from collections import Counter
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.crossing import stamp_received
from channels.once import OnceGate
from channels.safety_net import SafetyFlags, replies_for_failed_turn, response_texts
from channels.validation import (
    MAX_BODY_BYTES,
    CheckedMessage,
    InvalidMessage,
    check_message,
    readable_part,
)

log = logging.getLogger(__name__)
# Turns of one conversation run one at a time (the lock store); more than this many waiting in
# one process get 429 at once, not a 503 from Sanic's response timeout a minute later.
MAX_WAITING_TURNS = 5


def refuse(err: InvalidMessage) -> HTTPResponse:
    log.info("request refused: %s", err.field)
    return response.json(err.as_json(), status=400)


def parse_json_body(request: Request) -> Any:
    """The request's JSON body, or `InvalidMessage` for one that is empty or not JSON."""
    if not request.body:
        raise InvalidMessage("body", "is empty: send a JSON object")
    try:
        return json.loads(request.body)
    except (ValueError, RecursionError) as err:  # UnicodeDecodeError is a ValueError
        raise InvalidMessage("body", "is not valid JSON") from err


class CheckedRestInput(RestInput):
    """`rest` in credentials.yml: Rasa's REST channel with checked input.

    A message with `metadata.message_id` is handled once: a repeat gets the same replies.
    """

    def __init__(self, once: OnceGate | None = None) -> None:
        self.once = once or OnceGate()
        self._waiting: Counter[str] = Counter()  # turns in this process, per sender

    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("checked_rest_webhook", __name__)

        @webhook.listener("before_server_start")
        async def limit_body(app: Any, _loop: Any) -> None:
            # Sanic's default is 100 MB; a larger body gets 413 before anything reads it.
            app.config.REQUEST_MAX_SIZE = min(app.config.REQUEST_MAX_SIZE, MAX_BODY_BYTES)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            arrived = time.time()  # before the conversation's lock: bot.crossing
            try:
                checked = check_message(parse_json_body(request))
            except InvalidMessage as err:
                return refuse(err)
            sender = checked.sender_id
            if self._waiting[sender] >= MAX_WAITING_TURNS:
                log.info("request refused: too many messages at once")
                return response.json(
                    {"error": "too_many_requests",
                     "message": "Please wait for the replies to your earlier messages."},
                    status=429, headers={"Retry-After": "5"},
                )
            self._waiting[sender] += 1
            try:
                return await self._receive(request, on_new_message, checked, arrived)
            finally:
                self._waiting[sender] -= 1
                if not self._waiting[sender]:
                    del self._waiting[sender]

        return webhook

    async def _receive(
        self,
        request: Request,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        checked: CheckedMessage,
        arrived: float,
    ) -> HTTPResponse:
        """One checked message's turn, once per message id."""
        sender, message_id = checked.sender_id, checked.message_id
        if message_id:
            claim = await self.once.claim(sender, message_id)
            if claim.state != "new":  # done: the same replies; running: retry later
                return response.json(claim.replies)
        try:
            replies, failed = await self._turn(request, on_new_message, checked, arrived)
        except BaseException:  # cancelled (the client went away): a repeat may run it again
            if message_id:
                await self.once.release(sender, message_id)
            raise
        if message_id and failed:
            await self.once.release(sender, message_id)
        elif message_id:
            await self.once.finish(sender, message_id, replies)
        return response.json(replies)

    async def _turn(
        self,
        request: Request,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        checked: CheckedMessage,
        arrived: float,
    ) -> tuple[list[dict], bool]:
        """The replies to one checked message that `arrived` then (Unix seconds), and whether
        the turn failed."""
        collector = CollectingOutputChannel()
        text, cut = readable_part(checked.text)
        try:
            await on_new_message(
                UserMessage(
                    text,
                    collector,
                    checked.sender_id,
                    input_channel=self.name(),
                    metadata=stamp_received(checked.metadata, arrived),
                )
            )
        except Exception:  # noqa: BLE001 (Rasa's own channel does the same: log, answer)
            log.exception("the assistant failed on a REST message")
        sent = [m.get("text") for m in collector.messages]
        flags = SafetyFlags(self.once.services)

        async def flag(response: str) -> None:
            await flags(checked.sender_id, self.name(), text, response)

        mended = await replies_for_failed_turn(request.app, text, sent, flag)
        if mended is not None:
            collector.messages = []
            for reply in mended:
                await collector.send_text_message(checked.sender_id, reply)
        if cut:
            notice = CollectingOutputChannel()
            for reply in response_texts(request.app, "utter_message_cut"):
                await notice.send_text_message(checked.sender_id, reply)
            collector.messages = notice.messages + collector.messages
        return collector.messages, mended is not None
