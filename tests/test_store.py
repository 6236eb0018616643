"""The embedded store: the query guard (by tokens, not by substring), limits, loading from disk."""
from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from archivekg.errors import StoreError
from archivekg.store import (
    QueryRefused,
    QuerySyntaxError,
    QueryTimeout,
    check_query,
    data_fingerprint,
    open_store,
    query,
    tokens,
)

DATA = Path(__file__).parent / "data" / "serve"
BASE = "https://archivekg.example.org/"


@pytest.fixture(scope="module")
def store() -> ox.Store:
    return open_store(DATA)


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "select * where { service silent <http://example.org/> { ?s ?p ?o } }",
    "PREFIX ex: <http://e/>\nSELECT * WHERE { ?s ?p ?o . SERVICE ?endpoint { ?s ?p ?o } }",
    "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "LOAD <http://example.org/data.ttl>",
    "CLEAR ALL",
    "DROP GRAPH <http://e/g>",
    "WITH <http://e/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "PREFIX : <http://e/> CREATE GRAPH :g",
])
def test_updates_load_and_service_are_refused(store: ox.Store, text: str) -> None:
    with pytest.raises(QueryRefused):
        query(store, text)


@pytest.mark.parametrize("text", [
    'SELECT ?s WHERE { ?s ?p "SERVICE <http://e/> { }" }',
    "SELECT ?s WHERE { ?s ?p '''LOAD <x> and INSERT''' }",
    "# SERVICE <http://e/> in a comment\nASK { ?s ?p ?o }",
    "PREFIX ex: <http://e/>\nSELECT ?service WHERE { ?service ex:SERVICE ?load }",
    "SELECT * WHERE { <http://e/SERVICE/insert> ?p ?o }",
])
def test_the_words_inside_strings_names_and_iris_are_harmless(store: ox.Store, text: str) -> None:
    assert query(store, text).form in ("SELECT", "ASK")


@pytest.mark.parametrize("text", ["", "   ", "SELEC * WHERE { ?s ?p ?o }", "SELECT * WHERE { ?s ?p ?o",
                                  'SELECT * WHERE { ?s ?p "unclosed }', "PREFIX ex <http://e/> SELECT * {}"])
def test_malformed_queries_are_syntax_errors(store: ox.Store, text: str) -> None:
    with pytest.raises(QuerySyntaxError):
        query(store, text)


def test_the_query_form_is_found_after_the_prologue() -> None:
    assert check_query("BASE <http://e/>\nPREFIX a: <http://a/>\nPREFIX : <http://b/>\nconstruct { } where { }") == \
        "CONSTRUCT"
    assert check_query("describe <http://e/x>") == "DESCRIBE"
    kinds = [t.kind for t in tokens('SELECT ?x WHERE { ?x a:b "s"@en , 1.5e3 }')]
    assert kinds == ["word", "var", "word", "punct", "var", "pname", "string", "langtag", "punct", "number",
                     "punct"]


def test_default_graph_is_the_union_and_can_be_narrowed(store: ox.Store) -> None:
    text = f"SELECT ?l WHERE {{ <{BASE}id/place/tacheng-county> <http://www.w3.org/2004/02/skos/core#altLabel> ?l }}"
    union = {r[0].value for r in query(store, text).rows}
    assert union == {"Tacheng", "Tacheng [Qoqek]"}
    only = {r[0].value for r in query(store, text, default_graphs=[BASE + "graph/record/990001"]).rows}
    assert only == {"Tacheng"}


def test_results_stop_at_the_limit(store: ox.Store) -> None:
    result = query(store, "SELECT * WHERE { ?s ?p ?o }", limit=7)
    assert len(result.rows) == 7 and result.truncated
    graph = query(store, "CONSTRUCT WHERE { ?s ?p ?o }", limit=5)
    assert len(graph.triples) == 5 and graph.truncated
    small = query(store, "SELECT * WHERE { ?s a <http://www.cidoc-crm.org/cidoc-crm/E21_Person> }", limit=100)
    assert not small.truncated and small.rows


def test_a_streaming_query_stops_at_the_time_limit(store: ox.Store) -> None:
    with pytest.raises(QueryTimeout):
        query(store, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", timeout=0.2, limit=10**9)


def test_ask_and_construct(store: ox.Store) -> None:
    assert query(store, f"ASK {{ <{BASE}id/person/charles-kraus> ?p ?o }}").boolean is True
    assert query(store, f"ASK {{ <{BASE}id/person/nobody> ?p ?o }}").boolean is False
    triples = query(store, f"DESCRIBE <{BASE}id/person/charles-kraus>").triples
    assert any(t.predicate.value.endswith("#label") for t in triples)


def test_on_disk_store_is_reused_while_the_data_are_unchanged(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    first = open_store(data, tmp_path / "store")
    n = len(first)
    del first
    marker = tmp_path / "store" / "archivekg-source.txt"
    assert marker.read_text() == data_fingerprint(data)
    mtime = marker.stat().st_mtime_ns
    again = open_store(data, tmp_path / "store")
    assert len(again) == n and marker.stat().st_mtime_ns == mtime
    del again
    # A new build (different manifest hash) rebuilds the store.
    manifest = (data / "manifest.json").read_text().replace(data_fingerprint(data), "0" * 64)
    (data / "manifest.json").write_text(manifest)
    rebuilt = open_store(data, tmp_path / "store")
    assert len(rebuilt) == n and marker.read_text() == "0" * 64


def test_missing_data_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="archivekg build"):
        open_store(tmp_path)
