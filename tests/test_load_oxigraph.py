"""Loading into a real Oxigraph server (the `oxigraph` package) on loopback, and querying it back."""
from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests

from archivekg.errors import StoreError
from archivekg.load import load_endpoint, query_endpoint_for
from archivekg.serve import run_load

DATA = Path(__file__).parent / "data" / "serve"
BASE = "https://archivekg.example.org/"
OXIGRAPH = Path(sys.executable).with_name("oxigraph")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not OXIGRAPH.exists():
        pytest.skip("the oxigraph server (PyPI package `oxigraph`) is not installed in this environment")
    port = free_port()
    proc = subprocess.Popen([str(OXIGRAPH), "serve", "--location", str(tmp_path_factory.mktemp("oxi")),
                             "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                requests.get(url + "/query", params={"query": "ASK {}"}, timeout=1)
                break
            except requests.ConnectionError:
                time.sleep(0.1)
        else:
            pytest.fail("the oxigraph server did not start")
        yield url
    finally:
        proc.terminate()
        proc.wait(10)


def counts_in(data: Path) -> Counter[str]:
    return Counter(q.graph_name.value for q in ox.parse(path=str(data / "archivekg.nq"), format=ox.RdfFormat.N_QUADS))


def remote(url: str, query: str) -> list[dict[str, dict[str, str]]]:
    r = requests.post(url + "/query", data={"query": query}, headers={"Accept": "application/sparql-results+json"},
                      timeout=10)
    r.raise_for_status()
    return r.json()["results"]["bindings"]


def remote_counts(url: str) -> dict[str, int]:
    rows = remote(url, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {r["g"]["value"]: int(r["n"]["value"]) for r in rows}


def test_query_url_is_found_next_to_the_store() -> None:
    assert query_endpoint_for("http://h:7878/store") == "http://h:7878/query"
    assert query_endpoint_for("http://h:3030/ds/data") == "http://h:3030/ds/sparql"
    assert query_endpoint_for("http://h:8890/sparql-graph-crud-auth") == "http://h:8890/sparql"


def test_load_puts_every_graph_and_verifies_counts(server: str) -> None:
    report = load_endpoint(DATA, server + "/store")
    expected = counts_in(DATA)
    assert report.ok and report.verified
    assert report.graphs == len(expected) == 5 and report.triples == sum(expected.values())
    assert remote_counts(server) == dict(expected)
    # Nothing landed in the default graph.
    assert remote(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"]["value"] == "0"
    rows = remote(server, f"SELECT ?l WHERE {{ GRAPH <{BASE}graph/record/990001> {{ <{BASE}id/place/tacheng-county> "
                          "<http://www.w3.org/2004/02/skos/core#altLabel> ?l } }")
    assert [r["l"]["value"] for r in rows] == ["Tacheng"]


def test_reloading_is_idempotent_and_replaces_a_changed_record(server: str, tmp_path: Path) -> None:
    assert run_load(DATA, server + "/store") == 0
    before = remote_counts(server)
    assert run_load(DATA, server + "/store") == 0
    assert remote_counts(server) == before
    # A new build in which record 990001 has a revised summary: its graph is replaced, the others kept.
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    for name in ("archivekg.nq", "records/990001.ttl"):
        path = data / name
        path.write_text(path.read_text().replace("Summary of record 990001.", "Revised summary."))
    report = load_endpoint(data, server + "/store")
    assert report.ok
    assert remote_counts(server) == before
    assert not remote(server, 'SELECT * WHERE { GRAPH ?g { ?s ?p "Summary of record 990001." } }')
    rows = remote(server, 'SELECT ?g WHERE { GRAPH ?g { ?s ?p "Revised summary." } }')
    assert [r["g"]["value"] for r in rows] == [BASE + "graph/record/990001"]


def test_a_count_mismatch_is_reported(server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    ttl = data / "records" / "118180.ttl"
    ttl.write_text(ttl.read_text().replace('dcterms:language "zh" ;', ""))  # the file now lacks one triple
    report = load_endpoint(data, server + "/store")
    assert [(g, e - f) for g, e, f in report.mismatches] == [(BASE + "graph/record/118180", 1)]
    assert run_load(data, server + "/store") == 1
    assert "expected" in capsys.readouterr().err


def test_errors_name_the_endpoint_and_graph(server: str) -> None:
    with pytest.raises(StoreError) as err:
        load_endpoint(DATA, server + "/no-such-service")
    assert "no-such-service" in str(err.value)
    with pytest.raises(StoreError):
        load_endpoint(DATA, f"http://127.0.0.1:{free_port()}/store", timeout=2)


def test_manifest_is_not_needed(server: str, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    (data / "manifest.json").unlink()
    assert load_endpoint(data, server + "/store").ok
    assert json.loads((DATA / "manifest.json").read_text())["graphs"] == dict(counts_in(DATA))
