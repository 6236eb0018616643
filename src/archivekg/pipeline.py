"""The library's front door: composes ingest -> extract -> reconcile -> model -> validate -> publish.

Only this module knows the order of the stages. A build runs in three passes:

1. per record, in worker processes: read and extract (merged with the curation file); the
   document and its extraction wait in a work folder, the main process keeps their summary;
2. once, over the whole corpus: one IRI per real entity (needs every record's entities), reused
   from the last build when no entity changed anywhere;
3. per record, in worker processes: model, validate, serialise into the new output folder.

Records whose inputs and entity identities did not change since the last build are not redone.
What changed is written to a staging folder beside the output, so a build that fails leaves the
previous output as it was. A few changed records are then carried into the output where it lies,
their sections of the dumps replaced in place under a journal (``publish.inplace``); otherwise
the staging folder becomes a whole new output (the unchanged files linked, the unchanged graphs'
sections copied from the previous dumps) that replaces the old one in one rename.
"""
from __future__ import annotations

import contextlib
import ctypes
import gc
import hashlib
import json
import os
import pickle
import re
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import __version__
from .config import CACHE_NAME, REVIEW_NAME, Config
from .errors import ArchiveKGError, UsageError, ValidationFailed
from .identity import assign_iris
from .identity_file import read_identity, write_identity
from .manifest import (
    MANIFEST,
    Manifest,
    RecordEntry,
    compact_summaries,
    entity_from_summary,
    entity_summary,
    file_hash,
    global_key,
    manifest_rows,
    read_manifest,
    text_hash,
)
from .model import EntityName, GraphBuilder, model_record, model_shared
from .model.dataset import model_vocabulary, model_void
from .model.limits import unpublishable_numbers
from .model.links import model_links
from .publish import (
    PIECES,
    assemble,
    begin_output,
    check_output_folder,
    commit_output,
    dump_header,
    finish_folder,
    recover,
    write_graph_files,
)
from .publish.dumps import INDEX, DumpStream, read_index, remove_pieces
from .publish.inplace import commit_in_place, plan_edits, supports_range_edits
from .records import ArchiveRef, Document, Extraction, Link
from .vocab import PROJECT_VOCAB, RDF_NS, Minter

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
    rebuilt: int = 0  # records modelled in this run (the others were unchanged)
    unmodelled: int = 0  # items extraction found but could not model (listed in unmodelled.txt)
    links_reused: bool = False  # the last build's reconciliation still held and was reused
    identities_reused: bool = False  # no entity changed anywhere: the last build's IRIs were reused
    up_to_date: bool = False
    out: str = ""


def parse_shard(text: str | None) -> tuple[int, int] | None:
    if not text:
        return None
    try:
        k, n = (int(x) for x in text.split("/"))
    except ValueError:
        raise UsageError(f"--shard must be K/N, e.g. 1/4, not {text!r}") from None
    if not 1 <= k <= n:
        raise UsageError(f"--shard K/N needs 1 <= K <= N, not {text!r}")
    return k, n


def in_shard(record_id: str, shard: tuple[int, int] | None) -> bool:
    """Deterministic split by record id, the same on every machine."""
    if shard is None:
        return True
    k, n = shard
    return int(hashlib.sha256(record_id.encode("utf-8")).hexdigest()[:12], 16) % n == k - 1


# ---- pass 1: read and extract (runs in worker processes) -------------------------------------

@dataclass(frozen=True)
class Extracted:
    source: str
    input_hash: str
    doc: Document | None = None
    extraction: Extraction | None = None
    error: str | None = None
    warnings: tuple[str, ...] = ()
    entry: RecordEntry | None = None  # what the manifest keeps of it (set when spilled)
    cache: str | None = None  # where the document and its extraction wait for pass 3


def _entry_of(source: str, input_hash: str, doc: Document, ex: Extraction) -> RecordEntry:
    return RecordEntry(doc.record_id, source, input_hash, date=doc.date,
                       entities=[entity_summary(e) for e in ex.entities], events=len(ex.events),
                       archives=sorted({a.archive for a in doc.archive_refs}), unmodelled=list(ex.unmodelled))


def _extract_spilled(args: tuple[str, str, tuple[int, int] | None, str]) -> Extracted:
    """Extract one record and leave the document and its extraction in the work folder: the main
    process keeps only their summary, so its memory grows with the entities, not with the text."""
    path, input_hash, shard, work = args
    r = _extract_one((path, input_hash, shard))
    if r.doc is None or r.extraction is None:
        return replace(r, doc=None) if r.error else r
    cache = Path(work) / f"{r.source}.pickle"
    cache.write_bytes(pickle.dumps((r.doc, r.extraction), protocol=pickle.HIGHEST_PROTOCOL))
    return replace(r, doc=None, extraction=None, entry=_entry_of(r.source, input_hash, r.doc, r.extraction),
                   cache=str(cache))


def extract_record(doc: Document) -> Extraction:
    """Automatic extraction merged with the record's curation file, when it has one."""
    from .curation import curation_path, load_curation, merge
    from .extract import extract

    auto = extract(doc)
    cpath = curation_path(Path(doc.path))
    curated = load_curation(cpath, doc) if cpath.is_file() else None
    return merge(auto, curated)


def _extract_one(args: tuple[str, str, tuple[int, int] | None]) -> Extracted:
    path, input_hash, shard = args
    from .ingest import read_record_with_warnings

    try:
        doc, warnings = read_record_with_warnings(Path(path))
        if not in_shard(doc.record_id, shard):
            return Extracted(Path(path).name, input_hash, doc=doc)
        extraction = extract_record(doc)
        warnings += unpublishable_numbers(doc, extraction)
        return Extracted(Path(path).name, input_hash, doc, extraction,
                         warnings=tuple(_located(path, w) for w in warnings))
    except ArchiveKGError as exc:
        return Extracted(Path(path).name, input_hash, error=str(exc))
    except Exception as exc:  # an unexpected failure on one record is reported as that record's
        return Extracted(Path(path).name, input_hash, error=f"{path}: cannot process record "
                         f"({type(exc).__name__}: {exc})")


# ---- pass 3: model, validate, serialise (runs in worker processes) ---------------------------

@dataclass(frozen=True)
class ModelJob:
    record_id: str
    cache: str | None  # the spilled document and extraction, or None to read and extract again
    path: str  # the record file
    input_hash: str
    shard: tuple[int, int] | None
    iris: dict[str, EntityName]
    base: str
    language: str
    out: str

    def load(self) -> tuple[Document, Extraction]:
        if self.cache is not None:
            doc, ex = pickle.loads(Path(self.cache).read_bytes())
            return doc, ex
        r = _extract_one((self.path, self.input_hash, self.shard))
        if r.doc is None or r.extraction is None:
            raise ArchiveKGError(r.error or f"{self.path}: cannot be read again")
        return r.doc, r.extraction


@dataclass(frozen=True)
class Modelled:
    record_id: str
    triples: int
    claims: int
    problems: tuple[str, ...]


def _model_batch(jobs: list[ModelJob]) -> list[Modelled]:
    """Model, validate and write a few records; validated together, written only if valid."""
    # No collection while the batch runs. Its objects are a few records' worth, nearly all freed
    # by reference counting, while each pass of the collector walks them all (and, in a worker,
    # the whole heap it was forked with): over 10 ms of CPU per record, measured at 100 records.
    # Cycles the batch leaves are collected after.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _model_validate_write(jobs)
    finally:
        if enabled:
            gc.enable()


def _model_validate_write(jobs: list[ModelJob]) -> list[Modelled]:
    from .validation.engine import validate_batch

    built = []
    texts: dict[str, str] = {}
    failed: list[Modelled] = []
    for job in jobs:
        minter = Minter(job.base)
        try:
            doc, extraction = job.load()
        except ArchiveKGError as exc:
            failed.append(Modelled(job.record_id, 0, 0, (str(exc),)))
            continue
        try:
            b = model_record(doc, extraction, job.iris, minter, language=job.language,
                             software_version=__version__)
        except (ValueError, ArchiveKGError) as exc:
            # One record that cannot be modelled is that record's problem, not the build's.
            failed.append(Modelled(job.record_id, 0, 0, (f"{doc.path}: cannot be modelled: {exc}",)))
            continue
        texts[minter.id("text", f"{doc.record_id}-{job.language}")] = doc.text
        built.append((b, doc))
    problems = validate_batch(built, base=jobs[0].base, texts=texts) if built else {}
    results = list(failed)
    for job, (b, doc) in zip([j for j in jobs if j.record_id in problems], built, strict=True):
        if not problems[doc.record_id]:
            write_graph_files(Path(job.out), "records", doc.record_id, b, job.base)
        claims = b.count(RDF_NS + "type", "E13_Attribute_Assignment>")
        results.append(Modelled(doc.record_id, len(b), claims, tuple(problems[doc.record_id])))
    return results


UNMODELLED = "unmodelled.txt"
BATCH = 8  # records modelled and validated together by one worker call


def _run(func: Callable[[Any], Any], items: list[Any], jobs: int, stage: str,
         progress: Progress | None, pool: ProcessPoolExecutor | None = None) -> Iterator[Any]:
    """Map in order (so output does not depend on scheduling), in processes when jobs > 1 (those
    of ``pool`` when given). Work for processes is handed out at the call, not when the first
    result is asked for, so the caller can do other work meanwhile."""
    if jobs <= 1 or (len(items) < 2 and pool is None):
        return _serial(func, items, stage, progress)
    # Small chunks: a worker that finishes early takes the next one, so at the end of a pass no
    # worker waits long for another (a chunk of 32 model batches was 17 s of work at 10,000).
    chunk = max(1, min(4, len(items) // (jobs * 16) or 1))
    own = pool is None
    workers = pool or ProcessPoolExecutor(max_workers=jobs)
    return _gathered(workers.map(func, items, chunksize=chunk), len(items), stage, progress,
                     workers if own else None)


def _serial(func: Callable[[Any], Any], items: list[Any], stage: str, progress: Progress | None) -> Iterator[Any]:
    for n, item in enumerate(items, 1):
        yield func(item)
        if progress:
            progress(stage, n, len(items))


def _gathered(results: Iterator[Any], total: int, stage: str, progress: Progress | None,
              own: ProcessPoolExecutor | None) -> Iterator[Any]:
    try:
        for n, result in enumerate(results, 1):
            yield result
            if progress:
                progress(stage, n, total)
    finally:
        if own is not None:
            own.shutdown()


def _prepare_worker(base: str) -> None:
    """Import the extractor and compile the shapes in a worker as it starts. The workers start
    with the build, so this runs while the main process lists and hashes the corpus: a rebuild of
    one record then finds a worker ready instead of waiting a second for it."""
    try:
        from . import extract  # noqa: F401  (its patterns are compiled on import)
        from .validation.compile import compiled_checks
        from .validation.prove import shape_proofs

        compiled_checks(base)
        shape_proofs(base)
    except Exception:  # the first real task reports whatever is wrong, naming its file
        pass


# ---- the build -------------------------------------------------------------------------------

def _settings(config: Config) -> dict[str, Any]:
    return {"base": config.base, "title": config.title, "description": config.description,
            "license": config.license, "publisher": config.publisher, "contact": config.contact,
            "language": config.language, "archive_name": config.archive_name}


def _record_paths(corpus: Path) -> list[Path]:
    from .ingest import find_records

    return find_records(corpus) if corpus.is_dir() else [corpus]


class _Restart(Exception):
    """The previous output cannot serve an incremental build after all: build in full."""


def build(corpus: Path, out: Path, config: Config, *, skip_invalid: bool = False,
          progress: Progress | None = None, jobs: int = 1, shard: str | None = None,
          incremental: bool = True) -> BuildSummary:
    """Build ``out`` from ``corpus``. The worker processes are started once, before the main
    process holds any record, and serve both passes; the records themselves wait in a work
    folder between the passes, so that memory grows with the entities, not with the text."""
    workers = _Workers(jobs, config.base)
    work = out.resolve().parent / f".{out.resolve().name}.work"
    try:
        try:
            return _build(corpus, out, config, skip_invalid=skip_invalid, progress=progress, jobs=jobs,
                          shard=shard, incremental=incremental, workers=workers, work=work)
        except _Restart:
            return _build(corpus, out, config, skip_invalid=skip_invalid, progress=progress, jobs=jobs,
                          shard=shard, incremental=False, workers=workers, work=work)
    finally:
        workers.stop()
        shutil.rmtree(work, ignore_errors=True)


class _Workers:
    """The build's worker processes, started once it is known that there is work (and before the
    main process holds any record); they serve both passes."""

    def __init__(self, jobs: int, base: str) -> None:
        self.jobs, self.base = jobs, base
        self.pool: ProcessPoolExecutor | None = None

    def start(self) -> ProcessPoolExecutor | None:
        if self.jobs > 1 and self.pool is None:
            self.pool = ProcessPoolExecutor(max_workers=self.jobs, initializer=_prepare_worker,
                                            initargs=(self.base,))
            for _ in range(self.jobs):  # each task starts a worker, which prepares while the main process reads
                self.pool.submit(int)
        return self.pool

    def stop(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
            self.pool = None


def _build(corpus: Path, out: Path, config: Config, *, skip_invalid: bool, progress: Progress | None, jobs: int,
           shard: str | None, incremental: bool, workers: _Workers, work: Path) -> BuildSummary:
    started = time.perf_counter()
    summary = BuildSummary(out=str(out))
    clock = [time.perf_counter()]

    def lap(stage: str) -> None:
        now = time.perf_counter()
        summary.stage_seconds[stage] = summary.stage_seconds.get(stage, 0.0) + now - clock[0]
        clock[0] = now

    part = parse_shard(shard)
    minter = Minter(config.base)
    key = global_key(_settings(config) | {"shard": shard})
    recover(out.resolve())  # a swap or an update a killed build left half done comes first
    check_output_folder(out.resolve())  # never replace a file or a folder of other files
    if corpus.resolve() == out.resolve() or out.resolve() in corpus.resolve().parents:
        raise UsageError(f"the corpus {corpus} is inside the output folder {out}, which every build replaces; "
                         "choose another --out")
    paths = _record_paths(corpus)
    saved = _saved_inputs(out, key) if incremental else None
    stamp = time.time_ns()  # before any file is looked at: see _input_hashes
    known = _load_stats(out, saved)
    hashes, stats = _input_hashes(corpus, paths, known, saved["inputs"] if saved is not None else {})
    review = _review_hash(corpus)
    # Nothing changed at all: the previous output stands as it is. A small digest says so without
    # reading the manifest, whose entity summaries grow with the corpus.
    totals = _up_to_date(out, saved, hashes, review) if saved is not None else None
    if totals is not None:
        if known is None or known["stats"] != stats:
            _save_stats(out, hashes, stats, stamp)
        summary.up_to_date = True
        summary.records, summary.triples, summary.claims, summary.events = totals
        lap("ingest")
        summary.seconds = time.perf_counter() - started
        return summary
    pool = workers.start()
    old = _previous(out, key, saved) if incremental else None
    old_index = read_index(out) if old is not None else None
    if old_index is None:
        old = None  # the dumps cannot be updated: everything is made again
    lap("ingest")

    unchanged = old is not None and {n: e.input for n, e in old.records.items()} == hashes
    if unchanged and old is not None and old.aggregate == review and (out / "archivekg.nq").exists():
        summary.up_to_date = True
        summary.records = len(old.records)
        summary.triples = sum(e.triples for e in old.records.values())
        summary.claims = sum(e.claims for e in old.records.values())
        summary.events = sum(e.events for e in old.records.values())
        summary.seconds = time.perf_counter() - started
        return summary

    # Pass 1: extract the records whose inputs changed; the others are known from the manifest.
    names = {p: p.name for p in paths}
    todo = [p for p, n in names.items() if old is None or n not in old.records or old.records[n].input != hashes[n]]
    extracted: dict[str, Extracted] = {}
    errors: list[str] = []
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    for result in _run(_extract_spilled, [(str(p), hashes[names[p]], part, str(work)) for p in todo],
                       jobs, "extract", progress, pool):
        if result.error:
            errors.append(result.error)
        elif result.entry is not None:
            result.entry.entities = compact_summaries(result.entry.entities)  # as they come: see there
            extracted[result.source] = result
            summary.warnings.extend(result.warnings)
    lap("extract")

    entries: dict[str, RecordEntry] = {}
    for p in paths:
        n = names[p]
        if n in extracted:
            r = extracted[n]
            assert r.entry is not None
            entries[n] = r.entry
        elif old is not None and n in old.records and old.records[n].input == hashes[n]:
            entries[n] = old.records[n]
    _check_ids(entries, errors, corpus, extracted)
    if errors and not skip_invalid:
        raise ArchiveKGError(_joined(errors))
    summary.skipped.extend(errors)

    # Pass 2: one IRI per real entity across the corpus, reused when no entity changed anywhere.
    order = sorted(entries, key=lambda n: entries[n].record_id)
    ids_key = _identity_key(key, corpus, config, [entries[n] for n in order], review)
    cached = _saved_identity(out, ids_key, config) if old is not None else None
    iris: dict[str, dict[str, EntityName]] = {}
    if cached is not None:
        try:  # only the records modelled again need theirs: a damaged entry shows there
            saved_iris = cached["iris"]
            if not all(entries[n].record_id in saved_iris for n in order):
                raise KeyError("a record's identities are missing")
            iris = {n: _names(saved_iris[entries[n].record_id]) for n in order if n in extracted}
        except (KeyError, TypeError, ValueError):
            cached = None  # damaged: recompute
    if cached is not None:
        summary.identities_reused = True
        reconciled = cached["reconciled"]
        links = _links_of_record(json.loads(reconciled)) if reconciled else ()
        summary.warnings.extend(cached["warnings"])
        summary.links_reused = bool(reconciled)
        identity = dict(cached)
        for n in extracted:
            if n in entries:
                entries[n].output = text_hash(key, entries[n].input, cached["iris"][entries[n].record_id])
    else:
        _full_entries(out, entries)
        summaries = [Extraction(entries[n].record_id,
                                entities=tuple(entity_from_summary(r) for r in entries[n].entities)) for n in order]
        iris_list, warnings = assign_iris(summaries, minter)
        del summaries  # a second copy of every entity: not kept through pass 3
        iris = dict(zip(order, iris_list, strict=True))
        before = len(summary.warnings)
        links, reconciled = link_entities(corpus, config, [entries[n] for n in order], [iris[n] for n in order],
                                          summary, out if old is not None else None)
        warnings += summary.warnings[before:]
        summary.warnings[before:] = warnings
        review = _review_hash(corpus)  # the review file may have grown
        ids_key = _identity_key(key, corpus, config, [entries[n] for n in order], review)
        identity = {"key": ids_key, "warnings": warnings, "reconciled": reconciled,
                    "iris": {entries[n].record_id: sorted([k, v.iri, v.label] for k, v in iris[n].items())
                             for n in order}}
        for n in order:
            entries[n].output = text_hash(key, entries[n].input, identity["iris"][entries[n].record_id])
    release_memory()  # what pass 2 built and dropped (the review file, the refs) goes back to the system
    lap("reconcile")

    # Pass 3: model, validate and serialise what changed, into a staging folder.
    published = _published(out) if old is not None else set()

    def reusable(n: str) -> bool:
        previous = old.records.get(n) if old is not None else None
        rid = entries[n].record_id
        return previous is not None and previous.output == entries[n].output and n not in extracted \
            and rid in published and old_index is not None and rid in old_index.pieces

    todo_names = [n for n in order if not reusable(n)]
    if any(entries[n].light for n in todo_names):
        _full_entries(out, entries)
    if cached is not None:
        try:
            iris.update({n: _names(cached["iris"][entries[n].record_id]) for n in todo_names if n not in iris})
        except (KeyError, TypeError, ValueError):
            raise _Restart from None
    gone = sorted(set(old_index.pieces) - {entries[n].record_id for n in order} - set(SHARED_PIECES)) \
        if old_index is not None else []
    tmp = begin_output(out)
    # Probed in the staging folder, never in the output: a killed probe must not leave a file there.
    in_place = old_index is not None and len(todo_names) + len(gone) <= max(8, len(order) // 8) \
        and tmp.stat().st_dev == out.resolve().stat().st_dev and supports_range_edits(tmp)
    stream: DumpStream | None = None
    try:
        jobs_list: list[ModelJob] = []
        reused: set[str] = set()  # records whose files are the previous output's
        for n in order:
            e = entries[n]
            if n not in todo_names and old is not None:
                previous = old.records[n]
                e.triples, e.claims = previous.triples, previous.claims
                reused.add(e.record_id)
                continue
            spilled = extracted.get(n)
            path = corpus / n if corpus.is_dir() else corpus
            cache = spilled.cache if spilled is not None else None  # None: unchanged, read and extract again
            jobs_list.append(ModelJob(e.record_id, cache, str(path), e.input, part, iris[n], config.base,
                                      config.language, str(tmp)))
        problems: list[str] = []
        by_id = {entries[n].record_id: n for n in order}
        batches = [jobs_list[i:i + BATCH] for i in range(0, len(jobs_list), BATCH)]
        results = _run(_model_batch, batches, jobs, "model", progress, pool)  # handed out to the workers now

        def shared_state(names: list[str]) -> tuple[str, bool]:
            """The shared graphs' key for these records, and whether the previous output's still hold."""
            shared_key = text_hash(ids_key, [entries[n].record_id for n in names])
            return shared_key, cached is not None and cached.get("shared_key") == shared_key \
                and all((out / f).is_file() for f in SHARED_FILES) and old_index is not None \
                and all(p in old_index.pieces for p in ("_entities", "_links"))

        # While the workers model the records, the main process makes the shared graphs, which
        # depend only on the entities; made again below in the rare case that a record is then
        # left out as invalid.
        early: tuple[list[str], dict[str, int]] | None = None
        if pool is not None and not shared_state(order)[1]:
            _full_entries(out, entries)
            iris = {n: iris[n] if n in iris else _names(identity["iris"][entries[n].record_id]) for n in order}
            early = (list(order), _write_shared(tmp, order, entries, iris, links, minter, config.base))
        # A folder made anew gets its dumps as the records come back, in dump order (see DumpStream).
        stream = None if in_place else DumpStream(tmp, dump_header(config.base),
                                                  previous=out if old is not None else None)
        pending = iter(order)

        def stream_upto(name: str | None) -> None:
            """Stream the unchanged records that come before ``name`` in dump order (all, for None)."""
            assert stream is not None
            for n in pending:
                if n == name:
                    return
                r = entries[n].record_id
                if r in reused:
                    stream.add(r, f"records/{r}.ttl", minter.graph("record/" + r), reuse=True)

        for m in (m for batch in results for m in batch):
            entry = entries[by_id[m.record_id]]
            entry.triples, entry.claims = m.triples, m.claims
            invalid = bool(m.problems)
            if m.problems:
                problems.extend(m.problems)
                if skip_invalid:
                    summary.skipped.append(f"{entry.source}: does not conform to the shapes")
                    del entries[by_id[m.record_id]]
            if stream is not None:
                stream_upto(by_id[m.record_id])
                if invalid:
                    remove_pieces(tmp, (m.record_id,))  # never published
                else:
                    stream.add(m.record_id, f"records/{m.record_id}.ttl", minter.graph("record/" + m.record_id))
        if stream is not None:
            stream_upto(None)
        summary.rebuilt = len(jobs_list)
        workers.stop()  # their work is done: their memory is not needed for the shared graphs
        lap("model")
        if problems and not skip_invalid:
            summary.conforms = False
            raise ValidationFailed("the data does not conform to the shapes; nothing was published:\n"
                                   + "\n".join(problems))
        summary.warnings.extend(problems if skip_invalid else [])

        # Shared graphs and the dataset description, then the aggregates.
        order = [n for n in order if n in entries]
        record_triples = sum(entries[n].triples for n in order)
        shared_key, shared_reused = shared_state(order)
        if shared_reused and cached is not None:
            counts = cached["counts"]
            if early is not None:  # made for records of which some were then left out: not these
                for name in SHARED_FILES:
                    (tmp / name).unlink(missing_ok=True)
                remove_pieces(tmp, ("_entities", "_links"))
        elif early is not None and early[0] == order:
            counts = early[1]
        else:
            _full_entries(out, entries)
            iris = {n: iris[n] if n in iris else _names(identity["iris"][entries[n].record_id]) for n in order}
            counts = _write_shared(tmp, order, entries, iris, links, minter, config.base)
        identity["shared_key"], identity["counts"] = shared_key, counts
        dataset = GraphBuilder(minter.graph("dataset"))
        model_vocabulary(dataset, PROJECT_VOCAB, config.base)
        subsets = {entries[n].record_id: entries[n].triples for n in order}
        subsets["entities"] = counts["entities_graph"]
        subsets["links"] = counts["links_graph"]
        model_void(dataset, base=config.base, title=config.title, description=config.description,
                   license=config.license, publisher=config.publisher, contact=config.contact,
                   triples=record_triples + counts["entities_graph"], entities=counts["entities"],
                   documents=len(order), dumps=["archivekg.nq", "archivekg.trig"], subsets=subsets)
        write_graph_files(tmp, "", "void", dataset, config.base)
        parts = [(entries[n].record_id, f"records/{entries[n].record_id}.ttl",
                  minter.graph("record/" + entries[n].record_id)) for n in order]
        parts += [("_entities", "entities.ttl", minter.graph("entities")),
                  ("_links", "links.ttl", minter.graph("links")), ("_void", "void.ttl", minter.graph("dataset"))]
        shared_same = {"_entities", "_links"} if shared_reused else set()
        plan = None
        if stream is None and in_place and old_index is not None:
            changed = {p for p, _, _ in parts} - reused - shared_same
            plan = plan_edits(old_index, parts, changed, tmp, dump_header(config.base))
            if plan is not None:
                remove_pieces(tmp, changed)
                (tmp / PIECES / INDEX).write_text(json.dumps(plan["index"], sort_keys=True) + "\n", encoding="utf-8")
        if plan is None:  # a new folder: the unchanged files are linked from the previous one
            for rid in sorted(reused):
                if not _reuse(out, tmp, rid):
                    raise _Restart
            if shared_same:
                _link_files(out, tmp, SHARED_FILES)
            if stream is not None:  # the records are in the dumps already: the shared graphs follow them
                for piece, ttl, graph in parts[len(parts) - 3:]:
                    stream.add(piece, ttl, graph, reuse=piece in shared_same)
                stream.finish()
                finish_folder(tmp, config.base)
            else:  # an update in place that could not be planned: the dumps are made from the pieces
                assemble(tmp, parts, config.base, previous=out if old is not None else None,
                         reused=frozenset(reused | shared_same))
        manifest = Manifest(key, {n: entries[n] for n in order}, shard, review)
        manifest_text = manifest.dumps()
        (tmp / MANIFEST).write_text(manifest_text, encoding="utf-8")
        inputs = {n: entries[n].input for n in sorted(order)}
        digest = {"key": key, "aggregate": manifest.aggregate, "inputs": inputs,
                  "manifest": hashlib.sha256(manifest_text.encode("utf-8")).hexdigest(), "shard": shard,

                  "records": {n: [entries[n].record_id, entries[n].output, entries[n].summary_digest(),
                                  entries[n].triples, entries[n].claims, entries[n].events,
                                  len(entries[n].unmodelled)] for n in sorted(order)},
                  "totals": [len(order), record_triples, sum(entries[n].claims for n in order),
                             sum(entries[n].events for n in order)]}
        (tmp / PIECES / INPUTS).write_text(json.dumps(digest, sort_keys=True) + "\n", encoding="utf-8")
        gone = sorted(set(old_index.pieces) - {entries[n].record_id for n in order} - set(SHARED_PIECES)) \
            if old_index is not None else []
        deletes = [f"records/{rid}.{ext}" for rid in gone for ext in ("ttl", "jsonld")]
        if reconciled and not (plan is not None and reconciled == _saved_text(out, RECONCILED)):
            (tmp / PIECES / RECONCILED).write_text(reconciled + "\n", encoding="utf-8")
        elif not reconciled:
            deletes.append(f"{PIECES}/{RECONCILED}")
        if plan is None or identity != cached:
            write_identity(tmp / PIECES, identity)
        # What extraction found but could not model is reported, never silently dropped.
        report = [f"{entries[n].source}: {u}\n" for n in order for u in entries[n].unmodelled]
        (tmp / UNMODELLED).write_text("".join(report), encoding="utf-8")
        summary.unmodelled = len(report)
        lap("publish")
        if plan is not None:
            commit_in_place(out.resolve(), tmp, plan, deletes)
        else:
            commit_output(out, tmp)
    except BaseException:
        if stream is not None:
            stream.close()
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    lap("publish")

    _save_stats(out, inputs, stats, stamp)
    summary.records = len(order)
    summary.triples = record_triples + counts["entities_graph"] + counts["links_graph"] + len(dataset)
    summary.entities = counts["entities"]
    summary.claims = sum(entries[n].claims for n in order)
    summary.events = sum(entries[n].events for n in order)
    summary.seconds = time.perf_counter() - started
    return summary


def _names(rows: list[list[str]]) -> dict[str, EntityName]:
    return {str(k): EntityName(str(iri), str(label)) for k, iri, label in rows}


def _published(out: Path) -> set[str]:
    """Record ids whose Turtle and JSON-LD files are in ``out`` (one listing, not a stat each)."""
    try:
        names = set(os.listdir(out / "records"))
    except OSError:
        return set()
    return {n[:-4] for n in names if n.endswith(".ttl") and f"{n[:-4]}.jsonld" in names}


def _saved_text(out: Path, name: str) -> str | None:
    try:
        return (out / PIECES / name).read_text(encoding="utf-8").rstrip("\n")
    except OSError:
        return None


def _full_entries(out: Path, entries: dict[str, RecordEntry]) -> None:
    """Entries read from the build index carry no entities: read them from the manifest when a
    step needs them (new identities, the shared graphs)."""
    if not any(e.light for e in entries.values()):
        return
    full = read_manifest(out)
    if full is None:
        raise _Restart
    for n, e in list(entries.items()):
        if e.light:
            f = full.records.get(n)
            if f is None or f.input != e.input or f.output != e.output:
                raise _Restart
            f.triples, f.claims = e.triples, e.claims
            entries[n] = f


def _previous(out: Path, key: str, saved: dict[str, Any] | None) -> Manifest | None:
    """The last build's records, from its build index where it can (entries without their
    entities, in a fraction of the time), else from the manifest; None when it was built with
    other settings or code."""
    try:
        if saved is None:
            raise ValueError("no build index")
        text = (out / MANIFEST).read_text(encoding="utf-8")
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != saved["manifest"]:
            raise ValueError("the manifest is not the one the index describes")
        records, inputs = saved["records"], saved["inputs"]
        rows = manifest_rows(text, list(records))
        lines = (out / UNMODELLED).read_text(encoding="utf-8").split("\n")
        if rows is None or lines[-1] != "":
            raise ValueError("the manifest or the report is not as written")
        entries: dict[str, RecordEntry] = {}
        at = 0
        for source in sorted(records, key=lambda s: str(records[s][0])):
            rid, output, digest, triples, claims, events, n_unmodelled = records[source]
            prefix = f"{source}: "
            found = lines[at:at + int(n_unmodelled)]
            if len(found) != n_unmodelled or not all(line.startswith(prefix) for line in found):
                raise ValueError("the report does not match the index")
            at += int(n_unmodelled)
            entries[source] = RecordEntry(str(rid), source, str(inputs[source]), str(output),
                                          triples=int(triples), claims=int(claims), events=int(events),
                                          unmodelled=[line[len(prefix):] for line in found],
                                          digest=str(digest), raw=rows[source])
        if at != len(lines) - 1:
            raise ValueError("the report has more lines than the index says")
        return Manifest(key, entries, saved.get("shard"), str(saved["aggregate"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    full = read_manifest(out)
    return full if full is not None and full.key == key else None


def release_memory() -> None:
    """Collect, then hand the allocator's free pages back to the system (glibc only). Pass 2
    frees hundreds of MB at 10,000 records; without the trim the main process keeps them resident
    while the workers model, which is when the build's summed memory peaks."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to trim
        ctypes.CDLL(None).malloc_trim(0)


def _joined(errors: list[str]) -> str:
    if len(errors) == 1:
        return errors[0]
    more = f"\n(and {len(errors) - 20} more)" if len(errors) > 20 else ""
    return f"{len(errors)} records cannot be published:\n" + "\n".join(errors[:20]) + more


def _located(path: str, warning: str) -> str:
    """'line 3: ...' from ingest -> 'corpus/x.txt:3: ...': every message names its file."""
    m = re.match(r"line (\d+): ", warning)
    return f"{path}:{m.group(1)}: {warning[m.end():]}" if m else f"{path}: {warning}"


def _check_ids(entries: dict[str, RecordEntry], errors: list[str], corpus: Path,
               extracted: dict[str, Extracted]) -> None:
    """Two files with one record id: one is refused, naming the other. A record published before
    and unchanged is kept; among new ones the first by file name."""
    from .ingest import read_record_with_warnings

    def where(name: str) -> str:
        path = corpus / name if corpus.is_dir() else corpus
        try:
            doc = read_record_with_warnings(path)[0]
        except ArchiveKGError:
            doc = None
        line = doc.line_of("url") if doc is not None else None
        return f"{path}:{line}" if line else str(path)

    seen: dict[str, str] = {}
    for name in sorted(entries, key=lambda n: (n in extracted, n)):
        rid = entries[name].record_id
        if rid in seen:
            errors.append(f"{where(name)} (url): record id {rid!r} is already the id of {where(seen[rid])}")
            del entries[name]
        else:
            seen[rid] = name


def _reuse(old_out: Path, tmp: Path, record_id: str) -> bool:
    """Link an unchanged record's files from the previous output."""
    return _link_files(old_out, tmp, (f"records/{record_id}.ttl", f"records/{record_id}.jsonld"))


def _link_files(old_out: Path, tmp: Path, names: tuple[str, ...]) -> bool:
    """Hard-link files from the previous output (copy where links fail); False, and nothing
    linked, when it lacks one of them."""
    if not all((old_out / n).is_file() for n in names):
        return False
    for n in names:
        (tmp / n).parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(old_out / n, tmp / n)
        except OSError:
            shutil.copy2(old_out / n, tmp / n)
    return True


def _write_shared(tmp: Path, order: list[str], entries: dict[str, RecordEntry], iris: dict[str, dict[str, EntityName]],
                  links: tuple[Link, ...], minter: Minter, base: str) -> dict[str, int]:
    """The shared entities and links graphs; returns their sizes and the number of entities."""
    # One record's entities at a time: the whole corpus's would be hundreds of MB at 10,000 records.
    shared = model_shared(((entries[n].record_id, entries[n].date,
                            [entity_from_summary(r) for r in entries[n].entities], iris[n]) for n in order),
                          minter, minter.graph("entities"))
    links_graph = GraphBuilder(minter.graph("links"))
    labels = {v.iri: v.label for n in order for v in iris[n].values()}
    model_links(links_graph, list(links), labels, base)
    write_graph_files(tmp, "", "entities", shared, base)
    write_graph_files(tmp, "", "links", links_graph, base)
    entity_iris = {v.iri for n in order for v in iris[n].values() if "/cohort-" not in v.iri}
    return dict(zip(COUNTS, (len(shared), len(links_graph), len(entity_iris)), strict=True))


SHARED_FILES = ("entities.ttl", "entities.jsonld", "links.ttl", "links.jsonld")
SHARED_PIECES = ("_entities", "_links", "_void")


def iter_records(corpus: Path) -> Iterable[tuple[Document, Extraction]]:
    """Read and extract every record of a corpus (for tools that need the Extractions)."""
    for p in _record_paths(corpus):
        r = _extract_one((str(p), "", None))
        if r.error:
            raise ArchiveKGError(r.error)
        assert r.doc is not None and r.extraction is not None
        yield r.doc, r.extraction


# ---- Wikidata -----------------------------------------------------------------------------------

def _corpus_dir(corpus: Path) -> Path:
    return corpus if corpus.is_dir() else corpus.parent


def _review_hash(corpus: Path) -> str:
    return file_hash(_corpus_dir(corpus) / REVIEW_NAME)


def entity_refs_of(entries: list[RecordEntry], iris: list[dict[str, EntityName]]) -> list[Any]:
    """One EntityRef per canonical IRI, with the context of the records that name it."""
    from .reconcile.refs import refs_for_records

    rows = []
    for e, ids in zip(entries, iris, strict=True):
        doc = Document(path="", record_id=e.record_id, title="", text="", date=e.date,
                       archive_refs=tuple(ArchiveRef(a, a, a, "") for a in e.archives))
        rows.append((doc, Extraction(e.record_id, entities=tuple(entity_from_summary(r) for r in e.entities)), ids))
    return refs_for_records(rows)


RECONCILED = "reconcile.json"  # in the output's .build folder: the last reconciliation, for reuse


def _saved_links(out: Path, key: str) -> dict[str, Any] | None:
    return _saved(out, RECONCILED, key)


def _saved(out: Path, name: str, key: str) -> dict[str, Any] | None:
    """A record the last build kept in ``.build``, when it was made under ``key``."""
    try:
        saved = json.loads((out / PIECES / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return saved if isinstance(saved, dict) and saved.get("key") == key else None


def _link_of(row: list[Any]) -> Link:
    iri, qid, score, parts, method, decided, label, coords = row
    return Link(iri, qid, score, tuple((str(n), float(v)) for n, v in parts), method, decided, label,
                (float(coords[0]), float(coords[1])) if coords else None)


def link_entities(corpus: Path, config: Config, entries: list[RecordEntry], iris: list[dict[str, EntityName]],
                  summary: BuildSummary, previous: Path | None = None) -> tuple[tuple[Link, ...], str]:
    """Links to Wikidata per the ``reconcile`` setting; entities the same item links become one IRI.

    Updates ``iris`` in place and returns the links with the record of this reconciliation (JSON)
    for the next build: in ``cache`` mode, when the entities, the review file and the HTTP cache are
    as the last build left them, its answer is reused instead of recomputed. Network faults are
    warnings: the build never fails for them.
    """
    if config.reconcile == "off":
        return (), ""
    refs = entity_refs_of(entries, iris)
    folder = _corpus_dir(corpus)

    def key_now() -> str:
        return text_hash(config.reconcile, config.wikidata_api, config.match_threshold, config.match_margin,
                         [repr(r) for r in refs], _review_hash(corpus), file_hash(folder / CACHE_NAME))

    saved = _saved_links(previous, key_now()) if previous is not None and config.reconcile == "cache" else None
    summary.links_reused = saved is not None
    if saved is not None:
        links = [_link_of(row) for row in saved["links"]]
        canonical = dict(saved["canonical"])
        warnings = list(saved["warnings"])
    else:
        from .reconcile import reconcile

        result = reconcile(refs, mode=config.reconcile, api_url=config.wikidata_api, contact=config.contact,
                           corpus=folder, threshold=config.match_threshold, margin=config.match_margin,
                           max_in_flight=config.max_in_flight, timeout=config.timeout)
        links = list(result.links)
        canonical = dict(result.identity.canonical) if result.identity is not None else {}
        warnings = list(result.warnings)
    summary.warnings.extend(warnings)
    labels = {v.iri: v.label for ids in iris for v in ids.values()}
    for ids in iris:
        for key, name in list(ids.items()):
            target = canonical.get(name.iri, name.iri)
            if target != name.iri:
                ids[key] = EntityName(target, labels.get(target, name.label))
    record = json.dumps({"key": key_now(), "canonical": sorted(canonical.items()), "warnings": warnings,
                         "links": [[x.entity_iri, x.qid, x.score, [list(p) for p in x.parts], x.method, x.decided,
                                    x.label, list(x.coordinates) if x.coordinates else None] for x in links]},
                        sort_keys=True, ensure_ascii=False)
    return _links_of_record(json.loads(record)), record


def _links_of_record(saved: dict[str, Any]) -> tuple[Link, ...]:
    """The links a reconciliation record gives, one per canonical entity IRI, in IRI order."""
    canonical = dict(saved["canonical"])
    seen: dict[str, Link] = {}
    for link in (_link_of(row) for row in saved["links"]):
        iri = canonical.get(link.entity_iri, link.entity_iri)
        seen.setdefault(iri, replace(link, entity_iri=iri))
    return tuple(seen[i] for i in sorted(seen))


INPUTS = "inputs.json"  # in the output's .build folder: what the output was built from


def _saved_inputs(out: Path, key: str) -> dict[str, Any] | None:
    """The last build's index when it was made with these settings and this code."""
    return _saved(out, INPUTS, key)


RACY_NS = 2_000_000_000  # a file changed this close before the last build looked at it is read again


def _input_hashes(corpus: Path, paths: list[Path], known: dict[str, Any] | None, old_hashes: dict[str, Any]
                  ) -> tuple[dict[str, str], dict[str, list[int]]]:
    """Each record's input hash (its file and its curation file), and the files' metadata. A
    record whose files have the size, times and inode that the last build saw (``known``) keeps
    that build's hash without being read, unless a file changed within two seconds before the
    last build looked (a write in the same clock tick would leave its times as they were)."""
    from .curation import curation_name, curation_path

    try:
        listing = set(os.listdir(_corpus_dir(corpus)))
    except OSError:
        listing = set()
    seen: dict[str, Any] = known["stats"] if known is not None else {}
    settled_before = int(known["stamp"]) - RACY_NS if known is not None else 0
    hashes: dict[str, str] = {}
    stats: dict[str, list[int]] = {}
    for p in paths:
        name = p.name
        cname = curation_name(name)
        files = [p, p.with_name(cname)] if cname in listing else [p]
        try:
            sig = [x for f in files for st in (os.stat(f),)
                   for x in (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)]
        except OSError:
            sig = []
        stats[name] = sig
        settled = bool(sig) and all(t < settled_before for t in sig[1::4] + sig[2::4])
        if settled and seen.get(name) == sig and isinstance(old_hashes.get(name), str):
            hashes[name] = old_hashes[name]
        else:
            hashes[name] = file_hash(p, curation_path(p))
    return hashes, stats


def _stats_file(out: Path) -> Path:
    """Where the input files' metadata of the last build of ``out`` are kept: machine-local
    state, so in the user's cache folder, never in the output (which stays byte-identical)."""
    try:
        cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    except RuntimeError:  # no home folder: state that cannot be kept is an OSError to the callers
        raise OSError("no cache folder: neither XDG_CACHE_HOME nor a home folder") from None
    name = hashlib.sha256(os.fsencode(out.resolve())).hexdigest()[:32]
    return Path(cache) / "archivekg" / "file-stats" / f"{name}.json"


def _load_stats(out: Path, saved: dict[str, Any] | None) -> dict[str, Any] | None:
    """The metadata saved with the inputs of ``out``'s last build, if they are still those."""
    if saved is None:
        return None
    try:
        known = json.loads(_stats_file(out).read_text(encoding="utf-8"))
        if known["inputs"] != text_hash(saved["inputs"]) or not isinstance(known["stats"], dict):
            return None
        int(known["stamp"])
        return known
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _save_stats(out: Path, hashes: dict[str, str], stats: dict[str, list[int]], stamp: int) -> None:
    """Best effort: without it the next build reads every input file again."""
    record = {"inputs": text_hash(dict(sorted(hashes.items()))), "stamp": stamp, "stats": stats}
    with contextlib.suppress(OSError):
        target = _stats_file(out)
        target.parent.mkdir(parents=True, exist_ok=True)
        part = target.with_name(f"{target.name}.{os.getpid()}")
        part.write_text(json.dumps(record, sort_keys=True), encoding="utf-8")
        os.replace(part, target)


def _up_to_date(out: Path, saved: dict[str, Any], hashes: dict[str, str], review: str
                ) -> tuple[int, int, int, int] | None:
    """The output's record, triple, claim and event counts when it was built from exactly these
    inputs with these settings and this code; None otherwise (or when its digest is damaged)."""
    try:
        if saved["aggregate"] != review or saved["inputs"] != hashes:
            return None
        records, triples, claims, events = (int(x) for x in saved["totals"])
        manifest = hashlib.sha256((out / MANIFEST).read_bytes()).hexdigest()
    except (OSError, ValueError, KeyError, TypeError):
        return None
    # A damaged manifest is not a finished output: the build goes on and rewrites it.
    if manifest != saved.get("manifest") or not (out / "archivekg.nq").is_file():
        return None
    return records, triples, claims, events


COUNTS = ("entities_graph", "links_graph", "entities")


def _identity_key(key: str, corpus: Path, config: Config, entries: list[RecordEntry], review: str) -> str:
    """Everything the entity IRIs, the links and the shared graphs depend on."""
    return text_hash(key, config.reconcile, config.wikidata_api, config.match_threshold, config.match_margin,
                     review, file_hash(_corpus_dir(corpus) / CACHE_NAME),
                     [e.summary_digest() for e in entries])


def _saved_identity(out: Path, key: str, config: Config) -> dict[str, Any] | None:
    """The last build's identities when nothing they depend on changed. Never online: the
    service's answers may have changed since."""
    if config.reconcile == "online":
        return None
    saved = read_identity(out / PIECES)
    if saved is None or saved.get("key") != key \
            or not isinstance(saved.get("reconciled"), str) or not isinstance(saved.get("warnings"), list):
        return None
    counts = saved.get("counts")
    if not isinstance(counts, dict) or not all(isinstance(counts.get(k), int) for k in COUNTS):
        saved.pop("shared_key", None)  # the shared graphs are remade
    return saved


def entity_refs(corpus: Path, config: Config) -> list[Any]:
    """The corpus's entities as the reconciler sees them (for ``archivekg reconcile``)."""
    minter = Minter(config.base)
    entries: list[RecordEntry] = []
    extractions: list[Extraction] = []
    for doc, ex in sorted(iter_records(corpus), key=lambda de: de[0].record_id):
        entries.append(RecordEntry(doc.record_id, Path(doc.path).name, "", date=doc.date,
                                   entities=[entity_summary(e) for e in ex.entities],
                                   archives=sorted({a.archive for a in doc.archive_refs})))
        extractions.append(ex)
    iris, _ = assign_iris(extractions, minter)
    return entity_refs_of(entries, iris)
