"""Triage: the one home of the clinical rules that sort a patient.

- Pain class and stage by duration. Chronic pain is pain that persists or recurs for longer than
  3 months (IASP, Treede et al., "Chronic pain as a symptom or a disease", Pain 160(1):19-27,
  2019); the project draws the line at 12 weeks, as the data dictionary does. Subacute is 6 to
  12 weeks, the usual stage in low back pain guidelines (e.g. NICE NG59).
- The red-flag questions: for each, its slot, the advice the patient gets for a yes and the
  label staff see. The spine screen (`RED_FLAGS`) is every back or neck patient's: bladder,
  bowel or saddle symptoms and new leg weakness point to cauda equina syndrome or cord
  compression and need an emergency department now; fever, cancer or weight loss and trauma
  point to infection, malignancy or fracture and need a doctor promptly (IFOMPT International
  Framework for Red Flags, Finucane et al., JOSPT 50(7):350-372, 2020). `SIGN_FLAGS` are the
  questions of the warning signs by region and by symptom (`bot.warning_signs`, with sources).
- Advice levels, most urgent first: call 911 now, emergency department now, see a doctor today,
  contact a doctor promptly. A patient still not sure after the clarifying question is treated
  more cautiously than a no (`unsure_advice`) and flagged for staff.
- Crisis language (self-harm, suicide) has its own module, `bot.crisis`.
- What makes an intake urgent.

The domain's wording for each advice level is the response `utter_redflag_<advice>` and each
question's is `utter_ask_<slot>` in `domain.yml`; tests check that they match this table.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

CHRONIC_WEEKS = 12.0
SUBACUTE_WEEKS = 6.0

PainClass = Literal["acute", "chronic"]
PainStage = Literal["acute", "subacute", "chronic"]
Advice = Literal["call_911", "emergency", "doctor_today", "doctor"]


def class_for(weeks: float) -> PainClass:
    """`chronic` from `CHRONIC_WEEKS` weeks on, else `acute`."""
    return "chronic" if weeks >= CHRONIC_WEEKS else "acute"


def stage_for(weeks: float | None) -> PainStage | None:
    """`acute` under 6 weeks, `subacute` from 6 to under 12, `chronic` from 12; None if unknown."""
    if weeks is None:
        return None
    if weeks >= CHRONIC_WEEKS:
        return "chronic"
    return "subacute" if weeks >= SUBACUTE_WEEKS else "acute"


@dataclass(frozen=True)
class RedFlag:
    """One question of the screen: `slot` holds the yes/no answer, `label` is what staff see."""

    slot: str
    advice: Advice
    label: str

    @property
    def question(self) -> str:
        """The response that asks it: `utter_ask_<slot>` in domain.yml."""
        return f"utter_ask_{self.slot}"


# The spine screen, in the order it is asked.
RED_FLAGS: tuple[RedFlag, ...] = (
    RedFlag("rf_bladder_bowel", "emergency", "bladder_bowel"),
    RedFlag("rf_weakness", "emergency", "weakness"),
    RedFlag("rf_fever", "doctor", "fever"),
    RedFlag("rf_cancer_weight", "doctor", "cancer_weight"),
    RedFlag("rf_trauma", "doctor", "trauma"),
)
# The warning signs' questions, most urgent first (bot.warning_signs: which sign asks which).
SIGN_FLAGS: tuple[RedFlag, ...] = (
    RedFlag("rf_stroke", "call_911", "stroke"),
    RedFlag("rf_headache_sudden", "call_911", "thunderclap_headache"),
    RedFlag("rf_chest_now", "call_911", "cardiac_at_rest"),
    RedFlag("rf_breathing_now", "call_911", "breathing_difficulty"),
    RedFlag("rf_collapse_now", "call_911", "collapse"),
    RedFlag("rf_clot_breathing", "call_911", "dvt_breathing"),
    RedFlag("rf_aaa_sudden", "call_911", "aaa_sudden"),
    RedFlag("rf_neck_vascular", "emergency", "cervical_arterial"),
    RedFlag("rf_neck_instability", "emergency", "upper_cervical_instability"),
    RedFlag("rf_aaa_pulse", "emergency", "aaa"),
    RedFlag("rf_joint_infection", "emergency", "septic_joint"),
    RedFlag("rf_fall_cant_get_up", "emergency", "fall_cant_get_up"),
    RedFlag("rf_chest_exertion", "doctor_today", "cardiac_exertion"),
    RedFlag("rf_leg_clot", "doctor_today", "dvt"),
    RedFlag("rf_myelopathy", "doctor_today", "myelopathy"),
    RedFlag("rf_night_systemic", "doctor_today", "night_pain_systemic"),
    RedFlag("rf_fracture", "doctor_today", "fracture_signs"),
    RedFlag("rf_coughing_blood", "doctor_today", "coughing_blood"),
    RedFlag("rf_deformity", "emergency", "deformity"),
    RedFlag("rf_meningism", "emergency", "meningism"),
    RedFlag("rf_fainted", "doctor_today", "syncope"),
    RedFlag("rf_legs_numb", "emergency", "bilateral_leg_numbness"),
    RedFlag("rf_limb_cold", "emergency", "limb_ischaemia"),
    RedFlag("rf_gca_vision", "emergency", "gca_vision"),
    RedFlag("rf_gca", "doctor_today", "giant_cell_arteritis"),
    RedFlag("rf_spinal_infection", "emergency", "spinal_infection"),
    RedFlag("rf_head_injury", "emergency", "head_injury"),
)
ALL_FLAGS: tuple[RedFlag, ...] = RED_FLAGS + SIGN_FLAGS
RED_FLAG_SLOTS: tuple[str, ...] = tuple(flag.slot for flag in RED_FLAGS)
ALL_FLAG_SLOTS: tuple[str, ...] = tuple(flag.slot for flag in ALL_FLAGS)
FLAGS_BY_SLOT: dict[str, RedFlag] = {flag.slot: flag for flag in ALL_FLAGS}
EMERGENCY_FLAGS: tuple[str, ...] = tuple(
    f.slot for f in ALL_FLAGS if f.advice in ("call_911", "emergency")
)
ADVICE_LEVELS: tuple[Advice, ...] = ("call_911", "emergency", "doctor_today", "doctor")
UNSURE_SLOT = "screen_unsure"  # the questions answered "not sure" twice, in the order asked
UNSURE_SUFFIX = "_unsure"  # the staff label of such an answer: "weakness_unsure"
# The questions left with no answer after three messages, when a yes would not need an emergency
# department or 911: for staff to ask, with no advice (a sprain sent to urgent care after three
# "👍": newcomer test). Their staff label: "fracture_signs_unanswered".
UNANSWERED_SLOT = "screen_unanswered"
UNANSWERED_SUFFIX = "_unanswered"
# The staff label of a question of a warning sign the patient's own words raised, left
# unanswered when the intake was saved (they stopped or left first): "dvt_unconfirmed".
UNCONFIRMED_SUFFIX = "_unconfirmed"
# The staff label of a warning sign the patient's own words stated and who then answered its
# question no ("my left calf is swollen and hot" after a long flight, then "no"): "dvt_denied".
DENIED_SUFFIX = "_denied"
_UNSURE_ADVICE: dict[str, Advice] = {
    "call_911": "emergency",
    "emergency": "doctor_today",
    "doctor_today": "doctor_today",
}


def unsure_advice(advice: Advice) -> Advice | None:
    """The advice for "not sure" (after the clarifying question) to a question whose yes gets
    `advice`: one level less urgent, but a doctor today at least when a yes needs one that day
    or sooner; None for a doctor-promptly question (the staff flag is enough)."""
    return _UNSURE_ADVICE.get(advice)


def _unsure(slots: Mapping[str, Any]) -> list[RedFlag]:
    return [FLAGS_BY_SLOT[s] for s in slots.get(UNSURE_SLOT) or [] if s in FLAGS_BY_SLOT]


def red_flag_outcome(slots: Mapping[str, Any]) -> Advice | None:
    """The most urgent of `ADVICE_LEVELS` among the questions answered yes and those answered
    "not sure" (`unsure_advice`); None when there is none."""
    levels = {flag.advice for flag in ALL_FLAGS if slots.get(flag.slot) is True}
    levels |= {unsure_advice(flag.advice) for flag in _unsure(slots)}
    return next((level for level in ADVICE_LEVELS if level in levels), None)


def red_flags(slots: Mapping[str, Any]) -> list[str]:
    """The staff labels of the questions answered yes, in table order, then `<label>_unsure`
    for each one answered "not sure" and `<label>_unanswered` for each left with no answer."""
    yes = [flag.label for flag in ALL_FLAGS if slots.get(flag.slot) is True]
    unanswered = [FLAGS_BY_SLOT[s] for s in slots.get(UNANSWERED_SLOT) or [] if s in FLAGS_BY_SLOT]
    return (
        yes
        + [flag.label + UNSURE_SUFFIX for flag in _unsure(slots)]
        + [flag.label + UNANSWERED_SUFFIX for flag in unanswered]
    )


def is_urgent(slots: Mapping[str, Any], crisis: bool = False) -> bool:
    """Urgent: crisis language, or any advice from the screen. Urgent intakes are never booked."""
    return crisis or red_flag_outcome(slots) is not None
