"""A patient's answer to a red-flag question, read from their words: yes, no, or neither, and
whether it says "not sure". The cautious reading where it is unclear: a hedged yes is a yes, a no
that names the question's own symptom is "not sure", a side or small talk is no answer.

`read_safety_answer(text, requested, found, classified)` -> (True, False, or None; unsure).
"""

from __future__ import annotations

import re

from bot.intake.yesno import (
    is_refusal,
    is_small_talk,
    is_unsure,
    parse_yes_no,
    takes_back_no,
)
from bot.screening import Detection, question_symptoms
from bot.symptoms import only_a_skin_cancer

# A question back is no answer: "so can i book or not" at the calf question was read as a no
# (the classifier's deny, 0.77), the clot flag dropped, and the patient booked.
_ASKS_BACK = re.compile(
    r"\?|\b(?:can|could|should|do|will|may|shall) (?:i|you|we)\b|\b(?:what|why|how|when)\b",
    re.IGNORECASE,
)


# A yes first, but never "yes and no" or "yeah no" (a no).
_LEADING_YES = re.compile(
    r"^\W*(?:yes|yeah|yep|yup|ya|yea)\b(?!\W*(?:(?:and|but|or)\W+)?(?:no|nah|nope)\b)", re.I
)
# ... nor a yes-word taken back at once: "yeah, not really", "yeah I haven't", "yeah none of
# that" at the stroke question were a yes and 911 (review). Neither: asked again.
_YES_TAKEN_BACK = re.compile(
    r"^\W*(?:yes|yeah|yep|yup|ya|yea)\b\W*(?:(?:and|but|or|well|um)\W+)?(?:no|nah|nope|not|never|"
    r"none|nothing|(?:i|he|she|they|we)\s+(?:haven'?t|hasn'?t|don'?t|doesn'?t|didn'?t|have not|"
    r"has not|do not|does not|did not|am not|is not|isn'?t|aren'?t))\b",
    re.IGNORECASE,
)


# At a safety question, a hedged yes is a yes (the cautious reading): "a bit", "kinda", "i
# think so", "sometimes", "she did, twice". Each was asked again, word for word, until the
# patient gave up (patient newcomer test). A "not" or "no" after it takes it back.
# "it comes and goes, a bit now" and "slightly" at the chest question were asked again (pass L):
# a symptom that comes and goes, or a little of it, is there.
_HEDGED_YES = re.compile(
    r"^\W*(?:(?:yes|yeah|yep|um|well|hmm|(?:it )?comes and goes)\W+)?(?:i think so|think so|"
    r"i believe so|i guess so|(?:he|she|they|i) (?:did|does|do|has|have)|sometimes|occasionally|"
    r"(?:just )?a (?:bit|little|touch)(?: bit)?|kinda|sorta|kind of|sort of|once|twice|"
    r"a few times|a couple of times|on and off|off and on|now and then|slightly|mildly|"
    r"(?:it )?comes and goes)(?:\W+(?:once|twice|a few times|sometimes|a bit|a little|"
    r"recently|lately|yeah|yes|i think|i guess|maybe|(?:right )?now|at the moment|today|"
    r"not (?:much|a lot|too bad|severe)))*\W*$",
    re.IGNORECASE,
)
# A "no" taken back in the same message: "no... well actually once last week", "no, but once".
_NO_THEN_TAKEN_BACK = re.compile(
    r"^\W*(?:no|nope|nah|not really)\b\W+(?:(?:well\W+)?actually|(?:but|well)\W+(?:(?:it )?"
    r"(?:once|one time|twice|a (?:bit|little|touch)|sometimes|maybe|kind of|kinda|yes|yeah|"
    r"comes and goes|slightly|mildly|on and off)))\b"
    r"(?![^.!?]*\b(?:no|not|never|nothing|fine|ok|okay|good|normal)\b)",
    re.IGNORECASE,
)
# "both" to a question about one side or one of two things: which is meant is unclear.
_BOTH = re.compile(r"^\W*(?:both|both of them|both sides|both legs|both calves|both hands)\W*$",
                   re.IGNORECASE)


# Words at a safety question that are no yes, whatever the yes-word in them: a side ("right",
# "right knee" were read as a yes to the 911 breathing question: patient newcomer test).
_SIDE_ONLY = re.compile(
    r"^\W*(?:(?:the|my|its|it'?s|on the|her|his)\s+)?(?:left|right)(?:\s+(?:one|side|knee|hip|"
    r"leg|calf|arm|shoulder|ankle|foot|elbow|wrist|hand|thigh|shin))?\W*$",
    re.IGNORECASE,
)
# Everyday no's: "she is fine", "I'm fine", "all good" to "Is she short of breath?" (read as no
# answer three times, then "not sure" with emergency advice: patient newcomer test).
_FINE = re.compile(
    r"^\W*(?:no\W+)?(?:i'?m|im|i am|she'?s|shes|she is|he'?s|hes|he is|they'?re|theyre|they are|"
    r"we'?re|we are|all|everything'?s|everything is|it'?s all)\s+(?:fine|ok|okay|good|alright|"
    r"all right|great|well|normal)(?:\W+(?:thanks?|thank you|there))?\W*$",
    re.IGNORECASE,
)
# Who has it, said instead of an answer: "no, not me, it's my wife who has it", "not me, her" at
# a question the form asks in the second person (read as a no, and a stroke was booked: patient
# newcomer test). Neither a yes nor a no: asked again in other words.
_KIN = (
    r"(?:husband|wife|partner|son|daughter|mum|mom|mam|mother|dad|father|brother|sister|friend|"
    r"grandma|grandmother|grandpa|grandfather|nan|gran|aunt|uncle|child|kid)"
)
_SOMEONE_ELSES = re.compile(
    r"\bnot (?:me|mine|myself|for me)\b\W+(?:it'?s |its |it is )?(?:her|him|them|she|he|they|"
    r"my " + _KIN + r")\b|^\W*(?:no\W+)?(?:it'?s|its|it is) (?:my " + _KIN + r"|her|him)\b",
    re.IGNORECASE,
)
# ... and what the rest of such a message says of them: "it's my dad, he has that yes", "its my
# wife, she has had that since this morning" (both read as no answer three times, then "not
# sure" with milder advice than a yes: review), "it's my mum, she doesn't have any of that".
# "who has it" says only whose it is.
_THEIR_NO = re.compile(
    r"\b(?:he|she|they)\s+(?:doesn'?t|does not|hasn'?t|has not|didn'?t|did not|don'?t|do not|"
    r"haven'?t|have not|isn'?t|is not|wasn'?t|was not|never)\b|\b(?:no|nope|nah|none of th\w+)\b",
    re.IGNORECASE,
)
_THEIR_YES = re.compile(
    r"\b(?:he|she|they)\s+(?:has|had|have|does|did|do|is|was|gets|got|keeps)\b|"
    r"\b(?:yes|yeah|yep|yup)\b",
    re.IGNORECASE,
)


def _their_answer(rest: str) -> bool | None:
    """The yes or no said of the relative after whose it is; None for "who has it" or none."""
    if re.search(r"\bwho\b", rest, re.I):
        return None
    no, yes = bool(_THEIR_NO.search(rest)), bool(_THEIR_YES.search(rest))
    return None if no == yes else yes


_THUMB_UP, _THUMB_DOWN = "👍", "👎"
# Questions about a limb or a side, where "right leg" names what is affected: a yes.
ABOUT_A_LIMB = frozenset({"rf_weakness", "rf_stroke"})
_SHRUG = "🤷"


# One word and nothing else: "asdf", "hmmm", "qwerty"; and the one words that are a yes or a
# no however they are typed.
# ... or a bare number, a score typed at a yes-or-no question ("8" was a yes, and a patient got
# a doctor's advice: sixth newcomer pass); a number texted for a button is its title by now.
_ONE_UNKNOWN_WORD = re.compile(
    r"^\W*([a-z]+|\d{1,3}([.,]\d)?(\s*(/|out of)\s*10)?)\W*$", re.IGNORECASE
)
_ONLY_A_TIME = re.compile(
    r"^\W*((about|around|maybe|like|for|since|over|roughly|nearly|almost) )*((a|an|one|two|three|"
    r"four|five|six|few|a few|couple( of)?|a couple( of)?|several|\d+(\.\d+)?|\d+ or \d+)\s*"
    r"(days?|weeks?|months?|years?|hours?|hrs?|wks?|mths?|mnths?|yrs?)( ago| now| or so| ish)?"
    r"|today|yesterday|last (night|week|month|year)|this (morning|week|month))\W*$",
    re.IGNORECASE,
)
_YES_WORD = re.compile(
    r"^(y+e+s+|y+e+[sh]+|y+a+h*|y+u+[ps]+|ye+a*h*|yus|ja|always|often|constantly|usually|"
    r"frequently|daily|regularly)$"
)
_NO_WORD = re.compile(r"^(n+o+|no+pe*s*|na+[hw]+|nay|nothing|nah+)$")


# Questions that ask when, where a time can be the answer: "this morning" at the stroke
# question's "... or did it start in the last day?" (review).
_ASKS_WHEN = frozenset({"rf_stroke", "rf_fainted", "rf_coughing_blood", "rf_trauma",
                        "rf_headache_sudden", "rf_chest_now", "rf_breathing_now",
                        "rf_collapse_now", "rf_fall_cant_get_up"})


def only_a_time(text: str | None, requested: str | None = None) -> bool:
    """Whether a message is a time and nothing else ("a month", "since yesterday") at a safety
    question that does not ask when: no answer tried, even at one the patient's own words
    answered yes."""
    return requested not in _ASKS_WHEN and bool(_ONLY_A_TIME.match(text or ""))


# Chest-wall soreness: "yes but only when i press on it" at "chest pain right now, or at rest?"
# (a gym-goer's sore chest muscles got "call 911 now": newcomer pass G). Pain now, at rest or
# with breathlessness, sweating or an arm, stays a yes.
_ONLY_WHEN_PRESSED = re.compile(
    r"\bonly (?:\w+ ){0,2}(?:when|if) (?:i|you|someone) (?:press|push|poke|touch|prod)\w*\b"
    r"|\b(?:only|just) (?:sore|tender|hurts?) (?:to|when|if) (?:the )?(?:touch|press\w*|push\w*)\b",
    re.IGNORECASE,
)
_NOT_ONLY_PRESSED = re.compile(
    r"\b(?:breath\w*|sweat\w*|clammy|arm|jaw|resting|at rest|sitting still|all the time|heav\w*|"
    r"pressure|tight\w*|crushing|squeez\w*)\b",
    re.IGNORECASE,
)


def only_when_pressed(text: str | None) -> bool:
    """Whether an answer about chest pain now says it hurts only when pressed, and names no
    heaviness, breathlessness, sweating, arm or jaw: a no at the chest-now question."""
    said = text or ""
    return bool(_ONLY_WHEN_PRESSED.search(said)) and not _NOT_ONLY_PRESSED.search(said)


def read_safety_answer(
    text: str | None,
    requested: str | None = None,
    found: Detection | None = None,
    classified: bool | None = None,
) -> tuple[bool | None, bool]:
    """(yes or no, None when neither; whether it says "not sure") at a red-flag question. Small
    talk ("thanks", "ok", 👍) is neither, whatever the classifier made of it; so is a
    question back. A refusal ("I'd rather not say") and a no that names the question's own
    symptoms ("not really swollen, just a bit puffy and warm" at the calf question) are no
    clean no: they count as "not sure" (asked once more, then the cautious advice).
    `classified`: the classifier's yes or no (affirm or deny, confidently), used last."""
    said_as = text or ""
    text = said_as.strip()
    if requested == "rf_cancer_weight" and only_a_skin_cancer(text):
        return False, False
    if requested == "rf_chest_now" and only_when_pressed(text):
        return False, False
    wordless = not re.search(r"[a-z0-9]", text, re.I)
    if wordless and _THUMB_DOWN in text and _THUMB_UP not in text:
        return False, False  # 👎 alone: a no. 👍 alone is often "ok, got it" (review): no answer
    if wordless and _SHRUG in text:
        return None, True
    if _SIDE_ONLY.match(text):
        # "right leg" names what is weak; "right knee" at the fracture question answers nothing
        # (it was a yes, and a benign patient was sent to a doctor: newcomer test)
        limb = re.search(r"\b(?:leg|arm|side|hand|foot)\b", text, re.I)
        return (True, False) if requested in ABOUT_A_LIMB and limb else (None, False)
    if _FINE.match(text):
        return False, False
    whose = _SOMEONE_ELSES.search(text)
    if whose:
        # whose it is, not whether: "not me, my husband" (a yes made it an emergency: review);
        # asked again in other words, unless the rest answers for them
        return _their_answer(text[whose.end():]), False
    if is_small_talk(said_as):
        return None, False
    if is_unsure(said_as) or is_refusal(said_as) or takes_back_no(said_as):
        return None, True  # no answer, or a no taken back ("no... well sort of"): never a no
    said = parse_yes_no(said_as)
    if _YES_TAKEN_BACK.match(said_as.replace("’", "'")):
        return None, False
    if said is None and _ASKS_BACK.search(said_as):
        return None, False
    if said is None and _LEADING_YES.match(said_as):
        # "yes, I couldn't put any weight on it": the symptom told in the negative. At a safety
        # question the yes stands (the cautious reading; it was asked again and again).
        return True, False
    if _BOTH.match(said_as):
        # one calf against the other: unclear; both legs weak, both hands clumsy, bladder and
        # bowel: the more serious answer (review: "both legs" got the milder advice)
        return (None, True) if requested == "rf_leg_clot" else (True, False)
    if said is None and _HEDGED_YES.match(said_as):
        return True, False  # "a bit", "i think so", "sometimes", "she did, twice": a yes
    if said is False and _NO_THEN_TAKEN_BACK.match(said_as):
        return None, True  # "no... well actually once last week": asked once more, carefully
    if said is None and only_a_time(said_as, requested):
        # "a month" typed at the neck-artery question (meant for the duration) was a yes, and a
        # patient with food going down the wrong way was sent to the emergency department
        # (sixth newcomer pass): a time alone answers nothing; the question is asked again.
        return None, False
    if said is None and _ONE_UNKNOWN_WORD.match(said_as):
        # "asdf" was a confident yes to the classifier, and got the emergency department's
        # advice (fourth newcomer pass): a single word answers by its own letters ("yesss",
        # "nooo", "always"), else nothing, whatever the classifier made of it; the question is
        # asked again.
        word = said_as.strip(" .!?,").lower()
        return (True if _YES_WORD.match(word) else False if _NO_WORD.match(word) else None), False
    answer = said if said is not None else classified
    named = found is not None and bool(set(found.features) & question_symptoms(requested or ""))
    if answer is False and (named or _denies_one_part(requested, said_as)):
        return None, True
    return answer, False


# A question that asks about two things at once, and the words of each: a no that names one and
# not the other answers half of it ("no numbness in my groin" at the bladder question was taken
# as no to bladder and bowel control too: pass L). Asked once more, naming both.
_PARTS: dict[str, tuple[re.Pattern[str], ...]] = {
    "rf_bladder_bowel": (
        # Only words of the symptoms: "no, feeling fine", "no, the pain is at the bottom of my
        # back" and "no, not since the accident" answer all of it (review).
        re.compile(r"\b(?:bladder|bowels?|pee|peeing|urin\w*|poo\w*|stool|toilet|"
                   r"continen\w*|incontinen\w*|leak\w*)\b", re.I),
        re.compile(r"\b(?:numb\w*|groin|saddle|inner thighs?|genital\w*|bottom(?!\s+of)|"
                   r"tingl\w*)\b", re.I),
    ),
}


def _denies_one_part(requested: str | None, text: str) -> bool:
    parts = _PARTS.get(requested or "")
    if parts is None:
        return False
    named = [bool(part.search(text)) for part in parts]
    return any(named) and not all(named)
