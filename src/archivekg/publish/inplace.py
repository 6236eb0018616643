"""Updating an output folder where it lies, for rebuilds that changed a few records.

Rewriting a large output for one corrected record would copy gigabytes of dumps. Instead the
rebuild writes its new files to a staging folder beside the output, with a plan: which sections
of the dumps to replace (``plan_edits``) and which files to move in or delete. Renaming the
staging folder to ``.<out>.commit`` is the commit point. Before it the output is untouched, so a
build that fails or is killed leaves it whole; after it the plan is carried out, and a build
killed while carrying it out leaves the folder behind for the next one, which finishes the plan
(``finish_commit``) before anything else. Every step can be redone: a section edit is known to be
done by the file's size, a move by its source being gone.

Sections are replaced by inserting or removing whole pages in the middle of the dump
(``fallocate`` with ``FALLOC_FL_INSERT_RANGE`` / ``FALLOC_FL_COLLAPSE_RANGE``: ext4 and XFS);
where the file system cannot, the build rewrites the output instead (``supports_range_edits``).
"""
from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import PublishError
from .dumps import DUMPS, PAGE, PIECES, Index, sections

FALLOC_FL_COLLAPSE_RANGE = 0x08
FALLOC_FL_INSERT_RANGE = 0x20
JOURNAL = "journal"  # the staging folder's own files: the plan, the new sections, the progress
PLAN = "plan.json"
LAST = ("manifest.json", f"{PIECES}/inputs.json")  # moved last: until then the output is not up to date


def _fallocate() -> Callable[[int, int, int, int], int] | None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        func = libc.fallocate
    except (OSError, AttributeError):
        return None
    func.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_longlong, ctypes.c_longlong]
    func.restype = ctypes.c_int
    return func


def _range(fd: int, mode: int, offset: int, length: int, path: Path) -> None:
    func = _fallocate()
    if func is None:
        raise OSError(95, "fallocate is not available", str(path))
    if func(fd, mode, offset, length) != 0:
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err), str(path))


def supports_range_edits(folder: Path) -> bool:
    """Whether the file system under ``folder`` inserts and removes pages inside a file."""
    probe = folder / ".range-probe"
    try:
        probe.write_bytes(b"a" * PAGE + b"b" * PAGE)
        fd = os.open(probe, os.O_RDWR)
        try:
            _range(fd, FALLOC_FL_INSERT_RANGE, PAGE, PAGE, probe)
            _range(fd, FALLOC_FL_COLLAPSE_RANGE, 0, PAGE, probe)
        finally:
            os.close(fd)
        return probe.read_bytes() == bytes(PAGE) + b"b" * PAGE
    except OSError:
        return False
    finally:
        probe.unlink(missing_ok=True)


def order_key(piece: str) -> tuple[int, str]:
    """The dumps' order: records by id, then the shared graphs ("_entities", "_links", "_void")."""
    shared = ("_entities", "_links", "_void")
    return (1, str(shared.index(piece))) if piece in shared else (0, piece)


def plan_edits(old: Index, graphs: list[tuple[str, str, str]], changed: set[str], stage: Path,
               header: bytes) -> dict[str, Any] | None:
    """The section edits that turn the dumps of ``old`` into those of ``graphs``; None when
    ``old`` is not in dump order (then the output is rewritten).

    ``graphs`` holds (piece, Turtle file, graph IRI) in dump order; pieces in ``changed`` and
    new ones have their piece and Turtle file in ``stage``, the others are unchanged. The new
    sections are written to the journal; edits are [offset, old length, new length, offset in
    the sections file], in the order they are applied (from the end of the file backwards, so
    that no edit moves the place of another).
    """
    before = sorted(old.pieces, key=lambda p: old.pieces[p][0])
    if [order_key(p) for p in before] != sorted(order_key(p) for p in before):
        return None
    journal = stage / JOURNAL
    journal.mkdir(parents=True, exist_ok=True)
    edits: tuple[list[list[int]], list[list[int]]] = ([], [])
    pieces: dict[str, list[int]] = {}
    at = [0, old.header]  # where the next section of the new dumps starts
    with open(journal / "sections.nq", "wb") as nq_out, open(journal / "sections.trig", "wb") as trig_out:
        outs = (nq_out, trig_out)
        written = [0, 0]

        def edit(spot: tuple[int, int], old_lengths: tuple[int, int], new: tuple[bytes, bytes]) -> None:
            for d in (0, 1):
                edits[d].append([spot[d], old_lengths[d], len(new[d]), written[d]])
                outs[d].write(new[d])
                written[d] += len(new[d])

        i = 0
        for piece, ttl, graph in graphs:
            while i < len(before) and order_key(before[i]) < order_key(piece):  # removed
                gone = old.pieces[before[i]]
                edit((gone[0], gone[2]), (gone[1], gone[3]), (b"", b""))
                i += 1
            if i < len(before) and before[i] == piece:
                spot = old.pieces[piece]
                i += 1
                if piece not in changed:
                    pieces[piece] = [at[0], spot[1], at[1], spot[3]]
                    at = [at[0] + spot[1], at[1] + spot[3]]
                    continue
                place, lengths = (spot[0], spot[2]), (spot[1], spot[3])
            else:  # new: inserted before the next old section
                nxt = old.pieces[before[i]] if i < len(before) else [old.nq, 0, old.trig, 0]
                place, lengths = (nxt[0], nxt[2]), (0, 0)
            new = sections(stage, piece, ttl, graph, header)
            edit(place, lengths, new)
            pieces[piece] = [at[0], len(new[0]), at[1], len(new[1])]
            at = [at[0] + len(new[0]), at[1] + len(new[1])]
        for gone_piece in before[i:]:
            gone = old.pieces[gone_piece]
            edit((gone[0], gone[2]), (gone[1], gone[3]), (b"", b""))
        for f in outs:
            f.flush()
            os.fsync(f.fileno())
    index = Index(pieces, old.header, at[0], at[1])
    return {"index": json.loads(index.dumps()),
            "dumps": [{"name": DUMPS[d], "size": (old.nq, old.trig)[d], "sections": f"sections.{('nq', 'trig')[d]}",
                       "edits": _backwards(edits[d])} for d in (0, 1)]}


def _backwards(edits: list[list[int]]) -> list[list[int]]:
    """From the end of the file backwards; at one offset, the later section first (an insertion
    there goes before it). Edits that change nothing are dropped."""
    order = sorted(range(len(edits)), key=lambda k: (edits[k][0], k), reverse=True)
    return [edits[k] for k in order if edits[k][1] or edits[k][2]]


def commit_in_place(out: Path, stage: Path, plan: dict[str, Any], deletes: list[str]) -> None:
    """Carry ``plan`` and the staged files into ``out``; see the module's docstring."""
    files = sorted(str(p.relative_to(stage)) for p in stage.rglob("*")
                   if p.is_file() and p.relative_to(stage).parts[0] != JOURNAL)
    files = [f for f in files if f not in LAST] + [f for f in LAST if f in files]
    record = dict(plan, moves=files, deletes=sorted(deletes))
    journal = stage / JOURNAL
    journal.mkdir(parents=True, exist_ok=True)
    with open(journal / PLAN, "w", encoding="utf-8") as f:
        f.write(json.dumps(record, sort_keys=True) + "\n")
        f.flush()
        os.fsync(f.fileno())
    target = commit_folder(out)
    try:
        _move(stage, target)  # the commit point
    except OSError as exc:
        raise PublishError(f"cannot commit the update: {exc}", path=str(out)) from None
    finish_commit(out)


def commit_folder(out: Path) -> Path:
    return out.parent / f".{out.name}.commit"


def finish_commit(out: Path) -> bool:
    """Carry out the rest of a committed update; True when there was one. One that cannot be
    finished (its plan damaged, a dump not as the plan left it) marks the output so that the next
    build rewrites it whole."""
    journal = commit_folder(out)
    if not journal.is_dir():
        return False
    try:
        plan = json.loads((journal / JOURNAL / PLAN).read_text(encoding="utf-8"))
        for dump in plan["dumps"]:
            _apply(out / dump["name"], int(dump["size"]), [[int(x) for x in e] for e in dump["edits"]],
                   journal / JOURNAL / dump["sections"], journal / JOURNAL / f"{dump['name']}.done")
        for rel in plan["moves"]:
            source = journal / rel
            if source.is_file():
                (out / rel).parent.mkdir(parents=True, exist_ok=True)
                _move(source, out / rel)
        for rel in plan["deletes"]:
            (out / rel).unlink(missing_ok=True)
    except (OSError, ValueError, KeyError, TypeError, PublishError):
        for rel in (f"{PIECES}/dumps.json", f"{PIECES}/inputs.json"):
            (out / rel).unlink(missing_ok=True)
    shutil.rmtree(journal, ignore_errors=True)
    return True


def _apply(path: Path, size: int, edits: list[list[int]], sections_file: Path, progress: Path) -> None:
    """Apply ``edits`` to the dump at ``path``, whose size was ``size`` before the first; resumes
    after the ones ``progress`` counts as done."""
    done = int(progress.read_text(encoding="ascii")) if progress.is_file() else 0
    for _, old, new, _ in edits[:done]:
        size += new - old
    fd = os.open(path, os.O_RDWR)
    try:
        with open(sections_file, "rb") as src:
            for k in range(done, len(edits)):
                offset, old, new, source = edits[k]
                delta = new - old
                now = os.fstat(fd).st_size
                if now == size:
                    _resize(fd, offset, old, new, now, path)
                elif delta == 0 or now != size + delta:
                    raise PublishError(f"is {now} bytes, not {size} as the update left it", path=str(path))
                _write_at(fd, src.fileno(), source, new, offset, path)
                size += delta
                progress.write_text(f"{k + 1}\n", encoding="ascii")
        os.fsync(fd)
    finally:
        os.close(fd)


def _move(source: Path, target: Path) -> None:
    os.replace(source, target)


def _resize(fd: int, offset: int, old: int, new: int, size: int, path: Path) -> None:
    """Make room for ``new`` bytes where ``old`` bytes lie at ``offset`` (whole pages)."""
    if new == old:
        return
    if offset + old >= size:  # the last section: the end of the file moves
        os.ftruncate(fd, offset + new)
    elif new > old:
        _range(fd, FALLOC_FL_INSERT_RANGE, offset + old, new - old, path)
    else:
        _range(fd, FALLOC_FL_COLLAPSE_RANGE, offset + new, old - new, path)


def _write_at(fd: int, src: int, source: int, length: int, offset: int, path: Path) -> None:
    done = 0
    while done < length:
        chunk = os.pread(src, min(1 << 20, length - done), source + done)
        if not chunk:
            raise PublishError("the staged sections ended early", path=str(path))
        view = memoryview(chunk)
        while view:
            n = os.pwrite(fd, view, offset + done)
            view = view[n:]
            done += n
