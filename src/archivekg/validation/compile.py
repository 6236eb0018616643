"""Compile the project shapes into SPARQL SELECT queries, run without inference.

The subset of SHACL Core the shapes file uses is supported: targets sh:targetClass (expanded to
the subclass closure, which stands in for the ontology pySHACL is given) and
sh:targetObjectsOf; node and property shapes with predicate or inverse paths; sh:minCount,
sh:maxCount, sh:datatype, sh:nodeKind, sh:pattern, sh:class, sh:hasValue, sh:minLength,
sh:languageIn, sh:lessThanOrEquals, sh:or, sh:node and qualified counts. Anything else raises
NotImplementedError when the shapes are compiled, never silently passes.

Every query yields ``?check`` (which rule), ``?this`` (the focus node) and, where SHACL reports
one, ``?value``; rules on the same focus nodes share a query (see ``compiled_checks``).
Datatype checks also accept what a pyoxigraph Store makes of a literal: it stores
``xsd:nonNegativeInteger`` values as ``xsd:integer``.
"""
from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import rdflib
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, XSD

from .resources import normalise_base, shapes_graph, subclasses

STRUCTURE = {RDF.type, rdflib.RDFS.label, rdflib.RDFS.comment, SH.message, SH.severity, SH.property,
             SH.targetClass, SH.targetObjectsOf, SH.path, SH.qualifiedMinCount, SH.qualifiedMaxCount,
             SH.name, SH.description}
NODE_KINDS = {
    SH.IRI: "isIRI({v})", SH.Literal: "isLiteral({v})", SH.BlankNode: "isBlank({v})",
    SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))", SH.BlankNodeOrIRI: "(isBlank({v}) || isIRI({v}))",
    SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
}
# A pyoxigraph Store keeps these integer types as xsd:integer: accept that with the range test.
SIGNED = {XSD.nonNegativeInteger: ">= 0", XSD.positiveInteger: "> 0", XSD.nonPositiveInteger: "<= 0",
          XSD.negativeInteger: "< 0"}
# Casts that fail on an ill-formed lexical form, so that "abc"^^xsd:decimal is not a decimal.
CASTS = {XSD.decimal: "xsd:decimal", XSD.integer: "xsd:integer", XSD.dateTime: "xsd:dateTime",
         XSD.date: "xsd:date", XSD.boolean: "xsd:boolean", XSD.double: "xsd:double"}


_PLACEHOLDER = re.compile(r"§(\d+)§")


@dataclass(frozen=True)
class Rule:
    """One constraint of one shape: what a result row of its query reports."""

    shape: str
    component: str
    path: str | None
    message: str
    severity: str
    reports_value: bool
    datatype: str | None = None  # for datatypes a Store rewrites (see sparql.validate_quads)


@dataclass(frozen=True)
class Check:
    """One query and the rules its rows report (row ``?check`` i belongs to ``rules[i]``).

    The query holds placeholders for class lists (see ``render``); ``target_classes`` are the
    classes whose instances it targets (empty when it targets objects of a property);
    ``values_query`` lists every value of a rewritten datatype, to check against the input.
    """

    query: str
    rules: tuple[Rule, ...]
    target_classes: frozenset[str] = frozenset()
    class_sets: tuple[frozenset[str], ...] = ()
    values_query: str | None = None

    def render(self, query: str, present: frozenset[str]) -> str | None:
        """The query with each class list cut down to the classes the data uses, or None when
        no node can be a target."""
        if self.target_classes and not self.target_classes & present:
            return None
        return _PLACEHOLDER.sub(
            lambda m: " ".join(f"<{c}>" for c in sorted(self.class_sets[int(m.group(1))] & present)), query)


class _Names:
    """Fresh SPARQL variable names."""

    def __init__(self) -> None:
        self._n = itertools.count()

    def __call__(self, stem: str) -> str:
        return f"?{stem}{next(self._n)}"


def _iri(node: rdflib.term.Node) -> str:
    return f"<{node}>"


def _literal(node: rdflib.term.Node) -> str:
    return rdflib.Literal(node).n3() if not isinstance(node, rdflib.Literal) else node.n3()


def _term(node: rdflib.term.Node) -> str:
    return _iri(node) if isinstance(node, rdflib.URIRef) else _literal(node)


class Compiler:
    def __init__(self, graph: rdflib.Graph, closure: dict[str, frozenset[str]]) -> None:
        self.g = graph
        self.closure = closure
        self.names = _Names()
        self.class_sets: list[frozenset[str]] = []

    # -- helpers ---------------------------------------------------------------------------
    def classes(self, *classes: rdflib.term.Node) -> str:
        """A placeholder for the subclass closure of the classes; Check.render fills it with the
        classes a graph actually uses, which keeps the queries small."""
        found = frozenset(c for cls in classes for c in self.closure.get(str(cls), frozenset({str(cls)})))
        self.class_sets.append(found)
        return f"§{len(self.class_sets) - 1}§"

    def path(self, shape: rdflib.term.Node) -> tuple[str, str | None]:
        """The SPARQL path of a property shape, and its IRI when it is a plain predicate."""
        path = self.g.value(shape, SH.path)
        if isinstance(path, rdflib.URIRef):
            return _iri(path), str(path)
        inverse = self.g.value(path, SH.inversePath)
        if isinstance(inverse, rdflib.URIRef):
            return "^" + _iri(inverse), None
        raise NotImplementedError(f"path of {shape} is not a predicate or an inverse predicate")

    def items(self, head: rdflib.term.Node) -> list[rdflib.term.Node]:
        return list(Collection(self.g, head))

    def params(self, shape: rdflib.term.Node) -> list[tuple[rdflib.URIRef, rdflib.term.Node]]:
        found = sorted(((p, o) for p, o in self.g.predicate_objects(shape) if p not in STRUCTURE), key=str)
        unknown = {p for p, _ in found} - HANDLED
        if unknown:
            raise NotImplementedError(f"{shape} uses {sorted(unknown, key=str)}, which the SPARQL engine lacks")
        return found  # type: ignore[return-value]

    # -- conditions: a SPARQL expression true when {v} conforms --------------------------------
    def value_condition(self, param: rdflib.URIRef, arg: rdflib.term.Node, v: str,
                        shape: rdflib.term.Node) -> str:
        if param == SH.datatype:
            if arg == XSD.string:
                return f"(isLiteral({v}) && datatype({v}) = xsd:string)"
            if arg in SIGNED:
                return (f"(isLiteral({v}) && datatype({v}) IN ({_iri(arg)}, xsd:integer) && "
                        f"COALESCE(xsd:integer({v}) {SIGNED[rdflib.URIRef(str(arg))]}, false))")
            cast = CASTS.get(arg)  # type: ignore[call-overload]
            valid = f" && COALESCE(BOUND({v}) && {cast}({v}) = {cast}({v}), false)" if cast else ""
            return f"(isLiteral({v}) && datatype({v}) = {_iri(arg)}{valid})"
        if param == SH.nodeKind:
            return NODE_KINDS[rdflib.URIRef(str(arg))].format(v=v)
        if param == SH.pattern:
            return f"(!isBlank({v}) && REGEX(STR({v}), {_literal(arg)}))"
        if param == SH.minLength:
            return f"(!isBlank({v}) && STRLEN(STR({v})) >= {int(arg)})"  # type: ignore[call-overload]
        if param == SH.languageIn:
            tests = " || ".join(f"langMatches(lang({v}), {_literal(t)})" for t in self.items(arg))
            return f"(isLiteral({v}) && ({tests}))"
        if param == SH["class"]:
            t = self.names("type")
            return f"EXISTS {{ {v} a {t} . VALUES {t} {{ {self.classes(arg)} }} }}"
        if param == SH.hasValue:
            return f"({v} = {_term(arg)})" if self.g.value(shape, SH.path) is None else \
                f"EXISTS {{ {v} {self.path(shape)[0]} {_term(arg)} }}"
        if param == SH["or"]:
            return "(" + " || ".join(self.conforms(member, v) for member in self.items(arg)) + ")"
        if param == SH.node:
            return self.conforms(arg, v)
        raise NotImplementedError(f"{param} inside sh:or or sh:node")

    def conforms(self, shape: rdflib.term.Node, v: str) -> str:
        """An expression true when {v} conforms to the (nested) shape."""
        parts = []
        if self.g.value(shape, SH.path) is None:
            for param, arg in self.params(shape):
                parts.append(self.value_condition(param, arg, v, shape))
            for prop in self.g.objects(shape, SH.property):
                parts.append(self.conforms(prop, v))
            return "(" + (" && ".join(parts) or "true") + ")"
        path, _ = self.path(shape)
        x = self.names("x")
        for param, arg in self.params(shape):
            if param == SH.minCount:
                if int(arg) > 1:  # type: ignore[call-overload]
                    raise NotImplementedError("nested sh:minCount above 1")
                if int(arg) == 1:  # type: ignore[call-overload]
                    parts.append(f"EXISTS {{ {v} {path} {x} }}")
            elif param == SH.maxCount:
                y = self.names("y")
                if int(arg) != 1:  # type: ignore[call-overload]
                    raise NotImplementedError("nested sh:maxCount other than 1")
                parts.append(f"NOT EXISTS {{ {v} {path} {x}, {y} . FILTER({x} != {y}) }}")
            elif param == SH.hasValue:
                parts.append(f"EXISTS {{ {v} {path} {_term(arg)} }}")
            else:
                y = self.names("y")
                cond = self.value_condition(param, arg, y, shape)
                parts.append(f"NOT EXISTS {{ {v} {path} {y} . FILTER(!{cond}) }}")
        return "(" + (" && ".join(parts) or "true") + ")"

    # -- top-level rules ----------------------------------------------------------------------
    def target(self, shape: rdflib.term.Node) -> str:
        """The focus nodes as a pattern binding ?this. It may bind a node more than once (a node
        of two target classes); queries select DISTINCT or count DISTINCT values."""
        branches = []
        classes = sorted(self.g.objects(shape, SH.targetClass), key=str)
        if classes:
            t = self.names("cls")
            branches.append(f"?this a {t} . VALUES {t} {{ {self.classes(*classes)} }}")
        for prop in sorted(self.g.objects(shape, SH.targetObjectsOf), key=str):
            branches.append(f"[] {_iri(prop)} ?this .")
        if len(branches) == 1:
            return branches[0]
        return " UNION ".join("{ " + b + " }" for b in branches)

    def rules(self, node_shape: rdflib.term.Node) -> Iterator[Pending]:
        """Every constraint of a targeted node shape and its property shapes, as a violation
        condition on ?this ("focus"), on each ?value of a path ("value"), or a whole query
        body ("single", with its grouping)."""
        for param, arg in self.params(node_shape):
            cond = self.value_condition(param, arg, "?this", node_shape)
            yield Pending(node_shape, component_name(param), "focus", f"!{cond}", reports_value=True)
        for prop in sorted(self.g.objects(node_shape, SH.property), key=str):
            yield from self.property_rules(prop, self.target(node_shape))

    def property_rules(self, prop: rdflib.term.Node, target: str) -> Iterator[Pending]:
        path, _ = self.path(prop)
        for param, arg in self.params(prop):
            count = int(arg) if param in (SH.minCount, SH.maxCount) else None  # type: ignore[call-overload]
            if param == SH.minCount and count == 1:
                yield Pending(prop, "MinCountConstraintComponent", "focus", f"NOT EXISTS {{ ?this {path} ?v }}")
            elif param == SH.maxCount and count == 1:
                yield Pending(prop, "MaxCountConstraintComponent", "focus",
                              f"EXISTS {{ ?this {path} ?v, ?w . FILTER(?v != ?w) }}")
            elif param == SH.hasValue:
                yield Pending(prop, "HasValueConstraintComponent", "focus",
                              f"NOT EXISTS {{ ?this {path} {_term(arg)} }}")
            elif param in (SH.minCount, SH.maxCount):
                op = "<" if param == SH.minCount else ">"
                body = f"{target} OPTIONAL {{ ?this {path} ?v }}"
                yield Pending(prop, component_name(param), "single", body, grouping=f"COUNT(DISTINCT ?v) {op} {count}")
            elif param == SH.lessThanOrEquals:
                body = (f"{target} ?this {path} ?value . ?this {_iri(arg)} ?other "
                        f"FILTER(!COALESCE(?value <= ?other, false))")
                yield Pending(prop, "LessThanOrEqualsConstraintComponent", "single", body, reports_value=True)
            elif param == SH.qualifiedValueShape:
                cond = self.conforms(arg, "?v")
                for bound, op, component in ((SH.qualifiedMinCount, "<", "QualifiedMinCount"),
                                             (SH.qualifiedMaxCount, ">", "QualifiedMaxCount")):
                    limit = self.g.value(prop, bound)
                    if limit is not None:
                        body = f"{target} OPTIONAL {{ ?this {path} ?v FILTER({cond}) }}"
                        having = f"COUNT(DISTINCT ?v) {op} {int(limit)}"  # type: ignore[call-overload]
                        yield Pending(prop, component + "ConstraintComponent", "single", body, grouping=having)
            elif param == SH.datatype and arg in SIGNED:
                # Kept apart: with the literals as given it is checked exactly (sparql.validate_quads).
                cond = self.value_condition(param, arg, "?value", prop)
                body = f"{target} ?this {path} ?value FILTER(!{cond})"
                yield Pending(prop, component_name(param), "single", body, reports_value=True, datatype=str(arg),
                              values_body=f"{target} ?this {path} ?value")
            else:
                cond = self.value_condition(param, arg, "?value", prop)
                yield Pending(prop, component_name(param), "value", f"!{cond}", reports_value=True)


@dataclass(frozen=True)
class Pending:
    """A constraint on its way to a query."""

    shape: rdflib.term.Node
    component: str
    kind: str  # focus | value | single
    code: str  # a violation condition (focus, value) or a query body (single)
    reports_value: bool = False
    grouping: str | None = None  # HAVING condition of a "single" aggregate check
    datatype: str | None = None
    values_body: str | None = None


HANDLED = {SH.minCount, SH.maxCount, SH.datatype, SH.nodeKind, SH.pattern, SH["class"], SH.hasValue,
           SH.minLength, SH.languageIn, SH.lessThanOrEquals, SH["or"], SH.node, SH.qualifiedValueShape}


def component_name(param: rdflib.URIRef) -> str:
    name = str(param).rsplit("#", 1)[-1]
    return name[0].upper() + name[1:] + "ConstraintComponent"


def _select(rules: int, body: str, value: bool, grouping: str | None = None, paired: bool = False) -> str:
    prefix = f"PREFIX xsd: <{XSD}>\n"
    check = "" if paired else "VALUES ?check { " + " ".join(str(i) for i in range(rules)) + " } "
    if grouping:
        return prefix + f"SELECT ?this (0 AS ?check) WHERE {{ {body} }} GROUP BY ?this HAVING ({grouping})"
    head = "SELECT DISTINCT ?check ?this" + (" ?value" if value else "")
    return prefix + f"{head} WHERE {{ {check}{body} }}"


def _chain(conditions: list[str]) -> str:
    """One FILTER that applies condition i to the rows of ?check i."""
    expr = conditions[-1]
    for i in range(len(conditions) - 2, -1, -1):
        expr = f"IF(?check = {i}, {conditions[i]}, {expr})"
    return f"FILTER({expr})"


def _per_shape(compiler: Compiler, node_shape: rdflib.term.Node, pending: list[Pending]
               ) -> Iterator[tuple[str, list[Pending], str | None]]:
    """Queries for the rules of one node shape: one for its focus rules, one for its value rules
    on plain predicates, one per other rule."""
    target = compiler.target(node_shape)
    focus = [p for p in pending if p.kind == "focus"]
    if focus:
        body = f"{target} {_chain([p.code for p in focus])} BIND(?this AS ?value)"
        yield _select(len(focus), body, True), focus, None
    plain = [p for p in pending if p.kind == "value" and compiler.path(p.shape)[1]]
    if plain:
        pairs = " ".join(f"({i} {compiler.path(p.shape)[0]})" for i, p in enumerate(plain))
        body = (f"VALUES (?check ?p) {{ {pairs} }} {target} ?this ?p ?value "
                f"{_chain([p.code for p in plain])}")
        yield _select(len(plain), body, True, paired=True), plain, None
    for p in pending:
        if p.kind == "value" and not compiler.path(p.shape)[1]:  # inverse paths
            body = f"{target} ?this {compiler.path(p.shape)[0]} ?value {_chain([p.code])}"
            yield _select(1, body, True), [p], None
        elif p.kind == "single":
            query = _select(1, p.code, p.reports_value, p.grouping)
            values = _select(1, p.values_body, True) if p.values_body else None
            yield query, [p], values


@lru_cache(maxsize=8)
def compiled_checks(base: str) -> tuple[Check, ...]:
    """The shapes file as SPARQL queries, compiled once per base.

    On one record's graph a query costs more to prepare than to run, so rules share queries:
    per node shape, one for its focus rules and one for its value rules. (Pooling the rules of
    all shapes into two queries was measured slower: the long IF chains cost more per row.)
    """
    base = normalise_base(base)
    graph = shapes_graph(base)
    compiler = Compiler(graph, subclasses(base))
    targeted = {s for p in (SH.targetClass, SH.targetObjectsOf) for s in graph.subjects(p, None)}
    checks = []
    for node_shape in sorted(targeted, key=str):
        targets = frozenset() if graph.value(node_shape, SH.targetObjectsOf) is not None else \
            frozenset(c for cls in graph.objects(node_shape, SH.targetClass)
                      for c in compiler.closure.get(str(cls), frozenset({str(cls)})))
        for query, pending, values in _per_shape(compiler, node_shape, list(compiler.rules(node_shape))):
            rules = tuple(_rule(graph, compiler, node_shape, p) for p in pending)
            checks.append(Check(query, rules, targets, tuple(compiler.class_sets), values))
    return tuple(checks)


def _rule(graph: rdflib.Graph, compiler: Compiler, node_shape: rdflib.term.Node, p: Pending) -> Rule:
    message = graph.value(p.shape, SH.message) or graph.value(node_shape, SH.message)
    severity = graph.value(p.shape, SH.severity) or SH.Violation
    path = compiler.path(p.shape)[1] if graph.value(p.shape, SH.path) is not None else None
    return Rule(str(p.shape), p.component, path, str(message or "constraint not met"),
                str(severity).rsplit("#", 1)[-1], p.reports_value, p.datatype)
