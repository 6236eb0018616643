"""The real HTTP server on loopback: worker processes, keep-alive, limits, a stopped runaway query."""
from __future__ import annotations

import http.client
import json
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

DATA = Path(__file__).parent / "data" / "serve"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def port() -> Iterator[int]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code = ("import sys; from pathlib import Path; from archivekg.serve import run_serve; "
            "run_serve(Path(sys.argv[1]), '127.0.0.1', int(sys.argv[2]), workers=2, query_processes=1, "
            "timeout=1.0)")
    proc = subprocess.Popen([sys.executable, "-c", code, str(DATA), str(port)], stderr=subprocess.DEVNULL)
    try:
        for _ in range(150):
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                c.request("GET", "/health")
                if c.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("the server did not start")
        yield port
    finally:
        proc.terminate()
        proc.wait(10)


def test_keep_alive_and_content_negotiation(port: int) -> None:
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    for accept, media in (("text/turtle", "text/turtle"), ("application/ld+json", "application/ld+json"),
                          ("text/html", "text/html")):
        c.request("GET", "/doc/place/yili", headers={"Accept": accept})
        r = c.getresponse()
        body = r.read()
        assert r.status == 200 and r.getheader("Content-Type").startswith(media) and body
    c.request("GET", "/id/place/yili")
    r = c.getresponse()
    r.read()
    assert r.status == 303 and r.getheader("Location") == "/doc/place/yili"
    c.request("HEAD", "/archivekg.nq")
    r = c.getresponse()
    assert r.read() == b"" and int(r.getheader("Content-Length")) == (DATA / "archivekg.nq").stat().st_size


def test_limits_over_the_wire(port: int) -> None:
    # A body declared too large is refused before it is read (sending all of it would race the
    # server's answer and its closing of the connection).
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    c.putrequest("POST", "/sparql")
    c.putheader("Content-Length", str(2 << 20))
    c.putheader("Content-Type", "application/sparql-query")
    c.endheaders()
    c.send(b"q" * 1024)
    r = c.getresponse()
    assert r.status == 413 and json.loads(r.read())["error"] == "too-large"
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    c.putrequest("POST", "/sparql")
    c.putheader("Transfer-Encoding", "chunked")
    c.putheader("Content-Type", "application/sparql-query")
    c.endheaders()
    c.send(b"5\r\nASK{}\r\n0\r\n\r\n")
    assert c.getresponse().status == 411
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    c.request("GET", "/doc/" + "x" * 20000)
    assert c.getresponse().status == 414


def test_a_runaway_query_does_not_stop_the_server(port: int) -> None:
    out: dict[str, int] = {}

    def slow() -> None:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
        c.request("GET", "/sparql?query=" + quote(RUNAWAY), headers={"Accept": "application/sparql-results+json"})
        out["status"] = c.getresponse().status

    t = threading.Thread(target=slow)
    t.start()
    time.sleep(0.2)
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    for _ in range(10):  # pages keep coming while the query runs
        c.request("GET", "/doc/place/tacheng-county")
        r = c.getresponse()
        r.read()
        assert r.status == 200
    t.join(20)
    assert out["status"] == 503
