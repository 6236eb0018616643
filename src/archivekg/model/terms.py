"""The triple builder every model function writes through.

Terms are pyoxigraph terms (fast to build, serialise and load); the builder keeps one named
graph's quads, refuses blank nodes and malformed IRIs, and hands them out in sorted order so that
output bytes do not depend on the order in which the model visited things.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad

from ..vocab import RDF_NS, XSD_NS, crm

RDF_TYPE = NamedNode(RDF_NS + "type")
XSD_DECIMAL = NamedNode(XSD_NS + "decimal")
XSD_DATE = NamedNode(XSD_NS + "date")
XSD_DATETIME = NamedNode(XSD_NS + "dateTime")
XSD_NNI = NamedNode(XSD_NS + "nonNegativeInteger")
XSD_GYEAR = NamedNode(XSD_NS + "gYear")
XSD_GYEARMONTH = NamedNode(XSD_NS + "gYearMonth")

# Characters RDF forbids in IRIs (plus controls); anything minted must be free of them.
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`]')
# Characters an RDF literal may not carry in XML-based or strict parsers.
_BAD_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def iri(value: str) -> NamedNode:
    if not value or _BAD_IRI.search(value) or ":" not in value:
        raise ValueError(f"not a valid IRI: {value!r}")
    return NamedNode(value)


def text(value: str, lang: str | None = None) -> Literal:
    value = _BAD_TEXT.sub("", value)
    return Literal(value, language=lang) if lang else Literal(value)


def decimal(value: Decimal | int | float) -> Literal:
    d = Decimal(str(value))
    lexical = format(d.normalize(), "f") if d == d.to_integral_value() else format(d, "f")
    if "." in lexical:
        lexical = lexical.rstrip("0").rstrip(".") or "0"
    return Literal(lexical, datatype=XSD_DECIMAL)


def typed(value: str, datatype: NamedNode) -> Literal:
    return Literal(value, datatype=datatype)


def nni(value: int) -> Literal:
    return Literal(str(int(value)), datatype=XSD_NNI)


class GraphBuilder:
    """Quads of one named graph (or of the default graph when ``graph`` is None)."""

    def __init__(self, graph: str | None) -> None:
        self.graph = iri(graph) if graph else DefaultGraph()
        self._triples: set[tuple[NamedNode, NamedNode, NamedNode | Literal]] = set()

    def add(self, s: str, p: str, o: NamedNode | Literal | str) -> None:
        obj = iri(o) if isinstance(o, str) else o
        self._triples.add((iri(s), iri(p), obj))

    def a(self, s: str, *classes: str) -> None:
        for c in classes:
            self._triples.add((iri(s), RDF_TYPE, iri(c)))

    def crm(self, s: str, prop: str, o: NamedNode | Literal | str) -> None:
        self.add(s, crm(prop), o)

    def text(self, s: str, p: str, value: str | None, lang: str | None = None) -> None:
        if value is not None and value.strip():
            self._triples.add((iri(s), iri(p), text(value, lang)))

    def extend(self, other: GraphBuilder) -> None:
        self._triples |= other._triples

    def __len__(self) -> int:
        return len(self._triples)

    def subjects(self) -> set[str]:
        return {s.value for s, _, _ in self._triples}

    def triples(self) -> list[tuple[NamedNode, NamedNode, NamedNode | Literal]]:
        return sorted(self._triples, key=_triple_key)

    def quads(self) -> list[Quad]:
        return [Quad(s, p, o, self.graph) for s, p, o in self.triples()]


def _triple_key(t: tuple[NamedNode, NamedNode, NamedNode | Literal]) -> tuple[str, str, str]:
    return (t[0].value, t[1].value, str(t[2]))


def sorted_quads(quads: Iterable[Quad]) -> list[Quad]:
    return sorted(quads, key=lambda q: (str(q.graph_name), str(q.subject), q.predicate.value, str(q.object)))
