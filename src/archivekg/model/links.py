"""Wikidata links: equivalences, the link records that justify them, and coordinates for maps."""
from __future__ import annotations

from ..records import Link
from ..vocab import DCTERMS_NS, GEO_NS, LA_NS, PROV_NS, RDFS_NS, SKOS_NS, WD_NS, slug
from .terms import XSD_DATE, GraphBuilder, decimal, typed

WKT = "http://www.opengis.net/ont/geosparql#wktLiteral"


def model_links(b: GraphBuilder, links: list[Link], labels: dict[str, str], base: str) -> None:
    vocab = base + "vocab#"
    for link in sorted(links, key=lambda x: (x.entity_iri, x.qid)):
        item = WD_NS + link.qid
        entity = link.entity_iri
        b.add(entity, SKOS_NS + "exactMatch", item)
        b.add(entity, LA_NS + "equivalent", item)
        if link.label:
            b.text(item, RDFS_NS + "label", link.label)
        record = base + "id/link/" + slug(entity.rsplit("/id/", 1)[-1]) + "-" + link.qid.lower()
        b.a(record, PROV_NS + "Entity")
        b.add(record, DCTERMS_NS + "type", vocab + ("CuratedLink" if link.method == "curator" else "AutomaticLink"))
        b.text(record, RDFS_NS + "label", f"Link of {labels.get(entity, entity)} to Wikidata {link.qid}")
        b.add(record, DCTERMS_NS + "subject", entity)
        b.add(record, vocab + "linkTarget", item)
        b.add(record, vocab + "score", decimal(round(link.score, 4)))
        b.text(record, vocab + "method", link.method)
        for name, value in link.parts:
            part = record + "/" + slug(name)
            b.add(record, vocab + "scorePart", part)
            b.text(part, RDFS_NS + "label", name)
            b.add(part, vocab + "score", decimal(round(value, 4)))
        if link.decided:
            b.add(record, DCTERMS_NS + "date", typed(link.decided[:10], XSD_DATE))
        if link.coordinates is not None:
            lon, lat = link.coordinates
            geometry = entity + "/geometry"
            b.add(entity, GEO_NS + "hasGeometry", geometry)
            b.a(geometry, GEO_NS + "Geometry")
            b.add(geometry, GEO_NS + "asWKT", typed(f"POINT({lon:.6f} {lat:.6f})", WKT))
            b.add(geometry, PROV_NS + "wasDerivedFrom", item)
