"""Load test of the real server on loopback: 200 concurrent clients for a bounded time.

``archivekg serve`` runs as a subprocess over a small built output (tests/data/serve) on
127.0.0.1 and a free port. 200 client threads, each on its own keep-alive connection, send a mix
of page, data, redirect, SPARQL, not-found and HEAD requests until the time is up (30 s; the
variable ARCHIVEKG_LOAD_SECONDS shortens it for a quick run). The test prints the request count,
throughput, status counts, connection errors and latency percentiles, and requires no server
error (a 5xx other than the deliberate 503 of an overloaded query service), no broken
connection, and a server that still answers afterwards.
"""
from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

pytestmark = pytest.mark.slow

DATA = Path(__file__).parent / "data" / "serve"
EXE = str(Path(sys.executable).with_name("archivekg"))
CLIENTS = 200
SECONDS = float(os.environ.get("ARCHIVEKG_LOAD_SECONDS", "30"))
MAX_REQUESTS_PER_CLIENT = 100_000  # a second bound besides the time
QUERY = "SELECT ?s WHERE { ?s a ?c } LIMIT 5"
REQUESTS: list[tuple[str, str, dict[str, str]]] = [
    ("GET", "/health", {}),
    ("GET", "/doc/place/yili", {"Accept": "text/html"}),
    ("GET", "/doc/place/yili", {"Accept": "text/turtle"}),
    ("GET", "/doc/place/tacheng-county", {"Accept": "application/ld+json"}),
    ("GET", "/id/place/yili", {}),
    ("GET", "/sparql?query=" + quote(QUERY), {"Accept": "application/sparql-results+json"}),
    ("GET", "/doc/place/no-such-place", {"Accept": "text/html"}),
    ("HEAD", "/archivekg.nq", {}),
]
EXPECTED = {200, 303, 404, 503}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def health(port: int) -> int:
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        c.request("GET", "/health")
        r = c.getresponse()
        r.read()
        return r.status
    finally:
        c.close()


@pytest.fixture(scope="module")
def server() -> Iterator[int]:
    port = free_port()
    proc = subprocess.Popen([EXE, "serve", "--data", str(DATA), "--host", "127.0.0.1", "--port", str(port),
                             "--workers", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(300):
            try:
                if health(port) == 200:
                    break
            except OSError:
                time.sleep(0.1)
            if proc.poll() is not None:
                pytest.fail(f"the server stopped: {proc.stderr.read().decode() if proc.stderr else ''}")
        else:
            pytest.fail("the server did not start")
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


class Tally:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.statuses: Counter[int] = Counter()
        self.errors: Counter[str] = Counter()
        self.latencies: list[float] = []
        self.unexpected: list[str] = []


def client(port: int, n: int, deadline: float, tally: Tally) -> None:
    statuses: Counter[int] = Counter()
    errors: Counter[str] = Counter()
    latencies: list[float] = []
    unexpected: list[str] = []
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for k in range(MAX_REQUESTS_PER_CLIENT):
        if time.monotonic() >= deadline:
            break
        method, path, headers = REQUESTS[(n + k) % len(REQUESTS)]
        started = time.perf_counter()
        try:
            conn.request(method, path, headers=headers)
            r = conn.getresponse()
            r.read()
        except (OSError, http.client.HTTPException) as exc:
            errors[type(exc).__name__] += 1
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            continue
        latencies.append(time.perf_counter() - started)
        statuses[r.status] += 1
        if r.status not in EXPECTED and len(unexpected) < 5:
            unexpected.append(f"{r.status} {method} {path}")
        if r.getheader("Connection", "").lower() == "close":
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.close()
    with tally.lock:
        tally.statuses.update(statuses)
        tally.errors.update(errors)
        tally.latencies.extend(latencies)
        tally.unexpected.extend(unexpected)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def test_two_hundred_clients(server: int, capsys: pytest.CaptureFixture[str]) -> None:
    tally = Tally()
    started = time.monotonic()
    deadline = started + SECONDS
    threads = [threading.Thread(target=client, args=(server, n, deadline, tally), daemon=True)
               for n in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(SECONDS + 60)
    elapsed = time.monotonic() - started
    assert not [t for t in threads if t.is_alive()], "a client hung"

    total = sum(tally.statuses.values())
    ms = [x * 1000 for x in tally.latencies]
    report = (f"load: {CLIENTS} clients, {elapsed:.1f} s, {total} responses ({total / elapsed:.0f}/s); "
              f"statuses {dict(sorted(tally.statuses.items()))}; connection errors {dict(tally.errors)}; "
              f"latency ms p50 {percentile(ms, 0.5):.1f}, p95 {percentile(ms, 0.95):.1f}, "
              f"p99 {percentile(ms, 0.99):.1f}, max {max(ms):.1f}")
    with capsys.disabled():
        print("\n" + report)

    server_errors = {s: c for s, c in tally.statuses.items() if s >= 500 and s != 503}
    assert server_errors == {}, report
    assert tally.unexpected == [], report
    assert sum(tally.errors.values()) == 0, report
    assert total >= CLIENTS, report  # every client got answers
    assert health(server) == 200  # and the server still answers afterwards
