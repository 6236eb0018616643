"""The server over a real build of the bundled corpus: every IRI resolves in every representation."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from archivekg.serve import make_app
from archivekg.serve.app import App
from archivekg.serve.testing import call

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build") / "output"
    exe = Path(sys.executable).with_name("archivekg")
    run = subprocess.run([str(exe), "build", str(ROOT / "corpus"), "--out", str(out)], capture_output=True,
                         text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    return out


@pytest.fixture(scope="module")
def app(built: Path) -> App:
    return make_app(built)


def test_every_published_iri_resolves(app: App, built: Path) -> None:
    base = app.ds.base
    subjects = sorted({q.subject.value for q in ox.parse(path=str(built / "archivekg.nq"),
                                                          format=ox.RdfFormat.N_QUADS)
                       if q.subject.value.startswith(base + "id/")})
    assert len(subjects) > 100
    for iri in subjects:
        key = iri[len(base) + 3:]
        assert call(app, "/id/" + key).status == 303, iri
        for suffix in ("", ".ttl", ".jsonld", ".nt"):
            assert call(app, f"/doc/{key}{suffix}").status == 200, (iri, suffix)


def test_record_and_entity_pages_of_the_sample(app: App) -> None:
    record = call(app, "/doc/document/118180").text
    assert "Report on the Flight of Border Residents" in record and record.count("<mark") > 20
    assert "PRC FMA 118-01100-06" in record
    places = app.ds.places_index
    assert places, "the sample's places have reconciled coordinates"
    pages = [call(app, app.ds.href(p.iri)).text for p in places]
    assert all('<svg class="map"' in page for page in pages)
    assert any('id="claims"' in page and '<svg class="timeline"' in page for page in pages)


def test_published_graphs_and_files(app: App, built: Path) -> None:
    for name in ("graph/record/118180", "graph/entities", "graph/links", "graph/dataset"):
        r = call(app, "/" + name, headers={"Accept": "text/turtle"})
        assert r.status == 200, name
        assert {q.triple for q in ox.parse(r.body, format=ox.RdfFormat.TURTLE)}
    assert call(app, "/archivekg.nq").body == (built / "archivekg.nq").read_bytes()
