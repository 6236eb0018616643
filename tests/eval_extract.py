#!/usr/bin/env python3
"""Score the extract stage directly against gold JSON files, as the scorer counts.

    .venv/bin/python tests/eval_extract.py [--sample] [--dev] [--dev2] [--records DIR --gold DIR] [--verbose]

Persons, places and groups: an entity counts when any of its name forms (label, variants, [sic]
forms, pseudonyms) normalises like a gold label, alt or mention; precision over every entity.
Dates: exact (begin, end) day pairs; quantities: numeric values (a gold range found by a limit).
"""
from __future__ import annotations

import argparse
import calendar
import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from archivekg.extract import build_gazetteer, extract  # noqa: E402
from archivekg.records import Document, Extraction  # noqa: E402

SAMPLE = (ROOT / "corpus" / "wilson-118180.txt", Path("/work/shared/eval/gold/wilson-118180.json"))
DEV_RECORDS = ROOT / "tests" / "data" / "records"
DEV_GOLD = ROOT / "tests" / "data" / "gold"
DEV2_RECORDS = ROOT / "tests" / "data" / "dev2" / "records"
DEV2_GOLD = ROOT / "tests" / "data" / "dev2" / "gold"
KINDS = {"persons": "person", "places": "place", "groups": "group"}


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"\[sic\]", " ", text)
    text = re.sub(r"[\W_]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def read(path: Path) -> Document:
    from archivekg.ingest import read_record
    return read_record(path)


def _day(value: str, end: bool) -> str:
    parts = [int(x) for x in str(value)[:10].split("-")]
    if len(parts) == 3:
        return "{:04d}-{:02d}-{:02d}".format(*parts)
    if len(parts) == 2:
        y, m = parts
        return f"{y:04d}-{m:02d}-{calendar.monthrange(y, m)[1] if end else 1:02d}"
    return f"{parts[0]:04d}-12-31" if end else f"{parts[0]:04d}-01-01"


def score(ex: Extraction, gold: dict) -> dict[str, tuple[int, int, int, int, list, list]]:
    """kind -> (found, gold, correct, predicted, missed, extra)."""
    out = {}
    for gk, kind in KINDS.items():
        gold_names = [{norm(x) for x in [g["label"], *g.get("alt", []), *g.get("mentions", [])]}
                      for g in gold.get(gk, [])]
        pred = [(e, {norm(n) for n in e.names() if norm(n)}) for e in ex.entities if e.kind == kind]
        found = sum(1 for g in gold_names if any(g & p for _, p in pred))
        ok = sum(1 for _, p in pred if any(g & p for g in gold_names))
        missed = [g["label"] for g, n in zip(gold.get(gk, []), gold_names, strict=True)
                  if not any(n & p for _, p in pred)]
        extra = [f"{e.label} <{e.method.rule}>" for e, p in pred if not any(g & p for g in gold_names)]
        out[gk] = (found, len(gold_names), ok, len(pred), missed, extra)
    spans = [(d.begin, d.end) for d in ex.dates]
    want = [(_day(g["begin"], False), _day(g.get("end") or g["begin"], True)) for g in gold.get("dates", [])
            if g.get("begin")]
    out["dates"] = (sum(1 for w in want if w in spans), len(want), sum(1 for s in spans if s in want), len(spans),
                    [f"{g['text']} {w}" for g, w in zip(gold.get("dates", []), want, strict=False) if w not in spans],
                    [f"{d.text} {(d.begin, d.end)}" for d in ex.dates if (d.begin, d.end) not in want])
    values = [float(v) for q in ex.quantities for v in (q.value, q.low, q.high) if v is not None]
    wantq = [[float(x) for x in g["value"]] if isinstance(g["value"], list) else [float(g["value"])]
             for g in gold.get("quantities", [])]
    out["quantities"] = (sum(1 for w in wantq if any(x in values for x in w)), len(wantq),
                         sum(1 for v in values if any(v in w for w in wantq)), len(values),
                         [g["text"] for g, w in zip(gold.get("quantities", []), wantq, strict=True)
                          if not any(x in values for x in w)],
                         [q.text for q in ex.quantities
                          if not any(float(v) in w for v in (q.value, q.low, q.high) if v is not None
                                     for w in wantq)])
    return out


def prf(found: int, gold: int, ok: int, pred: int) -> tuple[float, float, float]:
    r = found / gold if gold else 1.0
    p = ok / pred if pred else (1.0 if not gold else 0.0)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def folder_pairs(records: Path, gold: Path) -> list[tuple[Path, Path]]:
    """(record, gold) for every gold file of ``gold`` whose record is in ``records``."""
    out = []
    for g in sorted(gold.glob("*.json")):
        r = records / (g.stem + ".txt")
        if r.exists():
            out.append((r, g))
    return out


def pairs(sample: bool, dev: bool, dev2: bool = False) -> list[tuple[Path, Path]]:
    out = []
    if sample:
        out.append(SAMPLE)
    if dev:
        out += folder_pairs(DEV_RECORDS, DEV_GOLD)
    if dev2:
        out += folder_pairs(DEV2_RECORDS, DEV2_GOLD)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sample", action="store_true")
    ap.add_argument("--dev", action="store_true")
    ap.add_argument("--dev2", action="store_true", help="the second development set (tests/data/dev2)")
    ap.add_argument("--records", type=Path, help="a folder of records (with --gold)")
    ap.add_argument("--gold", type=Path, help="the folder of their gold files (with --records)")
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("--gazetteer", action="store_true", help="learn a gazetteer from all records first")
    ap.add_argument("--only", help="a record file stem")
    args = ap.parse_args()
    if bool(args.records) != bool(args.gold):
        ap.error("--records and --gold go together")
    if not (args.sample or args.dev or args.dev2 or args.records):
        args.sample = args.dev = True
    todo = pairs(args.sample, args.dev, args.dev2)
    if args.records:
        todo += folder_pairs(args.records, args.gold)
    if args.only:
        todo = [p for p in todo if p[0].stem == args.only]
    docs = [(read(r), json.loads(g.read_text(encoding="utf-8"))) for r, g in todo]
    gaz = build_gazetteer(d for d, _ in docs) if args.gazetteer else None
    totals: dict[str, list[int]] = {}
    for doc, gold in docs:
        ex = extract(doc, gaz)
        res = score(ex, gold)
        line = []
        for k, (f, g, o, p, missed, extra) in res.items():
            t = totals.setdefault(k, [0, 0, 0, 0])
            for i, v in enumerate((f, g, o, p)):
                t[i] += v
            _, _, f1 = prf(f, g, o, p)
            line.append(f"{k[:5]} {f1:.2f}")
            if args.verbose and (missed or extra):
                print(f"  {doc.record_id} {k}: missed {missed}\n      extra {extra}")
        print(f"{doc.record_id}: " + "  ".join(line))
    print("TOTAL")
    for k, t in totals.items():
        p, r, f = prf(*t)
        print(f"  {k:10} P {p:.3f} R {r:.3f} F1 {f:.3f}   (gold {t[1]}, predicted {t[3]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
