"""The floor: pyoxigraph stream-parses the produced N-Quads and serialises them back as N-Quads.

Every quad is touched once in native code and written out again, with no extraction, modelling
or validation: no pipeline that publishes the same quads can be much faster than this. The
benchmark reports the build's time as a multiple of it.

    python bench/floor.py output/archivekg.nq [--repeat 3]     prints one JSON object
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from pyoxigraph import RdfFormat, parse, serialize


def count_quads(nq: Path) -> int:
    """Quads in an N-Quads file written by pyoxigraph: one per non-empty line."""
    count = 0
    with open(nq, "rb") as f:
        for line in f:
            if line.strip() and not line.lstrip().startswith(b"#"):
                count += 1
    return count


def round_trip(nq: Path, target: Path) -> float:
    """Seconds to parse ``nq`` and write it to ``target`` as N-Quads, streaming."""
    start = time.perf_counter()
    with open(target, "wb") as out:
        serialize(parse(path=str(nq), format=RdfFormat.N_QUADS), out, RdfFormat.N_QUADS)
    return time.perf_counter() - start


def floor(nq: Path, repeat: int = 3) -> dict[str, object]:
    """Median seconds of ``repeat`` round trips, with quads/s and the file size."""
    if not nq.is_file():
        raise FileNotFoundError(f"{nq}: no N-Quads file to measure (run the build first)")
    target = nq.with_name(nq.name + ".floor")
    try:
        runs = [round_trip(nq, target) for _ in range(max(1, repeat))]
        same = target.stat().st_size == nq.stat().st_size
    finally:
        target.unlink(missing_ok=True)
    seconds = statistics.median(runs)
    quads = count_quads(nq)
    return {
        "seconds": seconds,
        "runs": runs,
        "quads": quads,
        "triples_per_second": quads / seconds if seconds else None,
        "bytes": nq.stat().st_size,
        "same_size": same,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="pyoxigraph N-Quads parse + serialise of a build's output.")
    parser.add_argument("nquads", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    print(json.dumps(floor(args.nquads, args.repeat)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
