"""GSM 03.38 (GSM-7): which texts fit one 160-character SMS segment, and making them fit.

Source: 3GPP TS 23.038 (the alphabet and its extension table) and TS 23.040 (concatenated
messages: 153 septets, or 67 UCS-2 characters, per segment once a text needs more than one).
"""

from __future__ import annotations

import math
import re
import unicodedata

SEGMENT = 160
SEGMENT_CONCATENATED = 153  # septets per segment of a longer text (the rest is the UDH)
UCS2_SEGMENT = 70
UCS2_SEGMENT_CONCATENATED = 67

# The basic character set (one septet each) and the extension table (escape + one septet).
BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
EXTENSION = frozenset("^{}\\[~]|€\f")

# Common typography that has a plain GSM-7 stand-in.
# fmt: off
_REPLACE = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'",
    "`": "'", "\u00b4": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"',
    "\u2033": '"', "\u00ab": '"', "\u00bb": '"', "\u2039": "'", "\u203a": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\u2026": "...", "\u2022": "-", "\u00b7": "-", "\u2192": "->",
    "\u00d7": "x", "\u00bd": "1/2", "\u00bc": "1/4", "\u00be": "3/4", "\u2122": "TM",
    "\u00a9": "(c)", "\u00ae": "(R)", "\t": " ", "\u2028": "\n", "\u2029": "\n",
    **dict.fromkeys("\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
                    "\u202f\u205f\u3000", " "),
    # Letters that Unicode does not decompose into a base letter and an accent.
    "Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "Œ": "OE", "œ": "oe", "ı": "i", "Þ": "Th", "þ": "th",
}
# fmt: on


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


# Emoji and other pictographs, their modifiers and joiners: dropped from SMS text.
_DROPPED_KINDS = {"So", "Sk", "Cf", "Cs", "Co", "Cn", "Me"}
_VARIATION_SELECTORS = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")
_DROPPED = "\x00"
_GAP = re.compile(r" *\x00[\x00 ]*")
_NO_SPACE_BEFORE = set(".,;:!?)\n")


def _sms_char(ch: str) -> str:
    if ch in BASIC or ch in EXTENSION:
        return ch
    if ch in _REPLACE:
        return _REPLACE[ch]
    if unicodedata.category(ch) in _DROPPED_KINDS:
        return _DROPPED
    plain = "".join(c for c in unicodedata.normalize("NFKD", ch) if c in BASIC or c in EXTENSION)
    return plain or ch  # a letter GSM-7 lacks (Cyrillic, Chinese...) stays: UCS-2 it is


def _close_gaps(text: str) -> str:
    """Where a character was dropped, keep one space only between two words."""

    def gap(match: re.Match[str]) -> str:
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        quotes_before = text[: match.start()].count('"')
        opening_quote = before == '"' and quotes_before % 2 == 1
        closing_quote = after == '"' and quotes_before % 2 == 1
        if " " not in match.group() or before in ("", " ", "\n", "(") or after == "":
            return ""
        if opening_quote:
            return ""
        return "" if after in _NO_SPACE_BEFORE or closing_quote else " "

    return _GAP.sub(gap, text)


def sms_text(text: str) -> str:
    """`text` as it should leave by SMS: GSM-7 wherever the meaning survives.

    Curly quotes, dashes, ellipses and odd spaces become their GSM-7 stand-ins, accents GSM-7
    lacks are dropped ("á" -> "a"), emoji are dropped with the space they leave. Letters GSM-7
    has no stand-in for (a name in Cyrillic) are kept, so such a text goes as UCS-2.
    Idempotent; never raises.
    """
    composed = unicodedata.normalize("NFC", _VARIATION_SELECTORS.sub(_DROPPED, text))
    return _close_gaps("".join(_sms_char(ch) for ch in composed))


def segments(text: str) -> int:
    """How many SMS segments `text` takes: GSM-7 160 septets alone, 153 each when concatenated;
    UCS-2 (any character outside GSM-7) 70 alone, 67 each when concatenated."""
    if is_gsm7(text):
        septets = gsm7_length(text)
        return 1 if septets <= SEGMENT else math.ceil(septets / SEGMENT_CONCATENATED)
    units = len(text.encode("utf-16-le")) // 2
    return 1 if units <= UCS2_SEGMENT else math.ceil(units / UCS2_SEGMENT_CONCATENATED)
