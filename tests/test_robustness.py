"""Bad input gets a clear answer: every file of tests/data/bad/ run through the real command line.

Each case is a corpus of one good record plus one bad file (a record, or the good record's
curation file, the review file or the settings file), built with ``archivekg build corpus --out
out`` over the output of the good record alone. The test checks the exact message line, the exit
code, that nothing else was printed (no traceback), and what became of the output: unchanged after
an error, still valid (every file parses) after a warning. With ``--skip-invalid`` a bad record is
listed and the good one published. The two big cases (20 MB, a 1 MB line) are made here.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pyoxigraph import RdfFormat, parse

from archivekg.cli import main

BAD = Path(__file__).resolve().parent / "data" / "bad"
sys.path.insert(0, str(BAD))
import make_bad  # noqa: E402

GOOD = "wilson-990001.txt"
TARGET = {"curation": "wilson-990001.curation.yaml", "review": "wikidata-review.yaml", "config": "archivekg.toml"}
DATE_HINT = " (write e.g. 'April 21, 1962', '21 April 1962', 'April 1962' or '1962')"
REVIEW_HINT = " (see the comment at the top of the review file)"
RECORD_HINT = "a record is a UTF-8 text file in the Wilson Center layout"
KNOWN = ("(known settings: archive_name, base, contact, description, language, license, match_margin, "
         "match_threshold, max_in_flight, publisher, reconcile, timeout, title, wikidata_api)")
E = "archivekg: error: "

# (file, exit code, the message line) for bad records that stop the build.
RECORD_ERRORS = [
    ("empty.txt", f"{E}corpus/empty.txt: empty record (the file holds no text)"),
    ("whitespace-only.txt", f"{E}corpus/whitespace-only.txt: empty record (the file holds no text)"),
    ("binary-png.txt", f"{E}corpus/binary-png.txt: binary file, not a text record (it looks like a PNG image; "
                       f"{RECORD_HINT})"),
    ("pdf-saved-as-text.txt", f"{E}corpus/pdf-saved-as-text.txt: binary file, not a text record (it looks like a "
                              f"PDF file; {RECORD_HINT})"),
    ("word-saved-as-text.txt", f"{E}corpus/word-saved-as-text.txt: binary file, not a text record (it looks like a "
                               f"ZIP archive, perhaps a Word .docx or OpenDocument file; {RECORD_HINT})"),
    ("utf8-bom-invalid.txt", f"{E}corpus/utf8-bom-invalid.txt:3: invalid UTF-8 at byte 43"),
    ("utf16-odd-length.txt", f"{E}corpus/utf16-odd-length.txt:23: invalid UTF-16-LE at byte 746"),
    ("html-page.txt", f"{E}corpus/html-page.txt:1: an HTML page, not a text record (save the record's text, not "
                      "the web page, as a UTF-8 text file)"),
    ("html-fragment.txt", f"{E}corpus/html-fragment.txt:1: an HTML page, not a text record (save the record's "
                          "text, not the web page, as a UTF-8 text file)"),
    ("no-title.txt", f"{E}corpus/no-title.txt:3 (title): no title (a record opens with its date and title before "
                     "the 'Citation:' field)"),
    ("markers-only.txt", f"{E}corpus/markers-only.txt:1 (title): no title (a record opens with its date and title "
                         "before the 'Citation:' field)"),
    ("impossible-date.txt", f"{E}corpus/impossible-date.txt:1 (date): impossible date 'February 31, 1962': "
                            f"February 1962 has 28 days{DATE_HINT}"),
    ("impossible-date-iso.txt", f"{E}corpus/impossible-date-iso.txt:1 (date): impossible date '1963-02-29': "
                                f"February 1963 has 28 days{DATE_HINT}"),
    ("month-thirteen.txt", f"{E}corpus/month-thirteen.txt:1 (date): impossible date '1963-13-01': there is no "
                           f"month 13{DATE_HINT}"),
    ("year-zero.txt", f"{E}corpus/year-zero.txt:1 (date): impossible date 'February 1, 0000': there is no year 0"
                      f"{DATE_HINT}"),
    ("future-date.txt", f"{E}corpus/future-date.txt:1 (date): date 'June 1, 2962' lies in the future{DATE_HINT}"),
    ("duplicate-id.txt", f"{E}corpus/duplicate-id.txt:8 (url): record id '990001' is already the id of "
                         "corpus/wilson-990001.txt:8"),
]

# Bad records that are repaired or read as far as they go: the warning lines, and the build publishes.
W = "warning: corpus/"
RECORD_WARNINGS = [
    ("latin1.txt", [f"{W}latin1.txt: not UTF-8 (first bad byte 316); decoded as Windows-1252"]),
    ("utf8-with-a-latin1-word.txt", [f"{W}utf8-with-a-latin1-word.txt:20: 1 byte(s) not UTF-8 in a UTF-8 file (first "
                                     "at byte 344); decoded as Windows-1252"]),
    ("utf16-bom.txt", []),
    ("utf16-be-bom.txt", []),
    ("utf16-no-bom.txt", [f"{W}utf16-no-bom.txt: no byte order mark; decoded as UTF-16"]),
    ("nul-bytes-in-utf8.txt", [f"{W}nul-bytes-in-utf8.txt: removed 2 control character(s) (U+0000); the first "
                               "on line 20"]),
    ("control-characters.txt", [f"{W}control-characters.txt: removed 5 control character(s) (U+0007, U+000B, "
                                "U+000C, U+001B); the first on line 20"]),
    ("crlf-and-cr.txt", []),
    ("truncated-header.txt", [f"{W}truncated-header.txt:5: no text after the header; only the record's "
                              "description is published"]),
    ("truncated-citation.txt", [f"{W}truncated-citation.txt:7: no text after the header; only the record's "
                                "description is published"]),
    ("no-date.txt", []),
    ("no-citation.txt", []),
    ("second-citation-field.txt", [f"{W}second-citation-field.txt:10: second 'citation' field ignored"]),
    ("absurd-numbers.txt", [
        f"{W}absurd-numbers.txt:20: the number in '{n}' is too large or too precise for xsd:decimal; the "
        "quantity is left out" for n in ("999999999999999999999999999999999999999999 tons",
                                         "0.0000000000000000000000001 percent",
                                         "1,000,000,000,000,000,000,000,000 tractors")]),
    ("iri-characters-in-names.txt", []),
    ("iri-characters-in-title.txt", []),
    ("iri-characters-in-url.txt", [
        f"{W}iri-characters-in-url.txt:8: the record URL holds characters an IRI may not; published as "
        "https://digitalarchive.wilsoncenter.org/document/99%220%7B0%7D2%7Cx%5E%60y",
        f"{W}iri-characters-in-url.txt:8: the record URL ends in '99%220%7B0%7D2%7Cx%5E%60y', which is not safe "
        "in a file name or an IRI; the record id is '99-220-7b0-7d2-7cx-5e-60y-07a30e'"]),
    ("unsafe-id-in-url.txt", [
        f"{W}unsafe-id-in-url.txt:8: the record URL ends in '..%2F..%2Fetc%2Fpasswd', which is not safe in a file "
        "name or an IRI; the record id is '2f-2fetc-2fpasswd-e21711'"]),
    ("record <1> & {x}.txt", []),
    ("right-to-left.txt", []),
    ("long-title.txt", []),
    ("quadratic-header.txt", []),
]

C = f"{E}corpus/wilson-990001.curation.yaml"
CURATION = [
    ("yaml-syntax.curation.yaml", f"{C}:6: not valid YAML: expected ',' or ']', but got '<stream end>' (in the "
                                  "[...] list that starts on line 5)"),
    ("tab-indent.curation.yaml", f"{C}:3: not valid YAML: found character '\\t' that cannot start any token"),
    ("unknown-key.curation.yaml", f"{C}:6 (lable): unknown key 'lable' in entity 'zhivkov' (did you mean "
                                  "'label'?); allowed keys: id, kind, label, type, variants, uncertain, pseudonyms, "
                                  "mentions, wikidata, note"),
    ("wrong-type.curation.yaml", f"{C}:5 (label): 'label' of entity 'zhivkov' must be text, not a list"),
    ("unknown-reference.curation.yaml", f"{C}:10 (actors): event 'report' refers to 'politburo' in 'actors', but "
                                        "no entity with that id is declared"),
    ("wrong-record.curation.yaml", f"{C}:1 (record): this file is for record '118180', but the record it sits "
                                   "next to is '990001'"),
    ("empty.curation.yaml", f"{C}:1: the file is empty; it needs at least 'record:' with the record id"),
    ("quote-not-found.curation.yaml", f"{C}:7 (quote): claim 'c1': the quote \"Comrade Brezhnev informed\" does "
                                      "not occur in the record text"),
    ("huge-occurrence.curation.yaml", f"{C}:4 (text): date 'd1': the text \"20 March\" occurs only once in the "
                                      "record text, so occurrence 1000000000000000000000000000000 does not exist"),
    ("impossible-date.curation.yaml", f"{C}:5 (begin): 'begin' of date 'd1' is not a valid date: '1963-02-30'; "
                                      "write YYYY-MM-DD, YYYY-MM or YYYY"),
    ("infinite-number.curation.yaml", f"{C}:5 (value): 'value' of quantity 'q1' must be a finite number below "
                                      "1e20 with at most 18 decimals, not inf"),
    ("nan-number.curation.yaml", f"{C}:5 (value): 'value' of quantity 'q1' must be a finite number below 1e20 "
                                 "with at most 18 decimals, not nan"),
    ("duplicate-key.curation.yaml", f"{C}:6 (kind): the key 'kind' appears twice in the same entry (first on "
                                    "line 4)"),
    ("deep-nesting.curation.yaml", f"{C}:2: not valid YAML: lists or mappings nested too deeply"),
    ("alias-bomb.curation.yaml", f"{C}:2 (a): unknown key 'a' in the file; allowed keys: record, complete, author, "
                                 "addressees, entities, dates, quantities, events, claims, references, delete, note"),
    ("python-tag.curation.yaml", f"{C}:2: not valid YAML: could not determine a constructor for the tag "
                                 "'tag:yaml.org,2002:python/object/apply:os.system'"),
    ("latin1.curation.yaml", f"{C}:2: the file is not UTF-8 text; save it as UTF-8"),
    ("binary.curation.yaml", f"{C}:1: the file is not UTF-8 text; save it as UTF-8"),
]

R = f"{E}corpus/wikidata-review.yaml"
REVIEW = [
    # The review file is read with libyaml where PyYAML has it, which words syntax errors its own way.
    ("yaml-syntax.yaml", f"{R}:9: not valid YAML: " + ("did not find expected ',' or ']'" if yaml.__with_libyaml__
                                                       else "expected ',' or ']', but got '<stream end>'")),
    ("wrong-type.yaml", f"{R}:8 (decision): decision must be a single value{REVIEW_HINT}"),
    ("bad-decision.yaml", f"{R}:8 (decision): decision must be accept, reject or a QID like Q42, not 'maybe'"
                          f"{REVIEW_HINT}"),
    ("accept-without-candidates.yaml", f"{R}:8 (decision): decision accept needs a candidate to accept (or write "
                                       f"the QID){REVIEW_HINT}"),
    ("duplicate-entry.yaml", f"{R}:9 (iri): https://archivekg.example.org/id/person/todor-zhivkov listed twice "
                             f"(first at line 3){REVIEW_HINT}"),
    ("entities-not-a-list.yaml", f"{R}:2 (entities): entities must be a list{REVIEW_HINT}"),
    ("missing-iri.yaml", f"{R}:3 (iri): an entry needs iri{REVIEW_HINT}"),
    ("unknown-kind.yaml", f"{R}:4 (kind): kind must be one of person, place, group, not 'wizard'{REVIEW_HINT}"),
    ("top-level-list.yaml", f"{R}:1: the review file must be a mapping{REVIEW_HINT}"),
]

K = f"{E}corpus/archivekg.toml"
IRI_RULE = "must be an http(s) IRI without spaces, quotes or <>{}|\\^`"
CONFIG = [
    ("syntax.toml", f"{K}:2: not valid TOML: Illegal character '\\n'"),
    ("duplicate-key.toml", f"{K}:2: not valid TOML: Cannot overwrite a value"),
    ("unknown-key.toml", f"{K}:2: unknown setting 'titel' (did you mean 'title'?) {KNOWN}"),
    ("unknown-table.toml", f"{K}:3: unknown setting 'server' {KNOWN}"),
    ("wrong-type.toml", f"{K}:2 (max_in_flight): max_in_flight must be a whole number, not 'four'"),
    ("wrong-type-string.toml", f"{K}:1 (title): title must be text in quotes, not 42"),
    ("bad-base.toml", f"{K}:1 (base): base {IRI_RULE}, not 'archive dot org'"),
    ("base-with-quote.toml", f"{K}:1 (base): base {IRI_RULE}, not 'https://example.org/a\"b/'"),
    ("bad-license.toml", f"{K}:1 (license): license {IRI_RULE}, not 'CC BY 4.0'"),
    ("base-with-fragment.toml", f"{K}:1 (base): base must not have a #fragment, not 'https://example.org/data#'"),
    ("base-bad-percent.toml", f"{K}:1 (base): base is not a valid IRI (Invalid IRI percent encoding '%zz'): "
                              "'https://example.org/%zz/'"),
    ("base-bad-host.toml", f"{K}:1 (base): base is not a valid IRI (Invalid character '[' in host): "
                           "'http://[::1/'"),
    ("bad-reconcile.toml", f"{K}:1 (reconcile): reconcile must be off, cache or online, not 'sometimes'"),
    ("too-many-in-flight.toml", f"{K}:1 (max_in_flight): max_in_flight must be between 1 and 4, not 99"),
    ("bad-language.toml", f"{K}:1 (language): language must be a language code such as 'en' or 'pt-BR', not "
                          "'English!'"),
    ("threshold-out-of-range.toml", f"{K}:1 (match_threshold): match_threshold must be between 0 and 1, not 7.0"),
    ("negative-timeout.toml", f"{K}:1 (timeout): timeout must be more than 0 and at most 3600 seconds, not -5.0"),
    ("empty-title.toml", f"{K}:1 (title): title must not be empty"),
    ("latin1.toml", f"{K}:1: not UTF-8 text; save the file as UTF-8"),
]


# ---- helpers ------------------------------------------------------------------------------------

def snapshot(folder: Path) -> dict[str, str]:
    """Every file of a folder (hidden ones too) -> the hash of its bytes."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_output_valid(out: Path) -> None:
    """Every published file parses: Turtle, N-Quads, TriG, JSON (JSON-LD), the manifest."""
    formats = {".ttl": RdfFormat.TURTLE, ".nq": RdfFormat.N_QUADS, ".trig": RdfFormat.TRIG}
    for p in sorted(out.rglob("*")):
        if p.suffix in formats:
            list(parse(p.read_bytes(), format=formats[p.suffix]))
        elif p.suffix in (".jsonld", ".json"):
            json.loads(p.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def previous(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The output of a build of the good record alone: the 'earlier output' of every case."""
    root = tmp_path_factory.mktemp("previous")
    (root / "corpus").mkdir()
    shutil.copy(BAD / "good.txt", root / "corpus" / GOOD)
    assert main(["build", str(root / "corpus"), "--out", str(root / "out"), "--jobs", "1"]) == 0
    return root / "out"


class Case:
    """A corpus of the good record plus one bad file, and a copy of the previous output."""

    def __init__(self, root: Path, previous: Path) -> None:
        self.root = root
        self.corpus = root / "corpus"
        self.corpus.mkdir()
        shutil.copy(BAD / "good.txt", self.corpus / GOOD)
        shutil.copytree(previous, root / "out")
        self.before = snapshot(root / "out")
        self.good_files = {k: v for k, v in self.before.items() if k.startswith("records/990001.")}

    def add(self, group: str, name: str) -> Path:
        target = self.corpus / TARGET.get(group, name)
        shutil.copy(BAD / group / name, target)
        return target

    def build(self, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, list[str], str]:
        capsys.readouterr()
        code = main(["build", "corpus", "--out", "out", "--jobs", "1", *extra])
        captured = capsys.readouterr()
        return code, captured.err.splitlines(), captured.out


@pytest.fixture
def case(tmp_path: Path, previous: Path, monkeypatch: pytest.MonkeyPatch) -> Case:
    monkeypatch.chdir(tmp_path)  # messages then name "corpus/<file>", as a user types it
    return Case(tmp_path, previous)


def assert_refused(case: Case, code: int, err: list[str], expected: str, bad_file: Path | None = None,
                   before: bytes | None = None) -> None:
    assert err == [expected]
    assert code == 1
    assert snapshot(case.root / "out") == case.before, "the earlier output changed"
    assert not (case.root / ".out.new").exists() and not (case.root / ".out.old").exists()
    if bad_file is not None and before is not None:
        assert bad_file.read_bytes() == before, "the tool rewrote a curator's file"


# ---- records ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "expected"), RECORD_ERRORS, ids=[c[0] for c in RECORD_ERRORS])
def test_bad_record_stops_the_build(case: Case, capsys: pytest.CaptureFixture[str], name: str,
                                    expected: str) -> None:
    case.add("records", name)
    code, err, out = case.build(capsys)
    assert out == ""
    assert_refused(case, code, err, expected)


@pytest.mark.parametrize(("name", "expected"), RECORD_ERRORS, ids=[c[0] for c in RECORD_ERRORS])
def test_skip_invalid_publishes_the_valid_records_and_lists_the_others(
        case: Case, capsys: pytest.CaptureFixture[str], name: str, expected: str) -> None:
    case.add("records", name)
    code, err, out = case.build(capsys, "--skip-invalid")
    assert code == 1
    assert err == ["skipped: " + expected.removeprefix(E)]
    assert out.startswith("built 1 records (")
    after = snapshot(case.root / "out")
    assert {k: v for k, v in after.items() if k.startswith("records/990001.")} == case.good_files
    assert sorted(p.name for p in (case.root / "out" / "records").iterdir()) == ["990001.jsonld", "990001.ttl"]
    assert_output_valid(case.root / "out")


@pytest.mark.parametrize(("name", "expected"), RECORD_WARNINGS, ids=[c[0] for c in RECORD_WARNINGS])
def test_odd_record_is_published_with_a_warning(case: Case, capsys: pytest.CaptureFixture[str], name: str,
                                               expected: list[str]) -> None:
    case.add("records", name)
    code, err, out = case.build(capsys)
    assert (code, err) == (0, expected)
    assert out.startswith("built 2 records (")
    after = snapshot(case.root / "out")
    assert {k: v for k, v in after.items() if k.startswith("records/990001.")} == case.good_files
    records = sorted(p.stem for p in (case.root / "out" / "records").glob("*.ttl"))
    assert len(records) == 2 and all(make_bad_safe(r) for r in records)
    assert_output_valid(case.root / "out")


def make_bad_safe(record_id: str) -> bool:
    """A record id that is one plain file name and one IRI segment."""
    return bool(record_id) and all((c.isalnum() and c.isascii()) or c in "._-" for c in record_id) \
        and ".." not in record_id and not record_id.startswith(".")


def test_text_with_iri_characters_stays_text(case: Case, capsys: pytest.CaptureFixture[str]) -> None:
    """Names with <>"{}|^` and right-to-left marks end up in literals, never in an IRI."""
    for name in ("iri-characters-in-names.txt", "iri-characters-in-title.txt", "right-to-left.txt"):
        case.add("records", name)
    code, err, _ = case.build(capsys)
    assert (code, err) == (0, [])
    nquads = (case.root / "out" / "archivekg.nq").read_text(encoding="utf-8")
    quads = list(parse(nquads.encode("utf-8"), format=RdfFormat.N_QUADS))
    iris = {t.value for q in quads for t in (q.subject, q.predicate, q.object, q.graph_name)
            if type(t).__name__ == "NamedNode"}
    assert not [i for i in iris if any(c in i for c in '<>"{}|^`\\ \u202e')]
    titles = {q.object.value for q in quads if q.predicate.value == "http://purl.org/dc/terms/title"}
    assert '<script>alert("x")</script> {Plan}|^` \\ for Plovdiv' in titles
    assert "تقرير عن المهندسين" in titles


def test_twenty_megabyte_record_is_refused(case: Case, capsys: pytest.CaptureFixture[str]) -> None:
    big = case.corpus / "big-body.txt"
    big.write_text(make_bad.big_body(20), encoding="utf-8")
    size = big.stat().st_size / 1e6
    code, err, _ = case.build(capsys)
    assert_refused(case, code, err, f"{E}corpus/big-body.txt: the file is {size:.1f} MB; a record may have at "
                                    "most 2 MB (split it into one file per record)")


def test_megabyte_line_is_refused(case: Case, capsys: pytest.CaptureFixture[str]) -> None:
    text = make_bad.long_line(1)
    lines = text.split("\n")
    longest = max(range(len(lines)), key=lambda n: len(lines[n]))
    (case.corpus / "long-line.txt").write_text(text, encoding="utf-8")
    code, err, _ = case.build(capsys)
    assert_refused(case, code, err, f"{E}corpus/long-line.txt:{longest + 1}: the line is {len(lines[longest]):,} "
                                    "characters long; a record line may have at most 100,000 (is it a text file "
                                    "with line breaks?)")


def test_every_bad_record_file_is_covered() -> None:
    named = {n for n, _ in RECORD_ERRORS} | {n for n, _ in RECORD_WARNINGS}
    assert named == {p.name for p in (BAD / "records").iterdir()}


def test_the_corpus_has_forty_cases_or_more() -> None:
    assert sum(1 for group in ("records", "curation", "review", "config") for _ in (BAD / group).iterdir()) >= 40


# ---- curation, review and settings files --------------------------------------------------------------

@pytest.mark.parametrize(("name", "expected"), CURATION, ids=[c[0] for c in CURATION])
def test_bad_curation_file(case: Case, capsys: pytest.CaptureFixture[str], name: str, expected: str) -> None:
    path = case.add("curation", name)
    before = path.read_bytes()
    code, err, _ = case.build(capsys)
    assert_refused(case, code, err, expected, path, before)


@pytest.mark.parametrize(("name", "expected"), REVIEW, ids=[c[0] for c in REVIEW])
def test_bad_review_file(case: Case, capsys: pytest.CaptureFixture[str], name: str, expected: str) -> None:
    path = case.add("review", name)
    before = path.read_bytes()
    code, err, _ = case.build(capsys)
    assert_refused(case, code, err, expected, path, before)


@pytest.mark.parametrize(("name", "expected"), CONFIG, ids=[c[0] for c in CONFIG])
def test_bad_settings_file(case: Case, capsys: pytest.CaptureFixture[str], name: str, expected: str) -> None:
    path = case.add("config", name)
    before = path.read_bytes()
    code, err, _ = case.build(capsys)
    assert_refused(case, code, err, expected, path, before)


def test_bad_setting_in_the_environment(case: Case, capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARCHIVEKG_MAX_IN_FLIGHT", "lots")
    code, err, _ = case.build(capsys)
    assert_refused(case, code, err, f"{E}environment ARCHIVEKG_MAX_IN_FLIGHT (max_in_flight): max_in_flight "
                                    "must be a whole number, not 'lots'")


def test_review_decisions_survive_a_build(case: Case, capsys: pytest.CaptureFixture[str]) -> None:
    """A decision about an entity no record names any more is kept, with its curator."""
    path = case.add("review", "unknown-entity.yaml")
    code, err, _ = case.build(capsys)
    assert (code, err) == (0, [])
    text = path.read_text(encoding="utf-8")
    entry = text[text.index("nobody-at-all"):].split("\n- iri:")[0]
    assert "decision: Q42" in entry and 'curator: "A. Curator"' in entry
    assert "todor-zhivkov" in text  # the curator's other entry stays too
    assert not [p for p in case.corpus.iterdir() if p.name.endswith(".tmp")]


def test_review_file_with_an_unknown_key_is_refused(case: Case, capsys: pytest.CaptureFixture[str]) -> None:
    path = case.add("review", "unknown-key.yaml")
    before = path.read_bytes()
    code, err, _ = case.build(capsys)
    assert code == 1 and len(err) == 1 and err[0].startswith(f"{R}:8 (decison): ")
    assert path.read_bytes() == before


def test_review_file_not_in_utf8_is_refused(case: Case, capsys: pytest.CaptureFixture[str]) -> None:
    path = case.add("review", "latin1.yaml")
    before = path.read_bytes()
    code, err, _ = case.build(capsys)
    assert code == 1 and len(err) == 1 and err[0].startswith(f"{R}:")
    assert path.read_bytes() == before


def test_every_bad_curation_review_and_settings_file_is_covered() -> None:
    for group, table in (("curation", CURATION), ("review", REVIEW), ("config", CONFIG)):
        covered = {n for n, _ in table} | ({"unknown-key.yaml", "latin1.yaml", "unknown-entity.yaml"}
                                           if group == "review" else set()) \
            | ({"hostile-names.curation.yaml"} if group == "curation" else set())
        assert covered == {p.name for p in (BAD / group).iterdir()}, group


def test_debug_shows_the_traceback_and_no_debug_never_does(case: Case, capsys: pytest.CaptureFixture[str]) -> None:
    case.add("records", "impossible-date.txt")
    code, err, _ = case.build(capsys)
    assert code == 1 and not [x for x in err if "Traceback" in x]
    with pytest.raises(Exception, match="impossible date"):
        main(["--debug", "build", "corpus", "--out", "out", "--jobs", "1"])


def test_committed_files_match_their_generator(tmp_path: Path) -> None:
    """The bad files are what make_bad.py writes (so each can be made again and reviewed)."""
    made = {"records": make_bad.records(), "review": make_bad.review(), "config": make_bad.config(),
            "curation": {**{k: v.encode() for k, v in make_bad.curation().items()}, **make_bad.curation_bytes()}}
    for group, files in made.items():
        for name, data in files.items():
            assert (BAD / group / name).read_bytes() == data, f"{group}/{name}"


def test_the_robustness_page_lists_every_case() -> None:
    doc = (BAD.parents[2] / "docs" / "robustness.md").read_text(encoding="utf-8")
    for group in ("records", "curation", "review", "config"):
        for p in (BAD / group).iterdir():
            assert f"`{group}/{p.name.replace('|', chr(92) + '|')}`" in doc, f"{group}/{p.name}"
    for _, expected in RECORD_ERRORS + CURATION + REVIEW + CONFIG:
        assert expected.replace("|", "\\|") in doc, expected


@pytest.mark.parametrize("kind", ["file", "folder of other files"])
def test_out_that_is_no_earlier_output_is_never_replaced(case: Case, capsys: pytest.CaptureFixture[str],
                                                         kind: str) -> None:
    """--out naming a file, or a folder of someone's files, is refused before anything is written."""
    target = case.root / "notes"
    if kind == "file":
        target.write_text("precious\n", encoding="utf-8")
        expected = f"{E}{target}: is a file, not an output folder; choose another --out"
    else:
        target.mkdir()
        (target / "thesis.txt").write_text("precious\n", encoding="utf-8")
        expected = (f"{E}{target}: holds files that are not an archivekg output (it has no manifest.json), and the "
                    "build would replace them; choose a new or empty folder for --out")
    before = snapshot(case.root)
    capsys.readouterr()
    code = main(["build", "corpus", "--out", "notes", "--jobs", "1"])
    assert (code, capsys.readouterr().err.splitlines()) == (1, [expected])
    assert snapshot(case.root) == before


def test_file_name_that_is_not_utf8(case: Case, capsys: pytest.CaptureFixture[str]) -> None:
    (case.corpus / os.fsdecode(b"bad\xff.txt")).write_bytes((BAD / "good.txt").read_bytes())
    code, err, _ = case.build(capsys)
    assert_refused(case, code, err, f"{E}corpus: the file name 'bad\ufffd.txt' is not valid UTF-8; rename the file")


def test_corpus_without_records(case: Case, capsys: pytest.CaptureFixture[str]) -> None:
    (case.corpus / GOOD).unlink()
    (case.corpus / "notes.json").write_text("{}", encoding="utf-8")
    code, err, _ = case.build(capsys)
    assert_refused(case, code, err, f"{E}corpus: no record files (*.txt or *.md) in this folder")


def test_messages_with_undecodable_names_are_printed_escaped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / os.fsdecode(b"d\xff")
    folder.mkdir()
    (folder / "x.txt").write_bytes(b"")
    monkeypatch.chdir(tmp_path)
    res = subprocess.run([str(Path(sys.executable).with_name("archivekg")), "build", os.fsdecode(b"d\xff"),
                          "--out", "out", "--reconcile", "off"], capture_output=True)
    assert res.returncode == 1
    assert res.stderr.decode("utf-8").splitlines() == [
        "archivekg: error: d\\udcff/x.txt: empty record (the file holds no text)"]


def test_bad_base_on_the_command_line(case: Case, capsys: pytest.CaptureFixture[str]) -> None:
    code, err, _ = case.build(capsys, "--base", "https://example.org/a b/")
    assert_refused(case, code, err, f"{E}option --base (base): base {IRI_RULE}, not 'https://example.org/a b/'")


def test_curated_names_with_iri_characters_stay_text(case: Case, capsys: pytest.CaptureFixture[str]) -> None:
    """A valid curation file with <>"{}|\\^` in labels, types, units and values builds; all of it is text."""
    path = case.add("curation", "hostile-names.curation.yaml")
    before = path.read_bytes()
    code, err, _ = case.build(capsys)
    assert (code, err) == (0, [])
    assert path.read_bytes() == before
    assert_output_valid(case.root / "out")
    quads = list(parse((case.root / "out" / "archivekg.nq").read_bytes(), format=RdfFormat.N_QUADS))
    iris = {t.value for q in quads for t in (q.subject, q.predicate, q.object) if type(t).__name__ == "NamedNode"}
    assert not [i for i in iris if any(c in i for c in '<>"{}|^`\\ \u202e')]
    labels = {q.object.value for q in quads if q.predicate.value.endswith("#label")}
    assert 'Todor <Zhivkov> "{|}^`\\ \u202e' in labels


def test_stray_legacy_bytes_in_utf8_keep_the_utf8(case: Case, capsys: pytest.CaptureFixture[str]) -> None:
    """Only the stray byte is read as Windows-1252; the dashes stay dashes (no mojibake)."""
    case.add("records", "utf8-with-a-latin1-word.txt")
    code, _, _ = case.build(capsys)
    assert code == 0
    ttl = (case.root / "out" / "records" / "990006.ttl").read_text(encoding="utf-8")
    assert "Comrade Petrov — back from Genève — arrived in Plovdiv." in ttl


def test_corpus_inside_the_output_folder_is_refused(case: Case, capsys: pytest.CaptureFixture[str]) -> None:
    """Every build replaces the output folder: a corpus kept inside it would be deleted with it."""
    inner = case.root / "out" / "corpus"
    inner.mkdir()
    shutil.copy(BAD / "good.txt", inner / GOOD)
    before = snapshot(case.root / "out")
    capsys.readouterr()
    code = main(["build", "out/corpus", "--out", "out", "--jobs", "1"])
    assert (code, capsys.readouterr().err.splitlines()) == (2, [
        f"{E}the corpus out/corpus is inside the output folder out, which every build replaces; choose another --out"])
    assert snapshot(case.root / "out") == before
