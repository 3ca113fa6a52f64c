"""How one message moves the screen inside the intake form: pure functions over slot values.

- `screen_updates`: the signs a message triggers join `warning_signs`; the patient's words are
  kept for the question they concern (`screen_notes`); a question answered no before that the
  message now answers yes is asked again, to confirm.
- `answer_question`: a yes or a no, or words that already say yes; "not sure" gets the
  question's clarifying version once (`slot_followup` = the slot), then is accepted as
  "not sure": recorded for staff (`screen_unsure`), with the cautious advice of
  `bot.triage.unsure_advice`. Anything else ("thanks", "ok", an emoji) answers nothing: the
  question is asked again (its clarifying version, then with "I need a yes or a no"), and a
  third message with no answer is taken as "not sure" (`TRIES_SLOT`).
- `acknowledgement`: what to say before the question about to be asked, when the patient
  mentioned something it concerns.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from bot.screening import (
    CONTEXT_FEATURES,
    NOTES_SLOT,
    SIGNS_SLOT,
    Detection,
    detect,
    plain,
    question_symptoms,
    regional_questions,
    regions_of,
    screen_order,
    second_person_note,
    states_at_question,
    told_emergency,
)
from bot.triage import (
    ADVICE_LEVELS,
    ALL_FLAGS,
    FLAGS_BY_SLOT,
    UNANSWERED_SLOT,
    UNSURE_SLOT,
    Advice,
    red_flag_outcome,
)
from bot.warning_signs import SIGNS_BY_NAME, WARNING_SIGNS, holds, parse_condition

EMERGENCY_ADVICE = ("call_911", "emergency")  # a third non-answer here is "not sure", with advice

ACK_RESPONSE = "utter_screen_ack"  # "You mentioned {screen_note}, so I'd like to check on that."
CONFIRM_RESPONSE = "utter_screen_confirm"  # "You mentioned {screen_note}. Just to check: ..."
# a symptom no sign covers, said where an answer was expected: "Thank you for telling me ..."
SYMPTOM_NOTED_RESPONSE = "utter_symptom_noted"
NOTED_RESPONSE = "utter_screen_noted"  # nothing left to ask about it: "I've noted ..."
# The advice came only from "not sure" answers: its words say the signs could not be ruled out,
# never "these symptoms" (a patient who named none was told so: patient newcomer test).
ADVICE_FROM_UNSURE = "advice_from_unsure"
WHAT_TO_DO_RESPONSE = "utter_screen_what_to_do"  # "what do I do??" at a safety question
WHY_URGENT_RESPONSE = "utter_screen_why_urgent"  # "why?" at a 911 question: its urgency
WHY_RESPONSE = "utter_screen_why"  # why the safety questions are asked, before the question again
# Another question of the screen their words answer, said at this one: noted, this one again.
LATER_RESPONSE = "utter_screen_noted_later"
# Messages at one safety question with no yes, no or "not sure" in them (`TRIES_SLOT`): the
# first gets its clarifying version, the second also "I need a yes or a no", and the third is
# taken as "not sure" (`GAVE_UP`, said with `GAVE_UP_RESPONSE`). "she is fine" six times got "I
# need a yes or a no" six times (patient newcomer test).
TRIES_SLOT = "screen_tries"
NON_ANSWERS_ASKED = 2
GAVE_UP = NON_ANSWERS_ASKED + 1
GAVE_UP_RESPONSE = "utter_screen_taken_unsure"

# A question about the safety question itself: "why do u need to know that", "what does that
# have to do with my back?" (it got the assistant's capabilities, then the question unexplained).
_ASKS_WHY = re.compile(
    r"\bwhy\b(?! not\b)|\bwhat (?:does|has|do|is) (?:that|this|it|any of (?:that|this)) "
    r"(?:got )?(?:to do|have to do) with\b|\bwhat(?:'s| is) (?:that|this|it) (?:got )?to do with\b"
    r"|\bwhat (?:is|'s) (?:that|this|it) for\b|^\W*what for\b|\bhow is (?:that|this) relevant\b",
    re.IGNORECASE,
)


# "what?", "huh?", "what do you mean", "I don't understand": the question in other words
# ("what?" got the assistant's capabilities five times over: patient newcomer test).
_PUZZLED = re.compile(
    r"^\W*(?:what|wot|wut|huh|eh|pardon|sorry\W*\?|what do you mean|wdym|i don'?t understand|"
    r"don'?t understand|i don'?t get it|what does that mean|meaning)?\W*$",
    re.IGNORECASE,
)


# ... or asks what a word of it means: "what do you mean by tender?", "does a bruise count?",
# "not sure what you mean" (the first got "I'm the intake assistant", the second the cost of a
# visit, the third was stored as the activities answer: newcomer test).
_ASKS_MEANING = re.compile(
    r"\b(?:what do (?:you|u|ya) mean|wdym|what does (?:that|this|it|\w+) mean|what(?:'?s| is) "
    r"(?:meant|that mean)|(?:does|do|would|will) (?:an? |my |the |that |this |it )?\w+(?: \w+)? "
    r"count|what counts as|not sure what (?:you|u) mean|(?:don'?t|do not) (?:understand|get) "
    r"(?:the|what|that|this|it|your)|what do you mean|mean by)\b",
    re.IGNORECASE,
)


def is_puzzled(text: str | None) -> bool:
    """Whether `text` asks what the question means ("what?", "??", "huh", "does a bruise
    count?")."""
    said = (text or "").replace("’", "'").strip()
    if _ASKS_MEANING.search(said):
        return True
    return bool(said) and bool(_PUZZLED.match(said)) and bool(re.search(r"[a-z?]", said, re.I))


# "what do i do??", "should I go to the ER?", "is this a heart attack?" at a safety question:
# they got the clinic's cost and what the assistant can do (newcomer test).
_ASKS_WHAT_TO_DO = re.compile(
    r"\b(?:what (?:do|should|can|shall) (?:i|we|he|she|they) do|what now|what do i do now|should "
    r"(?:i|we|he|she) (?:go to|call|get|see)|(?:go|going|get|take \w+) to (?:the )?(?:er|a&e|"
    r"hospital|emergency)|call (?:911|an ambulance)|is (?:this|it|that) (?:serious|an emergency|"
    r"bad|dangerous|urgent|a heart attack|a stroke)|(?:should|do) (?:i|we) (?:be )?(?:worried|"
    r"concerned|worry)|am i (?:ok|okay|going to be ok|dying)|help me|please help|where (?:should|"
    r"do) i go|what (?:happens|is) next|what (?:must) i do)\b",
    re.IGNORECASE,
)


def why_response(requested: str | None) -> str:
    """Why a safety question is asked: "most people answer no", except at a 911 question ("why
    do you ask" at "Are you struggling to breathe right now?" was told so: newcomer test)."""
    flag = FLAGS_BY_SLOT.get(requested or "")
    return WHY_URGENT_RESPONSE if flag and flag.advice == "call_911" else WHY_RESPONSE


# "call 911 now", "get me an ambulance": the assistant can't call, and says so (newcomer test:
# the first message "call 911 now" got "How long have you had this pain?").
_ASKS_TO_CALL = re.compile(
    r"\b(?:(?:call|ring|phone|get|send)(?: me| us| for| for me)? (?:911|an ambulance|the "
    r"ambulance|paramedics|emergency services)|need (?:an ambulance|911|paramedics))\b",
    re.IGNORECASE,
)
CANT_CALL_RESPONSE = "utter_cant_call_911"


def asks_to_call_911(text: str | None) -> bool:
    """Whether `text` asks for 911 or an ambulance to be called, with no emergency told in it
    (`told_emergency`: that gets its own 911 advice)."""
    return bool(text) and bool(_ASKS_TO_CALL.search(text.replace("’", "'"))) and not (
        told_emergency(detect(text))
    )


def asks_what_to_do(text: str | None) -> bool:
    """Whether `text` asks what to do now or whether it is serious (at a safety question, or
    after the advice)."""
    return bool(text) and bool(_ASKS_WHAT_TO_DO.search(text.replace("’", "'")))


def asks_why_asked(text: str | None) -> bool:
    """Whether `text`, said at a safety question, asks why it is asked."""
    return bool(text) and bool(_ASKS_WHY.search(text.replace("’", "'")))


def _note(notes: dict[str, Any], slot: str, text: str, stated: bool, soon: bool = False) -> None:
    if text and (stated or slot not in notes):
        notes[slot] = {"note": text, "stated": stated, **({"next": True} if soon else {})}


def screen_updates(
    text: str | None, slots: Mapping[str, Any], *, reopen: bool = False, mid_form: bool = False
) -> tuple[dict[str, Any], Detection]:
    """The screen's slot updates for one message, and what was found in it.

    `reopen`: the intake was over (a mention at the read-back or the booking step), so the
    questions of the signs it triggers are asked again even when answered no before.
    `mid_form`: typed at one of the intake's questions; a question of the screen it answers
    yes is asked next (note "next": `bot.screening.screen_order`), so the reply acknowledges it
    ("8, and ive had a fever of 102" at the score waited for the fever question: patient
    newcomer test). A first message's are confirmed when their turn comes.
    """
    det = detect(text, regions_of(slots))
    if not det.features:
        return {}, det
    signs = list(slots.get(SIGNS_SLOT) or [])
    opens = [(feature, sign) for name in signs if name in SIGNS_BY_NAME
             for feature, sign in SIGNS_BY_NAME[name].opens if feature in det.features]
    opened = [sign for _, sign in opens]
    new = [name for name in dict.fromkeys([*det.triggered, *opened]) if name not in signs]
    notes = {k: dict(v) for k, v in (slots.get(NOTES_SLOT) or {}).items()}
    updates: dict[str, Any] = {}
    again = set(det.stated)
    if reopen:
        again |= {a.slot for n in det.triggered for a in SIGNS_BY_NAME[n].asks}
    said_now = said_after_no(det, slots)
    for slot in again | set(said_now):
        if slots.get(slot) is False:
            updates[slot] = None  # they say it now: ask again, to confirm
    current = {**slots, **updates}
    for slot in det.stated:
        _note(notes, slot, det.note(slot=slot), stated=True, soon=mid_form)
    for slot, words in said_now.items():
        _note(notes, slot, words, stated=True, soon=mid_form)
    for feature, name in opens:  # their words, confirmed when the question they answer comes
        words = second_person_note(det.text, [det.features[feature]])
        for ask in SIGNS_BY_NAME[name].asks:
            if current.get(ask.slot) is None and states_at_question(det, ask.slot):
                _note(notes, ask.slot, words, stated=True)
            elif current.get(ask.slot) is None:
                _note(notes, ask.slot, words, stated=False)
    for name in det.triggered:
        ask = next((a.slot for a in SIGNS_BY_NAME[name].asks if current.get(a.slot) is None), None)
        if ask:
            _note(notes, ask, det.note(sign=name), stated=False)
    for slot in det.noted:
        if current.get(slot) is None:
            _note(notes, slot, det.note(slot=slot), stated=False)
    if new:
        updates[SIGNS_SLOT] = signs + new
    if notes != (slots.get(NOTES_SLOT) or {}):
        updates[NOTES_SLOT] = notes
    told = {slot: True for slot in told_emergency(det) if slots.get(slot) is not True}
    if told:  # "I think I'm having a stroke": the advice at once, never a question first
        updates |= told
        updates["red_flag_advice"] = red_flag_outcome({**slots, **updates})
        updates[ADVICE_FROM_UNSURE] = False
    return updates, det


def said_after_no(det: Detection, slots: Mapping[str, Any]) -> dict[str, str]:
    """{slot: the patient's words} for each question answered no before whose own symptom
    (`answered_by`) this message now says plainly: "actually wait, I do get a bit breathless on
    the stairs" after a no to the breathing question was stored as an activity, and the patient
    booked (patient newcomer test). Each is asked again, to confirm."""
    found: dict[str, str] = {}
    for sign in WARNING_SIGNS:
        for ask in sign.asks:
            if slots.get(ask.slot) is not False:
                continue
            # a symptom that needs its place counts with it: "my calf is a bit swollen"
            places = {n for c in ask.stated_by for g in parse_condition(c) for n in g
                      if g <= CONTEXT_FEATURES}  # fmt: skip
            named = SAID_ANYWHERE | (set(ask.answered_by) if places & set(det.features) else set())
            spans = [det.features[n] for n in named & set(det.features) - {"one_side"}
                     if n in question_symptoms(ask.slot) and plain(det.text, det.features[n])]
            if spans:
                found[ask.slot] = second_person_note(det.text, spans)
    return found


# Symptoms that mean the same wherever they are said; a swelling or a redness needs its place
# ("my knee is a bit swollen after gardening" reopened the calf question: review).
SAID_ANYWHERE = frozenset({
    "breathless", "face_numb", "dysarthria", "diplopia", "dysphagia", "drop", "leg_weakness",
    "bladder", "saddle", "fever", "weight_loss", "hand_clumsy", "hands_numb", "no_weight",
})  # fmt: skip


def answer_question(
    requested: str,
    answer: bool | None,
    det: Detection,
    before: Mapping[str, Any],
    updates: Mapping[str, Any],
    *,
    unsure: bool = True,
    tried: bool = True,
) -> dict[str, Any]:
    """The updates for a message at the red-flag question `requested` (`answer` is the yes or no
    read from it, None when there is none; `unsure`: the message says "not sure"), given the
    slots `before` the message and the `updates` it already made. {} when the message brought up
    a new warning sign instead: its questions come first, and this one waits. A message that is
    neither a yes, a no nor "not sure" leaves the question open: it is asked again, clarified
    and counted (`TRIES_SLOT`) unless no answer was `tried` (a "why?", a correction)."""
    slots = {**before, **updates}
    if (
        answer is True
        and set(det.stated) - {requested}
        and requested not in det.stated
        and not set(det.features) & question_symptoms(requested)
    ):
        # "yes i had a fever" at the weight question: the yes is the fever's, and this question
        # is asked again (it was stored as a yes to weight loss). A question answered no or
        # "not sure" before takes the yes now; one not asked yet is confirmed when it comes.
        restated = {s: True for s in det.stated if s != requested and before.get(s) is False}
        if restated:
            answered = {**restated, requested: None}
            for listed in (UNSURE_SLOT, UNANSWERED_SLOT):
                answered[listed] = [s for s in slots.get(listed) or [] if s not in restated]
            advice = red_flag_outcome({**slots, **answered})
            return {**answered, "slot_followup": None, "red_flag_advice": advice}
        answer = None
    if answer is None and (
        requested in det.stated or states_at_question(det, requested, hedged=unsure)
    ):
        # "my legs keep giving way" at the weakness question; "I've had some double vision"
        # at the neck question (it was asked again, and the answer lost)
        answer = True
    tries = tries_at(slots, requested)
    if answer is not None:
        answered: dict[str, Any] = {requested: answer, "slot_followup": None, TRIES_SLOT: None}
        # "no" to "... do you have a fever or feel unwell?" at the joint question is the fever
        # question's no too: never asked twice
        answered |= {s: answer for s in also_answered(requested) if slots.get(s) is None}
        for listed in (UNSURE_SLOT, UNANSWERED_SLOT):  # asked again and answered now
            if requested in (slots.get(listed) or []):
                answered[listed] = [s for s in slots.get(listed) or [] if s != requested]
    elif set(det.triggered) - set(before.get(SIGNS_SLOT) or []):
        return {}
    elif not tried:
        return {requested: None}
    elif ((slots.get(NOTES_SLOT) or {}).get(requested) or {}).get("stated") and not _said_no(
        slots, requested, det.text
    ):
        # "not sure" or no answer to what their own words said ("i have chest pain right now,
        # just sitting here", then "idk" three times before the 911 advice; "i feel dizzy n see
        # double sometimes", then the milder "not sure" advice: patient newcomer tests): their
        # words stand. Only a no asks again.
        answered = {requested: True, "slot_followup": None, TRIES_SLOT: None}
    elif (not unsure and tries < NON_ANSWERS_ASKED) or (
        unsure and slots.get("slot_followup") != requested  # its clarifying version not yet shown
    ):
        # No answer at all ("hmm", "not since yesterday") or a first "not sure": its clarifying
        # version, which says more of what is meant (the same words again and again gave no
        # reason: patient newcomer test); after that the form also says a yes or a no is needed.
        return {requested: None, "slot_followup": requested, TRIES_SLOT: tries + 1}
    elif not unsure and FLAGS_BY_SLOT[requested].advice not in EMERGENCY_ADVICE:
        # A third message with no answer, where a yes would need a doctor, not an emergency
        # department: left for staff to ask, with no advice (three "👍" sent a sprain to urgent
        # care: newcomer test); said so (GAVE_UP).
        left = [s for s in slots.get(UNANSWERED_SLOT) or [] if s != requested] + [requested]
        answered = {requested: False, UNANSWERED_SLOT: left, "slot_followup": None}
        answered[TRIES_SLOT] = GAVE_UP
    else:
        unsure_slots = [s for s in slots.get(UNSURE_SLOT) or [] if s != requested] + [requested]
        answered = {requested: False, UNSURE_SLOT: unsure_slots, "slot_followup": None}
        # "not sure" after the clarifying question, or a third non-answer to an emergency
        # question: the cautious advice; said so (GAVE_UP)
        answered[TRIES_SLOT] = None if unsure else GAVE_UP
    advice = red_flag_outcome({**slots, **answered})
    if advice:
        # The rules give this advice as a plain response, so it needs no action server.
        answered["red_flag_advice"] = advice
        after = {**slots, **answered}
        answered[ADVICE_FROM_UNSURE] = not any(after.get(f.slot) is True for f in ALL_FLAGS)
    return answered


def also_answered(slot: str) -> tuple[str, ...]:
    """The region screen's questions a warning sign's question `slot` also asks
    (`Ask.also_answers`)."""
    return next((a.also_answers for s in WARNING_SIGNS for a in s.asks if a.slot == slot), ())


def tries_at(slots: Mapping[str, Any], requested: str) -> int:
    """How many messages at the safety question `requested` gave no answer so far (0 before its
    clarifying version was asked)."""
    tries = int(slots.get(TRIES_SLOT) or 0)
    if slots.get("slot_followup") != requested or tries >= GAVE_UP:
        return 0  # a count left from an earlier question (review) is no count of this one
    return tries  # the clarifying version after "what?" is no try (review)


def _said_no(slots: Mapping[str, Any], requested: str, text: str = "") -> bool:
    """Whether this answer or an earlier one at this question opened with a no ("no", then "not
    sure what you mean" is no yes: review)."""
    raw = [*((slots.get("raw_answers") or {}).get(requested) or []), text]
    return any(re.match(r"\W*(no|nope|nah|not really)\b", str(a), re.I) for a in raw)


# "sorry I meant no, I pressed the wrong button" after the advice: the advice stands until staff
# check, but the patient is told so (it got "follow the advice above": patient newcomer test).
_TAKEN_BACK = re.compile(
    r"\b(?:i )?meant (?:to say )?no\b|\bwrong (?:button|answer|one)\b|\b(?:pressed|tapped|clicked|"
    r"hit) (?:the )?(?:wrong|yes by)|\bby mistake\b|\bthat was a mistake\b|\bi didn'?t mean (?:to "
    r"say )?yes\b",
    re.IGNORECASE,
)


def takes_back_answer(text: str | None) -> bool:
    """Whether `text`, after the advice, says an answer was given by mistake."""
    return bool(_TAKEN_BACK.search((text or "").replace("’", "'")))


def after_advice(det: Detection, slots: Mapping[str, Any]) -> tuple[list[str], Advice | None]:
    """What a message said after the advice was given: (the questions it answers yes that were
    not yes yet, the advice to give now when it is more urgent than the advice given, else None).
    A question counts when the words state it (`Detection.stated`), or name its own symptom
    (`states_at_question`) for a sign of this conversation or of this message: "now I'm
    coughing up blood and I can't breathe" after a clot's advice, "my face is drooping now"
    (each got "follow the advice above", and staff kept the milder flag: newcomer test)."""
    signs = set(slots.get(SIGNS_SLOT) or []) | set(det.triggered)
    # Told after the advice, a symptom is happening now: "my chest is crushing and goes into my
    # jaw" got "see a doctor today", not 911 (newcomer test). Only for the signs of this
    # conversation, this message or the patient's region: "I can't move my arm much" after a
    # back patient's fever advice was a fracture (review).
    relevant = set(regional_questions(slots.get("pain_locations"))) | {
        ask.slot for sign in WARNING_SIGNS if sign.name in signs for ask in sign.asks
    }
    now = set(det.features) | {"at_rest"} if set(det.features) - CONTEXT_FEATURES else set()
    yes = [slot for slot in det.stated if slot in relevant] + [
        ask.slot for sign in WARNING_SIGNS for ask in sign.asks
        if ask.slot in relevant and any(holds(condition, now) for condition in ask.stated_by)
    ] + [
        ask.slot for sign in WARNING_SIGNS if sign.name in signs for ask in sign.asks
        if states_at_question(det, ask.slot)
    ]  # fmt: skip
    yes = list(dict.fromkeys(yes))
    levels = [FLAGS_BY_SLOT[slot].advice for slot in yes]
    level = next((a for a in ADVICE_LEVELS if a in levels), None)
    given = slots.get("red_flag_advice")
    rank = ADVICE_LEVELS.index
    urgent = given is None or (level is not None and rank(level) < rank(given))
    return [s for s in yes if slots.get(s) is not True], level if level and urgent else None


def acknowledgement(
    next_slot: str | None, requested: str | None, slots: Mapping[str, Any]
) -> tuple[str, str] | None:
    """(response, the patient's words) to send before `next_slot` is asked for the first time,
    or None. Confirms when their words already answer it yes."""
    if not next_slot or next_slot == requested:
        return None
    note = (slots.get(NOTES_SLOT) or {}).get(next_slot)
    if not note or not note.get("note"):
        return None
    return (CONFIRM_RESPONSE if note.get("stated") else ACK_RESPONSE), str(note["note"])


def mention_for_later(
    det: Detection,
    requested: str,
    slots: Mapping[str, Any],
    before: Mapping[str, Any] | None = None,
) -> str | None:
    """The words of a message at the safety question `requested` that answer yes another
    question of this patient's screen still to be asked ("7, and my calf is swollen and hot" at
    the breathing question, which got only "I need a yes or a no": patient newcomer test): that
    question comes in its turn, confirming them; this one is asked again. None otherwise, and
    for a question never asked of this patient ("I fell off my bike" at a knee's fracture
    question was put off for the trunk's fall question four times: review) or already put off
    by a message `before` this one (said again, it counts as a message with no answer)."""
    order = set(screen_order(slots, []))
    told = (before or {}).get(NOTES_SLOT) or {}
    later = [
        s for s in det.stated
        if s != requested and slots.get(s) is None and s in order
        and not (told.get(s) or {}).get("stated")
    ]  # fmt: skip
    return next((det.note(slot=s) for s in later if det.note(slot=s)), None)


def unplaced_mention(det: Detection, slots: Mapping[str, Any]) -> str | None:
    """The words of a sign mentioned now whose questions were all answered already (so no
    question will acknowledge it): the reply says it was noted instead."""
    for name in det.triggered:
        if all(slots.get(a.slot) is not None for a in SIGNS_BY_NAME[name].asks):
            return det.note(sign=name) or None
    return None

