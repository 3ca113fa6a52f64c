"""Whether a message classified as a control request (stop, start over, a person) really is one.

A control request ends or redirects the conversation from inside any form, so a name such as
"Ann Stopwell" or "Dana Endicott" must not count as one because the classifier's character
n-grams saw "stop" or "end" in it. A control intent stands when the message is a whole control
phrase ("stop", "STOP please", "I want to stop", "cancel that"), or when the classifier is sure
and the message holds a control word as a whole word ("can I talk to someone at the desk?").
Otherwise the message is left to the open question, as an answer.
"""

from __future__ import annotations

import re

from bot.dialogue import (
    CONTROL_INTENTS,
    CRISIS_INTENT,
    FREE_TEXT_SLOTS,
    GOODBYE_INTENT,
    WARNING_SIGN_INTENT,
)

# Crisis language and warning signs are never lowered: missing them costs far more than a wrong
# turn (a warning sign at the name question reopens the screen; it is no name).
GUARDED_INTENTS = CONTROL_INTENTS - {CRISIS_INTENT, WARNING_SIGN_INTENT}
# What a lowered message becomes: the answer intent every form takes as free text.
ANSWER_INTENT = "describe_pain"
HUMAN_INTENT = "request_human"
SURE = 0.8

_START_OVER = frozenset(
    {
        "start over", "restart", "reset", "begin again", "start again", "start from scratch",
        "from the top", "go back to the beginning", "redo everything", "new conversation",
        "start from the beginning", "start again from the beginning",
        "clear everything and start again", "restart the form",
        # said to a newcomer tester's chat, read as a name or an answer (pass I)
        "begin new", "start new", "start fresh", "start afresh", "start anew", "begin anew",
        "fresh start", "new start", "start a new one", "clear chat", "clear the chat",
        "new chat", "start a new chat",
    }
)  # fmt: skip
_PHRASES = frozenset(
    {
        # stop
        "stop", "quit", "cancel", "exit", "end", "end this", "end it", "enough", "done",
        "im done", "i am done", "im done with this", "never mind", "nevermind", "forget it",
        "forget about it", "leave me alone", "unsubscribe", "no more", "dont continue",
        "i dont want to continue", "i dont want to do this anymore", "stop messaging me",
        "stop asking me questions", "stop texting me",
        *_START_OVER,
        # a person
        "human", "person", "agent", "operator", "representative", "real person", "a person",
        "a human", "someone", "talk to a person", "talk to someone", "talk to a human",
        "speak to a person", "speak to someone", "speak to a human", "front desk",
        "call me", "call me back",
    }
)  # fmt: skip
# Politeness and framing around a control phrase: "please stop", "I want to stop", "cancel that".
_LEADING = re.compile(
    r"^(?:(?:please|pls|plz|ok|okay|oh|no|hey|just|so|i said|can we|can i|could we|could i|"
    r"let's|lets|let me|i want to|i wanna|i would like to|id like to|i need to|i'd like to)\s+)+"
)
_YES = re.compile(r"^(?:yes|yeah|yep|yup|sure|ok|okay)\s+(?:please\s+)?")
_TRAILING = re.compile(
    r"(?:\s+(?:please|pls|plz|now|that|this|it|then|already|thanks|thank you|all|everything|"
    r"the chat|the conversation|this conversation|right now))+$"
)
_CONTROL_WORD = re.compile(
    r"\b(?:stop|stopping|quit|cancel|exit|end|done|enough|unsubscribe|never ?mind|forget|"
    r"leave me alone|don'?t want|do not want|no more|start over|restart|reset|begin again|"
    r"start again|from the top|scratch|beginning|redo|new conversation|person|human|someone|"
    r"somebody|agent|representative|operator|staff|front desk|therapist|call me|call back|"
    r"talk|speak|transfer)\b"
)
# A request for a person in a longer sentence ("I'd rather speak to someone on the phone", "can
# someone call me instead"), matched on `normalise`d text: a request's framing, then a person.
_PERSON = (
    r"(?:someone|somebody|a (?:real )?(?:person|human)|an? (?:agent|operator|representative)|"
    r"(?:the |your |a )?(?:front desk|office|clinic|staff|receptionist|therapist))"
)
_ASKS_FOR_A_PERSON = re.compile(
    r"\b(?:id rather|i would rather|i want to|i wanna|id like to|i would like to|i need to|"
    rf"can i|could i|may i|let me)(?: just)? (?:speak|talk) (?:to|with) {_PERSON}\b"
    rf"|\b(?:can|could|would|will|please have|have|get) {_PERSON}(?: please)? "
    r"(?:call|ring|phone) me\b"
    rf"|\b(?:connect|transfer|put) me (?:through )?(?:to|with) {_PERSON}\b"
    r"|^(?:please )?(?:call|ring|phone) me(?: back)?(?: instead)?(?: please)?$"
    r"|\bcan i (?:just )?call you\b"
)


def normalise(text: str) -> str:
    """Lower case, apostrophes dropped, other punctuation as spaces, single spaces."""
    text = (text or "").lower().replace("'", "").replace("\u2019", "")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def is_whole_control_phrase(text: str) -> bool:
    """True for "stop", "STOP please", "please stop", "I want to stop", "start over", ..."""
    plain = normalise(text)
    if plain in _PHRASES:
        return True
    core = _TRAILING.sub("", _LEADING.sub("", plain))
    if core in _PHRASES:
        return True
    # "yes, start again" answers the offer to start again; not "yes cancel it" (a booking's)
    agreed = _YES.match(core)
    return bool(agreed) and _TRAILING.sub("", _LEADING.sub("", core[agreed.end():])) in _START_OVER


def asks_for_a_person(text: str) -> bool:
    """True when the message asks for a person in so many words ("I'd rather speak to someone on
    the phone", "can someone call me instead"), even inside a longer sentence; False for
    "talking to people on the phone" or "call me Sam"."""
    return bool(_ASKS_FOR_A_PERSON.search(normalise(text)))


# The pain, not the chat, is what should stop: "I just want it to stop, the pain I mean",
# "make the aching stop", "when will this pain stop".
_PAIN_TO_STOP = re.compile(
    r"\b(?:pain|ache|aching|hurting|throbbing|it)\b[^.!?]{0,25}\b(?:to\s+)?stop\b[^.!?]{0,40}"
    r"\b(?:pain|ache|hurt\w*|i\s+mean)\b|\bthe\s+pain\s+i\s+mean\b"
    r"|\b(?:make|making)\s+(?:the|this|my)\s+(?:pain|ache|aching|hurting)\s+stop\b"
    r"|\b(?:when|how)\s+(?:will|does|do|can)\s+(?:the|this|my)\s+(?:pain|ache|aching)\s+stop\b",
    re.IGNORECASE,
)


# "stop messaging me about the pain" is still a request to stop (an SMS opt-out in words).
_STOP_CONTACT = re.compile(
    r"\bstop\s+(?:texting|messaging|contacting|sending|emailing|calling|writing|asking)\b", re.I
)


_NEVER_MIND_FINE = re.compile(
    r"\bnever\s?mind\W+(?:that'?s|thats|it'?s|its|it is|all|ok|okay|fine|right|correct|good)\b",
    re.IGNORECASE,
)


# A goodbye ends the questions of an open form (data/rules/control.yml), so it needs a farewell
# word: "I could kill for a good night's sleep" was read as goodbye (patient newcomer test).
_FAREWELL = re.compile(
    r"\b(?:bye+|goodbye|bye[- ]bye|nite|night night|see (?:you|ya|u)|cya|take care|"
    r"talk (?:to you )?(?:later|soon)|speak (?:to you )?soon|ttyl|laters|cheers|farewell|adios|"
    r"ciao|gtg|g2g|i'?m off|sign(?:ing)? off|good day|kind regards|all done|have a (?:good|"
    r"nice|great|lovely|blessed) (?:day|evening|night|weekend|one)|god bless)\b"
    # Words that are a farewell only when they end the message: "later in the week please", "I
    # need to go to the toilet more" and "not one good night in weeks" are none (review).
    r"|\b(?:later|(?<!a )good ?night|(?:got(?:ta| to)|have to|need to|must) go(?: now)?|"
    r"that'?s (?:all|it|everything)|thats (?:all|it|everything)|that is (?:all|everything)|"
    r"nothing else)"
    r"(?:\W+(?:thanks?|thank you|ty|x+|now|then|bye))*\W*$",
    re.IGNORECASE,
)


def says_farewell(text: str) -> bool:
    """Whether `text` holds a farewell ("thanks, goodbye", "ok ttyl", "that's all, bye")."""
    return bool(_FAREWELL.search((text or "").replace("\u2019", "'")))


# Control words inside everyday idioms are no control word: "I'm at my wits' end with this
# ankle" was read as a request to stop, and the chat ended (generated conversations, seed 27).
_IDIOMS = re.compile(
    r"\bwit'?s'?\s*end\b|\bend of (?:my|the) (?:rope|tether|day|week|road|line)\b|\bat the end\b|"
    r"\bends? up\b|\bno end\b|\bon end\b|\bdead end\b|\bback end\b",
)


# Starting over said not to be wanted: "no, don't start over", "I don't want to restart",
# "didn't mean to restart", "no need to start again", "keep my answers".
_NOT_STARTING_OVER = re.compile(
    r"\b(?:dont|do not|didnt|did not|not|never|no need to|doesnt|does not|wont|shouldnt)\b"
    r"(?: \w+){0,3} (?:start(?:ing)? (?:over|again|from)|restart\w*|reset\w*|begin(?:ning)? "
    r"again|clear\w*)\b|\bkeep (?:my|the) answers\b"
)


# A negation run straight into the phrase ("no restart", "don't start fresh"); "No, start again"
# and "no just start over" still start over (review).
_REFUSED = re.compile(r"^\W*(?:no|not|nope|nah|never|don'?t|do not)\s+(?!just\b|please\b)\w")


def says_start_over(text: str) -> bool:
    """True when the whole message asks to start again ("start fresh please", "I want to start
    fresh", "yes, start again", the widget's "Clear chat" typed): whatever the classifier made
    of it, it is a start over ("begin new please" became the patient's name: newcomer pass I).
    The start over itself asks first when there are answers to lose."""
    plain = normalise(text)
    if _REFUSED.match((text or "").lower().replace("\u2019", "'")):
        return False  # "no restart", "don't reset": the leading "no" is no politeness
    core = _TRAILING.sub("", _LEADING.sub("", plain))
    agreed = _YES.match(core)
    if agreed:
        core = _TRAILING.sub("", _LEADING.sub("", core[agreed.end():]))
    return plain in _START_OVER or core in _START_OVER


def keeps_control_intent(text: str, intent: str | None, confidence: float) -> bool:
    """Whether a message the classifier read as `intent` stays a control request.

    Only the guarded control intents and goodbye (which ends an open form) are ever lowered;
    every other intent stands as it is.
    """
    if intent == GOODBYE_INTENT:
        return says_farewell(text)
    if intent not in GUARDED_INTENTS:
        return True
    if _REFUSED.match((text or "").lower().replace("\u2019", "'")) and intent == "start_over":
        return False  # "no restart": kept as a start over, it cleared the answers (pass K)
    if is_whole_control_phrase(text):
        return True
    if _PAIN_TO_STOP.search(text) and not _STOP_CONTACT.search(text):
        return False  # "i want it all to stop, the pain I mean" ended the chat (newcomer test)
    if _NEVER_MIND_FINE.search(text):
        return False  # "oh never mind, that's right" agrees; it does not end the chat
    if _NOT_STARTING_OVER.search(normalise(text)):
        return False  # "no, don't start over" cleared every answer (newcomer pass I)
    plain = _IDIOMS.sub(" ", text.lower().replace("\u2019", "'"))
    return confidence >= SURE and bool(_CONTROL_WORD.search(plain))


def answers_free_text_question(requested: str | None, text: str, intent: str | None) -> bool:
    """At a free-text question a control word counts only as a whole control phrase, or a
    sentence that asks for a person ("I'd rather speak to someone on the phone"): there,
    "I can't stop working" answers "what does the pain stop you doing?" (crisis always counts).
    """
    return (
        requested in FREE_TEXT_SLOTS
        and intent in GUARDED_INTENTS
        and not is_whole_control_phrase(text)
        and not (intent == HUMAN_INTENT and asks_for_a_person(text))
    )
