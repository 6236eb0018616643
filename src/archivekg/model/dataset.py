"""The dataset description (VoID + DCAT) and the project vocabulary, as triples."""
from __future__ import annotations

from pathlib import Path

from pyoxigraph import RdfFormat, parse

from ..vocab import DCAT_NS, DCTERMS_NS, FOAF_NS, RDFS_NS, VOID_NS
from .terms import GraphBuilder, iri, typed

XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
VOCABULARIES = ("http://www.cidoc-crm.org/cidoc-crm/", "http://www.w3.org/ns/prov#", "http://www.w3.org/ns/oa#",
                "https://www.ica.org/standards/RiC/ontology#", "http://purl.org/dc/terms/",
                "http://www.w3.org/2004/02/skos/core#")


def model_vocabulary(b: GraphBuilder, path: Path, base: str) -> None:
    """The project vocabulary (relative IRIs in ``ontology/``) resolved against the base."""
    b.add_parsed(parse(path=str(path), format=RdfFormat.TURTLE, base_iri=base))


def model_void(b: GraphBuilder, *, base: str, title: str, description: str, license: str, publisher: str,
               contact: str, triples: int, entities: int, documents: int, dumps: list[str],
               subsets: dict[str, int]) -> None:
    ds = base + "dataset"
    b.a(ds, VOID_NS + "Dataset", DCAT_NS + "Dataset")
    b.text(ds, DCTERMS_NS + "title", title)
    b.text(ds, RDFS_NS + "label", title)
    b.text(ds, DCTERMS_NS + "description", description)
    b.add(ds, DCTERMS_NS + "license", iri(license))
    pub = base + "id/agent/publisher"
    b.a(pub, FOAF_NS + "Organization")
    b.text(pub, FOAF_NS + "name", publisher)
    b.text(pub, RDFS_NS + "label", publisher)
    if contact:
        b.text(pub, DCAT_NS + "contactPoint", contact)
    b.add(ds, DCTERMS_NS + "publisher", pub)
    b.text(ds, VOID_NS + "uriSpace", base + "id/")
    b.add(ds, VOID_NS + "sparqlEndpoint", base + "sparql")
    for v in VOCABULARIES:
        b.add(ds, VOID_NS + "vocabulary", v)
    b.add(ds, VOID_NS + "triples", typed(str(triples), XSD_INTEGER))
    b.add(ds, VOID_NS + "entities", typed(str(entities), XSD_INTEGER))
    b.add(ds, VOID_NS + "documents", typed(str(documents), XSD_INTEGER))
    for name in dumps:
        url = base + "dumps/" + name
        b.add(ds, VOID_NS + "dataDump", url)
        dist = base + "dataset/dump/" + name.replace(".", "-")
        b.a(dist, DCAT_NS + "Distribution")
        b.add(ds, DCAT_NS + "distribution", dist)
        b.add(dist, DCAT_NS + "downloadURL", url)
        media = {"nq": "application/n-quads", "trig": "application/trig"}[name.rsplit(".", 1)[-1]]
        b.add(dist, DCAT_NS + "mediaType", "https://www.iana.org/assignments/media-types/" + media)
        b.add(dist, DCTERMS_NS + "conformsTo", base + "shapes")
    for graph, count in sorted(subsets.items()):
        sub = ds + "/graph/" + graph
        b.a(sub, VOID_NS + "Dataset")
        b.add(ds, VOID_NS + "subset", sub)
        b.add(sub, VOID_NS + "triples", typed(str(count), XSD_INTEGER))
        b.add(sub, VOID_NS + "inDataset", ds)
        b.text(sub, RDFS_NS + "label", graph)
