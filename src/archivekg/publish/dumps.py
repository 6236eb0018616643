"""The aggregate dumps: every graph in one N-Quads file and one TriG file, in a fixed order.

Both are concatenations of per-graph sections (a record's N-Quads; its Turtle file wrapped in
braces for TriG). Each section is padded with a comment line to a whole number of 4 KiB pages,
so that a graph starts on a page boundary of the file: a rebuild that changed a few graphs can
then replace their sections where they lie, growing or shrinking the file by whole pages in the
file system (``inplace``), instead of rewriting gigabytes. The padding depends only on the
section itself, so a full build and an incremental one write the same bytes.

An index of where each section lies is kept beside the output (``.build/dumps.json``).
"""
from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable
from pathlib import Path

DUMP_NAME = "archivekg"
DUMPS = (f"{DUMP_NAME}.nq", f"{DUMP_NAME}.trig")
PIECES = ".build"  # per-graph N-Quads pieces while a build runs, and the dump index
INDEX = "dumps.json"
INDEX_FORMAT = 2
PAGE = 4096


def padding(size: int) -> bytes:
    """A comment line (or one empty line) from ``size`` bytes to the next page boundary."""
    gap = -size % PAGE
    if gap == 0:
        return b""
    return b"\n" if gap == 1 else b"#" + b" " * (gap - 2) + b"\n"


def padded(data: bytes) -> bytes:
    return data + padding(len(data))


def prefix_header(prefixes: dict[str, str]) -> bytes:
    """The prefix lines that start every Turtle file and the TriG dump (sorted, as written)."""
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(prefixes.items())).encode("utf-8")


def trig_block(graph: str, turtle: bytes, header: bytes) -> bytes:
    """A graph's TriG block: its Turtle without the prefix lines (the dump declares them once)."""
    if turtle.startswith(header):
        body = turtle[len(header):]
    else:  # written with other prefixes: drop the leading prefix lines, whatever they are
        lines = turtle.splitlines(keepends=True)
        n = next((i for i, line in enumerate(lines) if not line.startswith(b"@prefix ")), len(lines))
        body = b"".join(lines[n:])
    return f"<{graph}> {{\n".encode() + body + b"}\n"


def sections(folder: Path, piece: str, ttl: str, graph: str, header: bytes) -> tuple[bytes, bytes]:
    """A graph's N-Quads and TriG sections, as ``write_graph_files`` left them in ``folder``."""
    nq = (folder / PIECES / f"{piece}.nq.part").read_bytes()
    trig = folder / PIECES / f"{piece}.trig.part"
    return nq, trig.read_bytes() if trig.is_file() else padded(trig_block(graph, (folder / ttl).read_bytes(), header))


class Index:
    """Where each graph's sections lie in the dumps: piece -> [nq offset, nq length, trig offset,
    trig length], lengths padding included; ``header`` is the TriG prefix section's length."""

    def __init__(self, pieces: dict[str, list[int]], header: int, nq: int, trig: int) -> None:
        self.pieces, self.header, self.nq, self.trig = pieces, header, nq, trig

    def dumps(self) -> str:
        return json.dumps({"format": INDEX_FORMAT, "header": self.header, "nq": self.nq, "trig": self.trig,
                           "pieces": self.pieces}, sort_keys=True) + "\n"

    def write(self, out: Path) -> None:
        (out / PIECES).mkdir(parents=True, exist_ok=True)
        (out / PIECES / INDEX).write_text(self.dumps(), encoding="utf-8")


def read_index(out: Path) -> Index | None:
    """``out``'s dump index; None when it is missing or damaged or does not match the dumps."""
    try:
        data = json.loads((out / PIECES / INDEX).read_text(encoding="utf-8"))
        if data.get("format") != INDEX_FORMAT:
            return None
        pieces = {str(k): [int(x) for x in v] for k, v in data["pieces"].items()}
        index = Index(pieces, int(data["header"]), int(data["nq"]), int(data["trig"]))
        if (out / DUMPS[0]).stat().st_size != index.nq or (out / DUMPS[1]).stat().st_size != index.trig:
            return None
        if any(len(v) != 4 or any(x < 0 or x % PAGE for x in v) for v in pieces.values()):
            return None
        return index
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def write_dumps(out: Path, graphs: list[tuple[str, str, str]], header: bytes, *,
                previous: Path | None = None, reused: frozenset[str] = frozenset()) -> None:
    """Write ``out``'s N-Quads and TriG dumps and their index, one section at a time.

    ``graphs`` holds (piece name, Turtle file relative to ``out``, graph IRI) in dump order.
    Pieces named in ``reused`` are byte-identical to those of the output in ``previous``, whose
    index must hold them: their sections are copied from its dumps. The others are made from
    their N-Quads piece in ``out``, which is then removed.
    """
    stream = DumpStream(out, header, previous=previous if reused else None)
    try:
        for piece, ttl, graph in graphs:
            stream.add(piece, ttl, graph, reuse=piece in reused)
    except BaseException:
        stream.close()
        raise
    stream.finish()


class DumpStream:
    """The dumps written section by section, in dump order, as the graphs become ready.

    A build streams each record's sections into the dumps as soon as its worker has made them and
    removes the pieces at once: a piece that lives a few seconds is dropped from the page cache
    before it is ever written to disk, while one kept to the end of a large build is written out
    and then freed, which costs more than writing the dumps themselves."""

    def __init__(self, out: Path, header: bytes, *, previous: Path | None = None) -> None:
        self.out, self.header, self.previous = out, header, previous
        self.old = read_index(previous) if previous is not None else None
        if previous is not None and self.old is None:
            raise ValueError("unchanged graphs to copy, but the previous dumps have no usable index")
        self.pieces: dict[str, list[int]] = {}
        self.head = padded(header)
        self.nq = _Dump(out / DUMPS[0]).__enter__()
        try:
            self.trig = _Dump(out / DUMPS[1]).__enter__()
        except BaseException:
            self.nq.abandon()
            raise
        self.trig.data(self.head)

    def add(self, piece: str, ttl: str, graph: str, *, reuse: bool = False) -> None:
        nq, trig = self.nq, self.trig
        at = [nq.size, 0, trig.size, 0]
        if reuse:
            if self.old is None or self.previous is None or piece not in self.old.pieces:
                raise ValueError(f"{piece}: no section in the previous dumps to copy")
            spot = self.old.pieces[piece]
            nq.copy(self.previous / DUMPS[0], spot[0], spot[1])
            trig.copy(self.previous / DUMPS[1], spot[2], spot[3])
        else:
            nq_part, trig_part = self.out / PIECES / f"{piece}.nq.part", self.out / PIECES / f"{piece}.trig.part"
            nq.copy(nq_part, 0, nq_part.stat().st_size)
            nq.flush()
            if trig_part.is_file():
                trig.copy(trig_part, 0, trig_part.stat().st_size)
                trig.flush()
            else:
                trig.data(padded(trig_block(graph, (self.out / ttl).read_bytes(), self.header)))
            remove_pieces(self.out, (piece,))
        at[1], at[3] = nq.size - at[0], trig.size - at[2]
        self.pieces[piece] = at

    def finish(self) -> Index:
        """Close the dumps and write their index."""
        try:
            self.nq.__exit__(None, None, None)
        finally:
            self.trig.__exit__(None, None, None)
        index = Index(self.pieces, len(self.head), self.nq.size, self.trig.size)
        index.write(self.out)
        return index

    def close(self) -> None:
        """Close the files of an abandoned stream (the staging folder is removed with them)."""
        for dump in (self.nq, self.trig):
            with contextlib.suppress(OSError):
                dump.abandon()


def remove_pieces(out: Path, names: Iterable[str]) -> None:
    """The N-Quads pieces are in the dumps now: they are not published twice."""
    for name in names:
        (out / PIECES / f"{name}.nq.part").unlink(missing_ok=True)
        (out / PIECES / f"{name}.trig.part").unlink(missing_ok=True)


class _Dump:
    """An output file written from in-memory bytes and from ranges of other files. Adjacent
    ranges of one file are merged, so a run of unchanged graphs is one kernel copy."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.size = 0
        self._run: tuple[Path, int, int] | None = None  # pending (file, offset, length)

    def __enter__(self) -> _Dump:
        # Unbuffered: in-memory bytes and kernel copies go to the same file position in turn.
        self._file = open(self.path, "wb", buffering=0)
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if exc[0] is None:
                self._flush()
        finally:
            self._file.close()

    def data(self, data: bytes) -> None:
        self._flush()
        view = memoryview(data)
        while view:
            view = view[os.write(self._file.fileno(), view):]
        self.size += len(data)

    def copy(self, source: Path, offset: int, length: int) -> None:
        run = self._run
        if run is not None and run[0] == source and run[1] + run[2] == offset:
            self._run = (source, run[1], run[2] + length)
        else:
            self._flush()
            self._run = (source, offset, length)
        self.size += length

    def flush(self) -> None:
        """Copy the pending range now (its source may then be removed)."""
        self._flush()

    def abandon(self) -> None:
        self._run = None
        self._file.close()

    def _flush(self) -> None:
        if self._run is None or not self._run[2]:
            self._run = None
            return
        source, offset, length = self._run
        self._run = None
        with open(source, "rb") as src:
            _copy_range(src.fileno(), self._file.fileno(), offset, length, self.path)


def _copy_range(src: int, dst: int, offset: int, length: int, path: Path) -> None:
    """Copy ``length`` bytes from ``offset`` of ``src`` to the current end of ``dst``."""
    done = 0
    copy = getattr(os, "copy_file_range", None)
    while done < length:
        n = 0
        if copy is not None:
            try:
                n = copy(src, dst, length - done, offset + done)
            except OSError:
                copy = None  # not supported between these files: plain reads and writes
        if copy is None:
            chunk = os.pread(src, min(1 << 20, length - done), offset + done)
            n = os.write(dst, chunk) if chunk else 0
        if n == 0:
            raise OSError(f"{path}: a piece of the dump ended early")
        done += n
