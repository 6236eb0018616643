"""Validation: the project shapes (pySHACL) plus the checks SHACL cannot state, reported in words
a historian can act on and mapped back to records and source passages.

The shapes (``shapes/archivekg.shacl.ttl``) and the class hierarchy (CIDOC-CRM RDFS + project
vocabulary) are parsed once per process and base. Validation runs without inference: the
hierarchy is handed to pySHACL as ``ont_graph`` so that subclass instances are still targeted.
A faster engine for the same shapes is ``archivekg.validation.sparql.validate_store``.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import pyshacl
import rdflib
from rdflib.namespace import SH

from .config import SETTINGS
from .validation.checks import check_blank_nodes, check_quotes, document_record, passages, triples
from .validation.files import RDFFileError, graphs_of, guess_base, read_quads
from .validation.report import Report, Violation, attach
from .validation.resources import normalise_base, ontology_graph, shapes_graph

__all__ = ["RDFFileError", "Report", "Violation", "check_quotes", "validate_files", "validate_graph"]

DEFAULT_BASE = next(s.default for s in SETTINGS if s.name == "base")


def _text(term: rdflib.term.Node | None) -> str | None:
    if term is None:
        return None
    if isinstance(term, rdflib.BNode):
        return "_:" + str(term)
    return str(term)


def _results(report: rdflib.Graph) -> list[Violation]:
    """The sh:result entries of a pySHACL report graph as Violations."""
    found = []
    for result in report.objects(None, SH.result):
        def one(prop: rdflib.URIRef, result: rdflib.term.Node = result) -> rdflib.term.Node | None:
            return report.value(result, prop)

        messages = sorted(str(m) for m in report.objects(result, SH.resultMessage))
        severity = one(SH.resultSeverity)
        component = one(SH.sourceConstraintComponent)
        path = one(SH.resultPath)
        found.append(Violation(
            focus=_text(one(SH.focusNode)) or "",
            path=_text(path) if isinstance(path, rdflib.URIRef) else None,
            value=_text(one(SH.value)),
            message="; ".join(messages) or "constraint not met",
            shape=_text(one(SH.sourceShape)) or "",
            severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
            component=str(component).rsplit("#", 1)[-1] if component else None,
        ))
    return found


def validate_graph(data: rdflib.Graph, *, base: str, texts: Mapping[str, str] | None = None,
                   record: str | None = None) -> Report:
    """Validate one graph (normally one record's named graph) against the project shapes.

    ``texts`` maps text IRIs to their full text; when given, every quotation is also checked
    against its slice of the text. ``record`` names the record for nodes whose IRI does not say
    (entities); by default it is the graph's document identifier.
    """
    base = normalise_base(base)
    _conforms, report_graph, _text_report = pyshacl.validate(
        data, shacl_graph=shapes_graph(base), ont_graph=ontology_graph(base), inference="none",
        advanced=False, allow_warnings=True, allow_infos=True)
    plain = triples(data)
    found = _results(report_graph) + check_blank_nodes(plain, base=base)
    if texts is not None:
        found += check_quotes(plain, texts, base=base)
    default = record or document_record(plain)
    return Report.of(attach(found, base=base, passages=passages(plain), record=default))


def _record_of_graph(name: str | None, base: str) -> str | None:
    prefix = base + "graph/record/"
    return name[len(prefix):] if name and name.startswith(prefix) else None


def _with_shared(graph: rdflib.Graph, shared: rdflib.Graph) -> rdflib.Graph:
    """The graph plus the shared descriptions of the nodes it mentions."""
    united = rdflib.Graph()
    for triple in graph:
        united.add(triple)
    mentioned = {n for n in (*graph.subjects(), *graph.objects()) if isinstance(n, rdflib.URIRef)}
    for node in sorted(mentioned):
        for triple in shared.triples((node, None, None)):
            united.add(triple)
    return united


def _units(graphs: Mapping[str | None, rdflib.Graph], base: str
           ) -> list[tuple[str | None, rdflib.Graph]]:
    """What to validate together: each record graph with the shared entity descriptions it
    mentions (a record graph names its entities, the entities graph labels them); the entities
    graph itself only through the record graphs, when there are any; other graphs alone."""
    shared = graphs.get(base + "graph/entities")
    records = [name for name in graphs if _record_of_graph(name, base)]
    units = []
    for name, graph in graphs.items():
        if name == base + "graph/entities" and records:
            continue
        if name in records and shared is not None:
            graph = _with_shared(graph, shared)
        units.append((name, graph))
    return units


def validate_files(paths: Iterable[Path], base: str | None = None, *,
                   texts: Mapping[str, str] | None = None) -> Report:
    """Validate RDF files (Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML by extension).

    Named graphs are validated as published: each record graph (``<base>graph/record/<id>``,
    which also gives the record id) with the shared entity descriptions it mentions, other
    graphs on their own. Without ``base`` the base is guessed from the minted IRIs, else the
    default setting is used. Raises RDFFileError (with path and line) if a file cannot be read.
    """
    reports = []
    for path in paths:
        quads = read_quads(Path(path))
        file_base = normalise_base(base or guess_base(quads) or DEFAULT_BASE)
        for name, graph in _units(graphs_of(quads), file_base):
            reports.append(validate_graph(graph, base=file_base, texts=texts,
                                          record=_record_of_graph(name, file_base)))
    return Report.merge(reports)
