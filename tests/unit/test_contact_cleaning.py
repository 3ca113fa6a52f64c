"""Names and phone numbers taken out of what the patient typed (bot.contact, issue 14 item 6)."""

from __future__ import annotations

import pytest

from bot.contact import (
    declines_name,
    find_phone,
    name_with_number,
    phone_extension,
    read_name,
    readable_phone,
    with_extension,
)

# (typed, name kept, whether it had to be cleaned and is read back)
NAMES = [
    # "My name is" in other languages is not part of the name, as in English, and like "I'm
    # Ana" needs no read-back (issue 13: "اسمي أحمد" was kept whole)
    ("اسمي أحمد", "أحمد", False),
    ("je m'appelle Amélie Roux", "Amélie Roux", False),
    ("меня зовут Ольга", "Ольга", False),
    ("我叫李明", "李明", False),
    ("mwen rele Jean Baptiste", "Jean Baptiste", False),
    ("meu nome é João", "João", False),
    ("أحمد", "أحمد", False),
    ("<script>alert('x')</script> Zoë", "Zoë", True),
    ("<b>Ann</b> Stopwell", "Ann Stopwell", True),
    ("李明", "李明", False),
    ("its Dana... no wait, sorry. Mark Delgado", "Mark Delgado", True),
    ("Dana no wait Mark", "Mark", True),
    ("Sarah sorry Sara Connor", "Sara Connor", True),
    ("Dana. Actually Mark Delgado", "Mark Delgado", True),
    ("Lee, no, Kim Lee", "Kim Lee", True),
    ("I mean, Tom Hill", "Tom Hill", True),
    ("sorry, it's Mark Delgado", "Mark Delgado", True),
    ("Jo Park, scratch that, Joanne Park", "Joanne Park", True),
    ("mark delgado actually", "mark delgado", True),
    ("Jo Park, thanks", "Jo Park", True),
    ("Priya Shah thank you!", "Priya Shah", True),
    ("Mark Delgado and my number is 718 555 0199", "Mark Delgado", True),
    ("Sam Lee 718 555 0199", "Sam Lee", True),
    # kept as typed
    ("Ann Stopwell", "Ann Stopwell", False),
    ("Mary-Jo O'Neil", "Mary-Jo O'Neil", False),
    ("Waite Smith", "Waite Smith", False),
    ("Nora Noh", "Nora Noh", False),
    ("Okay Mbeki", "Okay Mbeki", False),
    ("D'Angelo Russell-Smith", "D'Angelo Russell-Smith", False),
    ("mark delgado", "mark delgado", False),
    ("  Ann   Stopwell  ", "Ann Stopwell", False),
    ("李小龙", "李小龙", False),
    ("Анна Петрова", "Анна Петрова", False),
    ("محمد علي", "محمد علي", False),
    ("Nguyễn Văn An", "Nguyễn Văn An", False),
    ("José Álvarez-Núñez", "José Álvarez-Núñez", False),
    # a polite lead-in is no cleaning worth reading back
    ("My name is Jo Park", "Jo Park", False),
    ("hi, my name is Sam", "Sam", False),
    ("It's Priya Shah.", "Priya Shah", False),
    ("call me Bo", "Bo", False),
    # Surnames that are body parts (newcomer test: "Tom Knee" was refused nine times).
    ("Tom Knee", "Tom Knee", False),
    ("Ann Back", "Ann Back", False),
    ("Dana Weeks", "Dana Weeks", False),  # a surname that is a time word
    ("Jo Day", "Jo Day", False),
    # a name that holds a run of keys is still a name
    ("Kate Doherty", "Kate Doherty", False),
    ("Liz Poitier", "Liz Poitier", False),
    ("Aaron Lee", "Aaron Lee", False),
    ("John Trew", "John Trew", False),
    ("Na Li", "Na Li", False),
    ("Sarah Wert", "Sarah Wert", False),
    # booking for someone else: the patient's name (refused as no name: newcomer pass I)
    ("It's for my son, Jake Miller. I'm his mum, Sarah", "Jake Miller", True),
    ("for my wife, Maria Lopez", "Maria Lopez", True),
    ("I'm booking for my daughter Amy Chen", "Amy Chen", True),
    ("it's for my 8 year old son Leo Park", "Leo Park", True),
    ("This is for my dad, his name is Tom Baker", "Tom Baker", True),
    ("Dana Friend", "Dana Friend", False),  # a relative's word as a surname
    ("for my mum who is called Jean", "Jean", True),
    ("for my husband, Dev Rao", "Dev Rao", True),
    ("Dana Monday", "Dana Monday", False),
    # the writer's own words after the patient's name (pass K: stored whole)
    ("Her name is Rose Patel, I'm her daughter Meena", "Rose Patel", True),
    # a relative naming the patient, or only themselves (pass L: stored as "I'm")
    ("I'm her daughter Lisa, mum is Rosa Diaz", "Rosa Diaz", True),
    ("I'm his wife, he's Tom Lee", "Tom Lee", True),
    ("It's my dad, John Smith", "John Smith", True),
    ("I'm her daughter Lisa", "Lisa", True),
]


@pytest.mark.parametrize("typed,name,cleaned", NAMES)
def test_the_name_meant_is_kept(typed: str, name: str, cleaned: bool) -> None:
    answer = read_name(typed)
    assert answer is not None
    assert (answer.name, answer.cleaned) == (name, cleaned)


@pytest.mark.parametrize(
    "typed",
    ["", "   ", "12345", "???", "sorry", "no wait", "one two three four five six seven",
     # Newcomer test: these were taken as names. A yes or no, a request, a refusal.
     "no", "No.", "nope", "yes", "Book an assessment", "I'd rather not say", "skip",
     "I want to book", "not now", "hmm", "my knee",
     # A button's payload sent as text, and a bare "ok" (saved as names).
     "/request_human", "/confirm_safe", "ok", "Okay.",
     # A phone number at the name question became the name "ext" (patient newcomer test).
     "(718) 555-0199 ext. 204", "call me on 212 555 0199", "212-555-0123 x 5",
     # A length of time for the pain became the name "weeks" (patient newcomer test).
     "3 weeks", "about 3 weeks", "2 months ago", "a few weeks ago", "for the past 2 years",
     "6 mths",
     # an activity at the name question (patient newcomer tests)
     "walking", "kneeling", "stairs",
     # a keyboard mash (newcomer passes: "asdfgh" was kept as the name)
     "asdfgh", "qwerty", "hjkl", "zxcvb", "lkjhg", "aaaa", "Asdf Ghjk",
     # not knowing (newcomer pass G)
     "dunno honestly", "dunno", "whatever",
     # the widget's own words, and a relative without a name (newcomer pass I)
     "Clear chat", "restart", "for my son", "for my son who is 12",
     # words after a relative that are no name (review: "she cant pee" became a name, and
     # after urgent advice "she feels very unwell" skipped the urgent reminder)
     "Called for my husband yesterday", "for my mother in law", "for my brother too",
     "for my son - he's 12", "for my mum, she cant pee", "for my mum, She feels very unwell",
     "for my mum, she feels very unwell", "for my husband, I'm Sarah",
     "for my husband Monday please", "for my friend Hi",
     # asking for a moment (pass K: "hang on" was stored as the name)
     "hang on", "wait a sec", "one moment", "hold on a minute",
     # a relative describing, not naming (review of pass L's fixes), and the lead-in alone
     "my husband is Unconscious", "She Is Getting Worse", "My Husband Is Very Dizzy",
     "my mum is In a lot of pain", "the patient is Deaf", "Jo Park, my husband is Mark",
     "I'm her mum", "I'm his wife"],
)  # fmt: skip
def test_no_name(typed: str) -> None:
    assert read_name(typed) is None


@pytest.mark.parametrize(
    "typed,e164",
    [
        ("(718) 555-0199 thats my cell", "+17185550199"),
        ("718-555-0199", "+17185550199"),
        ("my number is 718 555 0199, thanks", "+17185550199"),
        ("call me at +1 718 555 0199 after 5", "+17185550199"),
        ("my cell: 718.555.0199", "+17185550199"),
        ("212-555-0100 no wait (718) 555-0199", "+17185550199"),
        ("+44 20 7946 0958 (I'm in London)", "+442079460958"),
        ("7185550199", "+17185550199"),
        ("I don't have one", None),
        ("123", None),
        ("my name is Mark", None),
        ("", None),
        ("7" * 400, None),
    ],
)
def test_phone_in_an_answer(typed: str, e164: str | None) -> None:
    assert find_phone(typed) == e164


@pytest.mark.parametrize(
    "typed,e164,extension",
    [
        ("212-555-0123 ext 5", "+12125550123", "5"),
        ("(212) 555-0123 x 22", "+12125550123", "22"),
        ("212 555 0123 extension 5", "+12125550123", "5"),
        ("my work number is 212-555-0123 ext. 417, ask for Mark", "+12125550123", "417"),
        ("+1 212 555 0123;ext=9", "+12125550123", "9"),
        ("212-555-0123", "+12125550123", None),
        ("212-555-0100 no wait 212-555-0123 x 8", "+12125550123", "8"),
        ("no phone", None, None),
    ],
)
def test_an_extension_is_kept_beside_the_number(typed: str, e164: str | None, extension) -> None:
    """ "212-555-0123 ext 5" lost its extension silently (front-desk newcomer test): the number
    is E.164 for texts and bookings; the extension is kept for the intake's call."""
    assert find_phone(typed) == e164
    assert phone_extension(typed) == extension
    stored = with_extension(e164, extension)
    assert readable_phone(stored) == (f"{e164} ext. {extension}" if extension else (e164 or ""))


@pytest.mark.parametrize(
    ("text", "declines"),
    [("no", True), ("nope", True), ("I'd rather not", True), ("no thanks", True),
     ("I don't want to give my name", True), ("Nora", False), ("No, it's Mark", False),
     ("Noah", False), ("", False), ("212 555 0199", False)],
)  # fmt: skip
def test_declining_the_name_question(text, declines):
    """After urgent advice a plain "no" at the name question was asked again and again (patient
    newcomer test); a name, even one after a "no", is no decline."""
    assert declines_name(text) is declines


@pytest.mark.parametrize(("said", "name"), [
    ("Maria Lopez, 646 555 0144", "Maria Lopez"),
    ("ok it's Maria, 646 555 0144", "Maria"),
    ("my name is Maria and my number is 646-555-0144", "Maria"),
    ("I'm Dana, cell 646 555 0144", "Dana"),
    ("Jean-Luc O'Neil 646 555 0144", "Jean-Luc O'Neil"),
    ("This is Maria Lopez at 646 555 0144", "Maria Lopez"),
    ("646 555 0144", None), ("my cell is 646 555 0144", None), ("Cell 646 555 0144", None),
    ("Its 646 555 0144", None), ("Home: 646 555 0144", None), ("Evenings 646 555 0144", None),
    ("Sure, 646-555-0144", None), ("Thanks 646 555 0144", None), ("Monday 646 555 0144", None),
    ("Maria 646 555 0144", None),  # one word, no lead-in: "Sorry 646..." looks the same
    # review: interjections, the number's owner, titles and carriers are no name
    ("Sorry, 646 555 0144", None), ("Great 646 555 0144", None), ("Husband 646 555 0144", None),
    ("Husband's cell 646 555 0144", None), ("Daughter's number 646 555 0144", None),
    ("it's Dr. Smith 646 555 0144", None), ("Jake's phone, 646 555 0144", None),
    ("Verizon 646 555 0144", None), ("Google Voice 646 555 0144", None),
    ("it's Maria", None),  # no number: the name question's reading, not this one
])  # fmt: skip
def test_a_name_told_with_the_number(said, name):
    """At the phone question with no name kept (pass K): capitalised words after a lead-in or
    before the number are a name; the words that go with a number never are."""
    assert name_with_number(said) == name
