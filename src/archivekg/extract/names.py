"""Name candidates: runs of capitalised words, read by their structure.

A run is split into tokens (words, initials, bracketed translator notes, connectors). Its kind
comes from what the words are: a title before a name makes a person; a head word ("Ministry",
"County") makes a group or a place; the lexicon knows countries, cities, leaders; an adjective of
a country before "side"/"government" names the state. Runs with no such evidence are left
without a kind for ``resolve`` to decide from the rest of the record and the context.
"""
from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass, field
from functools import lru_cache

from .lexicon import Known, fold, lexicon, words
from .text import LETTER, UPPER

_U, _L = UPPER, LETTER
# (letters and digits in one run, which the regex engine matches fast, between apostrophes and hyphens)
# (an initial the translator completes in brackets is the word: 'W[ładysław]', 'K[ozłowski]')
WORD = (rf"[{_U}](?:\[(?![Ss]ic\])[^\W\dA-ZÀ-Þ][{_L}]*\](?![{_L}\[]))?[{_L}0-9]*(?:['’-](?=[{_L}])[{_L}0-9]*)*"
        rf"(?:(?<=s)['’](?= [{_U}]))?")
# Initials, with the digraphs of transliterated Russian, Greek and Albanian ('Yu. V. Andropov', 'Th. Dhima').
_INIT = rf"(?:Yu|Ya|Ye|Yo|Zh|Kh|Ch|Sh|Ts|Th|Dh|Gj|[{_U}])\.(?:-?[{_U}]\.)*"
_ABBR = (r"(?:Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Capt|Maj|Adm|Sen|Prof|Gov|Messrs|Mme|Jr|Sr|Tov|Msgr|Mgr|Insp|Lic|Mons|Ing|"
         r"Hon|Sgt|Brig|Cdr)\.")
_BRK = (rf"\[(?:[Ss]ic|{_INIT}(?: ?{_INIT})*|"
        rf"{WORD}(?:(?: | (?:of|the|and|de|al|von|van|der|den|du|da|di|del|y) ){WORD})*)\]")
# An Arabic (or Persian) name's article or kinship word joined to the next word by a hyphen, inside a
# name: 'Akram al-Hourani', 'Shatt al-Arab', 'Sharm el-Sheikh', 'Abd ul-Aziz'.
_JOINED = rf"(?:al|el|ad|ud|ul|an|ar|as|ash|at|az|ibn|bin|abd|abu)-{WORD}"
UNIT = re.compile(rf"{_ABBR}|{_INIT}|{WORD}|{_BRK}|(?<= ){_JOINED}")
# The look-ahead at the first letter lets the regex engine skip other positions fast.
ATOM = re.compile(rf"(?=[{_U}\[])(?<![{_L}0-9'’\-.\]])(?:{_ABBR}|{_INIT}|{WORD}|{_BRK})"
                  rf"(?: (?:{_ABBR}|{_INIT}|{WORD}|{_BRK}|{_JOINED}))*")

# Connectors that may join two runs into one name; which ones do is decided by the words.
OF_IN = ("of the", "of", "in the", "in", "for the", "for", "on the", "on")
PARTICLES = ("de", "da", "do", "dos", "das", "del", "della", "di", "du", "des", "van", "von", "der",
             "den", "la", "le", "al", "el", "bin", "ibn", "y", "e", "los", "las")
_PARTICLE = "|".join(sorted(PARTICLES, key=len, reverse=True))
# (particles may come two together: 'J. H. van der Veen', 'Antonio de la Cruz')
# German, English, Arabic and Slavic links inside place names: 'Neusiedl am See', 'Halle an der Saale',
# 'Newcastle upon Tyne'.
TOPONYM_LINKS = ("am", "an der", "ob der", "upon", "es", "nad", "pod")  # ('Dar es Salaam', 'Žiar nad Hronom')
_GAP = re.compile(r" (" + "|".join(sorted((*OF_IN, "and", "with", "with the", *TOPONYM_LINKS), key=len, reverse=True))
                  + rf"|(?:{_PARTICLE}) (?:{_PARTICLE})|{_PARTICLE}) ")

# Hyphenated suffixes that are English, not part of a name ("Kazakh-language").
HYPHEN_WORDS = frozenset(
    "language languages speaking born based led owned controlled dominated occupied backed sponsored "
    "held style type like minded made era period wide run affiliated leaning related oriented friendly "
    "inspired supported influenced level class national nationals americans sponsored trained built "
    "made bound Soviet".lower().split())

# Endings of Slavic patronymics ('Sergeyevich', 'Stepanovych', 'Dmytrivna', 'Ivanovna').
PATRONYMIC_ENDINGS = ("ich", "ych", "ovna", "evna", "ivna", "ichna")

# Heads after a country's adjective that name the state itself ("the Soviet side").
STATE_HEADS = frozenset(words(
"side sides government governments authorities leadership regime state"))
ARTICLES = frozenset(words(
"the a an this that these those our their his her its my your"))


@dataclass(slots=True)
class Tok:
    text: str
    start: int
    end: int
    typ: str  # word | init | abbr | brk | sic | conn
    f: str = field(init=False, repr=False)  # the folded text, for lexicon look-ups

    def __post_init__(self) -> None:
        self.f = fold(self.text.strip("[]"))


@dataclass(slots=True)
class Cand:
    """A name found in the view text, with what the words say it is (kind None: undecided)."""

    kind: str | None
    name: str
    start: int
    end: int
    rule: str
    confidence: float = 0.7
    subtype: str | None = None
    variants: list[str] = field(default_factory=list)
    uncertain: bool = False
    pseudonyms: list[str] = field(default_factory=list)
    titled: bool = False
    nested: bool = False
    hint: str | None = None  # the kind to take when the context says nothing else
    known: Known | None = None


def tokens(text: str, base: int) -> list[Tok]:
    out = []
    found = list(UNIT.finditer(text))
    for k, m in enumerate(found):
        s = m.group()
        if s.endswith(("'s", "’s")) and (k == len(found) - 1 or not found[k + 1].group()[0].isupper()
                                      or s.lower() not in ("people's", "people’s")):
            # 'Kim Il Sung's', 'Comrade Kádár's': the name without the possessive ending; the run
            # ends there unless the word is part of a name ('People's Republic').
            out.append(Tok(s[:-2], base + m.start(), base + m.end() - 2, "word"))
            break
        if s.startswith("["):
            typ = "sic" if s[1:-1].lower() == "sic" else "brk"
        elif "[" in s:  # a completed initial: the word as completed, its span as written
            out.append(Tok(s.replace("[", "").replace("]", ""), base + m.start(), base + m.end(), "word"))
            continue
        elif s.endswith(".") and len(s) <= 5 and s[0].isupper() and s[:-1].isalpha() and len(s) > 2:
            typ = "abbr"
        elif s.endswith("."):
            typ = "init"
        else:
            typ = "word"
        out.append(Tok(s, base + m.start(), base + m.end(), typ))
    return out


def _cut_hyphen(tok: Tok) -> Tok:
    """'Kazakh-language' -> 'Kazakh'."""
    if tok.typ != "word" or "-" not in tok.text:
        return tok
    parts = tok.text.split("-")
    pos = len(parts[0])
    for p in parts[1:]:
        if p.islower() and (p in HYPHEN_WORDS or (len(p) > 4 and p in lexicon().common)):
            return Tok(tok.text[:pos], tok.start, tok.start + pos, "word")
        pos += 1 + len(p)
    return tok


def is_title(tok: Tok) -> bool:
    if tok.typ == "abbr":
        return tok.f in lexicon().titles
    return tok.typ == "word" and _title_word(tok.f)


@lru_cache(maxsize=16384)
def _title_word(f: str) -> bool:
    lex = lexicon()
    if f in lex.titles:
        return True
    parts = f.split("-")
    return len(parts) > 1 and parts[-1] in lex.titles and all(p in lex.titles or p in lex.title_mods
                                                             for p in parts)


def is_mod(tok: Tok) -> bool:
    lex = lexicon()
    return tok.typ == "word" and (tok.f in lex.title_mods or tok.f in lex.demonyms)


# A company's legal form after its name ('Petróleo Brasileiro S.A.', 'Fiat S.p.A.'): its head.
_LEGAL_FORMS = frozenset({"s.a.", "s.p.a.", "n.v.", "a.g.", "s.a.r.l."})


def head_of(tok: Tok) -> tuple[str, str] | None:
    if tok.typ != "word":
        return lexicon().heads.get(tok.f) if tok.typ == "init" and tok.f in _LEGAL_FORMS else None
    return lexicon().heads.get(tok.f)


def is_generic(tok: Tok) -> bool:
    """Words that do not make a name specific: heads, title words, articles, ordinals."""
    return tok.typ == "conn" or head_of(tok) is not None or is_title(tok) or _generic_word(tok.f)


@lru_cache(maxsize=16384)
def _generic_word(f: str) -> bool:
    return f in lexicon().title_mods or f in ARTICLES or f in ("first", "second", "third", "fourth", "fifth",
                                                                "new", "old")


def render(toks: list[Tok]) -> tuple[str, list[str], bool]:
    """Label, translator variants and [sic] flag of a place or group name written with brackets.

    A bracket right after a word is a variant of it ('Tacheng [Qoqek]', 'Aketao [Akto] County'),
    or of the whole name when it is itself a full name with a head word; a bracket at the start or
    after a connector is an insertion whose words belong to the name."""
    if len(toks) == 1 and toks[0].typ == "word":  # one plain word: the name itself
        return toks[0].text, [], False
    words: list[str] = []
    alt: list[list[str]] = []
    variants: list[str] = []
    sic = False
    prev_word = False
    for i, t in enumerate(toks):
        if t.typ == "sic":
            sic = True
            continue
        if t.typ == "brk":
            content = t.text[1:-1]
            if prev_word:
                inner = tokens(content, 0)
                if len(inner) > 1 and any(head_of(x) for x in inner) and i == len(toks) - 1:
                    variants.append(content)
                elif alt:
                    alt[-1] = [content]
                    variants.append(content)
                prev_word = False
                continue
            words.append(content)
            alt.append([content])
            prev_word = True
            continue
        words.append(t.text)
        alt.append([t.text])
        prev_word = t.typ != "conn"
    label = " ".join(words)
    sub = " ".join([a[0] for a in alt])
    if sub != label and sub not in variants:
        variants.insert(0, sub)
    return label, variants, sic


def strip_leading(toks: list[Tok], starts: frozenset[int], lower_vocab: Container[str],
                  months: Container[int] = ()) -> list[Tok]:
    """Drop capitalised ordinary words that open a sentence or heading ('According', 'The'), and a
    month that ends a date before a name ('At the end of August Red Guards ...': ``months``)."""
    lex = lexicon()
    while toks:
        t = toks[0]
        if t.typ == "conn" or t.start in months:
            toks = toks[1:]
            continue
        if t.typ not in ("word", "brk"):
            break
        f = t.f
        if f in ARTICLES or (t.typ == "brk" and f in lex.common):
            toks = toks[1:]
            continue
        # an ordinary word opening a sentence, or alone, that is no name and modifies no head
        if (t.start in starts or len(toks) == 1) and (f in lex.common or f in lower_vocab) \
                and not (f in lex.names or f in lex.demonyms or f in lex.ethnonyms or f in lex.peoples
                         or is_title(t) or head_of(t) is not None or f in lex.given) \
                and not (len(toks) > 1 and (head_of(toks[1]) is not None or f in lex.title_mods)):
            toks = toks[1:]
            continue
        break
    while toks and toks[-1].typ == "conn":
        toks = toks[:-1]
    return toks
