"""What a channel says when a turn failed, so a patient never gets silence or a wrong "sorry".

A turn fails when the action server is down (Rasa logs the failed action, then has nothing to say
or falls back to "Sorry, I didn't understand that") or when something below Rasa fails. Crisis
language still gets the crisis answer, and words that state a warning sign needing 911 or an
emergency department now get that advice, and both leave a staff flag (`SafetyFlags`: written
at once, or from a file under var/ once the database answers again); anything else gets "we're
having a technical problem, please try again in a minute". All are responses from the domain,
as the rules would send them.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp

from app.bootstrap import Services
from bot.crisis import is_crisis_language
from bot.intake.outage_flags import OutageFlag, PendingFlags, flag_advice_sent
from bot.screening import detect
from bot.settings import Settings
from bot.triage import FLAGS_BY_SLOT

log = logging.getLogger(__name__)
HEALTH_TIMEOUT = aiohttp.ClientTimeout(total=1.5)


def _agent(app: Any) -> Any:
    return getattr(getattr(app, "ctx", None), "agent", None)


def response_texts(app: Any, response: str) -> list[str]:
    """The texts of a domain response (its first variation without a condition: the channel
    has no slots to choose by), as the Rasa server loaded it."""
    return _texts(_agent(app), response, plain=True)[:1]


def _texts(agent: Any, response: str, plain: bool = False) -> list[str]:
    """Every text of a response; `plain`: only those without a condition, when there are."""
    domain = getattr(agent, "domain", None)
    variations = list(domain.responses.get(response) or []) if domain is not None else []
    if plain:
        variations = [v for v in variations if not v.get("condition")] or variations
    return [v["text"] for v in variations if v.get("text")]


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


def outage_flag(sender_id: str, channel: str, text: str, response: str) -> OutageFlag | None:
    """The staff flag owed for `response` sent by the safety net (None for the technical
    problem): the crisis mark, or the labels of the red flags the words stated."""
    if response == "utter_crisis":
        labels: tuple[str, ...] = ()
    elif response.startswith("utter_redflag_"):
        stated = [FLAGS_BY_SLOT[slot] for slot in detect(text).stated]
        labels = tuple(f.label for f in stated if f.advice in _SELF_CONTAINED_ADVICE)
    else:
        return None
    at = dt.datetime.now(dt.timezone.utc).isoformat()
    return OutageFlag(sender_id, channel[:32], response == "utter_crisis", labels, at)


class SafetyFlags:
    """Writes the staff flag for advice the safety net sent (`bot.intake.outage_flags`): now,
    or in the pending file under `var/` when the database does not answer."""

    def __init__(self, services: Callable[[], Services]) -> None:
        self._services = services

    def _write(self, flag: OutageFlag) -> None:
        try:
            svc = self._services()
        except Exception as err:  # noqa: BLE001 (no services: the file still takes the flag)
            log.warning("safety flag kept for later (%s)", type(err).__name__)
            PendingFlags(Settings.from_env().var_dir).add(flag)
            return
        flag_advice_sent(svc.session_factory, PendingFlags(svc.settings.var_dir), flag, svc.clock)

    async def __call__(self, sender_id: str, channel: str, text: str, response: str) -> None:
        flag = outage_flag(sender_id, channel, text, response)
        if flag is None:
            return
        try:
            await asyncio.get_running_loop().run_in_executor(None, self._write, flag)
        except Exception:  # noqa: BLE001 (never fail the reply that carries the advice)
            log.exception("safety flag not written")


async def replies_for_failed_turn(
    app: Any,
    text: str,
    replies: list[str],
    flag: Callable[[str], Awaitable[None]] | None = None,
) -> list[str] | None:
    """Replies to send instead of `replies` when the turn failed, or None when it did not.

    A turn failed when it produced no reply, or only the fallback while the action server does
    not answer its health check (checked only then, so a normal turn costs nothing). `flag`
    is called with the response sent instead, so crisis lines and red-flag advice leave a staff
    flag (`SafetyFlags`).
    """
    agent = _agent(app)
    fallback = set(_texts(agent, "utter_default"))
    if replies and not all(reply in fallback for reply in replies):
        return None
    if replies and await _action_server_answers(agent):
        return None  # a real "didn't understand"
    response = failed_turn_response(text)
    log.warning("a turn failed: answering with %s", response)
    if flag is not None:  # the advice promises "I've flagged this for our team"
        await flag(response)
    return _texts(agent, response, plain=True)[:1]
