"""Benchmark of `archivekg serve`: latency percentiles and throughput under concurrent load.

    .venv/bin/python bench/bench_serve.py --records 1000 10000

For each size it writes a published-output folder of that many records (bench/out-serve-<N>/: the
serve fixture's record 118180, ~340 quads, repeated with new ids, dates and entities drawn from a
shared pool, so entities are named in several records), starts the real server (2 worker
processes, 2 query processes each, all sharing one in-memory store) on loopback, and measures,
with keep-alive connections:
  - entity page (HTML) latency, one client, distinct entities;
  - a simple SPARQL lookup (all properties of one entity) latency, one client;
  - throughput and latency with 16 concurrent clients (2 client processes x 8 threads) over a mix
    of entity pages, record pages and lookups, for a bounded number of requests.
The clients run on the same 2 cores as the server, so throughput figures are a lower bound.
Because the machine may be shared, the CPU time the server's processes used per request is
reported too, and the rate two dedicated cores would sustain at that cost.
Everything is measured with the server's answer cache off (each page rendered), and the mix
once more with the cache on (its default) after a first pass.
"""
from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import multiprocessing as mp
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "data" / "serve"
BASE = "https://archivekg.example.org/"
TEMPLATE_ID = "118180"
ENTITIES = {"soviet-consulate-in-yili": "group", "xinjiang-foreign-affairs-office": "group",
            "tacheng-county": "place", "soviet-union": "place", "charles-kraus": "person", "yili": "place"}


def _pick(rid: int, slot: str, pool: int) -> int:
    return int(hashlib.sha256(f"{rid}|{slot}".encode()).hexdigest()[:8], 16) % pool


def make_dataset(n: int, out: Path) -> None:
    """A published folder of ``n`` records, deterministic; skipped when already there."""
    if (out / "archivekg.nq").is_file() and (out / ".complete").read_text() == str(n):
        return
    out.mkdir(parents=True, exist_ok=True)
    (out / "records").mkdir(exist_ok=True)
    lines = (FIXTURE / "archivekg.nq").read_text().splitlines(keepends=True)
    template = [ln for ln in lines if f"graph/record/{TEMPLATE_ID}>" in ln]
    pool = max(50, n // 5)
    names = sorted(ENTITIES, key=len, reverse=True)  # longer slugs first: "yili" is inside another
    with (out / "archivekg.nq").open("w") as nq:
        for r in range(n):
            rid = str(100000 + r)
            year = str(1950 + r % 20)
            swaps = {name: f"{ENTITIES[name]}-{_pick(r, name, pool)}" for name in names}
            pattern = re.compile("/(" + "|".join(map(re.escape, names)) + ")(?=[/>])")
            ttl = []
            for ln in template:
                ln = ln.replace(TEMPLATE_ID, rid).replace("1962", year)
                ln = pattern.sub(lambda m, swaps=swaps: "/" + swaps[m.group(1)], ln)
                nq.write(ln)
                ttl.append(ln.rsplit(" <", 1)[0] + " .\n")
            (out / "records" / f"{rid}.ttl").write_text("".join(ttl))
        for kind in ("place", "group", "person"):
            for k in range(pool):
                iri = f"<{BASE}id/{kind}/{kind}-{k}>"
                g = f"<{BASE}graph/entities>"
                nq.write(f'{iri} <http://www.w3.org/2000/01/rdf-schema#label> "{kind.title()} {k}" {g} .\n')
                if kind == "place":
                    lon, lat = 60 + (k * 7) % 60, 30 + (k * 3) % 25
                    nq.write(f'{iri} <http://www.opengis.net/ont/geosparql#asWKT> "Point({lon} {lat})"'
                             f'^^<http://www.opengis.net/ont/geosparql#wktLiteral> <{BASE}graph/links> .\n')
        for ln in lines:
            if "graph/dataset>" in ln:
                nq.write(ln)
    for name in ("context.jsonld", "void.ttl", "vocab.ttl"):
        (out / name).write_bytes((FIXTURE / name).read_bytes())
    (out / ".complete").write_text(str(n))


def start_server(data: Path, port: int, cache_mb: int) -> tuple[subprocess.Popen[bytes], float]:
    code = ("import sys; from pathlib import Path; from archivekg.serve import run_serve; "
            "run_serve(Path(sys.argv[1]), '127.0.0.1', int(sys.argv[2]), workers=2, query_processes=2, "
            "cache_mb=int(sys.argv[3]))")
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-c", code, str(data), str(port), str(cache_mb)],
                            stderr=subprocess.DEVNULL)
    while time.monotonic() - started < 900:
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", "/health")
            if c.getresponse().status == 200:
                # Both worker processes must be ready (each warms its indexes).
                time.sleep(1.0)
                return proc, time.monotonic() - started
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise SystemExit("the server did not start")


def fetch(conn: http.client.HTTPConnection, path: str, accept: str = "text/html") -> tuple[int, float]:
    t = time.perf_counter()
    conn.request("GET", path, headers={"Accept": accept})
    r = conn.getresponse()
    r.read()
    return r.status, time.perf_counter() - t


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(p / 100 * len(values)))] * 1000


def lookup_path(entity: str) -> str:
    q = f"SELECT ?p ?o WHERE {{ <{BASE}id/{entity}> ?p ?o }}"
    return "/sparql?query=" + quote(q, safe="")


def sequential(port: int, paths: list[tuple[str, str]]) -> list[float]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    times = []
    for path, accept in paths:
        status, dt = fetch(conn, path, accept)
        if status != 200:
            raise SystemExit(f"{path} answered {status}")
        times.append(dt)
    return times


def _client(port: int, paths: list[tuple[str, str]], threads: int, out: mp.Queue) -> None:  # type: ignore[type-arg]
    lat: list[float] = []
    errors = [0]
    lock = threading.Lock()

    def run(chunk: list[tuple[str, str]]) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        for path, accept in chunk:
            status, dt = fetch(conn, path, accept)
            mine.append(dt)
            if status != 200:
                with lock:
                    errors[0] += 1
        with lock:
            lat.extend(mine)

    ts = [threading.Thread(target=run, args=(paths[i::threads],)) for i in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    out.put((lat, errors[0]))


def tree_cpu(root: int) -> float:
    """CPU seconds (user + system) used so far by a process and all its descendants (Linux /proc)."""
    parent: dict[int, int] = {}
    cpu: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parent[int(entry)] = int(fields[1])
        cpu[int(entry)] = (int(fields[11]) + int(fields[12])) / tick
    total, stack = 0.0, [root]
    while stack:
        pid = stack.pop()
        total += cpu.get(pid, 0.0)
        stack.extend(c for c, p in parent.items() if p == pid)
    return total


def concurrent(port: int, paths: list[tuple[str, str]], procs: int = 2, threads: int = 8,
               server_pid: int | None = None) -> dict[str, float]:
    q: mp.Queue = mp.Queue()  # type: ignore[type-arg]
    workers = [mp.Process(target=_client, args=(port, paths[i::procs], threads, q)) for i in range(procs)]
    cpu_before = tree_cpu(server_pid) if server_pid else 0.0
    started = time.perf_counter()
    for w in workers:
        w.start()
    results = [q.get() for _ in workers]
    elapsed = time.perf_counter() - started
    cpu = tree_cpu(server_pid) - cpu_before if server_pid else 0.0
    for w in workers:
        w.join()
    lat = [x for r in results for x in r[0]]
    out = {"requests": len(lat), "errors": sum(r[1] for r in results), "seconds": elapsed,
           "rps": len(lat) / elapsed, "p50": pct(lat, 50), "p90": pct(lat, 90), "p99": pct(lat, 99)}
    if server_pid and lat:
        # What the server itself spent: with 2 cores to itself it could answer 2 / that per second.
        out["server_cpu_ms_per_request"] = cpu / len(lat) * 1000
        out["capacity_rps_on_2_cores"] = 2 / (cpu / len(lat)) if cpu else 0.0
    return out


def run(n: int, requests: int) -> dict[str, object]:
    data = ROOT / "bench" / f"out-serve-{n}"
    t = time.monotonic()
    make_dataset(n, data)
    gen = time.monotonic() - t
    port = 18000 + n % 1000
    pool = max(50, n // 5)
    entities = [f"{k}/{k}-{i}" for i in range(pool) for k in ("place", "group", "person")]
    sample = entities[:: max(1, len(entities) // 300)][:300]
    records = [f"/doc/document/{100000 + (i * 7919) % n}" for i in range(n)]

    def mix(count: int) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        for i in range(count):
            e = entities[(i * 7) % len(entities)]
            out.append([("/doc/" + e, "text/html"), (lookup_path(e), "application/sparql-results+json"),
                        (records[i % len(records)], "text/html"), ("/doc/" + e + ".ttl", "text/turtle")][i % 4])
        return out

    # Uncached: every answer is rendered (cache off), single client then 16 clients.
    proc, startup = start_server(data, port, cache_mb=0)
    try:
        sequential(port, [("/doc/" + e, "text/html") for e in sample[:20]])  # first touches
        page = sequential(port, [("/doc/" + e, "text/html") for e in sample])
        look = sequential(port, [(lookup_path(e), "application/sparql-results+json") for e in sample])
        load = concurrent(port, mix(requests), server_pid=proc.pid)
        pages_only = concurrent(port, [("/doc/" + entities[(i * 7) % len(entities)], "text/html")
                                       for i in range(requests)], server_pid=proc.pid)
    finally:
        proc.terminate()
        proc.wait(30)
    # Cached (the default): the same mix again after one pass has rendered it.
    proc, _ = start_server(data, port, cache_mb=64)
    try:
        concurrent(port, mix(requests))
        cached = concurrent(port, mix(requests), server_pid=proc.pid)
    finally:
        proc.terminate()
        proc.wait(30)
    return {"records": n, "quads": sum(1 for _ in (data / "archivekg.nq").open()), "generate_s": round(gen, 1),
            "startup_s": round(startup, 1),
            "entity_page_ms": {"p50": pct(page, 50), "p90": pct(page, 90), "p99": pct(page, 99)},
            "sparql_lookup_ms": {"p50": pct(look, 50), "p90": pct(look, 90), "p99": pct(look, 99)},
            "mixed_16_clients": load, "entity_pages_16_clients": pages_only, "mixed_16_clients_cached": cached}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--records", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--requests", type=int, default=4000, help="requests per concurrent run (bounded)")
    args = ap.parse_args()
    print(f"cores: {os.cpu_count()}  python: {sys.version.split()[0]}")
    for n in args.records:
        r = run(n, args.requests)
        print(json.dumps(r, indent=1, default=lambda x: round(x, 2)))
        ep, sl = r["entity_page_ms"], r["sparql_lookup_ms"]
        mixed, pages, cached = r["mixed_16_clients"], r["entity_pages_16_clients"], r["mixed_16_clients_cached"]
        print(f"| {n:>6} | entity page p50 {ep['p50']:.1f} ms p99 {ep['p99']:.1f} | "  # type: ignore[index]
              f"lookup p50 {sl['p50']:.1f} ms p99 {sl['p99']:.1f} | "  # type: ignore[index]
              f"mixed {mixed['rps']:.0f} req/s (p50 {mixed['p50']:.1f} ms) | "  # type: ignore[index]
              f"pages {pages['rps']:.0f} req/s (p50 {pages['p50']:.1f} ms) | "  # type: ignore[index]
              f"mixed cached {cached['rps']:.0f} req/s | server CPU/request: mixed "  # type: ignore[index]
              f"{mixed['server_cpu_ms_per_request']:.2f} ms, pages {pages['server_cpu_ms_per_request']:.2f} ms, "
              f"cached {cached['server_cpu_ms_per_request']:.2f} ms |", flush=True)  # type: ignore[index]


if __name__ == "__main__":
    main()
