"""What the reconciler is given about each entity: its names and the record's context."""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..records import ENTITY_KINDS, Document, Extraction
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


# Country of the holding archive, from the siglum of an archival reference ("PRC FMA 118-...").
ARCHIVE_COUNTRIES = {"PRC": "China"}


def archive_country(sigla: Sequence[str]) -> str | None:
    for siglum in sigla:
        head = siglum.split()[0] if siglum.split() else ""
        if head in ARCHIVE_COUNTRIES:
            return ARCHIVE_COUNTRIES[head]
    return None


def refs_for_records(records: Iterable[tuple[Document, Extraction, Mapping[str, Any]]]) -> list[EntityRef]:
    """EntityRefs for the entities of each record, one per canonical IRI.

    ``records`` holds (document, extraction, entity key -> canonical identity), the identity being
    an IRI string or anything with an ``iri`` attribute. References to one IRI from several
    records are joined: all their names, all record ids, the earliest document date.
    """
    joined: dict[str, dict[str, Any]] = {}
    for doc, ex, iris in records:
        country = archive_country([r.archive for r in doc.archive_refs])
        places = tuple(sorted({e.label for e in ex.entities if e.kind == "place"}))
        for e in ex.entities:
            if e.kind not in ENTITY_KINDS or e.key not in iris:
                continue
            target = iris[e.key]
            iri = str(getattr(target, "iri", target))
            j = joined.setdefault(iri, {"kind": e.kind, "label": str(getattr(target, "label", e.label)),
                                        "names": [], "subtype": e.subtype, "records": [], "dates": [],
                                        "country": country, "places": set(), "qid": e.qid})
            j["names"].extend(n for n in e.names() if n not in j["names"])
            # A record's entities are read together, so a record already listed is the last one
            # (a search of the whole list was quadratic in the records naming a common place).
            if not j["records"] or j["records"][-1] != doc.record_id:
                j["records"].append(doc.record_id)
            if doc.date:
                j["dates"].append(doc.date)
            j["places"].update(p for p in places if p != e.label)
            j["country"] = j["country"] or country
            j["qid"] = j["qid"] or e.qid
    return [EntityRef(iri, j["kind"], j["label"], names=tuple(j["names"]), subtype=j["subtype"],
                      record_ids=tuple(j["records"]), doc_date=min(j["dates"]) if j["dates"] else None,
                      country=j["country"], places=tuple(sorted(j["places"])), qid=j["qid"])
            for iri, j in sorted(joined.items())]
