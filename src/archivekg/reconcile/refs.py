"""What the reconciler is given about each entity: its names and the record's context."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..records import ENTITY_KINDS
from .names import LEVELS, levels_of


@dataclass(frozen=True)
class EntityRef:
    """One person, place or group to link, with the context of the record(s) naming it.

    ``names`` holds every name form (label, translator variants, [sic] transliterations);
    ``doc_date`` is the ISO date of the document, ``country`` the archive's country ("China"),
    ``places`` the labels of other places the same record mentions. ``qid`` is a QID a curator
    stated in a curation file, if any.
    """

    iri: str
    kind: str  # person | place | group
    label: str
    names: tuple[str, ...] = ()
    subtype: str | None = None  # county, river, prefecture, ministry, ethnic group ...
    record_ids: tuple[str, ...] = ()
    doc_date: str | None = None
    country: str | None = None
    places: tuple[str, ...] = ()
    qid: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in ENTITY_KINDS:
            raise ValueError(f"kind must be one of {ENTITY_KINDS}, not {self.kind!r}")

    def all_names(self) -> tuple[str, ...]:
        out: list[str] = []
        for n in (self.label, *self.names):
            if n and n not in out:
                out.append(n)
        return tuple(out)

    @property
    def doc_year(self) -> int | None:
        match = re.match(r"^(-?\d{1,4})", self.doc_date or "")
        return int(match.group(1)) if match else None

    def levels(self) -> tuple[str, ...]:
        """Level families the names and subtype state (only for places)."""
        if self.kind != "place":
            return ()
        found = levels_of(*self.all_names())
        if self.subtype:
            found |= levels_of(self.subtype)
            if self.subtype.strip().lower() in LEVELS:
                found.add(self.subtype.strip().lower())
        return tuple(sorted(found))
