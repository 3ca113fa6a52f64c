"""The screen that fits the presentation: which red-flag questions a patient is asked, in which
order, and what their own words already told us.

- The region screen: the questions of every sign whose `regions` cover a body part the patient
  named (`bot.warning_signs`); a back or neck patient gets the five spine questions, a knee or
  shoulder patient only the general ones (fever, cancer or weight loss, trauma). No body part
  known, or one the table does not know: the spine screen, the cautious default.
- Triggered signs: a warning sign found in any message (the first one, a correction, at the
  booking step) puts its questions first, most urgent first, even mid-form.
- What the patient said is acknowledged ("You mentioned your chest feels heavy...") before the
  question it concerns, and a question their words already answer yes is confirmed.

Slots: `warning_signs` (sign names, in the order found), `screen_notes` ({slot: {"note": the
patient's words in the second person, "stated": whether they answer it yes}}) and
`screen_unsure` (bot.triage.UNSURE_SLOT).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from bot.symptoms import Found, find_features
from bot.triage import (
    ADVICE_LEVELS,
    ALL_FLAG_SLOTS,
    DENIED_SUFFIX,
    FLAGS_BY_SLOT,
    UNCONFIRMED_SUFFIX,
    UNSURE_SLOT,
    Advice,
    red_flag_outcome,
)
from bot.warning_signs import (
    ALL_REGIONS,
    SIGNS_BY_NAME,
    WARNING_SIGNS,
    WarningSign,
    holds,
    parse_condition,
)

SIGNS_SLOT = "warning_signs"
NOTES_SLOT = "screen_notes"
_RANK = {level: n for n, level in enumerate(ADVICE_LEVELS)}
_KNOWN_REGIONS = frozenset(
    {"head", "jaw", "neck", "shoulder", "upper_back", "lower_back", "back", "chest", "abdomen",
     "pelvis", "hip", "buttock", "groin", "arm", "elbow", "wrist", "hand", "leg", "thigh",
     "knee", "lower_leg", "ankle", "foot", "widespread"}
)


def _by_urgency(slots: Iterable[str]) -> list[str]:
    """Stable: most urgent advice first, table order within a level."""
    unique = list(dict.fromkeys(slots))
    return sorted(unique, key=lambda s: (_RANK[FLAGS_BY_SLOT[s].advice], ALL_FLAG_SLOTS.index(s)))


@dataclass(frozen=True)
class Detection:
    """What one message says: the features found, the signs they trigger, the questions they
    already answer yes (`stated`) and the questions they relate to (`noted`)."""

    text: str
    features: Mapping[str, Found]
    triggered: tuple[str, ...]
    stated: tuple[str, ...]
    noted: tuple[str, ...]
    given: frozenset[str] = frozenset()  # place features of the intake's regions (`detect`)

    @property
    def advice(self) -> Advice | None:
        """The advice the patient gets when they confirm what they said: the most urgent
        advice of the questions their words answer yes; None when there is none."""
        levels = {FLAGS_BY_SLOT[slot].advice for slot in self.stated}
        return next((level for level in ADVICE_LEVELS if level in levels), None)

    @property
    def mentions_warning_sign(self) -> bool:
        """Whether the message should (re)open the screen: a sign triggered or a question
        answered by the patient's words."""
        return bool(self.triggered or self.stated)

    def note(self, slot: str | None = None, sign: str | None = None) -> str:
        """The patient's words behind a question or a sign, in the second person."""
        names = self._features_of(slot, sign)
        spans = [self.features[n] for n in names if n in self.features]
        return second_person_note(self.text, spans) if spans else ""

    def _features_of(self, slot: str | None, sign: str | None) -> set[str]:
        chosen = [s for s in WARNING_SIGNS if s.name == sign or slot in {a.slot for a in s.asks}]
        names: set[str] = set()
        for item in chosen:
            conditions = [*item.triggers, *(c for a in item.asks for c in a.stated_by)]
            for condition in conditions:
                if holds(condition, set(self.features) | self.given):
                    names |= {n for group in _groups(condition) for n in group}
            names |= {n for a in item.asks if a.slot == slot for n in a.noted_by}
        return names


def _groups(condition: str) -> list[list[str]]:
    return [part.strip().split("|") for part in condition.split("+")]


# The place features a body region of the intake gives a later message (data dictionary
# regions): "it's gone hot and red today and I've got chills" at a knee patient's booking step
# is a hot joint with a fever (it got the fever question's "contact a doctor promptly": newcomer
# test).
REGION_FEATURES: dict[str, frozenset[str]] = {
    "knee": frozenset({"joint", "lower_limb"}), "ankle": frozenset({"joint", "lower_limb"}),
    "hip": frozenset({"joint", "lower_limb", "hip"}), "foot": frozenset({"lower_limb"}),
    "elbow": frozenset({"joint"}), "wrist": frozenset({"joint"}),
    "shoulder": frozenset({"joint", "upper_body"}), "arm": frozenset({"upper_body"}),
    "jaw": frozenset({"jaw", "upper_body"}), "neck": frozenset({"neck", "upper_body"}),
    "upper_back": frozenset({"upper_body", "back_belly"}),
    "lower_back": frozenset({"back_belly"}), "back": frozenset({"back_belly"}),
    "abdomen": frozenset({"back_belly"}),
    "lower_leg": frozenset({"calf_leg"}), "leg": frozenset({"calf_leg"}),
    "thigh": frozenset({"calf_leg"}),
}  # fmt: skip


def regions_of(slots: Mapping[str, Any]) -> tuple[str, ...]:
    """The regions of the intake's `pain_locations`."""
    return tuple(str(loc.get("region")) for loc in slots.get("pain_locations") or []
                 if isinstance(loc, dict) and loc.get("region"))  # fmt: skip


def detect(text: str | None, regions: Iterable[str] = ()) -> Detection:
    """Find the warning signs in one message; `regions`: the body regions the intake knows,
    whose place features (`REGION_FEATURES`) a message that names a symptom need not repeat.
    Pure; regular expressions only."""
    text = (text or "")[:2000].replace("’", "'")
    features = find_features(text)
    names = set(features)
    given: frozenset[str] = frozenset()
    if names - CONTEXT_FEATURES:  # a place alone names no symptom
        given = frozenset(f for r in regions for f in REGION_FEATURES.get(r, ())) - names
        if "calf_leg" in names:
            # a symptom said of the calf is the calf's, not the knee's: "my calf is swollen and
            # hot since my op" at a knee intake was asked about a joint infection, and staff
            # read "Possible joint infection" (fourth newcomer pass)
            given -= {"joint"}
        names |= given
    stated: list[str] = []
    noted: list[str] = []
    triggered: list[str] = []
    for sign in WARNING_SIGNS:
        said = [a.slot for a in sign.asks if any(holds(c, names) for c in a.stated_by)]
        stated += said
        noted += [a.slot for a in sign.asks if names & set(a.noted_by)]
        # A screen's own question (every patient's, or a region's with no trigger: the trauma
        # question, the limbs' fracture question) is confirmed where its screen asks it, never
        # put first: "I fell" is no reason to ask a knee patient the spine's trauma question.
        asks_anyway = sign.regions == ALL_REGIONS or not sign.triggers
        if any(holds(c, names) for c in sign.triggers) or (said and not asks_anyway):
            triggered.append(sign.name)
    found = Detection(text, features, tuple(triggered), tuple(_by_urgency(stated)),
                      tuple(s for s in dict.fromkeys(noted) if s not in stated), given)
    told = [slot for slot in told_emergency(found) if slot not in stated]
    if not told:
        return found
    # told so plainly it is 911 at once: its questions are stated and its signs triggered, so
    # that it opens the screen wherever it is said ("mornings. Also, no chest pain but my left
    # arm hurts and im sweating and sick" at the booking step was taken as a time: pass C)
    signs = [_FIRST_SIGN_ASKING[slot] for slot in told]
    return Detection(text, features, tuple(dict.fromkeys([*triggered, *signs])),
                     tuple(_by_urgency([*stated, *told])),
                     tuple(s for s in found.noted if s not in told), given)


# Features that say where or on what occasion rather than what is felt. At a question asked
# about that place or occasion, an answer need not repeat them: "I've had some double vision"
# at the neck question. Risk context (age, smoking, history) is never taken as given.
CONTEXT_FEATURES = frozenset({
    "neck", "neck_move", "neck_trauma", "manipulation", "back_belly", "upper_body", "jaw",
    "calf_leg", "lower_limb", "exertion", "joint", "hip",
})  # fmt: skip


# A symptom word with a no, a question mark or a cause beside it is no plain yes: "dizzy? nah",
# "only dizzy when I stand up too fast", "weak because of the shoulder" (review).
_QUALIFIED = re.compile(
    r"\b(?:no|not|nah|nope|never|because|cause|cos|coz|only (?:when|if|after)|when i (?:stand|"
    r"get up|sit up)|"
    r"from the|after (?:the|my) (?:gym|workout|run)|dont|didnt|cant|wont|isnt|wasnt|havent|"
    r"hasnt|doesnt)\b|n't\b",
    re.IGNORECASE,
)
_CLAUSE_MARK = re.compile(r"[.;!\n]")
# A symptom that is itself a "can't": "coughing up blood and I can't breathe" is plain (the
# "can't" made it qualified, and the 911 sign after advice got "follow the advice above": review)
_SYMPTOM_TOLD_NEGATIVELY = re.compile(
    r"\b(?:can'?t|cannot|couldn'?t|unable to) (?:breathe|catch (?:my|his|her) breath|feel|move|"
    r"lift|walk|stand|speak|talk|swallow|see|use|get (?:my|the) words)\b"
    # "hes not breathing" (it was asked "are you struggling to ...": second newcomer pass); not
    # "not breathing well through my nose"
    r"|\b(?:not|isn'?t|is not|stopped|has stopped) breathing\b(?! (?:well|properly|easily|easy|"
    r"right|normally|through|out|deeply|very|as|so))",
    re.IGNORECASE,
)


def plain(text: str, found: Found) -> bool:
    """Whether the symptom at `found` is said plainly: no question mark right after it, and no
    no-word or cause in its sentence ("not sudden, it crept up. felt faint once" is plain)."""
    if "?" in text[found.end:found.end + 3]:
        return False
    start = max((m.end() for m in _CLAUSE_MARK.finditer(text, 0, found.start)), default=0)
    stop = _CLAUSE_MARK.search(text, found.end)
    sentence = _SYMPTOM_TOLD_NEGATIVELY.sub("", text[start:stop.start() if stop else len(text)])
    return not _QUALIFIED.search(sentence)


def states_at_question(det: Detection, slot: str, *, hedged: bool = False) -> bool:
    """Whether a message answers yes to the red-flag question `slot` it was typed at by naming
    the question's own symptom: one of its `answered_by`, or a condition of its `stated_by` that
    holds when the groups that are only place or context (`CONTEXT_FEATURES`) are taken as given
    by the question. `hedged`: the message also says no or "not sure" ("no not really, it's
    just a bit warm"): only a `stated_by` condition counts, and the question is clarified."""
    names = set(det.features)
    if not names - CONTEXT_FEATURES:
        return False  # a place or a context alone names no symptom
    asks = [a for s in WARNING_SIGNS for a in s.asks if a.slot == slot]
    named = [det.features[n] for a in asks for n in a.answered_by if n in det.features]
    if not hedged and any(plain(det.text, found) for found in named):
        return True  # one of the symptoms the question names, said plainly
    conditions = [c for a in asks for c in a.stated_by]
    return any(_holds_at_question(parse_condition(c), names) for c in conditions)


def _holds_at_question(groups: tuple[frozenset[str], ...], names: set[str]) -> bool:
    """A condition at its own question: its place and context groups are given by the question,
    its symptom groups must be said. One of only place and context ("jaw + exertion") must be
    said in full: "I feel dizzy" after the chest advice was a yes to it (review)."""
    symptoms = [group for group in groups if not group <= CONTEXT_FEATURES]
    return all(group & names for group in symptoms or groups)


_FAST = frozenset({"face_numb", "one_side_weak", "dysarthria"})


def told_emergency(det: Detection) -> list[str]:
    """The 911 questions a message answers yes so plainly that no confirming question comes
    first: a heart attack or a stroke named as happening now, breathing that fails (not on
    exertion), or two of the stroke signs (F.A.S.T.: face, arm, speech). "I think I'm having a
    stroke", "i can't breathe", "my wife cant move her left arm and her words are coming out
    wrong" each got "Just to check I have that right" before any advice (newcomer test)."""
    names = set(det.features)
    told: list[str] = []
    if "heart_attack_now" in names:
        told.append("rf_chest_now")
    if "stroke_now" in names or len(_FAST & names) >= 2:
        told.append("rf_stroke")
    if "cant_breathe" in names and "exertion" not in names and plain(
        det.text, det.features["cant_breathe"]
    ):
        told.append("rf_breathing_now")
    # chest pain now with sweating or breathlessness, the AHA's heart attack: "my dad is having
    # chest pain and sweating right now" was asked of the writer, and their "no" cleared it
    if {"chest_pain", "chest_heavy"} & names and "at_rest" in names and {
        "cardiac_companion", "breathless", "cant_breathe"
    } & names and "rf_chest_now" not in told:
        told.append("rf_chest_now")
    # ... and without chest pain: the arm or jaw with a sweat and breathlessness, or the jaw
    # and an arm with a sweat, not on exertion (the AHA's other warning signs: "my jaw and left
    # arm ache, im sweating buckets and cant catch my breath, no chest pain tho", then "no" to
    # the chest and exertion questions, was offered a booking: fourth newcomer pass)
    companion = (
        "cardiac_companion" in names and "exertion" not in names
        and not _AFTER_EFFORT.search(det.text)  # sweaty and out of breath after a run
    )
    breathless = bool({"breathless", "cant_breathe"} & names)
    arm_and_jaw = "jaw" in names and _ARM.search(det.text) is not None
    # ... or the arm, jaw, neck or upper back with a cold sweat (or gone grey) and another of
    # the other signs, nausea or light-headedness ("no chest pain but my left arm hurts and im
    # sweating and sick to my stomach, started 2 hours ago sitting on the couch" was booked:
    # fifth newcomer pass); not with a fever, nor from medicines
    kinds = companion_kinds(det.text, det.features)
    two_others = len(kinds) >= 2 and kinds & {"sweat", "pale"} and "fever" not in names and not (
        _MEDICINE.search(det.text)
    )
    if companion and "upper_body" in names and (breathless or arm_and_jaw or two_others) and (
        "rf_chest_now" not in told
    ):
        told.append("rf_chest_now")
    if "collapse_now" in names:
        told.append("rf_collapse_now")
    return told


_ARM = re.compile(r"\barms?\b", re.IGNORECASE)
# The AHA's other warning signs, each a kind of its own: "sweaty and clammy" is one kind.
_COMPANION_KINDS = {
    "sweat": re.compile(r"\b(sweat(s|ing|y)?|clammy|cold sweat)\b", re.IGNORECASE),
    "nausea": re.compile(
        r"\b(nause\w*|feel(s|ing)? sick|sick to (my|his|her) stomach|vomit\w*|throw(ing)? up|"
        r"threw up)\b", re.IGNORECASE),
    "light_headed": re.compile(r"\b(light[- ]?headed|faint\w*|dizzy)\b", re.IGNORECASE),
    "pale": re.compile(r"\b(looks?|looking|gone|went|turned) (grey|gray|ashen|pale)\b",
                       re.IGNORECASE),
}
# Another cause said for the sweat or the sickness: a medicine said to cause it (not any tablet:
# "took my blood pressure tablets this morning, now my left arm hurts, im sweating and feel
# sick" is a heart patient: review), an illness, the heat, or exercise.
_MEDICINE = re.compile(
    r"\b(pills?|tablets?|painkillers?|meds|medicines?|medication|tramadol|codeine|ibuprofen|"
    r"naproxen|antibiotics?)\b[^.!?]{0,20}\b(make|makes|made|making|give|gives|giving|gave)\b"
    r"|\b(from|because of|cause of|due to|side effects? of) (the |my |taking )?(pills?|tablets?|"
    r"painkillers?|meds|medicines?|medication|tramadol|codeine|antibiotics?)\b"
    r"|\b(hangover|hungover|flu|covid|a bug|stomach bug|virus|food poisoning)\b"
    r"|\b(hot|heat|humid|warm) (today|outside|in here|weather|day)|\b(it'?s|its) (so |really )?"
    r"hot\b|\bexercis\w*|\bphysio\b|\bstretch\w*|\bsauna\b", re.IGNORECASE)


def companion_kinds(text: str, features: Mapping[str, Found]) -> set[str]:
    """The kinds of the AHA's other heart attack warning signs a message names, not negated:
    "sweat", "nausea", "light_headed", "pale"; `features`: the message's (`find_features`),
    already found by `detect`."""
    if "cardiac_companion" not in features and "nausea" not in features:
        return set()
    kinds = set()
    for kind, pattern in _COMPANION_KINDS.items():
        kinds |= {kind for m in pattern.finditer(text)
                  if not _negated_before(text[max(0, m.start() - 20):m.start()])}
    return kinds


_NEGATED_BEFORE = re.compile(r"\b(no|not|never|without|nor)\b[^.,;!?]*$|n't\b[^.,;!?]*$",
                             re.IGNORECASE)
_NEGATION_UNDONE = re.compile(r"(can'?t|cannot|couldn'?t|won'?t) stop\W*$|\bbut\b",
                              re.IGNORECASE)


def _negated_before(window: str) -> bool:
    """Whether the words just before a sign deny it: "no sweating", not "i can't stop
    sweating" nor "its not too bad but im sweating" (review)."""
    return bool(_NEGATED_BEFORE.search(window)) and not _NEGATION_UNDONE.search(window)
_AFTER_EFFORT = re.compile(
    r"\b(after|from|during|at) (my |a |the |)?(run|running|workout|gym|training|exercise|game|"
    r"match|hike|ride|swim|class|session|spin|practice)\b|\b(workout|working out|at the gym)\b",
    re.IGNORECASE,
)


# Features that say who or what risk, not what is felt: no symptom to note on their own.
_RISK_CONTEXT = frozenset({"old_age", "over_50", "smoker", "cancer_hx", "clot_risk", "leg_surgery",
                           "not_recent", "small_child", "cleared", "one_side", "rheumatoid",
                           # when, not what: "I am free right now" (review)
                           "at_rest", "night", "sudden", "constant", "eases_rest",
                           "position_independent"})


def symptom_note(text: str | None) -> str:
    """The patient's words for the symptoms a message names (any feature of `bot.symptoms`
    that is not a place, an occasion or a risk), in the second person; "" when it names
    none. "dizzy" typed at the duration question got "Sorry, I can't help with that" (fifth
    newcomer pass): the reply now says it was noted."""
    text = (text or "")[:2000].replace("’", "'")
    features = find_features(text)
    spans = [f for name, f in features.items()
             if name not in CONTEXT_FEATURES and name not in _RISK_CONTEXT]
    return second_person_note(text, spans) if spans else ""


def question_symptoms(slot: str) -> frozenset[str]:
    """The symptoms a red-flag question asks about: the features of its `stated_by` that are not
    place or context (`CONTEXT_FEATURES`); never its `noted_by` ("just tingly" at the weakness
    question is a related symptom, not weakness)."""
    names: set[str] = set()
    for sign in WARNING_SIGNS:
        for ask in sign.asks:
            if ask.slot == slot:
                names.update(n for c in ask.stated_by for g in parse_condition(c) for n in g)
                names.update(ask.answered_by)
    return frozenset(names - CONTEXT_FEATURES)


def regional_questions(locations: list[dict[str, Any]] | None) -> list[str]:
    """The questions every patient with these body parts is asked, most urgent first."""
    regions = {str(loc.get("region")) for loc in locations or [] if loc.get("region")}
    if not regions or not regions <= _KNOWN_REGIONS:
        regions = {"lower_back"}  # unknown: the full spine screen
    chosen = [s for s in WARNING_SIGNS if s.regions == ALL_REGIONS or s.regions & regions]
    return _by_urgency(
        a.slot for s in chosen for a in s.asks if not s.regional_asks or a.slot in s.regional_asks
    )


def triggered_questions(slots: Mapping[str, Any]) -> list[str]:
    """The questions of the signs found so far (slot `warning_signs`), most urgent first."""
    signs: list[WarningSign] = [
        SIGNS_BY_NAME[n] for n in slots.get(SIGNS_SLOT) or [] if n in SIGNS_BY_NAME
    ]
    return _by_urgency(a.slot for s in signs for a in s.asks)


# The sign each question belongs to: the table's first that asks it.
_FIRST_SIGN_ASKING: dict[str, str] = {}
for _sign in WARNING_SIGNS:
    for _ask in _sign.asks:
        _FIRST_SIGN_ASKING.setdefault(_ask.slot, _sign.name)


def unconfirmed_flags(slots: Mapping[str, Any]) -> list[str]:
    """`<sign name>_unconfirmed` for each sign the patient's own words raised with a question
    not yet answered, when the screen gave no advice: a patient who said "my calf is swollen
    and hot since my knee surgery" and stopped at the first clot question is flagged for staff
    (signed-SMS newcomer test), never lost. One per sign, never per question (staff read
    "breathlessness" the patient never mentioned). Empty once the questions are answered.

    A question the patient's words answered yes before it was asked (`screen_notes`
    "stated") counts too: "knee pain after fall yesterday cant put weight on it", then "stop"
    before the fracture question, left staff no flag (third newcomer pass)."""
    if red_flag_outcome(slots) is not None:
        return []
    answered = {s for s in ALL_FLAG_SLOTS if slots.get(s) is not None}
    answered |= set(slots.get(UNSURE_SLOT) or [])
    stated = [slot for slot, note in (slots.get(NOTES_SLOT) or {}).items()
              if (note or {}).get("stated") and slot not in answered]
    names = [n for n in slots.get(SIGNS_SLOT) or [] if n in SIGNS_BY_NAME]
    names += [_FIRST_SIGN_ASKING[slot] for slot in stated if slot in _FIRST_SIGN_ASKING]
    labels: list[str] = []
    covered: set[str] = set()  # one label per question: "dvt", not also "dvt_risk"
    for name in dict.fromkeys(names):
        open_slots = {ask.slot for ask in SIGNS_BY_NAME[name].asks} - answered
        if open_slots - covered:
            labels.append(name + UNCONFIRMED_SUFFIX)
        covered |= open_slots
    return labels


def denied_flags(slots: Mapping[str, Any]) -> list[str]:
    """`<sign name>_denied` for each sign whose question the patient's own words answered yes
    (`screen_notes`: "stated") and who then answered it no, when the screen gave no advice:
    "long haul flight yesterday, now my left calf is swollen and hot", then "no" to "You
    mentioned ... is that right?", left staff nothing to see (patient newcomer test). Staff
    check; the patient is booked as they asked. Kept beside another sign's advice: the calf
    they said was swollen, then denied, is still for staff to check when a later answer sent
    them to the emergency department (its note disappeared then: pass K)."""
    notes = slots.get(NOTES_SLOT) or {}
    # Every sign, triggered or not: "I have a temperature of 39 and chills", then no twice to
    # the fever question (a region screen's, never "triggered"), left staff nothing (patient
    # newcomer test).
    # one label per question: the sign the conversation raised first, else the table's first
    raised = [SIGNS_BY_NAME[n] for n in slots.get(SIGNS_SLOT) or [] if n in SIGNS_BY_NAME]
    covered: set[str] = set()
    labels: list[str] = []
    for sign in dict.fromkeys([*raised, *WARNING_SIGNS]):
        denied = {ask.slot for ask in sign.asks
                  if (notes.get(ask.slot) or {}).get("stated") and slots.get(ask.slot) is False}
        if denied - covered:
            labels.append(sign.name + DENIED_SUFFIX)
        covered |= denied
    return labels


def screen_order(slots: Mapping[str, Any], intake_slots: list[str]) -> list[str]:
    """The form's slots in the order asked: triggered signs' questions and the region screen's
    questions the patient's words answered yes at one of the intake's questions
    (`screen_notes`, "stated" and "next"), the intake's own questions, then the rest of the
    region screen. Once the screen has advice (a yes, or "not sure" to a question that needs
    it), only what was answered: nothing more is asked."""
    regional = regional_questions(slots.get("pain_locations"))
    notes = slots.get(NOTES_SLOT) or {}
    # "8, and ive had a fever of 102 since yesterday" at the pain score: the fever question
    # comes next, with their words, not after the intake's questions (patient newcomer test).
    stated = [s for s in regional if {"stated", "next"} <= {k for k, v in
                                                            (notes.get(s) or {}).items() if v}]
    first = _by_urgency([*triggered_questions(slots), *stated])
    regional = [s for s in regional if s not in first]
    order = first + intake_slots + regional
    if red_flag_outcome(slots) is not None:
        return [s for s in order if slots.get(s) is not None]
    return order


# ---------------------------------------------------------------- the patient's words, echoed
_CLAUSE = re.compile(r"[^.!?;,\n]+")
_SWAPS = {
    "i": "you", "i'm": "you're", "im": "you're", "i've": "you've", "ive": "you've",
    "i'd": "you'd", "i'll": "you'll", "my": "your", "me": "you", "myself": "yourself",
    "mine": "yours", "am": "are", "was": "were",
}
_WORD = re.compile(r"[A-Za-z']+")
_FILLER = re.compile(
    r"^((and|also|plus|oh|so|but|btw|by the way|ps|well|ok|okay|anyway|one more thing|"
    r"just so you know|hi|hello|hey|hiya|yes|yeah|um|hmm|sorry|that'?s right|thats right|"
    # "i forgot to say i blacked out twice" ("You mentioned you forgot to say ...": sixth pass)
    r"(i )?forgot to (say|mention|tell you)( that)?|fyi|"
    # an answer or a question before the sign: "no but my legs are numb", "what should i do my
    # chest is crushing", "my name is jim and by the way ..." (seventh newcomer pass)
    r"no,? but|nope,? but|what (should|do|can|shall) (i|we) do( now)?|(my|the) name(?:'s| is) "
    r"\w+( \w+)?(?= and\b| but\b|[,.])|"
    # a question about it before the words: "should I worry my calf is swollen" (newcomer test)
    r"(should|do|does) (i|we) (be )?(worry|worried|concerned)( that| if| about)?|is it (bad|"
    r"normal) that|"
    # an answer to the question it was typed at, before the sign: "6 but also ..." (newcomer)
    r"\d+(/10)?( out of 10)?(?=\s*(,|\.|but\b|and\b|also\b)))\b[\s,:.-]*)+",
    re.IGNORECASE,
)
MAX_NOTE = 140


def _swap(match: re.Match[str], previous: list[str]) -> str:
    word = match.group(0)
    low = word.lower()
    if low in ("am", "was") and previous[-1:] != ["i"]:
        previous.append(low)
        return word  # "it was", not "it were"
    previous.append(low)
    return _SWAPS.get(low, word)


def second_person(text: str) -> str:
    """ "I've started tripping" -> "you've started tripping"."""
    previous: list[str] = []
    return _WORD.sub(lambda m: _swap(m, previous), text)


# A note that starts with a verb: the patient left out "I".
_NO_SUBJECT = re.compile(
    r"^(?:had|have|got|get|been|was|felt|feel|keep|kept|started|start|noticed|notice|woke|"
    r"fell|hurt|can'?t|cannot|couldn'?t|am|did|do|went|lost|haven'?t)\b",
    re.IGNORECASE,
)


_QUESTION = re.compile(
    r"^(do|does|did|could|can|is|are|am|should|would|will|what|why|how)\b (i|it|this|that|he|"
    r"she|they|my|his|her|you|we|there)\b", re.IGNORECASE)


def second_person_note(text: str, spans: list[Found]) -> str:
    """The clauses holding `spans` (from the first one's clause to the last one's), in the
    second person, without a leading "and" or "also", trimmed to `MAX_NOTE` characters."""
    clauses = [(m.start(), m.end()) for m in _CLAUSE.finditer(text)]
    # their question is not what they told: "do i have a blood clot? my calf is swollen"
    told = [s for s in spans if not any(a <= s.start < b and text[b:b + 1] == "?"
                                        for a, b in clauses)]
    spans = told or spans
    first, last = min(s.start for s in spans), max(s.end for s in spans)
    start = next((a for a, b in clauses if a <= first < b), 0)
    end = next((b for a, b in clauses if a < last <= b), len(text))
    if end - start > MAX_NOTE:
        end = next((b for a, b in clauses if a <= first < b), len(text))
    note = " ".join(text[start:end].split()).strip(" ,-")
    # a leading emoji ("👋 my calf") or the end of markup ("img src=x onerror=alert(1)> my calf")
    note = _FILLER.sub("", re.sub(r"^[^\w(]+", "", re.sub(r"<[^>]*>?|^[^<>]*\S>\s", "", note)))
    if len(note) > MAX_NOTE:
        note = note[:MAX_NOTE].rsplit(" ", 1)[0] + "..."
    if _QUESTION.match(note) or note.endswith("?"):
        # their question, in their words: "You mentioned you do you have a blood clot?" read
        # wrong (fifth newcomer pass)
        return f'"{note}"'
    note = second_person(note)
    note = note[:1].lower() + note[1:] if note[1:2].islower() else note
    # "had knee surgery last month": the patient left out "I"; "You mentioned had knee surgery"
    # read wrong (patient newcomer test); "been wetting myself": "you've been" (fifth pass)
    if note[:5].lower() == "been ":
        return f"you've {note}"
    return f"you {note}" if _NO_SUBJECT.match(note) else note
