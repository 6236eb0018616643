"""Every route and representation, in-process: Cool URIs, content negotiation, files, limits, errors."""
from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from pyld import jsonld

from archivekg.serve import make_app
from archivekg.serve.app import App
from archivekg.serve.conneg import PAGE_OFFERS, negotiate, parse_accept
from archivekg.serve.testing import Response, call

DATA = Path(__file__).parent / "data" / "serve"
BASE = "https://archivekg.example.org/"
PLACE = "place/tacheng-county"


@pytest.fixture(scope="module")
def app() -> App:
    return make_app(DATA)


def get(app: App, path: str, accept: str | None = None, **headers: str) -> Response:
    h = dict(headers)
    if accept is not None:
        h["Accept"] = accept
    return call(app, path, headers=h)


def triples(resp: Response) -> set[ox.Triple]:
    fmt = {"text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES,
           "application/ld+json": ox.RdfFormat.JSON_LD}[resp.content_type]
    return {q.triple for q in ox.parse(resp.body, format=fmt)}


def test_id_iris_answer_303_to_their_document(app: App) -> None:
    r = get(app, f"/id/{PLACE}", "text/turtle")
    assert r.status == 303
    assert r.headers["location"] == f"/doc/{PLACE}"
    assert "accept" in r.headers["vary"].lower()
    assert get(app, "/id/place/nowhere").status == 404


@pytest.mark.parametrize(("accept", "media"), [
    ("text/html", "text/html"), ("text/turtle", "text/turtle"), ("application/ld+json", "application/ld+json"),
    ("application/n-triples", "application/n-triples"), ("application/json", "application/ld+json"),
    ("*/*", "text/html"), (None, "text/html"),
    ("text/html;q=0.5, text/turtle;q=0.9", "text/turtle"),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html"),
    ("application/n-triples;q=1, text/*;q=0.2", "application/n-triples"),
])
def test_one_document_iri_negotiates_every_representation(app: App, accept: str | None, media: str) -> None:
    r = get(app, f"/doc/{PLACE}", accept)
    assert r.status == 200
    assert r.content_type == media
    assert "accept" in r.headers["vary"].lower()
    suffix = {"text/html": ".html", "text/turtle": ".ttl", "application/ld+json": ".jsonld",
              "application/n-triples": ".nt"}[media]
    assert r.headers["content-location"] == f"/doc/{PLACE}{suffix}"


def test_unacceptable_media_type_is_406(app: App) -> None:
    r = get(app, f"/doc/{PLACE}", "image/png")
    assert r.status == 406
    assert 'rel="alternate"' in r.headers["link"]


@pytest.mark.parametrize("suffix", [".ttl", ".jsonld", ".nt"])
def test_suffixes_and_negotiation_give_the_same_triples(app: App, suffix: str) -> None:
    direct = get(app, f"/doc/{PLACE}{suffix}", "text/html")  # the suffix wins over Accept
    assert direct.status == 200 and "vary" not in direct.headers
    reference = triples(get(app, f"/doc/{PLACE}", "application/n-triples"))
    assert triples(direct) == reference
    iri = ox.NamedNode(BASE + "id/" + PLACE)
    assert any(t.subject == iri for t in reference)
    assert any(t.object == iri for t in reference)  # links into it are described too


def test_jsonld_expands_to_the_turtle_triples(app: App) -> None:
    doc = json.loads(get(app, "/doc/document/118180.jsonld").body)
    nquads = jsonld.to_rdf(doc, {"format": "application/n-quads"})
    expanded = {q.triple for q in ox.parse(nquads.encode(), format=ox.RdfFormat.N_QUADS)}
    assert expanded == triples(get(app, "/doc/document/118180.ttl"))


def test_link_headers_announce_the_alternates(app: App) -> None:
    link = get(app, f"/doc/{PLACE}.html").headers["link"]
    for suffix, media in ((".ttl", "text/turtle"), (".jsonld", "application/ld+json"),
                          (".nt", "application/n-triples")):
        assert f'</doc/{PLACE}{suffix}>; rel="alternate"; type="{media}"' in link
    assert f'</doc/{PLACE}.html>; rel="self"' in link
    assert f'<{BASE}id/{PLACE}>; rel="describes"' in link
    page = get(app, f"/doc/{PLACE}.html").text
    assert f'<link rel="alternate" type="text/turtle" href="/doc/{PLACE}.ttl">' in page


@pytest.mark.parametrize("path", [
    "/doc/document/118180", "/doc/text/118180-en", "/doc/event/118180/flight", "/doc/claim/118180/flight-count",
    "/doc/timespan/118180/flight", "/doc/dimension/118180/fled-count", "/doc/annotation/118180/time-flight",
    "/doc/annotation/118180/time-flight/target", "/doc/annotation/118180/time-flight/quote",
    "/doc/appellation/place/tacheng-county/tacheng-qoqek", "/doc/identifier/118180/ref-1",
    "/doc/record-set/prc-fma-118-01100-06", "/doc/activity/118180/rules-0-1-0", "/doc/agent/archivekg-0-1-0",
    "/doc/group/118180-fled-tacheng", "/doc/digital/118180", "/doc/link/tacheng-county",
    "/doc/person/charles-kraus", "/doc/group/xinjiang-foreign-affairs-office",
])
def test_every_kind_of_iri_resolves(app: App, path: str) -> None:
    assert get(app, "/id/" + path[5:]).status == 303
    for accept in ("text/html", "text/turtle"):
        r = get(app, path, accept)
        assert r.status == 200, (path, accept, r.body[:300])
    assert triples(get(app, path + ".ttl"))


def test_every_subject_in_the_data_resolves(app: App) -> None:
    subjects = {q.subject.value for q in ox.parse(path=str(DATA / "archivekg.nq"), format=ox.RdfFormat.N_QUADS)}
    ours = sorted(s for s in subjects if s.startswith(BASE + "id/"))
    assert len(ours) > 50
    for iri in ours:
        r = get(app, "/id/" + iri[len(BASE) + 3:])
        assert r.status == 303, iri
        assert get(app, r.headers["location"] + ".nt").status == 200, iri


def test_graph_iris_serve_the_published_files(app: App) -> None:
    r = get(app, "/graph/record/118180", "text/turtle")
    assert r.status == 200 and r.body == (DATA / "records" / "118180.ttl").read_bytes()
    r = get(app, "/graph/record/118180", "application/ld+json")
    assert r.body == (DATA / "records" / "118180.jsonld").read_bytes()
    r = get(app, "/graph/record/118180", "text/html")
    assert r.status == 303 and r.headers["location"] == "/doc/document/118180"
    assert get(app, "/graph/entities", "text/turtle").body == (DATA / "entities.ttl").read_bytes()
    assert get(app, "/graph/links.ttl").status == 200
    assert get(app, "/graph/record/424242", "text/turtle").status == 404
    assert get(app, "/graph/nothing", "text/turtle").status == 404


def test_a_graph_without_a_file_is_written_from_the_store(tmp_path: Path) -> None:
    import shutil

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    (data / "links.ttl").unlink()
    r = get(make_app(data), "/graph/links", "text/turtle")
    assert r.status == 200
    expected = {q.triple for q in ox.parse(path=str(DATA / "links.ttl"), format=ox.RdfFormat.TURTLE)}
    assert triples(r) == expected


@pytest.mark.parametrize(("path", "ctype"), [
    ("/archivekg.nq", "application/n-quads"), ("/archivekg.trig", "application/trig"),
    ("/void.ttl", "text/turtle"), ("/context.jsonld", "application/ld+json"), ("/records/990001.ttl", "text/turtle"),
    ("/records/990001.jsonld", "application/ld+json"), ("/manifest.json", "application/json"),
    ("/README.md", "text/markdown"), ("/vocab", "text/turtle"),
])
def test_published_files(app: App, path: str, ctype: str) -> None:
    r = get(app, path)
    assert r.status == 200 and r.content_type == ctype
    name = "vocab.ttl" if path == "/vocab" else path.lstrip("/")
    assert r.body == (DATA / name).read_bytes()


@pytest.mark.parametrize("path", [
    "/../tests/data/serve/archivekg.nq", "/records/../manifest.json", "/records/../../pyproject.toml",
    "/records/..%2F..%2Fpyproject.toml", "/%2e%2e/%2e%2e/etc/passwd", "/records/%2e%2e/manifest.json",
    "/make_fixture.py", "/.git/config", "/records/.hidden.ttl", "/records\\..\\manifest.json",
    "/records/118180.ttl%00.png", "/graph/record/..%2F..%2Fmanifest",
])
def test_path_traversal_is_refused(app: App, path: str) -> None:
    r = get(app, path)
    assert r.status in (400, 404)
    assert b"[tool" not in r.body and b"root:" not in r.body and b"import" not in r.body


def test_head_options_and_methods(app: App) -> None:
    head = call(app, f"/doc/{PLACE}", method="HEAD", headers={"Accept": "text/turtle"})
    assert head.status == 200 and head.body == b"" and int(head.headers["content-length"]) > 0
    opts = call(app, "/sparql", method="OPTIONS", headers={"Origin": "http://elsewhere.example",
                                                           "Access-Control-Request-Method": "POST"})
    assert opts.status == 204 and "POST" in opts.headers["access-control-allow-methods"]
    assert opts.headers["access-control-allow-origin"] == "*"
    r = call(app, f"/doc/{PLACE}", method="DELETE")
    assert r.status == 405 and "GET" in r.headers["allow"]
    assert call(app, "/archivekg.nq", method="PUT", body=b"x").status == 405


def test_etag_gives_304(app: App) -> None:
    first = get(app, f"/doc/{PLACE}", "text/turtle")
    again = get(app, f"/doc/{PLACE}", "text/turtle", **{"If-None-Match": first.headers["etag"]})
    assert again.status == 304 and again.body == b""
    other = get(app, f"/doc/{PLACE}", "text/html", **{"If-None-Match": first.headers["etag"]})
    assert other.status == 200


def test_oversized_requests_are_refused(app: App) -> None:
    big = b"query=" + b"x" * (2 << 20)
    r = call(app, "/sparql", method="POST", body=big,
             headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status == 413 and json.loads(r.body)["error"] == "too-large"
    assert get(app, "/doc/" + "a/" * 2000).status == 414


def test_not_found_is_html_for_browsers_and_json_otherwise(app: App) -> None:
    assert get(app, "/nothing-here", "text/html").content_type == "text/html"
    r = get(app, "/nothing-here", "application/json")
    assert r.status == 404 and json.loads(r.body)["error"] == "not-found"


def test_security_and_cors_headers_on_every_response(app: App) -> None:
    for path in ("/", f"/doc/{PLACE}.ttl", "/archivekg.nq", "/nothing"):
        h = get(app, path).headers
        assert h["access-control-allow-origin"] == "*"
        assert "default-src 'none'" in h["content-security-policy"]
        assert h["x-content-type-options"] == "nosniff"


def test_internal_errors_carry_no_trace(app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object) -> str:
        raise RuntimeError("secret detail /etc/shadow")

    monkeypatch.setattr("archivekg.serve.pages.map_page", boom)
    r = get(app, "/map")
    assert r.status == 500
    assert b"secret" not in r.body and b"Traceback" not in r.body and b"RuntimeError" not in r.body


def test_accept_parsing() -> None:
    assert negotiate("text/turtle;q=0", PAGE_OFFERS) is None
    assert negotiate("application/rdf+xml", PAGE_OFFERS) is None
    assert [r.q for r in parse_accept("a/b;q=0.3, c/d;q=x, e/f")] == [0.3, 0.0, 1.0]
    assert negotiate("text/*;q=0.4, text/turtle;q=0.8", PAGE_OFFERS) == "text/turtle"


def test_large_files_are_streamed_whole(app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("archivekg.serve.app.STREAM_OVER", 1000)  # the dump counts as large here
    body = (DATA / "archivekg.nq").read_bytes()
    r = get(app, "/archivekg.nq")
    assert r.status == 200 and r.body == body and int(r.headers["content-length"]) == len(body)
    head = call(app, "/archivekg.nq", method="HEAD")
    assert head.body == b"" and int(head.headers["content-length"]) == len(body)
    assert get(app, "/archivekg.nq", **{"If-None-Match": r.headers["etag"]}).status == 304
