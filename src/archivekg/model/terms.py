"""The triple builder every model function writes through.

Triples are kept as N-Triples lines: building a string is several times cheaper than building
term objects, the N-Quads dump is then plain text, and every other format is one native parse
away (pyoxigraph). The builder refuses blank nodes and malformed IRIs and hands triples out in
sorted order, so output bytes never depend on the order in which the model visited things.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from decimal import Decimal

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, RdfFormat, Triple, parse

from ..vocab import CRM_NS, RDF_NS, XSD_NS, crm_terms

XSD_DECIMAL = XSD_NS + "decimal"
XSD_DATE = XSD_NS + "date"
XSD_DATETIME = XSD_NS + "dateTime"
XSD_NNI = XSD_NS + "nonNegativeInteger"
XSD_GYEAR = XSD_NS + "gYear"
XSD_GYEARMONTH = XSD_NS + "gYearMonth"
RDF_TYPE = RDF_NS + "type"

# Characters RDF forbids in IRIs (plus controls); anything minted must be free of them.
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`]')
# Characters an RDF literal may not carry in XML-based or strict parsers.
_BAD_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_ESCAPE = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
# Anything _BAD_TEXT removes or _ESCAPE escapes (and tabs): most strings have none and skip both.
_PLAIN = re.compile(r'[\x00-\x1f\x7f\ud800-\udfff\ufffe\uffff"\\]')
_LANG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")


class Term(str):
    """An RDF term already written in N-Triples syntax (``<iri>`` or a literal)."""

    __slots__ = ()


_iri_cache: dict[str, Term] = {}


def iri(value: str) -> Term:
    term = _iri_cache.get(value)
    if term is None:
        if not value or _BAD_IRI.search(value) or ":" not in value:
            raise ValueError(f"not a valid IRI: {value!r}")
        term = Term(f"<{value}>")
        if len(_iri_cache) >= 200_000:
            # Most IRIs are one record's: start again rather than stop caching, which left every
            # record after the first few hundred checking each of its IRIs on every use.
            _iri_cache.clear()
        _iri_cache[value] = term
    return term


def _escaped(value: str) -> str:
    return _BAD_TEXT.sub("", value).translate(_ESCAPE) if _PLAIN.search(value) else value


def text(value: str, lang: str | None = None) -> Term:
    value = _escaped(value)
    if lang:
        if not _LANG.match(lang):
            raise ValueError(f"not a language tag: {lang!r}")
        return Term(f'"{value}"@{lang}')
    return Term(f'"{value}"')


def typed(value: str, datatype: str) -> Term:
    return Term(f'"{_escaped(value)}"^^{iri(datatype)}')


def decimal(value: Decimal | int | float) -> Term:
    d = Decimal(str(value))
    lexical = format(d.normalize(), "f") if d == d.to_integral_value() else format(d, "f")
    if "." in lexical:
        lexical = lexical.rstrip("0").rstrip(".") or "0"
    return typed(lexical, XSD_DECIMAL)


def nni(value: int) -> Term:
    return Term(f'"{int(value)}"^^{iri(XSD_NNI)}')  # digits need no escaping


Group = tuple[str, dict[str, list[str]]]  # subject, then objects by predicate, as terms (in order)


class GraphBuilder:
    """Triples of one named graph (or of the default graph when ``graph`` is None).

    The sorted lines and their terms grouped by subject and predicate are made once per state of
    the graph and shared by the validator and every writer.
    """

    def __init__(self, graph: str | None) -> None:
        self.graph: NamedNode | DefaultGraph = NamedNode(graph) if graph else DefaultGraph()
        if graph:
            iri(graph)
        self._lines: set[str] = set()
        self._sorted: list[str] | None = None
        self._groups: list[Group] | None = None
        self._text: str | None = None
        self._parsed: list[tuple[NamedNode, NamedNode, NamedNode | Literal]] | None = None

    def add(self, s: str, p: str, o: str) -> None:
        # The hot path of the model: IRIs already checked come straight from the cache. A Term
        # object is written already; a plain string is an IRI.
        cache = _iri_cache
        self._lines.add(f"{cache.get(s) or iri(s)} {cache.get(p) or iri(p)} "
                        f"{o if isinstance(o, Term) else cache.get(o) or iri(o)} .\n")
        if self._sorted is not None:
            self._changed()

    def add_terms(self, s: Term, p: Term, o: Term) -> None:
        """A triple of terms already made (by ``iri``, ``text`` ...), for loops that repeat them."""
        self._lines.add(f"{s} {p} {o} .\n")
        if self._sorted is not None:
            self._changed()

    def _changed(self) -> None:
        self._sorted = self._groups = self._text = self._parsed = None

    def a(self, s: str, *classes: str) -> None:
        for c in classes:
            self.add(s, RDF_TYPE, c)

    def crm(self, s: str, prop: str, o: str) -> None:
        if prop not in crm_terms():
            raise AttributeError(f"{prop!r} is not a CIDOC-CRM 7.1.3 term")
        self.add(s, CRM_NS + prop, o)

    def text(self, s: str, p: str, value: str | None, lang: str | None = None) -> None:
        if value is not None and value.strip():
            self.add(s, p, text(value, lang))

    def add_parsed(self, triples: Iterable[Triple]) -> None:
        """Triples read from a file (e.g. the project vocabulary)."""
        for t in triples:
            if not isinstance(t.subject, NamedNode) or not isinstance(t.object, NamedNode | Literal):
                raise ValueError(f"blank node in {t}")
            self._lines.add(f"{t.subject} {t.predicate} {t.object} .\n")
        self._changed()

    def extend(self, other: GraphBuilder) -> None:
        self._lines |= other._lines
        self._changed()

    def __len__(self) -> int:
        return len(self._lines)

    def lines(self) -> list[str]:
        """The graph as sorted N-Triples lines (each ends with " .\\n"; do not change the list)."""
        if self._sorted is None:
            self._sorted = sorted(self._lines)
        return self._sorted

    def groups(self) -> list[Group]:
        """(subject, {predicate: [objects]}) as N-Triples terms, in the order of the sorted lines
        (dicts keep it): each line is split once here for all the writers and the validator."""
        if self._groups is None:
            self._groups = grouped(self.lines())
        return self._groups

    def ntriples(self) -> str:
        """The graph as sorted N-Triples."""
        if self._text is None:
            self._text = "".join(self.lines())
        return self._text

    def nquads(self) -> str:
        """The graph as sorted N-Quads (its own graph name on every line)."""
        if isinstance(self.graph, DefaultGraph):
            return self.ntriples()
        # Every line ends with " .\n" and holds no other newline (literals escape theirs).
        return self.ntriples().replace(" .\n", f" {self.graph} .\n")

    def nquads_chunks(self, lines_per_chunk: int = 8192) -> Iterator[bytes]:
        """``nquads()`` encoded, a few thousand lines at a time: the shared entities graph of a
        large corpus holds hundreds of thousands of triples, and its whole text three times over
        (N-Triples, N-Quads, bytes) was the peak of the build's main process."""
        if self._text is not None or isinstance(self.graph, DefaultGraph):
            yield self.nquads().encode("utf-8")
            return
        lines, tail = self.lines(), f" {self.graph} .\n"
        for i in range(0, len(lines), lines_per_chunk):
            yield "".join(lines[i:i + lines_per_chunk]).replace(" .\n", tail).encode("utf-8")

    def count(self, predicate: str, object_suffix: str) -> int:
        """How many triples have this predicate and an object ending with ``object_suffix``."""
        pt = iri(predicate)
        return sum(1 for _, preds in self.groups() for o in preds.get(pt, ()) if o.endswith(object_suffix))

    def triples(self) -> list[tuple[NamedNode, NamedNode, NamedNode | Literal]]:
        if self._parsed is None:
            parsed = parse(self.ntriples().encode("utf-8"), format=RdfFormat.N_TRIPLES)
            self._parsed = [(t.subject, t.predicate, t.object) for t in parsed]
        return self._parsed

    def subjects(self) -> set[str]:
        return {line[1:line.index(">")] for line in self._lines}

    def quads(self) -> list[Quad]:
        return [Quad(s, p, o, self.graph) for s, p, o in self.triples()]


def grouped(lines: Iterable[str]) -> list[Group]:
    """Sorted N-Triples lines (``<s> <p> o .\\n``, single spaces, as written here) grouped by
    subject and predicate. IRIs hold no spaces, so one split finds the subject and predicate."""
    groups: list[Group] = []
    subject = predicate = ""
    preds: dict[str, list[str]] = {}
    objs: list[str] = []
    for line in lines:
        s, p, rest = line.split(" ", 2)
        if s != subject:
            subject, predicate = s, p
            preds = {p: (objs := [])}
            groups.append((s, preds))
        elif p != predicate:
            predicate = p
            preds[p] = objs = []
        objs.append(rest[:-3])
    return groups
