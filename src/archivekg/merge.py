"""Automatic extraction + a curator's file -> one Extraction. Pure: no I/O, no state.

Curated items replace the automatic items they match (entities by kind and any name form; dates
and quantities by overlapping text; events and claims by overlapping passage and same
type/property). ``delete`` removes automatic items; ``complete: true`` keeps only curated ones.
Automatic items that survive have their references re-pointed to what replaced them.
"""
from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Any, TypeVar

from .records import Claim, Deletion, Entity, Event, Extraction, Mention, Quantity, Reference, TimeSpan

T = TypeVar("T", Entity, TimeSpan, Quantity, Event, Claim, Reference)
KeyMap = dict[str, str | None]  # automatic key -> key in the result (None: removed)


def norm(text: str) -> str:
    """Names compared loosely: case, accents, punctuation, brackets, '[sic]', a leading 'the'."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"\[sic\]", " ", text)
    text = re.sub(r"[\W_]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def _names(e: Entity) -> set[str]:
    return {n for n in (norm(x) for x in (*e.names(), *(m.text for m in e.mentions))) if n}


def _mention(item: Any) -> Mention | None:
    if isinstance(item, Entity):
        return item.mentions[0] if item.mentions else None
    mention: Mention | None = item.mention
    return mention


def _overlap(a: Mention | None, b: Mention | None) -> bool:
    return a is not None and b is not None and a.span.start < b.span.end and b.span.start < a.span.end


def _deleted(item: Any, what: str, deletions: Sequence[Deletion]) -> bool:
    wanted = {norm(d.match) for d in deletions if d.what == what}
    if not wanted:
        return False
    if isinstance(item, Entity):
        forms = _names(item)
    else:
        mention = _mention(item)
        forms = {norm(getattr(item, "text", "") or ""), norm(getattr(item, "label", "") or ""),
                 norm(mention.text) if mention else ""}
    return bool(forms & wanted)


def _free_key(key: str, taken: set[str]) -> str:
    """An automatic key that collides with a curated id gets a suffix, deterministically."""
    if key not in taken:
        return key
    for n in range(1, 10_000):
        candidate = f"{key}-auto" if n == 1 else f"{key}-auto-{n}"
        if candidate not in taken:
            return candidate
    raise ValueError(f"no free key for {key!r}")


def _combine(auto: Sequence[T], curated: Sequence[T], what: str, deletions: Sequence[Deletion],
             matches: Callable[[T, T], bool], taken: set[str],
             best: Callable[[T, list[T]], T] = lambda _, hits: hits[0]) -> tuple[list[T], KeyMap]:
    """Curated items, then the automatic items no curated item matches and none deletes."""
    result: list[T] = list(curated)
    keys: KeyMap = {}
    for item in auto:
        hits = [c for c in curated if matches(item, c)]
        if hits:
            keys[item.key] = best(item, hits).key
        elif _deleted(item, what, deletions):
            keys[item.key] = None
        else:
            new = _free_key(item.key, taken)
            taken.add(new)
            keys[item.key] = new
            result.append(replace(item, key=new) if new != item.key else item)
    return result, keys


def _entity_match(a: Entity, c: Entity) -> bool:
    return a.kind == c.kind and bool(_names(a) & _names(c))


def _best_entity(auto: Entity, hits: list[Entity]) -> Entity:
    # Of several curated entities sharing a name form, prefer the one whose label it is.
    names = _names(auto)
    return next((c for c in hits if norm(c.label) in names), hits[0])


def _span_match(a: TimeSpan | Quantity, c: TimeSpan | Quantity) -> bool:
    if a.mention is None or c.mention is None:
        return norm(a.text) == norm(c.text)
    return _overlap(a.mention, c.mention)


def _remap(keys: Iterable[str], *maps: KeyMap) -> tuple[str, ...]:
    out: list[str] = []
    for key in keys:
        new = _lookup(key, *maps)
        if new is not None and new not in out:
            out.append(new)
    return tuple(out)


def _lookup(key: str | None, *maps: KeyMap) -> str | None:
    if key is None:
        return None
    for m in maps:
        if key in m:
            return m[key]
    return key


def _repoint_event(e: Event, ents: KeyMap, dates: KeyMap, quants: KeyMap) -> Event:
    return replace(e, actors=_remap(e.actors, ents), participants=_remap(e.participants, ents),
                   origin=_lookup(e.origin, ents), destination=_lookup(e.destination, ents),
                   places=_remap(e.places, ents), time=_lookup(e.time, dates),
                   quantities=_remap(e.quantities, quants), objects=_remap(e.objects, quants),
                   addressees=_remap(e.addressees, ents))


def _order(items: Iterable[T]) -> tuple[T, ...]:
    def key(item: T) -> tuple[int, str]:
        mention = _mention(item)
        return (mention.span.start if mention else sys.maxsize, item.key)
    return tuple(sorted(items, key=key))


def _ordered(x: Extraction) -> Extraction:
    return replace(x, entities=_order(x.entities), dates=_order(x.dates), quantities=_order(x.quantities),
                   events=_order(x.events), claims=_order(x.claims), references=_order(x.references))


def merge(auto: Extraction, curated: Extraction | None) -> Extraction:
    """One extraction of the record: curated items win, deletions apply, ``complete`` rules."""
    if curated is None:
        return _ordered(auto)
    methods = tuple(dict.fromkeys((*auto.methods, *curated.methods)))
    if curated.complete:
        return _ordered(replace(curated, record_id=auto.record_id, methods=curated.methods))
    dels = curated.deletions
    taken = {i.key for part in (curated.entities, curated.dates, curated.quantities, curated.events,
                                curated.claims, curated.references) for i in part}
    entities, ents = _combine(auto.entities, curated.entities, "entity", dels, _entity_match, taken,
                              _best_entity)
    dates, dmap = _combine(auto.dates, curated.dates, "date", dels, _span_match, taken)
    quants, qmap = _combine(auto.quantities, curated.quantities, "quantity", dels, _span_match, taken)
    quants = [q if q.method.curated or q.counts not in ents else replace(q, counts=ents[q.counts])
              for q in quants]
    auto_events = [_repoint_event(e, ents, dmap, qmap) for e in auto.events]
    events, evmap = _combine(auto_events, curated.events, "event", dels,
                             lambda a, c: a.type == c.type and _overlap(a.mention, c.mention), taken)
    claims = _merge_claims(auto.claims, curated.claims, dels, taken, ents, evmap, dmap, qmap)
    refs, _ = _combine([_repoint_reference(r, ents, dmap, qmap) for r in auto.references],
                       curated.references, "reference", dels,
                       lambda a, c: _overlap(a.mention, c.mention), taken)
    author = curated.author or _lookup(auto.author, ents)
    addressees = curated.addressees or _remap(auto.addressees, ents)
    return _ordered(Extraction(auto.record_id, entities=tuple(entities), dates=tuple(dates),
                               quantities=tuple(quants), events=tuple(events), claims=tuple(claims),
                               references=tuple(refs), deletions=dels, author=author,
                               addressees=addressees, methods=methods, complete=False,
                               unmodelled=auto.unmodelled))


def _repoint_reference(r: Reference, ents: KeyMap, dates: KeyMap, quants: KeyMap) -> Reference:
    return replace(r, entities=_remap(r.entities, ents), dates=_remap(r.dates, dates),
                   quantities=_remap(r.quantities, quants))


def _merge_claims(auto: Sequence[Claim], curated: Sequence[Claim], dels: Sequence[Deletion],
                  taken: set[str], *maps: KeyMap) -> list[Claim]:
    """Automatic claims about something removed go with it; the rest are re-pointed."""
    kept: list[Claim] = []
    for claim in auto:
        subject, value = _lookup(claim.subject, *maps), _lookup(claim.value, *maps)
        if subject is not None and value is not None:
            kept.append(replace(claim, subject=subject, value=value))
    claims, _ = _combine(kept, curated, "claim", dels,
                         lambda a, c: a.property == c.property and _overlap(a.mention, c.mention), taken)
    return claims
