"""The benchmark's record generator: deterministic, in the layout ingest reads, within its bounds."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from archivekg.ingest import find_records, read_record_with_warnings

BENCH = Path(__file__).resolve().parents[1] / "bench"


def _load_generator():
    if str(BENCH) not in sys.path:  # the bench scripts import each other as top-level modules
        sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location("bench_generate", BENCH / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


gen = _load_generator()
N = 40


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return gen.generate_corpus(tmp_path_factory.mktemp("corpus"), N, seed=3)


def _bytes(paths: list[Path]) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in paths}


def test_same_seed_same_bytes(corpus: list[Path], tmp_path: Path) -> None:
    again = gen.generate_corpus(tmp_path, N, seed=3)
    assert _bytes(again) == _bytes(corpus)


def test_other_seed_other_texts(corpus: list[Path], tmp_path: Path) -> None:
    other = _bytes(gen.generate_corpus(tmp_path, N, seed=4))
    same = sum(other[name] == data for name, data in _bytes(corpus).items())
    assert same == 0


def test_smaller_corpus_is_a_prefix(corpus: list[Path], tmp_path: Path) -> None:
    small = _bytes(gen.generate_corpus(tmp_path, 7, seed=3))
    assert small == {name: data for name, data in _bytes(corpus).items() if name in small}
    assert len(small) == 7


def test_regenerating_smaller_removes_the_rest_and_keeps_unchanged_files(tmp_path: Path) -> None:
    first = gen.generate_corpus(tmp_path, 6, seed=1)
    (tmp_path / "notes.md").write_text("not a generated record")
    mtimes = {p.name: p.stat().st_mtime_ns for p in first}
    second = gen.generate_corpus(tmp_path, 4, seed=1)
    assert sorted(p.name for p in tmp_path.glob("wilson-*.txt")) == sorted(p.name for p in second)
    assert all(p.stat().st_mtime_ns == mtimes[p.name] for p in second)
    assert (tmp_path / "notes.md").is_file()


def test_every_record_parses_with_its_metadata(corpus: list[Path]) -> None:
    assert find_records(corpus[0].parent) == corpus
    for path in corpus:
        doc, warnings = read_record_with_warnings(path)
        assert warnings == [], (path, warnings)
        assert doc.record_id == path.stem.removeprefix("wilson-")
        assert doc.url and doc.url.endswith("/" + doc.record_id)
        assert doc.title and doc.date and doc.citation and doc.summary
        assert doc.archive_refs and all(r.archive for r in doc.archive_refs)
        assert doc.translators and doc.funders
        assert doc.language_code and doc.contents == "Translation - English"
        for note in doc.footnotes:  # every footnote is cited in the body
            assert note.refs, (path, note.marker)


def test_lengths_within_bounds_and_varied(corpus: list[Path]) -> None:
    lengths = [len(read_record_with_warnings(p)[0].body.split()) for p in corpus]
    assert all(gen.MIN_WORDS <= n <= gen.MAX_WORDS for n in lengths), lengths
    assert max(lengths) > 3 * min(lengths)


def test_ids_unique_and_archives_varied(corpus: list[Path]) -> None:
    docs = [read_record_with_warnings(p)[0] for p in corpus]
    assert len({d.record_id for d in docs}) == len(docs)
    assert len({d.archive_refs[0].archive for d in docs}) >= 5
    assert len({d.original_language for d in docs}) >= 5


def test_bodies_carry_the_conventions(corpus: list[Path]) -> None:
    bodies = " ".join(read_record_with_warnings(p)[0].body for p in corpus)
    for marker in ("[sic]", "Comrade ", "Ambassador ", " from ", " through ", "about ", " met with ",
                   " letter ", " sent ", " fled "):
        assert marker in bodies, marker
    assert any(c.isdigit() for c in bodies)


def test_generated_lengths_follow_the_limits_at_the_extremes() -> None:
    lengths = []
    for i in range(300):
        _, text = gen.record_text(9, i)
        body = text.split("\n[...]\n", 1)[1].rsplit("\n[...]\n", 1)[0]
        lengths.append(len(body.split()))
    assert min(lengths) < 200 and max(lengths) > 2000
    assert all(gen.MIN_WORDS <= n <= gen.MAX_WORDS for n in lengths)


def test_rejects_negative_size(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        gen.generate_corpus(tmp_path, -1)
