"""The review file and the offline cache: curator decisions survive reruns; cache mode is offline."""
from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from archivekg.errors import CurationError
from archivekg.reconcile import EntityRef, ReconcileResult, reconcile
from archivekg.reconcile.review import load_review
from wikidata_server import WikidataServer

BASE = "https://archivekg.example.org/id/"


def place(key: str, label: str, *names: str, base: str = BASE) -> EntityRef:
    return EntityRef(f"{base}place/{key}", "place", label, names=names, record_ids=("118180",),
                     doc_date="1962-04-21", country="China")


REFS = [place("tacheng", "Tacheng", "Qoqek"), place("soviet-union", "Soviet Union"), place("ili", "Ili"),
        place("almaty", "Alma-Ata", "Almaty")]


@pytest.fixture
def server() -> Iterator[WikidataServer]:
    with WikidataServer() as wd:
        yield wd


def run(url: str, corpus: Path, refs: list[EntityRef] = REFS, mode: str = "online") -> ReconcileResult:
    return reconcile(refs, mode=mode, api_url=url, contact="ops@example.org", corpus=corpus, threshold=0.8,
                     margin=0.15, today="2025-01-01")


def links(result: ReconcileResult) -> dict[str, tuple[str, str]]:
    return {x.entity_iri.rsplit("/", 1)[1]: (x.qid, x.method) for x in result.links}


def edit(path: Path, label: str, decision: str, comment: str = "") -> None:
    """Set the decision of the entry with this label, as a curator would in an editor."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line == f"  label: {label}" or line == f'  label: "{label}"')
    i = next(j for j in range(start, len(lines)) if lines[j].startswith("  decision:"))
    lines[i] = f"  decision: {decision}" + (f"  {comment}" if comment else "")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_curator_decisions_survive_reruns(server: WikidataServer, tmp_path: Path) -> None:
    first = run(server.url, tmp_path)
    assert links(first) == {"soviet-union": ("Q15180", "auto"), "almaty": ("Q35493", "auto")}
    review = tmp_path / "wikidata-review.yaml"
    edit(review, "Tacheng", "Q648696", "# the county, now the city (curator)")
    edit(review, "Soviet Union", "reject")
    edit(review, "Ili", "accept")
    text = review.read_text(encoding="utf-8")
    text = text.replace("- iri: \"https://archivekg.example.org/id/place/tacheng\"",
                        "# checked against the gazetteer\n- iri: \"https://archivekg.example.org/id/place/tacheng\"")
    review.write_text(text, encoding="utf-8")
    ili_first = next(e for e in load_review(review).entries if e.label == "Ili").candidates[0].qid

    second = run(server.url, tmp_path)
    assert links(second) == {"tacheng": ("Q648696", "curator"), "ili": (ili_first, "curator"),
                             "almaty": ("Q35493", "auto")}
    after = review.read_text(encoding="utf-8")
    assert "  decision: Q648696  # the county, now the city (curator)" in after
    assert "# checked against the gazetteer\n- iri: \"https://archivekg.example.org/id/place/tacheng\"" in after
    entries = {e.label: e for e in load_review(review).entries}
    assert entries["Soviet Union"].decision == "reject" and entries["Soviet Union"].status == "curator"
    assert entries["Ili"].decision == "accept" and entries["Ili"].candidates[0].qid == ili_first
    # A third run changes nothing at all.
    run(server.url, tmp_path)
    assert review.read_text(encoding="utf-8") == after


def test_decisions_are_found_by_label_when_the_base_changes(server: WikidataServer, tmp_path: Path) -> None:
    run(server.url, tmp_path)
    edit(tmp_path / "wikidata-review.yaml", "Tacheng", "Q648696")
    moved = [place("tacheng", "Tacheng", "Qoqek", base="https://other.example/id/")]
    result = run(server.url, tmp_path, moved)
    assert [(x.entity_iri, x.qid, x.method) for x in result.links] == [
        ("https://other.example/id/place/tacheng", "Q648696", "curator")]


def test_curated_qid_checked_missing_and_merged(server: WikidataServer, tmp_path: Path) -> None:
    run(server.url, tmp_path)
    edit(tmp_path / "wikidata-review.yaml", "Tacheng", "Q990000098")  # no such item on the server
    edit(tmp_path / "wikidata-review.yaml", "Alma-Ata", "Q990000099")  # merged into Q35493
    result = run(server.url, tmp_path)
    got = links(result)
    assert "tacheng" not in got and got["almaty"] == ("Q35493", "curator")
    assert any("Q990000098 does not exist" in w for w in result.warnings)
    assert any("Q990000099 was merged into Q35493" in w for w in result.warnings)


def test_bad_decision_is_reported_with_its_line(server: WikidataServer, tmp_path: Path) -> None:
    run(server.url, tmp_path)
    path = tmp_path / "wikidata-review.yaml"
    edit(path, "Ili", "maybe")
    line = path.read_text(encoding="utf-8").splitlines().index("  decision: maybe") + 1
    with pytest.raises(CurationError) as info:
        run(server.url, tmp_path)
    assert info.value.line == line and info.value.field == "decision"
    assert str(path) in str(info.value)


def test_broken_yaml_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "wikidata-review.yaml"
    path.write_text("version: 1\nentities:\n- iri: x\n  kind: [place\n", encoding="utf-8")
    with pytest.raises(CurationError) as info:
        load_review(path)
    assert info.value.line is not None and info.value.line >= 4


def test_write_is_atomic(server: WikidataServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run(server.url, tmp_path)
    path = tmp_path / "wikidata-review.yaml"
    edit(path, "Ili", "reject")
    before = path.read_text(encoding="utf-8")

    def broken(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError):
        run(server.url, tmp_path, [*REFS, place("kashi", "Kashi", "Kashgar")])
    assert path.read_text(encoding="utf-8") == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_cache_mode_is_offline(tmp_path: Path) -> None:
    with WikidataServer() as wd:
        online = run(wd.url, tmp_path)
        url = wd.url
    assert (tmp_path / "wikidata-cache.sqlite").is_file()
    # The server is gone: cache mode gives the same links from the recorded answers.
    offline = run(url, tmp_path, mode="cache")
    assert links(offline) == links(online)
    assert offline.warnings == ()
    # An entity never asked about stays unlinked, and no request is made.
    with WikidataServer() as again:
        start = time.monotonic()
        more = run(again.url, tmp_path, [*REFS, place("kashi", "Kashi", "Kashgar")], mode="cache")
        assert again.requests == []
        assert time.monotonic() - start < 3  # a miss is an answer offline, not a fault to retry
    assert "kashi" not in links(more)
    entry = next(e for e in load_review(tmp_path / "wikidata-review.yaml").entries if e.label == "Kashi")
    assert entry.status == "unreached"


def test_cache_mode_without_a_cache_uses_decisions_only(tmp_path: Path) -> None:
    (tmp_path / "wikidata-review.yaml").write_text(
        "version: 1\nentities:\n- iri: \"https://archivekg.example.org/id/place/soviet-union\"\n"
        "  kind: place\n  label: \"Soviet Union\"\n  decision: Q15180\n  decided: 2024-05-01\n"
        "  candidates:\n  - qid: Q15180\n    label: \"Soviet Union\"\n    coordinates: [90.0, 65.0]\n",
        encoding="utf-8")
    result = run("https://www.wikidata.org/w/api.php", tmp_path, REFS, mode="cache")
    assert [(x.qid, x.method, x.decided, x.coordinates) for x in result.links] == [
        ("Q15180", "curator", "2024-05-01", (90.0, 65.0))]
    assert not (tmp_path / "wikidata-cache.sqlite").exists()


def test_mode_off_does_nothing(tmp_path: Path) -> None:
    result = run("http://127.0.0.1:9/w/api.php", tmp_path, mode="off")
    assert result.links == () and result.review_path is None
    assert list(tmp_path.iterdir()) == []


# The reader composes entries one at a time from the parser's events; these cases pin it to what
# PyYAML's own composer would give (nulls, quoting, tags, anchors, documents, errors and lines).
ENTRY = "- iri: {iri}\n  kind: place\n  label: {label}\n"


@pytest.mark.parametrize("decision, expected", [
    ("", None), ("~", None), ("null", None), ("NULL", None), ("!!null ''", None),
    ("reject", "reject"), ("'Q42'", "Q42"), ("!!str Q7", "Q7"), ("  Q42  ", "Q42"),
])
def test_streaming_reader_reads_scalars_as_yaml_does(tmp_path: Path, decision: str, expected: str | None) -> None:
    path = tmp_path / "wikidata-review.yaml"
    path.write_text("version: 1\nentities:\n" + ENTRY.format(iri="x", label="Ili")
                    + f"  decision: {decision}\n", encoding="utf-8")
    (entry,) = load_review(path).entries
    assert entry.decision == expected and entry.line == 3


def test_streaming_reader_quoted_null_is_text(tmp_path: Path) -> None:
    path = tmp_path / "wikidata-review.yaml"
    path.write_text("entities:\n" + ENTRY.format(iri="x", label="'null'"), encoding="utf-8")
    assert load_review(path).entries[0].label == "null"


def test_streaming_reader_follows_anchors_and_keeps_order(tmp_path: Path) -> None:
    path = tmp_path / "wikidata-review.yaml"
    text = ("version: 1\nentities:\n- iri: a\n  kind: place\n  label: Ili\n  names: &n [Ili, Yili]\n"
            "- iri: b\n  kind: group\n  label: Ili Committee\n  names: *n\n")
    path.write_text(text, encoding="utf-8")
    entries = load_review(path).entries
    assert [(e.iri, e.line, e.names) for e in entries] == [("a", 3, ("Ili", "Yili")), ("b", 7, ("Ili", "Yili"))]
    plain = yaml.safe_load(text)["entities"]
    assert [tuple(p["names"]) for p in plain] == [e.names for e in entries]


@pytest.mark.parametrize("text, line, message", [
    ("entities:\n" + ENTRY.format(iri="x", label="Ili") + "---\nentities: []\n", 5, "another document"),
    ("entities:\n- iri: x\n  kind: place\n  label: *nowhere\n", 4, "undefined alias"),
    ("entities: []\nentities: []\n", 2, "entities given twice"),
    ("entities: 3\n", 1, "entities must be a list"),
    ("- iri: x\n", 1, "must be a mapping"),
    ("---\n---\n", 2, "another document"),  # a second document is refused before the first's type
    ("entities:\n" + ENTRY.format(iri="x", label="Ili") + ENTRY.format(iri="x", label="Yili"), 5, "listed twice"),
])
def test_streaming_reader_errors_name_the_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = tmp_path / "wikidata-review.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CurationError) as info:
        load_review(path)
    assert message in str(info.value) and info.value.line == line, str(info.value)


@pytest.mark.parametrize("text", ["", "# only a comment\n", "entities:\n", "entities: ~\nversion: 1\n"])
def test_streaming_reader_empty_files(tmp_path: Path, text: str) -> None:
    path = tmp_path / "wikidata-review.yaml"
    path.write_text(text, encoding="utf-8")
    assert load_review(path).entries == []
