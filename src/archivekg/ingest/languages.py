"""Language names as records write them -> ISO 639-1 codes."""
from __future__ import annotations

import re

# English names (and common variants) of the languages archival records come in.
# "sh" is the (deprecated but still assigned) ISO 639-1 code for Serbo-Croatian.
LANGUAGES: dict[str, str] = {
    "albanian": "sq",
    "arabic": "ar",
    "bulgarian": "bg",
    "chinese": "zh",
    "mandarin": "zh",
    "croatian": "hr",
    "czech": "cs",
    "danish": "da",
    "dutch": "nl",
    "english": "en",
    "estonian": "et",
    "farsi": "fa",
    "finnish": "fi",
    "french": "fr",
    "german": "de",
    "greek": "el",
    "hebrew": "he",
    "hindi": "hi",
    "hungarian": "hu",
    "indonesian": "id",
    "italian": "it",
    "japanese": "ja",
    "khmer": "km",
    "korean": "ko",
    "lao": "lo",
    "latvian": "lv",
    "lithuanian": "lt",
    "macedonian": "mk",
    "mongolian": "mn",
    "norwegian": "no",
    "persian": "fa",
    "polish": "pl",
    "portuguese": "pt",
    "romanian": "ro",
    "russian": "ru",
    "serbian": "sr",
    "serbo-croatian": "sh",
    "serbo-croat": "sh",
    "serbocroatian": "sh",
    "slovak": "sk",
    "slovenian": "sl",
    "slovene": "sl",
    "spanish": "es",
    "swedish": "sv",
    "thai": "th",
    "turkish": "tr",
    "ukrainian": "uk",
    "urdu": "ur",
    "vietnamese": "vi",
}

# Separators between several languages: "Russian, Chinese", "German and Polish", "Czech/Slovak".
_SPLIT = re.compile(r"\s*(?:,|;|/|\band\b|&)\s*", re.IGNORECASE)


def language_names(text: str) -> list[str]:
    """The language names in an 'Original Language' value, in the order written."""
    text = re.sub(r"\([^()]*\)", " ", text)  # "German (East Germany)" -> "German"; [^()]: linear on "((((("
    return [p.strip(" .") for p in _SPLIT.split(text) if p.strip(" .")]


def language_code(text: str | None) -> str | None:
    """ISO 639-1 code of the first language named, or None when it is not known."""
    if not text:
        return None
    for name in language_names(text):
        code = LANGUAGES.get(re.sub(r"\s+", " ", name.lower()))
        if code:
            return code
    return None


def language_label(name: str) -> str:
    """A language's name as records write it, in one capitalisation ("serbo-croatian" ->
    "Serbo-Croatian"), so that records naming it alike give its node one label."""
    key = re.sub(r"\s+", " ", name.strip().lower())
    return re.sub(r"(^|[\s-])(\w)", lambda m: m.group(1) + m.group(2).upper(), key)
