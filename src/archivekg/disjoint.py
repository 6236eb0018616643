"""Union-find over any orderable items, shared by the stages that group names into entities."""
from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

T = TypeVar("T", bound=Hashable)


class DisjointSets(Generic[T]):
    """Sets joined by ``union``; the smallest member is each set's root, so results do not depend
    on the order in which items were joined."""

    def __init__(self, items: Iterable[T] = ()) -> None:
        self.parent: dict[T, T] = {i: i for i in items}

    def find(self, x: T) -> T:
        parent = self.parent
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: T, b: T) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = (ra, rb) if ra < rb else (rb, ra)  # type: ignore[operator]
            self.parent[hi] = lo
