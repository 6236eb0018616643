"""The extract stage alone, in one process, on a generated corpus (or any corpus folder).

Reports time per record and per 100 words, by length band, and what was found per 100 words
(entities, events, dates, quantities, claims), so that a change to the extractor can be judged
on speed and on output density together. Records the extractor fails on are listed.

    python bench/bench_extract.py [--n 200] [--seed 0] [--corpus FOLDER] [--json]
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

from generate import generate_corpus  # noqa: E402

from archivekg.extract import extract  # noqa: E402
from archivekg.ingest import find_records, read_record  # noqa: E402

BANDS = ((100, 300), (300, 1000), (1000, 3001))
FOUND = ("entities", "events", "dates", "quantities", "claims")


def measure(paths: list[Path]) -> dict[str, Any]:
    rows: list[dict[str, Any]] = []
    failures: list[str] = []
    for path in paths:
        doc = read_record(path)
        words = len(doc.body.split())
        start = time.perf_counter()
        try:
            ex = extract(doc)
        except Exception as exc:  # report and go on: one bad record must not hide the timings
            failures.append(f"{path.name}: {type(exc).__name__}: {exc}")
            continue
        seconds = time.perf_counter() - start
        rows.append({"words": words, "seconds": seconds, **{k: len(getattr(ex, k)) for k in FOUND}})
    total_words = sum(r["words"] for r in rows) or 1
    total_seconds = sum(r["seconds"] for r in rows)
    bands = {}
    for low, high in BANDS:
        band = [r for r in rows if low <= r["words"] < high]
        if band:
            bands[f"{low}-{high - 1} words"] = {
                "records": len(band),
                "ms_per_record_median": 1000 * statistics.median(r["seconds"] for r in band),
                "ms_per_100_words": 1e5 * sum(r["seconds"] for r in band) / sum(r["words"] for r in band),
            }
    return {
        "records": len(rows),
        "failures": failures,
        "seconds": total_seconds,
        "records_per_second": len(rows) / total_seconds if total_seconds else None,
        "ms_per_record_mean": 1000 * total_seconds / len(rows) if rows else None,
        "ms_per_100_words": 1e5 * total_seconds / total_words,
        "bands": bands,
        "per_100_words": {k: 100 * sum(r[k] for r in rows) / total_words for k in FOUND},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time the extract stage on its own.")
    parser.add_argument("--n", type=int, default=200, help="records to generate (ignored with --corpus)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--corpus", type=Path, help="measure this folder instead of a generated corpus")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a summary")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        paths = find_records(args.corpus) if args.corpus else generate_corpus(Path(tmp), args.n, args.seed)
        result = measure(paths)
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    print(f"{result['records']} records, {result['ms_per_record_mean'] or 0:.1f} ms/record, "
          f"{result['ms_per_100_words']:.1f} ms per 100 words, {len(result['failures'])} failed")
    for band, b in result["bands"].items():
        print(f"  {band:>16}: {b['records']:4d} records, median {b['ms_per_record_median']:.1f} ms, "
              f"{b['ms_per_100_words']:.1f} ms/100 words")
    print("  found per 100 words: " + ", ".join(f"{k} {v:.2f}" for k, v in result["per_100_words"].items()))
    for failure in result["failures"][:10]:
        print("  failed: " + failure[:200])
    return 0


if __name__ == "__main__":
    sys.exit(main())
