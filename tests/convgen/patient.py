"""The simulated patient's answers: what a person types to each question the assistant asks.

`Patient.answer(reply)` takes the question (a named `Reply`) and returns the message to send,
or None when the patient cannot tell what is being asked. Wording varies by the seeded
`random.Random`: typed button titles instead of payloads, typos, ranges, corrections.
"""

from __future__ import annotations

import random
import re
from typing import Callable

from tests.convgen.persona import Persona, typo
from tests.convgen.responses import Reply

YES = ["yes", "yep", "Yes", "yeah", "yes please", "/affirm"]
NO = ["no", "nope", "No", "no never", "/deny", "not that I know of, no"]
SCORE_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
SLOT_CHOICE = ["{n}", "{n}", "option {n}", "the {nth} one", "{nth} please"]
NTH = {1: "first", 2: "second", 3: "third"}
_SCORE = re.compile(r"(\d+) out of 10 today")
_FLAG = re.compile(r"^utter_ask_(rf_[a-z_]+?)(_clarify|_unsure|_followup)?$")


def flag_slot(name: str | None) -> str | None:
    """The red-flag slot a response asks about ("utter_ask_rf_fever" -> "rf_fever"), or None."""
    match = _FLAG.match(name or "")
    return match.group(1) if match else None
CRISIS_CHECK = re.compile(r"hurt(ing)? yourself|are you safe|thoughts of", re.I)


def mismatches(summary: str, p: Persona) -> list[str]:
    """The facts a patient would object to in a read-back: "score", "side", "place", "class"."""
    wrong = []
    score = _SCORE.search(summary)
    if not score or int(score.group(1)) != p.score:
        wrong.append("score")
    where = summary.split(",", 1)[0].lower()
    if p.words not in where and (p.plural or p.words) not in where:
        wrong.append("place")
    elif p.side and p.where() not in where:
        wrong.append("side")
    if f"call {p.pain_class} pain" not in summary:
        wrong.append("class")
    return wrong


class Patient:
    """Answers questions for one `Persona`; remembers what it has said and changed."""

    def __init__(self, persona: Persona) -> None:
        self.p = persona
        self.rng = random.Random(persona.seed * 7919 + 1)
        self.corrected = persona.correction is None
        self.said_none_of_these = False
        self.flags_asked: list[str] = []  # red-flag slots in the order first asked
        self.said_unsure = False
        self.last_flag: str | None = None
        self.objection: str | None = None
        self.meta: dict[str, object] = {}  # what the last answer means, for the checks
        self.last_name: str | None = None  # the question answered last

    def _messy(self, text: str) -> str:
        return typo(text, self.rng) if self.rng.random() < self.p.typo else text

    def _button(self, reply: Reply, want: str, plain: list[str]) -> str:
        """A button (`want`: affirm/deny, or a payload) as a click, its typed title, or words."""
        match = [(t, p) for t, p in reply.buttons if p.strip("/") == want or p == want]
        roll = self.rng.random()
        if match and roll < self.p.title:
            title = match[0][0]
            return title.lower() if self.rng.random() < 0.3 else title
        if match and roll < self.p.title + 0.2:
            return match[0][1]
        return self.rng.choice(plain)

    def yes_no(self, reply: Reply, yes: bool) -> str:
        return self._button(reply, "affirm" if yes else "deny", YES[:-1] if yes else NO[:-2])

    def score_text(self) -> str:
        n = self.p.score
        if self.p.score_range and n < 9:
            return f"a {n} most days, {n + 1}-{n + 2} on bad days"
        return self.rng.choice([str(n), f"about a {n}", f"{n}/10", f"{n} out of 10",
                                SCORE_WORDS[n], f"its a {n} today"])

    def correction_text(self, old_summary: str = "") -> str:
        """What the patient says to change the read-back: a planned change, else the fact the
        read-back got wrong."""
        if not self.corrected:
            fact, value = self.p.correction  # type: ignore[misc]
            self.corrected = True
            self.meta = {"correction": fact, "value": value}
            if fact == "score":
                old = self.p.score
                self.p.score = int(value)  # type: ignore[call-overload]
                return self.rng.choice([
                    f"its more like a {value} today", f"the pain is a {value} right now",
                    f"{value} out of 10 not {old}", f"actually more like {value}",
                ])
            self.p.side = str(value)
            return self.rng.choice([
                f"actually it's my {value} side", f"no it's the {value} {self.p.region}",
                f"sorry, I meant my {value} {self.p.region}",
            ])
        wrong = mismatches(old_summary, self.p) if old_summary else [self.objection or "score"]
        fact = wrong[0] if wrong else "score"
        value = {"score": self.p.score, "side": self.p.side, "place": self.p.where(),
                 "class": self.p.pain_class}[fact]
        self.meta = {"correction": fact, "value": value}
        return {
            "score": f"the pain is {self.p.score} out of 10",
            "side": f"it's my {self.p.side} {self.p.region}",
            "place": f"it's {self.p.place()}",
            "class": f"it's been {self.p.duration}",
        }[fact]

    def summary(self, reply: Reply) -> str:
        """Agree with a right read-back; object to a wrong one or make the planned change."""
        wrong = mismatches(reply.text, self.p)
        if self.corrected and not wrong:
            return self.yes_no(reply, True)
        self.objection = wrong[0] if wrong else None
        if self.rng.random() < 0.5:
            return self.yes_no(reply, False)
        return self.correction_text(reply.text)

    def flag_truth(self, slot: str) -> bool:
        """Whether this patient's answer to red-flag question `slot` is yes."""
        if slot not in self.flags_asked:
            self.flags_asked.append(slot)
        return self.flags_asked.index(slot) == self.p.yes_at

    def red_flag(self, reply: Reply, slot: str) -> str:
        truth = self.flag_truth(slot)
        self.last_flag = slot
        if self.flags_asked.index(slot) == self.p.unsure_at and not self.said_unsure:
            self.said_unsure = True
            self.meta = {"flag": slot, "answer": "unsure"}
            return self.rng.choice(["not sure", "not sure, it's more numb and tingly than weak"])
        self.meta = {"flag": slot, "answer": "yes" if truth else "no"}
        return self.yes_no(reply, truth)

    def slot_choice(self) -> str:
        if not self.said_none_of_these and self.rng.random() < 0.15:
            self.said_none_of_these = True
            return self.rng.choice(["none of these", "no", "neither", "none of those work"])
        n = self.rng.randint(1, 3)
        return self.rng.choice(SLOT_CHOICE).format(n=n, nth=NTH[n])

    def table(self) -> dict[str, Callable[[Reply], str]]:
        p, pick = self.p, self.rng.choice
        return {
            "utter_greet": lambda r: self._messy(p.opening),
            "utter_restarted": lambda r: self._messy(p.opening),
            "utter_ask_pain_duration": self._duration,
            "utter_ask_pain_locations": lambda r: self._messy(pick([p.place(), p.place()[3:]])
                                                              if p.side else p.region),
            "utter_ask_pain_side": lambda r: self._button(
                r, p.side or "not sure", [f"the {p.side or 'middle'} one", p.side or "not sure"]),
            "utter_ask_pain_activities": lambda r: self._messy(
                pick([p.activity, f"{p.activity} mostly", f"it hurts when {p.activity}"])),
            "utter_ask_pain_score": lambda r: self.score_text() if "Please answer" not in r.text
            else str(p.score),
            "utter_please_yes_no": lambda r: self.red_flag(r, self.last_flag or "rf_unknown"),
            "utter_summary": self.summary,
            "utter_ask_correction": lambda r: self.correction_text(),
            "utter_correction_not_understood": lambda r: self.correction_text(),
            "utter_offer_booking": lambda r: self.yes_no(r, p.goal == "book"),
            "utter_ask_booking_preference": lambda r: self._button(
                r, p.preference, [self._messy(p.preference)]),
            "utter_offer_slots": lambda r: self.slot_choice(),
            "utter_offer_closest_slots": lambda r: self.slot_choice(),
            "utter_slot_choice_unclear": lambda r: self.slot_choice(),
            "utter_ask_patient_name": lambda r: pick([p.name, f"it's {p.name}"]),
            "utter_ask_phone": lambda r: p.phone,
            "utter_ask_booking_email": lambda r: self._button(r, "skip", [p.email]),
            "utter_ask_sms_consent": lambda r: self.yes_no(r, p.sms),
            "utter_intake_complete": lambda r: pick(["no thanks, that's all", "no"]),
            "utter_ask_booking_code": lambda r: pick(["I haven't booked anything yet",
                                                      "I don't have one", "no code, sorry"]),
            # after a crisis answer: the patient is safe and goes on
            "utter_crisis_options": lambda r: self._button(
                r, "confirm_safe", ["I'm safe, let's go on", "im ok, lets continue"]),
            "utter_what_next": lambda r: {"book": "I'd like to book an assessment",
                                          "callback": "please call me"}.get(
                p.goal, "nothing else, thanks"),
        }

    def _duration(self, reply: Reply) -> str:
        if reply.buttons:  # "Would you say it's been 12 weeks or longer?"
            return self.yes_no(reply, self.p.pain_class == "chronic")
        return self._messy(self.rng.choice([
            self.p.duration, f"for {self.p.duration}", f"{self.p.duration} now",
            f"{self.p.duration}, it's {self.p.place()}",  # more than was asked
        ]))

    def plain(self, reply: Reply) -> str | None:
        """The plainest answer, for a question asked again right after it was answered: a
        person told "please answer with a number" sends just the number."""
        p = self.p
        yes_no = {"utter_offer_booking": p.goal == "book", "utter_ask_sms_consent": p.sms}
        if reply.name in yes_no or (reply.name == "utter_ask_pain_duration" and reply.buttons):
            return "yes" if yes_no.get(reply.name or "", p.pain_class == "chronic") else "no"
        return {
            "utter_greet": p.opening, "utter_restarted": p.opening,
            "utter_ask_pain_duration": p.duration, "utter_ask_pain_locations": p.place(),
            "utter_ask_pain_side": p.side or "not sure", "utter_ask_pain_activities": p.activity,
            "utter_ask_pain_score": str(p.score), "utter_ask_booking_preference": p.preference,
            "utter_offer_slots": "1", "utter_offer_closest_slots": "1",
            "utter_slot_choice_unclear": "1", "utter_ask_patient_name": p.name,
            "utter_ask_phone": p.phone, "utter_ask_booking_email": "skip",
            "utter_ask_booking_code": "I don't have a booking code",
        }.get(reply.name or "")

    def answer(self, reply: Reply) -> str | None:
        """The message for the question `reply` asks, or None when it is not a known question."""
        self.meta = {}
        again, self.last_name = reply.name == self.last_name, reply.name
        slot = flag_slot(reply.name)
        if slot:
            return self.red_flag(reply, slot)
        if CRISIS_CHECK.search(reply.text):  # a gentle check after a crisis reading
            return self.rng.choice(["no, I'm safe, it's just the pain", "no", "no I'm ok"])
        if again and self.plain(reply) is not None:
            return self.plain(reply)
        handler = self.table().get(reply.name or "")
        return handler(reply) if handler else None
