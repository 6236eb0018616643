"""The build manifest: what each published record was built from, so a rebuild redoes only what changed.

Kept in ``<out>/manifest.json``. Per record: the hash of its inputs (record file and curation file),
the hash of everything its output depends on (inputs, entity identities, global settings), and a
compact summary of its entities (enough to decide identities across records without re-reading
the record). A manifest that does not parse, or whose global key differs, is ignored: the next
build is a full one.
"""
from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .records import Entity
from .vocab import ONTOLOGY_DIR, PROJECT_DIR, SHAPES_DIR

MANIFEST = "manifest.json"
FORMAT = 2


def file_hash(*paths: Path) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(str(p.name).encode("utf-8") + b"\0")
        if p.is_file():
            h.update(b"\2")  # an empty file is not a missing one (an empty curation file is an error)
            with open(p, "rb") as f:
                for chunk in iter(lambda: f.read(1 << 20), b""):
                    h.update(chunk)
        h.update(b"\1")
    return h.hexdigest()[:32]


def text_hash(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode("utf-8")).hexdigest()[:32]


def code_hash() -> str:
    """The package's own source: a code change rebuilds everything, even without a version bump."""
    src = PROJECT_DIR / "src" / "archivekg"
    files = sorted(p for p in src.rglob("*") if p.is_file() and p.suffix in (".py", ".txt", ".yaml", ".json", ".md"))
    return file_hash(*files) if files else __version__


def global_key(settings: dict[str, Any]) -> str:
    """Everything every record's output depends on: settings, shapes, ontology, code."""
    shapes = sorted(SHAPES_DIR.glob("*.ttl"))
    ontology = sorted(ONTOLOGY_DIR.glob("*"))
    return text_hash(FORMAT, __version__, code_hash(), file_hash(*shapes), file_hash(*ontology), settings)


def entity_summary(e: Entity) -> list[Any]:
    return [e.key, e.kind, e.label, e.subtype, list(e.variants), list(e.uncertain), list(e.pseudonyms), e.qid]


def compact_summaries(rows: list[Any]) -> list[Any]:
    """Entity summaries as tuples of shared strings. A corpus repeats its kinds, labels and names
    from record to record, and the main process holds every record's summaries through a build;
    empty tuples are one object, empty lists are not. JSON writes them as it wrote the lists."""
    intern = sys.intern
    return [(intern(key), intern(kind), intern(label), intern(subtype) if subtype else subtype,
             tuple(map(intern, variants)), tuple(map(intern, uncertain)), tuple(map(intern, pseudonyms)), qid)
            for key, kind, label, subtype, variants, uncertain, pseudonyms, qid in rows]


def entity_from_summary(row: list[Any]) -> Entity:
    key, kind, label, subtype, variants, uncertain, pseudonyms, qid = row
    return Entity(key=key, kind=kind, label=label, subtype=subtype, variants=tuple(variants),
                  uncertain=tuple(uncertain), pseudonyms=tuple(pseudonyms), qid=qid)


@dataclass
class RecordEntry:
    record_id: str
    source: str  # file name of the record
    input: str  # hash of the record's own inputs
    output: str = ""  # hash of everything its published files depend on
    date: str | None = None
    entities: list[Any] = field(default_factory=list)  # entity_summary rows (or their compact tuples)
    triples: int = 0
    claims: int = 0
    events: int = 0
    archives: list[str] = field(default_factory=list)  # sigla of the holding archives
    unmodelled: list[str] = field(default_factory=list)  # what extraction found but could not model
    # Set on entries read from the build index only (``light``): the summary's digest and the
    # entry's line of the manifest as written; their entities, date and archives are not loaded.
    digest: str = ""
    raw: str | None = None

    @property
    def light(self) -> bool:
        return self.raw is not None

    def summary_digest(self) -> str:
        """What the entity identities depend on in this record."""
        if not self.digest:
            self.digest = text_hash(self.record_id, self.date, self.archives, self.entities)
        return self.digest

    def to_json(self) -> dict[str, Any]:
        return {"id": self.record_id, "source": self.source, "input": self.input, "output": self.output,
                "date": self.date, "entities": self.entities, "triples": self.triples, "claims": self.claims,
                "events": self.events, "archives": self.archives,
                "unmodelled": self.unmodelled}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> RecordEntry:
        return cls(d["id"], d["source"], d["input"], d["output"], d.get("date"), d.get("entities", []),
                   d.get("triples", 0), d.get("claims", 0), d.get("events", 0), d.get("archives", []),
                   d.get("unmodelled", []))


@dataclass
class Manifest:
    key: str
    records: dict[str, RecordEntry] = field(default_factory=dict)  # by source file name
    shard: str | None = None
    aggregate: str = ""  # hash of the review file as the build left it

    def dumps(self) -> str:
        """One record per line (diffable), each written by the fast compact encoder; the lines of
        entries read from the index are copied as they were."""
        rows = ",\n".join(self.records[k].raw or _enc(self.records[k].to_json()) for k in sorted(self.records))
        return (f'{{"aggregate": {_enc(self.aggregate)}, "format": {FORMAT}, "key": {_enc(self.key)}, '
                f'"records": [\n{rows}\n], "shard": {_enc(self.shard)}}}\n')


def _enc(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def manifest_rows(text: str, sources: list[str]) -> dict[str, str] | None:
    """Each record's line of a manifest written by ``Manifest.dumps``, by source (``sources`` are
    the manifest's records, in any order); None when the text does not have that shape. The caller
    knows the text is the one written with ``sources`` (by its digest): lines are not parsed."""
    lines = text.split("\n")
    ordered = sorted(sources)
    if len(lines) != len(ordered) + 3 or lines[-1] != "" or not lines[0].startswith("{"):
        return None
    rows = dict(zip(ordered, (line[:-1] for line in lines[1:-3]), strict=False))
    if ordered:
        rows[ordered[-1]] = lines[-3]
    return rows


def read_manifest(out: Path) -> Manifest | None:
    path = out / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return None
        records = {r["source"]: RecordEntry.from_json(r) for r in data["records"]}
        for entry in records.values():  # a damaged entry fails here, not in the middle of a build
            entry.entities = compact_summaries(entry.entities)
            for row in entry.entities:
                entity_from_summary(row)
            if not all(isinstance(x, str) for x in (entry.record_id, entry.source, entry.input, entry.output)):
                raise TypeError("damaged entry")
        return Manifest(data["key"], records, data.get("shard"), data.get("aggregate", ""))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # missing or damaged: the next build starts from scratch
