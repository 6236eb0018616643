"""The reconcile stage: EntityRefs in, Links out, the review file kept up to date.

Curator decisions in the review file come first and are never second-guessed (only checked:
a QID that does not exist is reported; a merged one is followed to its target). Every other
entity is searched, its candidates fetched, typed and scored; the best is accepted only when it
clears the threshold and the margin. Any Wikidata failure leaves the entity unlinked with a
warning: the caller's build goes on.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from ..config import CACHE_NAME, REVIEW_NAME
from ..errors import ConfigError
from ..records import Link
from .candidates import Found, find
from .classes import ClassGraph, ClassInfo, inferred
from .client import MAX_IN_FLIGHT, NotCached, WikidataClient, WikidataError
from .identity import Identity, unify
from .items import Item, is_qid, parse_item
from .names import core, fold, levels_of
from .refs import EntityRef
from .review import (
    Candidate,
    Entry,
    Outcome,
    Review,
    load_review,
    merge,
    save_review,
    today_iso,
)
from .scoring import Context, Decision, Scored, decide, description_head, ranked, score

MODES = ("off", "cache", "online")
KEEP_CANDIDATES = 5  # candidates written to the review file per entity


@dataclass(frozen=True)
class ReconcileResult:
    links: tuple[Link, ...]
    warnings: tuple[str, ...]
    review_path: Path | None
    conflicts: tuple[str, ...] = ()
    identity: Identity | None = None


def _corpus_dir(corpus: Path) -> Path:
    return corpus if corpus.is_dir() or not corpus.suffix else corpus.parent


def _ident(ref: EntityRef) -> str:
    return f"{ref.label} ({ref.kind})"


class _Run:
    """State of one reconcile run (the client, fetched records, warnings)."""

    def __init__(self, client: WikidataClient | None, warnings: list[str]) -> None:
        self.client = client
        self.warnings = warnings
        self.items: dict[str, Item] = {}  # by requested id
        self.names: dict[str, tuple[str, ...]] = {}  # names of P17/P27/P131 targets
        self.offline_misses = 0

    def fetch_items(self, ids: set[str]) -> None:
        wanted = sorted(q for q in ids if q not in self.items and is_qid(q))
        if not wanted or self.client is None:
            return
        records, errors = self.client.get_entities(wanted)
        for key, record in records.items():
            self.items[key] = parse_item(key, record)
        self._note(errors, "fetching candidate records")

    def fetch_names(self, ids: set[str]) -> None:
        wanted = sorted(q for q in ids if q not in self.names and is_qid(q))
        if not wanted or self.client is None:
            return
        records, errors = self.client.get_entities(wanted, props="labels|aliases",
                                                   languages="en|mul|zh")
        for key, record in records.items():
            self.names[key] = parse_item(key, record).names
        self._note(errors, "fetching context records")

    def fetch_classes(self, ids: list[str]) -> dict[str, ClassInfo]:
        if self.client is None:
            return {}
        records, errors = self.client.get_entities(ids, props="labels|claims", languages="en|mul")
        self._note(errors, "fetching class records")
        out: dict[str, ClassInfo] = {}
        for key, record in records.items():
            item = parse_item(key, record)
            if not item.missing:
                out[key] = ClassInfo(key, item.label or "", item.p279)
        return out

    def _note(self, errors: list[WikidataError], what: str) -> None:
        for exc in errors:
            if isinstance(exc, NotCached):
                self.offline_misses += 1
            else:
                self.warnings.append(f"Wikidata: {what} failed: {exc}")


def _contexts(refs: Sequence[EntityRef]) -> dict[str, Context]:
    """Each entity's scoring context, with the co-mentioned places' name forms resolved."""
    place_names: dict[str, tuple[str, ...]] = {}
    for r in refs:
        if r.kind == "place":
            for n in r.all_names():
                place_names.setdefault(fold(n), r.all_names())
    # The name cores of each co-mentioned place, made once: a common place is co-mentioned with
    # thousands of others across a large corpus.
    cores: dict[str, frozenset[str]] = {}
    out: dict[str, Context] = {}
    for r in refs:
        own = {core(n) for n in r.all_names()}
        places: set[str] = set()
        for label in r.places:
            found = cores.get(label)
            if found is None:
                found = cores[label] = frozenset(core(n) for n in place_names.get(fold(label), (label,)))
            places |= found
        places -= own
        places.discard("")
        countries = (core(r.country),) if r.country else ()
        out[r.iri] = Context(r.kind, r.all_names(), r.levels(), r.doc_year, countries, tuple(sorted(places)))
    return out


def _score_all(ref: EntityRef, ctx: Context, found: Found, run: _Run, graph: ClassGraph) -> list[Scored]:
    scored: dict[str, Scored] = {}
    for q in found.qids:
        item = run.items.get(q)
        if item is None or item.missing:
            continue
        fit = graph.fit(ref.kind, item.p31)
        fit = inferred(ref.kind, fit, has_coordinates=item.coordinates is not None, has_birth=item.born is not None,
                       description_levels=levels_of(description_head(item.description)))
        s = score(item, ctx, fit, run.names)
        if item.qid not in scored or scored[item.qid].total < s.total:
            scored[item.qid] = s  # a redirect and its target count once
    return ranked(list(scored.values()))


def _as_candidate(s: Scored, item: Item | None) -> Candidate:
    coords = item.coordinates if item is not None else None
    return Candidate(s.qid, s.label, s.description, s.total, s.parts, s.flags, coords)


def _link(ref: EntityRef, qid: str, *, score_: float, parts: tuple[tuple[str, float], ...], method: str,
          decided: str | None, label: str | None, coords: tuple[float, float] | None) -> Link:
    return Link(entity_iri=ref.iri, qid=qid, score=round(score_, 3), parts=parts, method=method,
                decided=decided, label=label, coordinates=coords if ref.kind == "place" else None)


def _client(mode: str, api_url: str, contact: str, cache: Path, max_in_flight: int, timeout: float,
            warnings: list[str]) -> WikidataClient | None:
    if mode == "online" and not contact.strip():
        warnings.append("Wikidata: no contact set (setting `contact`), so the API is not asked: the "
                        "User-Agent policy wants a way to reach the operator; using the cache only")
        mode = "cache"
    if mode == "cache" and not cache.is_file():
        return None
    return WikidataClient(api_url, contact=contact or "no contact given", cache_path=cache,
                          offline=mode == "cache", max_in_flight=max_in_flight, timeout=timeout)


def reconcile(refs: Sequence[EntityRef], *, mode: str, api_url: str, contact: str, corpus: Path,
              threshold: float, margin: float, max_in_flight: int = MAX_IN_FLIGHT, timeout: float = 20.0,
              today: str | None = None) -> ReconcileResult:
    """Link entities to Wikidata items; see the module docstring. Never raises for network faults."""
    if mode not in MODES:
        raise ConfigError(f"reconcile must be off, cache or online, not {mode!r}", field="reconcile")
    if mode == "off":
        return ReconcileResult((), (), None)
    if not 1 <= max_in_flight <= MAX_IN_FLIGHT:
        raise ConfigError(f"max_in_flight must be between 1 and {MAX_IN_FLIGHT}", field="max_in_flight")
    folder = _corpus_dir(Path(corpus))
    review = load_review(folder / REVIEW_NAME)
    warnings: list[str] = []
    client = _client(mode, api_url, contact, folder / CACHE_NAME, max_in_flight, timeout, warnings)
    try:
        links, outcomes = _run(refs, review, client, warnings, threshold, margin, today, max_in_flight)
    finally:
        if client is not None:
            client.close()
    merged = merge(review, outcomes, today)
    save_review(merged)
    identity = unify(refs, links)
    warnings.extend(identity.conflicts)
    return ReconcileResult(tuple(sorted(links, key=lambda x: x.entity_iri)), tuple(dict.fromkeys(warnings)),
                           folder / REVIEW_NAME, identity.conflicts, identity)


def _verdicts(refs: Sequence[EntityRef], review: Review) -> dict[str, tuple[str, Entry | None]]:
    """Curator verdicts per IRI: a QID or "reject" (review file first, then a curation-file QID)."""
    out: dict[str, tuple[str, Entry | None]] = {}
    for r in refs:
        entry = review.find(r.iri, r.kind, r.label)
        verdict = entry.verdict() if entry is not None else None
        if verdict:
            out[r.iri] = (verdict, entry)
        elif r.qid and is_qid(r.qid):
            out[r.iri] = (r.qid, entry)
    return out


def _run(refs: Sequence[EntityRef], review: Review, client: WikidataClient | None, warnings: list[str],
         threshold: float, margin: float, today: str | None,
         workers: int) -> tuple[list[Link], list[Outcome]]:
    run = _Run(client, warnings)
    verdicts = _verdicts(refs, review)
    open_refs = [r for r in refs if r.iri not in verdicts]
    found: dict[str, Found] = {}
    if client is not None and open_refs:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for r, f in zip(open_refs, pool.map(lambda r: find(client, r), open_refs), strict=True):
                found[r.iri] = f
    wanted = {q for f in found.values() for q in f.qids}
    wanted |= {v for v, _ in verdicts.values() if v != "reject"}
    run.fetch_items(wanted)
    graph = ClassGraph(run.fetch_classes)
    graph.load(sorted({c for i in run.items.values() for c in i.p31}))
    run.fetch_names({q for i in run.items.values() for q in (*i.p17, *i.p27, *i.p131)})
    contexts = _contexts(refs)

    # Pass 1 without coordinates, pass 2 with the places linked in pass 1 as anchors per record.
    scored = {r.iri: _score_all(r, contexts[r.iri], found[r.iri], run, graph) for r in open_refs if r.iri in found}
    decisions = {iri: decide(s, threshold, margin) for iri, s in scored.items()}
    anchors = _anchors(refs, verdicts, decisions, run, review)
    for r in open_refs:
        if r.iri not in found:
            continue
        near = tuple(sorted(a for rid in r.record_ids for iri, a in anchors.get(rid, ()) if iri != r.iri))
        if near:
            ctx = replace(contexts[r.iri], anchors=near)
            scored[r.iri] = _score_all(r, ctx, found[r.iri], run, graph)
            decisions[r.iri] = decide(scored[r.iri], threshold, margin)

    links: list[Link] = []
    outcomes: list[Outcome] = []
    for r in refs:
        records = tuple(r.record_ids)
        if r.iri in verdicts:
            verdict, entry = verdicts[r.iri]
            link = _curated(r, verdict, entry, run)
            if link is not None:
                links.append(link)
            outcomes.append(Outcome(r.iri, r.kind, r.label, r.all_names(), records, "curator",
                                    "decided by a curator", None))
            continue
        maybe = found.get(r.iri)
        if maybe is None:
            why = "Wikidata cache not available" if client is None else "not searched"
            outcomes.append(Outcome(r.iri, r.kind, r.label, r.all_names(), records, "unreached", why, None))
            continue
        f = maybe
        lost = [e for e in f.errors if not isinstance(e, NotCached)]
        for exc in lost:
            warnings.append(f"Wikidata: {_ident(r)} left unlinked: {exc}")
        if f.errors and not f.qids:
            why = "not in the offline cache" if not lost else f"Wikidata unreachable: {lost[0].message}"
            outcomes.append(Outcome(r.iri, r.kind, r.label, r.all_names(), records, "unreached", why, None))
            continue
        d = decisions[r.iri]
        cands = tuple(_as_candidate(s, run.items.get(s.qid)) for s in scored[r.iri][:KEEP_CANDIDATES])
        entry = review.find(r.iri, r.kind, r.label)
        auto = d.best.qid if d.status == "auto" and d.best is not None else None
        if auto and d.best is not None:
            item = run.items.get(auto)
            decided = entry.auto_decided if entry is not None and entry.auto == auto else None
            links.append(_link(r, auto, score_=d.best.total, parts=(*d.best.parts, ("margin", d.margin)),
                               method="auto", decided=decided or today_iso(today), label=d.best.label,
                               coords=item.coordinates if item else None))
        outcomes.append(Outcome(r.iri, r.kind, r.label, r.all_names(), records, d.status, d.reason,
                                cands, auto))
    return links, outcomes


def _anchors(refs: Sequence[EntityRef], verdicts: Mapping[str, tuple[str, Entry | None]],
             decisions: Mapping[str, Decision], run: _Run,
             review: Review) -> dict[str, list[tuple[str, tuple[float, float]]]]:
    """Coordinates of places linked so far (curated or auto), by record id; country centroids skipped."""
    out: dict[str, list[tuple[str, tuple[float, float]]]] = {}
    for r in refs:
        if r.kind != "place":
            continue
        qid = verdicts[r.iri][0] if r.iri in verdicts else None
        d = decisions.get(r.iri)
        if qid is None and d is not None and d.status == "auto" and d.best is not None:
            qid = d.best.qid
        item = run.items.get(qid) if qid and qid != "reject" else None
        if item is None or item.coordinates is None or (item.precision or 0) >= 0.5:
            continue
        for rid in r.record_ids:
            out.setdefault(rid, []).append((r.iri, item.coordinates))
    return out


def _curated(ref: EntityRef, verdict: str, entry: Entry | None, run: _Run) -> Link | None:
    """The link a curator decided, checked against the item when its record is at hand."""
    if verdict == "reject":
        return None
    qid = verdict
    item = run.items.get(qid)
    cand = entry.candidate(qid) if entry is not None else None
    label = cand.label if cand is not None else None
    coords = cand.coordinates if cand is not None else None
    if item is not None:
        if item.missing:
            run.warnings.append(f"Wikidata: {_ident(ref)}: the curator's {qid} does not exist; left unlinked")
            return None
        if item.qid != qid:
            run.warnings.append(f"Wikidata: {_ident(ref)}: {qid} was merged into {item.qid}; linking that")
            qid = item.qid
        label = item.label or label
        coords = item.coordinates or coords
    parts = cand.parts if cand is not None else ()
    score_ = cand.score if cand is not None and cand.score is not None and cand.parts else 1.0
    decided = entry.decided if entry is not None else None
    return _link(ref, qid, score_=score_, parts=parts, method="curator", decided=decided, label=label,
                 coords=coords)
