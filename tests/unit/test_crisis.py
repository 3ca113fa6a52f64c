"""bot.crisis: which words get the crisis answer, which get the check, and which get neither."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.crisis import crisis_reading, is_crisis_language

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


# Kinds the blind intent set's dev split showed the rules missing, in new words.
@pytest.mark.parametrize("text", [
    "started cutting myself again last month",
    "ive been reading how to end it",
    "dont bother booking, i'm going to be gone soon anyway",
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
    "my wife died in march and some nights i just want to be with her",
    "i'll be gone by the new year, no need to book",
    "I've looked up ways.",
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
    # the review's examples of the first version misfiring
    "I looked up ways to ease sciatica", "I'll be gone by 5 so the morning works better",
    "I won't need any appointments after this, knee feels great",
    "When I went back to cutting again my shoulder flared",
    "It's not the pain, it's me, I keep forgetting my exercises",
    "My dad died last year and I want to be with my mum more now",
    "I'd rather her drive, since my husband passed",
    "I don't see the point of the exercises if they don't help",
    "My doctor said the nerve is dead", "my mom keeps saying the stairs will kill her",
    "I'm done trying the stretches",
    "i just want it to stop", "i want everything to stop hurting",
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
    # review: read as "stop", and the chat ended with "OK, I've stopped"
    "i just want it all to end, i cant take this back pain anymore",
    "i want it all to be over", "i wish it would all just end",
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


@pytest.mark.parametrize("text", [
    "honestly I'm at my wits' end with this", "so fed up with this shoulder",
    "sick and tired of this knee", "this back is driving me crazy",
])
def test_frustration_the_classifier_took_for_a_crisis_gets_neither(text):
    """With no crisis or hopelessness words, a classifier-only crisis reading of frustration is
    pain talk: "at my wits' end" got the check at the offer to book (retrained model)."""
    assert crisis_reading(text, classified_crisis=True) is None


@pytest.mark.parametrize("text", [
    "i have pills saved up and im going to take them tonight. my neck is wrecked",
    "got a stash of my painkillers for when i cant take it anymore",
    "tonight im going to swallow the whole bottle",
    "my tablets are stockpiled in the drawer",
])  # fmt: skip
def test_pills_kept_back_or_a_whole_bottle_is_a_crisis(text):
    """Patient newcomer test: a plan with the means and a time got only the check, and a "no"
    cleared it."""
    assert crisis_reading(text) == "crisis"


@pytest.mark.parametrize("text", [
    "I saved up for new running shoes", "I take my tablets at night with food",
    "the whole bottle of ibuprofen did nothing for my back", "my meds are saved in the app",
    # the review's: a whole bottle of something else, "a whole lot", "saved my life"
    "I down a whole bottle of water after every run", "i could swallow a whole box of chocolates",
    "I have to take a whole lot of painkillers just to get through the day",
])  # fmt: skip
def test_everyday_pill_and_saving_talk_is_no_crisis(text):
    assert crisis_reading(text) is None
