"""Writers by format name, deterministic order, atomic replacement of the output folder."""
from __future__ import annotations

import ctypes
import errno
import os
import shutil
from pathlib import Path

from pyoxigraph import NamedNode

from ..errors import PublishError
from ..model.terms import GraphBuilder
from ..vocab import PREFIXES
from .dumps import PIECES, padded, padding, prefix_header, trig_block, write_dumps
from .inplace import finish_commit
from .jsonld import context_document
from .lines import jsonld_of, turtle_of

README_TEMPLATE = Path(__file__).with_name("README.output.md")


def prefixes_for(base: str) -> dict[str, str]:
    p = dict(PREFIXES)
    p["vocab"] = base + "vocab#"
    return p


def turtle(builder: GraphBuilder, base: str) -> bytes:
    # No @base: relative references to other hosts would come out as "//host/..." paths.
    return turtle_of(builder.groups(), prefixes_for(base))


def write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def write_graph_files(out: Path, folder: str, name: str, builder: GraphBuilder, base: str) -> int:
    """A graph's Turtle and JSON-LD files, plus its two sections of the dumps (N-Quads and TriG,
    padded to whole pages): made here, in the worker, the dumps are then plain file copies."""
    target = out / folder if folder else out
    ttl = turtle(builder, base)
    write_bytes(target / f"{name}.ttl", ttl)
    graph_iri = builder.graph.value if isinstance(builder.graph, NamedNode) else None
    write_bytes(target / f"{name}.jsonld", jsonld_of(builder.groups(), base, graph_iri))
    piece = name if folder else "_" + name  # record ids never start with "_"
    (out / PIECES).mkdir(parents=True, exist_ok=True)
    with open(out / PIECES / f"{piece}.nq.part", "wb") as f:
        size = 0
        for chunk in builder.nquads_chunks():
            f.write(chunk)
            size += len(chunk)
        f.write(padding(size))
    if graph_iri is not None:
        write_bytes(out / PIECES / f"{piece}.trig.part", padded(trig_block(graph_iri, ttl, dump_header(base))))
    return len(builder)


def dump_header(base: str) -> bytes:
    return prefix_header(prefixes_for(base))


def assemble(out: Path, graphs: list[tuple[str, str, str]], base: str, *, previous: Path | None = None,
             reused: frozenset[str] = frozenset()) -> None:
    """The dumps, every graph in a fixed order (records by id, then the shared graphs), and the
    files every output folder carries.

    ``graphs`` holds (N-Quads piece name, Turtle file relative to ``out``, graph IRI). Pieces
    in ``reused`` are unchanged since the output in ``previous`` and copied from its dumps.
    """
    write_dumps(out, graphs, dump_header(base), previous=previous, reused=reused)
    finish_folder(out, base)


def finish_folder(out: Path, base: str) -> None:
    """The files every output folder carries besides the data."""
    write_bytes(out / "context.jsonld", context_document(base).encode("utf-8"))
    write_bytes(out / "README.md", README_TEMPLATE.read_bytes())


# What the repository's own output/ folder holds before a first build: its README, and the
# browser test's screenshots. Any other folder without a manifest is not ours to replace.
BEFORE_FIRST_BUILD = frozenset({"README.md", "screenshots"})


def check_output_folder(out: Path) -> None:
    """Refuse an --out that is not an earlier output: the swap would replace (and delete) it."""
    if not out.exists():
        return
    if not out.is_dir():
        raise PublishError("is a file, not an output folder; choose another --out", path=str(out))
    if not (out / "manifest.json").is_file() and {p.name for p in out.iterdir()} - BEFORE_FIRST_BUILD:
        raise PublishError("holds files that are not an archivekg output (it has no manifest.json), and the "
                           "build would replace them; choose a new or empty folder for --out", path=str(out))


def begin_output(out: Path) -> Path:
    """A fresh sibling folder to write the next output into."""
    out = out.resolve()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        recover(out)
        check_output_folder(out)
        tmp = out.parent / f".{out.name}.new"
        if tmp.exists():
            shutil.rmtree(tmp)
        tmp.mkdir()
    except OSError as exc:
        raise PublishError(f"cannot write the output folder: {exc.strerror or exc}", path=str(out)) from None
    return tmp


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2 RENAME_EXCHANGE); False where not supported."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def commit_output(out: Path, tmp: Path) -> None:
    """Swap the new folder in. Where the system can, the two folders trade places in one step, so
    the output path never stands empty; otherwise two renames, and ``recover`` restores the old
    folder when a build is killed between them."""
    out = out.resolve()
    old = out.parent / f".{out.name}.old"
    try:
        if out.exists() and _exchange(tmp, out):
            shutil.rmtree(tmp, ignore_errors=True)  # now the previous output
            return
        if out.exists():
            os.replace(out, old)
        os.replace(tmp, out)
    except OSError as exc:
        raise PublishError(f"cannot replace the output folder: {exc}", path=str(out)) from None
    shutil.rmtree(old, ignore_errors=True)


def recover(out: Path) -> None:
    """Finish or undo a swap, or finish an update in place, that a killed build left half done."""
    finish_commit(out)
    old = out.parent / f".{out.name}.old"
    tmp = out.parent / f".{out.name}.new"
    if old.exists() and not out.exists():
        os.replace(old, out)  # killed between the two renames: the old output is still whole
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)
    if tmp.exists():
        shutil.rmtree(tmp, ignore_errors=True)
