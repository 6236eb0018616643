"""Frozen values that travel between the pipeline stages.

Data flows one way: ingest -> Document; extract/curation -> Extraction; reconcile -> Link;
model turns Document + Extraction (+ Links) into quads. Nothing here knows about RDF.

Offsets are Unicode code points into ``Document.text`` (the translation text as published,
line endings normalised to LF), so a quote is always ``text[start:end]``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

# Entity kinds the contract publishes (E21 Person, E53 Place, E74 Group).
ENTITY_KINDS = ("person", "place", "group")


@dataclass(frozen=True)
class Span:
    """A passage of the document text: ``text[start:end]``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span {self.start}..{self.end}")


@dataclass(frozen=True)
class Footnote:
    marker: str  # "1", "*", "a" as printed in the text
    text: str  # the note text, without its marker
    span: Span  # where the note text stands in Document.text
    refs: tuple[Span, ...] = ()  # where the marker is cited in the body


@dataclass(frozen=True)
class ArchiveRef:
    """One archival reference from a citation, e.g. 'PRC FMA 118-01100-06, 1-4'."""

    text: str  # as written: "PRC FMA 118-01100-06, 1-4"
    archive: str  # siglum of the holding archive: "PRC FMA"
    signature: str  # archive + file: "PRC FMA 118-01100-06"
    file: str  # the file (record set) number: "118-01100-06"
    pages: str | None = None  # "1-4"


@dataclass(frozen=True)
class Document:
    """One archival record as ingested: metadata from the header plus the translation text."""

    path: str  # the file it came from (for messages)
    record_id: str  # last path segment of the record URL, or the file stem
    title: str
    text: str  # the translation text (body + footnotes); offsets index into this
    date: str | None = None  # ISO: YYYY-MM-DD, YYYY-MM or YYYY
    date_text: str | None = None  # the date as the header writes it
    citation: str | None = None  # verbatim, without the URL line
    url: str | None = None
    archive_refs: tuple[ArchiveRef, ...] = ()
    translators: tuple[str, ...] = ()
    summary: str | None = None
    credits: str | None = None
    funders: tuple[str, ...] = ()
    original_language: str | None = None  # as written: "Chinese"
    language_code: str | None = None  # ISO 639-1: "zh"
    contents: str | None = None  # "Translation - English"
    paragraphs: tuple[Span, ...] = ()
    body_end: int = 0  # text[:body_end] is the body, the rest the footnote section
    footnotes: tuple[Footnote, ...] = ()
    header_lines: tuple[tuple[str, int], ...] = ()  # field name -> 1-based line in the file
    archive_name: str | None = None  # "Wilson Center Digital Archive"

    def line_of(self, name: str) -> int | None:
        return dict(self.header_lines).get(name)

    @property
    def body(self) -> str:
        return self.text[: self.body_end or len(self.text)]


@dataclass(frozen=True)
class Method:
    """How an item came to be: a rule set with its version, a model, or a curator's file."""

    name: str  # "rules", "curation", "model:<name>"
    version: str  # rule-set version, or the curation file's path
    rule: str | None = None  # which rule fired (for explanations)

    @property
    def curated(self) -> bool:
        return self.name == "curation"


CURATED = Method("curation", "")


@dataclass(frozen=True)
class Mention:
    """One place where the text names something."""

    text: str  # text[start:end], verbatim
    span: Span


@dataclass(frozen=True)
class Entity:
    """A person, place or group as one record refers to it."""

    key: str  # local key within the extraction (curation id or normalised name)
    kind: str  # person | place | group
    label: str  # preferred English name
    subtype: str | None = None  # county, river, ministry, cooperative, ethnic group ...
    variants: tuple[str, ...] = ()  # other name forms: translator variants, spellings
    uncertain: tuple[str, ...] = ()  # [sic] transliterations, kept as written (without "[sic]")
    pseudonyms: tuple[str, ...] = ()  # cover names ("Filippov" for Stalin)
    mentions: tuple[Mention, ...] = ()
    method: Method = CURATED
    confidence: float = 1.0
    note: str | None = None
    qid: str | None = None  # a Wikidata QID stated by a curator

    def names(self) -> tuple[str, ...]:
        seen: list[str] = []
        for n in (self.label, *self.variants, *self.uncertain, *self.pseudonyms):
            if n and n not in seen:
                seen.append(n)
        return tuple(seen)


@dataclass(frozen=True)
class TimeSpan:
    """A date or period the text gives, resolved to inclusive ISO day bounds."""

    key: str
    text: str  # the words as written ("from 10 April through 20 April")
    begin: str  # YYYY-MM-DD
    end: str  # YYYY-MM-DD (inclusive)
    approximate: bool = False
    relative: bool = False  # resolved against the document date
    mention: Mention | None = None
    method: Method = CURATED
    confidence: float = 1.0


@dataclass(frozen=True)
class Quantity:
    """A count or measure: "around 2,000 people", "four tons", "5-6 days"."""

    key: str
    text: str  # as written
    unit: str  # person, family, package, ton, day ...
    value: Decimal | None = None
    low: Decimal | None = None  # for ranges
    high: Decimal | None = None
    approximation: str | None = None  # around | about | more than | nearly | at least ...
    kind: str = "count"  # count | weight | duration | length | money ...
    counts: str | None = None  # what is counted: an entity key, or a short description
    mention: Mention | None = None
    method: Method = CURATED
    confidence: float = 1.0

    @property
    def approximate(self) -> bool:
        return self.approximation is not None


# Event types and the CRM class each becomes.
EVENT_TYPES = {
    "move": "E9_Move",  # flight, movement, sending of objects
    "activity": "E7_Activity",  # visits, meetings, arrests, broadcasts ...
    "creation": "E65_Creation",  # letters, reports, cables written
    "event": "E5_Event",
}


@dataclass(frozen=True)
class Event:
    """Something the text says happened."""

    key: str
    type: str  # key of EVENT_TYPES
    label: str
    subtype: str | None = None  # flight, meeting, visit, sending, letter, statement, arrest ...
    actors: tuple[str, ...] = ()  # entity keys (P14 carried out by)
    participants: tuple[str, ...] = ()  # entity keys (P11 had participant)
    origin: str | None = None  # place key (P27 moved from)
    destination: str | None = None  # place key (P26 moved to)
    places: tuple[str, ...] = ()  # place keys (P7 took place at)
    time: str | None = None  # TimeSpan key
    quantities: tuple[str, ...] = ()  # Quantity keys about this event or its actors
    objects: tuple[str, ...] = ()  # Quantity keys of things moved or created (packages, letters)
    addressees: tuple[str, ...] = ()  # entity keys a letter/request is addressed to
    qualifiers: tuple[str, ...] = ()  # approximate, incomplete-statistics, unverified, details-unknown
    mention: Mention | None = None  # the passage that states it
    method: Method = CURATED
    confidence: float = 1.0


@dataclass(frozen=True)
class Claim:
    """An explicit statement the source makes, beyond what its events imply."""

    key: str
    subject: str  # an entity or event key
    property: str  # a CRM or project property local name ("P107_has_current_or_former_member")
    value: str  # an entity, event, time-span or quantity key, or a literal
    qualifiers: tuple[str, ...] = ()
    mention: Mention | None = None
    method: Method = CURATED
    confidence: float = 1.0


@dataclass(frozen=True)
class Reference:
    """A sentence that refers to entities, dates and quantities with no event pattern."""

    key: str
    mention: Mention
    entities: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()
    quantities: tuple[str, ...] = ()
    method: Method = CURATED


@dataclass(frozen=True)
class Deletion:
    """A curator's removal of an automatic item: what kind, and the name or text it had."""

    what: str  # entity | date | quantity | event | claim
    match: str


@dataclass(frozen=True)
class Extraction:
    """Everything one record says, from rules, a model or a curator's file (or merged)."""

    record_id: str
    entities: tuple[Entity, ...] = ()
    dates: tuple[TimeSpan, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    events: tuple[Event, ...] = ()
    claims: tuple[Claim, ...] = ()
    references: tuple[Reference, ...] = ()
    deletions: tuple[Deletion, ...] = ()
    author: str | None = None  # entity key of who wrote the document (asserter of its claims)
    addressees: tuple[str, ...] = ()  # entity keys the document is addressed to
    methods: tuple[Method, ...] = field(default_factory=tuple)
    complete: bool = False  # a curator vouches the items are complete: automatic ones not confirmed go
    unmodelled: tuple[str, ...] = ()  # what the extractor found but could not model, and why

    def entity(self, key: str) -> Entity | None:
        for e in self.entities:
            if e.key == key:
                return e
        return None


@dataclass(frozen=True)
class Link:
    """A decision linking one entity to a Wikidata item."""

    entity_iri: str
    qid: str
    score: float
    parts: tuple[tuple[str, float], ...] = ()  # named score components
    method: str = "auto"  # auto | curator
    decided: str | None = None  # ISO date the decision was made
    label: str | None = None  # the item's English label
    coordinates: tuple[float, float] | None = None  # (longitude, latitude)
