"""Type constraints per entity kind, checked through P31 (instance of) and P279 (subclass of).

A small built-in table holds the classes documented for this project (human, country, historical
country, city, river, ethnic group, organisation ...). Other classes are fetched as records (through
the cached client) and their P279 chain is walked up to a bounded depth until it meets a class of
the table. A candidate fits a kind when its types reach one of the kind's roots; it is of the wrong
kind when they reach only other kinds' roots or an excluded class; otherwise its type is unknown.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from .names import levels_of

MAX_DEPTH = 5


@dataclass(frozen=True)
class ClassInfo:
    qid: str
    label: str = ""
    parents: tuple[str, ...] = ()  # P279


# Documented classes (background notes, and the recorded class records in the samples).
BUILTIN: dict[str, ClassInfo] = {c.qid: c for c in (
    ClassInfo("Q5", "human"),
    ClassInfo("Q6256", "country"),
    ClassInfo("Q3624078", "sovereign state", ("Q6256",)),
    ClassInfo("Q3024240", "historical country", ("Q6256",)),
    ClassInfo("Q849866", "communist state"),
    ClassInfo("Q486972", "human settlement", ("Q2221906",)),
    ClassInfo("Q515", "city", ("Q486972",)),
    ClassInfo("Q2221906", "geographic location"),
    ClassInfo("Q56061", "administrative territorial entity"),
    ClassInfo("Q1070990", "county-level city", ("Q515",)),
    ClassInfo("Q748149", "prefecture-level city", ("Q515",)),
    ClassInfo("Q1044880", "prefecture-level city", ("Q515",)),
    ClassInfo("Q62049", "county", ("Q56061",)),
    ClassInfo("Q4022", "river"),
    ClassInfo("Q41710", "ethnic group"),
    ClassInfo("Q43229", "organization"),
    ClassInfo("Q17442446", "Wikimedia internal item"),
)}

ROOTS: dict[str, frozenset[str]] = {
    "person": frozenset({"Q5"}),
    "place": frozenset({"Q6256", "Q3624078", "Q3024240", "Q849866", "Q486972", "Q515", "Q2221906",
                        "Q56061", "Q1070990", "Q748149", "Q1044880", "Q62049", "Q4022"}),
    "group": frozenset({"Q43229", "Q41710"}),
}
# Never a match whatever else the item is: Wikimedia pages; a human for a place or a group
# (a person is not the street, ship or station named after them).
EXCLUDED: dict[str, frozenset[str]] = {
    "person": frozenset({"Q17442446"}),
    "place": frozenset({"Q17442446", "Q5"}),
    "group": frozenset({"Q17442446", "Q5"}),
}

_KNOWN = ROOTS["person"] | ROOTS["place"] | ROOTS["group"] | EXCLUDED["place"]

Fetch = Callable[[list[str]], Mapping[str, ClassInfo]]


@dataclass(frozen=True)
class TypeFit:
    status: str  # match | wrong | unknown
    roots: tuple[str, ...] = ()  # table classes reached
    labels: tuple[str, ...] = ()  # labels of the item's classes (direct and one step up)
    levels: tuple[str, ...] = ()  # level families those labels name (river, city, prefecture ...)
    reason: str = ""


class ClassGraph:
    """P279 knowledge: the built-in table plus class records fetched on demand (and kept)."""

    def __init__(self, fetch: Fetch | None = None, known: Mapping[str, ClassInfo] | None = None) -> None:
        self.classes: dict[str, ClassInfo] = dict(BUILTIN)
        if known:
            self.classes.update(known)
        self._fetch = fetch
        self._asked: set[str] = set()

    def load(self, starts: Iterable[str], depth: int = MAX_DEPTH) -> None:
        """Fetch the unknown classes reachable from ``starts``, one batch per level of depth."""
        frontier = sorted(set(starts))
        for _ in range(depth + 1):
            unknown = [q for q in frontier if q not in self.classes and q not in self._asked]
            if unknown and self._fetch is not None:
                self._asked.update(unknown)
                self.classes.update(self._fetch(unknown))
            nxt: set[str] = set()
            for q in frontier:
                info = self.classes.get(q)
                if info is not None and q not in BUILTIN:
                    nxt.update(info.parents)
            frontier = sorted(nxt)
            if not frontier:
                break

    def ancestors(self, start: str, depth: int = MAX_DEPTH) -> list[str]:
        """``start`` and its superclasses up to ``depth`` steps, breadth first."""
        seen, frontier = [start], [start]
        for _ in range(depth):
            nxt: list[str] = []
            for q in frontier:
                info = self.classes.get(q)
                for p in info.parents if info else ():
                    if p not in seen:
                        seen.append(p)
                        nxt.append(p)
            frontier = nxt
        return seen

    def fit(self, kind: str, types: Iterable[str]) -> TypeFit:
        types = tuple(types)
        reached: list[str] = []
        labels: list[str] = []
        for t in types:
            for i, q in enumerate(self.ancestors(t)):
                if q in _KNOWN and q not in reached:
                    reached.append(q)
                info = self.classes.get(q)
                if info and info.label and i <= 1 and info.label not in labels:
                    labels.append(info.label)
        levels = tuple(sorted(levels_of(*labels)))
        hard = [q for q in reached if q in EXCLUDED.get(kind, frozenset())]
        mine = [q for q in reached if q in ROOTS.get(kind, frozenset())]
        if hard:
            return TypeFit("wrong", tuple(reached), tuple(labels), levels, f"instance of {hard[0]}")
        if mine:
            return TypeFit("match", tuple(reached), tuple(labels), levels, f"{kind} class {mine[0]}")
        if reached:
            return TypeFit("wrong", tuple(reached), tuple(labels), levels,
                           f"a class of another kind ({reached[0]})")
        if not types:
            return TypeFit("unknown", (), (), (), "no instance-of statement")
        return TypeFit("unknown", (), tuple(labels), levels, "classes not recognised")


def inferred(kind: str, fit: TypeFit, *, has_coordinates: bool, has_birth: bool,
             description_levels: set[str]) -> TypeFit:
    """For an item whose classes are not recognised, weak evidence of its kind from its statements.

    A place-like item has coordinates and a description headed by a level word ("county-level city
    in ..."); a person-like item has a date of birth. The result is ``likely``, never ``match``:
    it scores less than a checked type.
    """
    if fit.status != "unknown":
        return fit
    if kind == "place" and has_coordinates and description_levels and not has_birth:
        return TypeFit("likely", fit.roots, fit.labels, tuple(sorted(description_levels)),
                       "coordinates and a place description")
    if kind == "person" and has_birth and not has_coordinates:
        return TypeFit("likely", fit.roots, fit.labels, fit.levels, "has a date of birth")
    return fit
