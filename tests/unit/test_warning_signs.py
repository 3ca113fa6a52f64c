"""The warning-sign table, the region screens and the patient's words (bot.warning_signs,
bot.symptoms, bot.screening): the table agrees with the domain, and each sign is found in words
patients use, written here (the blind probe set is tests/unit/test_warning_signs_probes.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot.screening import (
    detect,
    regional_questions,
    screen_order,
    second_person,
    states_at_question,
    symptom_note,
    told_emergency,
    unconfirmed_flags,
)
from bot.screening_form import answer_question, screen_updates
from bot.symptoms import FEATURES, find_features
from bot.triage import ADVICE_LEVELS, ALL_FLAGS, FLAGS_BY_SLOT, RED_FLAG_SLOTS, red_flag_outcome
from bot.warning_signs import SIGNS_BY_NAME, WARNING_SIGNS, condition_features, staff_title
from channels.safety_net import failed_turn_response

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text())
INTAKE = ["pain_duration", "pain_locations", "pain_activities", "pain_score"]


def test_every_sign_reads_known_features_asks_known_questions_and_cites_a_source():
    for sign in WARNING_SIGNS:
        assert condition_features(sign) <= set(FEATURES), sign.name
        assert sign.asks and all(ask.slot in FLAGS_BY_SLOT for ask in sign.asks), sign.name
        assert sign.advice in ADVICE_LEVELS and sign.title and len(sign.source) > 20, sign.name
    asked = {ask.slot for sign in WARNING_SIGNS for ask in sign.asks}
    assert asked == set(FLAGS_BY_SLOT)  # every question belongs to a sign


@pytest.mark.parametrize("flag", ALL_FLAGS, ids=lambda f: f.slot)
def test_every_question_is_in_the_domain_with_its_clarifying_version(flag):
    variants = DOMAIN["responses"][flag.question]
    plain = [v for v in variants if not v.get("condition")]
    clarify = [v for v in variants if v.get("condition")]
    assert len(plain) == 1 and plain[0]["text"].endswith("?")
    followup = {"type": "slot", "name": "slot_followup", "value": flag.slot}
    assert clarify[0]["condition"] == [followup]
    assert clarify[0]["text"].startswith("That's OK") and clarify[0]["text"].endswith("?")
    for variant in variants:
        assert [b["title"] for b in variant["buttons"]] == ["Yes", "No", "Not sure"]
    assert DOMAIN["slots"][flag.slot]["type"] == "bool"
    assert flag.slot in DOMAIN["forms"]["intake_form"]["required_slots"]


def test_every_advice_level_has_its_response_and_rule():
    rules = (ROOT / "data" / "rules").glob("*.yml")
    text = "\n".join(path.read_text() for path in rules)
    for level in ADVICE_LEVELS:
        assert f"utter_redflag_{level}" in DOMAIN["responses"]
        assert f"red_flag_advice: {level}\n" in text, level


# Words that name a condition: staff see the category, the patient only what to do and how fast.
DIAGNOSES = re.compile(
    r"\b(dvt|thrombo\w*|clot|aneurysm|myelopathy|stroke|heart attack|angina|cauda|equina|"
    r"mening\w*|ha?emorrhage|fracture|infection|tumou?r|spinal cord|dissection|instability|"
    r"cardiac|arter\w*|vascular)\b",
    re.IGNORECASE,
)


def test_the_patient_is_never_told_a_diagnosis():
    names = [f.question for f in ALL_FLAGS] + [f"utter_redflag_{a}" for a in ADVICE_LEVELS]
    names += ["utter_screen_ack", "utter_screen_confirm", "utter_screen_noted",
              "utter_redflag_intro", "utter_after_urgent_symptom"]
    for name in names:
        for variant in DOMAIN["responses"][name]:
            assert not DIAGNOSES.search(variant["text"]), (name, variant["text"])


@pytest.mark.parametrize(
    ("regions", "asked", "not_asked"),
    [
        # A limb is screened for a fracture by what it can do, not for the fall itself (a
        # 4-week ankle sprain was sent to a doctor: newcomer test).
        (["knee"], ["rf_fracture", "rf_fever", "rf_cancer_weight"],
         ["rf_bladder_bowel", "rf_trauma", "rf_chest_exertion", "rf_leg_clot", "rf_myelopathy"]),
        # Screening by region (Goodman and Heick; held-out sets 4 and 5): the shoulder gets the
        # exertion question, the calf the swelling one, the head the sudden-onset one, the neck
        # the myelopathy one, whatever words the patient used.
        (["shoulder"], ["rf_chest_exertion", "rf_fracture"],
         ["rf_bladder_bowel", "rf_weakness", "rf_trauma", "rf_chest_now"]),
        (["lower_leg"], ["rf_leg_clot", "rf_fracture"], ["rf_clot_breathing", "rf_chest_exertion"]),
        (["head"], ["rf_headache_sudden", "rf_trauma"], ["rf_fracture", "rf_leg_clot"]),
        (["ankle"], ["rf_fracture"], ["rf_trauma"]),
        (["chest"], ["rf_trauma"], ["rf_fracture"]),
        (["lower_back"], list(RED_FLAG_SLOTS), ["rf_neck_vascular"]),
        (["neck"], [*RED_FLAG_SLOTS[:2], "rf_neck_vascular", "rf_myelopathy", *RED_FLAG_SLOTS[2:]],
         ["rf_chest_exertion"]),
        (["knee", "lower_back"], list(RED_FLAG_SLOTS), []),
        ([], list(RED_FLAG_SLOTS), []),  # nothing known: the full spine screen
    ],
)
def test_the_region_screen_fits_the_body_part(regions, asked, not_asked):
    questions = regional_questions([{"region": r, "side": None} for r in regions])
    assert [q for q in questions if q in asked] == asked  # in this order
    assert not set(not_asked) & set(questions)


def test_the_spine_screen_keeps_its_order_and_the_neck_question_comes_with_the_emergencies():
    assert regional_questions([{"region": "lower_back"}]) == list(RED_FLAG_SLOTS)
    neck = regional_questions([{"region": "neck"}])
    assert neck[:3] == ["rf_bladder_bowel", "rf_weakness", "rf_neck_vascular"]


@pytest.mark.parametrize(("region", "said", "first"), [
    ("knee", "8, and ive had a fever of 102 since yesterday", "rf_fever"),
    ("lower_back", "walking. also i've lost a stone without trying", "rf_cancer_weight"),
    ("neck", "about 3 weeks, and I had a nasty fall off a ladder", "rf_trauma"),
])  # fmt: skip
def test_a_question_of_the_screen_the_words_answer_yes_comes_next(region, said, first):
    """Patient newcomer test: "8, and ive had a fever of 102 since yesterday" at the pain score
    was acknowledged only when the fever question came, after the intake's questions. Any
    question of the patient's screen their words answer yes is the next one asked."""
    slots = {"pain_locations": [{"region": region, "side": None}]}
    updates, _ = screen_updates(said, slots, mid_form=True)
    order = screen_order({**slots, **updates}, INTAKE)
    assert order[0] == first and order[1:5] == INTAKE, order
    # in the first message, the question is confirmed when its turn comes
    updates, _ = screen_updates(said, slots)
    order = screen_order({**slots, **updates}, INTAKE)
    assert order[:4] == INTAKE and first in order[4:], order


def test_words_that_answer_a_question_outside_the_screen_do_not_add_it():
    """A knee patient's fall is screened by the fracture question (Ottawa), never the trunk's
    fall question, even when their words say they fell."""
    slots = {"pain_locations": [{"region": "knee", "side": None}]}
    updates, _ = screen_updates("i fell off my bike last week", slots, mid_form=True)
    order = screen_order({**slots, **updates}, INTAKE)
    assert "rf_trauma" not in order and order[: len(INTAKE)] == INTAKE, order


def test_a_triggered_sign_is_asked_first_and_advice_ends_the_screen():
    knee = {"pain_locations": [{"region": "knee", "side": "left"}], "warning_signs": ["dvt"]}
    order = screen_order(knee, INTAKE)
    assert order[:2] == ["rf_clot_breathing", "rf_leg_clot"] and order[2:6] == INTAKE
    assert "rf_bladder_bowel" not in order
    done = screen_order({**knee, "rf_clot_breathing": False, "rf_leg_clot": True}, INTAKE)
    assert done == ["rf_clot_breathing", "rf_leg_clot", "pain_locations"]  # only what was said


# Each sign in words written for this test (not the probe set), with what they should give.
SAID = [
    ("my right calf is hot and swollen, I was in a cast for 6 weeks", "dvt", "doctor_today"),
    ("I had knee surgery 2 weeks ago and now my calf is red and tender", "dvt", "doctor_today"),
    ("my leg puffed up and I'm breathless climbing the stairs", "dvt", "call_911"),
    ("I get crushing pressure in my chest when I walk the dog", "cardiac", "doctor_today"),
    ("my jaw aches when I walk fast in the cold and it stops when I rest", "cardiac",
     "doctor_today"),
    ("chest feels tight and I'm sweating right now", "cardiac", "call_911"),
    ("I've got neck pain and keep getting dizzy and my vision goes double",
     "cervical_arterial", "emergency"),
    ("since the manipulation my neck hurts and I feel dizzy and sick", "cervical_arterial",
     "emergency"),
    # bladder trouble in plain words (patient newcomer test)
    ("i cant tell when i need to pee", "cauda_equina", "emergency"),
    ("back pain from lifting couch, and i cant tell when i need to go to the toilet anymore",
     "cauda_equina", "emergency"),
    ("I have pain in back since 3 day and I cannot make pipi since yesterday", "cauda_equina",
     "emergency"),
    # stroke warning signs with no neck pain (patient newcomer test): face and speech together,
    # or either suddenly, is a call to 911 (American Stroke Association), not the neck's
    # emergency-department question
    ("this morning my face went numb on one side and i couldnt get my words out", "stroke",
     "call_911"),
    ("my knee hurts. also i couldnt speak for a minute and my face went numb", "stroke",
     "call_911"),
    ("all of a sudden my words came out slurred, my shoulder has been sore", "stroke",
     "call_911"),
    ("the left side of my face suddenly drooped while I was doing my back exercises", "stroke",
     "call_911"),
    # in a relative's everyday words (second patient newcomer test: the first was booked)
    ("dad cant lift his right arm suddenly and hes confused, he has back pain", "stroke",
     "call_911"),
    ("my mum's mouth is lopsided and she's talking funny since lunch, she has shoulder pain too",
     "stroke", "call_911"),
    ("my wife collapsed and cant move her left side, she had neck pain this morning", "stroke",
     "call_911"),
    ("347 555 0199. my husband says my face looks droopy and my words are slurring", "stroke",
     "call_911"),
    ("tearing pain between my shoulder blades came on suddenly this afternoon and i feel sweaty",
     "aaa", "call_911"),
    # texting style and typos (second patient newcomer test: each waited for the generic screen)
    ("omg my neck hurts so bad n my vision is doubled rn", "cervical_arterial", "emergency"),
    ("bk pain + cnt feel my butt cheeks lol wtf", "cauda_equina", "emergency"),
    ("my bak hurts relly bad and i pee myslef since tuesday", "cauda_equina", "emergency"),
    ("my legs are giving way and my back is killing me", "cauda_equina", "emergency"),
    ("my speech is slurred and my neck hurts", "cervical_arterial", "emergency"),
    ("after whiplash my head feels too heavy to hold up", "upper_cervical_instability",
     "emergency"),
    ("I keep dropping things and my walking is unsteady", "myelopathy", "doctor_today"),
    ("worst headache ever came on suddenly an hour ago", "thunderclap_headache", "call_911"),
    ("I've lost weight without trying and my back aches all night", "night_pain_systemic",
     "doctor_today"),
    ("back pain that wakes me at night, I had prostate cancer", "night_pain_systemic",
     "doctor_today"),
    ("I can't control my bladder since my back pain started", "cauda_equina", "emergency"),
    ("I've had some accidents with my bowels and my back hurts", "cauda_equina", "emergency"),
    ("my legs keep giving way and my back hurts", "cauda_equina", "emergency"),
    ("I'm 78 and a smoker with a throbbing pain in my stomach and back", "aaa", "emergency"),
    ("sharp ripping pain in my back", "aaa", "call_911"),
]


@pytest.mark.parametrize(("text", "sign", "advice"), SAID, ids=[s[0][:40] for s in SAID])
def test_each_sign_in_the_patients_words(text, sign, advice):
    found = detect(text)
    assert sign in found.triggered and found.advice == advice and found.mentions_warning_sign


# Signs whose question is asked (triggered) though the words alone do not state it.
TRIGGERED = [
    ("pain head very strong, come suddenly like explosion, 30 minutes ago",
     "thunderclap_headache"),
    ("calf cramp that won't go away, leg feels tight and shiny and bigger", "dvt"),
    ("the drooping face is still there", "stroke"),
    ("my grandad is 74, smoker, his lower back aches and he says his belly throbs", "aaa"),
]


@pytest.mark.parametrize(("text", "sign"), TRIGGERED)
def test_a_sign_in_everyday_words_asks_its_question_first(text, sign):
    assert sign in detect(text).triggered


BENIGN = [
    "my knee hurts when I go up the stairs",
    "my right arm feels weak when I lift it above my head",  # a shoulder, not a stroke
    "I get confused by all the exercises",
    # review of the change: ordinary messages the new patterns read as signs
    "my toddler wet himself and my back hurts from lifting him",
    "my mouth is numb from the dentist and my neck hurts",
    "I struggle to swallow pills but my neck is fine",
    "pain on the right side of my face when I chew",
    "leg day made my calves bigger",
    "my tummy throbs when I'm hungry and my back is sore",
    "Suddenly I can't lift my right arm above my shoulder after bench press",
    "my right leg suddenly went weak and numb with the sciatica",
    "i couldnt talk to my boss about it, my back is too sore to sit",
    "I cant tell when my back will flare up", "i cant make it to the gym with this knee",
    "I don't know when I have to go back to work with this back",
    "my back is sore and i can't tell when i need to go in for my scan",
    "i can't do water aerobics anymore because of my back",
    "i couldnt talk myself into going to the gym with this knee",
    "my mum couldn't speak english well so i'm writing for her about her hip",
    "lower back pain for 3 months, worse sitting",
    "my calf is sore after football",
    "neck is stiff from my desk job",
    "I get headaches when I'm stressed",
    "my chest muscles are sore after push ups",
    "my knee clicks and feels unstable when I twist",
    "my right leg gets pins and needles when I sit too long",
    "lower back ache after a long flight, fine once I walk",
    "my calf is swollen? no, no swelling and no redness",
    "sciatica in my left leg, bladder and bowels are fine",
    "my mum had cancer but I'm fine, my hip aches after walking",
    "I fell last month but the x-rays were fine, my wrist is still stiff",
    # a bike's saddle is no saddle numbness (held-out set 2 sent it to the emergency department)
    "my buttock aches when I sit on the saddle since I started spin class",
    "sore sit bones from the bike saddle, nothing else",
]


@pytest.mark.parametrize("text", BENIGN)
def test_ordinary_pain_and_denied_symptoms_are_not_warning_signs(text):
    assert detect(text).advice is None


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("writing for my husband, pain in his jaw and between the shoulder blades, he looks "
         "grey and sweaty and says he feels sick", "cardiac"),
        ("jaw aching and I feel sick and clammy", "cardiac"),
        ("smoker, deep constant back pain, nearly passed out this morning", "aaa"),
        ("my belly and back hurt and I fainted in the shower", "aaa"),
        ("numbness in the saddle area and low back pain", "cauda_equina"),
    ],
)  # fmt: skip
def test_signs_the_second_held_out_set_found_missing_are_asked(text, sign):
    """Read after held-out set 2's first measurement (benchmarks/RESULTS.md): each now at least
    asks its sign's question, whose truthful yes gives the advice."""
    assert sign in detect(text).triggered


def test_a_fall_is_a_question_to_confirm_not_a_sign_to_put_first():
    found = detect("I fell down the stairs and hurt my back")
    assert found.stated == ("rf_trauma",) and found.triggered == ()
    assert found.note(slot="rf_trauma") == "you fell down the stairs and hurt your back"


def test_leg_numbness_is_acknowledged_at_the_weakness_question():
    found = detect("my lower back hurts and my left leg feels numb")
    assert found.noted == ("rf_weakness",) and found.advice is None
    assert found.note(slot="rf_weakness") == "your lower back hurts and your left leg feels numb"


@pytest.mark.parametrize(
    ("said", "echoed"),
    [
        ("I've started tripping", "you've started tripping"),
        ("I was sick and my head hurt", "you were sick and your head hurt"),
        ("it was my knee, I am sure", "it was your knee, you are sure"),
        ("I'm on the pill", "you're on the pill"),
    ],
)
def test_the_patients_words_in_the_second_person(said, echoed):
    assert second_person(said) == echoed


def test_negation_stays_in_its_clause():
    assert "swelling" not in find_features("no swelling")
    assert "swelling" in find_features("no injury at all, but my calf is swollen")
    assert "bladder" not in find_features("no problems with my bladder")


@pytest.mark.parametrize(
    ("said", "response"),
    [
        ("a sudden severe headache with vomiting", "utter_redflag_call_911"),
        ("I can't control my bladder since my back pain started", "utter_redflag_emergency"),
        ("my fingers are numb and clumsy and I've started tripping", "utter_technical_problem"),
        ("my back has hurt for 4 months", "utter_technical_problem"),
    ],
)
def test_with_the_action_server_down_urgent_words_still_get_their_advice(said, response):
    """Only advice with nothing to fill in: a doctor-today answer names the call-back window."""
    assert failed_turn_response(said) == response
    assert all("{" not in v["text"] for v in DOMAIN["responses"][response])


@pytest.mark.parametrize(
    ("said", "echoed"),
    [
        ("had knee surgery last month and my calf is swollen", "you had knee surgery last month"),
        ("keep dropping things and tripping", "you keep dropping things"),
        ("my calf is swollen after my flight", "your calf is swollen"),
    ],
)
def test_a_note_without_its_subject_gets_one(said, echoed):
    """"You mentioned had knee surgery..." (patient newcomer test)."""
    notes = screen_updates(said, {})[0]["screen_notes"]
    assert all(n["note"].startswith(echoed) for n in notes.values()), notes


def test_a_sign_mentioned_and_left_unanswered_is_flagged_for_staff():
    """Signed-SMS newcomer test: the calf sign, then STOP before any answer. Each question of a
    triggered sign without an answer is stored `_unconfirmed`; an answer (yes, no or not sure)
    replaces it, and advice makes the rest moot."""
    knee = {"pain_locations": [{"region": "knee", "side": "left"}], "warning_signs": ["dvt"]}
    assert unconfirmed_flags(knee) == ["dvt_unconfirmed"]  # one per sign, not per question
    assert unconfirmed_flags({**knee, "rf_clot_breathing": False}) == ["dvt_unconfirmed"]
    unsure = {**knee, "rf_clot_breathing": False, "screen_unsure": ["rf_leg_clot"]}
    assert unconfirmed_flags(unsure) == []
    assert unconfirmed_flags({**knee, "rf_clot_breathing": False, "rf_leg_clot": False}) == []
    assert unconfirmed_flags({**knee, "rf_clot_breathing": True}) == []  # advice given
    assert unconfirmed_flags({"pain_locations": [{"region": "knee"}]}) == []  # nothing said
    every = {"warning_signs": [sign.name for sign in WARNING_SIGNS]}
    # one label per question: the clot's risk context alone adds nothing to the clot sign, nor
    # a chest pain's question to the cardiac sign's (a limb out of shape has its own question)
    assert unconfirmed_flags(every) == [
        sign.name + "_unconfirmed" for sign in WARNING_SIGNS
        if sign.name not in ("dvt_risk", "chest_pain")
    ]
    assert unconfirmed_flags({"warning_signs": ["dvt", "dvt_risk"]}) == ["dvt_unconfirmed"]
    assert unconfirmed_flags({"warning_signs": ["dvt_risk"]}) == ["dvt_risk_unconfirmed"]


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("lately I keep fumbling my phone and my walking is a bit off", "myelopathy"),
        ("I've turned into butter fingers this year", "myelopathy"),
        ("when I lie down my tummy pounds like a heartbeat, I'm 70", "aaa"),
        ("my belly is beating like a drum and my back aches", "aaa"),
        ("it felt like an explosion in my head while lifting", "thunderclap_headache"),
        ("bad headache, never had one like this before, came on all at once",
         "thunderclap_headache"),
        ("my neck hurts and swallowing feels weird since the chiropractor", "cervical_arterial"),
        ("back pain and now both my feet are weak", "cauda_equina"),
    ],
)  # fmt: skip
def test_signs_the_third_held_out_set_found_unasked_are_asked(text, sign):
    """The kinds held-out set 3 found at first sight (benchmarks/RESULTS.md), in other words."""
    assert sign in detect(text).triggered, detect(text).triggered


@pytest.mark.parametrize(
    "text",
    [
        "got this pressure in the middle of my chest and my left arm's gone heavy",
        "a tightness right across the front of my chest when I walk uphill",
        "kind of a heaviness in the centre of my chest",
    ],
)
def test_chest_pressure_told_with_words_between_raises_the_cardiac_screen(text):
    """Held-out set 4: "pressure in the middle of my chest" (five words between) was not read,
    and a patient shovelling snow with a heavy left arm was left to a booking."""
    assert "cardiac" in detect(text).triggered


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("when I press on my belly there's a sort of pulsing lump", "aaa"),
        ("my tummy, it has a kind of throbbing thing going on", "aaa"),
        ("dad (69) has low back pain, deep inside, sitting standing lying all the same", "aaa"),
        ("my back aches, I'm 72, and I went grey and clammy on the sofa", "aaa"),
        ("sitting on the loo feels weird, like the seat isn't there", "cauda_equina"),
        ("things aren't working properly in the bedroom department since Monday", "cauda_equina"),
        ("my back hurts and I can't feel the toilet seat", "cauda_equina"),
    ],
)
def test_everyday_words_for_a_sign_raise_its_screen(text, sign):
    """Held-out set 4: a pulsing lump, a relative's age in brackets, position that changes
    nothing, and cauda equina told in euphemisms were left to a booking."""
    assert sign in detect(text).triggered


@pytest.mark.parametrize(
    "text",
    ["my lower back is sore after gardening, better when I lie down",
     "I'm 70 and my back is stiff in the mornings, eases once I get moving",
     "knee pain in the bedroom when I kneel to make the bed"],
)  # fmt: skip
def test_their_lookalikes_stay_quiet(text):
    assert not {"aaa", "cauda_equina"} & set(detect(text).triggered)


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("head started pounding about an hour ago, came on all at once", "thunderclap_headache"),
        ("my head went bang out of nowhere worst one ever", "thunderclap_headache"),
        ("she had a sudden splitting pain in her head and went down on her knees",
         "thunderclap_headache"),
        ("he says it feels like someone's sitting on his chest", "cardiac"),
        ("my arm aches when im carrying blocks, goes off when i sit down, get a bit puffed",
         "cardiac"),
        ("after 22 hrs flying my right calf feels like someone's pumped it up", "dvt"),
        ("when I look down I get this zap down my back and I'm walking like I'm on a boat",
         "myelopathy"),
        ("sciatica in both legs and it's weird when I wipe, can't really feel it",
         "cauda_equina"),
    ],
)  # fmt: skip
def test_held_out_set_5_kinds_raise_their_screen(text, sign):
    """Held-out set 5 at first sight: 8 of 32 serious presentations asked nothing of their
    sign (the headache told as pounding or a bang, a weight on the chest, "puffed", a pumped-up
    calf after flying, a zap down the back, numb when wiping)."""
    assert sign in detect(text).triggered


@pytest.mark.parametrize(
    "text",
    ["my head is pounding after a long shift staring at screens, eases with a nap",
     "calf tight after my first 10k, both sides, fine by the next day",
     "puffed out after the stairs since lockdown, knees ache a bit"],
)  # fmt: skip
def test_set_5_lookalikes_stay_quiet(text):
    assert not {"thunderclap_headache", "dvt", "cardiac"} & set(detect(text).triggered)


@pytest.mark.parametrize(
    "text",
    [
        "pain in low back 3 week and i pee without control from yesterday",
        "lower back pain 2 weeks, and since yesterday I've been peeing myself",
        "lower back pain 2 weeks and I can't feel when I need to pee",
        "back pain for 2 weeks, now I keep having accidents, I pee my pants",
        "lower back pain 2 weeks, I lost control of my bladder yesterday",
        "from yesterday i can not feel good when go to toilet, i pee a little bit without control",
    ],
)
def test_bladder_loss_in_plain_words_raises_the_bladder_screen(text):
    """Patient newcomer test: each of these went to a booking, and a "no" at the formal bladder
    question cleared it; stated in the patient's words, it is confirmed instead."""
    found = detect(text)
    assert "cauda_equina" in found.triggered and "rf_bladder_bowel" in found.stated


@pytest.mark.parametrize(
    "text",
    ["I had an accident on my bike", "I had a car accident last year",
     "I've had a few accidents on the bike this year", "my toddler keeps having accidents",
     "no accidents with my bladder, just the back"],
)  # fmt: skip
def test_accidents_that_are_not_the_bladder_stay_quiet(text):
    assert "cauda_equina" not in detect(text).triggered


@pytest.mark.parametrize(
    "text",
    ["when I pee it's hard to get going, kind of have to strain",
     "no leaking, it's just slow to start peeing lately",
     "no leaking, but it takes ages to start peeing now"],
)  # fmt: skip
def test_trouble_starting_to_pee_is_the_bladder_sign(text):
    """Second patient newcomer test: each was taken as a no at the bladder question and the
    patient booked; the clarifying question itself names "trouble starting to pee"."""
    assert "rf_bladder_bowel" in detect(text).stated


def test_trouble_starting_to_pee_at_the_bladder_question_is_a_yes():
    from bot.intake.form import Turn, fill_intake_slots

    slots = {"pain_duration": "5 months", "duration_weeks": 21.0, "pain_class": "chronic",
             "pain_locations": [{"region": "lower_back", "side": None}],
             "pain_activities": ["sitting"], "pain_score": 6.0}  # fmt: skip
    text = "no leaking, it's just slow to start peeing lately"
    updates = fill_intake_slots(Turn(text, "deny", 0.9, {}), "rf_bladder_bowel", slots)
    assert updates["rf_bladder_bowel"] is True and updates["red_flag_advice"] == "emergency"


@pytest.mark.parametrize(
    "text", ["it's hard to get going in the morning", "my back is slow to start moving"]
)
def test_slow_mornings_are_not_the_bladder(text):
    assert "cauda_equina" not in detect(text).triggered


def test_a_sign_stated_in_the_patients_words_and_then_denied_is_left_for_staff():
    """Patient newcomer test: "long haul flight yesterday, now my left calf is swollen and hot",
    then "no" to "You mentioned ... is that right?": the intake was booked and staff saw nothing.
    The answer stands (the patient is booked as they asked); staff get a label to check."""
    from bot.frontdesk.callback import flag_title
    from bot.screening import denied_flags

    stated = {"rf_leg_clot": {"note": "your left calf is swollen and hot", "stated": True}}
    calf = {"pain_locations": [{"region": "calf", "side": "left"}], "warning_signs": ["dvt"],
            "screen_notes": stated}  # fmt: skip
    denied = {**calf, "rf_leg_clot": False, "rf_clot_breathing": False}
    assert denied_flags(denied) == ["dvt_denied"]
    assert flag_title("dvt_denied").startswith("Said in their own words, then answered no")
    assert denied_flags({**calf, "rf_leg_clot": True}) == []  # confirmed: its advice instead
    asked_only = {**denied, "screen_notes": {"rf_leg_clot": {"note": "x", "stated": False}}}
    assert denied_flags(asked_only) == []  # a "no" to a question the words only raised
    assert denied_flags({"pain_locations": [{"region": "knee"}]}) == []
    # another sign's advice keeps it: staff still check the calf (pass K: the note went away)
    bladder = {**denied, "rf_bladder_bowel": True}
    assert red_flag_outcome(bladder) is not None
    assert denied_flags(bladder) == ["dvt_denied"]


# Each symptom a safety question names, said on its own at that question: a yes. "not sudden,
# it crept up. felt faint once" at "... or do you feel faint, dizzy or clammy?" and "only the
# right one" at "Is one calf or leg swollen ... compared with the other?" were asked again
# without a word why (patient newcomer test).
NAMED_AT_QUESTION = [
    ("rf_aaa_sudden", "not sudden, it crept up. felt faint once"),
    ("rf_aaa_sudden", "i went all clammy"),
    ("rf_aaa_sudden", "a bit dizzy when it started"),
    ("rf_aaa_sudden", "it felt like tearing"),
    ("rf_leg_clot", "only the right one"),
    ("rf_leg_clot", "the left calf is bigger"),
    ("rf_leg_clot", "it's a bit swollen"),
    ("rf_leg_clot", "it's warm to touch and red"),
    ("rf_clot_breathing", "I get out of breath more than usual"),
    ("rf_neck_vascular", "a bit dizzy sometimes"),
    ("rf_neck_vascular", "I've been seeing double"),
    ("rf_neck_vascular", "it's hard to swallow"),
    ("rf_stroke", "my face drooped on one side"),
    ("rf_stroke", "my speech went slurred"),
    ("rf_headache_sudden", "it came out of nowhere"),
    ("rf_headache_sudden", "worst headache of my life"),
    ("rf_chest_exertion", "I get breathless"),
    ("rf_chest_exertion", "I go all sweaty"),
    ("rf_myelopathy", "I keep dropping things"),
    ("rf_myelopathy", "my balance is off"),
    ("rf_bladder_bowel", "he did wet himself a bit"),  # a relative, told by their child
    ("rf_bladder_bowel", "she can't tell when she needs to pee"),
]
NOT_NAMED = [
    ("rf_aaa_sudden", "dizzy? nah"),
    ("rf_aaa_sudden", "only dizzy when I stand up too fast"),
    ("rf_neck_vascular", "a bit dizzy when I get up too quick"),
    ("rf_stroke", "my right arm is weak because of the shoulder"),
    ("rf_stroke", "she's confused about the question"),
    ("rf_aaa_sudden", "not sudden, it came on slowly"),
    ("rf_headache_sudden", "not sudden, it built up over the day"),
    ("rf_leg_clot", "just my right calf hurts, not swollen"),
    ("rf_leg_clot", "both the same"),
    ("rf_neck_vascular", "not dizzy"),
]


@pytest.mark.parametrize(("slot", "said"), NAMED_AT_QUESTION)
def test_a_symptom_the_question_names_answers_it_yes(slot, said):
    det = detect(said)
    assert states_at_question(det, slot)
    assert answer_question(slot, None, det, {}, {}, unsure=False)[slot] is True


@pytest.mark.parametrize(("slot", "said"), NOT_NAMED)
def test_a_symptom_denied_or_not_named_answers_nothing(slot, said):
    assert not states_at_question(detect(said), slot)



@pytest.mark.parametrize(("said", "note"), [
    ("hi my left arm aches and my chest feels heavy when I walk",
     "your left arm aches and your chest feels heavy when you walk"),
    ("6 but also my face went numb and my speech is slurred",
     "your face went numb and your speech is slurred"),
    ("yes my calf is swollen and red since my knee surgery",
     "your calf is swollen and red since your knee surgery"),
    ("2 weeks ago my calf swelled up and went red after surgery",
     "2 weeks ago your calf swelled up and went red after surgery"),  # a time stays
    ("No feeling in my groin since yesterday", "no feeling in your groin since yesterday"),
    # third newcomer pass: "You mentioned 👋 your right calf", "You mentioned should you worry
    # your calf", "You mentioned thats right but your face"
    ("👋 my right calf is swollen and hot", "your right calf is swollen and hot"),
    ("should I worry my calf is swollen and hot", "your calf is swollen and hot"),
    ("thats right but my face feels numb and I see double",
     "your face feels numb and you see double"),
    # seventh newcomer pass: "You mentioned what should you do your chest is crushing", "You
    # mentioned img src=x onerror=alert(1)> your calf", "You mentioned your name is jim and"
    ("what should i do my chest is crushing", "your chest is crushing"),
    ("img src=x onerror=alert(1)> my calf is swollen and hot after surgery",
     "your calf is swollen and hot after surgery"),
    ("my name is Ana, my face went numb and my speech is slurred",
     "your face went numb and your speech is slurred"),
    ("no, but my face went numb and my speech is slurred",
     "your face went numb and your speech is slurred"),
])  # fmt: skip
def test_the_echoed_words_leave_out_a_greeting_or_an_answer_before_them(said, note):
    """Second patient newcomer test: "You mentioned hi your left arm ..." and "You mentioned 6
    but also your face ..."."""
    found = detect(said)
    slot = (found.stated or [a.slot for n in found.triggered for a in SIGNS_BY_NAME[n].asks])[0]
    assert found.note(slot=slot) == note


@pytest.mark.parametrize(
    "text",
    ["hip pain, been wetting myself the last few days", "walking, and ive been wetting myself",
     "left, also i cant really control my bladder since tuesday",
     "she cant properly control her bladder anymore", "he's been wetting himself at night",
     "cant feel my legs", "he cant feel his feet", "i can't really feel my legs since this morning",
     "numb legs, both of them, since the weekend"],
)  # fmt: skip
def test_the_third_newcomer_passs_bladder_and_leg_words_ask_the_cauda_equina_questions(text):
    """Third newcomer pass: each was booked with no question about the bladder or the legs
    ("wetting", an adverb before "control", "can't feel my legs")."""
    assert "cauda_equina" in detect(text).triggered


@pytest.mark.parametrize(
    "text", ["my legs ache after running", "my feet hurt in new shoes",
             "i cant feel my toes when it's cold outside, my knee hurts"],
)  # fmt: skip
def test_legs_or_feet_without_numbness_or_weakness_ask_nothing(text):
    assert "cauda_equina" not in detect(text).triggered


@pytest.mark.parametrize(
    ("text", "region"),
    [("knee pain after fall yesterday cant put weight on it", "knee"),
     ("I fell down the stairs and hurt my back", "lower_back"),
     ("ankle is bent at a weird angle since I fell", "ankle")],
)  # fmt: skip
def test_a_question_the_patients_words_answered_yes_and_left_unasked_is_flagged(text, region):
    """Third newcomer pass: "knee pain after fall yesterday cant put weight on it", then "stop"
    before the fracture question (a region's, asked in its turn), left staff no flag. Every
    question the words answered yes and nobody confirmed is flagged for staff, until it is
    answered."""
    slots: dict = {"pain_locations": [{"region": region, "side": "left"}]}
    updates, _ = screen_updates(text, slots)
    slots |= updates
    stated = [s for s, note in slots["screen_notes"].items() if note.get("stated")]
    assert stated and unconfirmed_flags(slots), slots
    answered = {**slots, **{slot: False for slot in stated}}
    assert unconfirmed_flags(answered) == [], answered


@pytest.mark.parametrize(
    "text",
    ["husband collapsed on the floor and isnt breathing",
     "mom passed out on the kitchen floor wont wake up", "my grandad is unconscious",
     "he fainted and hit his head, now confused", "my wife passed out and wont wake up",
     "mum collapsed", "he collapsed and is not responding", "my dad collapsed"],
)  # fmt: skip
def test_a_collapse_told_plainly_is_911_at_once(text):
    """Fourth newcomer pass: each got the duration question or "didn't understand", with no
    advice and no intake for staff."""
    assert "rf_collapse_now" in told_emergency(detect(text))


@pytest.mark.parametrize(
    "text",
    ["I collapsed at the gym last year and hurt my knee",
     "my mum collapsed last month and broke her hip", "i was unconscious for a minute after the "
     "crash", "my knee is not responding to physio", "he passed out from the pain years ago"],
)  # fmt: skip
def test_a_collapse_in_the_past_or_a_treatment_not_responding_is_no_emergency(text):
    assert "rf_collapse_now" not in told_emergency(detect(text))


@pytest.mark.parametrize("text", ["CANT FEEL EITHER LEG", "cant feel either leg since this morning",
                                  "he can't feel either foot"])
def test_numbness_of_either_leg_asks_the_cauda_equina_questions(text):
    assert "cauda_equina" in detect(text).triggered


@pytest.mark.parametrize(
    "text",
    ["my jaw and left arm ache, im sweating buckets and cant catch my breath, no chest pain tho",
     "jane - my jaw and arm ache and im sweaty and breathless rn",
     "my jaw and left arm ache and im sweating, no chest pain tho"],
)  # fmt: skip
def test_heart_attack_signs_without_chest_pain_are_911_at_once(text):
    """Fourth newcomer pass: the arm and jaw with a sweat and breathlessness, no chest pain,
    answered "no" to the chest and exertion questions, and were offered a booking (AHA)."""
    assert "rf_chest_now" in told_emergency(detect(text))


@pytest.mark.parametrize(
    "text",
    ["my shoulder aches after my run and im sweaty and out of breath",
     "my neck is stiff and i feel sick", "shoulder pain, night sweats",
     "upper back ache and short of breath with my asthma",
     "my arm aches when i walk uphill and i get sweaty"],
)  # fmt: skip
def test_effort_or_one_companion_is_no_heart_emergency(text):
    assert "rf_chest_now" not in told_emergency(detect(text))


@pytest.mark.parametrize(
    "text",
    ["no fever but my calf is swollen and hot since my op",
     "by the way my calf went red and swollen after my flight home"],
)  # fmt: skip
def test_a_swollen_hot_calf_at_a_knee_intake_is_the_clot_sign_not_the_joints(text):
    """Fourth newcomer pass: staff read "Possible joint infection", and the patient was asked
    about "the swollen, hot or red joint"."""
    found = detect(text, ["knee"])
    assert "dvt" in found.triggered and "septic_joint" not in found.triggered
    assert "septic_joint" in detect("its swollen and hot and i have a fever", ["knee"]).triggered


@pytest.mark.parametrize(
    ("text", "sign"),
    [("spitting up blood when i cough, ribs hurt", "coughing_blood"),
     ("bleeding when i cough and ribs hurt", "coughing_blood")],
)  # fmt: skip
def test_the_third_pass_wordings_of_coughing_blood_ask_its_question(text, sign):
    """Fourth session's third newcomer pass: booked with no question."""
    assert sign in detect(text).triggered


@pytest.mark.parametrize(
    "text", ["not sure, sometimes i leak a little when i sneeze", "i leak when i sneeze",
             "i leak a bit when i laugh too hard"],
)  # fmt: skip
def test_a_leak_when_sneezing_or_laughing_is_no_bladder_warning_sign(text):
    """Fourth session's third newcomer pass: stress leaking at the bladder question, with "not
    sure", sent a benign patient to the emergency department."""
    assert "bladder" not in detect(text).features


# ---------------------------------------------------- the fourth session's third pass (pass C)
@pytest.mark.parametrize(
    "text",
    ["no chest pain but my left arm hurts and im sweating and sick to my stomach, started 2 "
     "hours ago sitting on the couch",
     "my left arm aches, im clammy and i feel sick", "his shoulder hurts and hes gone grey and "
     "sweaty and feels sick", "upper back pain, cold sweat and light headed"],
)  # fmt: skip
def test_the_upper_body_with_a_sweat_and_another_heart_attack_sign_is_911(text):
    """Pass C: the arm with a sweat and nausea at rest, without breathlessness or the jaw, was
    booked (AHA: discomfort in the arms, back, neck or jaw, a cold sweat, nausea,
    light-headedness)."""
    assert "rf_chest_now" in told_emergency(detect(text))


@pytest.mark.parametrize(
    "text",
    ["my shoulder hurts and the painkillers make me feel sick and sweaty",
     "sore arm after the gym, sweaty and feel sick", "neck pain, sweats and chills with a fever",
     "my arm aches, no sweating, a bit sick", "my jaw aches and I feel sick and dizzy",
     "shoulder pain and the flu, sweaty and sick"],
)  # fmt: skip
def test_a_sweat_from_effort_medicines_or_a_fever_or_no_sweat_is_no_heart_emergency(text):
    assert "rf_chest_now" not in told_emergency(detect(text))


@pytest.mark.parametrize(
    "text",
    ["my dads arm and face went weird and floppy", "her face has gone all floppy and her arm is "
     "weak", "mums arm and face are droopy", "his face went slack and his right arm is dead"],
)  # fmt: skip
def test_a_relatives_face_and_arm_gone_floppy_is_a_stroke_at_once(text):
    """Pass C: "arm and face went weird and floppy" got "Which arm"."""
    assert "rf_stroke" in told_emergency(detect(text))


@pytest.mark.parametrize(
    "text", ["my arm went dead when i slept on it", "her face went red", "my face is all puffy"],
)  # fmt: skip
def test_an_arm_asleep_or_a_red_face_is_no_stroke(text):
    assert "rf_stroke" not in told_emergency(detect(text))
    assert "stroke" not in detect(text).triggered


@pytest.mark.parametrize(
    "text",
    ["i passed out this morning and now my back hurts", "my knee hurts and i fainted yesterday",
     "blacked out in the shower on sunday, hip sore since", "i lost consciousness for a bit"],
)  # fmt: skip
def test_a_faint_told_in_the_first_person_asks_the_fainting_question(text):
    """Pass C: "i passed out this morning and now my back hurts" got the aortic questions and a
    booking. Consciousness lost needs a doctor's check today (AHA, Syncope)."""
    found = detect(text)
    assert "syncope" in found.triggered and "rf_fainted" in found.stated


@pytest.mark.parametrize(
    "text",
    ["i fainted as a kid but now my knee hurts", "i nearly passed out from the pain",
     "i feel like im going to pass out from the pain in my knee", "i dont faint or black out",
     "i passed out years ago giving blood", "never passed out"],
)  # fmt: skip
def test_nearly_fainting_a_faint_long_ago_or_a_denial_asks_no_fainting_question(text):
    assert "syncope" not in detect(text).triggered


@pytest.mark.parametrize(
    "text",
    ["stiff neck and a high fever and the light hurts my eyes", "ive got a fever and my neck is "
     "stiff", "temperature of 39, headache and stiff neck", "feverish and confused, neck sore"],
)  # fmt: skip
def test_a_fever_with_a_stiff_neck_or_light_hurting_is_the_emergency_department(text):
    """Pass C: a stiff neck, a high fever and light hurting the eyes got only the fever
    question's "contact your doctor promptly" (CDC, Meningitis)."""
    found = detect(text)
    assert "meningism" in found.triggered
    assert FLAGS_BY_SLOT["rf_meningism"].advice == "emergency"


@pytest.mark.parametrize(
    "text", ["stiff neck after a long drive", "i have a fever and my knee hurts",
             "no fever, just a stiff neck from sleeping funny"],
)  # fmt: skip
def test_a_stiff_neck_or_a_fever_alone_is_no_meningism(text):
    assert "meningism" not in detect(text).triggered


@pytest.mark.parametrize(
    ("text", "sign", "slot"),
    [("i keep getting drop attacks", "cervical_arterial", "rf_neck_vascular"),
     ("i dropped to the floor without passing out", "cervical_arterial", "rf_neck_vascular"),
     ("cant move my legs after i fell on my back", "fall_cant_get_up", "rf_fall_cant_get_up"),
     ("cant move my legs after i fell on my back", "cauda_equina", "rf_weakness"),
     ("my wrist looks like a dinner fork after i fell", "deformity", "rf_deformity"),
     ("finger looks crooked since i fell on it", "deformity", "rf_deformity"),
     ("I fell on my arm and my forearm is bent", "deformity", "rf_deformity")],
)  # fmt: skip
def test_pass_c_serious_kinds_ask_the_right_question(text, sign, slot):
    """Pass C: drop attacks were asked the myelopathy question, legs that can't move after a
    fall got "a doctor today", and a "dinner fork" wrist was not read as deformed."""
    found = detect(text)
    assert sign in found.triggered and slot in found.stated, found


def test_choking_on_food_is_swallowing_trouble_not_a_breathing_emergency():
    """Pass C: "keep choking on my food" was told to call 911 for breathing."""
    food = detect("i keep choking on my food")
    assert "rf_breathing_now" not in told_emergency(food) and "choking_food" in food.features
    # asked about, not taken as a yes already (seventh pass: then "a month" confirmed it)
    neck = detect("neck pain, and I keep choking on my food a bit")
    assert "cervical_arterial" in neck.triggered and "rf_neck_vascular" not in neck.stated
    assert "rf_breathing_now" in told_emergency(detect("he is choking and cant breathe"))
    assert "rf_breathing_now" in told_emergency(detect("shes choking"))


@pytest.mark.parametrize(
    ("said", "echoed"),
    [("been wetting myself since monday", "you've been wetting yourself since monday"),
     ("do i have a blood clot? my calf is swollen and hot", "your calf is swollen and hot"),
     ("forgot to say i blacked out twice this week", "you blacked out twice this week"),
     ("fyi i passed out on monday", "you passed out on monday")],
)  # fmt: skip
def test_pass_c_echoes_read_right(said, echoed):
    """Pass C: "You mentioned you been wetting yourself", "You mentioned you do you have a blood
    clot? ..."."""
    found = detect(said)
    assert found.note(sign=found.triggered[0]) == echoed


def test_a_symptom_no_sign_covers_is_noted_not_out_of_scope():
    """Pass C: "dizzy" alone mid-intake got "Sorry, I can't help with that"."""
    assert symptom_note("dizzy") == "dizzy"
    assert symptom_note("I feel sick") == "you feel sick"
    assert symptom_note("what's the weather like") == ""
    assert symptom_note("my knee") == "" and symptom_note("I'm 70 and I smoke") == ""


@pytest.mark.parametrize(
    ("text", "sign"),
    [("hmm none of these, can i come tonight? my chest has been hurting and my arm feels heavy "
      "and numb for the last hour", "cardiac"),
     ("dad isnt making sense since this morning and his left arm has gone dead", "stroke"),
     ("hip pain and i cant feel either of my legs properly, both are weak", "cauda_equina"),
     ("my husband hurt his back, now hes saying words all jumbled and cant lift his right arm",
      "stroke"),
     ("neck is really stiff and i have a high temp, light hurts my eyes", "meningism"),
     ("3. fyi ive got a temp of 39 and my neck is really stiff today", "meningism"),
     ("my son crashed his bike, his forearm has a bend in it where there shouldnt be one",
      "deformity"),
     ("my mum is 79, she tripped in the garden and shes been lying there, says she cant stand "
      "up, her wrist looks wonky", "fall_cant_get_up"),
     ("fell down the stairs and now i cant move my legs", "cauda_equina")],
)  # fmt: skip
def test_the_sixth_passs_serious_wordings_raise_their_sign_with_a_yes_to_confirm(text, sign):
    """Sixth newcomer pass (this session's): each was booked or got weaker advice: a chest
    "hurting for the last hour" at the booking step, a father "isnt making sense", "either of my
    legs", "saying words all jumbled", "a high temp" with a neck "really stiff", a forearm with
    "a bend in it", a mother "lying there" after she "tripped in the garden"."""
    found = detect(text)
    assert sign in found.triggered and found.advice is not None, found


@pytest.mark.parametrize(
    "text",
    ["sorry one more thing, yesterday afternoon i got crushing chest pain",
     "one more thing, my knee clicks", "I have one question about my face cream",
     "not now, i had a fever last month but im fine now",
     "knee pain, i had a fever last month but thats long gone",
     "chest muscles sore since i started doing pushups"],
)  # fmt: skip
def test_one_more_thing_or_a_fever_long_gone_names_no_face_or_fever(text):
    """Review: "one more thing" read as one side of the face (a stroke question at the booking
    step); sixth pass: "a fever last month, long gone" sent a knee patient away."""
    found = detect(text)
    assert "face_numb" not in found.features and "fever" not in found.features, found


@pytest.mark.parametrize(
    "text", ["he is choking on something", "my son is choking on a grape",
             "she's choking on her food right now"],
)  # fmt: skip
def test_someone_choking_now_is_911(text):
    """Review: excluding "choking on ..." had taken 911 away from a child choking on a grape."""
    assert "rf_breathing_now" in told_emergency(detect(text))


@pytest.mark.parametrize(
    ("text", "fever"),
    [("I've had a fever since last month", True), ("fever for the last month on and off", True),
     ("I have a fever and my appetite went away", True), ("my temp hit 39.5", True),
     ("39F, knee pain for 2 weeks", False), ("I can only lift my arm to 40 degrees", False),
     ("the temperature is 39 in here", False)],
)  # fmt: skip
def test_a_fever_now_counts_and_an_age_an_angle_or_the_weather_does_not(text, fever):
    """Review: the "long gone" lookahead dropped a fever "since last month"; "39F" (an age and
    sex) and "40 degrees" (a range of movement) were fevers."""
    assert ("fever" in detect(text).features) is fever


@pytest.mark.parametrize(
    ("text", "told"),
    [("my neck hurts, I feel sick and im sweaty cause its hot today", False),
     ("my shoulder hurts and I get sweaty and feel sick when I do my exercises at home", False),
     ("my arm hurts and im sweating and feeling sick after my physio exercises", False),
     ("took my blood pressure tablets this morning, now my left arm hurts, im sweating and feel "
      "sick", True),
     ("my left arm hurts, i can't stop sweating and feel sick", True),
     ("my arm aches, its not too bad but im sweating and feel sick", True)],
)  # fmt: skip
def test_heat_or_exercise_explains_a_sweat_and_a_tablet_taken_or_cant_stop_does_not(text, told):
    """Review of pass C's fix: the heat and home exercises got 911 at once; a heart patient's
    blood pressure tablets, "can't stop sweating" and "not too bad but" lost it."""
    assert ("rf_chest_now" in told_emergency(detect(text))) is told


def test_no_to_the_meningism_question_leaves_the_fever_question_open():
    """Review: a no to "along with a fever, is your neck stiff ...?" also stored no fever."""
    assert not SIGNS_BY_NAME["meningism"].asks[0].also_answers
    assert "meningism" in detect("my temp hit 39.5 and my neck's stiff").triggered


def test_a_time_of_day_alone_is_no_symptom_to_note():
    assert symptom_note("mornings are best, I am free right now") == ""


@pytest.mark.parametrize(
    "text", ["I took a step in it and my ankle rolled", "my arm is bent at the elbow when i sleep",
             "the dog is lying there"],
)  # fmt: skip
def test_a_step_an_elbow_bent_in_sleep_or_a_dog_lying_there_is_no_injury_sign(text):
    """Review: each read as a limb out of shape or as someone who can't get up."""
    found = detect(text)
    assert not {"deformity", "cant_get_up"} & set(found.features), found


@pytest.mark.parametrize(
    "text",
    ["both my legs have gone numb over the last two weeks", "numb in both legs for two weeks "
     "now, getting worse", "my back hurts and both feet are tingling", "pins and needles in both "
     "legs since last week", "cant really feel my legs", "my feet are numb and my back aches",
     "tingling in both feet, spreading up to my knees"],
)  # fmt: skip
def test_numbness_in_both_legs_asks_its_own_question(text):
    """Numbness alone is no weakness (the weakness question says so), and new sensory loss in
    both legs was booked after two noes. It has its own question: new or spreading numbness in
    both legs is the emergency department (IFOMPT; NICE CKS, Sciatica)."""
    found = detect(text)
    assert "bilateral_leg_numbness" in found.triggered and "cauda_equina" in found.triggered
    order = screen_order({"warning_signs": list(found.triggered)}, INTAKE)
    assert {"rf_legs_numb", "rf_bladder_bowel", "rf_weakness"} <= set(order)
    assert FLAGS_BY_SLOT["rf_legs_numb"].advice == "emergency"
    # stated (a yes to confirm) only when the words say the numbness is getting worse or spreading
    assert ("rf_legs_numb" in found.stated) == bool(re.search(r"worse|spreading", text))


@pytest.mark.parametrize(
    "text", ["my back pain is getting worse and my feet get tingly when i sit on the loo",
             "pain spreading down my right leg, and my feet go pins and needles sometimes"],
)  # fmt: skip
def test_worse_said_of_the_pain_does_not_state_the_numbness_question(text):
    """Review: "getting worse" anywhere in the message stated the emergency question."""
    assert "rf_legs_numb" not in detect(text).stated


def test_pins_and_needles_in_both_feet_after_sitting_that_went_away_is_only_asked():
    """Held-out set 1's benign lookalike: asked, never stated, so a no books it."""
    found = detect("Pins and needles in my feet after sitting cross-legged on the floor, went "
                   "away after a few minutes of walking")
    assert "bilateral_leg_numbness" in found.triggered and "rf_legs_numb" not in found.stated


@pytest.mark.parametrize(
    "text",
    ["my left leg feels numb", "tingling down my right leg to my foot", "my knee hurts",
     "my legs are sore after the hike", "my toe is numb on the right foot"],
)  # fmt: skip
def test_numbness_in_one_leg_asks_no_both_legs_question(text):
    assert "bilateral_leg_numbness" not in detect(text).triggered


def test_the_both_legs_question_is_for_staff_in_words():
    assert staff_title("bilateral_leg_numbness") == (
        "Cauda equina or cord compression (new or worsening numbness or tingling in both legs): "
        "emergency department now"
    )


@pytest.mark.parametrize(
    "text",
    ["im short of breath even sitting still and my lips look blue", "so short of breath i cant "
     "finish a sentence, upper back hurts", "shoulder pain and im really short of breath even "
     "sitting still, lips feel blue-ish", "no its all the time even sitting, im breathless at rest",
     "shortness of breath even at rest since this morning"],
)  # fmt: skip
def test_breathlessness_at_rest_or_in_broken_sentences_is_the_breathing_question(text):
    """Newcomer test: each was booked, or asked about four turns late and given "a doctor
    today" under the exertion question's label. Breathless at rest, broken sentences and blue
    lips are severe difficulty breathing (MedlinePlus): the 911 question, confirmed."""
    found = detect(text)
    assert "breathing_difficulty" in found.triggered and "rf_breathing_now" in found.stated


@pytest.mark.parametrize(
    "text", ["i get out of breath when i run", "short of breath climbing stairs",
             "out of breath only when running hard",
             # review: each was the 911 question
             "im a bit out of breath at the moment, just walked up the hill to get here",
             "puffed out right now from running for the bus",
             "i get out of breath going up stairs but fine sitting down",
             "my rib hurts so much i can hardly get a breath in when it spasms"],
)  # fmt: skip
def test_breathless_on_effort_is_no_breathing_emergency(text):
    assert "breathing_difficulty" not in detect(text).triggered


@pytest.mark.parametrize(
    "text", ["slipped on ice, hip really hurts, i cant stand on that leg at all, im 80",
             "i'm 72 and fell in the bathroom, my hip hurts and i cant put any weight on my leg",
             "fell off the step, my hip is agony and i cant bear weight on it"],
)  # fmt: skip
def test_a_fall_with_hip_pain_or_old_age_and_no_weight_is_the_emergency_question(text):
    """SMS newcomer test: an 80-year-old who could not stand on the leg after a fall got the
    fracture question's "a doctor today" (AAOS, Hip Fractures: emergency care)."""
    found = detect(text)
    assert "fall_cant_get_up" in found.triggered and found.advice == "emergency"


@pytest.mark.parametrize(
    "text", ["twisted my ankle playing soccer and cant put weight on it",
             "groin strain playing football, fell over, cant put any weight on it",
             "im 68, slipped and twisted my ankle yesterday, cant put weight on it"],
)  # fmt: skip
def test_an_ankle_or_groin_that_cannot_bear_weight_keeps_the_fracture_question(text):
    found = detect(text)
    assert "fall_cant_get_up" not in found.triggered and found.advice == "doctor_today"


@pytest.mark.parametrize(
    "text",
    ["suddenly my leg went cold, pale and numb an hour ago, calf hurts",
     "my hand suddenly went white and cold", "sudden pain in my calf, leg is cold and blue",
     "my foot is ice cold and pale since this morning, came on suddenly",
     "both my hands suddenly went white and cold"],
)  # fmt: skip
def test_a_limb_suddenly_cold_and_pale_is_the_emergency_question(text):
    """Pass F: "suddenly my leg went cold, pale and numb an hour ago" was booked (Society for
    Vascular Surgery, Acute Limb Ischemia: an emergency)."""
    found = detect(text)
    assert "limb_ischaemia" in found.triggered and "rf_limb_cold" in found.stated
    assert found.advice == "emergency"


@pytest.mark.parametrize(
    "text", ["my feet are always cold in winter", "my fingers go white in the cold",
             "my hands get cold at work", "i put ice on my leg and it went numb",
             "i suddenly twisted my ankle and my toes went blue with bruising"],
)  # fmt: skip
def test_cold_hands_and_feet_are_no_limb_emergency(text):
    assert "limb_ischaemia" not in detect(text).triggered


@pytest.mark.parametrize(
    ("text", "stated", "advice"),
    [("new headache at my temples, my jaw aches when i chew and my vision went blurry "
      "yesterday, im 79", "rf_gca", "doctor_today"),
     ("my mum (81) has a headache on the side of her head and lost the sight in one eye for a "
      "few minutes", "rf_gca_vision", "emergency"),
     ("throbbing pain in my right temple for 2 weeks, scalp is tender when I brush my hair, jaw "
      "hurts chewing, I am 72", "rf_gca", "doctor_today"),
     # pass G: in an answer to a later question
     ("im 68. brushing my hair hurts, and chewing my dinner makes my jaw ache, also got a new "
      "headache at the sides of my head", "rf_gca", "doctor_today"),
     ("I'm 71, my jaw gets tired when I eat, headache on the sides of my head", "rf_gca",
      "doctor_today")],
)  # fmt: skip
def test_a_temple_headache_with_jaw_pain_or_sight_change_over_50_is_stated(text, stated, advice):
    """Pass F: a temple headache with jaw pain on chewing and blurred sight at 79 was booked
    (ACR/EULAR 2022 giant cell arteritis criteria; BSR 2020: the same day, at once with the
    eyes)."""
    found = detect(text)
    assert "giant_cell_arteritis" in found.triggered and stated in found.stated
    assert found.advice == advice


@pytest.mark.parametrize(
    "text",
    ["headache at my temples, im 62", "my jaw gets tired when I eat, I'm 70",
     "I get migraines at my temples with blurry vision, im 25",
     # review: ages, relatives and sight told in other words
     "my mum is in her 80s and has a new headache at her temples",
     "79-year-old with new headache at the temples", "mum, 81, new headache at her temples",
     "My nan is 92 and has had a new headache at her temples",
     "my partner is 75 and her temples are really sore",
     "i'm 66 and my sight is fine but I have a headache at my temples",
     "im 76 and get pain in my jaw when I chew, it goes away when I stop",
     "my mum is 84, her scalp hurts when she brushes her hair",
     "I'm 71, headache and everything went black in my right eye for a minute",
     "im 69, headache and a dark shadow came over my eye",
     "I'm 80, headache, and my sight in one eye went blurry and came back",
     "everything went black in one eye for a minute, neck pain",
     "part of my vision is missing in one eye since yesterday, neck pain",
     # the eyes and the temples are asked, never answered, by words alone (review)
     "tension headaches at my temples and my jaw aches when I chew, im 28",
     "im 70, headache at my temples, jaw is fine, no pain when eating",
     "i'm 60, migraines at my temples with blurry vision for 20 years",
     "I'm 64, tension headache at my temples, and my vision is blurry without my reading glasses"],
)  # fmt: skip
def test_a_temple_headache_over_50_or_lost_sight_asks_the_questions(text):
    """Asked, not stated: the patient's answer decides."""
    found = detect(text)
    assert "giant_cell_arteritis" in found.triggered and found.advice is None


@pytest.mark.parametrize(
    "text",
    ["tension headaches at my temples when stressed, im 34", "my jaw clicks and aches when I "
     "chew, im 23", "im 55 and my shoulder hurts", "my jaw hurts eating steak, im 30",
     "I need new reading glasses, my knee hurts, im 70",
     # review
     "I'm 25, temple headaches, jaw doesn't hurt when I eat",
     "im 75, losing my sight to glaucoma, neck pain and headache",
     "I'm 72, pulled my back hanging a curtain, got a headache too",
     "I'm 68 and have a headache, the x-ray showed a shadow over my lung",
     "I lost sight of the ball and twisted my knee",
     "my dog is going blind and pulled me over, wrist hurts",
     "I'm 70 and go to temple every week, my knee hurts",
     "im 55 and my temples are greying, back pain", "im 50/50 on booking, headache at my temples",
     "I'm 24 and bench 60+ kg, temple headache after lifting"],
)  # fmt: skip
def test_a_young_temple_headache_or_jaw_click_is_no_arteritis_screen(text):
    """Nor an old eye, a curtain, a temple of worship or a lost ball."""
    assert "giant_cell_arteritis" not in detect(text).triggered


@pytest.mark.parametrize(
    "text",
    ["my wife says my face looks a bit lopsided and my back hurts",
     "his smile looks slightly crooked since this morning", "her face is a little droopy",
     "my face feels a little numb on the left side", "her face looks somewhat lopsided",
     "my face is slightly numb", "his face looks lop sided"],
)  # fmt: skip
def test_a_relatives_hedged_lopsided_face_asks_the_stroke_question(text):
    """Pass F: "her face looks a bit lopsided" was missed in the first message."""
    found = detect(text)
    assert "stroke" in found.triggered and "rf_stroke" not in found.stated


def test_a_face_changed_by_filler_is_no_stroke_or_artery_sign():
    """Review: "my face is a bit uneven since the filler, neck pain" became an emergency."""
    found = detect("my face is a bit uneven since the filler, neck pain")
    assert not found.triggered and found.advice is None


@pytest.mark.parametrize(
    "text",
    ["my right arm suddenly went weak about an hour ago and i can't lift it, my hand is numb too",
     "my left arm went weak all of a sudden this morning and feels numb",
     "suddenly can't lift my right arm since an hour ago",
     "sudden weakness in my left leg and arm today"],
)  # fmt: skip
def test_an_arm_or_leg_suddenly_weak_asks_the_stroke_question(text):
    """Pass G: sudden weakness of one arm, with no face or speech named, was booked (American
    Stroke Association, F.A.S.T.: arm weakness). Asked, not stated: a torn rotator cuff is no
    stroke, and the answer decides."""
    found = detect(text)
    assert "stroke" in found.triggered and "rf_stroke" not in found.stated


@pytest.mark.parametrize(
    ("text", "stated"),
    [("my right foot and lower leg have gone cold and pale and really painful in the last couple "
      "hours, numb too", False),
     ("wrist pain and an hour ago my left hand went white and cold and numb, it really hurts",
      True)],
)  # fmt: skip
def test_a_limb_gone_cold_and_pale_is_always_asked_and_stated_when_sudden_or_now(text, stated):
    """Pass G: both were booked (the sign needed the word "sudden")."""
    found = detect(text)
    assert "limb_ischaemia" in found.triggered
    assert ("rf_limb_cold" in found.stated) is stated


@pytest.mark.parametrize(
    "text",
    ["about a 5. i also keep blacking out when i get up from bed", "i black out when i stand up",
     "i collapsed in the kitchen yesterday", "i keep fainting",
     "everything goes black and i end up on the floor"],
)  # fmt: skip
def test_fainting_in_everyday_words_is_the_fainting_question(text):
    """Pass G: each was ignored and booked (AHA, Syncope)."""
    found = detect(text)
    assert "syncope" in found.triggered and "rf_fainted" in found.stated


@pytest.mark.parametrize(
    "text", ["my arches have collapsed", "i had fainting spells as a teenager",
             "nearly passed out from the pain when i stood up"],
)  # fmt: skip
def test_fallen_arches_and_old_faints_are_no_fainting_now(text):
    assert "rf_fainted" not in detect(text).stated


@pytest.mark.parametrize(
    "text",
    ["my back has been killing me since my epidural injection 5 days ago and i have fever and "
     "chills", "back surgery last week and now i have a temperature"],
)  # fmt: skip
def test_a_fever_after_a_spinal_procedure_is_the_emergency_question(text):
    """Pass G: an epidural 5 days before, fever and chills, got "contact your doctor promptly"
    (IFOMPT red flags: spinal infection)."""
    found = detect(text)
    assert "spinal_infection" in found.triggered and "rf_spinal_infection" in found.stated
    assert found.advice == "emergency"


@pytest.mark.parametrize(
    "text", ["had an epidural when my son was born 3 years ago, back pain since",
             "had back surgery 2 years ago, now fever and my back hurts"],
)  # fmt: skip
def test_an_old_spinal_procedure_is_no_spinal_infection_sign(text):
    assert "spinal_infection" not in detect(text).triggered


def test_a_relatives_jumbled_words_and_floppy_arm_are_the_stroke_told():
    """Pass H: "her words came out all jumbled ... her right arm went floppy, it's better now
    after 15 mins" was booked for her back (American Stroke Association: a TIA's signs)."""
    found = detect("my wife's words came out all jumbled at dinner and her right arm went floppy, "
                   "it's better now after 15 mins. She has a bad back, wanted to book PT")
    assert "rf_stroke" in found.stated and found.advice == "call_911"


def test_an_elephant_on_the_chest_for_20_minutes_grey_and_sweaty_is_911_at_once():
    """Pass H: a spouse's heart attack got three ordinary questions before the chest question
    (AHA: chest pressure with a cold sweat, lasting more than a few minutes)."""
    said = ("hubby (59) says his chest feels like an elephant sitting on it for last 20 min and "
            "hes grey and sweaty, he thinks he pulled a muscle at the gym")
    assert told_emergency(detect(said)) == ["rf_chest_now"]


def test_an_elephant_on_the_chest_alone_asks_the_chest_question():
    found = detect("my chest feels like an elephant is sitting on it")
    assert "chest_pain" in found.triggered and found.advice is None


@pytest.mark.parametrize("said", [
    "since this morning my right arm has gone weak and I can't grip a cup, also neck pain",
    "shoulder pain, and since this morning I can't lift my arm, it feels weak and heavy",
    "woke up and my left leg is weak and heavy, back aches",
    "my arm went weak a couple of hours ago, neck is sore",
])
def test_an_arm_or_leg_weak_within_the_day_asks_the_stroke_question(said):
    """Pass I: "since this morning my right arm has gone weak" was booked as neck pain
    (American Stroke Association: sudden weakness of an arm or leg)."""
    found = detect(said)
    assert "stroke" in found.triggered and "rf_stroke" not in found.stated


@pytest.mark.parametrize("said", [
    "my leg feels weak after the gym this morning",
    "right leg has been weak for months from sciatica",
    "my knee hurts since this morning",
])
def test_a_limb_weak_after_exercise_or_for_months_is_no_stroke_question(said):
    assert "stroke" not in detect(said).triggered


@pytest.mark.parametrize("said", [
    "my wife fell down the stairs, hit her head, now she's confused and her neck hurts",
    "fell and hit my head, threw up twice, neck hurts",
    "banged my head on a shelf and I'm on warfarin, neck is stiff",
    "he hit his head on the ice and passed out for a minute, now his neck hurts",
])
def test_a_head_injury_with_a_warning_sign_is_the_emergency_department(said):
    """Pass I: a head injury with confusion got "contact your doctor" (NICE NG232, 1.1.3)."""
    found = detect(said)
    assert "rf_head_injury" in found.stated and found.advice in ("emergency", "call_911")


@pytest.mark.parametrize("said", [
    "I banged my head on the cupboard yesterday, neck is stiff",
    "hit my head playing rugby years ago, back pain now",
    "hit my head as a kid and my neck hurts now",
])
def test_a_head_injury_alone_or_long_ago_is_asked_or_left(said):
    found = detect(said)
    assert "rf_head_injury" not in found.stated
    assert ("head_injury" in found.triggered) is ("ago" not in said and "kid" not in said)


@pytest.mark.parametrize(("said", "raised"), [
    ("for my mum, she can't walk... she fell in the kitchen", True),
    ("my mum fell in the kitchen and now she cant walk", True),
    ("I fell and now I can't walk at all", True),
    ("slipped on the stairs this morning, can't walk on it", True),
    ("I can't walk far because of my back", False),
    ("I fell off my bike last month, can't walk without a limp", False),
    ("I had a fall 3 years ago and since then I can't walk", False),  # a long story
    ("my knee hurts and I cant walk", False),  # no fall
    # review: words about the future or fear beside a fall today are no past fall
    ("my mum fell and needs a hand getting up, she can't get up", True),
    ("she fell and I'm scared of moving her, she can't get up", True),
    ("I'm a flight attendant and I fell on the plane today, can't walk", True),
    ("I fell last year and now today I fell again and can't walk", True),
    ("he fell and isn't able to walk", True),
    ("I fell off my bike last month and can't walk or run", False),  # a limit
    ("I fell and can't walk any more than 5 minutes", False),
])
def test_cant_walk_after_a_fall_is_the_fall_fracture_question(said, raised):
    """Pass K: "for my mum, she can't walk... she fell in the kitchen" got only the fall
    question and "contact your doctor promptly". Unable to walk since a fall asks the
    can't-get-up question (the emergency department), stated in the patient's words; a limit
    ("can't walk far") or a fall years ago does not."""
    found = detect(said)
    assert ("fall_cant_get_up" in found.triggered) is raised
    assert ("rf_fall_cant_get_up" in found.stated) is raised
