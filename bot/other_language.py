"""Staff flags for a message in a language the assistant can't read (`bot.language`).

The patient gets a notice with the offer of a call and 911's line (`utter_other_language*`).
The front desk gets the intake, flagged for a call back in that language, and urgent when the
words named an emergency: "me duele mucho el pecho y no puedo respirar" was saved as a plain
call back with no flag, and "mi mamá tiene la cara caída y no puede hablar bien" left no intake
at all (third newcomer pass).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

PREFIX = "other_language_"
EMERGENCY_SUFFIX = "_emergency"
LANGUAGE_NAMES = {
    "es": "Spanish", "zh": "Chinese", "ru": "Russian", "bn": "Bengali", "ht": "Haitian Creole",
    "ko": "Korean", "ar": "Arabic", "fr": "French", "pl": "Polish", "ur": "Urdu",
    "pt": "Portuguese", "de": "German", "it": "Italian", "vi": "Vietnamese",
    "other": "another language",
}  # fmt: skip
# Emergency words in Spanish, the one other language the notice is written in: the chest,
# breathing, a face, arm or speech suddenly wrong, fainting, blood, a swollen calf (the
# American Heart Association's and American Stroke Association's warning signs).
_SPANISH_EMERGENCY = re.compile(
    r"\b(pecho|respirar|respiro|ahog\w*|falta (de |el )?aire|infarto|ataque al coraz[oó]n|derrame|"
    r"embolia|cara (ca[ií]da|torcida|dormida)|boca (torcida|ca[ií]da)|no (puede|puedo) (hablar|"
    r"mover)|habla (rara|mal|arrastrada)|desmay\w*|inconsciente|no responde|no despierta|sangre|"
    r"sangrando|paraliz\w*|convulsi\w*|dolor de cabeza (muy )?(fuerte|terrible|horrible)|"
    r"(pantorrilla|pierna) (hinchada|roja|caliente)|vejiga|orinar|no siento (las|mis) piernas|"
    r"piernas (dormidas|entumecidas))\b",
    re.IGNORECASE,
)


def mentions_emergency(text: str | None, language: str | None) -> bool:
    """Whether a message in `language` (ISO 639-1) names an emergency that the notice's 911
    line is about; Spanish only, the one other language the assistant has words for."""
    return language == "es" and bool(_SPANISH_EMERGENCY.search(text or ""))


def seen(before: Mapping[str, Any] | None, language: str, text: str | None) -> dict[str, Any]:
    """The slot `other_language` after a message in `language`: {"language": code, "emergency":
    bool}; an emergency, once said, stays."""
    emergency = bool((before or {}).get("emergency")) or mentions_emergency(text, language)
    return {"language": language, "emergency": emergency}


def language_flags(value: Mapping[str, Any] | None) -> list[str]:
    """The staff flag for the slot `other_language`: `other_language_<code>`, with
    `_emergency` when its words named one; [] when every message was in English."""
    if not value or not value.get("language"):
        return []
    label = PREFIX + str(value["language"])
    return [label + EMERGENCY_SUFFIX if value.get("emergency") else label]


def is_language_flag(label: str) -> bool:
    return label.startswith(PREFIX)


def is_emergency_flag(label: str) -> bool:
    return is_language_flag(label) and label.endswith(EMERGENCY_SUFFIX)


def flag_title(label: str) -> str | None:
    """What staff read for a language flag, e.g. "Wrote in Spanish, which the assistant can't
    read: call back, with an interpreter"; None for any other label."""
    if not is_language_flag(label):
        return None
    code = label.removeprefix(PREFIX).removesuffix(EMERGENCY_SUFFIX)
    name = LANGUAGE_NAMES.get(code, "another language")
    if is_emergency_flag(label):
        return (f"Wrote in {name}, which the assistant can't read, with emergency words (chest, "
                "breathing, face, speech, fainting or blood): told to call 911; call back now")
    return f"Wrote in {name}, which the assistant can't read: call back, with an interpreter"
