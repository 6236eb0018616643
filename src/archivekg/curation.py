"""Curation files: what a historian asserts a record says, checked against the record's text.

``wilson-118180.txt`` has its curation in ``wilson-118180.curation.yaml`` (format in
docs/curation.md). Loading checks every key, type, id and quotation and stops at the first
problem with one line naming the file, the line and the key.
"""
from __future__ import annotations

import calendar
import re
from pathlib import Path
from typing import Any

from .curation_check import ENTITY_KINDS, PROPERTY, QID, Checker, Map, Seq, describe, find_all, parse_yaml
from .errors import CurationError
from .merge import merge
from .records import (
    EVENT_TYPES,
    Claim,
    Deletion,
    Document,
    Entity,
    Event,
    Extraction,
    Mention,
    Quantity,
    Reference,
    Span,
    TimeSpan,
)
from .vocab import crm_terms, slug

__all__ = ["curation_path", "find_all", "load_curation", "merge"]

QUANTITY_KINDS = ("count", "weight", "duration", "length", "area", "volume", "money", "percentage")

TOP_KEYS = ("record", "complete", "author", "addressees", "entities", "dates", "quantities", "events",
            "claims", "references", "delete", "note")
ENTITY_KEYS = ("id", "kind", "label", "type", "variants", "uncertain", "pseudonyms", "mentions",
               "wikidata", "note")
MENTION_KEYS = ("text", "occurrence")
DATE_KEYS = ("id", "text", "occurrence", "begin", "end", "approximate", "relative")
QUANTITY_KEYS = ("id", "text", "occurrence", "value", "low", "high", "unit", "approximation", "kind",
                 "counts")
EVENT_KEYS = ("id", "type", "subtype", "label", "quote", "occurrence", "actors", "participants", "from",
              "to", "places", "time", "quantities", "objects", "addressees", "qualifiers")
CLAIM_KEYS = ("id", "subject", "property", "value", "quote", "occurrence", "qualifiers")
REFERENCE_KEYS = ("id", "quote", "occurrence", "entities", "dates", "quantities")
DELETE_KEYS = ("entities", "dates", "quantities", "events", "claims")

DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def curation_path(record_path: Path) -> Path:
    """Where a record's curation file sits: next to it, ``<stem>.curation.yaml``."""
    return record_path.with_name(record_path.stem + ".curation.yaml")


def curation_name(record_name: str) -> str:
    """``curation_path(...).name`` from the record's file name alone (cheaper by the thousand)."""
    dot = record_name.rfind(".")
    return (record_name[:dot] if dot > 0 else record_name) + ".curation.yaml"


# --- sections ---------------------------------------------------------------------------------

def _name(m: Map, section: str, n: int) -> str:
    ident = m.get("id")
    return f"{section} '{ident}'" if isinstance(ident, str) else f"{section} {n} (line {m.line})"


def _bounds(value: str) -> tuple[str, str] | None:
    """First and last day of YYYY, YYYY-MM or YYYY-MM-DD; None when it is no valid date."""
    match = DATE.match(value)
    if not match or int(match[1]) < 1:
        return None
    year, month, day = match.groups()
    if month is None:
        return f"{year}-01-01", f"{year}-12-31"
    if not 1 <= int(month) <= 12:
        return None
    last = calendar.monthrange(int(year), int(month))[1]
    if day is None:
        return f"{year}-{month}-01", f"{year}-{month}-{last:02d}"
    return (value, value) if 1 <= int(day) <= last else None


def _day(c: Checker, m: Map, key: str, what: str, required: bool) -> tuple[str, str] | None:
    raw = c.value(m, key, what, "a date written YYYY-MM-DD, YYYY-MM or YYYY",
                  lambda v: isinstance(v, (str, int)) and not isinstance(v, bool), required)
    if raw is None:
        return None
    bounds = _bounds(str(raw).strip())
    if bounds is None:
        c.fail(f"'{key}' of {what} is not a valid date: '{raw}'; write YYYY-MM-DD, YYYY-MM or YYYY",
               m.lines[key], key)
    return bounds


def _date(c: Checker, n: int, m: Map) -> TimeSpan:
    c.keys(m, DATE_KEYS, _name(m, "date", n))
    key, what = c.declare(m, "date", n)
    text = c.text(m, "text", what, required=True) or ""
    mention = c.locate(text, c.occurrence(m, what), what, "text", m.lines["text"], "text")
    begin = _day(c, m, "begin", what, True)
    end = _day(c, m, "end", what, False)
    assert begin is not None
    last = end[1] if end else begin[1]
    if last < begin[0]:
        c.fail(f"{what} ends ({m['end']}) before it begins ({m['begin']})", m.lines["end"], "end")
    return TimeSpan(key, text, begin[0], last, approximate=c.flag(m, "approximate", what),
                    relative=c.flag(m, "relative", what), mention=mention, method=c.method)


def _quantity(c: Checker, n: int, m: Map) -> Quantity:
    c.keys(m, QUANTITY_KEYS, _name(m, "quantity", n))
    key, what = c.declare(m, "quantity", n)
    text = c.text(m, "text", what, required=True) or ""
    mention = c.locate(text, c.occurrence(m, what), what, "text", m.lines["text"], "text")
    value, low, high = (c.number(m, k, what) for k in ("value", "low", "high"))
    if value is None and (low is None or high is None):
        c.fail(f"{what} needs 'value', or 'low' and 'high' for a range", m.line, "value")
    if value is not None and (low is not None or high is not None):
        extra = "low" if low is not None else "high"
        c.fail(f"{what} has both 'value' and '{extra}'; keep 'value', or 'low' and 'high' for a range",
               m.lines[extra], extra)
    if low is not None and high is not None and low > high:
        c.fail(f"{what}: low ({low}) is above high ({high})", m.lines["high"], "high")
    return Quantity(key, text, c.text(m, "unit", what, required=True) or "", value=value, low=low,
                    high=high, approximation=c.text(m, "approximation", what),
                    kind=c.choice(m, "kind", what, QUANTITY_KINDS) or "count",
                    counts=c.text(m, "counts", what), mention=mention, method=c.method)


def _event(c: Checker, n: int, m: Map) -> Event:
    c.keys(m, EVENT_KEYS, _name(m, "event", n))
    key, what = c.declare(m, "event", n)
    return Event(
        key, c.choice(m, "type", what, EVENT_TYPES, required=True) or "",
        c.text(m, "label", what, required=True) or "", subtype=c.text(m, "subtype", what),
        actors=c.refs_list(m, "actors", what, "entity"),
        participants=c.refs_list(m, "participants", what, "entity"),
        origin=c.ref(m, "from", what, "place"), destination=c.ref(m, "to", what, "place"),
        places=c.refs_list(m, "places", what, "place"), time=c.ref(m, "time", what, "date"),
        quantities=c.refs_list(m, "quantities", what, "quantity"),
        objects=c.refs_list(m, "objects", what, "quantity"),
        addressees=c.refs_list(m, "addressees", what, "entity"),
        qualifiers=c.qualifiers(m, what), mention=c.quote(m, what), method=c.method)


def _claim(c: Checker, n: int, m: Map) -> Claim:
    c.keys(m, CLAIM_KEYS, _name(m, "claim", n))
    key, what = c.declare(m, "claim", n)
    subject = c.ref(m, "subject", what, "subject")
    if subject is None:
        c.fail(f"{what} has no 'subject'", m.line, "subject")
    prop = c.text(m, "property", what, required=True) or ""
    if re.match(r"^P\d", prop) and prop not in crm_terms():
        c.fail(f"'{prop}' in {what} is not a CIDOC-CRM 7.1.3 property; write its full local name, such "
               f"as P107i_is_current_or_former_member_of", m.lines["property"], "property")
    if not PROPERTY.match(prop):
        c.fail(f"'{prop}' in {what} is not a property name; use letters, digits and underscores",
               m.lines["property"], "property")
    value = c.value(m, "value", what, "an id, a text or a number",
                    lambda v: isinstance(v, (str, int, float)) and not isinstance(v, bool), True)
    return Claim(key, subject, prop, str(value).strip(), qualifiers=c.qualifiers(m, what),
                 mention=c.quote(m, what), method=c.method)


def _reference(c: Checker, n: int, m: Map) -> Reference:
    c.keys(m, REFERENCE_KEYS, _name(m, "reference", n))
    if "id" in m:
        key, what = c.declare(m, "reference", n)
    else:  # references need no id; derive a readable one from the quote
        what = f"reference {n} (line {m.line})"
        quote = c.text(m, "quote", what, required=True) or ""
        base = key = "ref-" + slug(quote, 40)
        for k in range(2, 1000):
            if key not in c.ids:
                break
            key = f"{base}-{k}"
        c.ids[key] = ("reference", m.line)
    mention = c.quote(m, what, required=True)
    assert mention is not None
    return Reference(key, mention, entities=c.refs_list(m, "entities", what, "entity"),
                     dates=c.refs_list(m, "dates", what, "date"),
                     quantities=c.refs_list(m, "quantities", what, "quantity"), method=c.method)


MentionSpec = tuple[str, int | None, int]  # text, occurrence (None: every one), line


def _entity(c: Checker, n: int, m: Map) -> tuple[Entity, list[MentionSpec]]:
    c.keys(m, ENTITY_KEYS, _name(m, "entity", n))
    key, what = c.declare(m, "entity", n)
    kind = c.choice(m, "kind", what, ENTITY_KINDS, required=True) or ""
    c.ids[key] = (kind, c.ids[key][1])
    qid = c.text(m, "wikidata", what)
    if qid is not None and not QID.match(qid):
        c.fail(f"'wikidata' of {what} must be a Wikidata item id such as Q8646, not '{qid}'",
               m.lines["wikidata"], "wikidata")
    entity = Entity(key, kind, c.text(m, "label", what, required=True) or "",
                    subtype=c.text(m, "type", what), variants=c.texts(m, "variants", what),
                    uncertain=c.texts(m, "uncertain", what), pseudonyms=c.texts(m, "pseudonyms", what),
                    method=c.method, note=c.text(m, "note", what), qid=qid)
    return entity, _mention_specs(c, m, what)


def _mention_specs(c: Checker, m: Map, what: str) -> list[MentionSpec]:
    items = m.get("mentions")
    if items is None:
        return []
    if not isinstance(items, Seq):
        c.fail(f"'mentions' of {what} must be a list of texts, not {describe(items)}",
               m.lines["mentions"], "mentions")
    specs: list[MentionSpec] = []
    for item, line in zip(items, items.lines, strict=True):
        if isinstance(item, Map):
            c.keys(item, MENTION_KEYS, f"a mention of {what}")
            text = c.text(item, "text", f"a mention of {what}", required=True) or ""
            specs.append((text, c.occurrence(item, f"a mention of {what}"), line))
        elif isinstance(item, str) and item.strip():
            specs.append((item.strip(), None, line))
        else:
            c.fail(f"each mention of {what} must be a text, or 'text:' with 'occurrence:', not "
                   f"{describe(item)}", line, "mentions")
    return specs


def _inside(inner: tuple[int, int], outer: tuple[int, int]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1] and inner != outer


def _anchor(c: Checker, entities: list[tuple[Entity, list[MentionSpec]]]) -> list[Entity]:
    """Mentions for each entity: the strings listed (every occurrence, or the one numbered), plus
    each name form where it stands on its own, not inside a longer name of something else."""
    text = c.doc.text
    listed: dict[str, set[tuple[int, int]]] = {}
    named: dict[str, set[tuple[int, int]]] = {}
    for entity, specs in entities:
        spans: set[tuple[int, int]] = set()
        for needle, occurrence, line in specs:
            if occurrence is None:
                c.locate(needle, 1, f"entity '{entity.key}'", "mention", line, "mentions")
                spans.update((s.start, s.end) for s in find_all(text, needle))
            else:
                found = c.locate(needle, occurrence, f"entity '{entity.key}'", "mention", line,
                                 "mentions").span
                spans.add((found.start, found.end))
        listed[entity.key] = spans
        named[entity.key] = {(s.start, s.end) for name in entity.names() for s in find_all(text, name)}
    result = []
    for entity, _ in entities:
        others = [s for k in listed if k != entity.key for s in listed[k] | named[k]]
        keep = listed[entity.key] | {s for s in named[entity.key] - listed[entity.key]
                                     if not any(_inside(s, o) for o in others)}
        keep = {s for s in keep if not any(_inside(s, o) for o in keep)}
        mentions = tuple(Mention(text[a:b], Span(a, b)) for a, b in sorted(keep))
        result.append(Entity(**{**entity.__dict__, "mentions": mentions}))
    return result


def _deletions(c: Checker, top: Map) -> tuple[Deletion, ...]:
    block = top.get("delete")
    if block is None:
        return ()
    if not isinstance(block, Map):
        c.fail(f"'delete' must be a set of lists such as 'entities:', not {describe(block)}",
               top.lines["delete"], "delete")
    c.keys(block, DELETE_KEYS, "'delete'")
    singular = {"entities": "entity", "dates": "date", "quantities": "quantity", "events": "event",
                "claims": "claim"}
    return tuple(Deletion(singular[k], text) for k in DELETE_KEYS for text in c.texts(block, k, "'delete'"))


def _read(c: Checker, data: Any) -> Extraction:
    if data is None:
        c.fail("the file is empty; it needs at least 'record:' with the record id", 1)
    if not isinstance(data, Map):
        c.fail(f"the file must be a set of keys such as 'record:' and 'entities:', not {describe(data)}", 1)
    c.keys(data, TOP_KEYS, "the file")
    record = c.value(data, "record", "the file", "the record id as text",
                     lambda v: isinstance(v, (str, int)) and not isinstance(v, bool), required=True)
    if str(record).strip() != c.doc.record_id:
        c.fail(f"this file is for record '{record}', but the record it sits next to is "
               f"'{c.doc.record_id}'", data.lines["record"], "record")
    entities = _anchor(c, [_entity(c, n, m) for n, m in c.section(data, "entities", "entity")])
    dates = tuple(_date(c, n, m) for n, m in c.section(data, "dates", "date"))
    quantities = tuple(_quantity(c, n, m) for n, m in c.section(data, "quantities", "quantity"))
    events = tuple(_event(c, n, m) for n, m in c.section(data, "events", "event"))
    claims = tuple(_claim(c, n, m) for n, m in c.section(data, "claims", "claim"))
    references = tuple(_reference(c, n, m) for n, m in c.section(data, "references", "reference"))
    author = c.ref(data, "author", "the file", "entity")
    addressees = c.refs_list(data, "addressees", "the file", "entity")
    deletions = _deletions(c, data)
    c.text(data, "note", "the file")
    c.check_refs()
    return Extraction(c.doc.record_id, entities=tuple(entities), dates=dates, quantities=quantities,
                      events=events, claims=claims, references=references, deletions=deletions,
                      author=author, addressees=addressees, methods=(c.method,),
                      complete=c.flag(data, "complete", "the file"))


def load_curation(path: Path, doc: Document) -> Extraction:
    """Read and check a curation file against its record; items carry the curation method."""
    where = str(path)
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CurationError("the file is not UTF-8 text; save it as UTF-8", path=where,
                            line=raw.count(b"\n", 0, exc.start) + 1) from None
    except OSError as exc:
        raise CurationError(f"cannot read the curation file: {exc.strerror}", path=where) from None
    return _read(Checker(where, doc), parse_yaml(text, where))
