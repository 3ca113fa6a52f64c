"""bot.crisis: which words get the crisis answer, which get the check, and which get neither."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.crisis import check_answer, crisis_reading, is_crisis_language

PROBES = yaml.safe_load(
    (Path(__file__).resolve().parents[1] / "data/probes/crisis.yml").read_text()
)

# One or more per family of warning signs (bot.crisis's docstring); written for the families,
# not copied from the probe set.
CRISIS = [
    "I want to end my life",  # direct
    "been having suicidal thoughts since the surgery",
    "honestly I wish I never woke up in the mornings",  # passive ideation
    "I'd rather go to sleep and not wake up",
    "im so tired of being alive",
    "my wife would be better off if I was gone",  # burden
    "the kids would cope without me",
    "I've been stockpiling sleeping pills",  # means and plans
    "how many painkillers would it take to not wake up",
    "i keep looking at the bridge and thinking about jumping off",
    "I've put my affairs in order and said goodbye to my sister",  # preparations
    "I've been giving away all my things",
    "I've been cutting myself again",  # self-injury
    "i burn myself to feel something",
    "thinking of unaliving",  # shorthand
    "kms fr",
    "honestly I'd be better off gone",
    "been having sucidal thoughts",  # typos
    "I've been punching walls on purpose till my knuckles bleed",  # harm done on purpose
    "I slice my thighs with a razor when it gets bad",
    "I stopped taking my insulin on purpose",
    "I took a whole packet of my tablets last month and I'm sorry it didn't work",  # attempts
    "I've looked up the lethal dose of my meds",
    "I keep my dad's pistol by the bed and keep thinking about it",  # means
    "I tied a cord to the beam to see if it takes my weight",
    "I'm not going to be around much longer",  # goodbyes
    "sorting everything up before i go",
    "it would be easier for my family if I wasn't here",  # burden
    "I wish a truck would run me over",
    "I've been setting aside my sleeping pills",
    "dont wanna b here no more",
    "there's a hose on the exhaust in the garage",
]
CHECK = [
    "what's the point of any of it anymore",
    "I can't see a future with this pain",
    "I'm just a burden to everyone now",
    "I'm done with everything",
]
NEITHER = [
    "this sciatica is murdering me",
    "my knee is killing me",
    "I'd kill for a night's sleep",
    "I cut myself chopping onions last week",
    "I burned myself on the oven",
    "I'm dying to play golf again",
    "this back will be the death of me",
    "I'm done with this shoulder pain, I want it fixed",
    "jumping off the step in aerobics hurts my knee",
    "I was gone for a week on holiday and the pain got worse",
    "I'm not suicidal, just fed up",
    "I've got some pain I'd like help with",
    "I cut my finger with a knife while cooking",
    "I cut my arm on broken glass gardening",
    "I have a gun license and go hunting, my shoulder hurts when I shoot",
    "standing on the edge of the pool hurts my toes",
    "I tied a rope to the rack to do pull-ups and my elbow hurts",
    "sorting everything out before I go on holiday",
    "I took the pills on the wrong day by accident",
    "I scratch my skin when it itches at night",
    "I burned my arm on the oven",
    "my car got hit by a bus last year and my neck still hurts",
    "my deductible reset and I want to die a little inside lol",
    "I'd be shooting myself in the foot if I skipped physio",
]


@pytest.mark.parametrize("text", CRISIS)
def test_crisis_language_gets_the_crisis_answer(text):
    assert crisis_reading(text) == "crisis"
    assert is_crisis_language(text.upper().replace("'", "’"))  # case, curly apostrophes


@pytest.mark.parametrize("text", CHECK)
def test_hopelessness_without_crisis_words_gets_the_check(text):
    assert crisis_reading(text) == "check"


@pytest.mark.parametrize("text", NEITHER)
def test_figures_of_speech_and_requests_for_help_get_neither(text):
    assert crisis_reading(text) is None


@pytest.mark.parametrize("text", NEITHER[:4])
def test_a_classifier_crisis_reading_alone_gets_the_check_not_the_answer(text):
    assert crisis_reading(text, classified_crisis=True) == "check"


def test_no_ordinary_probe_is_declared_a_crisis_by_rule():
    ordinary = [p["text"] for p in PROBES if p["kind"] == "ordinary"]
    assert len(ordinary) >= 40
    assert [t for t in ordinary if crisis_reading(t) == "crisis"] == []


@pytest.mark.parametrize(
    "text", ["i'm not safe", "I don't feel safe", "not safe", "no, I'm not safe right now",
             "I do not feel safe at all", "not really safe"],
)  # fmt: skip
def test_saying_you_are_not_safe_is_a_crisis(text):
    """Newcomer test: "i'm not safe" after the crisis answer was read as the "I'm safe" button."""
    assert crisis_reading(text) == "crisis"


@pytest.mark.parametrize("text", ["no i am not ok", "I'm not okay", "im not alright"])
def test_saying_you_are_not_ok_gets_the_check(text):
    assert crisis_reading(text) == "check"


@pytest.mark.parametrize(
    "text", ["I'm safe", "I'm safe, let's go on", "I don't feel safe on the stairs",
             "is it safe to exercise?", "my knee is not ok", "safe"],
)  # fmt: skip
def test_safe_and_falls_are_neither(text):
    assert crisis_reading(text) is None


@pytest.mark.parametrize("text", ["i have pills in front of me", "the pills are ready"])
def test_the_means_at_hand_is_a_crisis(text):
    """Newcomer test: "i have pills in front of me" got the check, and a "no" went on."""
    assert crisis_reading(text) == "crisis"


@pytest.mark.parametrize(
    "text",
    ["ya no quiero vivir", "no quiero vivir más, me duele todo", "me quiero morir",
     "estoy pensando en suicidarme", "je veux mourir, j'ai mal au dos", "j'ai envie d'en finir",
     "quero morrer", "voglio morire"],
)  # fmt: skip
def test_crisis_language_in_other_languages_gets_the_crisis_answer(text):
    """Spanish and French crisis messages got the English-only notice and no 988 (newcomer
    test): the crisis answer (988 answers in Spanish too) and the staff flag."""
    assert crisis_reading(text) == "crisis"


@pytest.mark.parametrize(
    "text",
    ["I am safe, I never said I wanted to die", "I don't want to die from this pain",
     "no, I didn't mean I want to die, it just hurts", "me duele la espalda", "je suis fatigué"],
)  # fmt: skip
def test_a_wish_to_die_denied_is_no_crisis(text):
    """"I am safe, I never said I wanted to die" set off the crisis answer again."""
    assert crisis_reading(text) is None


# Answers to "Are you having thoughts of hurting yourself or ending your life?". Written for the
# kinds (a yes, a hedge, a frequency, ideation told back, a yes with an apology); the blind
# intent set's misreadings were "kind of yeah" (an FAQ), "Yes. I am sorry. I think of it every
# night" (a no) and "sometimes" (not understood).
CHECK_AT_RISK = [
    "yes", "yeah", "yep, honestly", "ya", "kinda", "sort of", "sometimes", "at times",
    "now and then", "maybe", "not sure", "idk", "i don't know", "i guess", "i think so",
    "more often than i'd say", "more than i'd like to admit", "i think about it most nights",
    "thought about it yes", "Yes. I am sorry. I think of it every night", "I do", "often",
    "no... well sometimes", "not really, sometimes", "not really",
    "No, not me. My mother.", "she says yes", "i don't want to hurt myself but i think "
    "about dying", "i've been hurting myself", "i cut myself when it gets bad",
    "some nights i hope i won't wake up", "the pain makes me want to die", "ok", "hmm", "",
    "   ", "thanks", "can I book?", "my mum says yes, she's been talking like that for weeks",
]
CHECK_SAFE = [
    "no", "No.", "nope", "nah", "never", "no im ok", "no, I'm safe", "I'm safe", "im fine",
    "not at all", "god no, just sore and grumpy", "no no nothing like that",
    "lol no its just my back being a pain in the arse", "no, just frustrated w my back",
    "she says no, she's fine, just fed up with the pain", "it's just my back",
    "no!! i just want my leg to stop hurting", "yes I'm safe", "nah im good",
    "i dont want to hurt myself, i want my knee fixed", "No, I would never do that",
    "absolutely not, it's the pain talking", "my back is killing me", "it hurts so much",
    "i'm not suicidal, just in pain", "no i'm not dying lol just sore",
    "no. how long will the first appointment be?", "n", "no, my husband is fine",
]


@pytest.mark.parametrize("text", CHECK_AT_RISK)
def test_any_yes_hedge_or_unclear_answer_to_the_check_is_at_risk(text):
    assert check_answer(text) == "at_risk"


@pytest.mark.parametrize("text", CHECK_SAFE)
def test_a_clear_no_to_the_check_is_safe(text):
    assert check_answer(text) == "safe"


# Kinds the blind intent set's dev split showed the rules missing, in new words.
@pytest.mark.parametrize("text", [
    "started cutting myself again last month",
    "ive been reading how to end it",
    "dont bother booking, i'm going to be gone before christmas",
    "my wife died in march and some nights i just want to be with her",
    "its not the pain, it's me. im done",
    "bye then. i won't be around much longer",
    "cancel it, I won't need any appointments after tonight",
    "no need to book, i wont need it where im going",
])
def test_more_crisis_language_gets_the_crisis_answer(text):
    assert crisis_reading(text) == "crisis"


@pytest.mark.parametrize("text", [
    "honestly I don't see the point in anything now",
    "i'm done trying, nothing works",
])
def test_more_hopelessness_gets_the_check(text):
    assert crisis_reading(text) == "check"


@pytest.mark.parametrize("text", [
    "Lovely, that's all. Thanks, goodbye!",
    "I'm cutting back on the painkillers",
    "I'll be gone for the weekend, can we do Monday?",
    "dying over here lol, knee again",
    "my husband passed years ago, I'd rather be with my grandkids on weekends",
    "I won't need the appointment after all, it's much better",
    "I won't be here much longer as I'm moving to Ohio, can you send my notes?",
])
def test_a_farewell_or_a_figure_gets_neither(text):
    assert crisis_reading(text) is None


# Newcomer test of the check (2026-11-30): worrying words that went straight into the intake,
# and everyday words that got crisis advice.
@pytest.mark.parametrize("text", [
    "got my tablets saved up in case it gets worse",
    "I'm 88, my hips ache, I'm about ready to meet my maker",
    "cant live like this, neck pain for a year",
    "honestly i cant do this anymore",
    "my mum keeps saying she doesn't want to be here anymore",
])
def test_worrying_words_get_at_least_the_check(text):
    assert crisis_reading(text) in ("check", "crisis")


@pytest.mark.parametrize("text", [
    "I can't go on long walks anymore",
    "can't go on like this without some help for my shoulder",
    "so tired of living with this pain in my heel",
    "i cant do this anymore with the knee, need someone to look at it",
    "I'm ready to go to the appointment",
])
def test_everyday_words_get_neither(text):
    assert crisis_reading(text) is None
