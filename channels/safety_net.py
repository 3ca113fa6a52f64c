"""What a channel says when a turn failed, so a patient never gets silence or a wrong "sorry".

A turn fails when the action server is down (Rasa logs the failed action, then has nothing to say
or falls back to "Sorry, I didn't understand that") or when something below Rasa fails. Crisis
language still gets the crisis answer, and words that state a warning sign needing 911 or an
emergency department now get that advice (their staff flag waits for the action server: the
patient is asked to confirm once it is back); anything else gets "we're having a technical
problem, please try again in a minute". All are responses from the domain, as the rules would
send them.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import aiohttp

from bot.crisis import is_crisis_language
from bot.screening import detect

log = logging.getLogger(__name__)
HEALTH_TIMEOUT = aiohttp.ClientTimeout(total=1.5)


def _agent(app: Any) -> Any:
    return getattr(getattr(app, "ctx", None), "agent", None)


def response_texts(app: Any, response: str) -> list[str]:
    """The texts of a domain response (its first variation), as the Rasa server loaded it."""
    return _texts(_agent(app), response)[:1]


def _texts(agent: Any, response: str) -> list[str]:
    domain = getattr(agent, "domain", None)
    variations = domain.responses.get(response) if domain is not None else None
    return [v["text"] for v in variations or [] if v.get("text")]


async def _action_server_answers(agent: Any) -> bool:
    endpoint = getattr(agent, "action_endpoint", None)
    if endpoint is None or not endpoint.url:
        return True
    health = endpoint.url.rsplit("/", 1)[0] + "/health"
    try:
        async with (
            aiohttp.ClientSession(timeout=HEALTH_TIMEOUT) as session,
            session.get(health) as reply,
        ):
            return reply.status == 200
    except (aiohttp.ClientError, asyncio.TimeoutError):
        return False


# Advice that is a plain response with nothing to fill in, so the channel can send it alone.
_SELF_CONTAINED_ADVICE = ("call_911", "emergency")


def failed_turn_response(text: str) -> str:
    """The domain response for a turn that failed: the crisis answer for crisis language, the
    advice for words that state a warning sign needing 911 or an emergency department now
    (`bot.screening.detect`), else "we're having a technical problem"."""
    if is_crisis_language(text):
        return "utter_crisis"
    advice = detect(text).advice
    if advice in _SELF_CONTAINED_ADVICE:
        return f"utter_redflag_{advice}"
    return "utter_technical_problem"


async def replies_for_failed_turn(
    app: Any, text: str, replies: list[str]
) -> list[str] | None:
    """Replies to send instead of `replies` when the turn failed, or None when it did not.

    A turn failed when it produced no reply, or only the fallback while the action server does
    not answer its health check (checked only then, so a normal turn costs nothing).
    """
    agent = _agent(app)
    fallback = set(_texts(agent, "utter_default"))
    if replies and not all(reply in fallback for reply in replies):
        return None
    if replies and await _action_server_answers(agent):
        return None  # a real "didn't understand"
    response = failed_turn_response(text)
    log.warning("a turn failed: answering with %s", response)
    return _texts(agent, response)[:1]
