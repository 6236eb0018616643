"""Reading RDF files for validation: any format by extension, JSON-LD strictly offline.

pyoxigraph parses (it reports line and column, and its JSON-LD parser never fetches remote
contexts); the triples are then handed to rdflib, which pyshacl needs. A JSON-LD file whose
``@context`` names a file that sits next to it (``"context.jsonld"`` or
``"https://…/context.jsonld"``) gets that context inlined; any other remote context is an error.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pyoxigraph as ox
import rdflib

from ..errors import ArchiveKGError
from ..vocab import Minter

FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG, ".jsonld": ox.RdfFormat.JSON_LD, ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML, ".owl": ox.RdfFormat.RDF_XML, ".xml": ox.RdfFormat.RDF_XML,
}
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_MINTED = re.compile(r"^(https?://[^\s<>\"]*?/)id/(" + "|".join(Minter.KINDS) + r")/")


class RDFFileError(ArchiveKGError):
    """An RDF file cannot be read (missing, unknown format, or bad syntax); carries path and line."""


def _line_of(exc: SyntaxError) -> int | None:
    if exc.lineno:
        return exc.lineno
    match = re.search(r"line (\d+)", str(exc))
    return int(match.group(1)) if match else None


def _local_context(ref: str, folder: Path) -> Any | None:
    """The ``@context`` value of a context file referred to by ``ref``, if it is local."""
    name = Path(urlparse(ref).path).name if "://" in ref else ref
    candidate = folder / name
    if not name or not candidate.is_file():
        return None
    loaded = json.loads(candidate.read_text(encoding="utf-8"))
    return loaded.get("@context", loaded) if isinstance(loaded, dict) else None


def _inline_contexts(value: Any, folder: Path) -> Any:
    if isinstance(value, str):
        local = _local_context(value, folder)
        return value if local is None else local
    if isinstance(value, list):
        return [_inline_contexts(v, folder) for v in value]
    return value


def _jsonld_source(path: Path) -> bytes:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise RDFFileError(f"not valid JSON: {exc.msg}", path=str(path), line=exc.lineno) from None
    documents = data if isinstance(data, list) else [data]
    for doc in documents:
        if isinstance(doc, dict) and "@context" in doc:
            doc["@context"] = _inline_contexts(doc["@context"], path.parent)
    return json.dumps(data).encode("utf-8")


def read_quads(path: Path, base: str | None = None) -> list[ox.Quad]:
    """Every quad of an RDF file (triples land in the default graph)."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = " ".join(sorted(FORMATS))
        raise RDFFileError(f"unknown RDF format {path.suffix or '(no extension)'!r}", path=str(path),
                           hint=f"use one of: {known}")
    if not path.is_file():
        raise RDFFileError("no such file", path=str(path))
    try:
        if fmt == ox.RdfFormat.JSON_LD:
            return list(ox.parse(_jsonld_source(path), format=fmt, base_iri=base))
        return list(ox.parse(path=str(path), format=fmt, base_iri=base))
    except SyntaxError as exc:
        message = str(exc).split(" (", 1)[0] if exc.filename else str(exc)
        hint = None
        if "remote context" in message or "LoadDocumentCallback" in message:
            hint = "remote JSON-LD contexts are not fetched; put the context file next to the data"
        raise RDFFileError(f"cannot parse: {message}", path=str(path), line=_line_of(exc),
                           hint=hint) from None
    except OSError as exc:
        raise RDFFileError(f"cannot read: {exc.strerror or exc}", path=str(path)) from None


def to_rdflib(term: Any) -> rdflib.term.Identifier:
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    if datatype == XSD_STRING:
        return rdflib.Literal(term.value)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(datatype))


def graphs_of(quads: list[ox.Quad]) -> dict[str | None, rdflib.Graph]:
    """The quads split into one rdflib Graph per graph name (None: the default graph)."""
    graphs: dict[str | None, rdflib.Graph] = {}
    for quad in quads:
        name = None if isinstance(quad.graph_name, ox.DefaultGraph) else str(quad.graph_name.value)
        graph = graphs.get(name)
        if graph is None:
            graph = graphs[name] = rdflib.Graph()
        graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    return dict(sorted(graphs.items(), key=lambda item: item[0] or ""))


def guess_base(quads: list[ox.Quad]) -> str | None:
    """The dataset base the data was minted under: the commonest prefix of ``<base>id/<kind>/``."""
    counts: Counter[str] = Counter()
    for quad in quads:
        for term in (quad.subject, quad.object):
            if isinstance(term, ox.NamedNode):
                match = _MINTED.match(term.value)
                if match:
                    counts[match.group(1)] += 1
    if not counts:
        return None
    return min(counts, key=lambda prefix: (-counts[prefix], prefix))
