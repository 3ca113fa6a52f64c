"""GSM 03.38 (GSM-7): which texts fit one 160-character SMS segment, and making them fit."""

from __future__ import annotations

import unicodedata

SEGMENT = 160

# The basic character set (one septet each) and the extension table (escape + one septet).
BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
EXTENSION = frozenset("^{}\\[~]|€\f")

# Common typography that has a plain GSM-7 stand-in.
_REPLACE = {
    "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
    "\u2026": "...", "\u00a0": " ", "\u2022": "-", "\u00b7": "-",
    # Letters that Unicode does not decompose into a base letter and an accent.
    "Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "Œ": "OE", "œ": "oe", "ı": "i", "Þ": "Th", "þ": "th",
}


def is_gsm7(text: str) -> bool:
    return all(ch in BASIC or ch in EXTENSION for ch in text)


def gsm7_length(text: str) -> int:
    """Septets `text` takes; raises ValueError if it holds a character outside GSM-7."""
    if not is_gsm7(text):
        raise ValueError("text holds characters outside GSM-7")
    return sum(2 if ch in EXTENSION else 1 for ch in text)


def fits_one_segment(text: str) -> bool:
    return is_gsm7(text) and gsm7_length(text) <= SEGMENT


def to_gsm7(text: str) -> str:
    """`text` with every character made GSM-7: accents dropped where needed, others removed."""
    out = []
    for ch in text:
        ch = _REPLACE.get(ch, ch)
        if all(c in BASIC or c in EXTENSION for c in ch):
            out.append(ch)
            continue
        plain = unicodedata.normalize("NFKD", ch)
        out.append("".join(c for c in plain if c in BASIC or c in EXTENSION))
    return " ".join("".join(out).split(" ")).strip()


def shorten(text: str, budget: int) -> str:
    """`text` (GSM-7) cut at a word boundary to at most `budget` septets; never mid-word."""
    if gsm7_length(text) <= budget:
        return text
    words = text.split()
    while words and gsm7_length(" ".join(words)) > budget:
        words.pop()
    if words:
        return " ".join(words).rstrip(" ,;:-&")
    return text[:budget]
