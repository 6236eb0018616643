"""A long alternation of named patterns, tried only with the alternatives that can open with the
character at hand.

The regex engine tries every alternative of ``A|B|C`` in turn at a position, even those that cannot
match the first character there. ``Alternatives`` reads each alternative once (with the parser of
``re``) to tell which characters it may open with, and matches at a position with a regex made of
the alternatives that fit the character there, in their order: the match is the one the whole
alternation would give, group names included.
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


def _opens(items: Any, c: str) -> tuple[bool, bool]:
    """Whether the parsed pattern may match a text that opens with c, and (when it may not) whether
    it may match the empty string, so that what follows it decides. When in doubt: it may."""
    for op, av in items:
        if op is sre.LITERAL:
            may, empty = chr(av) == c, False
        elif op is sre.NOT_LITERAL:
            may, empty = chr(av) != c, False
        elif op is sre.IN:
            may, empty = _in_set(av, c), False
        elif op in _ZERO_WIDTH:
            may, empty = False, True  # a look-around or boundary only narrows what matches
        elif op is sre.SUBPATTERN and not av[1] & sre.SRE_FLAG_IGNORECASE:
            may, empty = _opens(av[3], c)
        elif op is sre.BRANCH:
            found = [_opens(branch, c) for branch in av[1]]
            may, empty = any(m for m, _ in found), any(e for _, e in found)
        elif op in _REPEATS:
            may, empty = _opens(av[2], c)
            empty = empty or av[0] == 0
        else:
            return True, True
        if may:
            return True, False
        if not empty:
            return False, False
    return False, True


class Alternatives:
    """``re.compile(prefix + "(?:(?P<name1>rx1)|(?P<name2>rx2)|...)")``, matched alternative by
    alternative only where the first character allows."""

    def __init__(self, prefix: str, alternatives: list[tuple[str, str]]) -> None:
        self.prefix = prefix
        self.alternatives = alternatives
        self._parsed = [(name, _parser.parse(rx).data) for name, rx in alternatives]
        self._by_char: dict[str, re.Pattern[str] | None] = {}
        self._by_names: dict[tuple[str, ...], re.Pattern[str]] = {}

    def match(self, text: str, pos: int) -> re.Match[str] | None:
        c = text[pos:pos + 1]
        if c not in self._by_char:
            names = tuple(name for name, items in self._parsed if c and _opens(items, c)[0])
            self._by_char[c] = self._compiled(names) if names else None
        rx = self._by_char[c]
        return rx.match(text, pos) if rx is not None else None

    def _compiled(self, names: tuple[str, ...]) -> re.Pattern[str]:
        if names not in self._by_names:
            rx = dict(self.alternatives)
            self._by_names[names] = re.compile(
                self.prefix + "(?:" + "|".join(f"(?P<{name}>{rx[name]})" for name in names) + ")")
        return self._by_names[names]
