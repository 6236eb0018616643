"""What the model functions of one record share: the IRIs already decided for it."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..records import Document, Extraction, Method
from ..vocab import Minter, digest, slug


@dataclass(frozen=True)
class EntityName:
    """The canonical identity of an entity across the corpus, decided before modelling."""

    iri: str
    label: str


@dataclass
class RecordContext:
    """IRIs of one record's resources. Built once per record; model functions only read it."""

    minter: Minter
    doc: Document
    ex: Extraction
    entity_iris: dict[str, EntityName]  # extraction entity key -> canonical identity
    language: str = "en"
    software_version: str = "0"
    local: dict[str, str] = field(default_factory=dict)  # item key -> IRI (dates, quantities, events)

    @property
    def rid(self) -> str:
        return self.doc.record_id

    @property
    def doc_iri(self) -> str:
        return self.minter.id("document", self.rid)

    @property
    def text_iri(self) -> str:
        return self.minter.id("text", f"{self.rid}-{self.language}")

    @property
    def digital_iri(self) -> str:
        return self.minter.id("digital", self.rid)

    @property
    def graph_iri(self) -> str:
        return self.minter.graph("record/" + self.rid)

    def activity_iri(self, method: Method) -> str:
        if method.curated:
            return self.minter.id("activity", self.rid, "curation")
        return self.minter.id("activity", self.rid, f"{slug(method.name)}-{slug(method.version)}")

    def item_iri(self, kind: str, key: str) -> str:
        # Keys that are already slugs stay readable; others get a hash so two keys never collide.
        key_slug = slug(key)
        return self.minter.id(kind, self.rid, key_slug if key_slug == key else key_slug + "-" + digest(key, length=4))

    def author_iri(self) -> str:
        if self.ex.author and self.ex.author in self.entity_iris:
            return self.entity_iris[self.ex.author].iri
        # Who wrote it is unknown: the claims are still the record's, made by its unnamed author.
        return self.minter.id("group", self.rid, "author")

    def doc_date_span(self) -> str | None:
        if not self.doc.date:
            return None
        return self.minter.id("timespan", self.doc.date)
