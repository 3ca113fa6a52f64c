"""Contact details a patient types: names and phone numbers, checked and normalised.

Patients type around the detail asked for ("its Dana... no wait, sorry. Mark Delgado",
"(718) 555-0199 thats my cell"); `read_name` and `find_phone` take out the detail itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

# "My name is" in English and in the languages most spoken at home in New York after it
# (Spanish, Chinese, Russian, Haitian Creole, Bengali, Korean, French, Arabic, Polish, Italian,
# Portuguese, Yiddish, German): "اسمي أحمد" is Ahmed's name, not the sentence.
NAME_PREFIX = re.compile(
    r"^\s*(?:hi|hello|hey|hola|bonjour|salut|ciao|olá|ola|привет|مرحبا)?[\s,]*(?:"
    r"(?:my name is|my name's|name is|(?:his|her|their) name is|(?:his|her|their) name's|"
    r"i am|i'm|im|it's|its|this is|call me"
    r"|me llamo|mi nombre es|soy|je m'appelle|je m’appelle|mon nom est|je suis|mi chiamo"
    r"|il mio nome è|me chamo|meu nome é|eu sou|ich heiße|ich heisse|mein name ist"
    r"|nazywam się|mam na imię|меня зовут|моё имя|мое имя|mwen rele|non mwen se"
    r"|اسمي|انا|أنا|আমার নাম)\s+"
    r"|(?:我叫|我的名字是|我是|제 이름은|저는)\s*)",
    re.I,
)
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_ALLOWED = re.compile(r"[^\w\s.'’-]", re.UNICODE)
# Markup is no part of a name: a script or style element whole, any other tag ("<script>
# alert('x')</script> Zoë" was kept as "scriptalert'x'script Zoë").
_MARKUP = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]*>", re.IGNORECASE | re.DOTALL)


def try_normalize_phone(text: str | None, region: str = "US") -> str | None:
    """E.164 form (`+17185550142`) of a valid phone number in `text`, or None when there is none.

    `bot.scheduling.contact.normalize_phone` is the same check raising InvalidPhone instead.
    """
    if not text or len(text) > 64:
        return None
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def sender_phone(text: str | None, region: str = "US") -> str | None:
    """E.164 form of the number a text came from: a valid number, or one of a possible length
    that the `phonenumbers` metadata does not know (a new range, a test number such as
    +1 555 555 0123: texts from them got no reply at all: patient newcomer test); None when
    `text` holds no possible number."""
    valid = try_normalize_phone(text, region)
    if valid or not text or len(text) > 64:
        return valid
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    # a whole number, not one possible only locally ("555-0123" became "+15550123": review)
    possible = phonenumbers.is_possible_number_with_reason(number)
    if possible != phonenumbers.ValidationResult.IS_POSSIBLE:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


# The old name, only until bot/sms and bot/reminders are committed at their new home,
# bot/messaging, which already calls try_normalize_phone. Remove then: nothing else uses it.
normalize_phone = try_normalize_phone


def mask_phone(e164: str | None) -> str:
    """A phone number safe for logs and read-backs: only the last two digits show."""
    if not e164:
        return ""
    return "•" * max(0, len(e164) - 2) + e164[-2:]


# A self-correction: what comes after the last one is the name meant ("Dana, no wait, Mark").
_CORRECTION = re.compile(
    r"\b(?:no+\s+wait|wait|sorry|scratch\s+that|oops|correction|i\s+mean(?:t)?|actually|"
    r"no(?=\s*[,.!;:]))\b[\s,.!;:…-]*",
    re.I,
)
# Words after the name: thanks, "and my number is ...", "that's me".
_TAIL = re.compile(
    r"(?:[\s,.!;:-]+(?:thanks?(?:\s+you)?|thx|please|pls|ok(?:ay)?|lol|that'?s\s+(?:me|it)|"
    # "I'm Sarah, his wife" (stored as "Sarah his wife": patient newcomer test)
    r"(?:i'?m\s+|i am\s+)?(?:his|her|their|the patient'?s)\s+(?:wife|husband|partner|son|"
    r"daughter|mum|mom|mother|dad|father|sister|brother|carer|caregiver|friend)\b.*|"
    r"and\s+(?:my|i|the|it|you)\b.*|but\b.*))+[\s.!]*$",
    re.I,
)


# Words no name is made of: a yes or no, a request ("Book an assessment", typed at the name
# question after the offer), hesitation, pain words. Names that are also words (Will, Hope,
# Mark, Joy, May, Bill) and body parts that are surnames (Knee, Back, Hip) are not listed.
# Lower case, apostrophes dropped.
_NOT_NAME_WORDS = frozenset(
    {
        "yes", "yeah", "yep", "yup", "no", "nope", "nah", "sure", "maybe", "not",
        "dont", "idk", "know", "later", "now", "today", "tomorrow", "thanks", "thank", "please",
        "the", "to", "for", "of", "is", "are", "am", "it", "this", "that", "my",
        "me", "i", "you", "your", "what", "why", "how", "want", "need", "like", "book",
        "booking", "appointment", "assessment", "schedule", "cancel", "help", "call", "pain",
        "hurts", "hurt", "hmm", "umm", "uh", "um",
        "skip", "none", "nothing", "anonymous", "prefer", "rather", "asap", "can", "we", "keep",
        "going", "continue", "questions", "nombre", "name",
        # what the pain stops them doing, typed at the name question ("Thank you, walking" and
        # "kneeling" were stored as names: patient newcomer tests)
        "walking", "stairs", "sitting", "standing", "kneeling", "bending", "lifting", "sleeping",
        "running", "driving", "typing", "gripping", "squatting",
        # not knowing, said at the name question ("dunno honestly" was a patient's name in the
        # console: newcomer pass G)
        "dunno", "honestly", "unsure", "whatever",
        # asking for a moment ("hang on" was stored as a name: pass K)
        "hang", "wait", "sec", "moment", "minute", "hold",
        # the widget's own words, typed ("Clear chat" was a patient's name: newcomer pass I)
        "chat", "restart",
    }
)  # fmt: skip


# A time, a day's part or a span: an answer meant for a question about times, never a name.
_A_TIME = re.compile(
    r"^\W*(?:after|before|around|about|at|from|by|until|till)\s+\d|\b\d{1,2}(?::\d{2})?\s*"
    r"(?:am|pm|a\.m\.|p\.m\.)\b|^\W*(?:any ?time|mornings?|afternoons?|evenings?|weekends?|"
    r"weekdays?|asap|as soon as possible)\W*$"
    # a length of time, typed for the pain's ("3 weeks" at the name question became the name
    # "weeks": patient newcomer test)
    r"|^\W*(?:(?:about|around|for|since|maybe|like|roughly|almost|nearly|over|under|just|only|"
    r"a|an|few|couple|of|the|last|past)\s+)*(?:\d+\s*)?(?:days?|weeks?|wks?|months?|mths?|years?|"
    r"yrs?|hours?|hrs?)(?:\s+(?:ago|now|or so))?\W*$",
    re.IGNORECASE,
)


# Keys typed along a row of the keyboard ("asdfgh", "qwerty", "lkjh") or one key held down
# ("aaaa"): no name ("asdfgh" at the name question was kept as the patient's name: newcomer
# passes). Five keys or more, the whole word, or a common four ("asdf"): "Doherty" holds "erty",
# and "Trew" and "Wert" are four keys of a row, and names (review).
_KEY_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_MASHES_OF_FOUR = frozenset({"asdf", "qwer", "zxcv", "hjkl", "wasd", "fdsa", "rewq", "lkjh"})
_HELD_KEY = re.compile(r"^(\w)\1{2,}$")


def _keyboard_mash(word: str) -> bool:
    if word in _MASHES_OF_FOUR or bool(_HELD_KEY.match(word)):
        return True
    return len(word) >= 5 and any(word in row or word in row[::-1] for row in _KEY_ROWS)


def _is_no_name(name: str) -> bool:
    """True when the words kept for a name hold one no name is made of ("Book an assessment",
    "no", "I'd rather not say"), a keyboard mash ("asdfgh"), or are only an "ok" ("Okay Mbeki"
    is a name)."""
    words = name.lower().replace("'", "").replace("’", "").split()
    return (
        any(w in _NOT_NAME_WORDS or _keyboard_mash(w) for w in words)
        or words in (["ok"], ["okay"], ["k"])
    )


@dataclass(frozen=True)
class NameAnswer:
    """The name in an answer; `cleaned` when more than a lead-in ("I'm") and spacing was
    removed to get it (a correction, words after it, digits or symbols): read it back."""

    name: str
    cleaned: bool


_PHONE_WORDS = frozenset(
    {"ext", "extension", "x", "tel", "phone", "cell", "mobile", "number", "call", "me", "on", "at"}
)


# The people a patient is to the one writing, and who may own the number given.
_RELATIVES = (
    "son", "daughter", "child", "kid", "husband", "wife", "partner", "mum", "mom", "mother",
    "dad", "father", "brother", "sister", "grandmother", "grandma", "granny", "nan",
    "grandfather", "grandpa", "aunt", "uncle", "friend",
)


# Booking for someone else: "It's for my son, Jake Miller. I'm his mum, Sarah" names the patient
# first (it was refused as no name: newcomer pass I). Only capitalised words right after the
# relative, up to the end of the clause, are the name: "for my mum, she cant pee" and "for my
# mother in law" hold none (review: "she cant pee" was stored, and read back, as a name).
_FOR_RELATIVE = re.compile(
    r"\bfor my (?:(?:little|teenage|elderly|adult|older|younger|\d+[- ]?(?:year|yr)[- ]?old)\s+)?"
    rf"(?:{'|'.join(_RELATIVES)}|boy|girl|boyfriend|girlfriend|fianc[eé]e?|stepson|"
    r"stepdaughter|stepmom|stepmum|stepdad|niece|nephew|cousin)\b\s*[,:-]?\s*"
    r"(?:(?:who is |who's )?(?:called|named)\s+|(?:whose|his|her|their) name is\s+)?"
    r"(?!(?:I|I'm|I’m|Im|I am)\b)"
    r"(?P<name>(?-i:[^\W\d_a-z][\w'’-]*)(?:\s+(?-i:[^\W\d_a-z][\w'’-]*)){0,3})"
    r"\s*(?:[,.;!?)]|$|(?:and|i'?m|i am|please|thanks?)\b)",
    re.IGNORECASE,
)


# A day or a greeting after a relative ("for my husband Monday please", "for my friend Hi":
# review); alone, "Dana Monday" is a name.
_NOT_A_RELATIVES_NAME = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
     "tomorrow", "hi", "hello", "hey", "thanks"}
)


_KIN_WORDS = rf"(?:{'|'.join(_RELATIVES)}|patient)"
_CAP_NAME = r"(?P<name>(?-i:[^\W\d_a-z][\w'’-]*)(?:\s+(?-i:[^\W\d_a-z][\w'’-]*)){0,3})"
# A relative writing: "I'm her daughter Lisa, mum is Rosa Diaz", "I'm his wife, he's Tom Lee".
# The patient's name, told as theirs, first; else the writer's own (it was stored as "I'm":
# pass L).
# The name ends its clause: "my husband is Unconscious now" is no name (review).
_NAME_END = r"(?=\s*(?:[,.;!?]|$|(?:and|i'?m|i’m|i am|please|thanks?)\b))"
_PATIENT_IS = re.compile(
    rf"(?:\b(?:my|her|his|their|the)\s+)?\b(?:{_KIN_WORDS}|he|she|(?:his|her|their) name)\s*"
    rf"(?:'s|’s|is|name is|is called|'s called)\s+{_CAP_NAME}{_NAME_END}"
    rf"|\bmy\s+{_KIN_WORDS}\s*[,:-]\s*{_CAP_NAME.replace('(?P<name>', '(?P<name2>')}{_NAME_END}",
    re.IGNORECASE,
)
_WRITER_IS = re.compile(
    rf"\b(?:i'?m|i’m|i am|this is)\s+(?:his|her|their|the patient'?s)\s+{_KIN_WORDS}\s*,?\s+"
    rf"{_CAP_NAME}{_NAME_END}",
    re.IGNORECASE,
)
# Words that describe, never name: "my husband is Very Dizzy", "the patient is Deaf".
_DESCRIBES = frozenset(
    {"very", "getting", "worse", "better", "dizzy", "unconscious", "deaf", "blind", "in", "not",
     "so", "really", "feeling", "having", "being", "going", "still", "fine", "ok", "okay", "sick",
     "ill", "unwell", "polish", "autistic", "disabled", "diabetic", "pregnant", "old", "elderly",
     "confused", "asleep", "awake", "here", "there", "home", "out", "away", "dr", "doctor",
     "the", "a", "an", "my", "her", "his", "also", "too", "now", "with", "at", "on", "okay."}
)


_PRONOUNS = frozenset({"i", "i'm", "im", "she", "he", "they", "we", "it", "it's", "its", "she's",
                       "he's", "they're", "you", "me", "her", "him", "them"})


def _named_by_a_relative(text: str) -> NameAnswer | None:
    words = text.split()
    if words and all(w[:1].isupper() for w in words if w[:1].isalpha()):
        return None  # "She Is Getting Worse": in title case, capitals name nothing
    first = words[0].strip(",.;:!").lower().replace("’", "'") if words else ""
    if words and words[0][:1].isupper() and first not in _PRONOUNS and first not in (
        "my", "her", "his", "their", "the", "it's", "its", "this", "mum", "mom", "dad", "hi",
        "hello", "hey", "for", "ok", "okay", "sorry", "yes", "no"
    ):
        return None  # "Jo Park, my husband is Mark": the name given first is read as before
    for pattern in (_PATIENT_IS, _WRITER_IS):
        found = pattern.search(text)
        if found is None:
            continue
        said = found.groupdict().get("name") or found.group("name2")
        if said.split()[0].lower().replace("’", "'") in _PRONOUNS:
            continue  # "for my mum, She feels unwell", "for my husband, I'm Sarah"
        if any(w.lower().strip(".") in _DESCRIBES for w in said.split()):
            continue
        named = read_name(said)
        if named and named.name.lower() not in _NOT_A_RELATIVES_NAME:
            return NameAnswer(named.name, cleaned=True)
    return None


def read_name(text: str | None) -> NameAnswer | None:
    """The name in an answer, or None when it holds none (empty, digits, a sentence of more
    than six words). Letters of any script, hyphens and apostrophes are kept as typed. For
    someone else ("it's for my son, Jake Miller. I'm his mum"), the patient's name."""
    if not text or not text.strip() or text.strip().startswith("/"):
        return None  # a button's payload ("/request_human") is no name
    relative = _FOR_RELATIVE.search(text[:300])
    if relative and relative.group("name") != text:
        named = read_name(relative.group("name"))
        if named and named.name.lower() not in _NOT_A_RELATIVES_NAME:
            return NameAnswer(named.name, cleaned=True)
    told = _named_by_a_relative(text[:300])
    if told is not None:
        return told
    if _A_TIME.search(text):
        return None  # "after 5" became the patient's name "after" (newcomer test)
    whole = " ".join(_MARKUP.sub(" ", text).split())[:300]
    parts = [p for p in _CORRECTION.split(whole) if _LETTER.search(p)]
    if not parts:  # nothing but "sorry" or "no wait"
        return None
    said = _TAIL.sub("", parts[-1])
    for _ in range(2):  # "sorry, it's Mark" and "hi, my name is Mark"
        said = NAME_PREFIX.sub("", said.strip(" ,.;:!-"))
    # Digits are no name, nor the words that go with a phone number ("(718) 555-0199 ext. 204"
    # at the name question became the name "ext": patient newcomer test).
    phone_words = _PHONE_WORDS if any(c.isdigit() for c in said) else frozenset()
    words = [
        w for w in _ALLOWED.sub("", said).split()
        if not any(c.isdigit() for c in w) and w.lower().strip(".") not in phone_words
    ]
    name = " ".join(words)[:100].strip(" .-'’")
    if not _LETTER.search(name) or len(words) > 6 or _is_no_name(name):
        return None
    if name.lower().replace("’", "'") in _PRONOUNS or name.lower() in ("i am",):
        return None  # "I'm her mum": the lead-in left alone is no name (review)
    plain = NAME_PREFIX.sub("", " ".join(text.split())[:300]).strip(" .!")  # as typed
    return NameAnswer(name, cleaned=name != plain)


# Words before a number that are about it or its owner, never the patient's name ("Sorry,
# 646...", "Husband's cell 646...", "Verizon 646...": review), with the phone's own words and
# the days and greetings that name no relative.
_ABOUT_THE_NUMBER = frozenset(
    {"its", "it's", "it", "is", "home", "work", "office", "house", "landline", "best", "text",
     "texts", "daytime", "anytime", "evenings", "evening", "mornings", "morning", "afternoons",
     "afternoon", "nights", "weekdays", "weekends", "after", "before", "only", "here", "there",
     "mine", "main", "primary", "new", "old", "use", "try", "dial", "whatsapp", "fax", "sms",
     "cellphone", "sorry", "great", "fine", "correct", "absolutely", "cool", "right", "alright",
     "same", "urgent", "emergency", "private", "personal", "ok", "okay", "good", "perfect",
     "verizon", "att", "at&t", "sprint", "tmobile", "t-mobile", "google", "voice", "skype",
     "dr", "doctor", "mr", "mrs", "ms", "miss", "nurse", "carer", "caregiver", "neighbour",
     "neighbor", "boss", "family",
     # relatives who may own the number; not "Nan", "Kid" and the like, which are names too
     # ("Nan Chen 646 555 0144": review)
     *(r for r in _RELATIVES if r not in ("nan", "kid", "child", "granny", "grandmother",
                                          "grandfather"))}
) | _PHONE_WORDS | _NOT_A_RELATIVES_NAME
_LEAD_OUT = re.compile(
    r"(?:\s*[,;:.-]?\s*\b(?:and\s+)?(?:my\s+)?(?:number|phone|cell|mobile|tel)(?:\s+(?:number|"
    r"is|'s))*|\s*[,;:.-]?\s*\b(?:at|on)|\s*[,;:.-])+\s*$",
    re.IGNORECASE,
)
_GIVING_IN = re.compile(  # "ok, it's Maria": the "ok" gives in, the name follows
    r"^\s*(?:(?:ok|okay|fine|sure|yes|yeah|alright|all right|sorry|oh|well)\b[\s,.!]*)+",
    re.IGNORECASE,
)
_CAPITALISED = re.compile(r"^[^\W\d_a-z][\w'’-]*$")


def name_with_number(text: str | None) -> str | None:
    """The patient's name told before a phone number, at the phone question when no name was
    kept: after a lead-in ("it's Maria, 646 555 0144", "my name is Maria and my number is
    ..."), or two capitalised words or more ("Maria Lopez 646 555 0144"). None when there is
    no number, or the words are about the number or its owner ("Sorry, 646...", "Husband's
    cell 646...", "Verizon 646..."). Pass K: a name given here after declining it was lost."""
    if not text or len(text) > 300 or find_phone(text) is None:
        return None
    first = next(iter(phonenumbers.PhoneNumberMatcher(text, "US")), None)
    if first is None:
        return None
    before = _LEAD_OUT.sub("", _GIVING_IN.sub("", " ".join(text[:first.start].split())))
    named = NAME_PREFIX.sub("", before, count=1)
    words = named.strip(" ,.;:!-").split()
    cue = named != before
    if not words or len(words) > 4 or (len(words) < 2 and not cue):
        return None
    if any(
        not _CAPITALISED.match(w) or w.lower().rstrip(".") in _ABOUT_THE_NUMBER
        or w.lower().endswith(("'s", "’s"))
        for w in words
    ):
        return None
    name = " ".join(words)
    return None if _is_no_name(name) else name


def clean_name(text: str | None) -> str | None:
    """The name in an answer like "I'm Ana María" (see `read_name`), or None."""
    answer = read_name(text)
    return answer.name if answer else None


EXTENSION = ";ext="  # RFC 3966's parameter: an intake's stored phone "+12125550123;ext=5"


def phone_extension(text: str | None, region: str = "US") -> str | None:
    """The extension written with the phone number in an answer ("212-555-0123 ext 5",
    "(212) 555-0123 x 22": "5", "22"), or None. The number itself is `find_phone`'s."""
    if not text or len(text) > 300:
        return None
    try:
        whole = phonenumbers.parse(text, region)
        if phonenumbers.is_valid_number(whole):
            return whole.extension or None
    except phonenumbers.NumberParseException:
        pass
    found = [m.number for m in phonenumbers.PhoneNumberMatcher(text, region)]
    valid = [n for n in found if phonenumbers.is_valid_number(n)]
    return (valid[-1].extension or None) if valid else None


def with_extension(e164: str | None, extension: str | None) -> str | None:
    """What an intake stores for its phone: E.164, with `;ext=N` when one was given."""
    if not e164:
        return None
    return f"{e164}{EXTENSION}{extension}" if extension else e164


def readable_phone(stored: str | None) -> str:
    """A stored phone as staff read it: "+12125550123;ext=5" -> "+12125550123 ext. 5"."""
    if not stored:
        return ""
    number, _, extension = stored.partition(EXTENSION)
    return f"{number} ext. {extension}" if extension else number


def find_phone(text: str | None, region: str = "US") -> str | None:
    """E.164 form of the phone number in an answer such as "(718) 555-0199 thats my cell".

    The whole answer first (`try_normalize_phone`), else the last valid number written in it
    (a patient who corrects themselves gives the right one last); None when there is none.
    """
    whole = try_normalize_phone(text, region)
    if whole or not text or len(text) > 300:
        return whole
    found = [m.number for m in phonenumbers.PhoneNumberMatcher(text, region)]
    valid = [n for n in found if phonenumbers.is_valid_number(n)]
    if not valid:
        return None
    return phonenumbers.format_number(valid[-1], phonenumbers.PhoneNumberFormat.E164)


_QUESTION_WORDS = frozenset(
    [
        "where",
        "what",
        "when",
        "how",
        "who",
        "why",
        "which",
        "do",
        "does",
        "can",
        "could",
        "is",
        "are",
        "will",
        "would",
        "should",
    ]
)


# The re-ask (`slot_followup`) that gives the reason for the name or phone question.
WHY_FOLLOWUP = {"patient_name": "patient_name", "phone": "why_phone"}
_WHY = re.compile(
    r"\bwhy\b|\bwhat (?:for|do you need it for)\b|\bdo i (?:have|need) to\b|\bwhat is it for\b",
    re.I,
)


def asks_why(text: str | None) -> bool:
    """"why do you need my name?", "what for?", "do I have to?": a question about the question."""
    return bool(_WHY.search(text or "")) and looks_like_question(text)


def looks_like_question(text: str | None) -> bool:
    """ "where are you located?" at the name prompt is a question, "Jo Park" is a name."""
    words = (text or "").strip().lower().split()
    return bool(words) and (text.strip().endswith("?") or words[0] in _QUESTION_WORDS)


_DECLINE = re.compile(
    r"^\W*(?:no+|nope|nah|skip|pass|none)\b|\b(?:rather not|prefer not|(?:do not|don'?t|dont) "
    r"(?:have|want to give|wanna give|want to share)|no (?:phone|number|cell|mobile)|"
    r"not (?:giving|sharing)|won'?t (?:give|share)|skip (?:it|that|this))\b",
    re.IGNORECASE,
)


def declines_name(text: str | None) -> bool:
    """Whether an answer to "What name should the front desk use?" declines to give one ("no",
    "I'd rather not", "nope"): a name in it is no decline. After red-flag advice a plain "no"
    got the question again and again (patient newcomer test)."""
    if not text or read_name(text) or find_phone(text):
        return False
    return bool(_DECLINE.search(text.replace("\u2019", "'")))


def declines_number(text: str | None) -> bool:
    """Whether an answer to "the best phone number to reach you?" declines to give one ("I'd
    rather not give my number", "no", "I don't have a phone, email me at ..."): a number in it
    is no decline. An urgent patient who declined was asked again and again (newcomer test)."""
    if not text or find_phone(text):
        return False
    return bool(_DECLINE.search(text.replace("\u2019", "'")))
