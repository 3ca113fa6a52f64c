"""Runs one simulated patient against the real servers over REST and records every turn.

The patient answers the last question the assistant asked; on the way it digresses (a clinic
question, "hi", "thanks", "when is my appointment?"), resends a message with the same
`metadata.message_id` (as the widget does when a reply is lost, sometimes while the first is
still running), and asks for a person or stops when its goal says so. Problems that stop the
conversation (stuck, a dead end, a server error) are recorded as `Failure`s here; everything
else is judged afterwards by `tests.convgen.checks`.
"""

from __future__ import annotations

import copy
import random
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import requests

from tests.convgen.patient import CRISIS_CHECK, Patient, flag_slot
from tests.convgen.persona import Persona
from tests.convgen.responses import Reply, Responses

MAX_SENDS = 60
MAX_SAME_QUESTION = 4
ENDINGS = {
    "booking": {"utter_booking_confirmed"},
    "urgent": {"utter_redflag_emergency", "utter_redflag_doctor", "utter_crisis",
               "utter_urgent_contact_saved", "utter_urgent_contact_saved_no_name",
               "utter_no_booking_urgent"},
    "callback": {"utter_callback_confirmed", "utter_front_desk_will_contact", "utter_no_slots",
                 "utter_callback_flagged"},
    "stop": {"utter_stopped", "utter_stopped_urgent", "utter_stopped_red_flag",
             "utter_booking_declined"},
}
# (message, the response that answers it, or None for any)
FAQS = [
    ("how much does it cost?", "utter_faq/cost_insurance"),
    ("where are you located?", "utter_faq/address_hours"),
    ("what are your hours", "utter_faq/address_hours"),
    ("what happens at the first visit?", "utter_faq/first_visit"),
    ("do I need a referral?", "utter_faq/referral"),
]
SMALL_TALK = ["hi", "hello", "thanks", "thank you", "when is my appointment?"]
INTERRUPTS = {
    "callback": ["can I just talk to a person?", "can someone call me instead",
                 "I'd rather speak to someone on the phone"],
    "stop": ["stop", "I want to stop", "never mind, forget it"],
}
NO_DIGRESSION = {"utter_greet", "utter_restarted", "utter_intake_complete",
                 "utter_ask_booking_code"}


def is_advice(name: str | None) -> bool:
    """Red-flag advice, at any level (utter_redflag_emergency, utter_redflag_doctor, ...)."""
    return bool(name) and name.startswith("utter_redflag_") and name != "utter_redflag_intro"


@dataclass
class Turn:
    """One message sent and what came back. `asked`: the open question when it was sent;
    `first`: for a repeat, the replies to the first sending; `expect`: the answer a digression
    should get (a response name), if any."""

    kind: str  # opening, answer, digression, repeat, interrupt, probe
    text: str
    message_id: str
    asked: Reply | None
    replies: list[Reply]
    raw: list[dict[str, Any]]
    seconds: float
    first: list[dict[str, Any]] | None = None
    expect: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)  # Patient.meta: what an answer means


@dataclass
class Failure:
    kind: str
    detail: str
    turn: int  # index into Conversation.turns: the turn that shows it


@dataclass
class Conversation:
    sender: str
    persona: Persona  # as drawn, before any correction
    final: Persona  # after the patient's corrections: what should be stored
    turns: list[Turn] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    intended: str | None = None  # the ending the patient's own choices lead to
    seconds: float = 0.0

    def messages(self, upto: int | None = None) -> list[str]:
        return [t.text for t in self.turns[: None if upto is None else upto + 1]]

    def seen(self) -> set[str]:
        """The ending kinds any reply so far belongs to."""
        names = self.names()
        kinds = {k for k, v in ENDINGS.items() if names & v}
        return kinds | ({"urgent"} if any(map(is_advice, names)) else set())

    def names(self) -> set[str | None]:
        """Every response name the assistant sent."""
        return {r.name for t in self.turns for r in t.replies}

    def flag_answers(self, answer: str) -> list[str]:
        """The red-flag slots the patient answered `answer` (yes, no, unsure), in order."""
        return [t.meta["flag"] for t in self.turns
                if t.kind == "answer" and t.meta.get("answer") == answer]


def question_of(replies: list[Reply], patient: Patient) -> Reply | None:
    """The last reply that asks the patient something it can answer."""
    for reply in reversed(replies):
        if reply.name in patient.table() or flag_slot(reply.name):
            return reply
        if CRISIS_CHECK.search(reply.text):
            return reply
    return None


class Driver:
    """Sends one persona's conversation to a Rasa server's REST webhook."""

    def __init__(self, rasa_url: str, responses: Responses, timeout: float = 60) -> None:
        self.url = f"{rasa_url}/webhooks/rest/webhook"
        self.responses, self.timeout = responses, timeout

    def _post(self, sender: str, text: str, message_id: str) -> list[dict[str, Any]]:
        body = {"sender": sender, "message": text, "metadata": {"message_id": message_id}}
        reply = requests.post(self.url, json=body, timeout=self.timeout)
        reply.raise_for_status()
        return reply.json()

    def send(self, conv: Conversation, kind: str, text: str, asked: Reply | None,
             message_id: str | None = None, concurrent: bool = False, **extra: Any) -> Turn:
        message_id = message_id or f"{conv.sender}-{len(conv.turns)}"
        start = time.perf_counter()
        if concurrent:  # the widget retries while the first sending is still running
            with ThreadPoolExecutor(2) as pool:
                a, b = (pool.submit(self._post, conv.sender, text, message_id) for _ in "ab")
                raw, extra["first"] = a.result(), b.result()
        else:
            raw = self._post(conv.sender, text, message_id)
        turn = Turn(kind, text, message_id, asked, self.responses.replies(raw), raw,
                    time.perf_counter() - start, **extra)
        conv.turns.append(turn)
        return turn

    def run(self, persona: Persona, patient: Patient | None = None) -> Conversation:
        """The whole conversation for `persona`, ending when the patient has nothing to answer;
        `patient` answers for it (default: `Patient(persona)`)."""
        conv = Conversation(f"conv-{persona.seed}-{uuid.uuid4().hex[:6]}",
                            copy.deepcopy(persona), persona)
        start = time.perf_counter()
        try:
            self._converse(conv, patient or Patient(persona), random.Random(persona.seed * 31 + 7))
        except requests.RequestException as err:
            conv.failures.append(Failure("server error", repr(err)[:300], len(conv.turns)))
        conv.seconds = time.perf_counter() - start
        return conv

    def _converse(self, conv: Conversation, patient: Patient, rng: random.Random) -> None:
        p = patient.p
        first = "hi" if p.says_hi_first else patient._messy(p.opening)
        turn = self.send(conv, "opening", first, None)
        answered: list[str | None] = []
        last, stalls = Reply("utter_greet", ""), 0  # the opening answers "what brings you in?"
        while len(conv.turns) < MAX_SENDS:
            asked = question_of(turn.replies, patient)
            if asked is None and (conv.seen() or stalls >= 2):
                self._finish(conv, turn, rng)
                return
            if asked is None:  # nothing asked: a person goes on with the last question
                stalls += 1
                asked, stalled = last, True
            else:
                last, stalled = asked, False
            if answered[-MAX_SAME_QUESTION:] == [asked.name] * MAX_SAME_QUESTION:
                conv.failures.append(Failure(f"stuck at {asked.name}", asked.text[:120],
                                             len(conv.turns) - 1))
                return
            if not stalled and asked.name not in NO_DIGRESSION and rng.random() < p.digression:
                turn = self._digress(conv, patient, asked, rng)
                continue
            if not stalled and self._interrupts(conv, p, asked, len(answered)):
                turn = self.send(conv, "interrupt", rng.choice(INTERRUPTS[p.goal]), asked,
                                 expect=p.goal)
                conv.intended = conv.intended or p.goal
                continue
            text = patient.answer(asked)
            if text is None:
                conv.failures.append(Failure(f"patient cannot answer {asked.name}",
                                             asked.text[:120], len(conv.turns) - 1))
                return
            self._note_intent(conv, patient, asked, text)
            # Sent twice with one message id: after the reply (lost in transit), or at once
            # (the widget retries while the first is still running).
            again = rng.random() < p.repeat * (2 if flag_slot(asked.name) else 1)
            at_once = again and rng.random() < 0.3
            turn = self.send(conv, "answer", text, asked, concurrent=at_once,
                             meta=dict(patient.meta))
            answered.append(asked.name)
            if again and not at_once:
                self.send(conv, "repeat", text, asked, turn.message_id, first=turn.raw)
        conv.failures.append(Failure("no ending", f"{MAX_SENDS} messages", len(conv.turns) - 1))

    def _digress(
        self, conv: Conversation, patient: Patient, asked: Reply, rng: random.Random
    ) -> Turn:
        if rng.random() < 0.5:
            text, expect = rng.choice(FAQS)
            if expect not in self.responses.texts:
                expect = None  # a FAQ the domain has no own answer for (yet)
        else:
            text, expect = rng.choice(SMALL_TALK), None
        turn = self.send(conv, "digression", text, asked, expect=expect)
        follow = question_of(turn.replies, patient)
        if follow is not None and follow.name == "utter_ask_booking_code":
            # "when is my appointment?" before any booking: the patient says so.
            turn = self.send(conv, "digression", patient.answer(follow) or "", follow)
        return turn

    @staticmethod
    def _interrupts(conv: Conversation, p: Persona, asked: Reply, answered: int) -> bool:
        """Whether the patient asks for a person or to stop now: from its `interrupt_at`-th
        answer (or the booking offer) on, up to 3 times while it has not been done."""
        if p.goal not in INTERRUPTS or conv.intended not in (None, p.goal):
            return False
        if p.goal in conv.seen() or sum(t.kind == "interrupt" for t in conv.turns) >= 3:
            return False
        return answered >= p.interrupt_at or asked.name == "utter_offer_booking"

    @staticmethod
    def _note_intent(conv: Conversation, patient: Patient, asked: Reply, text: str) -> None:
        """The ending the patient's answer asks for: a red-flag yes makes it urgent (over a
        booking asked for earlier); the booking offer's answer, or asking to book, otherwise."""
        if patient.meta.get("answer") == "yes" and conv.intended in (None, "booking"):
            conv.intended = "urgent"
        elif conv.intended is not None:
            return
        elif asked.name == "utter_offer_booking":
            conv.intended = "booking" if patient.p.goal == "book" else "stop"
        elif patient.p.goal == "book" and "book" in text.lower():
            conv.intended = "booking"

    def _finish(self, conv: Conversation, turn: Turn, rng: random.Random) -> None:
        """No question open: an ending, then a thank-you that must not get a fallback."""
        if not conv.seen():
            conv.failures.append(Failure(
                "dead end", f"no question and no ending after {turn.text!r}",
                len(conv.turns) - 1))
            return
        self.send(conv, "probe", rng.choice(["thanks", "thank you!", "ok thanks"]), None)
