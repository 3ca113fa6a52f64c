"""Two-way SMS for Rasa through Twilio: signed webhooks in, TwiML (or REST when slow) out.

credentials.yml:

    channels.twilio_sms.TwilioSmsInput:
      # every value is optional here and read from the environment when absent:
      # TWILIO_AUTH_TOKEN, TWILIO_WEBHOOK_PUBLIC_URL, SMS_REPLY_TIMEOUT_SECONDS

Twilio's messaging webhook: POST https://<public host>/webhooks/twilio_sms/webhook
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any, Awaitable, Callable, Dict, List
from urllib.parse import parse_qsl

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from sqlalchemy.exc import SQLAlchemyError
from twilio.request_validator import RequestValidator
from twilio.twiml.messaging_response import MessagingResponse
from werkzeug.datastructures import MultiDict

from app.bootstrap import Services, build_services
from app.bootstrap import make_sms_gateway as make_gateway
from bot.contact import mask_phone, sender_phone
from bot.crossing import (
    CHOICE_OFFERED_AT,
    DELIVERY_GRACE,
    stamp_received,
)
from bot.messaging.inbound import (
    OPT_OUT_METADATA,
    STOP_INTENT,
    InboundOutcome,
    handle_inbound,
)
from bot.messaging.keywords import keyword_of
from bot.messaging.optout import opt_out_state, send_unless_opted_out
from bot.messaging.transport.gateway import SendError, SmsGateway, SmsMessage
from bot.messaging.transport.gsm import sms_text
from bot.settings import DEFAULT_SMS_DELIVERY_GRACE, Settings
from channels.once import OnceGate
from channels.rest import refuse
from channels.safety_net import SafetyFlags, replies_for_failed_turn, response_texts
from channels.sms_output import NumberedChoices, SmsOutput
from channels.validation import InvalidMessage, check_message_id, check_text

log = logging.getLogger(__name__)

# Twilio gives up on a webhook after 15 s; answer by then, and send what comes later by REST.
DEFAULT_REPLY_TIMEOUT = Settings.sms_reply_timeout_seconds



WORDS_ONLY = (
    "Sorry, I can only read the words of a text, not photos or other files. Please type your "
    "message. If it's an emergency, call 911."
)

def _posted_fields(request: Request) -> MultiDict:
    """Every field Twilio posted, the empty ones too: it signs them all, and Sanic's
    `request.form` leaves out empty values, so a text with an empty `FromCity` or a photo with
    no `Body` was refused as unsigned (SMS newcomer test)."""
    body = (request.body or b"").decode("utf-8", "replace")
    return MultiDict(parse_qsl(body, keep_blank_values=True))

class TwilioSmsInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "twilio_sms"

    @classmethod
    def from_credentials(cls, credentials: Dict[str, Any] | None) -> InputChannel:
        creds = credentials or {}
        settings = Settings.from_env()
        return cls(
            auth_token=creds.get("auth_token") or settings.twilio_auth_token or None,
            webhook_url=creds.get("webhook_url") or settings.twilio_webhook_public_url,
            reply_timeout=float(creds.get("reply_timeout") or settings.sms_reply_timeout_seconds),
            delivery_grace=settings.sms_delivery_grace_seconds,
        )

    def __init__(
        self,
        auth_token: str | None,
        webhook_url: str | None = None,
        reply_timeout: float = DEFAULT_REPLY_TIMEOUT,
        services: Services | None = None,
        gateway: SmsGateway | None = None,
        delivery_grace: float = DEFAULT_SMS_DELIVERY_GRACE,
    ) -> None:
        self.auth_token = auth_token
        self.delivery_grace = delivery_grace
        self.webhook_url = webhook_url
        self.reply_timeout = reply_timeout
        self._services = services
        self._gateway = gateway
        self.choices = NumberedChoices(self.services)
        self.once = OnceGate(self.services)
        self._pending: set[asyncio.Task] = set()
        if not auth_token:
            log.warning("TWILIO_AUTH_TOKEN is not set: every SMS webhook will be refused")

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("twilio_sms_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not self._signed(request):
                log.warning("SMS webhook with a missing or wrong Twilio signature refused")
                return response.text("invalid signature", status=403)
            return await self._handle(request, on_new_message)

        return webhook

    def _signed(self, request: Request) -> bool:
        signature = request.headers.get("X-Twilio-Signature")
        if not self.auth_token or not signature:
            return False
        url = self.webhook_url or request.url
        return RequestValidator(self.auth_token).validate(url, _posted_fields(request), signature)

    async def _handle(
        self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> HTTPResponse:
        arrived = time.time()  # before the conversation's lock: bot.crossing
        sender = request.form.get("From") or ""
        try:
            body = check_text(request.form.get("Body"))
        except InvalidMessage as err:
            return refuse(err)
        if not body.strip():
            # a photo, a voice note or a sticker alone: no words to read, and silence left the
            # sender waiting (SMS newcomer test)
            return _twiml([WORDS_ONLY])
        loop = asyncio.get_running_loop()
        services = await loop.run_in_executor(None, self.services)
        picked_at = services.clock()  # a number means the choices standing now: bot.crossing
        try:
            outcome = await loop.run_in_executor(
                None, handle_inbound, services.session_factory, services.profile,
                services.clock, sender, body,
            )
        except SQLAlchemyError as err:
            log.warning("inbound text not checked for keywords (%s)", type(err).__name__)
            outcome = _outcome_without_database(request.app, sender, body)
        if outcome.ends_chat and outcome.phone:
            self._in_background(self._end_chat(outcome.phone, on_new_message))
        if outcome.reply or not outcome.forward or not outcome.phone:
            return _twiml([outcome.reply] if outcome.reply else [])
        sid = _message_sid(request)
        if sid:
            # Twilio retries a webhook with the same MessageSid: its replies went out already.
            claim = await self.once.claim(outcome.phone, sid)
            if claim.state != "new":
                return _twiml([])
        text, offered_at = await self.choices.resolve(
            outcome.phone, outcome.forward, sid, arrived=picked_at
        )
        metadata = {**stamp_received(self.get_metadata(request), arrived),
                    DELIVERY_GRACE: self.delivery_grace}
        if outcome.silent:  # opted out: read for the front desk, never answered
            metadata[OPT_OUT_METADATA] = True
        if offered_at is not None:  # a numbered choice: from which offer (bot.crossing)
            metadata[CHOICE_OFFERED_AT] = offered_at
        collector = SmsOutput(self.choices)
        message = UserMessage(
            text, collector, outcome.phone, input_channel=self.name(), metadata=metadata,
        )
        task = asyncio.ensure_future(on_new_message(message))
        # Twilio waits about 15 s for the answer: the time spent waiting for a repeated
        # message id's claim counts too, so the replies go by REST instead of a TwiML nobody reads.
        budget = max(0.5, self.reply_timeout - (time.time() - arrived))
        done, _ = await asyncio.wait({task}, timeout=budget)
        if task in done:
            if task.exception() is not None:
                log.error("the assistant failed on a text from %s: %r",
                          mask_phone(outcome.phone), task.exception())
            texts = collector.texts()
            mended = None
            try:
                mended = await replies_for_failed_turn(
                    request.app, text, texts, self._flag(outcome.phone, text)
                )
            finally:  # the claim is finished or released, whatever happened
                if sid and mended is not None:
                    await self.once.release(outcome.phone, sid)
                elif sid:
                    await self.once.finish(outcome.phone, sid, [{"text": t} for t in texts])
            replies = mended or texts
            if outcome.silent or (replies and await self._opted_out_meanwhile(outcome.phone)):
                return _twiml([])
            return _twiml(replies)
        # Slow turn: acknowledge now, and send the replies by REST once the assistant is done.
        log.info("slow reply to %s: sending by REST", mask_phone(outcome.phone))
        self._in_background(
            self._send_when_done(task, outcome.phone, collector, request.app, text, sid)
        )
        return _twiml([])

    def _in_background(self, work: Awaitable[None]) -> None:
        later = asyncio.ensure_future(work)
        self._pending.add(later)
        later.add_done_callback(self._pending.discard)

    async def _end_chat(
        self, phone: str, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> None:
        """After STOP, the assistant stops too (`STOP_INTENT`, marked `OPT_OUT_METADATA`: it says
        nothing back): the chat so far is saved for the front desk, held times are freed, and a
        warning sign the patient mentioned is flagged (signed-SMS newcomer test: a swollen calf
        after surgery, then STOP, left no intake at all)."""
        message = UserMessage(
            STOP_INTENT, CollectingOutputChannel(), phone, input_channel=self.name(),
            metadata={OPT_OUT_METADATA: True},
        )
        try:
            await on_new_message(message)
        except Exception as err:  # noqa: BLE001 (whatever the assistant raised: the opt-out holds)
            log.error("the chat of %s not ended after STOP: %r", mask_phone(phone), err)

    async def _send_when_done(
        self,
        task: asyncio.Task,
        phone: str,
        collector: SmsOutput,
        app: Any,
        text: str,
        sid: str | None = None,
    ) -> None:
        try:
            await task
        except Exception as err:  # noqa: BLE001 (whatever the assistant raised: log, send rest)
            log.error("the assistant failed on a text from %s: %r", mask_phone(phone), err)
        loop = asyncio.get_running_loop()
        gateway = await loop.run_in_executor(None, self.gateway)
        factory = self.services().session_factory
        texts = collector.texts()
        mended = None
        try:
            mended = await replies_for_failed_turn(app, text, texts, self._flag(phone, text))
        finally:  # the claim is finished or released, whatever happened
            if sid and mended is not None:
                await self.once.release(phone, sid)
            elif sid:
                await self.once.finish(phone, sid, [{"text": t} for t in texts])
        for reply in mended or texts:
            try:
                # The opt-out is read again before each text (STOP may have come in during the
                # turn); the Twilio client blocks: keep both off the event loop.
                await loop.run_in_executor(
                    None, send_unless_opted_out, factory, gateway, SmsMessage(phone, reply)
                )
            except SendError as err:
                log.warning("late reply to %s not sent: %s", mask_phone(phone), err)
            except SQLAlchemyError as err:  # the opt-out cannot be read: better silent than sorry
                log.warning("late reply to %s not sent: database unavailable (%s)",
                            mask_phone(phone), type(err).__name__)

    async def _opted_out_meanwhile(self, phone: str) -> bool:
        """Whether `phone` texted STOP while its turn ran: then its replies are dropped."""
        factory = self.services().session_factory
        try:
            state = await asyncio.get_running_loop().run_in_executor(
                None, opt_out_state, factory, phone
            )
        except SQLAlchemyError as err:
            # The opt-out was checked before the turn; a STOP since could not have been saved.
            log.warning("opt-out not re-checked (%s): replying", type(err).__name__)
            return False
        if state.opted_out:
            log.info("replies to %s dropped: the number opted out", mask_phone(phone))
        return state.opted_out

    def _flag(self, phone: str, text: str) -> Callable[[str], Awaitable[None]]:
        """The staff flag for advice the safety net sends this sender (`SafetyFlags`)."""
        flags = SafetyFlags(self.services)

        async def flag(response: str) -> None:
            await flags(phone, self.name(), text, response)

        return flag

    def services(self) -> Services:
        if self._services is None:
            self._services = build_services()
        return self._services

    def gateway(self) -> SmsGateway:
        if self._gateway is None:
            self._gateway = make_gateway(self.services().settings)
        return self._gateway

    def get_output_channel(self) -> SmsOutput:
        return SmsOutput(self.choices)


def _message_sid(request: Request) -> str | None:
    """Twilio's id for the inbound message, when it is a well-formed one."""
    sid = request.form.get("MessageSid") or ""
    try:
        return check_message_id(sid)
    except InvalidMessage:
        return None


def _outcome_without_database(app: Any, sender: str, body: str) -> InboundOutcome:
    """With the database down: a keyword (STOP, C, …) cannot be recorded, so the sender is asked
    to try again; anything else still reaches the assistant, so safety advice is never silenced."""
    phone = sender_phone(sender)
    if phone is None:
        return InboundOutcome(None)
    if keyword_of(body) is not None:
        return InboundOutcome(phone, reply=" ".join(response_texts(app, "utter_technical_problem")))
    return InboundOutcome(phone, forward=body)


def _twiml(texts: List[str]) -> HTTPResponse:
    reply = MessagingResponse()
    for text in texts:
        reply.message(sms_text(text))  # every text that leaves by SMS: GSM-7 where possible
    return response.text(str(reply), content_type="application/xml")
