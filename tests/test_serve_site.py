"""The static export: a file per resource and representation, the published files, server rules."""
from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from archivekg.serve import run_site
from archivekg.site import export_site, resources

DATA = Path(__file__).parent / "data" / "serve"
BASE = "https://archivekg.example.org/"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "www"
    report = export_site(DATA, out)
    assert report.resources == len(resources(DATA, BASE)) > 50
    return out


def test_every_resource_has_four_representations(site: Path) -> None:
    for iri in resources(DATA, BASE):
        key = iri[len(BASE) + 3:]
        for suffix in (".html", ".ttl", ".jsonld", ".nt"):
            assert (site / "doc" / f"{key}{suffix}").is_file(), (key, suffix)
        ttl = {q.triple for q in ox.parse(path=str(site / "doc" / f"{key}.ttl"), format=ox.RdfFormat.TURTLE)}
        assert any(t.subject.value == iri for t in ttl)
    html = (site / "doc" / "document" / "118180.html").read_text()
    assert "<mark" in html and 'rel="alternate" type="text/turtle" href="/doc/document/118180.ttl"' in html


def test_jsonld_files_parse_to_the_turtle_triples(site: Path) -> None:
    for name in ("place/tacheng-county", "claim/118180/flight-count"):
        a = {q.triple for q in ox.parse(path=str(site / "doc" / f"{name}.jsonld"), format=ox.RdfFormat.JSON_LD)}
        b = {q.triple for q in ox.parse(path=str(site / "doc" / f"{name}.ttl"), format=ox.RdfFormat.TURTLE)}
        assert a == b and a


def test_published_files_and_pages_are_copied(site: Path) -> None:
    for rel in ("archivekg.nq", "void.ttl", "context.jsonld", "records/118180.ttl", "manifest.json"):
        assert (site / rel).read_bytes() == (DATA / rel).read_bytes()
    assert not (site / "make_fixture.py").exists()
    index = (site / "index.html").read_text()
    assert 'href="/records.html"' in index and (site / "timeline.html").is_file() and (site / "map.html").is_file()
    assert "<svg" in (site / "map.html").read_text()


def test_server_rules_for_apache_and_nginx(site: Path) -> None:
    apache = (site / ".htaccess").read_text()
    assert "RewriteRule ^id/(.+)$ /doc/$1 [R=303,L]" in apache and "text/turtle" in apache
    nginx = (site / "nginx.conf").read_text()
    assert "return 303 /doc/$1;" in nginx and "try_files" in nginx


def test_export_is_deterministic_and_replaces_the_folder(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "www"
    (out / "stale").mkdir(parents=True)
    assert run_site(DATA, out) == 0
    assert not (out / "stale").exists()
    for rel in ("doc/place/tacheng-county.html", "doc/event/118180/flight.ttl", "index.html"):
        assert (out / rel).read_bytes() == (site / rel).read_bytes()
    assert json.loads((out / "manifest.json").read_text())["base"] == BASE
