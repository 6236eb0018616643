"""HTML pages: records, entities, events, claims, any other resource, lists, timeline, map, search."""
from __future__ import annotations

import itertools
from collections import Counter
from html import escape

from . import views
from .data import Dataset
from .html import e, ext, layout, link, qs, section, table, tags
from .map import map_svg
from .timeline import histogram_svg, timeline_svg
from .views import (
    ClaimView,
    EntityView,
    P,
    Passage,
    RecordView,
    Ref,
    claim_view,
    entity_view,
    events_of,
    incoming_rows,
    passages_about,
    places_of_events,
    property_rows,
    record_view,
)

PAGE_SIZE = 100
KIND_NAMES = {"person": "People", "place": "Places", "group": "Groups", "event": "Events", "document": "Records"}
ENTITY_KINDS = ("person", "place", "group")


def _iri_line(iri: str) -> str:
    return f'<p class="iri">IRI: {e(iri)}</p>'


def highlight(ds: Dataset, text: str, passages: list[Passage]) -> str:
    """The text with every annotated passage marked and linked to what it is evidence for."""
    spans = []
    for p in passages:
        start, end = p.start, p.end
        if start is None or end is None or text[start:end] != p.exact:
            start = text.find(p.exact) if p.exact else -1  # offsets that disagree: trust the quote
            end = start + len(p.exact)
        if 0 <= start < end <= len(text):
            spans.append((start, end, p))
    bounds = sorted({0, len(text)} | {s for s, _, _ in spans} | {x for _, x, _ in spans})
    out = []
    for a, b in itertools.pairwise(bounds):
        covering = [p for s, x, p in spans if s <= a and b <= x]
        seg = escape(text[a:b])
        if not covering:
            out.append(seg)
            continue
        narrow = min(covering, key=lambda p: (len(p.exact), p.annotation))
        about = "; ".join(dict.fromkeys(r.label for p in covering for r in p.bodies))
        target = narrow.bodies[0] if narrow.bodies else None
        inner = f'<a href="{e(ds.href(target.iri))}">{seg}</a>' if target else seg
        out.append(f'<mark title="{e(about)}">{inner}</mark>')
    return '<div class="text">' + "".join(out) + "</div>"


def passage_html(p: Passage) -> str:
    return (f"<blockquote>{'…' if p.prefix else ''}{e(p.prefix)}<mark>{e(p.exact)}</mark>"
            f"{e(p.suffix)}{'…' if p.suffix else ''}</blockquote>")


def passages_table(ds: Dataset, passages: list[Passage]) -> str:
    rows = [[passage_html(p), tags(ds, p.bodies)] for p in passages]
    return table(["Passage", "Evidence for"], rows)


def statement(ds: Dataset, c: ClaimView) -> str:
    return f"{link(ds, c.subject)} — {e(c.prop.label) if c.prop else '?'} — {link(ds, c.value)}"


def claims_table(ds: Dataset, claims: list[ClaimView], total: int | None = None, page: int = 0,
                 path: str = "") -> str:
    rows = []
    for c in claims:
        quote = "".join(passage_html(p) for p in c.passages[:2])
        sources = "<br>".join(f"{link(ds, d)}<br><span class=\"muted\">{e(cite)}</span>" for d, cite in c.documents)
        rows.append([f"{statement(ds, c)}<br><a href=\"{e(ds.href(c.ref.iri))}\">claim</a>",
                     tags(ds, c.qualifiers), link(ds, c.claimant) + (f"<br>{e(c.when)}" if c.when else ""),
                     quote, sources])
    more = ""
    if total is not None and total > len(claims):
        # Every claim stays on the page, a page of them at a time.
        first = page * views.CLAIM_CAP
        links = []
        if page > 0:
            links.append(f'<a href="{e(path)}?page={page - 1}#claims" rel="prev">Previous claims</a>')
        if first + len(claims) < total:
            links.append(f'<a href="{e(path)}?page={page + 1}#claims" rel="next">More claims</a>')
        more = (f'<nav aria-label="Claims"><p>Claims {first + 1}–{first + len(claims)} of {total}. '
                f'{" ".join(links)}</p></nav>')
    return table(["Statement", "Qualifiers", "Claimed by", "Quote", "Source"], rows) + more


def timeline_section(ds: Dataset, events: list, title: str, heading: str = "Timeline") -> str:
    if not events:
        return ""
    svg = timeline_svg(events, ds.href, title)
    rows = [[link(ds, Ref(d.iri, d.label)), e(d.span_label), e(d.begin), e(d.end)] for d in events]
    return section(heading, f"<figure>{svg}</figure>" + table(["Event", "When (as written)", "From", "To"], rows),
                   "timeline")


def map_section(ds: Dataset, places: list, title: str) -> str:
    if not places:
        return ""
    rows = [[link(ds, Ref(p.iri, p.label)), f"{p.lat:.4f}", f"{p.lon:.4f}"] for p in places]
    return section("Map", f"<figure>{map_svg(places, ds.href, title)}<figcaption class=\"muted\">Coordinates "
                   "from reconciled Wikidata matches; graticule only, no base map.</figcaption></figure>"
                   + table(["Place", "Latitude", "Longitude"], rows), "map")


def description_section(ds: Dataset, iri: str, open_: bool = False, incoming: bool = True) -> str:
    """Every statement about the resource; links into it too, where no other section lists them."""
    rows = [[f'<span title="{e(p.iri)}">{e(p.label)}</span>', "<br>".join(link(ds, v) for v in values)]
            for p, values in property_rows(ds, iri)]
    inc = [[link(ds, s), e(p.label)] for s, p in incoming_rows(ds, iri)] if incoming else []
    body = table(["Property", "Value"], rows)
    if inc:
        body += "<h3>Linked from</h3>" + table(["Resource", "Property"], inc)
    graphs = ds.graphs_of(iri)
    if graphs:
        body += "<p>In graphs: " + ", ".join(f'<a href="{e(ds.href(g))}">{e(g)}</a>' for g in graphs) + "</p>"
    return f"<details{' open' if open_ else ''}><summary>All statements</summary>{body}</details>"


# --- resource pages --------------------------------------------------------------------------------

def record_page(ds: Dataset, iri: str, doc_path: str) -> str:
    v: RecordView = record_view(ds, iri)
    facts = [[e(k), e(val)] for k, val in v.fields]
    if v.author:
        facts.append(["Author", link(ds, v.author)])
    if v.archive:
        facts.append(["Archive", tags(ds, v.archive)])
    if v.source:
        facts.append(["Source", ext(v.source)])
    body = [f"<h1>{e(v.ref.label)}</h1>", _iri_line(iri),
            f"<section><h2>Citation</h2><p>{e(v.citation)}</p></section>" if v.citation else "",
            table(["", ""], facts) if facts else "",
            f"<section><h2>Summary</h2><p>{e(v.abstract)}</p></section>" if v.abstract else ""]
    if v.full_text:
        body.append(section("Text", "<p class=\"muted\">Marked passages link to the entity, event or claim "
                            "they are evidence for.</p>" + highlight(ds, v.full_text, v.passages), "text"))
    if v.passages:
        body.append(section("Annotated passages", passages_table(ds, v.passages), "passages"))
    groups = {k: [r for r in v.entities if r.kind == k] for k in ENTITY_KINDS}
    ent = "".join(f"<h3>{KIND_NAMES[k]}</h3><p>{tags(ds, refs)}</p>" for k, refs in groups.items() if refs)
    body.append(section("Mentioned", ent))
    body.append(section("Claims made in this record", claims_table(ds, v.claims), "claims"))
    body.append(timeline_section(ds, v.events, f"Events in record {v.ref.label}"))
    body.append(map_section(ds, v.places, f"Places mentioned in {v.ref.label}"))
    body.append(description_section(ds, iri, incoming=False))
    return layout(ds, v.ref.label, "".join(body), doc_path=doc_path)


def entity_page(ds: Dataset, iri: str, doc_path: str, page: int = 0) -> str:
    v: EntityView = entity_view(ds, iri, page)
    names = [[e(form), link(ds, typ) if typ else ""] for form, typ in v.appellations]
    body = [f"<h1>{e(v.ref.label)}</h1>", _iri_line(iri), f"<p>{tags(ds, v.types)}</p>"]
    if v.alt_labels:
        body.append(f"<p>Also written: {', '.join(e(a) for a in v.alt_labels)}</p>")
    if v.wikidata:
        body.append("<p>Same as: " + ", ".join(ext(w, "Wikidata " + w.rsplit("/", 1)[-1]) for w in v.wikidata)
                    + "</p>")
    body.append(section("Names", table(["Name as written", "Kind of name"], names), "names"))
    body.append(section("Claims", claims_table(ds, v.claims, v.claims_total, v.claims_page, doc_path), "claims"))
    body.append(map_section(ds, v.places, f"Places of {v.ref.label}"))
    body.append(timeline_section(ds, v.events, f"Events involving {v.ref.label}"))
    recs = [[e(date), link(ds, r)] for date, r in v.records]
    note = f"<p>{v.records_total} records mention {e(v.ref.label)}" if v.records_total else ""
    if note:
        note += f"; the first {len(recs)} by record number:</p>" if v.records_total > len(recs) else ".</p>"
    body.append(section("Records that mention it", note + table(["Date", "Record"], recs), "records"))
    body.append(description_section(ds, iri, incoming=False))
    return layout(ds, v.ref.label, "".join(body), doc_path=doc_path)


def event_page(ds: Dataset, iri: str, doc_path: str) -> str:
    label = ds.label(iri)
    dated = ds.dated(iri)
    about = ds.subjects(P["P140_assigned_attribute_to"], iri)
    claims = [claim_view(ds, c) for c in about if ds.kind(c) == "claim"]
    types = [Ref(t, ds.label(t)) for t in ds.types(iri)]
    body = [f"<h1>{e(label)}</h1>", _iri_line(iri), f"<p>{tags(ds, types)}</p>",
            description_section(ds, iri, open_=True),
            section("Claims about this event", claims_table(ds, claims), "claims"),
            section("Passages", passages_table(ds, passages_about(ds, iri)), "passages"),
            timeline_section(ds, [dated] if dated else [], f"When: {label}"),
            map_section(ds, places_of_events(ds, [iri]), f"Where: {label}")]
    return layout(ds, label, "".join(body), doc_path=doc_path)


def claim_page(ds: Dataset, iri: str, doc_path: str) -> str:
    c = claim_view(ds, iri)
    facts = [["Statement", statement(ds, c)], ["Claimed by", link(ds, c.claimant)], ["When claimed", e(c.when)],
             ["Qualifiers", tags(ds, c.qualifiers)],
             ["Source", "<br>".join(f"{link(ds, d)} — {e(cite)}" for d, cite in c.documents)]]
    body = [f"<h1>{e(c.ref.label)}</h1>", _iri_line(iri), table(["", ""], facts),
            section("Quoted from the source", "".join(passage_html(p) for p in c.passages), "passages"),
            description_section(ds, iri)]
    return layout(ds, c.ref.label, "".join(body), doc_path=doc_path)


def generic_page(ds: Dataset, iri: str, doc_path: str) -> str:
    label = ds.label(iri)
    body = f"<h1>{e(label)}</h1>{_iri_line(iri)}" + description_section(ds, iri, open_=True)
    return layout(ds, label, body, doc_path=doc_path)


def resource_page(ds: Dataset, iri: str, doc_path: str, page: int = 0) -> str:
    kind = ds.kind(iri)
    render = {"document": record_page, "person": entity_page, "place": entity_page, "group": entity_page,
              "event": event_page, "claim": claim_page}.get(kind, generic_page)
    if render is entity_page:
        return entity_page(ds, iri, doc_path, page)
    return render(ds, iri, doc_path)


# --- lists, search, timeline, map --------------------------------------------------------------

def _pager(ds: Dataset, path: str, page: int, total: int, **params: str) -> str:
    last = max(0, (total - 1) // PAGE_SIZE)
    links = []
    if page > 0:
        links.append(f'<a href="{e(ds.prefix + path + qs(**params, page=page - 1))}" rel="prev">Previous</a>')
    if page < last:
        links.append(f'<a href="{e(ds.prefix + path + qs(**params, page=page + 1))}" rel="next">Next</a>')
    return f'<nav aria-label="Pages"><p>Page {page + 1} of {last + 1}. {" ".join(links)}</p></nav>'


def home_page(ds: Dataset) -> str:
    kinds = Counter(kind for _, kind in {(r[2], r[3]) for r in ds.search_index})
    counts = [[f'<a href="{e(ds.prefix)}browse/{k}">{KIND_NAMES[k]}</a>', str(kinds.get(k, 0))]
              for k in ("person", "place", "group", "event")]
    counts.insert(0, [f'<a href="{e(ds.prefix)}records">Records</a>', str(len(ds.records_index))])
    recent = [[e(d), link(ds, Ref(iri, title))] for d, iri, title in ds.records_index[:20]]
    body = (f"<h1>{e(ds.title)}</h1><p>Archival records as linked data: who, where, when and what the "
            "documents claim, each claim tied to its passage.</p>" + table(["What", "How many"], counts)
            + section("Records", table(["Date", "Title"], recent)))
    return layout(ds, "Home", body)


def records_page(ds: Dataset, page: int) -> str:
    rows = ds.records_index[page * PAGE_SIZE:(page + 1) * PAGE_SIZE]
    body = "<h1>Records</h1>" + table(["Date", "Title"], [[e(d), link(ds, Ref(i, t))] for d, i, t in rows])
    return layout(ds, "Records", body + _pager(ds, "records", page, len(ds.records_index)))


def browse_page(ds: Dataset, kind: str, page: int) -> str:
    seen: dict[str, str] = {}
    for _, _, iri, k in ds.search_index:
        if k == kind and iri not in seen:
            seen[iri] = ds.label(iri)
    items = sorted(seen.items(), key=lambda kv: (kv[1].casefold(), kv[0]))
    rows = [[link(ds, Ref(i, label))] for i, label in items[page * PAGE_SIZE:(page + 1) * PAGE_SIZE]]
    title = KIND_NAMES.get(kind, kind)
    return layout(ds, title, f"<h1>{e(title)}</h1>" + table(["Name"], rows) + _pager(ds, "browse/" + kind, page,
                                                                                       len(items)))


def search_page(ds: Dataset, q: str) -> str:
    hits = ds.search(q) if q else []
    rows = [[link(ds, Ref(iri, label)), e(kind)] for iri, label, kind in hits]
    msg = f"<p>{len(hits)} results for “{e(q)}”.</p>" if q else "<p>Type a name or a word from a title.</p>"
    body = "<h1>Search</h1>" + msg + table(["Name", "Kind"], rows)
    return layout(ds, f"Search {q}" if q else "Search", body, query=q)


def timeline_page(ds: Dataset, year: str) -> str:
    events = ds.timeline_index
    by_year = Counter(d.begin[:4] for d in events)
    bins = sorted(by_year.items())
    hist = histogram_svg(bins, "Events per year")
    years = [[f'<a href="{e(ds.prefix + "timeline" + qs(year=y))}">{e(y)}</a>', str(n)] for y, n in bins]
    body = f"<h1>Timeline</h1><figure>{hist}</figure>" + table(["Year", "Events"], years)
    if year:
        chosen = [d for d in events if d.begin[:4] == year]
        body += (timeline_section(ds, chosen, f"Events of {year}", f"Events of {year}")
                 or f"<p>No dated events in {e(year)}.</p>")
    return layout(ds, "Timeline", body)


def map_page(ds: Dataset) -> str:
    body = "<h1>Map of places</h1>" + (map_section(ds, ds.places_index, "Places with coordinates")
                                        or "<p>No place has coordinates yet.</p>")
    return layout(ds, "Map", body)


def error_page(ds: Dataset, status: int, message: str) -> str:
    return layout(ds, f"Error {status}", f'<h1>Error {status}</h1><p class="error" role="alert">{e(message)}</p>')


__all__ = ["browse_page", "entity_view", "error_page", "events_of", "home_page", "map_page", "records_page",
           "resource_page", "search_page", "timeline_page"]
