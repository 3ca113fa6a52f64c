"""The words around a body part that decide whether a mention is a place that hurts now: sides,
noun-phrase filler, the context that makes it a body part, and the negations that rule it out.

Tables only; `bot.nlp.regions` uses them.
"""

from __future__ import annotations

import re

SIDE_WORDS = {
    "left": "left",
    "right": "right",
    "both": "both",
    "bilateral": "both",
    "bilaterally": "both",
    "l": "left",
    "r": "right",
    "lt": "left",
    "rt": "right",
    "lft": "left",
    "rght": "right",
    # Typed in a hurry on a phone ("my rigth knee" lost its side).
    "rigth": "right",
    "rihgt": "right",
    "riht": "right",
    "rigt": "right",
    "righ": "right",
    "rite": "right",
    "roght": "right",
    "rught": "right",
    "lef": "left",
    "letf": "left",
    "lfet": "left",
    "leftt": "left",
    "lwft": "left",
    "keft": "left",
    "bith": "both",
    "boht": "both",
}
# Words that may sit between a side word and its region: "left side of my lower back".
NP_FILLER = {
    "my",
    "the",
    "his",
    "her",
    "your",
    "of",
    "side",
    "sides",
    "-",
    "sided",
    "lower",
    "upper",
    "outer",
    "inner",
    "outside",
    "inside",
    "front",
    "back",
    "top",
    "bottom",
    "part",
    "area",
    "on",
    "in",
    "whole",
    "entire",
    "sore",
    "bad",
    "painful",
    "achy",
    "'s",
    "(",
    ")",
    ",",
    "two",
    "both",
}
CONTEXT_BEFORE = {
    "my",
    "the",
    "his",
    "her",
    "your",
    "their",
    "our",
    "its",
    "left",
    "right",
    "both",
    "lower",
    "upper",
    "low",
    "mid",
    "middle",
    "bad",
    "sore",
    "whole",
    "entire",
    "achy",
    "aching",
    "painful",
    "stiff",
    "injured",
    "l",
    "r",
    "lt",
    "rt",
    "bilateral",
    "hurt",
    "hurts",
    "hurting",
    "sprained",
    "broken",
    "pulled",
    "and",
    "or",
    "&",
    "/",
    ",",
    "in",
    "of",
    "sided",
}
CONTEXT_AFTER = {
    "pain",
    "pains",
    "ache",
    "aches",
    "aching",
    "hurts",
    "hurt",
    "hurting",
    "problem",
    "problems",
    "issue",
    "issues",
    "injury",
    "spasm",
    "spasms",
    "stiffness",
    "is",
    "are",
    "was",
    "feels",
    "keeps",
    "has",
    "killing",
    "kills",
    "and",
    "or",
    ",",
    ".",
    "!",
    "&",
    "/",
    "pain.",
    "surgery",
    "sprain",
    "strain",
}
# The first words of a region's movement phrases ("turning my head" is the neck): "I can't
# turn my head" is the neck limited, never a neck denied.
MOVEMENT_VERBS = frozenset(
    {"turn", "turns", "turning", "move", "moving", "tilt", "tilting", "nod", "nodding",
     "look", "looking"}
)  # fmt: skip
NEG_BEFORE = re.compile(
    # "no pain down my left leg", "none in my groin": no pain there
    r"(?:\bnot|n't|\bno\s+(?:pain|problems?|issues?|trouble)\s+(?:in|with|on|around|down|into|"
    r"near)|\bnone\s+(?:in|on|down|around)|\bnothing\s+wrong"
    r"\s+with|\bnever\s+had\s+(?:any\s+)?(?:pain|problems?|issues?|trouble)\s+(?:in|with)"
    r"|\bexcept(?:\s+for)?|\bother\s+than|\bapart\s+from|\bbesides|\bnot\s+(?:in|on)|\bno)"
    r"\s+(?:(?:in|on|with|my|the|his|her|left|right|both|lower|upper|really|actually)\s+)*$",
    re.IGNORECASE,
)
# Another symptom denied at a place: "no numbness in my groin" at the saddle question got "Which
# groin?" (pass K). No pain site only when nothing after it says the place hurts: "no swelling
# in my knee, but it hurts on stairs" is the knee (review).
NEG_SYMPTOM_BEFORE = re.compile(
    r"\bno\s+(?:numbness|tingling|weakness|pins\s+and\s+needles|swelling|symptoms?|loss\s+of\s+"
    r"feeling|feeling\s+loss)\s+(?:in|on|around|down|into|near)\s+(?:(?:my|the|his|her|left|"
    r"right|both|lower|upper)\s+)*$",
    re.IGNORECASE,
)
PAIN_AFTER = re.compile(
    r"\b(?:pain\w*|hurt\w*|ache\w*|aching|sore\w*|stiff\w*|throb\w*|bad|worse|worst|killing|"
    r"kills|agony|problems?|issues?|trouble)\b",
    re.IGNORECASE,
)
NEG_AFTER = re.compile(
    r"\W*(?:(?:is|are|feels?|seems?|'s|has\s+been|is\s+still|are\s+still|is\s+totally)\s+)?"
    r"(?:fine|ok|okay|good|great|alright|all\s+right|normal|perfect)\b"
    r"|\W*(?:pain\s+)?(?:is|are|'s|has|have)\s+(?:all\s+|now\s+|totally\s+)?"
    r"(?:gone|better|healed|resolved)\b"
    r"|\W*(?:(?:is|are|'s|does|do|did|has|have)\s*(?:n't|not)|doesn'?t|does\s+not|don'?t|"
    r"do\s+not|isn'?t|aren'?t|never|no\s+longer|hasn'?t|didn'?t|is\s+not|are\s+not)\s+"
    r"(?:really\s+|actually\s+|even\s+)?(?:hurt|bother|ache|give|have|a\s+problem|the\s+problem|"
    r"an\s+issue|painful|sore|affected|involved|the\s+issue)",
    re.IGNORECASE,
)
