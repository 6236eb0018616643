"""Loading into Virtuoso (Debian's virtuoso-opensource) on loopback with digest authentication.

Differences from Oxigraph that the loader handles: the Graph Store endpoint is
``/sparql-graph-crud-auth`` (digest authentication, a user with SPARQL_UPDATE), the query
endpoint is ``/sparql``, and a query without ``GRAPH`` reads every graph.
"""
from __future__ import annotations

import re
import shutil
import socket
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests

from archivekg.errors import StoreError
from archivekg.load import load_endpoint

VIRTUOSO = Path("/usr/bin/virtuoso-t")
INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
DATA = Path(__file__).parent / "data" / "serve"
BASE = "https://archivekg.example.org/"

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not (VIRTUOSO.exists() and INI.exists()),
                                 reason="Debian's virtuoso-opensource is not installed")]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("virtuoso")
    sql_port, http_port = free_port(), free_port()
    ini = INI.read_text()
    ini = ini.replace("/var/lib/virtuoso-opensource-7/db", str(db))
    ini = re.sub(r"(?m)^ServerPort(\s*)=\s*1111", f"ServerPort\\1= 127.0.0.1:{sql_port}", ini)
    ini = re.sub(r"(?m)^ServerPort(\s*)=\s*8890", f"ServerPort\\1= 127.0.0.1:{http_port}", ini)
    (db / "virtuoso.ini").write_text(ini)
    proc = subprocess.Popen([str(VIRTUOSO), "+foreground", "+configfile", str(db / "virtuoso.ini")], cwd=db,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{http_port}"
    try:
        for _ in range(300):
            if proc.poll() is not None:
                pytest.skip("virtuoso-t exited at start: " + (db / "virtuoso.log").read_text()[-500:])
            try:
                if requests.get(url + "/sparql", params={"query": "ASK {}"}, timeout=2).ok:
                    break
            except requests.ConnectionError:
                time.sleep(0.2)
        else:
            pytest.fail("Virtuoso did not answer on /sparql")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(db, ignore_errors=True)


def counts_in(data: Path) -> Counter[str]:
    return Counter(q.graph_name.value for q in ox.parse(path=str(data / "archivekg.nq"), format=ox.RdfFormat.N_QUADS))


def remote_count(url: str, graph: str) -> int:
    r = requests.get(url + "/sparql", params={"query": f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> "
                                              "{ ?s ?p ?o } }"}, headers={"Accept": "application/sparql-results+json"},
                     timeout=10)
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def test_load_with_digest_auth_and_verify(virtuoso: str) -> None:
    endpoint = virtuoso + "/sparql-graph-crud-auth"
    report = load_endpoint(DATA, endpoint, user="dba", password="dba", auth="digest")
    assert report.ok and report.verified, report.mismatches
    for graph, n in counts_in(DATA).items():
        assert remote_count(virtuoso, graph) == n
    # Reloading replaces each graph: the counts stay.
    assert load_endpoint(DATA, endpoint, user="dba", password="dba", auth="digest").ok
    assert remote_count(virtuoso, BASE + "graph/record/118180") == counts_in(DATA)[BASE + "graph/record/118180"]


def test_wrong_credentials_are_an_error(virtuoso: str) -> None:
    with pytest.raises(StoreError, match="401"):
        load_endpoint(DATA, virtuoso + "/sparql-graph-crud-auth", user="dba", password="wrong", auth="digest",
                      verify=False)


def test_virtuoso_reads_every_graph_without_graph_clause(virtuoso: str) -> None:
    load_endpoint(DATA, virtuoso + "/sparql-graph-crud-auth", user="dba", password="dba", auth="digest")
    q = f"SELECT (COUNT(*) AS ?n) WHERE {{ <{BASE}id/place/tacheng-county> ?p ?o }}"
    r = requests.get(virtuoso + "/sparql", params={"query": q}, headers={"Accept": "application/sparql-results+json"},
                     timeout=10)
    # Unlike Oxigraph (separate default graph, 0 here), the triples of all graphs are seen.
    assert int(r.json()["results"]["bindings"][0]["n"]["value"]) > 0
