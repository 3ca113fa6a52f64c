"""Opt-out words with extra words around them (issue 13, item 3).

Case, punctuation, emoji and polite padding don't hide a keyword; a keyword inside a sentence is
not one. An opt-out is confirmed only once it is recorded.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from bot.messaging.inbound import handle_inbound
from bot.messaging.keywords import OPT_OUT_WORDS, Keyword, keyword_of, read_keyword
from bot.messaging.optout import opt_out_state
from bot.messaging.reminders.queries import reminders_for_booking

ANA = "+12125550123"

OPT_OUTS = [
    # issue 13's repros
    ("stop please", "STOP"),
    ("Stop texting me please", "STOP TEXTING ME"),
    ("Stop. Thank you", "STOP"),
    ("STOP \U0001f6d1", "STOP"),
    ("OPTOUT", "OPTOUT"),
    ("REVOKE", "REVOKE"),
    # the vocabulary, however it is typed
    *[(word.lower().capitalize() + "!", word) for word in OPT_OUT_WORDS],
    ("stop all", "STOPALL"),
    ("opt-out", "OPTOUT"),
    ("Opt out please", "OPTOUT"),
    ("  STOP!!! ", "STOP"),
    ("stop stop stop", "STOP"),
    ("\u201cStop\u201d", "STOP"),
    ("please, unsubscribe.", "UNSUBSCRIBE"),
    ("ok END thanks \U0001f44d\U0001f3fd", "END"),
    ("QUIT now", "QUIT"),
    ("Cancel, thank you very much", "CANCEL"),
    # clear phrases
    ("stop messaging me", "STOP MESSAGING ME"),
    ("Don\u2019t text me anymore", "DONT TEXT ME ANYMORE"),
    ("do not text me again!", "DO NOT TEXT ME AGAIN"),
    ("no more texts please", "NO MORE TEXTS"),
    ("Stop sending me texts", "STOP SENDING ME TEXTS"),
    ("please stop the texts", "STOP THE TEXTS"),
    ("remove me from your list", "REMOVE ME FROM YOUR LIST"),
    ("unsubscribe me", "UNSUBSCRIBE ME"),
    ("I want to opt out", "I WANT TO OPT OUT"),
]

NOT_OPT_OUTS = [
    "the pain doesn't stop",
    "I want to cancel my appointment",
    "I want to stop",  # the questions: the assistant's stop, not the texts
    "stop asking me questions",
    "please stop the pain",
    "end it",
    "cancel it",
    "yes, cancel it",
    "when will it end?",
    "I can't stop working",
    "I had to quit the gym",
    "don't stop",
    "stop",  # (is an opt-out) -- kept out below
    "thank you",
    "please",
    "",
    "\U0001f6d1",
]
NOT_OPT_OUTS.remove("stop")


@pytest.mark.parametrize("text, word", OPT_OUTS)
def test_opt_out_words_with_padding_are_opt_outs(text, word):
    match = read_keyword(text)
    assert match is not None and match.keyword is Keyword.STOP, text
    assert match.word == word


@pytest.mark.parametrize("text", NOT_OPT_OUTS)
def test_keywords_inside_a_sentence_are_not_opt_outs(text):
    assert keyword_of(text) is not Keyword.STOP


def test_start_unstop_help_and_info_keep_twilio_meaning():
    for text in ("START", "start please", "Unstop!", "UNSTOP \U0001f64f"):
        assert keyword_of(text) is Keyword.START, text
    for text in ("HELP", "help?", "Info", "help please"):
        assert keyword_of(text) is Keyword.HELP, text
    for text in ("help me with my knee", "more info about the first visit", "start over"):
        assert keyword_of(text) is None, text


# The property: random padding around a keyword keeps it a keyword; a word of a sentence beside
# it makes it a sentence. Padding and sentence words are the test's own, not the module's lists.
KEYWORDS = [*OPT_OUT_WORDS, "stop texting me", "stop messaging me", "dont text me anymore"]
PADDING = ["please", "pls", "thanks", "thank you", "thank you so much", "ok", "okay", "now",
           "sorry", "hi", "hey", "kindly", "just", "asap"]  # fmt: skip
SENTENCE_WORDS = ["the", "pain", "doesn't", "my", "appointment", "knee", "will", "when", "it",
                  "hurts", "back", "can", "never", "work", "physio?", "if"]  # fmt: skip
DECORATION = ["", " ", "!", ".", ",", "!!", "?", "...", " \U0001f6d1", " \U0001f64f\U0001f3fd",
              "\u2019", " \u2014", "\U0001f621", "  "]  # fmt: skip
words = st.sampled_from
cased = st.sampled_from([str.lower, str.upper, str.title, str.capitalize])


def _join(parts: list[str], decorations: list[str]) -> str:
    return "".join(p + d + " " for p, d in zip(parts, decorations, strict=False)).strip()


@settings(max_examples=400)
@given(
    keyword=words(KEYWORDS),
    before=st.lists(words(PADDING), max_size=2),
    after=st.lists(words(PADDING), max_size=3),
    case=cased,
    decorations=st.lists(words(DECORATION), min_size=6, max_size=6),
)
def test_any_padding_around_a_keyword_is_still_an_opt_out(keyword, before, after, case,
                                                          decorations):  # fmt: skip
    text = case(_join([*before, keyword, *after], decorations))
    assert keyword_of(text) is Keyword.STOP, text


@settings(max_examples=400)
@given(
    keyword=words(KEYWORDS),
    sentence=st.lists(words(SENTENCE_WORDS), min_size=1, max_size=4),
    padding=st.lists(words(PADDING), max_size=2),
    split=st.integers(min_value=0, max_value=4),
    case=cased,
    decorations=st.lists(words(DECORATION), min_size=8, max_size=8),
)
def test_a_keyword_inside_a_sentence_is_not_an_opt_out(keyword, sentence, padding, split, case,
                                                       decorations):  # fmt: skip
    parts = [*padding, *sentence[:split], keyword, *sentence[split:]]
    text = case(_join(parts, decorations))
    assert keyword_of(text) is not Keyword.STOP, text


@pytest.mark.parametrize("text, word", [OPT_OUTS[0], OPT_OUTS[1], OPT_OUTS[3], OPT_OUTS[5]])
def test_each_repro_is_recorded_and_cancels_the_reminders(
    session_factory, profile, clock, book_and_plan, text, word
):
    booking_id = book_and_plan(dt.datetime(2026, 12, 3, 11, 0))
    outcome = handle_inbound(session_factory, profile, clock, ANA, text)
    assert outcome.forward is None and "unsubscribed" in outcome.reply
    state = opt_out_state(session_factory, ANA)
    assert state.opted_out and state.keyword == word
    reminders = reminders_for_booking(session_factory, booking_id)
    assert reminders and {r.status for r in reminders} == {"cancelled"}


def test_a_sentence_with_stop_in_it_reaches_the_assistant(session_factory, profile, clock):
    outcome = handle_inbound(session_factory, profile, clock, ANA, "the pain doesn't stop")
    assert outcome.forward == "the pain doesn't stop" and outcome.reply is None
    assert not opt_out_state(session_factory, ANA).opted_out


def test_yes_opts_back_in_only_an_opted_out_number(session_factory, profile, clock):
    assert handle_inbound(session_factory, profile, clock, ANA, "Yes").forward == "Yes"
    handle_inbound(session_factory, profile, clock, ANA, "stop please")
    outcome = handle_inbound(session_factory, profile, clock, ANA, "YES")
    assert "again" in outcome.reply
    state = opt_out_state(session_factory, ANA)
    assert not state.opted_out and state.keyword == "YES"


def test_an_opt_out_that_cannot_be_saved_is_not_confirmed(session_factory, profile, clock):
    def fail(_session):
        raise OperationalError("COMMIT", {}, Exception("disk I/O error"))

    event.listen(session_factory, "before_commit", fail)
    try:
        with pytest.raises(OperationalError):  # the channel answers "technical problem"
            handle_inbound(session_factory, profile, clock, ANA, "Stop texting me please")
    finally:
        event.remove(session_factory, "before_commit", fail)
    assert not opt_out_state(session_factory, ANA).opted_out
