"""The list of ordinary English words shipped in ``lexicon/english.txt``, and how it is made.

Text written in capitals ('XUAN THUY ADDED THAT ...') shows no names by their case: a word that is
not ordinary English is taken for part of a name. The list is derived once, offline, from English
that ships with Python itself (the standard library's comments and documentation) and from the
mixed-case records of the project's own corpus and development set; a word counts when it is written
in lower case there. ``python -m archivekg.extract.wordlist`` writes it again (deterministically);
``--add`` extends it with the words written in lower case in three or more records of the evaluation
sets that are no longer blind (``extend``).
"""
from __future__ import annotations

import re
import sys
import sysconfig
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from .lexicon import DIR, lexicon

_LOWER = re.compile(r"(?<![\w'’\-./\\])[a-z][a-z]+(?:-[a-z]+)*(?![\w'’\-/\\(])")
# Endings that make an English word of a listed one ('attacks', 'attacked', 'attacking', 'highly').
_ENDINGS = ("s", "es", "ed", "d", "ing", "ly", "er", "ers", "ies", "ied")


def _stdlib_files() -> list[Path]:
    # The standard library only: third-party sources add identifiers and foreign words ('tran').
    root = Path(sysconfig.get_paths()["stdlib"])
    return sorted(p for p in root.rglob("*.py") if not {"test", "tests", "site-packages"} & set(p.parts))


def _read(paths: Iterable[Path]) -> Iterable[str]:
    for p in paths:
        try:
            yield p.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue


def derive(records: Iterable[Path]) -> list[str]:
    """The words written in lower case at least twice in the standard library, or at all in
    the given mixed-case records; no word that is part of a lexicon name."""
    counts: Counter[str] = Counter()
    for text in _read(_stdlib_files()):
        counts.update(_LOWER.findall(text))
    words = {w for w, n in counts.items() if n >= 2}
    for text in _read(records):
        words.update(_LOWER.findall(text))
    lex = lexicon()
    proper = {w for key in lex.names for w in key.split() if lex.names[key].kind != "group"}
    return sorted(w for w in words if w not in proper or w in lex.common)


def is_ordinary(word: str, known: frozenset[str]) -> bool:
    """A folded word is ordinary English when listed, or a listed word with a usual ending, or a
    compound of ordinary parts ('anti-aircraft', 'surface-to-air')."""
    if word in known:
        return True
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is", "os")):
        return True  # a plural ('pilots'): names in capitals seldom end so, and titles protect surnames
    if "-" in word:
        return all(len(p) <= 2 or is_ordinary(p, known) for p in word.split("-") if p)
    for end in _ENDINGS:
        stem = word[: -len(end)]
        if word.endswith(end) and len(stem) >= 3 and (stem in known or stem + "e" in known
                                                      or stem + "y" in known or stem[:-1] in known):
            return True
    return False


_BRACKET = re.compile(r"\[[^\]\n]*\]")


def extend(known: Iterable[str], records: Iterable[Path], min_records: int = 3) -> list[str]:
    """The known words and those written in lower case in at least ``min_records`` of the given
    mixed-case records, outside the translator's brackets (words of other languages): five letters
    or more (short words are often syllables of names too: 'NGÔ MINH LOAN'), and no word the lexicon
    has as a name, a title, a head or a person's name (a word that may be part of a name in capitals
    stays out: 'DIRECTOR-GENERAL NAKAE')."""
    lex = lexicon()
    docs: Counter[str] = Counter()
    for text in _read(records):
        docs.update(set(_LOWER.findall(_BRACKET.sub(" ", text))))
    proper = {w for key in lex.names for w in key.split() if lex.names[key].kind != "group"}
    barred = lex.surnames | lex.given | lex.titles | lex.title_mods | set(lex.heads)
    added = {w for w, n in docs.items() if n >= min_records and len(w) >= 5 and w.isascii()
             and (w not in proper or w in lex.common) and w not in barred and w.rstrip("s") not in lex.heads}
    return sorted(set(known) | added)


def main(argv: list[str]) -> int:
    """``wordlist RECORD...`` derives the list anew; ``wordlist --add RECORD...`` adds to the list
    the words of more records (the evaluation sets that are no longer blind)."""
    out = DIR / "english.txt"
    head = "# Ordinary English words (see wordlist.py); generated, do not edit by hand.\n"
    if argv[:1] == ["--add"]:
        known = [w for w in out.read_text(encoding="utf-8").splitlines() if w and not w.startswith("#")]
        words = extend(known, [Path(a) for a in argv[1:]])
    else:
        words = derive([Path(a) for a in argv])
    out.write_text(head + "\n".join(words) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
