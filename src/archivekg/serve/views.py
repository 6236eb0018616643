"""What each page shows, gathered from the dataset into plain values (no HTML here)."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import pyoxigraph as ox

from ..vocab import CRM_NS, DCTERMS_NS, OA_NS, RDF_NS, RICO_NS
from .data import DATE, TIMESPAN, TYPE, Dataset, Dated, Place, short_name

N = ox.NamedNode
CLAIM_CAP = 25  # per page; the rest are a SPARQL query away
RECORD_CAP = 50
INCOMING_HTML = 40
P = {name: N(CRM_NS + name) for name in (
    "P1_is_identified_by", "P2_has_type", "P14_carried_out_by", "P11_had_participant", "P7_took_place_at",
    "P26_moved_to", "P27_moved_from", "P25_moved", "P67_refers_to", "P70i_is_documented_in",
    "P73_has_translation", "P94i_was_created_by", "P140_assigned_attribute_to",
    "P141_assigned", "P177_assigned_property_of_type", "P190_has_symbolic_content")}
OA = {name: N(OA_NS + name) for name in ("hasBody", "hasTarget", "hasSource", "hasSelector", "exact", "prefix",
                                          "suffix", "start", "end", "motivatedBy")}
DCT = {name: N(DCTERMS_NS + name) for name in ("title", "bibliographicCitation", "identifier", "source",
                                                "abstract", "language")}
INCLUDED_IN = N(RICO_NS + "isOrWasIncludedIn")
HOLDER = N(RICO_NS + "hasOrHadHolder")
# Properties through which an event involves a person, place, group or thing.
EVENT_LINKS = ("P14_carried_out_by", "P11_had_participant", "P7_took_place_at", "P26_moved_to",
               "P27_moved_from", "P25_moved")
PLACE_LINKS = ("P7_took_place_at", "P26_moved_to", "P27_moved_from")


@dataclass(frozen=True, order=True)
class Ref:
    """A link to a resource: where it points and what it is called."""

    iri: str
    label: str
    kind: str = ""


@dataclass
class Passage:
    annotation: str
    start: int | None
    end: int | None
    exact: str
    prefix: str
    suffix: str
    bodies: list[Ref] = field(default_factory=list)


@dataclass
class ClaimView:
    ref: Ref
    subject: Ref | None
    prop: Ref | None
    value: Ref | str | None
    claimant: Ref | None
    qualifiers: list[Ref]
    documents: list[tuple[Ref, str]]  # (document, citation)
    when: str
    passages: list[Passage]


@dataclass
class RecordView:
    ref: Ref
    fields: list[tuple[str, str]]
    source: str | None
    citation: str
    abstract: str
    author: Ref | None
    archive: list[Ref]
    text: Ref | None
    full_text: str | None
    passages: list[Passage]
    entities: list[Ref]
    events: list[Dated]
    claims: list[ClaimView]
    places: list[Place]


@dataclass
class EntityView:
    ref: Ref
    types: list[Ref]
    alt_labels: list[str]
    appellations: list[tuple[str, Ref | None]]
    wikidata: list[str]
    point: tuple[float, float] | None
    claims: list[ClaimView]
    claims_total: int
    claims_page: int
    records: list[tuple[str, Ref]]
    records_total: int
    events: list[Dated]
    places: list[Place]


def ref(ds: Dataset, iri: str) -> Ref:
    return Ref(iri, ds.label(iri), ds.kind(iri))


def term_ref(ds: Dataset, term: object) -> Ref | str:
    if isinstance(term, ox.NamedNode):
        return ref(ds, term.value)
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


@lru_cache(maxsize=4096)
def prop_label(iri: str) -> str:
    """``crm:P14_carried_out_by`` -> ``carried out by (P14)``; others by their last segment."""
    if iri == RDF_NS + "type":
        return "type"
    name = short_name(iri)
    if iri.startswith(CRM_NS) and " " in name:
        code, _, rest = name.partition(" ")
        return f"{rest} ({code})"
    return name


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def passage(ds: Dataset, annotation: str) -> Passage | None:
    for target in ds.iris(annotation, OA["hasTarget"]):
        exact = prefix = suffix = ""
        start = end = None
        for sel in ds.iris(target, OA["hasSelector"]):
            exact = ds.literal(sel, OA["exact"]) or exact
            prefix = ds.literal(sel, OA["prefix"]) or prefix
            suffix = ds.literal(sel, OA["suffix"]) or suffix
            start = _int(ds.literal(sel, OA["start"])) if start is None else start
            end = _int(ds.literal(sel, OA["end"])) if end is None else end
        bodies = [ref(ds, b) for b in ds.iris(annotation, OA["hasBody"])]
        return Passage(annotation, start, end, exact, prefix, suffix, bodies)
    return None


def passages_about(ds: Dataset, body: str) -> list[Passage]:
    found = [passage(ds, a) for a in ds.subjects(OA["hasBody"], body, cap=50)]
    return [p for p in found if p is not None]


def claim_view(ds: Dataset, iri: str) -> ClaimView:
    value = ds.objects(iri, P["P141_assigned"])
    docs = []
    for d in ds.iris(iri, P["P70i_is_documented_in"]):
        docs.append((ref(ds, d), ds.literal(d, DCT["bibliographicCitation"]) or ""))
    spans = ds.iris(iri, TIMESPAN)
    first = lambda name: next((ref(ds, x) for x in ds.iris(iri, P[name])), None)  # noqa: E731
    return ClaimView(
        ref=ref(ds, iri), subject=first("P140_assigned_attribute_to"),
        prop=next((Ref(p, prop_label(p)) for p in ds.iris(iri, P["P177_assigned_property_of_type"])), None),
        value=term_ref(ds, value[0]) if value else None, claimant=first("P14_carried_out_by"),
        qualifiers=[ref(ds, t) for t in ds.iris(iri, P["P2_has_type"]) if not t.endswith("SourceAssertion")],
        documents=docs, when=ds.label(spans[0]) if spans else "", passages=passages_about(ds, iri))


def claims_about(ds: Dataset, iri: str, cap: int | None = None, page: int = 0) -> tuple[list[ClaimView], int]:
    """Claims whose subject or value is ``iri`` (the first ``cap`` by IRI) and how many there are."""
    cap = cap or CLAIM_CAP
    found = set(ds.subjects(P["P140_assigned_attribute_to"], iri)) | set(ds.subjects(P["P141_assigned"], iri))
    claims = sorted(c for c in found if ds.kind(c) == "claim")
    return [claim_view(ds, c) for c in claims[page * cap:(page + 1) * cap]], len(claims)


def events_of(ds: Dataset, iri: str, cap: int = 300) -> list[Dated]:
    events: set[str] = set()
    for name in EVENT_LINKS:
        events.update(e for e in ds.subjects(P[name], iri, cap=cap) if ds.kind(e) == "event")
    dated = [d for d in (ds.dated(e) for e in sorted(events)[:cap]) if d]
    return sorted(dated, key=lambda d: (d.begin, d.end, d.label))


def places_of_events(ds: Dataset, events: list[str]) -> list[Place]:
    found: dict[str, Place] = {}
    for e in events:
        for name in PLACE_LINKS:
            for p in ds.iris(e, P[name]):
                point = ds.point(p)
                if point and p not in found:
                    found[p] = Place(p, ds.label(p), point[0], point[1])
    return sorted(found.values(), key=lambda p: p.label)


def entity_view(ds: Dataset, iri: str, page: int = 0) -> EntityView:
    apps = []
    for app in ds.iris(iri, P["P1_is_identified_by"]):
        form = ds.literal(app, P["P190_has_symbolic_content"]) or ds.label(app)
        kinds = ds.iris(app, P["P2_has_type"])
        apps.append((form, ref(ds, kinds[0]) if kinds else None))
    claims, total = claims_about(ds, iri, page=page)
    docs = [d for d in ds.subjects(P["P67_refers_to"], iri) if ds.kind(d) == "document"]
    records = sorted((ds.literal(d, DATE) or "", ref(ds, d)) for d in docs[:RECORD_CAP])
    events = events_of(ds, iri)
    point = ds.point(iri)
    places = [Place(iri, ds.label(iri), point[0], point[1])] if point else []
    places += [p for p in places_of_events(ds, [e.iri for e in events]) if p.iri != iri]
    types = [ref(ds, t) for t in ds.types(iri)] + [ref(ds, t) for t in ds.iris(iri, P["P2_has_type"])]
    return EntityView(ref(ds, iri), types, ds.alt_labels(iri), sorted(apps, key=lambda a: a[0]),
                      ds.wikidata(iri), point, claims, total, page, records, len(docs), events, places)


def record_view(ds: Dataset, iri: str) -> RecordView:
    lit = lambda key: ds.literal(iri, DCT[key]) or ""  # noqa: E731
    fields = [(name, value) for name, value in (
        ("Date", ds.literal(iri, DATE) or ""), ("Record", lit("identifier")),
        ("Original language", lit("language"))) if value]
    sources = ds.iris(iri, DCT["source"])
    author = None
    for creation in ds.iris(iri, P["P94i_was_created_by"]):
        for a in ds.iris(creation, P["P14_carried_out_by"]):
            author = ref(ds, a)
    archive = [ref(ds, i) for i in ds.iris(iri, P["P1_is_identified_by"])]
    for rs in ds.iris(iri, INCLUDED_IN):
        archive.append(ref(ds, rs))
        archive.extend(ref(ds, h) for h in ds.iris(rs, HOLDER))
    texts = ds.iris(iri, P["P73_has_translation"])
    text = ref(ds, texts[0]) if texts else None
    full_text = ds.literal(texts[0], P["P190_has_symbolic_content"]) if texts else None
    passages: list[Passage] = []
    if texts:
        for target in ds.subjects(OA["hasSource"], texts[0]):
            for ann in ds.subjects(OA["hasTarget"], target):
                p = passage(ds, ann)
                if p:
                    passages.append(p)
    passages.sort(key=lambda p: (p.start if p.start is not None else 1 << 30, p.end or 0, p.annotation))
    entities = sorted((ref(ds, e) for e in ds.iris(iri, P["P67_refers_to"])), key=lambda r: (r.kind, r.label))
    event_iris = [e for e in ds.subjects(P["P70i_is_documented_in"], iri) if ds.kind(e) == "event"]
    events = sorted((d for d in (ds.dated(e) for e in event_iris) if d), key=lambda d: (d.begin, d.label))
    claim_iris = [c for c in ds.subjects(P["P70i_is_documented_in"], iri) if ds.kind(c) == "claim"]
    places = [Place(e.iri, e.label, *pt) for e in entities if e.kind == "place" and (pt := ds.point(e.iri))]
    return RecordView(ref(ds, iri), fields, sources[0] if sources else None, lit("bibliographicCitation"),
                      lit("abstract"), author, archive, text, full_text, passages, entities, events,
                      [claim_view(ds, c) for c in claim_iris[:CLAIM_CAP]], places)


def property_rows(ds: Dataset, iri: str) -> list[tuple[Ref, list[Ref | str]]]:
    """Outgoing properties with their values, for the generic description table."""
    rows: dict[str, list[Ref | str]] = {}
    for t in ds.outgoing(iri):
        rows.setdefault(t.predicate.value, []).append(term_ref(ds, t.object))
    return [(Ref(p, prop_label(p)), values) for p, values in sorted(rows.items(), key=lambda kv: prop_label(kv[0]))]


def incoming_rows(ds: Dataset, iri: str) -> list[tuple[Ref, Ref]]:
    rows = []
    for t in ds.incoming(iri, INCOMING_HTML):
        if isinstance(t.subject, ox.NamedNode):
            rows.append((ref(ds, t.subject.value), Ref(t.predicate.value, prop_label(t.predicate.value))))
    return rows


def kind_of(ds: Dataset, iri: str) -> str:
    """Which page layout fits: by the IRI kind, else by type."""
    kind = ds.kind(iri)
    if kind:
        return kind
    types = ds.types(iri)
    return "type" if any(t.endswith(("E55_Type", "Class")) for t in types) else ""


__all__ = ["TYPE", "ClaimView", "EntityView", "Passage", "RecordView", "Ref", "claim_view", "entity_view",
           "events_of", "incoming_rows", "kind_of", "passages_about", "places_of_events", "prop_label",
           "property_rows", "record_view"]
