"""Writers by format name, deterministic order, atomic replacement of the output folder."""
from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import Quad, RdfFormat, Triple, serialize

from ..errors import PublishError
from ..model.terms import GraphBuilder, sorted_quads
from ..vocab import PREFIXES
from .jsonld import context_document, to_jsonld

README_TEMPLATE = Path(__file__).with_name("README.output.md")
DUMP_NAME = "archivekg"


@dataclass(frozen=True)
class GraphFile:
    """One named graph to publish on its own (a record, or a shared graph)."""

    name: str  # file stem: the record id, or "entities", "links", "dataset"
    folder: str  # "records" or "" (top level)
    builder: GraphBuilder


def prefixes_for(base: str) -> dict[str, str]:
    p = dict(PREFIXES)
    p["vocab"] = base + "vocab#"
    return p


def _sorted_header(data: bytes | None) -> bytes:
    """Put the @prefix lines in a fixed order: the writer's own order is not guaranteed."""
    assert data is not None
    lines = data.split(b"\n")
    head = [x for x in lines if x.startswith((b"@prefix", b"@base"))]
    rest = lines[len(head):]
    return b"\n".join(sorted(head) + rest)


def turtle(builder: GraphBuilder, base: str) -> bytes:
    triples = [Triple(s, p, o) for s, p, o in builder.triples()]
    # No @base: relative references to other hosts would come out as "//host/..." paths.
    return _sorted_header(serialize(triples, format=RdfFormat.TURTLE, prefixes=prefixes_for(base)))


WRITERS: dict[str, Callable[[list[Quad], str], bytes]] = {
    "nq": lambda quads, base: serialize(quads, format=RdfFormat.N_QUADS) or b"",
    "trig": lambda quads, base: _sorted_header(serialize(quads, format=RdfFormat.TRIG,
                                                         prefixes=prefixes_for(base))),
}


def write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def render(out: Path, graphs: Iterable[GraphFile], base: str, extra: dict[str, bytes]) -> dict[str, int]:
    """Write every file into ``out`` (a fresh folder). Returns triples per graph file."""
    counts: dict[str, int] = {}
    all_quads: list[Quad] = []
    for g in graphs:
        folder = out / g.folder if g.folder else out
        all_quads.extend(g.builder.quads())
        write_bytes(folder / f"{g.name}.ttl", turtle(g.builder, base))
        graph_iri = g.builder.graph.value if hasattr(g.builder.graph, "value") else None
        write_bytes(folder / f"{g.name}.jsonld",
                    to_jsonld(g.builder.triples(), base, graph_iri).encode("utf-8"))
        counts[f"{g.folder + '/' if g.folder else ''}{g.name}"] = len(g.builder)
    ordered = sorted_quads(all_quads)
    for fmt, writer in WRITERS.items():
        write_bytes(out / f"{DUMP_NAME}.{fmt}", writer(ordered, base))
    write_bytes(out / "context.jsonld", context_document(base).encode("utf-8"))
    write_bytes(out / "README.md", README_TEMPLATE.read_bytes())
    for name, data in extra.items():
        write_bytes(out / name, data)
    return counts


def publish(out: Path, graphs: list[GraphFile], base: str, extra: dict[str, bytes]) -> dict[str, int]:
    """Write into a sibling temporary folder, then swap it in: a failed or killed build leaves
    the previous output as it was."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    recover(out)
    tmp = out.parent / f".{out.name}.new"
    old = out.parent / f".{out.name}.old"
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir()
    try:
        counts = render(tmp, graphs, base, extra)
        write_bytes(tmp / "manifest.json", (json.dumps({"graphs": counts}, indent=1, sort_keys=True) + "\n")
                    .encode("utf-8"))
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise PublishError(f"cannot write output: {exc}", path=str(out)) from None
    if out.exists():
        os.replace(out, old)
    os.replace(tmp, out)
    shutil.rmtree(old, ignore_errors=True)
    return counts


def recover(out: Path) -> None:
    """Finish or undo a swap that a killed build left half done."""
    old = out.parent / f".{out.name}.old"
    tmp = out.parent / f".{out.name}.new"
    if old.exists() and not out.exists():
        os.replace(old, out)  # killed between the two renames: the old output is still whole
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)
    if tmp.exists():
        shutil.rmtree(tmp, ignore_errors=True)
