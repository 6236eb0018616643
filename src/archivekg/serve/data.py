"""Read access to the published dataset for pages: labels, descriptions, and a few lazy indexes.

Everything here reads the store with ``quads_for_pattern`` (no SPARQL parsing on the page path)
and only what publish wrote. The dataset never changes while the server runs, so the indexes
(search, timeline, map) are built once, on first use or by :meth:`Dataset.warm`.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from urllib.parse import urlsplit

import pyoxigraph as ox

from ..store import data_fingerprint
from ..vocab import CRM_NS, DCTERMS_NS, GEO_NS, LA_NS, OA_NS, PREFIXES, RDF_NS, RDFS_NS, SKOS_NS

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
N = ox.NamedNode
TYPE = N(RDF_NS + "type")
LABEL = N(RDFS_NS + "label")
ALT = N(SKOS_NS + "altLabel")
ASWKT = N(GEO_NS + "asWKT")
HAS_GEOMETRY = N(GEO_NS + "hasGeometry")
TIMESPAN = N(CRM_NS + "P4_has_time-span")
BEGIN = N(CRM_NS + "P82a_begin_of_the_begin")
END = N(CRM_NS + "P82b_end_of_the_end")
DATE = N(DCTERMS_NS + "date")
MATCHES = (N(SKOS_NS + "exactMatch"), N(LA_NS + "equivalent"))
HAS_SOURCE = N(OA_NS + "hasSource")
SEARCH_KINDS = ("person", "place", "group", "document", "event")
INCOMING_CAP = 500
PROPS_CACHE = 50_000  # nodes whose properties are kept in memory (a few KB each)
_WKT_POINT = re.compile(r"POINT\s*\(\s*([-+0-9.eE]+)\s+([-+0-9.eE]+)\s*\)", re.I)


@dataclass(frozen=True)
class Place:
    iri: str
    label: str
    lon: float
    lat: float


@dataclass(frozen=True)
class Dated:
    """An event with its time-span, for timelines."""

    iri: str
    label: str
    begin: str  # ISO date (YYYY-MM-DD)
    end: str
    span_label: str


def parse_point(wkt: str) -> tuple[float, float] | None:
    """(lon, lat) of a WKT point (an optional CRS IRI before it is allowed), if it is one."""
    m = _WKT_POINT.search(wkt)
    if not m:
        return None
    lon, lat = float(m.group(1)), float(m.group(2))
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        return None
    return lon, lat


def detect_base(data_dir: Path, store: ox.Store) -> str:
    """The base IRI of the build: from manifest.json if it says, else from the dataset graph name."""
    manifest = Path(data_dir) / "manifest.json"
    if manifest.is_file():
        try:
            base = json.loads(manifest.read_text(encoding="utf-8")).get("base")
            if isinstance(base, str) and base.startswith(("http://", "https://")):
                return base if base.endswith("/") else base + "/"
        except ValueError:
            pass
    for g in store.named_graphs():
        if isinstance(g, ox.NamedNode) and "/graph/" in g.value:
            return g.value[: g.value.rindex("/graph/") + 1]
    return "https://archivekg.example.org/"


def read_prefixes(data_dir: Path, base: str) -> dict[str, str]:
    """Prefixes of the project context (context.jsonld), falling back to the project's own."""
    prefixes = dict(PREFIXES)
    path = Path(data_dir) / "context.jsonld"
    try:
        ctx = json.loads(path.read_text(encoding="utf-8")).get("@context", {})
        if isinstance(ctx, dict):
            prefixes.update({k: v for k, v in ctx.items() if isinstance(v, str) and not k.startswith("@")
                             and v.startswith(("http://", "https://"))})
    except (OSError, ValueError, AttributeError):
        pass  # no or unreadable context: the project's prefixes are enough to write with
    prefixes.setdefault("vocab", base + "vocab#")
    return prefixes


def short_name(iri: str) -> str:
    """A readable fallback label: the last segment of an IRI, underscores as spaces."""
    tail = re.split(r"[#/]", iri.rstrip("/#"))[-1] or iri
    return tail.replace("_", " ")


class Dataset:
    """The published graphs, read through one store, with the base IRI mapped onto local paths."""

    def __init__(self, data_dir: Path, store: ox.Store, base: str | None = None, prefix: str = "/") -> None:
        self.dir = Path(data_dir)
        self.store = store
        self.base = base if base else detect_base(self.dir, store)
        if not self.base.endswith("/"):
            self.base += "/"
        self.prefix = prefix  # the local path the base maps onto ("/" for the server)
        self.prefixes = read_prefixes(self.dir, self.base)
        self.entities_graph = N(self.base + "graph/entities")
        self._labels: dict[str, str] = {}
        self._props: dict[str, dict[str, tuple[Term, ...]]] = {}

    @cached_property
    def fingerprint(self) -> str:
        return data_fingerprint(self.dir)

    @cached_property
    def title(self) -> str:
        """The dataset title from the dataset graph, for page headers."""
        for q in self.quads(None, N(DCTERMS_NS + "title"), None, N(self.base + "graph/dataset")):
            if isinstance(q.object, ox.Literal):
                return q.object.value
        return "archivekg"

    # -- IRIs and local paths --------------------------------------------------------------------

    def iri(self, local_path: str) -> str:
        return self.base + local_path[len(self.prefix):]

    def local(self, iri: str) -> str | None:
        """The local path of an IRI under the base (fragment kept), else None."""
        if iri.startswith(self.base):
            return self.prefix + iri[len(self.base):]
        return None

    def href(self, iri: str) -> str:
        """Where a link to ``iri`` should point: its page under /doc/ when it is ours."""
        local = self.local(iri)
        if local is None:
            return iri
        rest = local[len(self.prefix):]
        if rest.startswith("id/"):
            return self.prefix + "doc/" + rest[3:]
        return local

    def kind(self, iri: str) -> str:
        """The IRI kind (person, place, claim, ...) for ``<base>id/<kind>/...``, else ''."""
        if iri.startswith(self.base + "id/"):
            return iri[len(self.base) + 3:].split("/", 1)[0]
        return ""

    @property
    def base_path(self) -> str:
        return urlsplit(self.base).path or "/"

    # -- reading ----------------------------------------------------------------------------------

    def quads(self, s: str | None = None, p: ox.NamedNode | None = None, o: Term | str | None = None,
              g: ox.NamedNode | None = None) -> Iterable[ox.Quad]:
        obj = N(o) if isinstance(o, str) else o
        return self.store.quads_for_pattern(N(s) if s else None, p, obj, g)

    def props(self, s: str) -> dict[str, tuple[Term, ...]]:
        """Every property of ``s`` over all graphs (distinct objects, stable order), read in one pass.

        Pages ask for several properties of the same node; one store scan per node (cached, the
        data never change while serving) is much cheaper than one scan per property. A dict read
        is atomic, so hits take no lock; when the cache is full it starts again.
        """
        hit = self._props.get(s)
        if hit is not None:
            return hit
        found: dict[str, set[Term]] = {}
        for q in self.store.quads_for_pattern(N(s), None, None, None):
            found.setdefault(q.predicate.value, set()).add(q.object)
        result = {p: tuple(sorted(v, key=str)) for p, v in found.items()}
        if len(self._props) >= PROPS_CACHE:
            self._props.clear()
        self._props[s] = result
        return result

    def objects(self, s: str, p: ox.NamedNode) -> list[Term]:
        """Distinct objects over all graphs, in a stable order."""
        return list(self.props(s).get(p.value, ()))

    def iris(self, s: str, p: ox.NamedNode) -> list[str]:
        return [t.value for t in self.objects(s, p) if isinstance(t, ox.NamedNode)]

    def literal(self, s: str, p: ox.NamedNode) -> str | None:
        values = [t.value for t in self.objects(s, p) if isinstance(t, ox.Literal)]
        return values[0] if values else None

    def subjects(self, p: ox.NamedNode, o: str, cap: int | None = None) -> list[str]:
        found: set[str] = set()
        for q in self.quads(None, p, o):
            if isinstance(q.subject, ox.NamedNode):
                found.add(q.subject.value)
                if cap and len(found) >= cap:
                    break
        return sorted(found)

    def exists(self, iri: str) -> bool:
        return next(iter(self.quads(iri)), None) is not None

    def types(self, iri: str) -> list[str]:
        return self.iris(iri, TYPE)

    def label(self, iri: str) -> str:
        """One label: the shared (entities graph) one first, else the first in order, else a short name."""
        hit = self._labels.get(iri)
        if hit is not None:
            return hit
        if not iri.startswith(("http://", "https://", "urn:")):
            return iri
        labels = [(q.graph_name != self.entities_graph, q.object.value) for q in self.quads(iri, LABEL)
                  if isinstance(q.object, ox.Literal)]
        text = min(labels)[1] if labels else short_name(iri)
        if len(self._labels) >= 200_000:
            self._labels.clear()
        self._labels[iri] = text
        return text

    def alt_labels(self, iri: str) -> list[str]:
        return sorted({t.value for t in self.objects(iri, ALT) if isinstance(t, ox.Literal)})

    def outgoing(self, iri: str) -> list[ox.Triple]:
        return sorted({q.triple for q in self.quads(iri)}, key=str)

    def incoming(self, iri: str, cap: int = INCOMING_CAP) -> list[ox.Triple]:
        found: set[ox.Triple] = set()
        for q in self.quads(None, None, iri):
            found.add(q.triple)
            if len(found) >= cap:
                break
        return sorted(found, key=str)

    def describe(self, iri: str) -> list[ox.Triple]:
        """What a client gets for an IRI: its own triples and (up to a cap) the links into it."""
        return sorted(set(self.outgoing(iri)) | set(self.incoming(iri)), key=str)

    def graphs_of(self, iri: str) -> list[str]:
        return sorted({q.graph_name.value for q in self.quads(iri) if isinstance(q.graph_name, ox.NamedNode)})

    def record_graphs(self) -> list[str]:
        prefix = self.base + "graph/record/"
        return sorted(g.value for g in self.store.named_graphs()
                      if isinstance(g, ox.NamedNode) and g.value.startswith(prefix))

    def point(self, iri: str) -> tuple[float, float] | None:
        wkts = [t.value for t in self.objects(iri, ASWKT) if isinstance(t, ox.Literal)]
        for geom in self.iris(iri, HAS_GEOMETRY):
            wkts += [t.value for t in self.objects(geom, ASWKT) if isinstance(t, ox.Literal)]
        for wkt in sorted(wkts):
            point = parse_point(wkt)
            if point:
                return point
        return None

    def wikidata(self, iri: str) -> list[str]:
        found = {t.value for p in MATCHES for t in self.objects(iri, p) if isinstance(t, ox.NamedNode)}
        return sorted(found)

    def time_span(self, span: str) -> tuple[str, str] | None:
        begin = self.literal(span, BEGIN)
        end = self.literal(span, END)
        if not begin and not end:
            return None
        return (begin or end or "")[:10], (end or begin or "")[:10]

    def dated(self, event: str) -> Dated | None:
        for span in self.iris(event, TIMESPAN):
            bounds = self.time_span(span)
            if bounds:
                return Dated(event, self.label(event), bounds[0], bounds[1], self.label(span))
        return None

    # -- indexes (built once) ---------------------------------------------------------------------

    @cached_property
    def search_index(self) -> list[tuple[str, str, str, str]]:
        """(folded text, shown text, iri, kind) for the labels and variants of browsable things."""
        rows: set[tuple[str, str, str, str]] = set()
        for pred in (LABEL, ALT):
            for q in self.quads(None, pred):
                s, o = q.subject, q.object
                if isinstance(s, ox.NamedNode) and isinstance(o, ox.Literal):
                    kind = self.kind(s.value)
                    if kind in SEARCH_KINDS:
                        rows.add((o.value.casefold(), o.value, s.value, kind))
        return sorted(rows)

    def search(self, text: str, kinds: tuple[str, ...] = SEARCH_KINDS, cap: int = 50) -> list[tuple[str, str, str]]:
        """Things whose label or variant contains ``text``: exact matches, then prefixes, then the rest."""
        needle = text.casefold().strip()
        if not needle:
            return []
        best: dict[str, tuple[int, str, str]] = {}
        for folded, shown, iri, kind in self.search_index:
            if kind in kinds and needle in folded:
                rank = 0 if folded == needle else 1 if folded.startswith(needle) else 2
                if iri not in best or rank < best[iri][0]:
                    best[iri] = (rank, shown, kind)
        ordered = sorted(best.items(), key=lambda kv: (kv[1][0], self.label(kv[0]).casefold(), kv[0]))
        return [(iri, self.label(iri), kind) for iri, (_, _, kind) in ordered[:cap]]

    @cached_property
    def timeline_index(self) -> list[Dated]:
        events: list[Dated] = []
        seen: set[str] = set()
        for q in self.quads(None, TIMESPAN):
            s = q.subject
            if isinstance(s, ox.NamedNode) and self.kind(s.value) == "event" and s.value not in seen:
                seen.add(s.value)
                d = self.dated(s.value)
                if d:
                    events.append(d)
        return sorted(events, key=lambda d: (d.begin, d.end, d.label, d.iri))

    @cached_property
    def places_index(self) -> list[Place]:
        places: dict[str, Place] = {}
        subjects = {q.subject.value for q in self.quads(None, ASWKT) if isinstance(q.subject, ox.NamedNode)}
        subjects |= {q.subject.value for q in self.quads(None, HAS_GEOMETRY) if isinstance(q.subject, ox.NamedNode)}
        for s in sorted(subjects):
            if self.kind(s) != "place":
                continue
            point = self.point(s)
            if point:
                places[s] = Place(s, self.label(s), point[0], point[1])
        return sorted(places.values(), key=lambda p: (p.label.casefold(), p.iri))

    @cached_property
    def records_index(self) -> list[tuple[str, str, str]]:
        """(date, iri, title) of every record, by date."""
        out = []
        for g in self.record_graphs():
            rid = g.rsplit("/", 1)[-1]
            doc = self.base + "id/document/" + rid
            out.append((self.literal(doc, DATE) or "", doc, self.label(doc)))
        return sorted(out)

    def warm(self) -> None:
        """Build every index now (before serving), so no request pays for it."""
        _ = self.search_index, self.timeline_index, self.places_index, self.records_index, self.fingerprint
