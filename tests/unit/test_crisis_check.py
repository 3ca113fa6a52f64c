"""bot.crisis_check: the answer to "Are you having thoughts of hurting yourself or ending your
life?" read from its words. Written for the kinds (a yes, a hedge, a frequency, ideation told
back, a plan, someone else at risk; a plain no, safety in words, talk of the pain), in new words:
none is a message from the blind test sets."""

from __future__ import annotations

import pytest

from bot.crisis_check import check_answer, crisis_reading

AT_RISK = [
    "yes", "yeah", "yep tbh", "ya", "kinda", "sort of", "sometimes", "at times", "now and then",
    "maybe", "not sure", "idk", "i don't know", "i guess", "i think so", "more than i'd want",
    "i think about it most evenings", "thought about it yes", "Yes, sorry, I think of it a lot",
    "I do", "often", "no... well sometimes", "not really, sometimes", "not really",
    "i don't want to hurt myself but i think about dying", "i've been hurting myself",
    "i cut myself when it gets bad", "some nights i hope i won't wake up",
    "the pain makes me want to die", "ok", "hmm", "", "   ", "thanks", "can I book?",
    # a plan, a decision, thoughts that are there: a no in front does not undo them
    "No, I've got a plan", "no, i'll do it on sunday", "No. My mind is made up, I've decided",
    "No plans, but the thoughts come", "I get the thoughts but I'd never act on them",
    # not fine, not safe, a burden, disappearing, not wanting to be alive
    "I'm not fine", "not ok at all", "I don't feel safe at home", "No. I'm a burden to them all",
    "the pain makes me want to disappear", "nah i'd rather not be alive",
    # cutting, a life hated, giving up, a yes with a condition, with a body part or the pain
    # named beside them (review: these went on as "the pain given as what was meant")
    "its my arm, I keep cutting it", "it is my arm I want to cut",
    "only when the pain is really bad", "i mean the pain makes me want to give up",
    "it is the pain, I hate my life",
    # hopelessness, a burden, a refusal or not knowing behind a leading no-word (pass M)
    "no one would miss me", "no hope left", "none of your business", "no idea", "no comment",
    "not at all sure", "never mind", "nobody cares", "no point anymore", "nah, no one'd notice",
    # someone else at risk
    "No, not me. My dad.", "she says yes", "no but my wife keeps saying she wants to die",
]
SAFE = [
    "no", "No.", "nope", "nah", "never", "n", "no im ok", "no, I'm safe", "I'm safe", "im fine",
    "not at all", "god no, just sore and cranky", "no no, nothing like that",
    "lol no it's my hip being a pain", "no, just fed up with my back",
    "he says no, he's fine, just grumpy about his knee", "it's just my shoulder",
    "no!! i want my ankle to stop hurting", "yes I'm safe", "nah im good",
    "i dont want to hurt myself, i want my neck fixed", "No, I would never do that",
    "absolutely not, that's the pain talking", "my back is killing me",
    "i'm not suicidal, just in pain", "no i'm not dying lol just sore",
    "no. how long is the first visit?", "no, my husband is fine",
    # a no with ordinary words that look like the kinds above
    "No, my husband drove me here", "No, they said it's just a sprain",
    "No I'm fine, my son is helping me", "No, I just wake up stiff",
    "No, I used to run a lot before this", "No, probably just frustrated, sorry",
    "I am safe, thanks for asking. Can I talk to someone about my back though?",
]


# Talk of the pain that answers neither way: asked once more, plainly (pass L: a no before).
UNCLEAR = ["it hurts so much", "my knee aches on the stairs", "the pain wakes me at night",
           "i mean the pain is bad"]


@pytest.mark.parametrize("text", UNCLEAR)
def test_pain_talk_that_answers_neither_way_is_unclear(text):
    assert check_answer(text) == "unclear"
    assert check_answer(f"no, {text}") == "safe"
    assert check_answer(f"yes, {text}") == "at_risk"


@pytest.mark.parametrize("text", AT_RISK)
def test_any_yes_hedge_plan_or_unclear_answer_is_at_risk(text):
    assert check_answer(text) == "at_risk"


@pytest.mark.parametrize("text", SAFE)
def test_a_clear_no_is_safe(text):
    assert check_answer(text) == "safe"


@pytest.mark.parametrize(
    "text",
    ["dad isnt making sense since this morning and his left arm has gone dead",
     "his left arm has gone dead", "my right hand has gone all dead"],
)  # fmt: skip
def test_a_limb_gone_dead_is_no_crisis_check(text):
    """This session's newcomer pass: a father's stroke signs got "Are you having thoughts of
    hurting yourself?", then the shoulder questions and a booking offer."""
    assert crisis_reading(text, False) is None
    assert crisis_reading(text + ", i want to die", False) == "crisis"
