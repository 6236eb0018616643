"""What the corpus itself teaches: names seen with a kind, and translator variant pairs.

A build extracts every record once, gathers the names it found with their kinds, and passes the
result to a second extraction, so that 'Yili' typed by 'Yili [Ili]' in one record is a place in a
record that only says 'from Yili'. Names seen with more than one kind are left out.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..records import Document, Extraction
from .lexicon import fold


def _key(name: str) -> str:
    from .resolve import key_of
    return key_of(name)


def _core(name: str) -> str:
    from .resolve import place_core
    return place_core(name)


@dataclass(frozen=True)
class Gazetteer:
    kinds: dict[str, str] = field(default_factory=dict)  # name key -> person | place | group
    variants: dict[str, tuple[str, ...]] = field(default_factory=dict)  # name key -> other forms

    def kind_of(self, forms: Sequence[str]) -> str | None:
        for f in forms:
            k = self.kinds.get(_key(f))
            if k:
                return k
        return None

    def __len__(self) -> int:
        return len(self.kinds)


def from_extractions(extractions: Iterable[Extraction], min_records: int = 1) -> Gazetteer:
    """Names and their kinds as the extractions found them; ambiguous names are dropped."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    seen_in: dict[str, set[str]] = defaultdict(set)
    variants: dict[str, set[str]] = defaultdict(set)
    for ex in extractions:
        for e in ex.entities:
            if e.kind not in ("person", "place", "group") or e.confidence < 0.6:
                continue
            names = e.names()
            keys = {_key(n): n for n in names}
            if e.kind == "place":  # 'Bole County' teaches 'Bole' too
                keys.update({_core(n): n for n in names})
            for k, n in keys.items():
                if not k:
                    continue
                votes[k][e.kind] += 1
                seen_in[k].add(ex.record_id)
                variants[k].update(x for x in names if fold(x) != fold(n))
    kinds = {k: v.most_common(1)[0][0] for k, v in votes.items()
             if len(v) == 1 and len(seen_in[k]) >= min_records}
    return Gazetteer(kinds=dict(sorted(kinds.items())),
                     variants={k: tuple(sorted(variants[k])) for k in sorted(kinds) if variants[k]})


def build_gazetteer(docs: Iterable[Document]) -> Gazetteer:
    """Extract each record without a gazetteer and learn from all of them together."""
    from . import extract
    return from_extractions(extract(doc) for doc in docs)
