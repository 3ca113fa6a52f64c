"""Whether a message is written in a language other than English, which this assistant can't read.

A patient who writes "Me duele la rodilla desde hace tres meses" got the fallback, with no word
they could read and no way to reach a person. Such a message is answered with a notice (in
English, and in Spanish when it is Spanish) and the offer of a call.

Short messages are where language identifiers go wrong: py3langid (a maintained fork of
langid.py; Lui & Baldwin, "langid.py: An Off-the-shelf Language Identification Tool", ACL 2012)
calls "stairs" French and "my rigth knee" German, and names ("Ana María Pérez") are not English
either. So a message counts only when its letters are mostly of a non-Latin script (Chinese,
Cyrillic, Arabic, Bengali, Hangul...), or when it has at least `MIN_WORDS` words, the identifier
is `SURE` it is not English, and at most one of its words is an English function word.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier
from spacy.lang.en.stop_words import STOP_WORDS

ENGLISH = "en"
SPANISH = "es"
# Languages of the patients a US clinic most often hears from, besides English (New York City's
# Local Law 30 list, plus Portuguese, German, Italian and Vietnamese). Restricting the
# identifier to them keeps rare languages from winning on a few letters.
LANGUAGES = (
    "en", "es", "zh", "ru", "bn", "ht", "ko", "ar", "fr", "pl", "ur", "pt", "de", "it", "vi",
)  # fmt: skip
MIN_WORDS = 3
SURE = 0.9
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?", re.UNICODE)


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    identifier = LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    return identifier


def _non_latin_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    other = sum(1 for c in letters if not unicodedata.name(c, "").startswith("LATIN"))
    return other / len(letters)


# Words only Spanish has among the identifier's languages: "hola, me duele mucho la rodilla
# derecha" was called Italian, and got the English notice.
_SPANISH = frozenset(
    {
        "hola", "duele", "dolor", "rodilla", "espalda", "cuello", "hombro", "cadera", "tobillo",
        "derecha", "izquierda", "quiero", "necesito", "cita", "gracias", "tengo", "hablar",
        "llamar", "ayuda", "semanas", "meses", "años", "desde", "hace", "mucho", "hablo",
        "inglés", "ingles", "español", "espanol", "entiendo", "usted", "puede",
        # an emergency in Spanish: "me duele mucho el pecho y no puedo respirar" got the English
        # intake (its "me" and "no" counted as English: newcomer test)
        "pecho", "respirar", "puedo", "brazo", "pierna", "cabeza", "favor", "ahora", "muy",
    }
)  # fmt: skip
# Words of both languages, which count for neither when Spanish words are there too.
_BOTH = frozenset({"me", "no", "a", "he", "mi", "y", "solo", "son", "come", "ha", "de"})


# English as it is typed in chats and texts, which the identifier does not know: "nah im good"
# was called another language, and the patient got the English-only notice (newcomer test).
_ENGLISH_CHAT = frozenset(
    {
        "nah", "im", "ive", "ill", "id", "dont", "cant", "wont", "didnt", "doesnt", "isnt",
        "thats", "whats", "u", "ur", "ya", "yeah", "yep", "yup", "nope", "ok", "okay", "k",
        "lol", "pls", "plz", "thx", "thanks", "ty", "idk", "gonna", "wanna", "gotta", "good",
        "fine", "cool", "great", "sure", "hey", "hi", "hello", "bye", "all", "set", "done",
    }
)  # fmt: skip


# English words of this assistant's own subject, which the identifier reads as other languages
# in short messages: "no chest pain" was called Italian and "my dad collapsed" Spanish, so a
# patient's "no" to a safety question and a collapse got the English-only notice (third newcomer
# pass).
_ENGLISH_HEALTH = frozenset(
    {
        "pain", "pains", "painful", "hurt", "hurts", "hurting", "ache", "aches", "aching", "sore",
        "chest", "back", "neck", "knee", "knees", "hip", "hips", "leg", "legs", "arm", "arms",
        "shoulder", "shoulders", "ankle", "wrist", "foot", "feet", "head", "headache", "calf",
        "jaw", "dad", "mum", "mom", "husband", "wife", "son", "daughter", "grandad", "grandma",
        "collapsed", "fainted", "unconscious", "breathing", "breathe", "breath", "fever",
        "swelling", "swollen", "numb", "numbness", "dizzy", "weak", "fell", "fall", "bladder",
        "blood", "stiff", "tingling", "sharp", "tho", "though", "yes", "yeah",
    }
)  # fmt: skip


_ADDRESS = re.compile(r"\S+@\S+|\bhttps?://\S+|\bwww\.\S+", re.IGNORECASE)


def other_language(text: str | None) -> str | None:
    """The ISO 639-1 code of the language `text` is written in when it is clearly not English
    ("es" for "Me duele la rodilla"), else None: English, too short to tell, a name, a number."""
    if not text or not text.strip():
        return None
    # An email address or a web address is in no language: "sarah.chen@example.com" at the
    # email question read as German, and flagged the intake for an interpreter (pass J).
    text = _ADDRESS.sub(" ", text[:1000])
    if not text.strip():
        return None
    if _non_latin_share(text) >= 0.5:
        language, _ = _identifier().classify(text)
        return language if language != ENGLISH else "other"
    words = [w.lower() for w in _WORD.findall(text)]
    spanish = sum(w in _SPANISH for w in words)
    english = sum(w in STOP_WORDS or w in _ENGLISH_CHAT or w in _ENGLISH_HEALTH for w in words
                  if not (spanish and w in _BOTH))  # fmt: skip
    if spanish >= 2 and spanish > english:
        return SPANISH
    if english > 1:
        return None
    if sum(w in _SPANISH for w in words) >= 2:
        return SPANISH  # "no hablo inglés": too short for the identifier
    if len(words) < MIN_WORDS:
        return None
    language, probability = _identifier().classify(text)
    if language == ENGLISH or probability < SURE:
        return None
    return SPANISH if sum(w in _SPANISH for w in words) >= 2 else language
