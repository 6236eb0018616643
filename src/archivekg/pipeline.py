"""The library's front door: composes ingest -> extract -> reconcile -> model -> validate -> publish.

Only this module knows the order of the stages.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .config import Config
from .errors import ArchiveKGError, ValidationFailed
from .identity import assign_iris
from .model import GraphBuilder, model_record, model_shared
from .model.dataset import model_vocabulary, model_void
from .publish import GraphFile, publish
from .records import Document, Extraction
from .vocab import PROJECT_VOCAB, Minter

Progress = Callable[[str, int, int], None]


@dataclass
class BuildSummary:
    records: int = 0
    triples: int = 0
    entities: int = 0
    claims: int = 0
    events: int = 0
    conforms: bool = True
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "path: reason" of records left out
    out: str = ""


@dataclass(frozen=True)
class RecordResult:
    doc: Document
    extraction: Extraction


def _timed(summary: BuildSummary, stage: str, start: float) -> float:
    now = time.perf_counter()
    summary.stage_seconds[stage] = summary.stage_seconds.get(stage, 0.0) + now - start
    return now


def read_corpus(corpus: Path, summary: BuildSummary, skip_invalid: bool) -> list[Document]:
    from .ingest import find_records, read_record

    paths = find_records(corpus) if corpus.is_dir() else [corpus]
    docs: list[Document] = []
    errors: list[ArchiveKGError] = []
    seen: dict[str, str] = {}
    for p in paths:
        try:
            doc = read_record(p)
            if doc.record_id in seen:
                raise ArchiveKGError(f"record id {doc.record_id!r} is also the id of {seen[doc.record_id]}",
                                     path=str(p), field="url")
            seen[doc.record_id] = str(p)
            docs.append(doc)
        except ArchiveKGError as exc:
            errors.append(exc)
    _handle(errors, summary, skip_invalid)
    return docs


def _handle(errors: list[ArchiveKGError], summary: BuildSummary, skip_invalid: bool) -> None:
    if not errors:
        return
    if not skip_invalid:
        if len(errors) == 1:
            raise errors[0]
        raise ArchiveKGError("; ".join(str(e) for e in errors[:20])
                             + (f" (and {len(errors) - 20} more)" if len(errors) > 20 else ""))
    summary.skipped.extend(str(e) for e in errors)


def extract_record(doc: Document) -> Extraction:
    """Automatic extraction merged with the record's curation file, when it has one."""
    from .curation import curation_path, load_curation, merge
    from .extract import extract

    auto = extract(doc)
    cpath = curation_path(Path(doc.path))
    curated = load_curation(cpath, doc) if cpath.is_file() else None
    return merge(auto, curated)


def build(corpus: Path, out: Path, config: Config, *, skip_invalid: bool = False,
          progress: Progress | None = None) -> BuildSummary:
    started = time.perf_counter()
    summary = BuildSummary(out=str(out))
    minter = Minter(config.base)
    t = time.perf_counter()
    docs = read_corpus(corpus, summary, skip_invalid)
    t = _timed(summary, "ingest", t)

    extractions: list[Extraction] = []
    kept: list[Document] = []
    errors: list[ArchiveKGError] = []
    for n, doc in enumerate(docs, 1):
        try:
            extractions.append(extract_record(doc))
            kept.append(doc)
        except ArchiveKGError as exc:
            errors.append(exc)
        if progress:
            progress("extract", n, len(docs))
    _handle(errors, summary, skip_invalid)
    docs = kept
    t = _timed(summary, "extract", t)

    iris, warnings = assign_iris(extractions, minter)
    summary.warnings.extend(warnings)
    t = _timed(summary, "reconcile", t)

    graphs: list[GraphFile] = []
    for n, (doc, ex, ids) in enumerate(zip(docs, extractions, iris, strict=True), 1):
        b = model_record(doc, ex, ids, minter, language=config.language, software_version=__version__)
        graphs.append(GraphFile(doc.record_id, "records", b))
        if progress:
            progress("model", n, len(docs))
    shared = model_shared(list(zip(docs, extractions, iris, strict=True)), minter, minter.graph("entities"))
    t = _timed(summary, "model", t)

    report_lines = validate_all(graphs, shared, config.base, docs)
    t = _timed(summary, "validate", t)
    if report_lines:
        summary.conforms = False
        raise ValidationFailed("the data does not conform to the shapes; nothing was published:\n"
                               + "\n".join(report_lines))

    record_triples = sum(len(g.builder) for g in graphs)
    entity_iris = {e.iri for ids in iris for e in ids.values() if "/cohort-" not in e.iri}
    dataset = GraphBuilder(minter.graph("dataset"))
    model_vocabulary(dataset, PROJECT_VOCAB, config.base)
    subsets = {g.name: len(g.builder) for g in graphs}
    subsets["entities"] = len(shared)
    model_void(dataset, base=config.base, title=config.title, description=config.description,
               license=config.license, publisher=config.publisher, contact=config.contact,
               triples=record_triples + len(shared), entities=len(entity_iris), documents=len(docs),
               dumps=["archivekg.nq", "archivekg.trig"], subsets=subsets)
    files = [*graphs, GraphFile("entities", "", shared), GraphFile("void", "", dataset)]
    publish(out, files, config.base, {})
    _timed(summary, "publish", t)

    summary.records = len(docs)
    summary.triples = record_triples + len(shared) + len(dataset)
    summary.entities = len(entity_iris)
    summary.claims = sum(_count_type(g.builder, "E13_Attribute_Assignment") for g in graphs)
    summary.events = sum(len(ex.events) for ex in extractions)
    summary.seconds = time.perf_counter() - started
    return summary


def _count_type(b: GraphBuilder, crm_class: str) -> int:
    target = "http://www.cidoc-crm.org/cidoc-crm/" + crm_class
    return sum(1 for _, p, o in b.triples() if p.value.endswith("#type") and getattr(o, "value", "") == target)


def validate_all(graphs: list[GraphFile], shared: GraphBuilder, base: str, docs: list[Document]) -> list[str]:
    """Per record: its graph plus the shared descriptions; returns readable problems (none = valid)."""
    from .validate import validate_graph

    minter = Minter(base)
    texts = {minter.id("text", f"{doc.record_id}-en"): doc.text for doc in docs}
    problems: list[str] = []
    for g in graphs:
        report = validate_graph(to_rdflib([g.builder, shared]), base=base)
        if not report.conforms:
            problems.append(report.describe())
        problems.extend(check_quotes(g.builder, texts))
    return problems


def to_rdflib(builders: list[GraphBuilder]):
    import rdflib
    from pyoxigraph import RdfFormat, Triple, serialize

    data = serialize([Triple(s, p, o) for b in builders for s, p, o in b.triples()], format=RdfFormat.N_TRIPLES)
    g = rdflib.Graph()
    g.parse(data=(data or b"").decode("utf-8"), format="nt")
    return g


def check_quotes(b: GraphBuilder, texts: dict[str, str]) -> list[str]:
    """Every oa:exact must be the slice of its text between the annotation's offsets."""
    from .vocab import OA_NS

    by_subject: dict[str, dict[str, str]] = {}
    for s, p, o in b.triples():
        by_subject.setdefault(s.value, {})[p.value] = o.value
    problems = []
    for node, props in by_subject.items():
        if OA_NS + "hasSource" not in props:
            continue
        text = texts.get(props[OA_NS + "hasSource"])
        quote = by_subject.get(node + "/quote", {})
        pos = by_subject.get(node + "/position", {})
        if text is None or not quote or not pos:
            continue
        start, end = int(pos[OA_NS + "start"]), int(pos[OA_NS + "end"])
        if text[start:end] != quote[OA_NS + "exact"]:
            problems.append(f"{node}: quote {quote[OA_NS + 'exact'][:60]!r} is not the text at {start}..{end}")
    return problems
