"""An Extraction written out as a draft curation file for a historian to correct.

The draft is valid curation YAML: ``load_curation`` reads it back to the same items. Each item
also carries ``method``, ``confidence`` and ``passage`` (the sentence it came from) so that the
curator can judge it; the loader ignores those three keys.
"""
from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import yaml

from .curation_check import ENTITY_KINDS, ID, PROPERTY, QID, QUALIFIERS, find_all
from .records import (
    EVENT_TYPES,
    Claim,
    Document,
    Entity,
    Event,
    Extraction,
    Mention,
    Method,
    Quantity,
    Reference,
    Span,
    TimeSpan,
)
from .vocab import crm_terms, slug

Ids = dict[str, str]  # item key -> id in the draft
# What the loader accepts (curation.py checks the same on reading).
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class _Flow(list[Any]):
    """A list written on one line: ``[a, b]``."""


class _FlowMap(dict[str, Any]):
    """A mapping written on one line: ``{text: Uyghur, occurrence: 3}``."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(_Flow, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))
_Dumper.add_representer(_FlowMap, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v,
                                                                   flow_style=True))


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _squash(text: str) -> str:
    return " ".join(text.split())


def _passage(text: str, span: Span, limit: int = 300) -> str:
    """The sentence around a span, on one line, for the curator's eye."""
    start = max(text.rfind(". ", 0, span.start) + 2, text.rfind("\n", 0, span.start) + 1, 0)
    stops = [i for i in (text.find(". ", span.end), text.find("\n", span.end)) if i >= 0]
    end = min(stops) + 1 if stops else len(text)
    passage = _squash(text[min(start, span.start):max(end, span.end)])
    return passage if len(passage) <= limit else passage[: limit - 1] + "…"


def _method(m: Method) -> str:
    return f"{m.name} {m.version}".strip() + (f" ({m.rule})" if m.rule else "")


def _anchor(text: str, span: Span, *candidates: str) -> tuple[str, int] | None:
    """A text and occurrence number that the loader resolves to exactly ``span``."""
    for candidate in (*candidates, _squash(text[span.start:span.end])):
        if not candidate.strip():
            continue
        found = find_all(text, candidate)
        if span in found:
            return _squash(candidate), found.index(span) + 1
    return None


def _clean(item: dict[str, Any]) -> dict[str, Any]:
    """Leave out keys with nothing to say, so the draft reads like a hand-written file."""
    def empty(v: Any) -> bool:
        return v is None or v is False or (isinstance(v, str) and not v.strip()) or (
            isinstance(v, (list, tuple, dict)) and not v)
    return {k: v for k, v in item.items() if not empty(v)}


def _words(values: Iterable[str]) -> _Flow:
    return _Flow(dict.fromkeys(v.strip() for v in values if v.strip()))


def _assign_ids(groups: Iterable[Iterable[Any]]) -> list[Ids]:
    taken: set[str] = set()
    maps: list[Ids] = []
    for items in groups:
        ids: Ids = {}
        for item in items:
            base = item.key if ID.match(item.key) else slug(item.key)
            new, n = base, 1
            while new in taken:
                n += 1
                new = f"{base}-{n}"
            taken.add(new)
            ids[item.key] = new
        maps.append(ids)
    return maps


def _refs(keys: Iterable[str | None], ids: Ids) -> _Flow:
    return _Flow(dict.fromkeys(ids[k] for k in keys if k is not None and k in ids))


def _extras(item: Any, text: str, span: Span | None) -> dict[str, Any]:
    return {"method": _method(item.method), "confidence": item.confidence,
            "passage": _passage(text, span) if span else None}


def _mentions(e: Entity, text: str) -> _Flow:
    """Mention strings: plain when the loader finds exactly these spans, else one per occurrence."""
    spans = {m.span for m in e.mentions}
    out: list[Any] = []
    for t in dict.fromkeys(_squash(m.text) for m in e.mentions):
        found = find_all(text, t)
        mine = [s for s in found if s in spans]
        if not mine:
            continue
        standalone = [s for s in found if not any(_inside(s, o) for o in spans)]
        if mine == standalone:
            out.append(t)
        else:
            out.extend(_FlowMap(text=t, occurrence=found.index(s) + 1) for s in mine)
    return _Flow(out)


def _inside(inner: Span, outer: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end and inner != outer


def _entity(e: Entity, key: str, text: str) -> dict[str, Any]:
    span = e.mentions[0].span if e.mentions else None
    label = e.label.strip() or (_squash(e.mentions[0].text) if e.mentions else e.key)
    return _clean({"id": key, "kind": e.kind if e.kind in ENTITY_KINDS else "group", "label": label,
                   "type": e.subtype, "variants": _words(e.variants), "uncertain": _words(e.uncertain),
                   "pseudonyms": _words(e.pseudonyms), "mentions": _mentions(e, text),
                   "wikidata": e.qid if e.qid and QID.match(e.qid) else None, "note": e.note,
                   **_extras(e, text, span)})


def _located(mention: Mention | None, text: str, *candidates: str) -> dict[str, Any] | None:
    if mention is None:
        return None
    found = _anchor(text, mention.span, *candidates)
    if found is None:
        return None
    return {"text": found[0], "occurrence": found[1] if found[1] > 1 else None}


def _period(begin: str, end: str) -> tuple[str, str | None]:
    """The shortest begin/end the loader expands back to the same days."""
    if begin[5:] == "01-01" and end[5:] == "12-31" and begin[:4] == end[:4]:
        return begin[:4], None
    if begin[8:] == "01" and begin[:7] == end[:7] and _last_day(end):
        return begin[:7], None
    return begin, (end if end != begin else None)


def _last_day(day: str) -> bool:
    year, month, d = (int(x) for x in day.split("-"))
    return d == calendar.monthrange(year, month)[1]


def _date(d: TimeSpan, key: str, text: str) -> dict[str, Any] | None:
    where = _located(d.mention, text, d.text)
    if where is None or not (DAY.match(d.begin) and DAY.match(d.end)) or d.end < d.begin:
        return None
    begin, end = _period(d.begin, d.end)
    return _clean({"id": key, **where, "begin": begin, "end": end, "approximate": d.approximate,
                   "relative": d.relative, **_extras(d, text, d.mention.span if d.mention else None)})


def _quantity(q: Quantity, key: str, text: str, entities: Ids) -> dict[str, Any] | None:
    where = _located(q.mention, text, q.text)
    ranged = q.low is not None and q.high is not None and q.low <= q.high
    if where is None or not q.unit.strip() or (q.value is None) == (not ranged):
        return None
    counts = entities.get(q.counts, q.counts) if q.counts else None
    return _clean({"id": key, **where, "value": _number(q.value), "low": _number(q.low),
                   "high": _number(q.high), "unit": q.unit, "approximation": q.approximation,
                   "kind": q.kind if q.kind != "count" else None, "counts": counts,
                   **_extras(q, text, q.mention.span if q.mention else None)})


def _quote(mention: Mention | None, text: str) -> dict[str, Any]:
    where = _located(mention, text)
    return {"quote": where["text"], "occurrence": where["occurrence"]} if where else {}


def _event(ev: Event, key: str, text: str, maps: dict[str, Ids]) -> dict[str, Any]:
    ents, places = maps["entity"], maps["place"]
    return _clean({
        "id": key, "type": ev.type if ev.type in EVENT_TYPES else "event", "subtype": ev.subtype,
        "label": ev.label.strip() or f"{ev.subtype or ev.type} {key}", **_quote(ev.mention, text),
        "actors": _refs(ev.actors, ents),
        "participants": _refs(ev.participants, ents),
        "from": places.get(ev.origin or ""), "to": places.get(ev.destination or ""),
        "places": _refs(ev.places, places), "time": maps["date"].get(ev.time or ""),
        "quantities": _refs(ev.quantities, maps["quantity"]), "objects": _refs(ev.objects, maps["quantity"]),
        "addressees": _refs(ev.addressees, ents),
        "qualifiers": _Flow(q for q in ev.qualifiers if q in QUALIFIERS),
        **_extras(ev, text, ev.mention.span if ev.mention else None)})


def _claim(c: Claim, key: str, text: str, maps: dict[str, Ids]) -> dict[str, Any] | None:
    subject = maps["entity"].get(c.subject) or maps["event"].get(c.subject)
    valid = PROPERTY.match(c.property) and (not re.match(r"^P\d", c.property) or c.property in crm_terms())
    if subject is None or not valid or not c.value.strip():
        return None  # nothing the loader could check it against
    value = next((m[c.value] for m in maps.values() if c.value in m), c.value)
    return _clean({"id": key, "subject": subject, "property": c.property, "value": value,
                   **_quote(c.mention, text), "qualifiers": _Flow(q for q in c.qualifiers if q in QUALIFIERS),
                   **_extras(c, text, c.mention.span if c.mention else None)})


def _reference(r: Reference, key: str, text: str, maps: dict[str, Ids]) -> dict[str, Any] | None:
    quote = _quote(r.mention, text)
    if not quote:
        return None
    return _clean({"id": key, **quote, "entities": _refs(r.entities, maps["entity"]),
                   "dates": _refs(r.dates, maps["date"]), "quantities": _refs(r.quantities, maps["quantity"]),
                   "method": _method(r.method), "passage": _passage(text, r.mention.span)})


def to_draft_yaml(extraction: Extraction, doc: Document) -> str:
    """The extraction as a curation file the loader accepts; a starting point for a curator."""
    x, text = extraction, doc.text
    ent_ids, date_ids, qty_ids, ev_ids, claim_ids, ref_ids = _assign_ids(
        (x.entities, x.dates, x.quantities, x.events, x.claims, x.references))
    # Dates and quantities the loader could not anchor are left out, and so are references to them.
    dates = {d.key: _date(d, date_ids[d.key], text) for d in x.dates}
    quantities = {q.key: _quantity(q, qty_ids[q.key], text, ent_ids) for q in x.quantities}
    maps = {"entity": ent_ids,
            "place": {e.key: ent_ids[e.key] for e in x.entities if e.kind == "place"},
            "date": {k: v for k, v in date_ids.items() if dates[k]},
            "quantity": {k: v for k, v in qty_ids.items() if quantities[k]},
            "event": ev_ids}
    claims = [_claim(c, claim_ids[c.key], text, maps) for c in x.claims]
    refs = [_reference(r, ref_ids[r.key], text, maps) for r in x.references]
    deletions: dict[str, list[str]] = {}
    plural = {"entity": "entities", "date": "dates", "quantity": "quantities", "event": "events",
              "claim": "claims"}
    for d in x.deletions:
        deletions.setdefault(plural.get(d.what, d.what), []).append(d.match)
    data = {"record": doc.record_id, "complete": x.complete, **_clean({
        "author": ent_ids.get(x.author or ""), "addressees": _refs(x.addressees, ent_ids),
        "entities": [_entity(e, ent_ids[e.key], text) for e in x.entities],
        "dates": [d for d in dates.values() if d], "quantities": [q for q in quantities.values() if q],
        "events": [_event(e, ev_ids[e.key], text, maps) for e in x.events],
        "claims": [c for c in claims if c], "references": [r for r in refs if r],
        "delete": {k: _Flow(v) for k, v in deletions.items()}})}
    header = (f"# Draft curation of record {doc.record_id}: {_squash(doc.title)}\n"
              "# Check each item against the text, correct or remove it, then save this file next to\n"
              "# the record as <record name>.curation.yaml. 'method', 'confidence' and 'passage' are\n"
              "# for your information only and may stay or go.\n")
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return header + body
