"""Property-based and fuzz tests: the record parser, IRI minting and the serialisers on random input.

- The parser (bytes -> text -> Document) raises nothing but IngestError, on random text, on texts
  assembled from record parts with hostile characters, and on seeded byte mutations of real records.
- Minted keys, IRIs and literals are always valid RDF terms.
- A random Extraction over a random record, modelled and written, parses again in pyoxigraph and
  rdflib (Turtle, N-Quads, TriG, JSON-LD) to exactly the triples the model built.
Every property is bounded (max_examples, deadline) so the file stays well under a minute.
"""
from __future__ import annotations

import contextlib
import json
import random
import re
from decimal import Decimal
from pathlib import Path

import pytest
import rdflib
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pyoxigraph import Literal, NamedNode, RdfFormat, parse

from archivekg.errors import IngestError
from archivekg.identity import assign_iris
from archivekg.ingest import decode_bytes, parse_wilson
from archivekg.model import model_record
from archivekg.model.terms import GraphBuilder, iri, text
from archivekg.publish import assemble, write_graph_files
from archivekg.records import Document, Entity, Event, Extraction, Mention, Quantity, Span, TimeSpan
from archivekg.vocab import SAFE_KEY, Minter, safe_key, slug

ROOT = Path(__file__).resolve().parents[1]
BASE = "https://archivekg.example.org/"
FAST = settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.too_slow])

# Characters that break IRIs, literals, Turtle, JSON and HTML when not escaped, plus scripts and marks.
HOSTILE = '<>"{}|\\^`\'\n\r\t\x00\x07\x0b\x1b\x7f\x85\u00a0\u200b\u200e\u202e\u2028\u2029\ufeff\ufffd\uffff' \
          "éßøŁЖжΩ漢字العربيةעברית😀\u0301[]()*_#:;,./?&=%@!$~+-"
hostile_text = st.text(alphabet=st.sampled_from(HOSTILE) | st.characters(codec="utf-8"), max_size=60)
word = st.text(alphabet=st.characters(categories=["Lu", "Ll", "Nd"]) | st.sampled_from(HOSTILE), min_size=1,
               max_size=12)

IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|\\^`]')


# ---- the record parser ----------------------------------------------------------------------------

def check_document(doc: Document) -> None:
    """What the rest of the pipeline relies on, whatever the input."""
    assert SAFE_KEY.match(doc.record_id) and ".." not in doc.record_id
    assert doc.title.strip()
    if doc.url is not None:
        assert not IRI_FORBIDDEN.search(doc.url)
    n = len(doc.text)
    assert 0 <= doc.body_end <= n
    for span in doc.paragraphs:
        assert 0 <= span.start <= span.end <= n
    for note in doc.footnotes:
        assert 0 <= note.span.start <= note.span.end <= n
        assert all(0 <= r.start <= r.end <= n for r in note.refs)


def parse_or_refuse(data: bytes) -> None:
    try:
        decoded, _ = decode_bytes(data, "f.txt")
        check_document(parse_wilson(decoded, "f.txt"))
    except IngestError as exc:
        assert str(exc).startswith("f.txt")


@FAST
@given(st.text(max_size=400))
def test_parser_on_any_text(raw: str) -> None:
    with contextlib.suppress(IngestError):
        check_document(parse_wilson(raw, "f.txt"))


@FAST
@given(st.binary(max_size=400))
def test_decoder_and_parser_on_any_bytes(data: bytes) -> None:
    parse_or_refuse(data)


LABELS = ["Citation:", "**Citation:**", "Summary:", "**Credits:**", "Original Language:", "Contents:",
          "**Author(s):**", "[...]", "**[…]**", "[1]", "[a] note", "Wilson Center", "**Digital Archive**"]
DATES = ["April 21, 1962", "**February 31, 1962**", "1962-13-01", "c. 1958", "21 April 1962", "0000", "9999",
         "April 21-22, 1962", "Sept. 3, 1961", "1962-02-29", "31 June 1950", "June 1, 2962"]
URLS = ["<https://digitalarchive.wilsoncenter.org/document/118180>", "https://x.org/document/a b",
        "<https://x.org/document/..%2F..>", "[x](https://x.org/document/1\"2)", "https://x.org/", "<http://x/{y}>"]


@st.composite
def record_texts(draw: st.DrawFn) -> str:
    """Texts in (and out of) the archive's layout: header parts, hostile names, footnotes."""
    parts = draw(st.lists(st.one_of(st.sampled_from(LABELS), st.sampled_from(DATES), st.sampled_from(URLS),
                                    hostile_text, st.builds(lambda w: f"**{w}**", hostile_text),
                                    st.builds(lambda n, w: f"[{n}] {w}", st.integers(0, 999), hostile_text)),
                          max_size=25))
    seps = draw(st.lists(st.sampled_from(["\n", "\n\n", "  \n", "\n\n\n", " "]), min_size=len(parts),
                         max_size=len(parts)))
    return "".join(p + s for p, s in zip(parts, seps, strict=True))


@settings(max_examples=300, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(record_texts())
def test_parser_on_record_like_text(raw: str) -> None:
    for data in (raw.encode("utf-8"), raw.encode("utf-16"), raw.encode("utf-8", "replace").replace(b"\n", b"\r\n")):
        parse_or_refuse(data)


def mutate(data: bytes, rng: random.Random) -> bytes:
    """A few byte-level edits: flips, inserts (often hostile bytes), deletions, cut-offs, repeats."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        op = rng.randrange(6)
        at = rng.randrange(len(out) + 1)
        if op == 0 and out:
            out[min(at, len(out) - 1)] = rng.randrange(256)
        elif op == 1:
            out[at:at] = rng.choice([b"\x00", b"\xff\xfe", b"\r", b"[...]\n", b"**", b"Citation:\n", b"\xe2\x80\xae",
                                     b"<", b"\n\n[1] ", b"February 31, 1962\n"])
        elif op == 2:
            del out[at:at + rng.randint(1, 200)]
        elif op == 3:
            del out[at:]
        elif op == 4:
            out[at:at] = out[max(0, at - 50):at] * rng.randint(1, 20)
        else:
            out[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 30)))
    return bytes(out)


def test_bounded_fuzz_run_on_mutated_records() -> None:
    """Seeded byte mutations of every record of the test corpus and the sample: 1,500 files."""
    sources = [*sorted((ROOT / "tests" / "data" / "records").glob("*.txt")), ROOT / "corpus" / "wilson-118180.txt"]
    rng = random.Random(20260101)
    refused = 0
    for n in range(1500):
        data = mutate(sources[n % len(sources)].read_bytes(), rng)
        try:
            decoded, _ = decode_bytes(data, "f.txt")
            check_document(parse_wilson(decoded, "f.txt"))
        except IngestError:
            refused += 1
    assert refused < 1500  # most mutated records still read


# ---- IRI minting and literals ------------------------------------------------------------------------

@FAST
@given(st.text(max_size=200), st.integers(1, 120))
def test_slug_is_always_a_plain_key(value: str, limit: int) -> None:
    key = slug(value, limit)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", key)
    assert len(key) <= max(limit, 11)
    assert slug(value, limit) == key  # stable


@FAST
@given(st.text(max_size=200))
def test_safe_key_is_one_file_name_and_one_iri_segment(value: str) -> None:
    key = safe_key(value)
    assert SAFE_KEY.match(key) and ".." not in key and "/" not in key
    assert safe_key(key) == key


@FAST
@given(st.sampled_from(Minter.KINDS), st.lists(st.text(max_size=40), min_size=1, max_size=3))
@example("person", ["0\n"])  # (a key with a final newline once passed for a safe one)
def test_minted_iris_are_valid(kind: str, keys: list[str]) -> None:
    minted = Minter(BASE).id(kind, *(safe_key(k) for k in keys))
    term = iri(minted)
    parsed = list(parse(f"{term} <http://x.org/p> {term} .\n".encode(), format=RdfFormat.N_TRIPLES))
    assert parsed[0].subject == NamedNode(minted)


@FAST
@given(st.text(max_size=200), st.sampled_from([None, "en", "zh", "pt-BR"]))
def test_literals_parse_and_keep_the_text(value: str, lang: str | None) -> None:
    literal = text(value, lang)
    line = f"<http://x.org/s> <http://x.org/p> {literal} .\n".encode()
    triple = next(iter(parse(line, format=RdfFormat.N_TRIPLES)))
    assert isinstance(triple.object, Literal)
    kept = triple.object.value
    # Only characters no RDF syntax may carry are dropped.
    assert kept == re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]", "", value)


@FAST
@given(st.text(max_size=80))
def test_iri_refuses_what_is_no_iri(value: str) -> None:
    if IRI_FORBIDDEN.search(value) or ":" not in value or not value:
        with pytest.raises(ValueError):
            iri(value)


# ---- serialisers: a random Extraction, modelled and published ------------------------------------------

@st.composite
def extractions(draw: st.DrawFn) -> tuple[Document, Extraction]:
    names = draw(st.lists(st.lists(word, min_size=1, max_size=3).map(" ".join), min_size=1, max_size=6,
                          unique_by=lambda s: s.casefold()))
    numbers = draw(st.lists(st.decimals(allow_nan=False, allow_infinity=False, places=draw(st.integers(0, 25)))
                            | st.integers(-(10 ** 25), 10 ** 25).map(Decimal), max_size=4))
    pieces, entities, quantities = [], [], []
    offset = 0
    for n, name in enumerate(names):
        lead = draw(hostile_text) + " "
        start = offset + len(lead)
        pieces.append(lead + name + " ")
        offset += len(lead) + len(name) + 1
        kind = draw(st.sampled_from(["person", "place", "group"]))
        entities.append(Entity(f"e{n}", kind, name, variants=(draw(hostile_text),) if draw(st.booleans()) else (),
                               mentions=(Mention(name, Span(start, start + len(name))),)))
    for n, number in enumerate(numbers):
        written = f"{number} {draw(word)}"
        start = offset
        pieces.append(written + " ")
        offset += len(written) + 1
        quantities.append(Quantity(f"q{n}", written, draw(word), value=number,
                                   mention=Mention(written, Span(start, start + len(written)))))
    body = "".join(pieces)
    rid = safe_key(draw(st.text(min_size=1, max_size=20)))
    doc = Document(path="f.txt", record_id=rid, title=draw(hostile_text.filter(str.strip)), text=body,
                   date=draw(st.sampled_from([None, "1962", "1962-04", "1962-04-21"])),
                   citation=draw(st.none() | hostile_text), summary=draw(st.none() | hostile_text),
                   paragraphs=(Span(0, len(body.rstrip())),), body_end=len(body))
    dates = (TimeSpan("d0", "21 April 1962", "1962-04-21", "1962-04-21"),)
    events = (Event("ev0", "move", draw(hostile_text.filter(str.strip)), actors=("e0",),
                    quantities=tuple(q.key for q in quantities), time="d0"),)
    return doc, Extraction(rid, entities=tuple(entities), quantities=tuple(quantities), dates=dates, events=events)


def triples_of(builder: GraphBuilder) -> set[str]:
    """The builder's triples in pyoxigraph's canonical N-Triples form (escapes written one way)."""
    return {f"{t.subject} {t.predicate} {t.object} ."
            for t in parse(builder.ntriples().encode("utf-8"), format=RdfFormat.N_TRIPLES)}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(extractions())
def test_published_files_parse_again_to_the_same_triples(tmp_path: Path, case: tuple[Document, Extraction]) -> None:
    doc, ex = case
    minter = Minter(BASE)
    iris, _ = assign_iris([ex], minter)
    builder = model_record(doc, ex, iris[0], minter, language="en", software_version="0.1.0")
    out = tmp_path / "out"
    write_graph_files(out, "records", doc.record_id, builder, BASE)
    expected = triples_of(builder)
    assert len(expected) == len(builder)

    ttl = (out / "records" / f"{doc.record_id}.ttl").read_bytes()
    assert {f"{t.subject} {t.predicate} {t.object} ." for t in parse(ttl, format=RdfFormat.TURTLE)} == expected
    assert len(rdflib.Graph().parse(data=ttl, format="turtle")) == len(expected)

    nq = (out / ".build" / f"{doc.record_id}.nq.part").read_bytes()
    quads = list(parse(nq, format=RdfFormat.N_QUADS))
    assert {f"{q.subject} {q.predicate} {q.object} ." for q in quads} == expected

    assemble(out, [(doc.record_id, f"records/{doc.record_id}.ttl", builder.graph.value)], BASE)
    trig = (out / "archivekg.trig").read_bytes()
    assert {f"{q.subject} {q.predicate} {q.object} ." for q in parse(trig, format=RdfFormat.TRIG)} == expected
    assert len(rdflib.Dataset().parse(data=trig, format="trig")) == len(expected)
    dump = (out / "archivekg.nq").read_bytes()  # the piece, padded with a comment to whole pages
    assert len(dump) % 4096 == 0 and {f"{q.subject} {q.predicate} {q.object} ." for q in
                                      parse(dump, format=RdfFormat.N_QUADS)} == expected
    assert len(rdflib.Dataset().parse(data=dump, format="nquads")) == len(expected)

    jsonld = (out / "records" / f"{doc.record_id}.jsonld").read_text(encoding="utf-8")
    json.loads(jsonld)
    ds = rdflib.Dataset()
    ds.parse(data=jsonld, format="json-ld")
    assert len(ds) == len(expected)
    assert {q.graph_name for q in quads} == {builder.graph}


def _prefixes() -> dict[str, str]:
    from archivekg.publish import prefixes_for

    return prefixes_for(BASE)


# ---- lines built to make regular expressions backtrack -----------------------------------------------

_N = 95_000  # just under the longest line a record may have
_S = " " * _N
_HEAD = "**May 2, 1963**\n\n**A Title**\n\n"
_END = "\n\n[...]\n\nText.\n"
PATHOLOGICAL = {
    "spaces then junk": _HEAD + _S + "x\n\nText.\n",
    "label then spaces": _HEAD + "Citation: a" + _S + "x" + _END,
    "bold label with spaces": _HEAD + "**" + _S + "Citation" + _S + ":" + _S + "x\n",
    "marker with spaces": _HEAD + _S + "**" + _S + "[" + _S + "x\n",
    "marker then spaces": _HEAD + "[...]" + _S + "x\n",
    "trailing url after spaces": _HEAD + "Citation:\n\nx" + _S + "y <https://x.org/a" + _END,
    "citation of initials": (_HEAD + "Citation:\n\n\"T\", 1962, Wilson Center Digital Archive, A"
                             + ". A" * (_N // 3) + _END),
    "many 'translated'": _HEAD + "Citation:\n\n\"T\", 1962. " + "translated from " * (_N // 16) + _END,
    "credits with spaces": _HEAD + "Credits:\n\nsupport from A" + _S + "B" + _END,
    "quotes after spaces": _HEAD + "Citation:\n\n" + '"' + _S + '"' * 100 + _END,
    "opening parentheses": _HEAD + "Original Language:\n\n" + "(" * _N + _END,
    "angle brackets": _HEAD + "Citation:\n\n" + "<" * _N + _END,
    "commas": _HEAD + "Citation:\n\n" + "," * _N + " Digital Archive" + _END,
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_parser_stays_linear_on_pathological_lines(name: str) -> None:
    import time

    started = time.perf_counter()
    with contextlib.suppress(IngestError):
        check_document(parse_wilson(PATHOLOGICAL[name], "f.txt"))
    assert time.perf_counter() - started < 2.0, f"{name}: the parser backtracks"
