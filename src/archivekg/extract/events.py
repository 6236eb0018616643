"""Dates, quantities, events, claims and references as record items, each anchored to its passage.

Events follow the recurring patterns of diplomatic reporting: flight and movement (from X to Y),
meetings, sending, letters, statements and requests, visits, arrests and recaptures, broadcasts.
The actors are the names (or a counted group of people) before the verb in the sentence; places
after 'from' and 'to' are origin and destination. A statement or request also yields a claim
holding what was said. A sentence where no pattern applies still records what it refers to.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

from ..records import Claim, Document, Entity, Event, Extraction, Mention, Method, Quantity, Reference, TimeSpan
from .dates import DateHit
from .lexicon import words
from .names import Cand
from .quantities import QtyHit
from .resolve import key_of, slug
from .signature import author_and_addressees
from .text import View

# (the verbs and phrases, event type, subtype); the first pattern that matches a sentence wins.
_VERBS: list[tuple[str, str, str]] = [
    ("recaptured|arrested|detained|captured|caught|apprehended|seized", "activity", "arrest"),
    ("fled|flee|flees|fleeing|escaped|defected|ran away|run away|runaway|runaways", "move", "flight"),
    ("met with|met|meet with|received|held talks|had a conversation|talks with", "activity", "meeting"),
    ("visited|visit to|paid a visit|toured", "activity", "visit"),
    ("sent|send|sends|dispatched|delivered|shipped|handed over|forwarded|transferred", "move", "sending"),
    ("wrote|written|signed|drafted|telegraphed|cabled", "creation", "letter"),
    ("demanded|requested|asked|proposed|suggested|urged|appealed|called on|insisted", "activity", "request"),
    ("said|says|stated|states|declared|told|noted|stressed|emphasized|emphasised|remarked|replied|answered|"
     "announced|informed|reported|explained|pointed out", "activity", "statement"),
    ("broadcast|broadcasts|broadcasting", "activity", "broadcast"),
    ("arrived|went|travelled|traveled|came|returned|moved|left for|departed|crossed|entered", "move", "movement"),
]
PATTERNS: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(rf"\b({verbs})\b"), typ, sub) for verbs, typ, sub in _VERBS]  # on lower-cased text
# The first word of each phrase: a pattern is only tried on a sentence that has one of them.
_FIRST_WORDS = [frozenset(p.split()[0] for p in verbs.split("|")) for verbs, _, _ in _VERBS]
_ANY_FIRST_WORD = frozenset().union(*_FIRST_WORDS)
_WORD = re.compile(r"[a-z]+")
_QUALIFIERS = [
    (re.compile(r"incomplete statistics", re.I), "incomplete-statistics"),
    (re.compile(r"\bunknown\b|\bunclear\b", re.I), "details-unknown"),
    (re.compile(r"telephone report|by telephone", re.I), "telephone-report"),
    (re.compile(r"\breportedly\b|\ballegedly\b|\brumou?rs?\b|according to (?:reports|rumou?rs)", re.I), "reported"),
    (re.compile(r"\bunverified\b|\bnot (?:yet )?(?:been )?confirmed\b", re.I), "unverified"),
]
_QUALIFIER_WORDS = frozenset(words("incomplete unknown unclear telephone reportedly allegedly rumor rumors rumour "
                                   "rumours according unverified confirmed"))
_THAT = re.compile(r"\b(?:that|:)\s*(.+)$", re.S)
_PEOPLE_UNITS = frozenset(words(
"person family household man woman child resident refugee cadre worker peasant "
                          "student soldier volunteer clique"))


@dataclass
class _Sent:
    start: int
    end: int
    ents: list[tuple[int, int, str]]  # view start, end, entity key
    dates: list[tuple[int, str]]
    qtys: list[tuple[int, int, str, str]]  # start, end, key, unit


def _mention(view: View, start: int, end: int) -> Mention:
    quote, span = view.quote(start, end)
    return Mention(quote, span)


class _Keys(set[str]):
    """Keys given out so far, with the next number to try for each stem (no quadratic search)."""

    def __init__(self, keys: set[str]) -> None:
        super().__init__(keys)
        self.next: dict[str, int] = {}


def _unique(key: str, used: set[str]) -> str:
    if key not in used:
        used.add(key)
        return key
    counters = used.next if isinstance(used, _Keys) else {}
    n = counters.get(key, 2)
    while f"{key}-{n}" in used:
        n += 1
    counters[key] = n + 1
    k = f"{key}-{n}"
    used.add(k)
    return k


def build_items(doc: Document, view: View, sents: list[tuple[int, int]], ents: list[Entity], cands: list[Cand],
                date_hits: list[DateHit], qty_hits: list[QtyHit], method: Method) -> Extraction:
    used: set[str] = _Keys({e.key for e in ents})
    dates = [_timespan(view, h, method, used) for h in date_hits]
    qtys = [_quantity(view, h, method, used) for h in qty_hits]
    by_span = {(m.span.start, m.span.end): e.key for e in ents for m in e.mentions}
    located: list[tuple[int, int, str]] = []
    for c in cands:
        span = view.span(c.start, c.end)
        key = by_span.get((span.start, span.end))
        if key:
            located.append((c.start, c.end, key))
    located.sort()
    cohorts: list[Entity] = []
    events: list[Event] = []
    claims: list[Claim] = []
    refs: list[Reference] = []
    author, addressees = author_and_addressees(doc, ents)
    kinds = {e.key: e.kind for e in ents}
    loc_starts = [x[0] for x in located]
    date_items = [(h.start, d.key) for h, d in zip(date_hits, dates, strict=True)]
    date_starts = [x[0] for x in date_items]
    qty_items = [(h.start, h.end, q.key, h.unit) for h, q in zip(qty_hits, qtys, strict=True)]
    qty_starts = [x[0] for x in qty_items]

    def within(items: list[Any], starts: list[int], s: int, e: int) -> list[Any]:
        return items[bisect.bisect_left(starts, s):bisect.bisect_left(starts, e)]

    for s, e in sents:
        sent = _Sent(s, e, within(located, loc_starts, s, e), within(date_items, date_starts, s, e),
                     within(qty_items, qty_starts, s, e))
        ev = _event(view, sent, kinds, method, used, cohorts)
        if ev:
            events.append(ev)
            claim = _claim(view, sent, ev, method, used)
            if claim:
                claims.append(claim)
        elif sent.ents or sent.dates or sent.qtys:
            refs.append(Reference(_unique(f"ref-{len(refs) + 1}", used), _mention(view, s, e),
                                  tuple(dict.fromkeys(k for _, _, k in sent.ents)),
                                  tuple(k for _, k in sent.dates), tuple(k for _, _, k, _ in sent.qtys),
                                  method=method))
    return Extraction(record_id=doc.record_id, entities=(*ents, *cohorts), dates=tuple(dates),
                      quantities=tuple(qtys), events=tuple(events), claims=tuple(claims),
                      references=tuple(refs), author=author, addressees=addressees, methods=(method,))


def _timespan(view: View, h: DateHit, method: Method, used: set[str]) -> TimeSpan:
    m = _mention(view, h.start, h.end)
    conf = 0.9 if not (h.relative or h.approximate) else 0.7
    return TimeSpan(key=_unique("date-" + slug(m.text, 40), used), text=m.text, begin=h.begin.isoformat(),
                    end=h.last.isoformat(), approximate=h.approximate, relative=h.relative, mention=m,
                    method=Method(method.name, method.version, rule=h.rule), confidence=conf)


def _quantity(view: View, h: QtyHit, method: Method, used: set[str]) -> Quantity:
    m = _mention(view, h.start, h.end)
    return Quantity(key=_unique("qty-" + slug(m.text, 40), used), text=m.text, unit=h.unit, value=h.value,
                    low=h.low, high=h.high, approximation=h.approximation, kind=h.kind, counts=h.noun,
                    mention=m, method=Method(method.name, method.version, rule=f"quantity:{h.kind}"),
                    confidence=0.85 if h.unit != "time" else 0.7)


def _event(view: View, sent: _Sent, kinds: dict[str, str], method: Method, used: set[str],
           cohorts: list[Entity]) -> Event | None:
    text = view.text[sent.start:sent.end]
    low = text.lower()
    present = set(_WORD.findall(low))
    if present.isdisjoint(_ANY_FIRST_WORD):  # no pattern can match
        return None
    for i, (rx, typ, subtype) in enumerate(PATTERNS):
        if not present & _FIRST_WORDS[i]:
            continue
        m = rx.search(low)
        if not m:
            continue
        verb = sent.start + m.start()
        before = [k for s, _, k in sent.ents if s < verb]
        after = [(s, k) for s, _, k in sent.ents if s > verb]
        to_whom = [k for st, _, k in sent.ents if _before(view.text, _TO_BEFORE, max(sent.start, st - 40), st)]
        actors = [k for k in before if kinds.get(k) in ("person", "group") and k not in to_whom][-2:]
        people = [q for q in sent.qtys if q[3] in _PEOPLE_UNITS]
        if not actors and people:
            q = min(people, key=lambda q: abs(q[0] - verb))
            quote = _mention(view, q[0], q[1])
            cohort = Entity(key=_unique("cohort-" + slug(quote.text, 40), used), kind="cohort",
                            label=quote.text, mentions=(quote,), method=Method(method.name, method.version,
                                                                              rule="cohort:counted-people"),
                            confidence=0.6)
            cohorts.append(cohort)
            actors = [cohort.key]
        if not actors:
            actors = [k for k in before if kinds.get(k) == "place"][-1:]
        origin = _after_word(view.text, sent, _FROM_BEFORE, kinds)
        dest = _after_word(view.text, sent, _TO_BEFORE, kinds) if typ == "move" else None
        others = [k for _, k in after if kinds.get(k) in ("person", "group") and k not in actors]
        places = [k for _, k in after if kinds.get(k) == "place" and k not in (origin, dest)]
        quals = tuple(q for rx_q, q in _QUALIFIERS if rx_q.search(text)) if present & _QUALIFIER_WORDS else ()
        qty_keys = tuple(k for _, _, k, u in sent.qtys if u in _PEOPLE_UNITS or u in ("time", "day"))
        objects = tuple(k for _, _, k, u in sent.qtys if k not in qty_keys)
        label = f"{subtype.capitalize()}: {' '.join(text.split())[:90]}"
        return Event(key=_unique(f"event-{subtype}-{len(used)}", used), type=typ, label=label, subtype=subtype,
                     actors=tuple(dict.fromkeys(actors)),
                     participants=tuple(dict.fromkeys(others)) if typ == "activity" else (),
                     origin=origin, destination=dest,
                     places=tuple(dict.fromkeys(places)) if typ != "move" else (),
                     time=sent.dates[0][1] if sent.dates else None, quantities=qty_keys,
                     objects=objects if typ in ("move", "creation") else (),
                     addressees=tuple(dict.fromkeys(k for k in to_whom if kinds.get(k) in ("person", "group")))
                     if typ in ("creation", "move") or subtype == "request" else (),
                     qualifiers=quals, mention=_mention(view, sent.start, sent.end),
                     method=Method(method.name, method.version, rule=f"event:{subtype}:{m.group(1).lower()}"),
                     confidence=0.6)
    return None


# 'from Tacheng County', 'to the Premier [Zhou Enlai]' (titles may stand between)
_TITLES_BETWEEN = r"(?:(?:[A-Z][\w'’-]*|\[[^\]]{0,30}\]) ){0,3}"
_FROM_BEFORE = re.compile(r"\b(?:from|From) (?:the )?" + _TITLES_BETWEEN + "$")
_TO_BEFORE = re.compile(r"\b(?:to|into|in|at|To|Into|In|At) (?:the )?" + _TITLES_BETWEEN + "$")
# What every match of each holds ('into' holds 'to '): where none is written, the pattern is not tried.
_HELD = {_FROM_BEFORE: ("rom ",), _TO_BEFORE: ("to ", "in ", "at ", "To ", "In ", "At ")}


def _before(text: str, rx: re.Pattern[str], start: int, end: int) -> bool:
    """Whether the pattern matches in text[start:end] (up to its end)."""
    chunk = text[start:end]
    for held in _HELD[rx]:
        if held in chunk:
            return bool(rx.search(text, start, end))
    return False


def _after_word(text: str, sent: _Sent, rx: re.Pattern[str], kinds: dict[str, str]) -> str | None:
    """The place named right after one of the words ('from Tacheng County')."""
    for s, _, k in sent.ents:
        if kinds.get(k) == "place" and _before(text, rx, max(sent.start, s - 40), s):
            return k
    return None


def _claim(view: View, sent: _Sent, ev: Event, method: Method, used: set[str]) -> Claim | None:
    if ev.subtype not in ("statement", "request"):
        return None
    text = view.text[sent.start:sent.end]
    m = _THAT.search(text)
    said = " ".join((m.group(1) if m else text).split()).lstrip("] ")
    return Claim(key=_unique(f"claim-{ev.subtype}-{len(used)}", used), subject=ev.key, property="P3_has_note",
                 value=said, qualifiers=ev.qualifiers, mention=ev.mention,
                 method=Method(method.name, method.version, rule=f"claim:{ev.subtype}"), confidence=0.55)


def keys_named(ents: list[Entity], name: str) -> str | None:
    k = key_of(name)
    for e in ents:
        if any(key_of(n) == k for n in e.names()):
            return e.key
    return None
