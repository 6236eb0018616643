"""A working view of the record text: wrapped lines joined, bullets blanked, capitals recased.

Rules run on ``View.text``; every offset they find is mapped back to ``Document.text`` with
``View.span`` so that a mention is always a verbatim slice of the record.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import ClassVar

from ..records import Span
from .lexicon import words

_LAST_WORD = re.compile(r"(\w+)\W*$")

# Letters by case, for regexes (Python's re has no \p{Lu}).
_RANGES = (*range(0x41, 0x250), *range(0x1E00, 0x1F00))
UPPER = "".join(chr(c) for c in _RANGES if chr(c).isupper() and chr(c).isalpha())
LOWER = "".join(chr(c) for c in _RANGES if chr(c).islower() and chr(c).isalpha())
LETTER = UPPER + LOWER

# Runs of layout: spaces, tabs, page-break squares, bullets, non-breaking spaces, newlines.
# Only runs that change: with a line break, longer than one space, or other than a plain space.
# The pattern opens with the character class of its first character so that the regex engine skips
# the other characters fast; what follows depends on that character (a line break, a run of blanks
# before one, a run of blanks, one blank other than a space).
_OTHER_BLANKS = r"\t\u00a0\u25a1\u25a0\u2022\u3000"  # blanks other than a space
_BLANKS = " " + _OTHER_BLANKS
_LAYOUT = re.compile(rf"[{_BLANKS}\n](?:(?<=\n)[{_BLANKS}\n]*|[{_BLANKS}]*\n[{_BLANKS}\n]*|[{_BLANKS}]+"
                     rf"|(?<=[{_OTHER_BLANKS}]))")
_TERMINAL = set('.:;!?"”)')


@dataclass(frozen=True)
class View:
    """``text`` is derived from ``source``; segment i starts at view offset ``vs[i]``, which is
    source offset ``os[i]``, and runs on one-to-one until the next segment."""

    source: str
    text: str
    vs: tuple[int, ...]
    os: tuple[int, ...]
    # spans asked for so far: entities and items ask for the same ones
    _spans: dict[tuple[int, int], Span] = field(default_factory=dict, init=False, repr=False, compare=False)

    def orig(self, i: int) -> int:
        k = bisect.bisect_right(self.vs, i) - 1
        return self.os[k] + (i - self.vs[k])

    def view_pos(self, o: int) -> int:
        """The view offset of source offset o (the start of a collapsed run maps to its start)."""
        k = bisect.bisect_right(self.os, o) - 1
        return self.vs[k] + min(o - self.os[k], (self.vs[k + 1] - self.vs[k]) if k + 1 < len(self.vs) else o)

    def span(self, start: int, end: int) -> Span:
        """The source span of view text[start:end] (start < end)."""
        span = self._spans.get((start, end))
        if span is None:
            span = self._spans[start, end] = Span(self.orig(start), self.orig(end - 1) + 1)
        return span

    def quote(self, start: int, end: int) -> tuple[str, Span]:
        s = self.span(start, end)
        return self.source[s.start:s.end], s


def _open_bracket(text: str, pos: int) -> bool:
    """Whether a '[' or '(' opened earlier in the paragraph is still open at pos."""
    para = text.rfind("\n\n", max(0, pos - 2000), pos)  # brackets do not span pages of text
    chunk = text[para + 1 if para >= 0 else max(0, pos - 2000):pos]
    return chunk.count("[") > chunk.count("]") or chunk.count("(") > chunk.count(")")


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


# A line that opens with a speaker's name and a colon: a turn of a record of conversation.
_SPEAKER_LINE = re.compile(r"(?:[A-Z][\w.'’-]* ){0,3}[A-Z][\w.'’-]*: ")
_DATE_LINE_END = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)? [A-Z][a-z]{2,8}\.?$|\b(?:1[89]|20)\d\d$")


def _joins(text: str, start: int, end: int) -> bool:
    """Whether the line break in text[start:end] cuts one sentence (a page break inside a name or
    a clause): the next line goes on in lower case, or a bracket is still open, or the line stops
    on a word with no punctuation and the next line is prose whose first word is no ordinary word."""
    from .lexicon import fold, lexicon

    nxt = text[end] if end < len(text) else ""
    prev = text[start - 1] if start else ""
    if not nxt or not prev:
        return False
    if nxt.islower():
        return True
    if _open_bracket(text, start):
        return True
    if prev == "]" and re.search(r"(?<![\w\[])[A-Z]\[[a-z\u00e0-\u024f]+\]$", text[max(0, start - 30):start]) \
            and nxt.isupper():
        return True  # 'Comrade J[ózef]' at a page break: his surname follows
    if not (prev.isalpha() and nxt.isupper()):
        return False
    line_end = text.find("\n", end)
    next_line = text[end:line_end if line_end >= 0 else len(text)]
    first = re.match(r"[\w'’-]+", next_line)
    if not first or fold(first.group()) in lexicon().common or _SPEAKER_LINE.match(next_line):
        return False  # ('Premier Zhou: ...' opens a turn of a conversation)
    prev_line = text[_line_start(text, start):start]
    if _DATE_LINE_END.search(prev_line):
        return False  # a dated heading ('Tues. 9 May', 'Vientiane, 13 May 1961') opens an entry
    return (len(next_line) >= 60 and next_line.rstrip()[-1:] in ".!?:;,\"”)" and len(prev_line.split()) >= 3
            and not prev_line.lstrip().startswith(("To:", "From:", "Subject:", "Re:")))


def build_view(source: str, recase: Callable[[str], str] | None = None) -> View:
    """Collapse layout runs (one space, a line break, or a paragraph break) and keep an offset map."""
    parts: list[str] = []
    vs: list[int] = [0]
    os: list[int] = [0]
    pos = 0
    vlen = 0
    for m in _LAYOUT.finditer(source):
        s, e = m.span()
        run = m.group()
        n = run.count("\n")
        if n == 0 or _joins(source, s, e):
            rep = " "
        else:
            rep = "\n\n" if n >= 2 else "\n"
        if s == 0 or e == len(source):
            rep = "\n" if n else " "
        if rep == run:
            continue
        parts.append(source[pos:s])
        vlen += s - pos
        parts.append(rep)
        vs.append(vlen)
        os.append(s)
        vlen += len(rep)
        vs.append(vlen)
        os.append(e)
        pos = e
    parts.append(source[pos:])
    text = "".join(parts)
    if recase is not None:
        text = recase(text)
    return View(source, text, tuple(vs), tuple(os))


# Sentence boundaries: terminal punctuation (with closing quotes/brackets) then space and a
# capital, a digit, an opening quote or bracket; or any line break.
# (written to open with the class of its first character, which the regex engine scans for fast)
_BOUNDARY = re.compile(r"[.!?\n](?:(?<=\n)\n*|[\"”’)\]]*(?:\[\d+\])?( +)(?=[\"“(\[]?[" + UPPER + r"0-9]))")
_ABBREV = frozenset(words(
"mr mrs ms dr st gen lt col capt maj adm sen rep prof gov pres no nos vol art para pp p ca cf vs "
    "messrs jr sr fr rev hon esq amb tov gens sgt cpl brig cmdr corp inc ltd co dept univ jan feb mar msgr mgr insp "
    "apr aug sep sept oct nov dec op cit ibid f d l ll"))


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of the view text, stripped of surrounding space."""
    return list(_sentences(text))


@lru_cache(maxsize=4)  # the stage asks twice for the sentences of the same text
def _sentences(text: str) -> tuple[tuple[int, int], ...]:
    out: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.group().startswith(("\n",)):
            cut = m.start()
            nxt = m.end()
        else:
            word = _LAST_WORD.search(text[max(0, m.start() - 12):m.start() + 1])
            w = word.group(1) if word else ""
            if w.lower() in _ABBREV or (len(w) == 1 and w.isupper()):
                continue
            cut = m.start(1)
            nxt = m.end()
        if cut > start:
            out.append((start, cut))
        start = nxt
    if start < len(text):
        out.append((start, len(text)))
    return tuple((s, e) for s, e in (_strip(text, s, e) for s, e in out) if e > s)


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def lines(text: str) -> Iterator[tuple[int, int]]:
    pos = 0
    for m in re.finditer(r"\n", text):
        yield pos, m.start()
        pos = m.end()
    yield pos, len(text)


def alternation(words: list[str]) -> str:
    """The words as a regex alternation, grouped by first character (the regex engine skips a whole
    group at its first character); within a group the words keep their order, so the same word
    matches as with the plain alternation."""
    rest: dict[str, list[str]] = {}
    for w in words:
        rest.setdefault(w[0], []).append(re.escape(w[1:]))
    return "|".join(f"{re.escape(c)}(?:{'|'.join(r)})" for c, r in sorted(rest.items()))


def occurrences(text: str, literals: Iterable[str]) -> list[int]:
    """The offsets where any of the literals occurs in the text, in order (str.find is much faster than
    a regex scan)."""
    out: set[int] = set()
    for lit in literals:
        i = text.find(lit)
        while i >= 0:
            out.add(i)
            i = text.find(lit, i + 1)
    return sorted(out)


def matches_at(rx: re.Pattern[str], text: str, starts: Iterable[int]) -> list[re.Match[str]]:
    """The matches ``rx.finditer(text)`` gives, for a pattern that can only match (a non-empty text) at
    the given offsets (in order): the pattern is only tried there."""
    out: list[re.Match[str]] = []
    end = 0
    for pos in starts:
        if pos >= end:
            m = rx.match(text, pos)
            if m:
                out.append(m)
                end = m.end()
    return out


class Triggers:
    """Where a costly pattern may match in lower-cased text: runs of digits (unless ``numbers`` is
    false), and words that open with a trigger word (the longest one that fits, and is followed by
    what the look-ahead ``then`` asks for). The words of every set of triggers are found in one scan
    of the text (dates, quantities and names scan the same text)."""

    _sets: ClassVar[list[tuple[list[str], bool, str]]] = []

    def __init__(self, triggers: frozenset[str], *, numbers: bool = True, then: str = "") -> None:
        self.index = len(Triggers._sets)
        Triggers._sets.append((sorted(triggers, key=len, reverse=True), numbers, then))
        _trigger_scan.cache_clear()
        _trigger_spans.cache_clear()

    def spans(self, low: str) -> tuple[tuple[int, int], ...]:
        """(start, end) of each number and trigger word, in text order."""
        return _trigger_spans(low)[self.index]


@lru_cache(maxsize=1)
def _trigger_scan() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The scan for the words of every set (group 1: a number; group 2 on: the trigger word of each set
    that opens the text there), and the same at the start of the text (group 1 never taken)."""
    sets = Triggers._sets
    any_word = alternation(sorted({w for words, _, _ in sets for w in words}, key=len, reverse=True))
    each = "".join(f"(?:(?=({alternation(words)}){then})|)" for words, _, then in sets)
    # The scan stops only at digits and at characters that are no part of a word (the engine skips
    # the other characters fast, which it cannot do for a pattern that opens with a look-around):
    # a digit opens a number, a non-word character may stand before a trigger word.
    return (re.compile(rf"[\W\d](?:(?<=\d)(\d*)|(?=(?:{any_word})){each})"),
            re.compile(rf"(?:(?!)())?(?=(?:{any_word})){each}"))


@lru_cache(maxsize=4)  # dates, quantities and names ask for the same text
def _trigger_spans(low: str) -> tuple[tuple[tuple[int, int], ...], ...]:
    rx, opening = _trigger_scan()
    out: list[list[tuple[int, int]]] = [[] for _ in Triggers._sets]
    for m in [opening.match(low), *rx.finditer(low)]:
        if m is None:
            continue
        if m.start(1) >= 0:  # a number
            for (_, numbers, _), spans in zip(Triggers._sets, out, strict=True):
                if numbers:
                    spans.append(m.span())
            continue
        for k, spans in enumerate(out, 2):
            if m.start(k) >= 0:
                spans.append(m.span(k))
    return tuple(tuple(spans) for spans in out)


def windows(spans: Iterable[tuple[int, int]], n: int, before: int, after: int) -> list[tuple[int, int]]:
    """Merged stretches of a text of length n around the spans of trigger words: a costly pattern
    need only be tried there."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        a, b = max(0, s - before), min(n, e + after)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


@lru_cache(maxsize=4)  # dates and quantities both lower the same text
def lower_same_length(text: str) -> str:
    """The text in lower case, letter for letter (a few letters would lengthen; they stay)."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return low
