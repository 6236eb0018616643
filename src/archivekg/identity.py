"""One IRI per real entity across records, decided before modelling.

Entities of the same kind are the same when a name form of one (label, variant, [sic] form)
normalises to a name form of another, or when a curator gave both the same Wikidata QID. The IRI is
minted from the canonical label: the most frequent label, ties broken alphabetically, so the choice
does not depend on the order records are read in.
"""
from __future__ import annotations

from collections import Counter, defaultdict

from .disjoint import DisjointSets
from .merge import norm
from .model.context import EntityName
from .records import Extraction
from .vocab import Minter, slug


def assign_iris(extractions: list[Extraction], minter: Minter,
                qids: dict[tuple[str, str], str] | None = None) -> tuple[list[dict[str, EntityName]], list[str]]:
    """Per extraction, a map entity key -> canonical identity; plus conflict warnings."""
    items: list[tuple[int, str, str, tuple[str, ...], str | None]] = []  # (record n, key, kind, names, qid)
    for n, ex in enumerate(extractions):
        for e in ex.entities:
            if e.kind == "cohort":
                continue
            qid = e.qid or (qids or {}).get((ex.record_id, e.key))
            items.append((n, e.key, e.kind, tuple(sorted({norm(x) for x in e.names() if norm(x)})), qid))
    sets = DisjointSets[int]()
    by_name: dict[tuple[str, str], int] = {}
    by_qid: dict[str, int] = {}
    for i, (_, _, kind, names, qid) in enumerate(items):
        sets.find(i)
        for name in names:
            j = by_name.setdefault((kind, name), i)
            if j != i:
                sets.union(i, j)
        if qid:
            j = by_qid.setdefault(qid, i)
            if j != i:
                sets.union(i, j)
    labels: dict[int, Counter[str]] = defaultdict(Counter)
    group_qids: dict[int, set[str]] = defaultdict(set)
    for i, (n, key, _, _, qid) in enumerate(items):
        ent = extractions[n].entity(key)
        assert ent is not None
        labels[sets.find(i)][ent.label] += 1
        if qid:
            group_qids[sets.find(i)].add(qid)
    warnings = [f"entities merged by name carry different Wikidata items: {', '.join(sorted(q))}"
                for q in group_qids.values() if len(q) > 1]
    chosen: dict[int, EntityName] = {}
    used: dict[str, int] = {}
    for root in sorted(labels, key=lambda r: min(_label_key(labels[r]))):
        label = min(labels[root].items(), key=lambda kv: (-kv[1], kv[0]))[0]
        kind = items[root][2]
        key = slug(label)
        base_iri = minter.id(kind, key)
        iri = base_iri
        if iri in used and used[iri] != root:
            iri = f"{base_iri}-{len([u for u in used if u.startswith(base_iri)]) + 1}"
        used[iri] = root
        chosen[root] = EntityName(iri, label)
    result: list[dict[str, EntityName]] = [{} for _ in extractions]
    for i, (n, key, _, _, _) in enumerate(items):
        result[n][key] = chosen[sets.find(i)]
    for n, ex in enumerate(extractions):
        for e in ex.entities:
            if e.kind == "cohort":
                result[n][e.key] = EntityName(minter.id("group", ex.record_id, "cohort-" + slug(e.key)), e.label)
    return result, warnings


def _label_key(counter: Counter[str]) -> list[str]:
    return sorted(counter)
