"""Parallel, incremental and sharded builds give the same bytes as a plain full build."""
from __future__ import annotations

import json
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from archivekg.config import load_config
from archivekg.errors import StoreError, UsageError
from archivekg.pipeline import build, in_shard, parse_shard
from archivekg.store import nquads_path

ROOT = Path(__file__).resolve().parents[1]
RECORDS = ["wilson-900101.txt", "wilson-900106.txt", "wilson-900113.txt"]


def _files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    c = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", c)
    for name in RECORDS:
        shutil.copy(ROOT / "tests" / "data" / "records" / name, c / name)
    return c


def test_jobs_do_not_change_the_output(corpus: Path, tmp_path: Path) -> None:
    config = load_config(corpus)
    build(corpus, tmp_path / "one", config, jobs=1)
    build(corpus, tmp_path / "two", config, jobs=2)
    assert _files(tmp_path / "one") == _files(tmp_path / "two")


def test_incremental_equals_full_and_redoes_only_what_changed(corpus: Path, tmp_path: Path) -> None:
    config = load_config(corpus)
    out = tmp_path / "out"
    first = build(corpus, out, config)
    assert first.rebuilt == 4
    # What extraction could not model is listed, record by record, not dropped in silence.
    listed = (out / "unmodelled.txt").read_text(encoding="utf-8").splitlines()
    assert len(listed) == first.unmodelled
    assert all(line.split(":", 1)[0] in {*RECORDS, "wilson-118180.txt"} for line in listed)

    again = build(corpus, out, config)
    assert again.up_to_date and again.records == 4

    record = corpus / RECORDS[1]
    record.write_text(record.read_text(encoding="utf-8").replace("Khrushchev", "Khrushchov", 1), encoding="utf-8")
    changed = build(corpus, out, config)
    assert not changed.up_to_date
    assert 1 <= changed.rebuilt < 4
    full = build(corpus, tmp_path / "full", config, incremental=False)
    assert full.rebuilt == 4
    assert _files(out) == _files(tmp_path / "full")


def test_a_change_of_settings_rebuilds_everything(corpus: Path, tmp_path: Path) -> None:
    config = load_config(corpus)
    out = tmp_path / "out"
    build(corpus, out, config)
    moved = build(corpus, out, config.replace(base="https://other.example.net/"))
    assert moved.rebuilt == 4
    assert b"https://other.example.net/id/document/118180" in (out / "archivekg.nq").read_bytes()


def test_shards_partition_the_corpus(corpus: Path, tmp_path: Path) -> None:
    config = load_config(corpus)
    ids: list[set[str]] = []
    for k in (1, 2):
        out = tmp_path / f"shard{k}"
        build(corpus, out, config, shard=f"{k}/2")
        ids.append({p.stem for p in (out / "records").glob("*.ttl")})
    assert ids[0].isdisjoint(ids[1])
    assert ids[0] | ids[1] == {"118180", "900101", "900106", "900113"}
    for k, part in zip((1, 2), ids, strict=True):
        assert all(in_shard(i, (k, 2)) for i in part)


def test_bad_shard_is_a_usage_error() -> None:
    for bad in ("3/2", "0/1", "x", "1/0"):
        with pytest.raises(UsageError):
            parse_shard(bad)


def test_reconciliation_is_reused_when_entities_and_decisions_did_not_change(corpus: Path, tmp_path: Path) -> None:
    config = load_config(corpus)
    out = tmp_path / "out"
    assert not build(corpus, out, config).links_reused
    record = corpus / RECORDS[0]
    record.write_text(record.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # text changes, entities not
    again = build(corpus, out, config)
    assert not again.up_to_date and again.links_reused and again.identities_reused
    assert again.rebuilt == 1
    full = build(corpus, tmp_path / "full", config, incremental=False)
    assert not full.links_reused and not full.identities_reused
    assert _files(out) == _files(tmp_path / "full")
    # A curator's decision changes the answer: the review file is part of what is reused.
    review = corpus / "wikidata-review.yaml"
    review.write_text(review.read_text(encoding="utf-8") + "\n# reviewed again\n", encoding="utf-8")
    assert not build(corpus, out, config).links_reused


def test_a_record_that_cannot_be_modelled_is_reported_alone(tmp_path: Path) -> None:
    from archivekg.ingest import read_record
    from archivekg.pipeline import ModelJob, _model_batch
    from archivekg.records import Claim, Extraction

    good = read_record(ROOT / "tests" / "data" / "records" / RECORDS[0])
    bad = read_record(ROOT / "tests" / "data" / "records" / RECORDS[1])
    broken = Extraction(bad.record_id, claims=(Claim("c1", "nobody", "P3_has_note", "x"),))
    jobs = []
    for doc, ex in ((good, Extraction(good.record_id)), (bad, broken)):
        cache = tmp_path / f"{doc.record_id}.pickle"
        cache.write_bytes(pickle.dumps((doc, ex)))
        jobs.append(ModelJob(doc.record_id, str(cache), doc.path, "", None, {}, "https://data.example.org/", "en",
                             str(tmp_path)))
    results = {m.record_id: m for m in _model_batch(jobs)}
    assert results[good.record_id].problems == ()
    assert (tmp_path / "records" / f"{good.record_id}.ttl").is_file()
    (problem,) = results[bad.record_id].problems
    assert problem.startswith(f"{bad.path}: cannot be modelled: ") and "'nobody'" in problem
    assert not (tmp_path / "records" / f"{bad.record_id}.ttl").exists()


def test_damaged_build_records_only_cost_time(corpus: Path, tmp_path: Path) -> None:
    """The dump index and the saved identities are shortcuts: damaged or stale, the next
    build still equals a full one."""
    config = load_config(corpus)
    out = tmp_path / "out"
    build(corpus, out, config)
    (out / ".build" / "identity.json").write_text("{not json", encoding="utf-8")
    record = corpus / RECORDS[2]
    record.write_text(record.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    again = build(corpus, out, config)
    assert not again.identities_reused and again.rebuilt == 1
    build(corpus, tmp_path / "full0", config, incremental=False)
    assert _files(out) == _files(tmp_path / "full0")
    # Without a usable dump index the dumps cannot be updated: every record is made again.
    (out / ".build" / "dumps.json").write_text('{"format": 2, "header": 0, "nq": 5, "trig": 5, "pieces": {}}',
                                               encoding="utf-8")
    record.write_text(record.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert build(corpus, out, config).rebuilt == 4
    build(corpus, tmp_path / "full", config, incremental=False)
    assert _files(out) == _files(tmp_path / "full")
    # Saved IRIs whose key matches but whose content is cut short are not trusted.
    lines = (out / ".build" / "iris.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    assert len(lines) == 4
    (out / ".build" / "iris.jsonl").write_text("".join(lines[:-1]), encoding="utf-8")
    record.write_text(record.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    third = build(corpus, out, config)
    assert not third.identities_reused
    build(corpus, tmp_path / "full2", config, incremental=False)
    assert _files(out) == _files(tmp_path / "full2")


def _sections(out: Path) -> dict[str, tuple[bytes, bytes]]:
    """Each graph's N-Quads and TriG sections, where the dump index says they lie."""
    index = json.loads((out / ".build" / "dumps.json").read_text(encoding="utf-8"))
    nq, trig = (out / "archivekg.nq").read_bytes(), (out / "archivekg.trig").read_bytes()
    assert index["nq"] == len(nq) and index["trig"] == len(trig)
    return {piece: (nq[a:a + n], trig[b:b + m]) for piece, (a, n, b, m) in index["pieces"].items()}


def test_each_graph_lies_in_whole_pages_of_the_dumps(corpus: Path, tmp_path: Path) -> None:
    """Every section starts on a 4 KiB boundary and holds exactly its graph; the padding is a
    comment, so the dumps parse as they are; the pieces are not left beside them."""
    import pyoxigraph as ox

    out = tmp_path / "out"
    build(corpus, out, load_config(corpus))
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    triples = {r["id"]: r["triples"] for r in manifest["records"]}
    found = _sections(out)
    assert set(triples) | {"_entities", "_links", "_void"} == set(found)
    for piece, (nq, trig) in found.items():
        assert len(nq) % 4096 == 0 and len(trig) % 4096 == 0
        quads = list(ox.parse(nq, format=ox.RdfFormat.N_QUADS))
        assert len({q.graph_name for q in quads}) == 1
        assert trig.startswith(f"<{quads[0].graph_name.value}> {{\n".encode())
        if piece in triples:
            assert quads[0].graph_name.value.endswith(f"/graph/record/{piece}") and len(quads) == triples[piece]
    assert not list((out / ".build").glob("*.nq.part"))
    header = (out / "archivekg.trig").read_bytes().split(b"\n<", 1)[0]
    assert len(list(ox.parse((out / "archivekg.trig").read_bytes(), format=ox.RdfFormat.TRIG))) == \
        len(list(ox.parse(path=str(out / "archivekg.nq"), format=ox.RdfFormat.N_QUADS)))
    assert header.startswith(b"@prefix ")


def _edit(corpus: Path, name: str, line: str) -> None:
    """Add a paragraph at the end of a record's translation."""
    record = corpus / name
    text = record.read_text(encoding="utf-8")
    at = text.rindex("\n\n[...]\n")
    record.write_text(text[:at] + f"\n\n{line}" + text[at:], encoding="utf-8")


def test_a_small_change_updates_the_dumps_where_they_lie(corpus: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """One record edited: only its sections and the dataset description are replaced, in the
    same files (no copy of the others), and the result equals a full build."""
    from archivekg.publish import inplace

    planned: list[dict[str, object]] = []
    real = inplace.plan_edits

    def spy(*args: object, **kwargs: object) -> object:
        plan = real(*args, **kwargs)  # type: ignore[arg-type]
        planned.append(plan)  # type: ignore[arg-type]
        return plan

    monkeypatch.setattr("archivekg.pipeline.plan_edits", spy)
    config = load_config(corpus)
    out = tmp_path / "out"
    build(corpus, out, config)
    inode = (out / "archivekg.nq").stat().st_ino
    _edit(corpus, RECORDS[0], "A short added line.")
    assert build(corpus, out, config).rebuilt == 1
    assert (out / "archivekg.nq").stat().st_ino == inode  # the same file, edited
    (plan,) = planned
    edits = plan["dumps"][0]["edits"]  # type: ignore[index]
    assert len(edits) == 2  # the record and the dataset description
    full = build(corpus, tmp_path / "full", config, incremental=False)
    assert full.rebuilt == 4
    assert _files(out) == _files(tmp_path / "full")
    assert not list(tmp_path.glob(".out.*"))


def test_records_added_and_removed_in_place_equal_a_full_build(corpus: Path, tmp_path: Path) -> None:
    config = load_config(corpus)
    out = tmp_path / "out"
    build(corpus, out, config)
    (corpus / RECORDS[1]).unlink()
    shutil.copy(ROOT / "tests" / "data" / "records" / "wilson-900104.txt", corpus / "wilson-900104.txt")
    inode = (out / "archivekg.nq").stat().st_ino
    build(corpus, out, config)
    assert (out / "archivekg.nq").stat().st_ino == inode
    build(corpus, tmp_path / "full", config, incremental=False)
    assert _files(out) == _files(tmp_path / "full")
    assert not (out / "records" / f"{RECORDS[1][7:-4]}.ttl").exists()


def test_without_page_edits_the_unchanged_graphs_are_copied(corpus: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the file system cannot insert pages, a new folder is written: the unchanged graphs'
    sections are copied from the previous dumps (in the kernel where it can)."""
    from archivekg.publish import dumps

    copied: list[tuple[str, int]] = []
    real = dumps._Dump.copy

    def spy(self: dumps._Dump, source: Path, offset: int, length: int) -> None:
        copied.append((str(source), length))
        real(self, source, offset, length)

    monkeypatch.setattr(dumps._Dump, "copy", spy)
    monkeypatch.setattr("archivekg.pipeline.supports_range_edits", lambda folder: False)
    config = load_config(corpus)
    out = tmp_path / "out"
    build(corpus, out, config)
    inode = (out / "archivekg.nq").stat().st_ino
    nq_size = (out / "archivekg.nq").stat().st_size
    _edit(corpus, RECORDS[0], "A short added line.")
    copied.clear()
    assert build(corpus, out, config).rebuilt == 1
    assert (out / "archivekg.nq").stat().st_ino != inode
    # The unchanged graphs came from the previous dumps, the changed ones from their new sections.
    assert {"archivekg.nq", "archivekg.trig"} == {src.rsplit("/", 1)[-1] for src, _ in copied
                                                   if not src.endswith(".part")}
    assert {src.rsplit("/", 1)[-1] for src, _ in copied if src.endswith(".part")} == \
        {f"{p}.{d}.part" for p in ("900101", "_void") for d in ("nq", "trig")}
    assert sum(n for src, n in copied if src.endswith("/archivekg.nq")) > nq_size // 2
    build(corpus, tmp_path / "full", config, incremental=False)
    assert _files(out) == _files(tmp_path / "full")


def test_an_update_interrupted_at_any_step_is_finished_by_the_next_build(corpus: Path, tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Every step after the commit point can be redone: an update stopped at each step in turn
    (the commit point's rename, each section written, each file moved) is finished by the next
    build, which then equals a full build."""
    from archivekg.publish import inplace

    config = load_config(corpus)
    build(corpus, tmp_path / "base", config)
    _edit(corpus, RECORDS[0], "A short added line.")
    (corpus / RECORDS[2]).unlink()
    build(corpus, tmp_path / "full", config, incremental=False)
    expected = _files(tmp_path / "full")

    class Stopped(Exception):
        pass

    state = {"steps": 0, "stop": 0}

    def counted(func: Callable[..., None]) -> Callable[..., None]:
        def step(*args: object) -> None:
            state["steps"] += 1
            if state["steps"] == state["stop"]:
                raise Stopped
            func(*args)
        return step

    monkeypatch.setattr(inplace, "_write_at", counted(inplace._write_at))
    monkeypatch.setattr(inplace, "_move", counted(inplace._move))
    for k in range(1, 100):
        out = tmp_path / f"out{k}"
        shutil.copytree(tmp_path / "base", out)
        state.update(steps=0, stop=k)
        try:
            build(corpus, out, config)
            finished = True
        except Stopped:
            finished = False
        state["stop"] = 0
        committed = (tmp_path / f".out{k}.commit").is_dir()
        assert committed == (not finished and k > 1), f"stopped at step {k}"
        if committed:  # readers refuse a folder halfway through an update
            with pytest.raises(StoreError, match="updating this folder"):
                nquads_path(out)
        build(corpus, out, config)
        assert _files(out) == expected, f"stopped at step {k}"
        assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(f".out{k}.")]
        shutil.rmtree(out)
        if finished:
            break
    assert finished and k > 8  # the rename, two sections per dump at least, the moved files


def test_the_main_process_keeps_no_record_between_the_passes(corpus: Path, tmp_path: Path) -> None:
    """Pass 1 leaves each document and its extraction in the work folder, and the main process
    keeps only its summary; the build removes the folder when it is done."""
    from archivekg.pipeline import _extract_spilled

    work = tmp_path / "work"
    work.mkdir()
    r = _extract_spilled((str(corpus / RECORDS[0]), "h", None, str(work)))
    assert r.doc is None and r.extraction is None and r.entry is not None and r.cache is not None
    doc, ex = pickle.loads(Path(r.cache).read_bytes())
    assert doc.record_id == r.entry.record_id and len(ex.entities) == len(r.entry.entities)
    config = load_config(corpus)
    out = tmp_path / "out"
    build(corpus, out, config, jobs=2)
    assert not (tmp_path / ".out.work").exists()
    # A record whose inputs did not change but whose IRIs did has no spilled copy: the worker reads
    # and extracts it again, and writes what a spilled copy gives.
    from archivekg.identity import assign_iris
    from archivekg.pipeline import ModelJob, _model_batch
    from archivekg.vocab import Minter

    iris = assign_iris([ex], Minter(config.base))[0][0]
    again_dir, spilled_dir = tmp_path / "again", tmp_path / "spilled"
    for folder, cache in ((again_dir, None), (spilled_dir, r.cache)):
        job = ModelJob(r.entry.record_id, cache, str(corpus / RECORDS[0]), "h", None, iris, config.base,
                       config.language, str(folder))
        assert _model_batch([job])[0].problems == ()
    assert _files(again_dir) == _files(spilled_dir)
    again = build(corpus, out, config.replace(base="https://other.example.net/"), jobs=2)
    assert again.rebuilt == 4
    build(corpus, tmp_path / "full", config.replace(base="https://other.example.net/"), incremental=False)
    assert _files(out) == _files(tmp_path / "full")


def test_nothing_changed_is_known_without_reading_the_manifest(corpus: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import archivekg.pipeline as pipeline

    config = load_config(corpus)
    out = tmp_path / "out"
    first = build(corpus, out, config)
    reads: list[Path] = []
    real = pipeline.read_manifest

    def counted(folder: Path) -> object:
        reads.append(folder)
        return real(folder)

    monkeypatch.setattr(pipeline, "read_manifest", counted)
    again = build(corpus, out, config)
    assert again.up_to_date and not reads
    assert (again.records, again.claims, again.events) == (first.records, first.claims, first.events)
    # The digest vouches for one manifest only: another one (here, spaced otherwise) is read again,
    # and a damaged digest only costs that reading.
    manifest = (out / "manifest.json").read_text(encoding="utf-8")
    (out / "manifest.json").write_text(manifest.replace('"events": ', '"events":  ', 1), encoding="utf-8")
    assert build(corpus, out, config).up_to_date and len(reads) == 1
    (out / ".build" / "inputs.json").write_text("[1, 2", encoding="utf-8")
    assert build(corpus, out, config).up_to_date and len(reads) == 2
    record = corpus / RECORDS[0]
    record.write_text(record.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert not build(corpus, out, config).up_to_date
    assert build(corpus, out, config).up_to_date and len(reads) == 3


def test_compact_summaries_write_the_same_json_and_share_strings() -> None:
    from archivekg.manifest import compact_summaries

    a = [["p1", "place", "".join(["Ta", "cheng"]), None, ["Qoqek"], [], [], None]]
    b = [["p9", "place", "".join(["Tac", "heng"]), "county", [], ["Ai-er-de"], ["Stalin"], "Q1"]]
    assert a[0][2] is not b[0][2]
    ca, cb = compact_summaries(a), compact_summaries(b)
    assert json.dumps(ca) == json.dumps(a) and json.dumps(cb) == json.dumps(b)
    assert ca[0][2] is cb[0][2] and ca[0][5] is cb[0][4]  # one "Tacheng", one empty tuple
    with pytest.raises(TypeError):
        compact_summaries([["p1", "place", 7, None, [], [], [], None]])  # a damaged manifest row


def test_unchanged_input_files_are_not_read_again(corpus: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A record file whose size, times and inode are as the last build saw them keeps its hash
    unread; an edit that keeps the size and puts the modification time back is still seen (the
    change time moves), and the stat record lives outside the output."""
    import os
    import time

    from archivekg import pipeline

    config = load_config(corpus)
    out = tmp_path / "out"
    build(corpus, out, config)
    stats = pipeline._stats_file(out)
    assert stats.is_file() and tmp_path not in stats.parents
    record = json.loads(stats.read_text(encoding="utf-8"))
    record["stamp"] = time.time_ns() + 10**10  # as if the last build had looked later: nothing is racy
    stats.write_text(json.dumps(record), encoding="utf-8")
    read: list[str] = []
    real = pipeline.file_hash

    def spy(*paths: Path) -> str:
        read.extend(p.name for p in paths)
        return real(*paths)

    monkeypatch.setattr(pipeline, "file_hash", spy)
    assert build(corpus, out, config).up_to_date
    assert not [n for n in read if n.endswith(".txt")]
    target = corpus / RECORDS[1]
    before = target.stat()
    text = target.read_text(encoding="utf-8")
    edited = text.replace("the", "THE", 1)
    assert edited != text and len(edited.encode()) == before.st_size
    target.write_text(edited, encoding="utf-8")
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert target.stat().st_size == before.st_size and target.stat().st_mtime_ns == before.st_mtime_ns
    read.clear()
    again = build(corpus, out, config)
    assert not again.up_to_date and again.rebuilt == 1 and RECORDS[1] in read
    build(corpus, tmp_path / "full", config, incremental=False)
    assert _files(out) == _files(tmp_path / "full")


def test_saved_iris_are_found_by_record_without_reading_the_others(tmp_path: Path) -> None:
    from archivekg.identity_file import SavedIris, read_identity, write_identity

    iris = {"2": [["k", "https://x.org/2", "B"]], "1": [["k", "https://x.org/1", 'A "q" \\\\ é']]}
    write_identity(tmp_path, {"key": "k", "iris": iris})
    saved = read_identity(tmp_path)
    assert saved is not None and saved["key"] == "k"
    lazy = saved["iris"]
    assert isinstance(lazy, SavedIris) and list(lazy) == ["1", "2"] and dict(lazy.items()) == iris
    assert "3" not in lazy and len(lazy) == 2
    text = (tmp_path / "iris.jsonl").read_text(encoding="utf-8")
    (tmp_path / "copy").mkdir()
    write_identity(tmp_path / "copy", {"key": "k", "iris": lazy})  # unchanged: written as it was read
    assert (tmp_path / "copy" / "iris.jsonl").read_text(encoding="utf-8") == text
    (tmp_path / "iris.jsonl").write_text(text.replace("x.org/2", "x.org/3"), encoding="utf-8")
    assert read_identity(tmp_path) is None  # not the file the record names
    with pytest.raises(ValueError):
        SavedIris(text.replace('["2"', '{"2"'))
    mislabelled = SavedIris(text)
    mislabelled._spans["2"] = mislabelled._spans["1"]
    with pytest.raises(ValueError):
        mislabelled["2"]


def _one_fails(jobs: list[Any]) -> list[Any]:
    """The model pass, with record 900106 found not to conform (so, as then, not written)."""
    from archivekg.pipeline import Modelled, _model_validate_write

    done = _model_validate_write(jobs)
    for job in jobs:
        if job.record_id == "900106":
            for f in Path(job.out).rglob("900106.*"):
                f.unlink()
    return [Modelled(m.record_id, m.triples, m.claims, ("does not conform",)) if m.record_id == "900106" else m
            for m in done]


def test_a_record_left_out_as_invalid_gives_the_same_output_with_any_jobs(corpus: Path, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """With workers, the shared graphs are made while the records are modelled, before it is known
    which records conform; one left out afterwards must not leave its entities behind."""
    from archivekg import pipeline

    monkeypatch.setattr(pipeline, "_model_batch", _one_fails)  # the workers are forked: they see it too
    config = load_config(corpus)
    one = build(corpus, tmp_path / "one", config, jobs=1, skip_invalid=True)
    two = build(corpus, tmp_path / "two", config, jobs=2, skip_invalid=True)
    assert one.records == two.records == 3 and any("900106" in s or "wilson-900106" in s for s in two.skipped)
    assert _files(tmp_path / "one") == _files(tmp_path / "two")
    assert not (tmp_path / "two" / "records" / "900106.ttl").exists()


def _no_home() -> Path:
    raise RuntimeError("Could not determine home directory.")  # what pathlib says without HOME and passwd entry


@pytest.mark.parametrize("where", ["a file", "no home folder"])
def test_a_cache_folder_that_cannot_be_written_only_costs_time(corpus: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    """The input files' metadata are a shortcut kept outside the output: where they cannot be
    kept, builds still succeed and still see every change."""
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be", encoding="utf-8")
    if where == "a file":
        monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    else:
        monkeypatch.delenv("XDG_CACHE_HOME")
        monkeypatch.setattr(Path, "home", staticmethod(_no_home))
    config = load_config(corpus)
    out = tmp_path / "out"
    build(corpus, out, config)
    assert build(corpus, out, config).up_to_date
    _edit(corpus, RECORDS[1], "A short added line.")
    assert build(corpus, out, config).rebuilt == 1
    build(corpus, tmp_path / "full", config, incremental=False)
    assert _files(out) == _files(tmp_path / "full")
    assert blocked.read_text(encoding="utf-8").startswith("a file")


def test_an_update_whose_plan_cannot_be_carried_out_makes_the_next_build_a_full_one(
        corpus: Path, tmp_path: Path) -> None:
    """A commit folder with a damaged plan is not followed: the output is marked, and the next
    build rewrites it whole (the same bytes as a full build)."""
    config = load_config(corpus)
    out = tmp_path / "out"
    build(corpus, out, config)
    journal = tmp_path / ".out.commit" / "journal"
    journal.mkdir(parents=True)
    (journal / "plan.json").write_text('{"dumps": [{"name": "archivekg.nq"', encoding="utf-8")
    _edit(corpus, RECORDS[0], "A short added line.")
    again = build(corpus, out, config)
    assert again.rebuilt == 4  # everything made again, since the dumps could not be trusted
    assert not (tmp_path / ".out.commit").exists()
    build(corpus, tmp_path / "full", config, incremental=False)
    assert _files(out) == _files(tmp_path / "full")


def test_sections_go_into_the_dumps_as_the_records_come_back(corpus: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A new folder's dumps are streamed in dump order while the records are modelled, and each
    record's pieces are removed at once: they never pile up to the end of the build."""
    from archivekg import pipeline
    from archivekg.publish import dumps

    seen: list[tuple[str, int]] = []
    real = dumps.DumpStream.add

    def spy(self: dumps.DumpStream, piece: str, ttl: str, graph: str, *, reuse: bool = False) -> None:
        real(self, piece, ttl, graph, reuse=reuse)
        seen.append((piece, len(list((self.out / dumps.PIECES).glob("*.part")))))

    monkeypatch.setattr(dumps.DumpStream, "add", spy)
    monkeypatch.setattr(pipeline, "BATCH", 1)
    config = load_config(corpus)
    build(corpus, tmp_path / "out", config, jobs=1)
    records = [p for p, _ in seen if not p.startswith("_")]
    assert records == sorted(records) and len(records) == 4
    assert [p for p, _ in seen][-3:] == ["_entities", "_links", "_void"]
    # after each record, only the shared graphs' pieces (made while the records were modelled) remain
    assert all(left <= 4 for _, left in seen[:-3]), seen
    assert not list((tmp_path / "out" / ".build").glob("*.part"))
    build(corpus, tmp_path / "full", config, jobs=2, incremental=False)
    assert _files(tmp_path / "out") == _files(tmp_path / "full")
