"""The SPARQL 1.1 Protocol at /sparql, in-process, with queries in stoppable worker processes."""
from __future__ import annotations

import csv
import io
import json
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlencode

import pyoxigraph as ox
import pytest
from pyld import jsonld

from archivekg.serve import make_app
from archivekg.serve.app import App
from archivekg.serve.testing import Response, call

DATA = Path(__file__).parent / "data" / "serve"
BASE = "https://archivekg.example.org/"
PLACES = ("SELECT ?place ?label WHERE { ?place a <http://www.cidoc-crm.org/cidoc-crm/E53_Place> ; "
          "<http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?label")
LOOKUP = f"SELECT ?p ?o WHERE {{ <{BASE}id/person/charles-kraus> ?p ?o }}"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    a = make_app(DATA, store_dir=tmp_path_factory.mktemp("store") / "s", processes=2, timeout=1.5, limit=50)
    yield a
    a.close()


def sparql_get(app: App, query: str, accept: str = "*/*", **params: str) -> Response:
    qs = urlencode({"query": query, **params})
    return call(app, "/sparql?" + qs, headers={"Accept": accept})


def labels_from_json(resp: Response) -> set[str]:
    doc = json.loads(resp.body)
    return {b["label"]["value"] for b in doc["results"]["bindings"]}


def test_get_post_form_and_post_body_agree(app: App) -> None:
    by_get = sparql_get(app, PLACES)
    assert by_get.status == 200 and by_get.content_type == "application/sparql-results+json"
    by_form = call(app, "/sparql", method="POST", headers={**FORM, "Accept": "application/sparql-results+json"},
                   body=urlencode({"query": PLACES}).encode())
    by_body = call(app, "/sparql", method="POST", body=PLACES.encode(),
                   headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
    assert labels_from_json(by_get) == labels_from_json(by_form) == labels_from_json(by_body)
    assert {"Tacheng County", "Soviet Union", "Yili"} <= labels_from_json(by_get)


def test_select_results_in_json_xml_csv_tsv(app: App) -> None:
    expected = labels_from_json(sparql_get(app, PLACES))
    xml = sparql_get(app, PLACES, "application/sparql-results+xml")
    assert xml.content_type == "application/sparql-results+xml"
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    root = ET.fromstring(xml.body)
    assert {b.find("r:literal", ns).text for b in root.iterfind(".//r:binding[@name='label']", ns)} == expected
    rows = list(csv.DictReader(io.StringIO(sparql_get(app, PLACES, "text/csv").text)))
    assert {r["label"] for r in rows} == expected
    tsv = sparql_get(app, PLACES, "text/tab-separated-values")
    head, *lines = tsv.text.strip().split("\n")
    assert head == "?place\t?label"
    assert {line.split("\t")[1].strip('"') for line in lines} == expected
    parsed = ox.parse_query_results(tsv.body, format=ox.QueryResultsFormat.TSV)
    assert {str(s["label"].value) for s in parsed} == expected


def test_format_parameter_overrides_accept(app: App) -> None:
    r = sparql_get(app, PLACES, "application/sparql-results+json", format="csv")
    assert r.content_type == "text/csv"
    assert sparql_get(app, PLACES, format="bogus").status == 400


def test_ask(app: App) -> None:
    r = sparql_get(app, f"ASK {{ <{BASE}id/place/yili> ?p ?o }}")
    assert json.loads(r.body) == {"head": {}, "boolean": True}
    xml = sparql_get(app, f"ASK {{ <{BASE}id/place/atlantis> ?p ?o }}", "application/sparql-results+xml")
    assert b"<boolean>false</boolean>" in xml.body


def test_construct_and_describe_as_turtle_and_jsonld(app: App) -> None:
    q = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{BASE}graph/entities> {{ ?s ?p ?o }} }}"
    ttl = sparql_get(app, q)
    assert ttl.content_type == "text/turtle"
    from_ttl = {t.triple for t in ox.parse(ttl.body, format=ox.RdfFormat.TURTLE)}
    assert len(from_ttl) == 14
    jl = sparql_get(app, q, "application/ld+json")
    assert jl.content_type == "application/ld+json"
    nq = jsonld.to_rdf(json.loads(jl.body), {"format": "application/n-quads"})
    assert {t.triple for t in ox.parse(nq.encode(), format=ox.RdfFormat.N_QUADS)} == from_ttl
    d = sparql_get(app, f"DESCRIBE <{BASE}id/place/yili>", "application/n-triples")
    assert d.status == 200 and f"<{BASE}id/place/yili>".encode() in d.body
    assert sparql_get(app, q, "application/sparql-results+json").status == 406


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }",
    "PREFIX x: <http://e/> SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE SILENT <http://e/> { ?s x:p ?z } } }",
    "LOAD <http://127.0.0.1:1/data.ttl>",
    "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }",
    "DELETE WHERE { ?s ?p ?o }",
])
def test_service_updates_and_load_are_refused(app: App, query: str) -> None:
    for resp in (sparql_get(app, query),
                 call(app, "/sparql", method="POST", headers=FORM, body=urlencode({"query": query}).encode()),
                 call(app, "/sparql", method="POST", headers=FORM, body=urlencode({"update": query}).encode()),
                 call(app, "/sparql", method="POST", body=query.encode(),
                      headers={"Content-Type": "application/sparql-update"})):
        assert resp.status == 403, resp.body
        assert json.loads(resp.body)["error"] == "refused"
    # Nothing changed: the data still has its triples.
    assert json.loads(sparql_get(app, f"ASK {{ <{BASE}id/place/yili> ?p ?o }}").body)["boolean"] is True


@pytest.mark.parametrize("query", ["SELECT * WHERE { ?s ?p ", "SELEKT ?x {}", "SELECT * WHERE { ?s ?p 'open }",
                                   "ASK { FILTER(?x = ) }", "\x00"])
def test_malformed_queries_get_400_with_a_json_error(app: App, query: str) -> None:
    r = sparql_get(app, query)
    assert r.status == 400
    body = json.loads(r.body)
    assert body["error"] == "syntax" and body["message"] and "Traceback" not in body["message"]


def test_protocol_errors(app: App) -> None:
    assert call(app, "/sparql?query=ASK%7B%7D&query=ASK%7B%7D").status == 400
    assert call(app, "/sparql", headers={"Accept": "application/sparql-results+json"}).status == 400
    r = call(app, "/sparql", method="POST", body=b"ASK {}", headers={"Content-Type": "text/plain"})
    assert r.status == 415
    assert call(app, "/sparql", method="DELETE").status == 405


def test_results_are_capped(app: App) -> None:
    r = sparql_get(app, "SELECT * WHERE { ?s ?p ?o }")
    assert len(json.loads(r.body)["results"]["bindings"]) == 50
    assert r.headers["x-result-truncated"] == "true"
    assert "x-result-truncated" not in sparql_get(app, LOOKUP).headers


def test_dataset_parameters_narrow_the_default_graph(app: App) -> None:
    q = f"SELECT ?l WHERE {{ <{BASE}id/place/tacheng-county> <http://www.w3.org/2004/02/skos/core#altLabel> ?l }}"
    only = sparql_get(app, q, **{"default-graph-uri": BASE + "graph/record/990001"})
    assert {b["l"]["value"] for b in json.loads(only.body)["results"]["bindings"]} == {"Tacheng"}


def test_a_runaway_query_is_stopped_and_others_are_still_answered(app: App) -> None:
    out: dict[str, Response] = {}
    slow = threading.Thread(target=lambda: out.setdefault("slow", sparql_get(app, RUNAWAY)))
    started = time.monotonic()
    slow.start()
    time.sleep(0.2)
    quick = [sparql_get(app, LOOKUP) for _ in range(5)]  # the other worker keeps answering
    quick_done = time.monotonic() - started
    slow.join(20)
    assert all(r.status == 200 for r in quick)
    assert quick_done < 1.5, "short queries waited for the runaway one"
    assert out["slow"].status == 503 and json.loads(out["slow"].body)["error"] == "timeout"
    assert time.monotonic() - started < 5
    time.sleep(1.0)  # the replacement worker starts
    assert all(sparql_get(app, LOOKUP).status == 200 for _ in range(4))


def test_query_page_for_browsers(app: App) -> None:
    page = call(app, "/sparql", headers={"Accept": "text/html"})
    assert page.status == 200 and '<textarea id="query" name="query"' in page.text
    assert 'label for="query"' in page.text and "Examples" in page.text
    res = sparql_get(app, PLACES, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
    assert res.content_type == "text/html" and "Tacheng County" in res.text and "<table>" in res.text
    bad = sparql_get(app, "SELECT * WHERE {", "text/html")
    assert bad.status == 400 and 'role="alert"' in bad.text


def test_examples_on_the_page_run(app: App) -> None:
    from archivekg.serve.sparql import examples

    for title, query in examples(BASE):
        r = call(app, "/sparql?format=html&query=" + quote(query, safe=""))
        assert r.status == 200, (title, r.body[:300])
        assert "<h2>Results</h2>" in r.text
