"""The intake form's rules: how one patient message fills, clarifies or leaves the form's slots.

Pure functions over plain values, so the Rasa validation action stays a thin adapter.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.dialogue import NOT_AN_ANSWER, SURE, WARNING_SIGN_INTENT, is_digression
from bot.intake.answers import asks_for_diagnosis, describes_activity, read_score, stated_score
from bot.intake.button_replies import is_asking_to_wait
from bot.intake.control_words import answers_free_text_question
from bot.intake.corrections import apply_correction
from bot.intake.safety_answers import only_a_time, read_safety_answer
from bot.intake.sides import answer_side, needs_side, question_region
from bot.intake.yesno import is_refusal, is_small_talk, is_unsure, parse_yes_no
from bot.nlp.model import WEEKS_PER_YEAR
from bot.screening import NOTES_SLOT, SIGNS_SLOT, screen_order
from bot.screening_form import (
    answer_question,
    asks_why_asked,
    is_puzzled,
    mention_for_later,
    screen_updates,
)
from bot.small_talk import is_greeting_or_thanks
from bot.triage import ALL_FLAG_SLOTS, CHRONIC_WEEKS, class_for, stage_for

UNSURE_SIDE = "not sure"  # an answer answer_side reads as unsure

INTAKE_SLOTS = (
    "pain_duration",
    "pain_locations",
    "pain_side",
    "pain_activities",
    "pain_score",
    *ALL_FLAG_SLOTS,
)
# Intents the intake form reads itself instead of leaving them to the rules: a greeting (or
# "afternoons", which the classifier can take for "good afternoon") at a question gets that
# question's re-ask, never the opening greeting again.
FORM_READS = frozenset({"greet"})
# `slot_followup` when an answer gave several scores: "which number fits right now?".
SCORE_CHOICE = "pain_score_choice"
# The patient gave no score ("skip", "I don't know", or twice no number): the intake goes on
# without one, and the therapist asks at the visit (the question had come back forever).
SCORE_SKIPPED = "pain_score_skipped"


@dataclass(frozen=True)
class Turn:
    """One user message as the NLU pipeline saw it."""

    text: str
    intent: str | None = None
    confidence: float = 0.0
    extraction: Mapping[str, Any] = field(default_factory=dict)
    message_id: str | None = None  # Rasa's id of the message: evidence["sources"] points at it
    # The language of a message the assistant can't read (components.language): no answer.
    language: str | None = None
    # What the patient typed or chose as they saw it, for `raw_answers`: a button's title
    # where `text` is its payload ("No" for "/deny", clicked or texted as "2"); None: `text`.
    said: str | None = None
    # Written before the assistant's latest reply reached the patient (bot.crossing): never the
    # answer to the safety question that reply asks.
    crossed: bool = False
    # The previous message sent again (bot.crossing.repeats_previous): also `crossed`.
    repeated: bool = False

    @property
    def classified_yes_no(self) -> bool | None:
        """The classifier's yes or no: `affirm` or `deny` at `YES_NO_CONFIDENCE` or more."""
        if self.intent in ("affirm", "deny") and self.confidence >= YES_NO_CONFIDENCE:
            return self.intent == "affirm"
        return None


YES_NO_CONFIDENCE = 0.6


def required_slots(slots: Mapping[str, Any]) -> list[str]:
    """The form's slots in the order asked: the side only for a paired part named without one
    ("my knee"); the red-flag questions that fit the presentation, and none after the first
    answer that needs advice (`bot.screening.screen_order`)."""
    intake = [
        name
        for name in INTAKE_SLOTS[:5]
        if (name != "pain_side" or needs_side(slots))
        and (name != "pain_score" or not slots.get(SCORE_SKIPPED))
    ]
    return screen_order(slots, intake)


def _duration_updates(ext: Mapping[str, Any]) -> dict[str, Any]:
    weeks = ext.get("duration_weeks")
    return {
        "pain_duration": ext.get("duration_text") or (ext.get("evidence") or {}).get("duration"),
        "duration_weeks": weeks,
        "duration_range": ext.get("duration_range"),
        "pain_class": ext.get("pain_class"),
        "pain_stage": ext.get("pain_stage") or stage_for(weeks),
        "duration_followup": None,
    }


_AGE_NOW = re.compile(r"^\D{0,20}?\b(?P<age>\d{2,3})\b(?!\s*(?:weeks?|months?|years?\s+ago|days?))",
                      re.IGNORECASE)


def _since_age(text: str, slots: Mapping[str, Any]) -> dict[str, Any] | None:
    """The length from the onset age said before and the age now in this answer ("52", "I'm
    52"); None when the answer holds no plausible age."""
    match = _AGE_NOW.match(text.strip())
    onset = slots.get("onset_age")
    if not match or onset is None or not int(onset) <= int(match.group("age")) <= 110:
        return None
    weeks = round((int(match.group("age")) - int(onset)) * WEEKS_PER_YEAR, 1)
    said = slots.get("duration_said") or f"since age {int(onset)}"
    return {"pain_duration": f"{said} (now {match.group('age')})", "duration_weeks": weeks,
            "duration_range": None, "pain_class": class_for(weeks), "pain_stage": stage_for(weeks),
            "duration_followup": None}


def _resolve_straddle(answer: bool, slots: Mapping[str, Any]) -> dict[str, Any]:
    low, high = (slots.get("duration_range") or [None, None])[:2]
    weeks = (high if answer else low) if low is not None else None
    said = slots.get("duration_said")
    return {
        "pain_duration": said or ("over 3 months" if answer else "under 3 months"),
        "duration_weeks": weeks,
        "pain_class": "chronic" if answer else "acute",
        "pain_stage": "chronic" if answer else stage_for(weeks),
        "duration_followup": None,
    }


def _yes_no(turn: Turn) -> bool | None:
    answer = parse_yes_no(turn.text)
    if answer is None and is_unsure(turn.text):
        return None  # "not sure" is its own answer, whatever the classifier made of it
    return turn.classified_yes_no if answer is None else answer


# No place to name: "it doesn't hurt", "nowhere", "it's not pain, it's dizziness".
_NO_PLACE = re.compile(
    r"\b(?:nowhere|no ?where|(?:it )?(?:doesn'?t|does not|don'?t|do not) (?:hurt|ache)|(?:not|no|"
    r"isn'?t) (?:a )?pain|not painful|no pain|(?:it'?s|its|it is) (?:just )?(?:dizz|vertigo|"
    r"numb|tingl)\w*)\b",
    re.IGNORECASE,
)
_SKIP = re.compile(
    r"^\W*(?:skip|pass|next|no idea|no score|no number|can'?t say|i can'?t (?:rate|say|score) it|"
    r"(?:don'?t|do not) want to (?:rate|say|score))\b", re.I
)
_VARIES = re.compile(r"\b(?:varies|changes|depends|up and down|all over the place)\b", re.I)


def _contradicts_own_words(requested: str, slots: Mapping[str, Any]) -> bool:
    """A first "no" to a question the patient's own words already answered yes ("my calf is
    swollen and red and hot", then "no" to "is one calf swollen, warm or red?"): it went to a
    booking with "Red flags: None reported" (patient newcomer test). Asked once more."""
    note = (slots.get(NOTES_SLOT) or {}).get(requested) or {}
    return bool(note.get("stated")) and slots.get("slot_followup") != requested


# A message that is only a score or a range of scores: "6", "5-7", "about a 6", "7/10".
_BARE_SCORE = re.compile(
    r"^\W*(?:(?:about|around|like|maybe|prob(?:ably)?|its|it's|a|an|my pain is|pain)\s+)*"
    r"(?:10|\d)(?:ish)?(?:\s*(?:-|–|to|or)\s*(?:10|\d))?(?:\s*(?:/|out of)\s*10)?\W*$"
)
# "no, the pain is 4 not 6": a correction, not an answer to the question it was typed at.
_CORRECTING = re.compile(r"\b(?:not|actually|i mean|i meant|sorry|correction|wait|instead)\b")
# A place or a duration needs a plain take-back: "no, not in the last 3 weeks" answers the
# question, "no wait, it's my left knee" and "actually it's been 3 months" correct the intake.
_TAKING_BACK = re.compile(r"\b(?:actually|i mean|i meant|sorry|correction|wait|oops)\b")
_ABOUT_PAIN_LENGTH = re.compile(
    r"\b(?:been|for|since|started|began|begun|more like|pain|hurt\w*|ache\w*|sore|had it|"
    r"going on)\b"
)
# ... but "it's been there for years, nothing new" at "is the numbness new?" is the symptom's
# length (the pain's 3 weeks became years, and the wrong assessment was offered: pass L).
_SYMPTOM_LENGTH = re.compile(
    r"\b(?:been there|had (?:that|this|it) (?:for|since)|always (?:had|been)|nothing new|not new|"
    r"(?:that|this|the numbness|the tingling|the weakness)(?:'s| has| is)? (?:been|always))\b"
)
_PAIN_WORD = re.compile(r"\b(?:pain|hurt\w*|ache\w*|aching|sore)\b")
# ... only at the questions about a symptom that can last: elsewhere "actually it has been there
# for years" is the pain's (review: the fracture question dropped the correction).
_LASTING_SYMPTOM_QUESTIONS = frozenset(
    {"rf_bladder_bowel", "rf_weakness", "rf_legs_numb", "rf_myelopathy"}
)
CORRECTABLE_AT_SCREEN = frozenset({"pain_locations", "pain_duration", "pain_activities"})
DURATION_SLOTS = ("duration_weeks", "duration_range", "pain_class", "pain_stage")


def _chit_chat(turn: Turn) -> bool:
    """ "hello", "thanks", "good morning": no attempt at an answer, whatever it is read as."""
    return is_greeting_or_thanks(turn.text) or turn.intent in ("greet", "thank")


def correction_at_screen(
    turn: Turn, slots: Mapping[str, Any], turn_requested: str | None = None
) -> dict[str, Any]:
    """At a safety question, earlier answers corrected: a new pain score ("no, the pain is 4
    not 6"), or a place, side or duration after a take-back ("no wait, it's my left knee",
    "actually it's been 3 months"). The slot changes, else {}. Its "no" answers nothing (the
    question is asked again: a red flag is never answered by a word meant for something else).
    """
    text = turn.text.lower().replace("\u2019", "'")
    if slots.get(SCORE_SKIPPED) and slots.get("pain_score") is None and _BARE_SCORE.match(text):
        # The score the patient skipped, given late ("5-7", then "6" at the bladder question got
        # the clarifying question, and the score was lost: patient newcomer test).
        late = read_score(text).score
        return {"pain_score": late} if late is not None else {}
    if not _CORRECTING.search(text):
        return {}
    changes = apply_correction(turn.text, turn.extraction, slots)
    kept: dict[str, Any] = {}
    score, before = changes.get("pain_score"), slots.get("pain_score")
    if score is not None and before is not None and score != before:
        kept["pain_score"] = score
    if not _TAKING_BACK.search(text):
        return kept
    # A time said at a safety question is the symptom's ("no... well actually once last week",
    # "it was this morning") unless it speaks of the pain or its length: a place or side still
    # corrects, the duration only with these words (the duration became "last week").
    about_pain = bool(_ABOUT_PAIN_LENGTH.search(text)) and (
        turn_requested not in _LASTING_SYMPTOM_QUESTIONS
        or not _SYMPTOM_LENGTH.search(text) or bool(_PAIN_WORD.search(text))
    )
    for name in CORRECTABLE_AT_SCREEN:
        if name == "pain_duration" and not about_pain:
            continue
        if name in changes and changes[name] != slots.get(name):
            kept[name] = changes[name]
    if "pain_duration" in kept:  # with its weeks, class and stage
        kept.update({k: changes[k] for k in DURATION_SLOTS if k in changes})
    return kept


_MINUTES_OR_HOURS = re.compile(
    r"^\W*(?:it'?s been |for |about |around |only |just |maybe |like |roughly )*(?:\d+|a few|a "
    r"couple(?: of)?|an?|one|two|three|half an?)\s*(?:-\s*\d+\s*)?(?:minutes?|mins?|hours?|hrs?)"
    r"(?:\s+(?:ago|now|or so))?\W*$",
    re.IGNORECASE,
)


def _fill_duration(turn: Turn, requested: str | None, slots: Mapping[str, Any]) -> dict:
    ext = turn.extraction
    status = ext.get("duration_status")
    if status == "ok" or ext.get("pain_class"):
        return _duration_updates(ext)
    if requested == "pain_duration" and _MINUTES_OR_HOURS.match(turn.text or ""):
        # "20 minutes", "2 hours" at "how long?": since then, not a tolerance ("I can't sit for
        # 20 minutes" is one elsewhere); it got "Sorry, I didn't catch how long" (newcomer test)
        said = " ".join((turn.text or "").split())[:60]
        return _duration_updates({"duration_text": said, "duration_weeks": 0.0,
                                  "pain_class": "acute", "pain_stage": "acute"})
    if requested == "pain_duration" and slots.get("duration_followup") == "straddle":
        answer = _yes_no(turn)
        if answer is not None:
            return _resolve_straddle(answer, slots)
    if status == "straddles":
        return {
            "pain_duration": None,
            "duration_followup": "straddle",
            "chronic_weeks": f"{CHRONIC_WEEKS:g}",  # the number the straddle question asks about
            "duration_range": ext.get("duration_range"),
            "duration_said": ext.get("duration_text"),
        }
    if status == "no_anchor":
        return {"pain_duration": None, "duration_followup": "anchor"}
    if status == "needs_age" and ext.get("onset_age"):
        # "since I was 30": the one thing missing is the age now (issue 12).
        return {"pain_duration": None, "duration_followup": "age",
                "onset_age": float(ext["onset_age"]), "duration_said": ext.get("duration_text")}
    if requested == "pain_duration" and slots.get("duration_followup") == "age":
        since_age = _since_age(turn.text, slots)
        if since_age:
            return since_age
    if requested == "pain_duration":
        followup = slots.get("duration_followup")
        if followup == "straddle" and is_unsure(turn.text):
            # Not sure even of that: noted so, for the therapist to ask; never a loop.
            return {"pain_duration": "not sure how long", "duration_weeks": None,
                    "pain_class": None, "pain_stage": None, "duration_followup": None}  # fmt: skip
        if is_unsure(turn.text) or (followup == "unclear" and not _chit_chat(turn)):
            # "I don't know", or a second answer with no duration: the one question the pain
            # class depends on ("I don't know" got "how long?" again and again).
            return {
                "pain_duration": None,
                "duration_followup": "straddle",
                "chronic_weeks": f"{CHRONIC_WEEKS:g}",
                "duration_range": None,
                "duration_said": None,
            }
        keep = followup == "straddle"
        return {"pain_duration": None, "duration_followup": "straddle" if keep else "unclear"}
    return {}


# Which slot each kind of evidence explains; its evidence is the message that set it.
_EVIDENCE_SLOTS = {
    "duration": "pain_duration",
    "locations": "pain_locations",
    "activities": "pain_activities",
}


def evidence_updates(
    turn: Turn, updates: Mapping[str, Any], slots: Mapping[str, Any]
) -> dict[str, Any] | None:
    """The `evidence` slot after this message, or None when it is unchanged.

    Spans are kept only for the values this message set, so a later answer that mentions
    the same words ("my foot", "since the fall") does not take the evidence over;
    `evidence["sources"][kind]` is the id of the message the span came from (None: unknown).
    """
    found = {
        kind: value
        for kind, value in ((turn.extraction or {}).get("evidence") or {}).items()
        if value and _EVIDENCE_SLOTS.get(kind) in updates
    }
    if not found:
        return None
    evidence = dict(slots.get("evidence") or {})
    sources = dict(evidence.get("sources") or {})
    for kind, value in found.items():
        evidence[kind] = value
        sources[kind] = turn.message_id
    evidence["sources"] = sources
    return evidence


def _fill_activities(
    text: str,
    ext: Mapping[str, Any],
    requested: str | None,
    *,
    warning_sign: bool = False,
    asked_again: bool = False,
) -> dict:
    if ext.get("activities"):
        return {"pain_activities": list(ext["activities"]), "activities_text": text}
    if requested != "pain_activities" or warning_sign:
        # A warning sign spoken of here has its questions first, then this one again.
        return {}
    if is_puzzled(text):  # "not sure what you mean" was stored as the answer (newcomer test)
        return {"pain_activities": None, "slot_followup": "pain_activities"}
    if describes_activity(text, ext):
        # Their own words count even when no known activity is named ("nothing really").
        return {"pain_activities": [], "activities_text": text}
    asking = asks_for_diagnosis(text) or "?" in text
    if asked_again and not asking and not is_greeting_or_thanks(text):
        # A second answer with none in it: left for the therapist to ask, never a third time
        # ("3" got "I need to know what the pain makes hard" seven times over SMS: newcomer test)
        return {"pain_activities": [], "activities_text": None, "slot_followup": None}
    return {"pain_activities": None, "slot_followup": "pain_activities"}  # "6", "yes", "my knee"


def _fill_score(turn: Turn, slots: Mapping[str, Any]) -> dict:
    text = (turn.text or "").strip()
    reading = read_score(text)
    asked_which = slots.get("slot_followup") == SCORE_CHOICE
    if reading.score is None:
        asked_again = slots.get("slot_followup") in ("pain_score", SCORE_CHOICE)
        gives_none = is_unsure(text) or is_refusal(text) or _SKIP.match(text)
        ext = turn.extraction or {}
        tells_more = bool(ext.get("locations") or ext.get("activities") or ext.get("duration_text"))
        if gives_none or (asked_again and not _chit_chat(turn) and not tells_more):
            return {"pain_score": None, SCORE_SKIPPED: True, "slot_followup": None}
        if _VARIES.search(text):  # "it varies a lot": which one number fits today
            return {"pain_score": None, "slot_followup": SCORE_CHOICE}
        return {"pain_score": None, "slot_followup": SCORE_CHOICE if asked_which else "pain_score"}
    if reading.several and not asked_which:
        return {"pain_score": None, "slot_followup": SCORE_CHOICE}
    return {"pain_score": reading.score, "slot_followup": None}


def fill_intake_slots(turn: Turn, requested: str | None, slots: Mapping[str, Any]) -> dict:
    """The slot values this message gives the intake form, or {} when it is not an answer."""
    ext = turn.extraction or {}
    text = (turn.text or "").strip()
    if turn.language:  # "No entiendo la pregunta" is no activity: the rules give the notice
        return {}
    if is_asking_to_wait(turn.text or ""):  # "one sec" is no score of 1: the question again
        return {}
    if turn.intent == "confirm_safe" and "safe" in (turn.text or "").lower():
        # The crisis options' button, typed or clicked, is no answer to the question the crisis
        # interrupted ("I'm safe, let's go on" was stored as what the pain stops them doing).
        return {}
    has_content = bool(ext.get("locations") or ext.get("activities")) or ext.get(
        "duration_status"
    ) in ("ok", "straddles", "no_anchor")
    # Crisis, a person, start over, stop come before any answer in the same message; other
    # digressions only when the message gave no pain details.
    # A warning sign, wherever it is mentioned, is for the screen: the form reads it.
    if (
        turn.intent != WARNING_SIGN_INTENT
        and not answers_free_text_question(requested, text, turn.intent)
        and is_digression(
            turn.intent, turn.confidence, looks_like_answer=has_content, also_answers=FORM_READS
        )
    ):
        return {}
    if not text:
        return {}

    updates: dict[str, Any] = {}
    # warning signs, wherever they are said
    screen, found = screen_updates(text, slots, mid_form=requested is not None)
    if slots.get("pain_duration") is None:
        updates.update(_fill_duration(turn, requested, slots))
    if ext.get("locations") and (
        slots.get("pain_locations") is None or requested == "pain_locations"
    ):
        updates["pain_locations"] = list(ext["locations"])
        updates["side_question_region"] = question_region(ext["locations"])
    elif requested == "pain_side":
        updates.update(answer_side(text, slots.get("pain_locations") or []))
        second = slots.get("slot_followup") == "pain_side" and not _chit_chat(turn)
        if updates["pain_side"] is None and second:
            # A second answer with no side in it: noted as not sure, for the therapist to ask;
            # never a third "Which knee?" (it looped with no way out).
            updates.update(answer_side(UNSURE_SIDE, slots.get("pain_locations") or []))
        elif updates["pain_side"] is None:
            updates["slot_followup"] = "pain_side"
    elif requested == "pain_locations" and (
        _NO_PLACE.search(text) or is_refusal(text)
        or (slots.get("slot_followup") == "pain_locations" and not _chit_chat(turn)
            and not is_puzzled(text))
    ):
        # "it doesn't hurt, it's dizziness", "nowhere", "skip", or a second answer with no place
        # in it: no place, for the therapist to ask (a GP's vertigo patient looped here until
        # they typed "head": newcomer test). The whole screen is asked, as for an unknown place.
        updates["pain_locations"] = []
        updates["slot_followup"] = None
    elif requested == "pain_locations":
        updates["pain_locations"] = None
        updates["slot_followup"] = "pain_locations"
    # a question answered no before, said yes now ("actually I do get breathless"): for it
    reopened = any(screen.get(s, False) is None and slots.get(s) is False for s in ALL_FLAG_SLOTS)
    reopened |= len(screen.get(SIGNS_SLOT) or []) > len(slots.get(SIGNS_SLOT) or [])
    if slots.get("pain_activities") is None or requested == "pain_activities":
        warning_sign = found.mentions_warning_sign or reopened
        again = slots.get("slot_followup") == "pain_activities"
        updates.update(
            _fill_activities(text, ext, requested, warning_sign=warning_sign, asked_again=again)
        )
    if requested != "pain_score" and slots.get("pain_score") is None:
        # "my knee has hurt for 4 months, about a 7 out of 10" in the first message: the score
        # question need not be asked (issue 13: it was ignored, then asked).
        score = stated_score(text)
        if score is not None:
            updates["pain_score"] = score
    if requested == "pain_score" and (
        read_score(text).score is not None or not (found.mentions_warning_sign or reopened)
    ):
        # a sign told here is no skipped score ("actually I do get breathless": newcomer test)
        updates.update(_fill_score(turn, slots))
        # "actually it's my left knee, and more like 2 months" at the score question
        updates.update(
            {k: v for k, v in correction_at_screen(turn, slots).items() if k != "pain_score"}
        )
    updates.update(screen)
    if requested in ALL_FLAG_SLOTS:
        corrected = correction_at_screen(turn, slots, requested)
        if corrected or turn.crossed:
            # A message written before this question appeared is no answer to it: the question
            # is asked again (a symptom it states still counts: answer_question).
            answer, unsure = None, False
        else:
            answer, unsure = read_safety_answer(
                turn.text, requested, found, turn.classified_yes_no
            )
        if answer is False and _contradicts_own_words(requested, slots):
            answer, unsure = None, True  # asked once more, carefully
        updates.update(corrected)
        # No answer tried (a correction, a crossed message, "why do you ask?", small talk,
        # another question's symptom): the question again, neither clarified nor counted.
        later = mention_for_later(found, requested, {**slots, **updates}, before=slots)
        # ("what?" is not counted; "ok", "7", an emoji are: each looped without end)
        tried = not (corrected or turn.crossed or asks_why_asked(turn.text) or later
                     or is_puzzled(turn.text) or only_a_time(turn.text, requested))
        updates.update(
            answer_question(requested, answer, found, slots, updates, unsure=unsure, tried=tried)
        )
        if is_puzzled(turn.text) and updates.get(requested) is None:
            updates["slot_followup"] = requested  # "what?": its clarifying version

    answered = bool(requested) and updates.get(requested) is not None
    if (
        turn.intent in NOT_AN_ANSWER
        and (turn.confidence >= SURE or is_small_talk(text))  # "thank you": never an answer
        and not answered
        and not has_content
        and requested not in ALL_FLAG_SLOTS
    ):
        # Not an answer: the rules say what the assistant can do, then the form asks again.
        return {}
    if answered:
        updates.setdefault("slot_followup", None)
    evidence = evidence_updates(turn, updates, slots)
    if evidence is not None:
        updates["evidence"] = evidence
    raw = {k: list(v) for k, v in (slots.get("raw_answers") or {}).items()}
    kept_as = "message" if not requested or (turn.crossed and not answered) else requested
    raw.setdefault(kept_as, []).append((turn.said or text)[:2000])
    updates["raw_answers"] = raw
    return updates
