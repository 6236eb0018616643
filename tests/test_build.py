"""End to end: the example corpus builds into a valid, deterministic, parseable graph."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from rdflib.compare import isomorphic, to_isomorphic

from archivekg.cli import main
from archivekg.config import load_config
from archivekg.errors import ArchiveKGError
from archivekg.pipeline import build

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
GOLDEN = ROOT / "tests" / "data" / "golden" / "118180.nt"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build") / "output"
    build(CORPUS, out, load_config(CORPUS))
    return out


def _files(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*") if p.is_file())


def test_contract_files_exist(built: Path) -> None:
    names = {p.relative_to(built).as_posix() for p in _files(built)}
    for required in ("archivekg.nq", "archivekg.trig", "void.ttl", "context.jsonld", "README.md",
                     "records/118180.ttl", "records/118180.jsonld", "entities.ttl"):
        assert required in names


def test_every_file_parses_in_rdflib_and_pyoxigraph_without_blank_nodes(built: Path) -> None:
    formats = {".nq": ("nquads", pyoxigraph.RdfFormat.N_QUADS), ".trig": ("trig", pyoxigraph.RdfFormat.TRIG),
               ".ttl": ("turtle", pyoxigraph.RdfFormat.TURTLE)}
    checked = 0
    for path in _files(built):
        if path.suffix not in formats:
            continue
        rd_format, ox_format = formats[path.suffix]
        ds = rdflib.Dataset()
        ds.parse(path, format=rd_format)
        assert len(ds) > 0 or path.suffix != ".ttl" or sum(1 for _ in ds.quads()) > 0
        for quad in ds.quads((None, None, None, None)):
            assert not any(isinstance(t, rdflib.BNode) for t in quad[:3]), f"blank node in {path}"
        quads = list(pyoxigraph.parse(path=str(path), format=ox_format))
        assert quads
        checked += 1
    assert checked >= 5


def test_jsonld_expands_offline_to_its_turtle_twin(built: Path) -> None:
    from pyld import jsonld

    def no_network(url: str, options: dict) -> dict:
        raise AssertionError(f"JSON-LD processing tried to fetch {url}")

    twins = [p for p in _files(built) if p.suffix == ".jsonld" and p.name != "context.jsonld"]
    assert twins
    for path in twins:
        doc = json.loads(path.read_text(encoding="utf-8"))
        nquads = jsonld.to_rdf(doc, {"format": "application/n-quads", "documentLoader": no_network})
        flat = rdflib.Graph()
        for s, p, o, _ in rdflib.Dataset().parse(data=nquads, format="nquads").quads():
            flat.add((s, p, o))
        turtle = rdflib.Graph().parse(path.with_suffix(".ttl"), format="turtle")
        assert len(flat) == len(turtle), path.name
        assert isomorphic(flat, turtle), path.name


def test_two_builds_are_byte_identical(built: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    build(CORPUS, again, load_config(CORPUS))
    first = {p.relative_to(built): p.read_bytes() for p in _files(built)}
    second = {p.relative_to(again): p.read_bytes() for p in _files(again)}
    assert first.keys() == second.keys()
    for name in first:
        assert first[name] == second[name], f"{name} differs between two builds"


def test_golden_graph_of_the_sample(built: Path) -> None:
    """The sample's record graph, compared as a graph (regenerate with ARCHIVEKG_REGENERATE=1)."""
    import os

    graph = rdflib.Graph().parse(built / "records" / "118180.ttl", format="turtle")
    if os.environ.get("ARCHIVEKG_REGENERATE") or not GOLDEN.exists():
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text("".join(sorted(graph.serialize(format="nt").splitlines(keepends=True))),
                          encoding="utf-8")
        if not os.environ.get("ARCHIVEKG_REGENERATE"):
            pytest.fail("golden graph was missing and has been written; commit it and rerun")
    golden = rdflib.Graph().parse(GOLDEN, format="nt")
    if not isomorphic(graph, golden):
        a, b = to_isomorphic(graph), to_isomorphic(golden)
        extra = sorted(str(t) for t in (a - b))[:5]
        missing = sorted(str(t) for t in (b - a))[:5]
        pytest.fail(f"record graph differs from the golden graph; extra {extra}; missing {missing}")


def test_failed_validation_leaves_old_output(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "output"
    shutil.copytree(built, out)
    before = {p.relative_to(out): p.read_bytes() for p in _files(out)}
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    # A curation file whose date runs backwards cannot be published.
    cur = corpus / "wilson-118180.curation.yaml"
    cur.write_text(cur.read_text(encoding="utf-8").replace("end: 1962-04-20", "end: 1961-04-20", 1),
                   encoding="utf-8")
    with pytest.raises(ArchiveKGError):
        build(corpus, out, load_config(corpus))
    after = {p.relative_to(out): p.read_bytes() for p in _files(out)}
    assert before == after
    assert not (tmp_path / ".output.new").exists()


def test_cli_build_summary_and_exit_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["build", str(CORPUS), "--out", str(tmp_path / "out")])
    assert code == 0
    text = capsys.readouterr().out
    assert "built 1 records" in text and "conforms" in text and "claims" in text


def test_scorer_on_the_sample(built: Path) -> None:
    """The shared scorer, run as a consumer would, on the built output."""
    import subprocess
    import sys

    scorer = ROOT.parent / "shared" / "eval" / "score.py"
    gold = ROOT.parent / "shared" / "eval" / "gold"
    if not scorer.exists():
        pytest.skip("the shared scorer is not beside this checkout")
    res = subprocess.run([sys.executable, str(scorer), "--data", str(built), "--gold", str(gold),
                          "--docs", str(CORPUS), "--json"], capture_output=True, text=True, check=True)
    summary = json.loads(res.stdout)["summary"]
    assert summary["metadata_accuracy"] == 1.0
    assert summary["quotes_not_in_text"] == 0
    for kind in ("persons", "places", "groups", "dates", "quantities"):
        assert summary[kind]["recall"] == 1.0, kind
        assert summary[kind]["precision"] >= 0.95, kind


def test_sample_links_offline_from_the_shipped_review_decisions(built: Path) -> None:
    links = rdflib.Graph().parse(built / "links.ttl", format="turtle")
    skos = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")
    base = "https://archivekg.example.org/id/"
    wd = "http://www.wikidata.org/entity/"
    expected = {"place/soviet-union": "Q15180", "person/mao-zedong": "Q5816", "place/beijing": "Q956"}
    for local, qid in expected.items():
        assert (rdflib.URIRef(base + local), skos.exactMatch, rdflib.URIRef(wd + qid)) in links
    geo = rdflib.Namespace("http://www.opengis.net/ont/geosparql#")
    wkt = [str(o) for o in links.objects(None, geo.asWKT)]
    assert wkt and all(w.startswith("POINT(") for w in wkt)
    # Rejected decisions never become links.
    assert not list(links.objects(rdflib.URIRef(base + "person/ai-er-de"), skos.exactMatch))


def test_output_readme_in_the_repository_is_the_one_a_build_writes(built: Path) -> None:
    assert (ROOT / "output" / "README.md").read_bytes() == (built / "README.md").read_bytes()
