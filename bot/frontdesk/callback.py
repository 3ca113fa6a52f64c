"""Who needs a call back, and what each urgent patient was told: one definition for the queue's
banner, its "Call back" tab, its counts, the JSON API and the intake page.

- Urgent: the dialogue stored status `urgent`, crisis language, or any red flag (`bot.triage`).
- A hand-off request: status `callback` or `callback_requested` (the patient asked for a call).
- Reached: a call back with the outcome `reached` was recorded (`IntakeFollowUp.called_back_at`;
  voicemail and no answer are recorded in `CallAttempt` and leave the patient pinned).
- Needs a call back: urgent or a hand-off request, and not yet reached.

Advice levels (`ADVICE_ORDER`, the order of the queue's pinned rows): call 911, emergency
department now, crisis (988), see a doctor today, contact a doctor promptly, then urgent intakes
whose level is unknown (an old status, only a "not sure" to a doctor-promptly question,
or a warning sign the patient mentioned and left before confirming: `_unconfirmed`, or said in
their own words and then answered no: `_denied`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import String, and_, case, cast, not_, or_

from bot.crisis_check import CHECK_UNANSWERED
from bot.frontdesk.models import IntakeFollowUp
from bot.intake.models import Intake
from bot.other_language import (
    EMERGENCY_SUFFIX,
    LANGUAGE_NAMES,
    PREFIX,
    is_language_flag,
)
from bot.other_language import flag_title as language_flag_title
from bot.triage import (
    ALL_FLAGS,
    DENIED_SUFFIX,
    UNANSWERED_SUFFIX,
    UNCONFIRMED_SUFFIX,
    UNSURE_SUFFIX,
    unsure_advice,
)
from bot.warning_signs import WARNING_SIGNS, staff_title

CRISIS = "crisis"
ADVICE_ORDER: tuple[str, ...] = ("call_911", "emergency", CRISIS, "doctor_today", "doctor")
ADVICE_LABELS: dict[str, str] = {
    "call_911": "Call 911 now",
    "emergency": "Emergency department now",
    CRISIS: "Crisis: 988 or 911",
    "doctor_today": "See a doctor today",
    "doctor": "Contact a doctor promptly",
}

_has_red_flags = and_(
    Intake.red_flags.isnot(None), cast(Intake.red_flags, String).notin_(("[]", "null"))
)
URGENT = or_(Intake.status == "urgent", Intake.crisis.is_(True), _has_red_flags)
HANDOFF = or_(Intake.status == "callback", Intake.callback_requested.is_(True))
REACHED = IntakeFollowUp.called_back_at.isnot(None)
NEEDS_CALL_BACK = and_(or_(URGENT, HANDOFF), not_(REACHED))
"""SQL: the intake (outer-joined with its `IntakeFollowUp`) needs a call back."""


def _label_advice() -> dict[str, str]:
    """Stored red-flag label -> the advice the patient got for it (`bot.triage`)."""
    levels: dict[str, str] = {}
    for flag in ALL_FLAGS:
        levels[flag.label] = flag.advice
        unsure = unsure_advice(flag.advice)
        if unsure:
            levels[flag.label + UNSURE_SUFFIX] = unsure
    for code in LANGUAGE_NAMES:  # told to call 911 by the notice in their language
        levels[PREFIX + code + EMERGENCY_SUFFIX] = "call_911"
    return levels


LABEL_ADVICE = _label_advice()


def _sort_advice() -> dict[str, str]:
    """`LABEL_ADVICE`, and for sorting only: a sign mentioned but not confirmed at its own
    level ("i can't breathe", then no answer, sorted below a confirmed sprain's "see a doctor
    today": newcomer test). The patient got no advice for it (`advice_level`)."""
    levels = dict(LABEL_ADVICE)
    for sign in WARNING_SIGNS:
        levels.setdefault(sign.name + UNCONFIRMED_SUFFIX, sign.advice)
    return levels


_SORT_ADVICE = _sort_advice()


def _mentions(label: str):  # type: ignore[no-untyped-def]
    return cast(Intake.red_flags, String).like(f'%"{label}"%')


def _advice_rank():  # type: ignore[no-untyped-def]
    whens = []
    for rank, level in enumerate(ADVICE_ORDER):
        if level == CRISIS:  # the crisis check left open sorts with the crisis answers
            whens.append((or_(Intake.crisis.is_(True), _mentions(CHECK_UNANSWERED)), rank))
            continue
        labels = [label for label, advice in _SORT_ADVICE.items() if advice == level]
        whens.append((or_(*(_mentions(label) for label in labels)), rank))
    return case(*whens, else_=len(ADVICE_ORDER))


ADVICE_RANK = _advice_rank()
"""SQL: the index of the intake's advice level in `ADVICE_ORDER` (its length when none)."""


def is_urgent(intake: Intake) -> bool:
    return intake.status == "urgent" or bool(intake.crisis) or bool(intake.red_flags)


def is_handoff(intake: Intake) -> bool:
    return intake.status == "callback" or bool(intake.callback_requested)


def needs_call_back(intake: Intake, followup: IntakeFollowUp | None) -> bool:
    """`NEEDS_CALL_BACK` for one loaded intake and its follow-up (None: nothing recorded)."""
    reached = followup is not None and followup.called_back_at is not None
    return (is_urgent(intake) or is_handoff(intake)) and not reached


def _only_denied(intake: Intake) -> bool:
    flags = intake.red_flags or []
    return (
        intake.status != "urgent" and not intake.crisis and bool(flags)
        and all(label.endswith(DENIED_SUFFIX) for label in flags)
    )


def call_back_state(intake: Intake, followup: IntakeFollowUp | None) -> str:
    """What the intake page's contact card says about a call back, by the one definition:
    "Reached", "Needed: urgent", "Needed: to check a warning sign they described, then answered
    no" (`bot.triage.DENIED_SUFFIX` labels only), "Needed: the patient asked for a call" or "Not
    needed"."""
    if followup is not None and followup.called_back_at is not None:
        return "Reached"
    if is_urgent(intake) and _only_denied(intake):
        # booked as they asked; said a warning sign, then answered its question no (it read
        # "Needed: urgent" for a patient with an appointment: review of the newcomer's findings)
        return "Needed: to check a warning sign they described, then answered no"
    if is_urgent(intake):
        return "Needed: urgent"
    if is_handoff(intake):
        return "Needed: the patient asked for a call"
    return "Not needed"


def advice_level(red_flags: Iterable[str] | None, crisis: bool) -> str | None:
    """The most urgent of `ADVICE_ORDER` the patient was given, or None."""
    levels = {LABEL_ADVICE.get(label) for label in red_flags or ()}
    if crisis:
        levels.add(CRISIS)
    return next((level for level in ADVICE_ORDER if level in levels), None)


@dataclass(frozen=True)
class Advice:
    """What an urgent patient was told: `level` (a key of `ADVICE_LABELS` or None), its
    `title` for staff, and `flags`, the staff titles of the red flags, most urgent first."""

    level: str | None
    title: str
    flags: tuple[str, ...]
    # when no advice was given (`level` None): why, for the intake page
    untold: str = "The patient has been given no advice."


def flag_title(label: str) -> str:
    if label == CHECK_UNANSWERED:
        return ("Possible crisis: asked about thoughts of self-harm and did not answer; no crisis "
                "advice given")
    title = language_flag_title(label) or staff_title(label)
    return title if title != label else label.replace("_", " ").capitalize()


def advice_for(intake: Intake) -> Advice:
    level = advice_level(intake.red_flags, bool(intake.crisis))
    ranked = sorted(
        intake.red_flags or [],
        key=lambda label: ADVICE_ORDER.index(LABEL_ADVICE.get(label, "doctor")),
    )
    flags = tuple(flag_title(label) for label in ranked)
    if intake.crisis:
        flags = ("Crisis language: given 988 and 911",) + flags
    untold = "The patient has been given no advice."
    if level:
        title = ADVICE_LABELS[level]
    elif flags and all(label.endswith(UNANSWERED_SUFFIX) for label in ranked):
        title = "Safety question not answered: staff to check"
        untold = "The patient has been given no advice: a safety question was not answered."
    elif flags and all(label.endswith(DENIED_SUFFIX) for label in ranked):
        # "not confirmed ... not answered" beside "then answered no" (pass L): they answered
        title = "Warning sign described, then answered no: staff to check"
        untold = ("The patient has been given no advice: they described a warning sign, then "
                  "answered its question no.")
    elif flags and all(label.endswith(UNCONFIRMED_SUFFIX) for label in ranked):
        title = "Warning sign mentioned, not confirmed: staff to check"
        untold = ("The patient has been given no advice: the safety questions about it are not "
                  "answered.")
    elif flags and all(label.endswith((UNCONFIRMED_SUFFIX, DENIED_SUFFIX)) for label in ranked):
        title = "Warning signs mentioned, not confirmed or answered no: staff to check"
    elif flags and all(is_language_flag(label) for label in ranked):
        title = "Wrote in another language: call back"
    else:
        title = "Red flags reported: staff to check" if flags else "Urgent"
    return Advice(level=level, title=title, flags=flags, untold=untold)
