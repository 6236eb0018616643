"""The curated lexicon: small text files in ``lexicon/``, read once.

Everything here is general knowledge of the records' world (titles, head words, countries and
their adjectives, well-known places, persons and organisations), never the content of one record.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DIR = Path(__file__).resolve().parent / "lexicon"


def words(text: str) -> list[str]:
    """The words of a literal list written as one string (for readable word lists in code)."""
    return text.split()


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """A lookup key: accents dropped, case folded, apostrophes unified, spaces collapsed."""
    text = text.replace("’", "'").replace("‘", "'")
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().split())


def _rows(name: str) -> list[str]:
    out = []
    for line in (DIR / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


def _cols(line: str) -> list[str]:
    return [c.strip() for c in line.split("|")]


def _names(cell: str) -> list[str]:
    return [n.strip() for n in cell.split(",") if n.strip()]


def _words(name: str) -> set[str]:
    return {fold(w) for line in _rows(name) if not line.startswith("[") for w in line.split()}


@dataclass(frozen=True)
class Known:
    """A lexicon entry: kind, preferred label and type (country, city, party ...)."""

    kind: str
    label: str
    subtype: str | None = None


@dataclass(frozen=True)
class Lexicon:
    names: dict[str, Known]  # folded full name -> entry (countries, places, persons, organisations)
    demonyms: dict[str, str]  # folded adjective -> country label ("soviet" -> "Soviet Union")
    peoples: dict[str, str]  # folded noun for a country's people -> country label ("soviets")
    people_of: dict[str, str]  # country label -> the noun for its people ("Russia" -> "Russians")
    ethnonyms: dict[str, str]  # folded form -> group label ("hans" -> "Han")
    ethnonym_types: dict[str, str]  # group label -> its type where not an ethnic group ("Hindus" -> religious)
    pseudonyms: dict[str, str]  # folded cover name -> real name
    titles: frozenset[str]  # core titles ("chairman", "comrade")
    title_mods: frozenset[str]  # words that extend a title ("vice", "foreign")
    heads: dict[str, tuple[str, str]]  # folded head word -> (kind, type)
    common: frozenset[str]
    given: frozenset[str]
    surnames: frozenset[str]
    acronyms: frozenset[str]  # folded names the lexicon writes in capitals (USSR, CPSU)
    by_surname: dict[str, str]  # folded family name -> the one well-known person who has it
    name_words: frozenset[str]  # every word of a lexicon name (to tell name words from others)
    max_len: int  # longest lexicon name in words


def _add(names: dict[str, Known], name: str, entry: Known) -> None:
    names.setdefault(fold(name), entry)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    names: dict[str, Known] = {}
    demonyms: dict[str, str] = {}
    peoples: dict[str, str] = {}
    people_of: dict[str, str] = {}
    for line in _rows("countries.txt"):
        cols = [*_cols(line), "", "", ""]
        label = cols[0]
        entry = Known("place", label, "country")
        for n in [label, *_names(cols[1])]:
            _add(names, n, entry)
        for d in _names(cols[2]):
            demonyms.setdefault(fold(d), label)
        for p in _names(cols[3]):
            peoples.setdefault(fold(p), label)
            people_of.setdefault(label, p)
    for line in _rows("places.txt"):
        subtype, label, *rest = [*_cols(line), ""]
        for n in [label, *_names(rest[0])]:
            _add(names, n, Known("place", label, subtype))
    for line in _rows("organisations.txt"):
        subtype, label, *rest = [*_cols(line), ""]
        for n in [label, *_names(rest[0])]:
            _add(names, n, Known("group", label, subtype))
    for line in _rows("persons.txt"):
        label, *rest = [*_cols(line), ""]
        for n in [label, *_names(rest[0])]:
            _add(names, n, Known("person", label))
    ethnonyms: dict[str, str] = {}
    ethnonym_types: dict[str, str] = {}
    for line in _rows("ethnonyms.txt"):
        group, forms, group_type = [*_cols(line), "", ""][:3]
        for n in _names(forms):
            ethnonyms.setdefault(fold(n), group)
        if group_type:
            ethnonym_types[group] = group_type
    pseudonyms = {fold(a): b for a, b in (_cols(line)[:2] for line in _rows("pseudonyms.txt"))}
    titles: set[str] = set()
    mods: set[str] = set()
    section = titles
    for line in _rows("titles.txt"):
        if line.startswith("["):
            section = titles if line == "[core]" else mods
            continue
        section.update(fold(w) for w in line.split())
    heads: dict[str, tuple[str, str]] = {}
    for line in _rows("heads.txt"):
        kind, subtype, words = _cols(line)
        for w in words.split():
            heads.setdefault(fold(w), (kind, subtype))
    name_words = {w for key in names for w in re.split(r"[\s\-]+", key)}
    # The gazetteer of the world's places comes after: its words ('Hall', 'Canal', 'Zone') are no
    # sign of a name in text written in capitals.
    world = _rows("world_places.txt")
    for line in world:
        subtype, label = _cols(line)[:2]
        _add(names, label, Known("place", label, subtype))
    surname_votes: dict[str, set[str]] = {}
    for key, k in names.items():
        parts = key.split()
        if k.kind == "person" and len(parts) > 1:
            surname_votes.setdefault(parts[-1], set()).add(k.label)
            surname_votes.setdefault(parts[0], set()).add(k.label)
    given = {fold(w) for w in _words("given_names.txt")}
    by_surname = {w: next(iter(v)) for w, v in surname_votes.items()
                  if len(v) == 1 and w not in given and len(w) > 1 and not w.endswith(".")}
    listed = _rows("countries.txt") + _rows("organisations.txt") + _rows("places.txt") + world
    acronyms = {fold(n) for line in listed for n in re.split(r"[|,]", line) if n.strip().replace(".", "").isupper()}
    return Lexicon(
        names=names, demonyms=demonyms, peoples=peoples, people_of=people_of, ethnonyms=ethnonyms,
        ethnonym_types=ethnonym_types, pseudonyms=pseudonyms,
        titles=frozenset(titles), title_mods=frozenset(mods), heads=heads,
        common=frozenset(_words("common.txt")), given=frozenset(_words("given_names.txt")),
        surnames=frozenset(_words("surnames.txt")), acronyms=frozenset(acronyms),
        by_surname=by_surname, name_words=frozenset(name_words),
        max_len=max(len(k.split()) for k in names),
    )
