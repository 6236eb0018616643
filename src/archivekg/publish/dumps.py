"""The aggregate dumps: every graph in one N-Quads file and one TriG file, in a fixed order.

Both are concatenations of per-graph pieces (a record's N-Quads piece; its Turtle file wrapped in
braces for TriG). An index of where each piece lies in the dumps is kept beside the pieces, so an
incremental build copies the runs of unchanged graphs straight from the previous dumps, in the
kernel where it can, instead of re-reading thousands of small files.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

DUMP_NAME = "archivekg"
PIECES = ".build"  # per-graph N-Quads pieces and the dump index
INDEX = "dumps.json"
INDEX_FORMAT = 1


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


def read_index(out: Path) -> dict[str, list[int]] | None:
    """Where each piece lies in ``out``'s dumps: name -> [nq offset, nq length, trig offset,
    trig length]; None when the index is missing, damaged or does not match the dumps' sizes."""
    try:
        data = json.loads((out / PIECES / INDEX).read_text(encoding="utf-8"))
        if data.get("format") != INDEX_FORMAT:
            return None
        pieces = {str(k): [int(x) for x in v] for k, v in data["pieces"].items()}
        if (out / f"{DUMP_NAME}.nq").stat().st_size != data["nq"] or \
                (out / f"{DUMP_NAME}.trig").stat().st_size != data["trig"]:
            return None
        return pieces
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def write_dumps(out: Path, graphs: list[tuple[str, str, str]], header: bytes, *,
                previous: Path | None = None, reused: frozenset[str] = frozenset()) -> None:
    """Write ``out``'s N-Quads and TriG dumps and their index, one piece at a time.

    ``graphs`` holds (piece name, Turtle file relative to ``out``, graph IRI) in dump order.
    Pieces named in ``reused`` are byte-identical to those of the output in ``previous``; their
    bytes are copied from its dumps when its index says where they are.
    """
    old = read_index(previous) if previous is not None and reused else None
    index: dict[str, list[int]] = {}
    with _Dump(out / f"{DUMP_NAME}.nq") as nq, _Dump(out / f"{DUMP_NAME}.trig") as trig:
        trig.data(header)
        for piece, ttl, graph in graphs:
            spot = old.get(piece) if old is not None and piece in reused else None
            at = [nq.size, 0, trig.size, 0]
            if spot is not None and previous is not None:
                nq.copy(previous / f"{DUMP_NAME}.nq", spot[0], spot[1])
                trig.copy(previous / f"{DUMP_NAME}.trig", spot[2], spot[3])
            else:
                part = out / PIECES / f"{piece}.nq.part"
                nq.copy(part, 0, part.stat().st_size)
                trig.data(trig_block(graph, (out / ttl).read_bytes(), header))
            at[1], at[3] = nq.size - at[0], trig.size - at[2]
            index[piece] = at
        sizes = {"nq": nq.size, "trig": trig.size}
    (out / PIECES).mkdir(parents=True, exist_ok=True)
    record = {"format": INDEX_FORMAT, **sizes, "pieces": index}
    (out / PIECES / INDEX).write_text(json.dumps(record, sort_keys=True) + "\n", encoding="utf-8")


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
