"""The fast engine: the project shapes compiled to SPARQL and run on a pyoxigraph Store.

It gives the same verdicts as pySHACL on the same shapes (tests/test_sparql_engine.py checks
that rule by rule) at a fraction of the cost, because nothing is copied into rdflib and no
ontology is merged into the data: the class hierarchy is compiled into the queries.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pyoxigraph as ox

from ..vocab import CRM_NS, DCTERMS_NS
from .checks import (
    END,
    EXACT,
    HAS_BODY,
    HAS_SELECTOR,
    HAS_SOURCE,
    HAS_TARGET,
    RDF_TYPE,
    START,
    Triple,
    check_blank_nodes,
    check_quotes,
    document_record,
    node,
    passages,
)
from .compile import Check, Rule, compiled_checks
from .facts import Facts
from .report import Report, Violation, attach
from .resources import normalise_base

GraphNames = str | Sequence[str] | None
IDENTIFIER = DCTERMS_NS + "identifier"
QUOTES = f"""SELECT ?target ?source ?sel ?exact ?start ?end WHERE {{
    ?target <{HAS_SOURCE}> ?source ; <{HAS_SELECTOR}> ?sel .
    OPTIONAL {{ ?sel <{EXACT}> ?exact }} OPTIONAL {{ ?sel <{START}> ?start }} OPTIONAL {{ ?sel <{END}> ?end }} }}"""


Graphs = list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph]


def _graphs(graph_name: GraphNames) -> Graphs:
    if graph_name is None:
        return [ox.DefaultGraph()]
    names = [graph_name] if isinstance(graph_name, str) else list(graph_name)
    return [ox.NamedNode(n) for n in names]


def _triples_of(store: ox.Store, graphs: Graphs, predicate: str, obj: ox.NamedNode) -> list[Triple]:
    return [(node(q.subject), predicate, node(q.object)) for g in graphs
            for q in store.quads_for_pattern(None, ox.NamedNode(predicate), obj, g)]


def _triples(store: ox.Store, graphs: Graphs,
             predicates: Iterable[str | None]) -> list[Triple]:
    found: list[Triple] = []
    for graph in graphs:
        for predicate in predicates:
            pred = ox.NamedNode(predicate) if predicate else None
            for quad in store.quads_for_pattern(None, pred, None, graph):
                found.append((node(quad.subject), node(quad.predicate), node(quad.object)))
    return found


def _select(store: ox.Store, query: str, graphs: Graphs) -> ox.QuerySolutions:
    rows = store.query(query, default_graph=graphs)
    assert isinstance(rows, ox.QuerySolutions)  # every compiled query is a SELECT
    return rows


def _blank_triples(store: ox.Store, graphs: Graphs) -> list[Triple]:
    rows = _select(store, "SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER(isBlank(?s) || isBlank(?o)) }", graphs)
    return [(node(r["s"]), node(r["p"]), node(r["o"])) for r in rows]


def _given_datatypes(check: Check, store: ox.Store, graphs: Graphs,
                     given: Mapping[tuple[str, str], list[ox.Literal]], present: frozenset[str]
                     ) -> list[Violation]:
    """A datatype check against the literals as given, for datatypes the Store rewrites."""
    found: list[Violation] = []
    query = check.render(check.values_query or "", present)
    if query is None:
        return found
    (rule,) = check.rules
    for row in _select(store, query, graphs):
        focus = node(row["this"])
        for literal in given.get((focus, rule.path or ""), ()):
            if literal.datatype.value != rule.datatype:
                found.append(_violation(rule, focus, node(literal)))
    return found


def _violation(rule: Rule, focus: str, value: str | None) -> Violation:
    return Violation(focus, rule.path, value if rule.reports_value else None, rule.message, rule.shape,
                     rule.severity, component=rule.component)


def _present_types(store: ox.Store, graphs: Graphs) -> frozenset[str]:
    rows = _select(store, "SELECT DISTINCT ?t WHERE { ?s a ?t }", graphs)
    return frozenset(node(r["t"]) for r in rows)


def run_checks(store: ox.Store, graphs: Graphs, base: str,
               given: Mapping[tuple[str, str], list[ox.Literal]] | None = None,
               present: frozenset[str] | None = None) -> list[Violation]:
    """The compiled shapes on the union of the graphs. Checks are cut down to the classes the
    data uses (``present``, looked up when not given), and skipped when it uses none of their
    target classes."""
    if present is None:
        present = _present_types(store, graphs)
    found: list[Violation] = []
    given_paths = {path for _, path in given} if given is not None else set()
    for check in compiled_checks(base):
        if check.values_query and given is not None:
            # Without a given literal of its path no value can be off: the query is not needed.
            if check.rules[0].path in given_paths:
                found += _given_datatypes(check, store, graphs, given, present)
            continue
        query = check.render(check.query, present)
        if query is None:
            continue
        rules = check.rules
        for row in _select(store, query, graphs):
            rule = rules[int(row["check"].value)]
            value = row["value"] if rule.reports_value else None
            found.append(_violation(rule, node(row["this"]), node(value) if value is not None else None))
    return found


def _quote_triples(store: ox.Store, graphs: Graphs) -> list[Triple]:
    """What check_quotes reads, in one query rather than a scan per predicate."""
    rows = _select(store, QUOTES, graphs)
    found: set[Triple] = set()
    for r in rows:
        target, selector = node(r["target"]), node(r["sel"])
        found.add((target, HAS_SOURCE, node(r["source"])))
        found.add((target, HAS_SELECTOR, selector))
        for name, predicate in (("exact", EXACT), ("start", START), ("end", END)):
            if r[name] is not None:
                found.add((selector, predicate, node(r[name])))
    return sorted(found)


def _record_of(store: ox.Store, graphs: Graphs) -> str | None:
    documents = _triples_of(store, graphs, RDF_TYPE, ox.NamedNode(CRM_NS + "E31_Document"))
    return document_record(documents + _triples(store, graphs, (IDENTIFIER,)))


def validate_store(store: ox.Store, graph_name: GraphNames, base: str, *,
                   texts: Mapping[str, str] | None = None, record: str | None = None,
                   given: Mapping[tuple[str, str], list[ox.Literal]] | None = None,
                   facts: Facts | None = None) -> Report:
    """Validate one graph of a Store (or the union of several, e.g. a record graph with the
    shared entities graph; None: the default graph) against the project shapes.

    A Store keeps ``xsd:nonNegativeInteger`` literals as ``xsd:integer``, so on a Store alone an
    offset typed ``xsd:integer`` passes; ``given`` (the literals as written, by subject and
    predicate, as validate_quads passes them) restores the exact check. ``facts``, when the
    caller has read them from the data as written (validation.facts), replace the lookups of
    classes, blank nodes, quotes and given literals in the Store.
    """
    base = normalise_base(base)
    graphs = _graphs(graph_name)
    if facts is not None:
        given = facts.given
    found = run_checks(store, graphs, base, given, facts.present if facts else None)
    found += check_blank_nodes(facts.blank if facts else _blank_triples(store, graphs), base=base)
    if texts is not None:
        found += check_quotes(facts.quotes if facts else _quote_triples(store, graphs), texts, base=base)
    if not found:  # records and passages only matter for messages
        return Report.of(found)
    if record is None:
        record = _record_of(store, graphs)
    lookup = _triples(store, graphs, (HAS_BODY, HAS_TARGET, HAS_SELECTOR, EXACT))
    return Report.of(attach(found, base=base, passages=passages(lookup), record=record))


def validate_quads(quads: Iterable[ox.Quad | ox.Triple], base: str, *,
                   texts: Mapping[str, str] | None = None, record: str | None = None) -> Report:
    """Validate triples or quads (graph names ignored) as one graph, in a throwaway Store."""
    items = list(quads)
    store = ox.Store()
    store.extend(ox.Quad(q.subject, q.predicate, q.object) for q in items)
    watched = {r.path for c in compiled_checks(normalise_base(base)) if c.values_query for r in c.rules}
    given: dict[tuple[str, str], list[ox.Literal]] = {}
    for q in items:
        if q.predicate.value in watched and isinstance(q.object, ox.Literal):
            given.setdefault((node(q.subject), q.predicate.value), []).append(q.object)
    return validate_store(store, None, base, texts=texts, record=record, given=given)
