"""Warning signs by body region and by symptom: the triage table of the screen beyond the spine.

Each entry (`WarningSign`) says:
- what triggers it: body `regions` whose screen always asks its questions, and `triggers`,
  combinations of features found in the patient's own words (`bot.symptoms`): symptoms and
  risk context such as recent surgery, immobility, long travel, age or smoking;
- the questions to ask (`asks`, red-flag slots of `bot.triage`, most urgent first), each with
  the words that already answer it yes (`stated_by`: the question is then confirmed, not asked
  as if new) or that relate to it (`noted_by`: acknowledged when it is asked);
- its advice level (the most urgent of its questions' advice in `bot.triage`), its staff label
  and category (`name`, `title`) and its `source`.

A condition is written "a|b + c": feature a or b, and feature c.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from bot.triage import (
    ADVICE_LEVELS,
    ALL_FLAGS,
    DENIED_SUFFIX,
    FLAGS_BY_SLOT,
    UNANSWERED_SUFFIX,
    UNCONFIRMED_SUFFIX,
    UNSURE_SUFFIX,
    Advice,
)

SPINE_REGIONS = frozenset({"neck", "upper_back", "lower_back", "back", "buttock"})
ALL_REGIONS = frozenset({"*"})  # every patient
# The limbs: after an injury, a fracture is screened by what the patient can do with the limb
# (the Ottawa rules), not by the injury itself; every other region keeps the trauma question.
LIMB_REGIONS = frozenset(
    {"shoulder", "arm", "elbow", "wrist", "hand", "hip", "thigh", "leg", "knee", "lower_leg",
     "ankle", "foot"}
)  # fmt: skip
TRUNK_REGIONS = frozenset(
    {"head", "jaw", "neck", "upper_back", "lower_back", "back", "chest", "abdomen", "pelvis",
     "buttock", "groin", "widespread"}
)  # fmt: skip

IFOMPT_RED_FLAGS = (
    "Finucane LM et al. International Framework for Red Flags for Potential Serious Spinal "
    "Pathologies. JOSPT 2020;50(7):350-372"
)
IFOMPT_CERVICAL = (
    "Rushton A et al. International Framework for Examination of the Cervical Region for "
    "Potential of Vascular Pathologies of the Neck Prior to Musculoskeletal Intervention "
    "(IFOMPT, 2020); JOSPT 2023;53(1):7-22"
)
GOODMAN = (
    "Goodman CC, Heick JD. Differential Diagnosis for Physical Therapists: Screening for "
    "Referral, 6th ed. Elsevier 2018"
)
WELLS = (
    "Wells PS et al. Value of assessment of pretest probability of deep-vein thrombosis in "
    "clinical management. Lancet 1997;350:1795-1798"
)
SEPTIC_ARTHRITIS = (
    "Mathews CJ et al. Bacterial septic arthritis in adults. Lancet 2010;375:846-855: a hot, "
    "swollen, painful joint, with or without fever, is septic arthritis until shown otherwise"
)
BREATHING = (
    "MedlinePlus (US National Library of Medicine). Breathing difficulties - first aid: call 911 "
    "for severe difficulty breathing"
)
UNCONSCIOUS = (
    "MedlinePlus (US National Library of Medicine). Unconsciousness - first aid: call 911 for a "
    "person who has collapsed, is not responding or does not wake up"
)
COUGHING_BLOOD = (
    "MedlinePlus (US National Library of Medicine). Coughing up blood: contact a provider for "
    "any coughing up of blood; call 911 for more than a few teaspoons"
)
HIP_FRACTURE = (
    "American Academy of Orthopaedic Surgeons. Hip Fractures (OrthoInfo): a fall with hip pain "
    "and inability to get up or stand needs emergency care"
)
AHA = "American Heart Association. Warning Signs of a Heart Attack (heart.org)"
AAOS_FRACTURES = (
    "American Academy of Orthopaedic Surgeons, OrthoInfo: Fractures (Broken Bones), "
    "https://orthoinfo.aaos.org/en/diseases--conditions/fractures-broken-bones/"
)
OTTAWA = (
    "Stiell IG et al. Decision rules for the use of radiography in acute ankle injuries. JAMA "
    "1993;269:1127-1132; Stiell IG et al. Prospective validation of a decision rule for the use "
    "of radiography in acute knee injuries. JAMA 1996;275:611-615"
)
MENINGITIS = (
    "Centers for Disease Control and Prevention. Meningitis: Symptoms and Complications "
    "(cdc.gov/meningitis): sudden fever, headache and a stiff neck, often with sensitivity to "
    "light and confusion; seek medical care right away"
)
SYNCOPE = (
    "American Heart Association. Syncope (Fainting) (heart.org): fainting can be a sign of a "
    "serious heart or other condition and should be evaluated by a doctor"
)
NICE_SCIATICA = (
    "NICE Clinical Knowledge Summaries. Sciatica (lumbar radiculopathy), 2023: arrange "
    "emergency assessment for suspected cauda equina syndrome, including bilateral "
    "neurological deficit of the legs (weakness or sensory loss)"
)
LIMB_ISCHAEMIA = (
    "Society for Vascular Surgery. Acute Limb Ischemia: a limb that suddenly turns cold, pale "
    "and painful, numb or weak (the 6 Ps) is an emergency"
)
GCA = (
    "Ponte C et al. 2022 American College of Rheumatology/EULAR classification criteria for "
    "giant cell arteritis. Ann Rheum Dis 2022;81:1647-1653 (age 50 or over; new temporal "
    "headache, scalp tenderness, jaw or tongue claudication, sudden visual loss); Mackie SL et "
    "al. British Society for Rheumatology guideline on diagnosis and treatment of giant cell "
    "arteritis. Rheumatology 2020;59:e1-e23 (suspected GCA: same-day assessment; visual "
    "symptoms: immediate)"
)
SIGHT_LOSS = (
    "American Academy of Ophthalmology. Eye emergencies (aao.org): sudden loss of vision, even "
    "if it comes back, needs emergency care"
)
NICE_HEAD_INJURY = (
    "NICE NG232 (2023). Head injury: assessment and early management, 1.1.3 (who to refer to "
    "the emergency department)"
)
STROKE = "American Stroke Association. Stroke Symptoms (stroke.org): sudden severe headache"
STROKE_FAST = (
    "American Stroke Association. Stroke Symptoms, F.A.S.T. (stroke.org): face drooping, arm "
    "weakness, speech difficulty: time to call 911"
)


@dataclass(frozen=True)
class Ask:
    """A question of a sign: its red-flag slot, the conditions under which the patient's words
    already answer it yes, and the features it acknowledges when it is asked."""

    slot: str
    stated_by: tuple[str, ...] = ()
    noted_by: tuple[str, ...] = ()
    # The symptoms its question names, any one of which said at the question answers it yes
    # ("not sudden, it crept up. felt faint once" at "... or do you feel faint, dizzy or
    # clammy?" was asked again without a word why: patient newcomer test).
    answered_by: tuple[str, ...] = ()
    # Questions of the region screen its question also asks, answered with it: the joint
    # infection question asks about a fever, so the fever question is not asked after it.
    also_answers: tuple[str, ...] = ()


@dataclass(frozen=True)
class WarningSign:
    name: str
    title: str
    asks: tuple[Ask, ...]
    source: str
    regions: frozenset[str] = frozenset()
    triggers: tuple[str, ...] = ()
    # The questions asked of every patient in `regions` (empty: all of `asks`); the others wait
    # for a trigger in the patient's words.
    regional_asks: tuple[str, ...] = ()
    context: tuple[str, ...] = field(default=())  # the risk-context features it reads
    # (feature, sign): a feature said later in the conversation that opens a fuller sign, with
    # more questions ("I do get breathless" after a knee replacement: the breathing question)
    opens: tuple[tuple[str, str], ...] = ()

    @property
    def advice(self) -> Advice:
        """The most urgent advice one of its questions can give."""
        levels = {FLAGS_BY_SLOT[ask.slot].advice for ask in self.asks}
        return next(level for level in ADVICE_LEVELS if level in levels)


# The calf question, of the clot sign and of its risk context alone.
LEG_CLOT = Ask(
    "rf_leg_clot",
    stated_by=(
        "calf_leg + swelling + warm_red|clot_risk|calf_tender|leg_surgery",
        "calf_leg + warm_red + clot_risk|leg_surgery",
    ),
    noted_by=("swelling", "warm_red"),
    # "only the right one" to "Is one calf or leg swollen ... than the other?"
    answered_by=("swelling", "warm_red", "calf_tender", "one_side"),
)

# The chest question asked now, of the cardiac sign and of every chest pain.
CHEST_NOW = Ask("rf_chest_now", stated_by=("chest_heavy|chest_pain + at_rest", "heart_attack_now"))

WARNING_SIGNS: tuple[WarningSign, ...] = (
    WarningSign(
        "cauda_equina", "Cauda equina or cord compression: bladder, bowel, saddle, leg weakness",
        asks=(
            Ask("rf_bladder_bowel", stated_by=("bladder", "saddle")),
            Ask("rf_weakness", stated_by=("leg_weakness",), noted_by=("leg_numb", "both_legs")),
        ),
        source=IFOMPT_RED_FLAGS, regions=SPINE_REGIONS,
        triggers=("bladder", "saddle", "sexual", "leg_weakness", "both_legs + leg_numb"),
    ),
    WarningSign(
        "systemic", "Infection or malignancy: fever, unwell, cancer, weight loss",
        asks=(
            Ask("rf_fever", stated_by=("fever", "unwell")),
            Ask("rf_cancer_weight", stated_by=("cancer_hx", "weight_loss")),
        ),
        source=IFOMPT_RED_FLAGS + "; " + GOODMAN, regions=ALL_REGIONS,
    ),
    WarningSign(
        "trauma", "Possible fracture: a recent fall or accident",
        asks=(Ask("rf_trauma", stated_by=("fall_accident",)),),
        source=IFOMPT_RED_FLAGS, regions=TRUNK_REGIONS,
    ),
    # A limb after an injury: a doctor only when it cannot bear weight or be used, or a spot on
    # the bone is very tender (a 4-week ankle sprain was sent to a doctor: newcomer test).
    WarningSign(
        "fracture", "Possible fracture: can't bear weight or use it, or bone tenderness",
        asks=(Ask("rf_fracture", stated_by=("no_weight", "deformity"),
                  answered_by=("no_weight", "deformity")),),
        source=OTTAWA + "; " + GOODMAN, regions=LIMB_REGIONS,
    ),
    # A limb out of shape after an injury: its own question, first, wherever it is said (a
    # wrist "bent at a weird angle" was booked with no flag: newcomer test), and the emergency
    # department, not "a doctor today" (an ankle "pointing the wrong way" got urgent care: third
    # newcomer pass). A visibly deformed limb or a bone through the skin goes to the emergency
    # room (AAOS OrthoInfo, "Fractures (Broken Bones)").
    WarningSign(
        "deformity", "Possible fracture: a limb out of shape after an injury",
        asks=(Ask("rf_deformity", stated_by=("deformity",), answered_by=("deformity",)),),
        source=AAOS_FRACTURES + "; " + OTTAWA + "; " + GOODMAN, triggers=("deformity",),
    ),
    # Face and speech together, or either of them suddenly: the stroke warning signs, whose
    # advice is to call 911 (the vascular question of the neck sends to an emergency department;
    # a numb face with speech trouble got that: review of the newcomer's findings).
    WarningSign(
        "stroke", "Possible stroke: face drooping or numb, speech trouble, arm or leg weakness",
        asks=(Ask("rf_stroke", stated_by=(
            "face_numb + dysarthria|one_side_weak|confusion", "face_numb|dysarthria + sudden",
            # a weak arm or leg counts only with the face, speech, confusion or a collapse: a
            # shoulder or sciatica "suddenly" weak is no stroke (review)
            "one_side_weak + dysarthria|confusion|drop|faint", "confusion + dysarthria",
            "stroke_now",
        ), answered_by=("face_numb", "dysarthria")),),
        source=STROKE_FAST,
        triggers=(
            "face_numb", "dysarthria", "one_side_weak + confusion|drop|faint",
            # an arm or leg suddenly weak, with no face or speech named, is asked about ("my right
            # arm suddenly went weak about an hour ago" was booked: newcomer pass G)
            "one_side_weak + sudden|at_rest",
            # ... or since this morning, an hour ago (booked as neck pain: newcomer pass I)
            "one_side_weak|limb_weak + within_day", "limb_weak + sudden|at_rest",
            "confusion + sudden|drop|faint", "tia", "stroke_now",
        ),
    ),
    WarningSign(
        "thunderclap_headache", "Thunderclap headache",
        asks=(Ask("rf_headache_sudden", stated_by=(
            "headache + sudden + worst|meningism|nausea", "headache + worst + meningism",
        ), answered_by=("sudden", "worst")),),
        source=STROKE + "; " + GOODMAN, triggers=("headache + sudden|worst",),
        # Every headache is asked (held-out set 5: three thunderclap headaches told without a
        # word the patterns read).
        regions=frozenset({"head"}),
    ),
    WarningSign(
        "cardiac", "Possible cardiac pain: chest, arm, jaw, shoulder or upper back on exertion",
        asks=(
            CHEST_NOW,
            Ask("rf_chest_exertion", stated_by=(
                "chest_heavy + exertion|cardiac_companion|breathless|upper_body|eases_rest",
                "chest_pain + exertion|cardiac_companion",
                "upper_body + exertion + cardiac_companion|breathless|eases_rest",
                "jaw + exertion",
            ), noted_by=("chest_heavy", "chest_pain"),
                answered_by=("chest_heavy", "breathless", "cardiac_companion")),
        ),
        source=AHA + "; " + GOODMAN,
        triggers=(
            "chest_heavy", "chest_pain + exertion|cardiac_companion|breathless|upper_body",
            "upper_body + exertion + cardiac_companion|breathless|eases_rest|old_age",
            "jaw + exertion", "heart_attack_now",
            # arm, shoulder, jaw or upper back pain with sweating, sickness or breathlessness,
            # even at rest (AHA: discomfort in other areas of the upper body with those signs)
            "upper_body + cardiac_companion + breathless",
            # jaw pain with sweating or sickness, grey or pale (held-out set 2: a husband's jaw
            # and shoulder blades, "grey and sweaty", at rest)
            "jaw + cardiac_companion",
            "upper_body + exertion + smoker|old_age",
        ),
        context=("old_age",),
        # Every shoulder, arm, jaw, upper back and chest is asked the exertion question (sets 4
        # and 5: a weight on the chest, an arm that "goes off when I sit down", not read).
        regions=frozenset({"shoulder", "arm", "upper_back", "jaw", "chest"}),
        regional_asks=("rf_chest_exertion",),
    ),
    # Chest pain itself, in every chest patient: whether it is happening now or at rest ("chest
    # pain", "started 20 minutes ago", 9/10 was asked only the exertion question and booked:
    # newcomer test).
    WarningSign(
        "chest_pain", "Possible cardiac pain: chest pain now or at rest", asks=(CHEST_NOW,),
        source=AHA, regions=frozenset({"chest"}),
        # said in words, it is asked first ("chest pain", then "20 minutes" and "9": the
        # duration, the activities and the score came first: newcomer test)
        triggers=("chest_pain", "chest_heavy"),
    ),
    # Breathing that fails, said in any words: 911 (it got "Sorry, I didn't understand that").
    WarningSign(
        "breathing_difficulty", "Severe difficulty breathing",
        # breathless at rest, "even sitting still" (asked about it four turns late, then got
        # "a doctor today" with the exertion question's label: newcomer test)
        asks=(Ask("rf_breathing_now", stated_by=("cant_breathe", "breathless_at_rest"),
                  answered_by=("cant_breathe", "breathless")),),
        source=BREATHING, triggers=("cant_breathe", "breathless_new", "breathless_at_rest"),
    ),
    # Someone who has just collapsed or is not responding: 911 ("my husband just collapsed" got
    # the aneurysm question: newcomer test).
    WarningSign(
        "collapse", "Collapsed or not responding",
        asks=(Ask("rf_collapse_now", stated_by=("collapse_now",), answered_by=("collapse_now",)),),
        source=UNCONSCIOUS, triggers=("collapse_now",),
    ),
    # Coughing up blood, said anywhere (second newcomer pass: it was no sign, and at the booking
    # step it was taken as "yes, book it"); with a clot's signs it is the clot's 911 question.
    WarningSign(
        "coughing_blood", "Coughing up blood",
        asks=(Ask("rf_coughing_blood", stated_by=("coughing_blood",),
                  answered_by=("coughing_blood",)),),
        source=COUGHING_BLOOD + "; " + GOODMAN, triggers=("coughing_blood",),
    ),
    # On the floor after a fall, unable to get up (an 80-year-old's hip: newcomer test).
    WarningSign(
        "fall_cant_get_up", "Possible hip or other fracture: can't get up after a fall",
        # ... or unable to stand on the leg, with hip pain ("slipped on ice,
        # hip really hurts, i cant stand on that leg at all, im 80" got the fracture question's
        # "a doctor today": SMS newcomer test)
        asks=(Ask("rf_fall_cant_get_up", stated_by=("fall_accident + cant_get_up",
                                                     "fall_accident + no_weight + hip"),
                  answered_by=("cant_get_up",)),),
        source=HIP_FRACTURE + "; " + GOODMAN,
        triggers=("fall_accident + cant_get_up", "fall_accident + no_weight + hip"),
    ),
    WarningSign(
        "dvt", "Possible DVT or clot: calf or leg swelling, warmth, redness",
        asks=(
            Ask("rf_clot_breathing", stated_by=("calf_leg + swelling|warm_red + breathless",),
                answered_by=("breathless",)),
            LEG_CLOT,
        ),
        source=WELLS + "; " + GOODMAN,
        triggers=(
            "calf_leg + swelling|warm_red|calf_tender", "calf_leg + clot_risk|leg_surgery",
        ),
        # Every calf and leg is asked the swelling question (a calf "pumped up" after a flight
        # was read as nothing: held-out set 5); the breathing question waits for a trigger.
        regions=frozenset({"lower_leg", "leg"}), regional_asks=("rf_leg_clot",),
        context=("clot_risk", "leg_surgery"),
    ),
    # Risk context alone in a lower-limb patient (Wells: recent surgery, a cast, immobilisation):
    # "knee pain after my knee replacement 10 days ago" was asked about a fall, fever and cancer
    # and booked (patient newcomer test). Only the calf question: the 911 breathing question
    # waits for a calf or a breathing symptom (review).
    WarningSign(
        "dvt_risk", "Possible DVT or clot: recent leg surgery, a cast or a long flight",
        asks=(LEG_CLOT,),
        source=WELLS + "; " + GOODMAN,
        triggers=("leg_surgery", "lower_limb + clot_risk"),
        context=("clot_risk", "leg_surgery", "lower_limb"),
        opens=(("breathless", "dvt"), ("calf_leg", "dvt")),
    ),
    WarningSign(
        "aaa", "Possible abdominal aortic aneurysm: back or belly, pulsing, tearing",
        asks=(
            Ask("rf_aaa_sudden", stated_by=("back_belly + tearing",),
                answered_by=("tearing", "faint", "dizzy", "cardiac_companion")),
            Ask("rf_aaa_pulse", stated_by=(
                "pulse_belly", "back_belly + position_independent|constant + aneurysm",
                "back_belly + old_age + smoker + position_independent|constant",
            )),
        ),
        source=GOODMAN,
        triggers=(
            "pulse_belly", "back_belly + tearing", "back_belly + aneurysm",
            "back_belly + old_age + smoker",
            # back or belly pain with fainting (held-out set 2: a smoker of 65 who nearly
            # passed out); the question asks about feeling faint
            "back_belly + faint",
            # deep pain unchanged by position, or a grey and clammy spell, at 65 or over (held-out
            # set 4: "dad (69) ... sitting standing lying all the same ... went grey and clammy")
            "back_belly + old_age + position_independent|cardiac_companion",
        ),
        context=("old_age", "smoker", "aneurysm"),
    ),
    WarningSign(
        "cervical_arterial", "Cervical arterial dysfunction: dizziness, diplopia, dysarthria, "
        "dysphagia, drop attacks, numbness, nausea",
        asks=(Ask("rf_neck_vascular", stated_by=(
            "neck|neck_move|manipulation + diplopia|dysarthria|dysphagia|drop|face_numb|horner",
            "neck|neck_move + dizzy + nausea|manipulation|headache|sudden",
            "dysarthria|face_numb + dizzy|dysphagia|diplopia",
            # face numb with speech trouble, with or without neck pain: the stroke warning
            # signs (American Stroke Association, BE FAST); a knee patient was asked "since the
            # neck pain started?", said "I don't have neck pain" and was booked (newcomer test)
            "face_numb + dysarthria",
            "drop_attack",
        ), noted_by=("dizzy", "nausea"),
            answered_by=("dizzy", "diplopia", "dysarthria", "dysphagia", "drop", "face_numb",
                         "choking_food")),),
        source=IFOMPT_CERVICAL, regions=frozenset({"neck"}),
        triggers=(
            "diplopia", "dysarthria", "dysphagia", "face_numb", "horner", "drop_attack",
            "choking_food",
            "neck|neck_move + dizzy|drop", "manipulation + dizzy|headache",
        ),
        context=("manipulation", "neck_trauma"),
    ),
    WarningSign(
        "upper_cervical_instability", "Upper cervical instability",
        asks=(Ask("rf_neck_instability", stated_by=(
            "instability + neck|neck_move|neck_trauma|rheumatoid",
            "rheumatoid + neck|neck_move + both_limbs|hands_numb",
        )),),
        source=IFOMPT_CERVICAL,
        triggers=("instability", "rheumatoid + neck|neck_move", "neck_trauma + both_limbs"),
        context=("neck_trauma", "rheumatoid"),
    ),
    WarningSign(
        "myelopathy", "Cervical myelopathy: clumsy hands, unsteady gait",
        asks=(Ask("rf_myelopathy", stated_by=(
            "hand_clumsy|hands_numb + gait|leg_weakness",
            "lhermitte + hand_clumsy|hands_numb|gait|leg_weakness",
        ), noted_by=("hand_clumsy", "hands_numb", "gait"),
            answered_by=("hand_clumsy", "hands_numb", "gait")),),
        source=IFOMPT_RED_FLAGS + "; " + GOODMAN,
        triggers=("hand_clumsy", "hands_numb + gait|neck", "lhermitte", "gait + neck"),
        # Every neck is asked about the hands and walking (IFOMPT cervical framework; sets 3 to 5
        # each had a myelopathy told in words the patterns did not read).
        regions=frozenset({"neck"}),
    ),
    # A hot, red or swollen joint with a fever or feeling unwell: a child's knee "hot and puffy"
    # with a temperature got only "contact a doctor promptly" (newcomer test). Its question asks
    # about the fever, and answers the region screen's fever question with it.
    WarningSign(
        "septic_joint", "Possible joint infection: a hot, swollen joint with fever or unwell",
        asks=(Ask("rf_joint_infection", stated_by=("joint + swelling|warm_red + fever|unwell",),
                  noted_by=("swelling", "warm_red"), answered_by=("fever", "unwell"),
                  also_answers=("rf_fever",)),),
        source=SEPTIC_ARTHRITIS + "; " + GOODMAN,
        triggers=("joint + swelling + warm_red", "joint + swelling|warm_red + fever|unwell"),
        context=("joint",),
    ),
    # A fever with a stiff neck or light hurting the eyes: the emergency department, not the
    # fever question's "contact a doctor promptly" ("stiff neck and a high fever and the light
    # hurts my eyes": fifth newcomer pass).
    WarningSign(
        "meningism", "Possible meningitis: fever with a stiff neck, light hurting the eyes or "
        "confusion",
        asks=(Ask("rf_meningism", stated_by=("fever|unwell + meningism",),
                  noted_by=("fever", "unwell", "meningism"), answered_by=("meningism",)),),
        source=MENINGITIS + "; " + GOODMAN,
        triggers=("fever|unwell + meningism", "fever + headache + neck"),
    ),
    # Consciousness lost, in the patient's own words: a doctor's check today, whatever hurts
    # ("i passed out this morning and now my back hurts" was booked after the aortic questions:
    # fifth newcomer pass).
    WarningSign(
        "syncope", "Fainted or blacked out: loss of consciousness",
        asks=(Ask("rf_fainted", stated_by=("lost_consciousness",),
                  answered_by=("lost_consciousness",)),),
        source=SYNCOPE + "; " + GOODMAN, triggers=("lost_consciousness",),
    ),
    # Numbness or tingling in both legs, new or spreading: sensory loss in both legs is a sign of
    # cauda equina or cord compression even with no weakness and no bladder change, and its own
    # question (the weakness question says numbness alone is not weakness, and "numb in both
    # legs for two weeks now, getting worse" was booked after two noes: fifth newcomer pass).
    # A limb gone suddenly cold and pale, white or blue: the emergency department ("suddenly my
    # leg went cold, pale and numb an hour ago, calf hurts" was booked: newcomer pass F).
    WarningSign(
        "limb_ischaemia", "Possible blocked blood flow: a limb suddenly cold, pale or blue",
        asks=(Ask("rf_limb_cold", stated_by=("limb_cold + sudden|at_rest",)),),
        # asked whenever a limb has gone cold and pale ("gone cold and pale and really painful in
        # the last couple hours" was booked: newcomer pass G); stated when sudden
        source=LIMB_ISCHAEMIA + "; " + GOODMAN, triggers=("limb_cold",),
    ),
    # A new headache at the temples, a scalp sore to touch or the jaw aching on chewing at 50 or
    # over, and any change in sight with them: a doctor today, the emergency department with the
    # eyes ("new headache at my temples, my jaw aches when i chew and my vision went blurry
    # yesterday, im 79" was booked: newcomer pass F). Sight lost in one eye asks the eyes'
    # question whatever hurts.
    WarningSign(
        "giant_cell_arteritis", "Possible giant cell arteritis: temple headache, jaw pain on "
        "chewing or a change in sight, at 50 or over",
        asks=(
            # stated only for sight lost with the arteritis's signs at 50 or over: blurred sight
            # with a headache is asked about (migraine, reading glasses: review)
            Ask("rf_gca_vision", stated_by=("sight_loss + temple|jaw_claudication + over_50",),
                answered_by=("vision", "sight_loss")),
            Ask("rf_gca", stated_by=("temple + jaw_claudication + over_50",),
                answered_by=("temple", "jaw_claudication")),
        ),
        source=GCA + "; " + SIGHT_LOSS + "; " + GOODMAN,
        triggers=(
            "temple + over_50|vision|jaw_claudication|sight_loss",
            "jaw_claudication + over_50|headache|vision|sight_loss",
            "headache + vision|sight_loss + over_50", "sight_loss",
        ),
        context=("over_50",),
    ),
    # A fever after an injection, an operation or another procedure on the spine: the emergency
    # department (IFOMPT: spinal infection; an epidural 5 days before, fever and chills, got
    # "contact your doctor promptly": newcomer pass G).
    WarningSign(
        "spinal_infection", "Possible spinal infection: fever after a spinal procedure",
        asks=(Ask("rf_spinal_infection", stated_by=("spinal_procedure + fever|unwell",),
                  answered_by=("fever", "unwell"), also_answers=("rf_fever",)),),
        source=IFOMPT_RED_FLAGS + "; " + GOODMAN,
        triggers=("spinal_procedure + fever|unwell",), context=("spinal_procedure",),
    ),
    # A knock to the head with confusion, drowsiness, vomiting, a blackout or a fit, or on
    # blood thinners: the emergency department (NICE NG232, 1.1.3). A wife who "fell down the
    # stairs, hit her head, now she's confused" got "contact your doctor" (newcomer pass I).
    WarningSign(
        "head_injury", "Head injury with warning signs: confusion, drowsiness, vomiting or a "
        "blackout",
        asks=(Ask("rf_head_injury", stated_by=(
            "head_injury + head_danger|confusion|lost_consciousness",
        ), answered_by=("head_danger", "confusion", "lost_consciousness")),),
        source=NICE_HEAD_INJURY, triggers=("head_injury",),
    ),
    WarningSign(
        "bilateral_leg_numbness", "Cauda equina or cord compression: numbness in both legs",
        asks=(Ask("rf_legs_numb", stated_by=("both_legs + leg_numb + worsening",)),),
        source=IFOMPT_RED_FLAGS + "; " + NICE_SCIATICA,
        triggers=("both_legs + leg_numb",),
    ),
    WarningSign(
        "night_pain_systemic", "Constant or night pain not eased by position, with systemic signs",
        asks=(Ask("rf_night_systemic", stated_by=(
            "night|constant|position_independent + fever|unwell|weight_loss|cancer_hx"
            "|persistent_cough",
        ), noted_by=("night",)),),
        source=IFOMPT_RED_FLAGS + "; " + GOODMAN,
        triggers=(
            "night|constant + position_independent",
            "night|constant|position_independent + fever|unwell|weight_loss|cancer_hx"
            "|persistent_cough",
        ),
        context=("old_age", "smoker", "cancer_hx"),
    ),
)
SIGNS_BY_NAME: dict[str, WarningSign] = {sign.name: sign for sign in WARNING_SIGNS}


@functools.cache
def parse_condition(condition: str) -> tuple[frozenset[str], ...]:
    """ "a|b + c" -> (frozenset({"a", "b"}), frozenset({"c"})): every group needs one of its
    features."""
    return tuple(frozenset(part.strip().split("|")) for part in condition.split("+"))


def holds(condition: str, features: frozenset[str] | set[str]) -> bool:
    """Whether the features found satisfy a condition ("a|b + c")."""
    return all(group & features for group in parse_condition(condition))


def condition_features(sign: WarningSign) -> set[str]:
    """Every feature name a sign's conditions use (tests check they exist in bot.symptoms)."""
    conditions = [*sign.triggers, *(c for ask in sign.asks for c in ask.stated_by)]
    names = {name for c in conditions for group in parse_condition(c) for name in group}
    asked = {n for a in sign.asks for n in (*a.noted_by, *a.answered_by)}
    return names | asked | set(sign.context) | {feature for feature, _ in sign.opens}


ADVICE_TITLES: dict[str, str] = {
    "call_911": "call 911 now",
    "emergency": "emergency department now",
    "doctor_today": "see a doctor today",
    "doctor": "contact a doctor promptly",
}


# What a yes to each question of the screen means, in the words of its question in domain.yml.
REPORTED: dict[str, str] = {
    "bladder_bowel": "new bladder or bowel changes, or saddle numbness",
    "weakness": "new or worsening leg weakness",
    "fever": "fever or feeling unwell",
    "cancer_weight": "cancer history or unexplained weight loss",
    "trauma": "a recent fall or accident",
    "fracture_signs": "can't bear weight or use it, or a very tender spot on the bone",
    "stroke": "face drooping or numb, speech trouble or a weak arm or leg, suddenly",
    "thunderclap_headache": "a sudden, severe headache",
    "cardiac_at_rest": "chest pain, pressure or heaviness now or at rest",
    "breathing_difficulty": "struggling to breathe now",
    "fall_cant_get_up": "can't get up or stand since a fall",
    "collapse": "collapsed or not responding now",
    "coughing_blood": "coughing up blood",
    "deformity": "a limb bent or out of place since an injury, or a bone through the skin",
    "dvt_breathing": "breathlessness, chest pain on breathing or coughing blood",
    "aaa_sudden": "sudden tearing pain, or feeling faint",
    "cervical_arterial": "dizziness, double vision, speech or swallowing trouble, drop attacks",
    "upper_cervical_instability": "neck instability, tingling lips or both hands or feet",
    "aaa": "pulsing in the belly, or deep pain unchanged by position",
    "septic_joint": "a hot, swollen joint with fever or feeling unwell",
    "cardiac_exertion": "chest, arm, jaw or back symptoms on exertion",
    "dvt": "one calf or leg swollen, warm or red",
    "myelopathy": "clumsy hands or unsteady walking",
    "night_pain_systemic": "constant pain at night with fever, sweats or weight loss",
    "meningism": "fever with a stiff neck, light hurting the eyes or confusion",
    "syncope": "fainted, passed out or blacked out",
    "bilateral_leg_numbness": "new or worsening numbness or tingling in both legs",
    "limb_ischaemia": "a leg, foot, arm or hand suddenly cold, pale or blue",
    "gca_vision": "a change in sight with a temple headache or jaw pain on chewing",
    "giant_cell_arteritis": "a new temple headache, scalp sore to touch or jaw pain on chewing",
    "spinal_infection": "a fever or feeling very unwell since a procedure on the spine",
    "head_injury": "confusion, drowsiness, vomiting, a blackout or a fit after a knock to the head",
}


def _category_and_about(sign: WarningSign) -> str:
    """ "Possible DVT or clot (calf or leg swelling, warmth, redness)" from its title."""
    category, _, about = sign.title.partition(":")
    return f"{category} ({about.strip()})" if about.strip() else category


def staff_title(label: str) -> str:
    """What staff read for a stored red-flag label (`bot.triage.red_flags`): the sign's
    category, what the patient said yes to (`REPORTED`) and the advice they got, e.g. "Possible
    DVT or clot (breathlessness, chest pain on breathing or coughing blood): call 911 now";
    "Not sure: ..." for `_unsure`, "No answer: ..." for `_unanswered` and "Mentioned, not
    confirmed: ..." for `_unconfirmed`;
    never the stored code. A label this table does not know is
    returned as it is."""
    if label.endswith(UNCONFIRMED_SUFFIX):  # a sign's name (bot.screening.unconfirmed_flags)
        mentioned = SIGNS_BY_NAME.get(label.removesuffix(UNCONFIRMED_SUFFIX))
        if mentioned is None:
            return label
        what = _category_and_about(mentioned)
        # True while the chat goes on and after the patient left ("left before the questions"
        # showed on a chat seconds old: newcomer test).
        return f"Mentioned, not confirmed: {what}: its questions not answered"
    if label.endswith(DENIED_SUFFIX):  # said in their words, then "no" (screening.denied_flags)
        said = SIGNS_BY_NAME.get(label.removesuffix(DENIED_SUFFIX))
        if said is None:
            return label
        what = _category_and_about(said)
        return f"Said in their own words, then answered no: {what}: staff to check"
    unsure = label.endswith(UNSURE_SUFFIX)
    unanswered = label.endswith(UNANSWERED_SUFFIX)
    key = label.removesuffix(UNSURE_SUFFIX).removesuffix(UNANSWERED_SUFFIX)
    flag = next((f for f in ALL_FLAGS if f.label == key), None)
    sign = next((s for s in WARNING_SIGNS if flag and flag.slot in {a.slot for a in s.asks}), None)
    if flag is None or sign is None:
        return label
    category = sign.title.split(":")[0]
    reported = REPORTED.get(key, sign.title)
    if unsure:
        return f"Not sure: {category} ({reported}): staff to check"
    if unanswered:
        return f"No answer: {category} ({reported}): staff to ask, no advice given"
    return f"{category} ({reported}): {ADVICE_TITLES[flag.advice]}"
