"""Validation of one record as the build sees it: its graph plus the shared day it is dated by.

Returns readable problems (an empty list means the record conforms). The shapes file stays the
single source of the rules; which engine runs them is decided here.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from ..model import GraphBuilder
from ..model.context import RecordContext
from ..model.document import model_shared_day
from ..records import Document, Extraction
from ..vocab import Minter

if TYPE_CHECKING:
    from .report import Report


def record_graphs(b: GraphBuilder, doc: Document, base: str) -> list[GraphBuilder]:
    day = GraphBuilder(None)
    model_shared_day(day, RecordContext(Minter(base), doc, Extraction(doc.record_id), {}))
    return [b, day]


ENGINES = ("sparql", "pyshacl")


def validate_record(b: GraphBuilder, doc: Document, *, base: str, texts: Mapping[str, str],
                    engine: str = "sparql") -> list[str]:
    """The shapes compiled to SPARQL on pyoxigraph by default (same verdicts as pySHACL, which a
    test checks rule by rule, at a fraction of the cost); ``engine="pyshacl"`` runs pySHACL."""
    builders = record_graphs(b, doc, base)
    if engine == "sparql":
        report = validate_graphs(builders, base, texts=texts, record=doc.record_id)
        return [] if report.conforms else [report.describe()]
    import rdflib
    from pyoxigraph import RdfFormat, Triple, serialize

    from ..validate import validate_graph

    data = serialize([Triple(s, p, o) for g in builders for s, p, o in g.triples()], format=RdfFormat.N_TRIPLES)
    graph = rdflib.Graph()
    graph.parse(data=(data or b"").decode("utf-8"), format="nt")
    report = validate_graph(graph, base=base, texts=texts, record=doc.record_id)
    return [] if report.conforms else [report.describe()]


def validate_batch(items: list[tuple[GraphBuilder, Document]], *, base: str, texts: Mapping[str, str],
                   engine: str = "sparql") -> dict[str, list[str]]:
    """Problems per record id for several records. The queries have a fixed cost each, so the
    records are checked together first; only if that finds a problem is each checked alone, to
    say which record it belongs to."""
    if len(items) > 1 and engine == "sparql":
        report = validate_graphs([g for b, doc in items for g in record_graphs(b, doc, base)], base, texts=texts)
        if report.conforms:
            return {doc.record_id: [] for _, doc in items}
    return {doc.record_id: validate_record(b, doc, base=base, texts=texts, engine=engine) for b, doc in items}


def validate_graphs(builders: list[GraphBuilder], base: str, *, texts: Mapping[str, str] | None = None,
                    record: str | None = None) -> Report:
    """Validate the union of the model's graphs. Their grouped terms (made once, and used again
    by the writers) give the facts, and first a proof in Python (validation.prove) that the
    compiled checks would find nothing; only where that cannot be shown are the lines loaded
    into a throwaway Store and the checks run, the lines as they are: the Store drops
    duplicates, and no verdict depends on the order."""
    import pyoxigraph as ox

    from .checks import check_blank_nodes, check_quotes
    from .compile import compiled_checks
    from .facts import facts_of_terms
    from .prove import Data, proven
    from .report import Report
    from .resources import normalise_base
    from .sparql import validate_store

    datatypes: dict[str, frozenset[str]] = {}
    for c in compiled_checks(normalise_base(base)):
        for r in c.rules if c.values_query else ():
            if r.path and r.datatype:
                datatypes[r.path] = datatypes.get(r.path, frozenset()) | {r.datatype}
    # A blank node object (or a literal holding "> _:") is read from the lines as written.
    if any("> _:" in g.ntriples() for g in builders):
        return validate_lines(sorted({line for g in builders for line in g.lines()}), base, texts=texts, record=record)
    data = Data([g.groups() for g in builders])
    found = facts_of_terms(data.spo, datatypes)
    if proven(data, base):
        # No compiled check can find anything: what is left are the Python checks, which need
        # no Store unless they find something (then all is done the usual way, for the report).
        base = normalise_base(base)
        python = [*check_blank_nodes(found.blank, base=base),
                  *(check_quotes(found.quotes, texts, base=base) if texts is not None else ())]
        if not python:
            return Report.of([])
    store = ox.Store()
    store.load("".join([g.ntriples() for g in builders]).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return validate_store(store, None, base, texts=texts, record=record, facts=found)


def validate_lines(lines: list[str], base: str, *, texts: Mapping[str, str] | None = None,
                   record: str | None = None) -> Report:
    """Validate the model's own N-Triples lines: loaded natively into a throwaway Store."""
    import pyoxigraph as ox

    from .compile import compiled_checks
    from .facts import facts
    from .resources import normalise_base
    from .sparql import validate_store

    # The Store rewrites some datatypes (nonNegativeInteger -> integer); datatype rules are
    # checked against the literals as written, which only the watched predicates need.
    watched = frozenset(r.path for c in compiled_checks(normalise_base(base)) if c.values_query
                        for r in c.rules if r.path)
    found = facts(lines, watched)
    data = "".join(lines).encode("utf-8")
    store = ox.Store()
    if found.blank:  # load() renames blank nodes; keep them as written so reports agree
        store.extend(ox.Quad(t.subject, t.predicate, t.object)
                     for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
    else:
        store.load(data, format=ox.RdfFormat.N_TRIPLES)
    return validate_store(store, None, base, texts=texts, record=record, facts=found)
