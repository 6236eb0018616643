"""Name forms: folding, designator words (county, prefecture, river ...) and search forms. Pure."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Words that say what level or sort of place a name stands for, by family. "prefecture-level"
# and "county-level" stay single tokens, so "prefecture-level city" is a city, not a prefecture.
LEVELS: dict[str, tuple[str, ...]] = {
    "river": ("river", "rivers", "stream", "watercourse", "tributary"),
    "lake": ("lake", "reservoir"),
    "mountain": ("mountain", "mountains", "range", "peak"),
    "prefecture": ("prefecture", "prefectures", "oblast", "league"),
    "region": ("region", "province", "autonomous region"),
    "county": ("county", "counties", "banner", "county-level", "district", "raion"),
    "city": ("city", "town", "municipality", "prefecture-level", "settlement", "village", "capital",
             "township", "oasis", "cities"),
    "country": ("country", "state", "republic", "empire", "union", "kingdom", "federation"),
}
# Level families that may name the same territory at different times (a county became a
# county-level city): no contradiction between them.
COMPATIBLE = {frozenset({"county", "city"})}
# Designators stripped from the end of a name to get its core ("Huocheng County" -> "huocheng").
DESIGNATORS = ("autonomous prefecture", "autonomous region", "autonomous county", "prefecture",
               "county", "city", "river", "region", "province", "oblast", "district", "municipality",
               "town", "station", "mountains", "lake")
_TOKEN = re.compile(r"[a-z0-9]+(?:-level)?")
_SIC = re.compile(r"\[\s*sic\s*\]", re.I)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case-, accent- and punctuation-folded form for comparing names ("Ürümqi" == "urumqi")."""
    text = _SIC.sub(" ", text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold().replace("'", "").replace("’", "").replace("ʼ", "")
    text = re.sub(r"[\s\-‐–—_.,:;()\[\]\"/]+", " ", text)
    return " ".join(text.split())


def squash(text: str) -> str:
    """Folded without spaces, so "Alma-Ata" == "Almaata" and "Tie-lie-ke" == "Tielieke"."""
    return fold(text).replace(" ", "")


@lru_cache(maxsize=65536)
def core(text: str) -> str:
    """The folded name without a trailing designator: "Huocheng County" -> "huocheng"."""
    folded = fold(text)
    for word in DESIGNATORS:
        if folded.endswith(" " + word) and len(folded) > len(word) + 1:
            return folded[: -len(word) - 1].strip()
    return folded


def level_tokens(text: str) -> set[str]:
    """Tokens of a name, description or class label, keeping "-level" compounds whole."""
    base = unicodedata.normalize("NFKD", _SIC.sub(" ", text)).casefold()
    return set(_TOKEN.findall(base))


def levels_of(*texts: str) -> set[str]:
    """Level families named anywhere in the texts."""
    found: set[str] = set()
    for text in texts:
        tokens, folded = level_tokens(text), f" {fold(text)} "
        for family, words in LEVELS.items():
            if any((w in tokens) if " " not in w else (f" {w} " in folded) for w in words):
                found.add(family)
    return found


def compatible(a: str, b: str) -> bool:
    return a == b or frozenset({a, b}) in COMPATIBLE


def script(text: str) -> str:
    """The search language for a name: zh for Han characters, ru for Cyrillic, else en."""
    for c in text:
        if "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf":
            return "zh"
        if "\u0400" <= c <= "\u04ff":
            return "ru"
    return "en"


def clean(name: str) -> str:
    """A name as it can be searched: "[sic]" and brackets dropped, spaces collapsed."""
    text = _SIC.sub(" ", name)
    text = re.sub(r"[\[\]]", "", text)
    return " ".join(text.split()).strip(" ,;:")


def search_forms(names: tuple[str, ...], limit: int = 8) -> tuple[str, ...]:
    """Every distinct searchable form of the names, most specific first, at most ``limit``.

    For each name: as written; without its designator ("Huocheng County" -> "Huocheng");
    syllable-hyphenated [sic] forms joined ("Tie-lie-ke" -> "Tielieke"). Duplicates by folded form
    are dropped, since wbsearchentities folds case itself.
    """
    forms: list[str] = []
    seen: set[str] = set()

    def add(form: str) -> None:
        key = fold(form)
        if form and key and key not in seen:
            seen.add(key)
            forms.append(form)

    cleaned = [clean(n) for n in names if clean(n)]
    for name in cleaned:
        add(name)
    for name in cleaned:
        folded, stripped = fold(name), core(name)
        if stripped != folded:
            words = name.split()
            add(" ".join(words[: len(stripped.split())]))
        if name.count("-") >= 2 and " " not in name:
            add(name.replace("-", ""))
    return tuple(forms[:limit])
