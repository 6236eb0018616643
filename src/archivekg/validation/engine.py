"""Validation of one record as the build sees it: its graph plus the shared day it is dated by.

Returns readable problems (an empty list means the record conforms). The shapes file stays the
single source of the rules; which engine runs them is decided here.
"""
from __future__ import annotations

from collections.abc import Mapping

from ..model import GraphBuilder
from ..model.context import RecordContext
from ..model.document import model_shared_day
from ..records import Document, Extraction
from ..vocab import Minter


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
        from pyoxigraph import Triple

        from .sparql import validate_quads

        report = validate_quads([Triple(s, p, o) for g in builders for s, p, o in g.triples()], base,
                                texts=texts, record=doc.record_id)
        return [] if report.conforms else [report.describe()]
    import rdflib
    from pyoxigraph import RdfFormat, Triple, serialize

    from ..validate import validate_graph

    data = serialize([Triple(s, p, o) for g in builders for s, p, o in g.triples()], format=RdfFormat.N_TRIPLES)
    graph = rdflib.Graph()
    graph.parse(data=(data or b"").decode("utf-8"), format="nt")
    report = validate_graph(graph, base=base, texts=texts, record=doc.record_id)
    return [] if report.conforms else [report.describe()]
