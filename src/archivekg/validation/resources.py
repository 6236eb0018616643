"""The shapes and the class hierarchy, parsed once per process and per dataset base.

Both project files use relative IRIs, so they are parsed with the dataset base; the cache is
keyed by that base. The validator needs only the class hierarchy from the ontologies (to reach
subclass instances without inference), so the CIDOC-CRM RDFS is reduced to its
``rdfs:subClassOf`` and class declarations: pyshacl copies the ontology into every data graph it
validates, and the labels, comments and property axioms would only slow that copy.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pyoxigraph
import rdflib
from rdflib.namespace import RDF, RDFS

from ..errors import ArchiveKGError
from ..vocab import CRM_RDFS, PROJECT_VOCAB, SHAPES_DIR

SHAPES_FILE = SHAPES_DIR / "archivekg.shacl.ttl"
SHAPES_NS = "shapes#"  # relative to the base, like the vocabulary's "vocab#"


def normalise_base(base: str) -> str:
    return base if base.endswith("/") else base + "/"


def _parse(path: Path, fmt: str, base: str | None = None) -> rdflib.Graph:
    try:
        return rdflib.Graph().parse(path, format=fmt, publicID=base)
    except FileNotFoundError:
        raise ArchiveKGError("file is missing from the installation", path=str(path)) from None
    except Exception as exc:  # rdflib raises many unrelated types for syntax errors
        raise ArchiveKGError(f"cannot parse: {exc}", path=str(path)) from None


@lru_cache(maxsize=8)
def shapes_graph(base: str) -> rdflib.Graph:
    """The project shapes with relative IRIs resolved on ``base``."""
    return _parse(SHAPES_FILE, "turtle", normalise_base(base))


@lru_cache(maxsize=8)
def vocabulary_graph(base: str) -> rdflib.Graph:
    """The project vocabulary (ontology/archivekg.ttl) resolved on ``base``."""
    return _parse(PROJECT_VOCAB, "turtle", normalise_base(base))


@lru_cache(maxsize=1)
def _crm_hierarchy() -> rdflib.Graph:
    # pyoxigraph reads the 430 kB RDF/XML about ten times faster than rdflib: this parse was most
    # of the fixed cost of every worker process of a build.
    try:
        parsed = list(pyoxigraph.parse(path=str(CRM_RDFS), format=pyoxigraph.RdfFormat.RDF_XML))
    except FileNotFoundError:
        raise ArchiveKGError("file is missing from the installation", path=str(CRM_RDFS)) from None
    except (SyntaxError, ValueError, OSError) as exc:
        raise ArchiveKGError(f"cannot parse: {exc}", path=str(CRM_RDFS)) from None
    sub_class, rdf_type, rdfs_class = str(RDFS.subClassOf), str(RDF.type), str(RDFS.Class)
    hierarchy = rdflib.Graph()
    for t in parsed:
        s, p, o = t.subject, t.predicate.value, t.object
        if not isinstance(s, pyoxigraph.NamedNode) or not isinstance(o, pyoxigraph.NamedNode):
            continue
        if p == sub_class or (p == rdf_type and o.value == rdfs_class):
            hierarchy.add((rdflib.URIRef(s.value), rdflib.URIRef(p), rdflib.URIRef(o.value)))
    return hierarchy


@lru_cache(maxsize=8)
def ontology_graph(base: str) -> rdflib.Graph:
    """CIDOC-CRM class hierarchy plus the project vocabulary's class-level statements."""
    graph = rdflib.Graph()
    for triple in _crm_hierarchy():
        graph.add(triple)
    vocab = vocabulary_graph(base)
    for triple in vocab.triples((None, RDFS.subClassOf, None)):
        graph.add(triple)
    for triple in vocab.triples((None, RDF.type, RDFS.Class)):
        graph.add(triple)
    return graph


@lru_cache(maxsize=8)
def subclasses(base: str) -> dict[str, frozenset[str]]:
    """Every class IRI mapped to itself and all its subclasses (transitively)."""
    graph = ontology_graph(base)
    direct: dict[str, set[str]] = {}
    for sub_node, sup_node in graph.subject_objects(RDFS.subClassOf):
        direct.setdefault(str(sup_node), set()).add(str(sub_node))
    closure: dict[str, frozenset[str]] = {}
    for cls in sorted(set(direct) | {s for subs in direct.values() for s in subs}):
        seen = {cls}
        todo = [cls]
        while todo:
            for sub in direct.get(todo.pop(), ()):
                if sub not in seen:
                    seen.add(sub)
                    todo.append(sub)
        closure[cls] = frozenset(seen)
    return closure
