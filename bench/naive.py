"""The naive pipeline, on the same corpus, for comparison with ``archivekg build``.

It produces the same record triples with the project's own ingest, extract, identity and model
code, but then does what a first implementation would: one process, every quad added to ONE
rdflib Dataset, pySHACL over that Dataset (which it validates as the union of its graphs; project
shapes, the CIDOC-CRM class hierarchy as ``ont_graph``, no inference), and rdflib's serialisers
for the output (Turtle per record and for the shared graph, N-Quads of the whole Dataset).
Records the project cannot read or extract are skipped, as the build does with ``skip_invalid``.

    python bench/naive.py CORPUS OUT      prints one JSON object (seconds per stage, triples, ...)
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

import pyshacl
import rdflib
from pyoxigraph import Literal, NamedNode

from archivekg import __version__
from archivekg.config import load_config
from archivekg.identity import assign_iris
from archivekg.ingest import find_records, read_record
from archivekg.model import GraphBuilder, model_record, model_shared
from archivekg.records import Document, Extraction
from archivekg.validation.resources import ontology_graph, shapes_graph
from archivekg.vocab import Minter


def _extractor():
    try:  # with the record's curation file, as the build does
        from archivekg.pipeline import extract_record
        return extract_record
    except ImportError:
        from archivekg.extract import extract
        return extract


def _shared(docs: list[Document], extractions: list[Extraction], iris: list[dict], minter: Minter) -> GraphBuilder:
    """The shared entities graph, through whichever form of ``model_shared`` this checkout has."""
    graph = minter.graph("entities")
    try:
        return model_shared([(d.record_id, d.date, list(x.entities), i)
                             for d, x, i in zip(docs, extractions, iris, strict=True)], minter, graph)
    except (TypeError, ValueError, AttributeError):
        return model_shared(list(zip(docs, extractions, iris, strict=True)), minter, graph)  # type: ignore[arg-type]


def to_rdflib(term: Any) -> rdflib.term.Node:
    if isinstance(term, NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
    raise TypeError(f"unexpected term {term!r}")


class Clock:
    def __init__(self) -> None:
        self.stages: dict[str, float] = {}
        self.last = self.start = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.stages[stage] = self.stages.get(stage, 0.0) + now - self.last
        self.last = now


def run_naive(corpus: Path, out: Path) -> dict[str, Any]:
    config = load_config(corpus)
    minter = Minter(config.base)
    clock = Clock()
    skipped: list[str] = []

    docs: list[Document] = []
    for path in find_records(corpus):
        try:
            docs.append(read_record(path))
        except Exception as exc:  # as the build's skip_invalid: count and go on
            skipped.append(f"{path.name}: {type(exc).__name__}")
    clock.lap("ingest")

    extract = _extractor()
    kept: list[tuple[Document, Extraction]] = []
    for doc in docs:
        try:
            kept.append((doc, extract(doc)))
        except Exception as exc:
            skipped.append(f"{Path(doc.path).name}: {type(exc).__name__}")
    docs = [d for d, _ in kept]
    extractions = [x for _, x in kept]
    clock.lap("extract")

    iris, _warnings = assign_iris(extractions, minter)
    clock.lap("reconcile")

    builders = [model_record(d, x, i, minter, language=config.language, software_version=__version__)
                for d, x, i in zip(docs, extractions, iris, strict=True)]
    shared = _shared(docs, extractions, iris, minter)
    clock.lap("model")

    dataset = rdflib.Dataset()
    for b in [*builders, shared]:
        graph = dataset.graph(rdflib.URIRef(b.graph.value))
        for s, p, o in b.triples():
            graph.add((to_rdflib(s), to_rdflib(p), to_rdflib(o)))
    clock.lap("rdflib")

    # pySHACL validates a Dataset as the union of its graphs (what the shapes need: a record's
    # nodes are typed and labelled partly in the shared graph). It copies it to mix in the ontology.
    conforms, report, _text = pyshacl.validate(
        dataset, shacl_graph=shapes_graph(config.base), ont_graph=ontology_graph(config.base),
        inference="none", advanced=False, allow_warnings=True)
    violations = len(set(report.objects(None, rdflib.URIRef("http://www.w3.org/ns/shacl#result"))))
    clock.lap("validate")

    (out / "records").mkdir(parents=True, exist_ok=True)
    for b in builders:
        name = b.graph.value.rstrip("/").rsplit("/", 1)[-1]
        dataset.graph(rdflib.URIRef(b.graph.value)).serialize(out / "records" / f"{name}.ttl", format="turtle")
    dataset.graph(rdflib.URIRef(shared.graph.value)).serialize(out / "entities.ttl", format="turtle")
    dataset.serialize(out / "archivekg.nq", format="nquads")
    clock.lap("publish")

    seconds = time.perf_counter() - clock.start
    quads = sum(len(b) for b in builders) + len(shared)
    return {
        "records": len(docs),
        "skipped": len(skipped),
        "triples": quads,  # quads, as the build counts them
        "conforms": bool(conforms),
        "violations": violations,
        "seconds": seconds,
        "stage_seconds": clock.stages,
        "records_per_second": len(docs) / seconds if seconds else None,
        "triples_per_second": quads / seconds if seconds else None,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The naive pipeline (one rdflib Dataset, pySHACL, rdflib writers).")
    parser.add_argument("corpus", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    print(json.dumps(run_naive(args.corpus, args.out)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
