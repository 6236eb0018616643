"""A long alternation of named patterns, tried only with the alternatives that can open with the
characters at hand.

The regex engine tries every alternative of ``A|B|C`` in turn at a position, even those that cannot
match the first characters there. ``Alternatives`` reads each alternative once (with the parser of
``re``) to tell whether it may open with the two characters at a position, and matches there with a
regex made of the alternatives that fit, in their order: the match is the one the whole alternation
would give, group names included.
"""
from __future__ import annotations

import re
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

_CATEGORIES = {sre.CATEGORY_DIGIT: re.compile(r"\d"), sre.CATEGORY_NOT_DIGIT: re.compile(r"\D"),
               sre.CATEGORY_SPACE: re.compile(r"\s"), sre.CATEGORY_NOT_SPACE: re.compile(r"\S"),
               sre.CATEGORY_WORD: re.compile(r"\w"), sre.CATEGORY_NOT_WORD: re.compile(r"\W")}
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_PREFIX = 2  # characters looked at


def _in_set(items: list[tuple[Any, Any]], c: str) -> bool:
    hit, negate = False, False
    for op, av in items:
        if op is sre.NEGATE:
            negate = True
        elif op is sre.LITERAL:
            hit = hit or chr(av) == c
        elif op is sre.RANGE:
            hit = hit or av[0] <= ord(c) <= av[1]
        elif op is sre.CATEGORY and av in _CATEGORIES:
            hit = hit or bool(_CATEGORIES[av].match(c))
        else:
            return True  # not understood: it may
    return hit != negate


def _items(p: Any) -> tuple[Any, ...]:
    return tuple(p.data if hasattr(p, "data") else p)


def _may_open(seq: tuple[Any, ...], prefix: str, depth: int = 0) -> bool:
    """Whether the parsed items, in sequence, may match a text that opens with prefix (or with part of
    it, the match ending there). When in doubt: they may."""
    if not prefix or not seq:
        return True
    if depth > 40:
        return True
    (op, av), rest = seq[0], seq[1:]
    if op is sre.LITERAL:
        return chr(av) == prefix[0] and _may_open(rest, prefix[1:], depth)
    if op is sre.NOT_LITERAL:
        return chr(av) != prefix[0] and _may_open(rest, prefix[1:], depth)
    if op is sre.IN:
        return _in_set(av, prefix[0]) and _may_open(rest, prefix[1:], depth)
    if op in _ZERO_WIDTH:  # a look-around or boundary only narrows what matches
        return _may_open(rest, prefix, depth)
    if op is sre.SUBPATTERN and not av[1] & sre.SRE_FLAG_IGNORECASE:
        return _may_open(_items(av[3]) + rest, prefix, depth + 1)
    if op is sre.BRANCH:
        return any(_may_open(_items(branch) + rest, prefix, depth + 1) for branch in av[1])
    if op in _REPEATS:
        lo, hi, p = av
        if lo == 0 and _may_open(rest, prefix, depth + 1):
            return True  # no repetition (more)
        if hi == 0:
            return False
        again = (op, (max(lo - 1, 0), hi if hi == sre.MAXREPEAT else hi - 1, p))
        return _may_open((*_items(p), again, *rest), prefix, depth + 1)  # one repetition more
    return True


class Alternatives:
    """``re.compile(prefix + "(?:(?P<name1>rx1)|(?P<name2>rx2)|...)")``, matched alternative by
    alternative only where the first characters allow."""

    def __init__(self, prefix: str, alternatives: list[tuple[str, str]]) -> None:
        self.prefix = prefix
        self.alternatives = alternatives
        self._parsed = [(name, _items(_parser.parse(rx))) for name, rx in alternatives]
        self._by_first: dict[str, list[tuple[str, tuple[Any, ...]]]] = {}
        self._by_start: dict[str, re.Pattern[str] | None] = {}
        self._by_names: dict[tuple[str, ...], re.Pattern[str]] = {}

    def match(self, text: str, pos: int) -> re.Match[str] | None:
        start = text[pos:pos + _PREFIX]
        if start not in self._by_start:
            # the alternatives that may open with the first character, then those of them that may
            # open with both (a text has a few hundred pairs, each read once)
            first = start[:1]
            if first not in self._by_first:
                self._by_first[first] = [(n, items) for n, items in self._parsed if first and _may_open(items, first)]
            names = tuple(n for n, items in self._by_first[first] if _may_open(items, start))
            self._by_start[start] = self._compiled(names) if names else None
        rx = self._by_start[start]
        return rx.match(text, pos) if rx is not None else None

    def _compiled(self, names: tuple[str, ...]) -> re.Pattern[str]:
        if names not in self._by_names:
            rx = dict(self.alternatives)
            self._by_names[names] = re.compile(
                self.prefix + "(?:" + "|".join(f"(?P<{name}>{rx[name]})" for name in names) + ")")
        return self._by_names[names]
