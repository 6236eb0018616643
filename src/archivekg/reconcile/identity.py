"""One IRI per real entity across records.

Entity references from different records are the same entity when they share an accepted QID;
failing that, when they are of the same kind and share their normalised label or a name form. A
name group holding two different QIDs is a conflict: it is reported, and the references with
different QIDs are never merged.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from ..disjoint import DisjointSets
from ..records import Link
from .names import fold
from .refs import EntityRef

MIN_SHARED = 3  # a shared name form shorter than this (folded) says nothing


@dataclass(frozen=True)
class Identity:
    canonical: tuple[tuple[str, str], ...]  # (iri, canonical iri) for every reference given
    groups: tuple[tuple[str, ...], ...]  # IRIs that are one entity, canonical first
    conflicts: tuple[str, ...]  # readable reports of names carrying two QIDs

    def iri(self, iri: str) -> str:
        return self._lookup.get(iri, iri)

    @cached_property
    def _lookup(self) -> dict[str, str]:
        return dict(self.canonical)


def _keys(ref: EntityRef) -> set[str]:
    return {f"{ref.kind}:{fold(n)}" for n in ref.all_names() if len(fold(n)) >= MIN_SHARED}


def unify(refs: Sequence[EntityRef], links: Sequence[Link]) -> Identity:
    """Group references: by accepted QID, else by kind + normalised name or a shared variant."""
    qid_of = {link.entity_iri: link.qid for link in links}
    iris = sorted({r.iri for r in refs})
    sets = DisjointSets(iris)
    by_iri = {r.iri: r for r in refs}
    # 1. The same accepted QID is the same entity, whatever the names.
    first: dict[str, str] = {}
    for iri in iris:
        q = qid_of.get(iri)
        if q:
            if q in first:
                sets.union(first[q], iri)
            else:
                first[q] = iri
    # 2. Names, only between groups whose QIDs agree (or are missing).
    owners: dict[str, list[str]] = {}
    for iri in iris:
        for key in _keys(by_iri[iri]):
            owners.setdefault(key, []).append(iri)

    def group_qids(root: str) -> set[str]:
        return {qid_of[i] for i in iris if sets.find(i) == root and i in qid_of}

    conflicts: set[str] = set()
    for key in sorted(owners):
        members = owners[key]
        qids = {qid_of[i] for i in members if i in qid_of}
        if len(qids) > 1:
            name = key.split(":", 1)[1]
            listed = ", ".join(f"{qid_of[i]} ({i})" for i in members if i in qid_of)
            conflicts.add(f"conflict: the {key.split(':', 1)[0]} name {name!r} is linked to "
                          f"{len(qids)} Wikidata items: {listed}; not merged")
            continue  # unlinked references under a contested name stay apart
        for other in members[1:]:
            a, b = sets.find(members[0]), sets.find(other)
            if a == b:
                continue
            qa, qb = group_qids(a), group_qids(b)
            if qa and qb and qa != qb:
                conflicts.add(f"conflict: {members[0]} ({', '.join(sorted(qa))}) and {other} "
                              f"({', '.join(sorted(qb))}) share the name {key.split(':', 1)[1]!r}; not merged")
                continue
            sets.union(a, b)
    groups: dict[str, list[str]] = {}
    for iri in iris:
        groups.setdefault(sets.find(iri), []).append(iri)
    canonical = tuple((iri, sets.find(iri)) for iri in iris)
    ordered = tuple(tuple(sorted(g)) for _, g in sorted(groups.items()))
    return Identity(canonical, ordered, tuple(sorted(conflicts)))
