"""Score a candidate item against an entity and its record's context; decide. Pure.

Every score keeps its named parts, so the review file can say why a candidate won or lost:

* ``name``   1.0 exact label, 0.95 exact alias (case/accent/punctuation folded), 0.9 the same
  name once the entity's designator is dropped ("Kashi City" ~ "Kashi"), 0.6 when only the
  item's designator makes the difference ("Alma-Ata" ~ "Alma-Ata Oblast"), at most 0.6 for
  shared words;
* ``type``   1.0 when P31/P279 reach a class of the entity's kind; 0.6 when the classes are not
  recognised but the statements suggest the kind (coordinates and a place description; a birth
  date); 0 when unknown (a candidate of the wrong kind is excluded, never scored);
* ``level``  +1 when the entity's designator (county, prefecture, river ...) agrees with the item's
  classes, label or description, -1 when it contradicts them ("Yili Prefecture" vs a river);
* ``date``   +1 when the item existed (or the person lived) at the document date, -1 when it
  began after it, -0.5 when a place or group had already ended;
* ``country``, ``parents``, ``coordinates``  +1 when P17/P27 name the archive's country, when a
  P131 parent is a place the record also mentions, when the item lies near places already linked.

total = 0.5 name + 0.3 type + 0.2 min(1, half of each positive context part) - penalties
(level contradiction 0.3, not yet existing 0.4, already dissolved 0.15), clamped to 0..1.
"""
from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .classes import TypeFit
from .items import Item
from .names import compatible, core, fold, levels_of, squash

W_NAME, W_TYPE, W_CONTEXT = 0.5, 0.3, 0.2
PENALTY = {"level": 0.3, "future": 0.4, "dissolved": 0.15}
EXACT = 0.9  # the name part an auto-accepted candidate needs at least


@dataclass(frozen=True)
class Context:
    """What the record tells about an entity, beyond its names."""

    kind: str
    names: tuple[str, ...]
    levels: tuple[str, ...] = ()  # level families the entity's names and subtype state
    doc_year: int | None = None
    countries: tuple[str, ...] = ()  # folded names of the archive's country ("china")
    places: tuple[str, ...] = ()  # folded core names of places the same record mentions
    anchors: tuple[tuple[float, float], ...] = ()  # (lon, lat) of places already linked


@dataclass(frozen=True)
class Scored:
    qid: str
    label: str | None
    description: str | None
    total: float
    parts: tuple[tuple[str, float], ...]
    flags: tuple[str, ...] = ()
    excluded: bool = False
    type_status: str = "unknown"

    def part(self, name: str) -> float:
        return dict(self.parts).get(name, 0.0)


@dataclass(frozen=True)
class Decision:
    status: str  # auto | review | none
    best: Scored | None
    margin: float
    reason: str


def name_part(entity_names: Sequence[str], item: Item) -> tuple[float, str]:
    label = fold(item.label or "")
    best, how = 0.0, ""
    for n in entity_names:
        fn, sn, cn = fold(n), squash(n), core(n)
        if not fn:
            continue
        for m in item.names:
            fm = fold(m)
            if not fm:
                continue
            if fn == fm:
                value, why = (1.0, "exact-label") if fm == label else (0.95, "exact-alias")
            elif sn == squash(m):
                value, why = 0.95, "exact-alias"
            elif cn and cn == core(m):
                # "Kashi City" ~ "Kashi" is the same name; a bare "Alma-Ata" ~ "Alma-Ata Oblast"
                # is another level of the same name, weaker than any exact match.
                value, why = (0.9, "same-core") if fm == core(m) else (0.6, "core-of-designated")
            else:
                a, b = set(fn.split()), set(fm.split())
                value, why = 0.6 * len(a & b) / len(a | b), "words"
            if value > best:
                best, how = value, why
    return best, how


def description_head(description: str | None) -> str:
    """The head of a description: "county-level city in Xinjiang, China" -> "county-level city"."""
    if not description:
        return ""
    return re.split(r",|;|\(|\b(?:in|of|on|near|at|from|and|located)\b", description, maxsplit=1)[0]


def level_part(entity_levels: Sequence[str], item: Item, fit: TypeFit) -> float:
    if not entity_levels:
        return 0.0
    theirs = set(fit.levels) | levels_of(item.label or "", description_head(item.description))
    if not theirs:
        return 0.0
    if set(entity_levels) & theirs:
        return 1.0
    if any(compatible(a, b) for a in entity_levels for b in theirs):
        return 0.5
    return -1.0


def date_part(kind: str, year: int | None, item: Item) -> float:
    if year is None:
        return 0.0
    begins, ends = item.begins, item.ends
    if begins is not None and begins > year:
        return -1.0
    if ends is not None and ends < year:
        return 0.0 if kind == "person" else -0.5
    return 1.0 if begins is not None or ends is not None else 0.0


def _matches(names: Sequence[str], wanted: Sequence[str]) -> bool:
    for n in names:
        c = core(n)
        for w in wanted:
            if c and w and (c == w or c.startswith(w + " ")):
                return True
    return False


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    (lon1, lat1), (lon2, lat2) = a, b
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def coordinates_part(item: Item, anchors: Sequence[tuple[float, float]]) -> float:
    if item.coordinates is None or not anchors or (item.precision is not None and item.precision >= 0.5):
        return 0.0
    nearest = min(km(item.coordinates, a) for a in anchors)
    return 1.0 if nearest <= 300 else 0.5 if nearest <= 1000 else 0.0


def score(item: Item, ctx: Context, fit: TypeFit, related: Mapping[str, tuple[str, ...]]) -> Scored:
    """Score one candidate; ``related`` gives the names of the items its P17/P27/P131 point to."""
    if fit.status == "wrong":
        return Scored(item.qid, item.label, item.description, 0.0, (("type", -1.0),),
                      ("excluded", fit.reason), excluded=True, type_status="wrong")
    name, how = name_part(ctx.names, item)
    type_ = {"match": 1.0, "likely": 0.6}.get(fit.status, 0.0)
    level = level_part(ctx.levels, item, fit)
    date = date_part(ctx.kind, ctx.doc_year, item)
    states = item.p27 if ctx.kind == "person" else item.p17
    country = 1.0 if any(_matches(related.get(q, ()), ctx.countries) for q in states) else 0.0
    parents = 1.0 if any(_matches(related.get(q, ()), ctx.places) for q in item.p131) else 0.0
    coords = coordinates_part(item, ctx.anchors) if ctx.kind == "place" else 0.0
    context = min(1.0, 0.5 * (max(level, 0) + max(date, 0) + country + parents + coords))
    flags: list[str] = [how] if how else []
    penalty = 0.0
    if level < 0:
        penalty += PENALTY["level"]
        flags.append("level-contradiction")
    if date <= -1:
        penalty += PENALTY["future"]
        flags.append("not-yet-existing")
    elif date < 0:
        penalty += PENALTY["dissolved"]
        flags.append("dissolved-before")
    if fit.status == "unknown":
        flags.append("type-unknown")
    elif fit.status == "likely":
        flags.append("type-inferred")
    total = W_NAME * name + W_TYPE * type_ + W_CONTEXT * context - penalty
    total = round(min(1.0, max(0.0, total)), 3)
    parts = (("name", name), ("type", type_), ("level", level), ("date", date), ("country", country),
             ("parents", parents), ("coordinates", coords))
    return Scored(item.qid, item.label, item.description, total,
                  tuple((k, round(v, 3)) for k, v in parts), tuple(flags), type_status=fit.status)


def ranked(scores: Sequence[Scored]) -> list[Scored]:
    """Best first; ties broken by the smaller QID number so the order never depends on the network."""
    return sorted(scores, key=lambda s: (s.excluded, -s.total, len(s.qid), s.qid))


def decide(scores: Sequence[Scored], threshold: float, margin: float) -> Decision:
    """Auto-accept only a typed, exactly named, uncontradicted winner above threshold and margin.

    "Typed" is a class match, or a kind inferred from statements (which scores lower, so it needs
    context from the record to reach the threshold).
    """
    live = [s for s in ranked(scores) if not s.excluded]
    if not live:
        return Decision("none", None, 0.0, "no candidate of the right kind")
    best = live[0]
    runner = live[1].total if len(live) > 1 else 0.0
    lead = round(best.total - runner, 3)
    problems = []
    if best.type_status not in ("match", "likely"):
        problems.append("type not confirmed")
    if best.part("name") < EXACT:
        problems.append("no exact label or alias match")
    if "level-contradiction" in best.flags or "not-yet-existing" in best.flags:
        problems.append("contradicted by the record")
    if best.total < threshold:
        problems.append(f"score {best.total:.3f} below {threshold:g}")
    if lead < margin:
        problems.append(f"lead {lead:.3f} over the runner-up below {margin:g}")
    if problems:
        return Decision("review", best, lead, "; ".join(problems))
    return Decision("auto", best, lead, f"score {best.total:.3f}, lead {lead:.3f}")
