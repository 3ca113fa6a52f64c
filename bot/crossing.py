"""Messages that crossed the assistant's reply: written before the patient could see it.

Two quick texts, or two "no"s sent at once, reach the assistant one after the other; the second
was written before the question its reply asks, so it must never be taken as that question's
answer (issue 13, item 2: a second "no" answered "Is there new or worsening weakness in your
legs?", a question the patient never saw).

Two ways to tell, both kept in the message's metadata:
- `received_at`: our channels stamp the server's clock (Unix seconds) when the message arrives,
  before it waits for the conversation's lock. A message that arrived before the assistant's
  latest reply was made was written before it. The stamp and the reply's event timestamp are
  both the server's clock, so this holds across restarts and, with synchronised clocks (NTP),
  across several Rasa servers.
- `replies_after_typing`: the widget sends one message at a time and queues the rest; it counts
  the assistant's messages that arrived between typing a queued message and sending it.
- `delivery_grace`: seconds the SMS channel adds to the reply's time (`SMS_DELIVERY_GRACE_SECONDS`,
  default 3). An SMS reply reaches the phone seconds after it is made, so a text arriving that
  soon after was written before it too (review: "no", then "2" two seconds later, answered the
  next safety question unseen). A safety answer inside it is asked again, which costs one text.
- `choice_offered_at`: an SMS number ("2") is read against the numbered choices standing when
  it arrives (`bot.messaging.choices`), made at this time (Unix seconds). Buttons offered after
  them mean the number chose from a question before the one now open. Rasa stamps a reply
  before it is sent and the choices are kept as it is sent, so a "2" arriving in between is
  caught here, not by `received_at` (review).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from bot.symptoms import find_features

RECEIVED_AT = "received_at"
REPLIES_AFTER_TYPING = "replies_after_typing"
CHOICE_OFFERED_AT = "choice_offered_at"
DELIVERY_GRACE = "delivery_grace"


def stamp_received(metadata: Mapping[str, Any] | None, now: float) -> dict[str, Any]:
    """`metadata` with `received_at` = `now` (Unix seconds), replacing any the client sent."""
    return {**(metadata or {}), RECEIVED_AT: float(now)}


def crossed_reply(metadata: Mapping[str, Any] | None, last_reply_at: float | None) -> bool:
    """Whether the message with `metadata` was written before the assistant's latest reply
    reached the patient. `last_reply_at`: the timestamp (Unix seconds) of the assistant's last
    message before it, None when there is none (the first message crosses nothing)."""
    metadata = metadata or {}
    unseen = metadata.get(REPLIES_AFTER_TYPING)
    if isinstance(unseen, int) and not isinstance(unseen, bool) and unseen > 0:
        return True
    received = metadata.get(RECEIVED_AT)
    if last_reply_at is None or isinstance(received, bool):
        return False
    if not isinstance(received, (int, float)):
        return False
    grace = metadata.get(DELIVERY_GRACE)
    if isinstance(grace, bool) or not isinstance(grace, (int, float)) or not 0 <= grace <= 60:
        grace = 0.0
    return received < last_reply_at + grace


def crossed_choice(metadata: Mapping[str, Any] | None, buttons_at: float | None) -> bool:
    """Whether the message with `metadata` is a numbered choice made from an offer older than
    the assistant's latest buttons. `buttons_at`: the timestamp (Unix seconds) of its newest
    message with buttons since the patient's previous message, None when there is none."""
    offered = (metadata or {}).get(CHOICE_OFFERED_AT)
    if buttons_at is None or isinstance(offered, bool) or not isinstance(offered, (int, float)):
        return False
    return offered < buttons_at


_SPACE = re.compile(r"\s+")


def repeats_previous(text: str | None, previous: str | None) -> bool:
    """Whether `text` is the patient's previous message sent again: the same words (case and
    spacing aside), three words or more. "yes my calf is swollen" sent twice answered the next
    safety question, about breathlessness, with its "yes" (third newcomer pass). Only a message
    that tells a symptom counts: "no" or "no not at all" twice is two answers (a widget's
    resend carries its message id: `bot.messaging`)."""
    if not text or not previous:
        return False
    said = _SPACE.sub(" ", text.strip().casefold())
    if len(said.split()) < 3 or said != _SPACE.sub(" ", previous.strip().casefold()):
        return False
    return bool(find_features(text))
