"""The answer to the crisis check ("Are you having thoughts of hurting yourself or ending your
life?"), read from its words, never from the intent the classifier gave it.

Only a clear no goes on: a no or "I'm safe" said plainly, or the pain given as what was meant
("it's just my back"), with no crisis or hopelessness words (`bot.crisis.crisis_reading`), no
yes, no hedge, no plan and no one else at risk. Anything else gets the crisis answer, since the
Columbia Suicide Severity Rating Scale screener counts any yes to the ideation question, however
hedged, as positive (Posner et al., Am J Psychiatry 168(12):1266-1277, 2011), and an unanswered
screening question is not a no: talk of the pain that answers neither way is asked once more,
plainly, and a second answer of that kind gets the crisis answer. The crisis answer is no dead
end: "I'm safe" after it goes on (`actions.control`).

The blind intent set (issue 12) showed what reading by intent did: "kind of yeah" got the
assistant's FAQ, "Yes. I am sorry. I think of it every night" was read as a no.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Literal

from bot.crisis import KIN, crisis_reading

CheckAnswer = Literal["safe", "at_risk", "unclear"]

# The check asked and not answered yet (the slot), and the staff flag it gives the intake while
# it stays so: a patient who leaves at the check is called back, never left as no risk.
CHECK_OPEN_SLOT = "crisis_check_open"
CHECK_UNANSWERED = "crisis_check_unanswered"


def check_flags(slots: Mapping[str, Any]) -> list[str]:
    """`[CHECK_UNANSWERED]` while the check is open, else []."""
    return [CHECK_UNANSWERED] if slots.get(CHECK_OPEN_SLOT) else []

# A yes, a hedge, a frequency, ideation told back, a plan: any of these is a yes to the check.
_YES = re.compile(
    r"\b(?:y+e+s+|yea+h?|ye+p|yup|aye|kind of|kinda|sort of|sorta|some ?times?|at times|"
    r"now and then|occasionally|maybe|perhaps|possibly|not sure|unsure|idk|dunno|"
    r"don'?t know|do not know|i guess|i think so|guess so|more than i'?d?|been thinking|"
    r"(?:think|thinking|thought) (?:about|of) (?:it|that|them|this|dying|death|ending)|"
    r"(?:the|those|these|such|some) thoughts|thoughts (?:are|come|came)|"
    r"(?:have|had|get|got) (?:the |those |these |some )?thoughts|"
    r"plan(?:s|ned)?(?! (?:to (?:book|see|come|visit)|for (?:the|my|a)))|decided|do it|"
    r"(?:rather|better) not (?:be|live|wake)|die|dying|death|dead|suicid\w*|end it|"
    r"end my life|not (?:be )?here|not wake up|self[- ]?harm\w*|(?:hurt|harm|cut|kill)\w*\s+"
    r"my ?self|not (?:fine|ok|okay|alright|safe|good|great)|(?:don'?t|do not) feel (?:safe|ok)|"
    # cutting or burning, a life hated, giving up, a yes with a condition (review: "its my arm,
    # I keep cutting it" and "only when the pain is really bad" went on)
    r"cut(?:s|ting)?|burn(?:s|ing)? (?:my ?self|it|my)|hate my life|give up|giving up|"
    r"can'?t (?:go on|take (?:it|this|any ?more))|only (?:when|if|at night|on bad days)|"
    # hopelessness or being a burden, and a refusal or not knowing, behind a leading no-word
    # (pass M: "no one would miss me", "no hope left", "none of your business", "no idea" and
    # "never mind" were read as a clear no)
    r"no ?one\s*(?:would|will|'?d|even)?\s*(?:miss|care|notice)|nobody (?:would |will )?"
    r"(?:miss|care|notice)s?|no hope|hopeless|no point|no reason to (?:live|go on)|no future|"
    r"better off without me|none of (?:your|ur) business|no comment|no idea|never ?mind|"
    r"not (?:at all|really|totally|entirely|too) sure|rather not (?:say|answer))\b"
    r"|^\W*(?:ya+|yh|probably)\b"
    r"|^\W*(?:i do|i have|i am|i'?m afraid so|afraid so|a little|a bit|often|a lot)\W*$",
    re.IGNORECASE,
)
# "I don't want to hurt myself, I want my knee fixed", "I'm not suicidal": denials.
_DENIED = re.compile(
    r"\b(?:don'?t|do not|dont|never|wouldn'?t|won'?t|not going to|not gonna|am not going to)\s+"
    r"(?:want to |wanna |going to |gonna )?(?:hurt|harm|kill)\s+(?:my ?self|me)\b"
    r"|\b(?:i'?m |im |i am )?not (?:dying|suicidal)\b",
    re.IGNORECASE,
)
# A clear no: a leading no, or "I'm safe / fine / ok" said plainly.
_NO = re.compile(
    r"^\W*(?:no+|nope|nah+|na|n|never|not at all|nothing like that|none|god no|hell no|lord no|"
    r"goodness,? no|heavens,? no|absolutely not|definitely not|of course not)\b"
    r"|\b(?:i'?m|im|i am|i feel)\s+(?:safe|fine|ok|okay|alright|all right|good)\b"
    r"|^\W*(?:safe|fine|all good)\b",
    re.IGNORECASE,
)
# The pain given as what was meant ("my back is killing me", "it's just my knee", "that's the
# pain talking"): no yes, a no.
_PAIN_MEANT = re.compile(
    r"\b(?:just|only|simply|it'?s|its|it is|i mean|that'?s)\b.{0,40}\b(?:back|knee|neck|hip|"
    r"shoulder|leg|ankle|arm|frustrat\w*|fed up|grumpy|annoyed|venting)\b"
    r"|\bkilling me\b",
    re.IGNORECASE,
)
# Talk of the pain that answers nothing ("it hurts so much", "my knee aches on stairs"): neither
# a yes nor a no. Asked once more, plainly (pass L: it counted as a no).
_PAIN_TALK = re.compile(
    r"\b(?:pain\w*|hurts|hurting|sore|aches?|aching|agony|throbbing)\b", re.IGNORECASE
)
# "No, not me. My mother.", "she says yes": someone else may be at risk (a relative writing).
_SOMEONE_ELSE_AT_RISK = re.compile(
    rf"\bnot me\b|\b(?:my {KIN}|s?he|they)\b[^.?!]{{0,40}}\b(?:says? yes|yes|die|dying|dead|"
    r"suicid\w*|kill|end it|hurt (?:him|her|them)sel(?:f|ves)|(?:doesn'?t|don'?t) want to "
    r"(?:live|be here))\b",
    re.IGNORECASE,
)


# "yes I'm safe", "yeah no I'm fine": a yes that only agrees with being safe.
_YES_SAFE = re.compile(
    r"^\W*(?:y+e+s+|yea+h?|yep|yup|ya)\W+(?:no\W+)?(?:i'?m|im|i am)\s+(?:safe|fine|ok|okay)\W*$",
    re.IGNORECASE,
)


def check_answer(text: str | None) -> CheckAnswer:
    """`safe` only for a clear no ("no", "god no, just sore", "I'm safe", "it's just my back");
    `unclear` for talk of the pain that says neither ("it hurts so much"), which is asked once
    more; crisis or hopelessness words, any yes, hedge or plan, someone else at risk, and
    anything else unclear are `at_risk`."""
    if not text or not text.strip():
        return "at_risk"
    clean = " ".join(text.replace("\u2019", "'").split())
    if _YES_SAFE.match(clean):
        return "safe"
    plain = _DENIED.sub(" I'm safe ", clean)
    if _SOMEONE_ELSE_AT_RISK.search(plain) or _YES.search(plain):
        return "at_risk"
    if crisis_reading(plain) is not None:
        return "at_risk"
    if _NO.search(plain) or _PAIN_MEANT.search(plain):
        return "safe"
    return "unclear" if _PAIN_TALK.search(plain) else "at_risk"
