"""Reading a curation file: YAML that keeps line numbers, and checks that name the place.

Every problem raises :class:`CurationError` with the file, the 1-based line and the key, and a
message a historian can act on. Quotations are located in the record text with :func:`find_all`.
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any, NoReturn

import yaml

from .errors import CurationError
from .model.limits import publishable
from .records import Document, Mention, Method, Span
from .vocab import slug

ENTITY_KINDS = ("person", "place", "group", "cohort")
QUALIFIERS = ("approximate", "incomplete-statistics", "unverified", "details-unknown", "reported",
              "telephone-report")
# Keys a draft carries for the curator's information; accepted and ignored.
DRAFT_KEYS = ("method", "confidence", "passage")

ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
QID = re.compile(r"^Q[1-9][0-9]*$")
PROPERTY = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


# --- text search -----------------------------------------------------------------------------

@lru_cache(maxsize=4096)
def _pattern(needle: str) -> re.Pattern[str]:
    # Any run of whitespace matches any other (quotes cross line and page breaks); a needle that
    # starts or ends with a letter or digit must not start or end inside a word.
    body = r"\s+".join(re.escape(part) for part in needle.split())
    if re.match(r"\w", needle[0]):
        body = r"(?<!\w)" + body
    if re.match(r"\w", needle[-1]):
        body += r"(?!\w)"
    return re.compile(body)


def find_all(text: str, needle: str) -> list[Span]:
    """Every place ``needle`` stands in ``text`` as whole words, whitespace folded."""
    needle = needle.strip()
    if not needle:
        return []
    return [Span(m.start(), m.end()) for m in _pattern(needle).finditer(text)]


# --- YAML with line numbers -------------------------------------------------------------------

class Map(dict[str, Any]):
    """A YAML mapping that remembers its own line and the line of each key."""

    line = 0
    lines: dict[str, int]


class Seq(list[Any]):
    """A YAML list that remembers its own line and the line of each item."""

    line = 0
    lines: list[int]


class _Loader(yaml.SafeLoader):
    path = ""


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> Map:
    loader.flatten_mapping(node)
    result = Map()
    result.line, result.lines = node.start_mark.line + 1, {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if not isinstance(key, str):
            raise CurationError(f"the key {key!r} must be a word such as 'label'", path=loader.path,
                                line=line)
        if key in result:
            raise CurationError(f"the key '{key}' appears twice in the same entry (first on line "
                                f"{result.lines[key]})", path=loader.path, line=line, field=key)
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = line
    return result


def _construct_seq(loader: _Loader, node: yaml.SequenceNode) -> Seq:
    result = Seq(loader.construct_object(child, deep=True) for child in node.value)
    result.line, result.lines = node.start_mark.line + 1, [c.start_mark.line + 1 for c in node.value]
    return result


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)
# Dates stay text: the checker validates them and reports a bad one with its line.
_Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: str(node.value))


_YAML_WORDS = {
    "while parsing a flow sequence": "in the [...] list",
    "while parsing a flow mapping": "in the {...} entry",
    "while parsing a block mapping": "in the entry",
    "while parsing a block collection": "in the list",
    "while scanning a quoted scalar": "in the quoted text",
    "while scanning a simple key": "in the key",
}


def _deepest_line(text: str, limit: int = 100) -> int | None:
    """The line on which brackets first nest deeper than ``limit`` (quotes are not followed)."""
    depth = 0
    for n, line in enumerate(text.split("\n"), 1):
        for c in line:
            depth += (c in "[{") - (c in "]}")
            if depth > limit:
                return n
    return None


def parse_yaml(text: str, path: str) -> Any:
    deep = _deepest_line(text)
    if deep is not None:  # refused before the parser recurses into it
        raise CurationError("not valid YAML: lists or mappings nested too deeply", path=path, line=deep)
    loader = _Loader(text)
    loader.path = path
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = f"not valid YAML: {exc.problem or exc.context}"
        if mark and exc.problem and exc.context and exc.context_mark and exc.context_mark.line != mark.line:
            # Name the opening line too: an unclosed bracket is noticed only later.
            what = _YAML_WORDS.get(exc.context, exc.context)
            message += f" ({what} that starts on line {exc.context_mark.line + 1})"
        raise CurationError(message, path=path, line=mark.line + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise CurationError(f"not valid YAML: {exc}", path=path) from None
    except RecursionError:
        raise CurationError("not valid YAML: lists or mappings nested too deeply", path=path,
                            line=_deepest_line(text)) from None
    finally:
        loader.dispose()


# --- checking values --------------------------------------------------------------------------

def describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{short(value)}'"
    return "a list" if isinstance(value, list) else "a mapping"


def short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class _Ref:
    target: str
    wanted: str  # entity | place | date | quantity | subject (an entity or an event)
    owner: str
    field: str
    line: int


class Checker:
    """Reads one parsed file; ``fail`` raises the first problem with its place."""

    def __init__(self, path: str, doc: Document) -> None:
        self.path, self.doc = path, doc
        self.method = Method("curation", path)
        self.ids: dict[str, tuple[str, int]] = {}  # id -> (entity kind or section word, line)
        self.refs: list[_Ref] = []

    def fail(self, message: str, line: int | None, field: str | None = None) -> NoReturn:
        raise CurationError(message, path=self.path, line=line, field=field)

    def keys(self, m: Map, allowed: tuple[str, ...], what: str) -> None:
        for key in m:
            if key not in allowed and key not in DRAFT_KEYS:
                close = difflib.get_close_matches(key, allowed, n=1)
                guess = f" (did you mean '{close[0]}'?)" if close else ""
                self.fail(f"unknown key '{key}' in {what}{guess}; allowed keys: {', '.join(allowed)}",
                          m.lines[key], key)

    def value(self, m: Map, key: str, what: str, expected: str, ok: Callable[[Any], bool],
              required: bool = False) -> Any:
        if key not in m or m[key] is None:
            if required:
                self.fail(f"{what} has no '{key}'", m.lines.get(key, m.line), key)
            return None
        if not ok(m[key]):
            self.fail(f"'{key}' of {what} must be {expected}, not {describe(m[key])}", m.lines[key], key)
        return m[key]

    def text(self, m: Map, key: str, what: str, required: bool = False) -> str | None:
        value = self.value(m, key, what, "text", lambda v: isinstance(v, str) and v.strip() != "",
                           required)
        return value.strip() if value is not None else None

    def flag(self, m: Map, key: str, what: str) -> bool:
        return bool(self.value(m, key, what, "true or false", lambda v: isinstance(v, bool)))

    def number(self, m: Map, key: str, what: str) -> Decimal | None:
        value = self.value(m, key, what, "a number",
                           lambda v: isinstance(v, (int, float)) and not isinstance(v, bool))
        if value is None:
            return None
        try:
            number = Decimal(str(value))
        except ValueError:  # an integer too long to write out
            number = Decimal("Infinity")
        if not publishable(number):
            self.fail(f"'{key}' of {what} must be a finite number below 1e20 with at most 18 decimals, "
                      f"not {short(str(value))}", m.lines[key], key)
        return number

    def occurrence(self, m: Map, what: str) -> int:
        value = self.value(m, "occurrence", what, "a whole number of 1 or more",
                           lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 1)
        return value or 1

    def texts(self, m: Map, key: str, what: str) -> tuple[str, ...]:
        items = self.value(m, key, what, "a list of texts",
                           lambda v: isinstance(v, list) and all(isinstance(x, str) and x.strip() for x in v))
        return tuple(x.strip() for x in items or ())

    def choice(self, m: Map, key: str, what: str, allowed: Iterable[str], required: bool = False,
               word: str = "") -> str | None:
        value = self.text(m, key, what, required)
        allowed = tuple(allowed)
        if value is not None and value not in allowed:
            self.fail(f"unknown {word or key} '{value}' for {what}; use one of: {', '.join(allowed)}",
                      m.lines[key], key)
        return value

    def qualifiers(self, m: Map, what: str) -> tuple[str, ...]:
        values = self.texts(m, "qualifiers", what)
        for value in values:
            if value not in QUALIFIERS:
                self.fail(f"unknown qualifier '{value}' for {what}; use one of: {', '.join(QUALIFIERS)}",
                          m.lines["qualifiers"], "qualifiers")
        return values

    def declare(self, m: Map, section: str, index: int, kind: str | None = None) -> tuple[str, str]:
        """The entry's id (checked, recorded) and how messages name the entry."""
        where = f"{section} {index} (line {m.line})"
        ident = self.text(m, "id", where, required=True)
        assert ident is not None
        if not ID.match(ident):
            self.fail(f"'{ident}' is not a valid id for {where}; use lower-case letters, digits and "
                      f"hyphens, such as '{slug(ident)}'", m.lines["id"], "id")
        if ident in self.ids:
            self.fail(f"the id '{ident}' is declared twice (first on line {self.ids[ident][1]})",
                      m.lines["id"], "id")
        self.ids[ident] = (kind or section, m.lines["id"])
        return ident, f"{section} '{ident}'"

    def ref(self, m: Map, key: str, what: str, wanted: str) -> str | None:
        value = self.text(m, key, what)
        if value is not None:
            self.refs.append(_Ref(value, wanted, what, key, m.lines[key]))
        return value

    def refs_list(self, m: Map, key: str, what: str, wanted: str) -> tuple[str, ...]:
        values = self.texts(m, key, what)
        self.refs.extend(_Ref(v, wanted, what, key, m.lines[key]) for v in values)
        return values

    def locate(self, needle: str, occurrence: int, what: str, word: str, line: int, field: str) -> Mention:
        spans = find_all(self.doc.text, needle)
        if not spans:
            self.fail(f"{what}: the {word} \"{short(needle)}\" does not occur in the record text",
                      line, field)
        if occurrence > len(spans):
            times = "once" if len(spans) == 1 else f"{len(spans)} times"
            self.fail(f"{what}: the {word} \"{short(needle)}\" occurs only {times} in the record text, "
                      f"so occurrence {occurrence} does not exist", line, field)
        span = spans[occurrence - 1]
        return Mention(self.doc.text[span.start:span.end], span)

    def quote(self, m: Map, what: str, required: bool = False) -> Mention | None:
        quote = self.text(m, "quote", what, required)
        if quote is None:
            return None
        return self.locate(quote, self.occurrence(m, what), what, "quote", m.lines["quote"], "quote")

    def check_refs(self) -> None:
        for r in self.refs:
            kind = self.ids.get(r.target, (None, 0))[0]
            word = "entity or event" if r.wanted == "subject" else r.wanted
            if kind is None:
                self.fail(f"{r.owner} refers to '{r.target}' in '{r.field}', but no {word} with that id "
                          f"is declared", r.line, r.field)
            fits = {"entity": kind in ENTITY_KINDS, "place": kind == "place", "date": kind == "date",
                    "quantity": kind == "quantity", "subject": kind in (*ENTITY_KINDS, "event")}
            if not fits[r.wanted]:
                self.fail(f"{r.owner} refers to '{r.target}' in '{r.field}', but '{r.target}' is a "
                          f"{kind}, not a{'n' if word[0] in 'aeiou' else ''} {word}", r.line, r.field)

    def section(self, top: Map, key: str, singular: str) -> list[tuple[int, Map]]:
        items = top.get(key)
        if items is None:
            return []
        if not isinstance(items, Seq):
            self.fail(f"'{key}' must be a list of entries, each starting with '- ', not {describe(items)}",
                      top.lines[key], key)
        out = []
        for n, (item, line) in enumerate(zip(items, items.lines, strict=True), 1):
            if not isinstance(item, Map):
                self.fail(f"{singular} {n} in '{key}' must be a set of keys such as 'id:', not "
                          f"{describe(item)}", line, key)
            out.append((n, item))
        return out

