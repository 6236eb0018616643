"""The model stage on plain values: IRIs, claims, dimensions, passages, determinism."""
from __future__ import annotations

from decimal import Decimal

import pytest
from pyoxigraph import Literal, NamedNode

from archivekg.identity import assign_iris
from archivekg.model import model_record
from archivekg.model.terms import decimal, iri
from archivekg.publish.jsonld import Compactor, context
from archivekg.records import (
    ArchiveRef,
    Document,
    Entity,
    Event,
    Extraction,
    Mention,
    Quantity,
    Span,
    TimeSpan,
)
from archivekg.vocab import CRM_NS, Minter, crm, safe_key, slug

BASE = "https://data.example.org/"
TEXT = ("Around 2,000 people fled from Tacheng [Qoqek] to the Soviet Union from 10 April through "
        "20 April. Chairman Mao spoke.")


def _doc() -> Document:
    return Document(path="x.txt", record_id="42", title="A cable", text=TEXT, date="1962-04-21",
                    citation="A cable, April 21, 1962, PRC FMA 1-2, 3.", url="https://example.org/document/42",
                    archive_refs=(ArchiveRef("PRC FMA 1-2, 3", "PRC FMA", "PRC FMA 1-2", "1-2", "3"),),
                    translators=("Ann Example",), language_code="zh", body_end=len(TEXT))


def _span(s: str) -> Mention:
    i = TEXT.index(s)
    return Mention(s, Span(i, i + len(s)))


def _extraction() -> Extraction:
    return Extraction(
        "42",
        entities=(Entity("tacheng", "place", "Tacheng", variants=("Qoqek",), mentions=(_span("Tacheng [Qoqek]"),)),
                  Entity("su", "place", "Soviet Union", mentions=(_span("Soviet Union"),)),
                  Entity("mao", "person", "Mao Zedong", mentions=(_span("Chairman Mao"),)),
                  Entity("cohort", "cohort", "people who fled")),
        dates=(TimeSpan("d1", "from 10 April through 20 April", "1962-04-10", "1962-04-20",
                        mention=_span("from 10 April through 20 April")),),
        quantities=(Quantity("q1", "Around 2,000 people", "person", value=Decimal(2000), approximation="around",
                             counts="cohort", mention=_span("Around 2,000 people")),),
        events=(Event("flight", "move", "Flight from Tacheng", actors=("cohort",), origin="tacheng",
                      destination="su", time="d1", quantities=("q1",), qualifiers=("approximate",),
                      mention=_span(TEXT[:TEXT.index(".") + 1])),),
    )


def _model() -> set[tuple[str, str, str]]:
    m = Minter(BASE)
    ex = _extraction()
    iris, _ = assign_iris([ex], m)
    b = model_record(_doc(), ex, iris[0], m)
    return {(s.value, p.value, o.value if isinstance(o, NamedNode) else str(o)) for s, p, o in b.triples()}


def test_closed_crm_vocabulary_refuses_typos() -> None:
    assert crm("P14_carried_out_by") == CRM_NS + "P14_carried_out_by"
    with pytest.raises(AttributeError):
        crm("P14_carried_out_bu")
    with pytest.raises(AttributeError):
        crm("P131_is_identified_by")  # a 6.2-era property, gone in 7.1


def test_slug_and_safe_keys() -> None:
    assert slug("Tacheng [Qoqek]") == "tacheng-qoqek"
    assert slug("Ai-er-de [sic]") == "ai-er-de"
    assert slug("Gomułka") == "gomu-ka" or slug("Gomułka").startswith("gomu")
    assert slug("Kádár") == "kadar"
    assert safe_key("118180") == "118180"
    assert "/" not in safe_key("../../etc/passwd") and ".." not in safe_key("../../etc/passwd")


def test_iri_refuses_unsafe_characters() -> None:
    for bad in ("http://x.org/a b", 'http://x.org/"', "http://x.org/<a>", "no-scheme"):
        with pytest.raises(ValueError):
            iri(bad)


def test_decimal_literals_are_canonical() -> None:
    assert decimal(Decimal("2000")) == '"2000"^^<http://www.w3.org/2001/XMLSchema#decimal>'
    assert decimal(Decimal("1.50")).startswith('"1.5"^^')


def test_literals_with_quotes_newlines_and_controls_parse_back() -> None:
    from pyoxigraph import RdfFormat, parse

    from archivekg.model.terms import GraphBuilder

    b = GraphBuilder("https://data.example.org/graph/t")
    nasty = 'He said "no"\nthen\\left\x07 \u202eRTL'
    b.text("https://data.example.org/id/x/1", "http://www.w3.org/2000/01/rdf-schema#label", nasty)
    (quad,) = list(parse(b.nquads().encode("utf-8"), format=RdfFormat.N_QUADS))
    assert isinstance(quad.object, Literal)
    assert quad.object.value == nasty.replace("\x07", "")


def test_flight_claims_are_attributed_documented_and_anchored() -> None:
    t = _model()
    e13 = CRM_NS + "E13_Attribute_Assignment"
    claims = {s for s, p, o in t if o == e13}
    assert len(claims) == 5  # carried out by, moved from, moved to, time-span, member count
    doc = BASE + "id/document/42"
    for c in claims:
        assert (c, CRM_NS + "P70i_is_documented_in", doc) in t
        assert (c, CRM_NS + "P4_has_time-span", BASE + "id/timespan/1962-04-21") in t
        assert any(s == c and p == CRM_NS + "P14_carried_out_by" for s, p, _ in t)
        assert any(p == "http://www.w3.org/ns/oa#hasBody" and o == c for _, p, o in t)
    props = {o for s, p, o in t if s in claims and p == CRM_NS + "P177_assigned_property_of_type"}
    assert BASE + "vocab#hasMemberCount" in props and CRM_NS + "P26_moved_to" in props
    # "approximate" qualifies the head-count claim only, not where they went or when.
    approximate = {s for s, p, o in t if s in claims and (p, o) == (CRM_NS + "P2_has_type", BASE + "vocab#Approximate")}
    counted = {s for s, p, o in t if s in claims and p == CRM_NS + "P177_assigned_property_of_type"
               and o == BASE + "vocab#hasMemberCount"}
    assert approximate == counted and len(counted) == 1


def test_document_refers_to_named_entities_but_not_cohorts() -> None:
    t = _model()
    refs = {o for s, p, o in t if p == CRM_NS + "P67_refers_to" and s == BASE + "id/document/42"}
    assert refs == {BASE + "id/place/tacheng", BASE + "id/place/soviet-union", BASE + "id/person/mao-zedong"}


def test_variants_are_typed_appellations_and_alt_labels() -> None:
    t = _model()
    tacheng = BASE + "id/place/tacheng"
    assert (tacheng, "http://www.w3.org/2004/02/skos/core#altLabel", '"Qoqek"') in t
    apps = {o for s, p, o in t if s == tacheng and p == CRM_NS + "P1_is_identified_by"}
    assert len(apps) == 2
    assert any((a, CRM_NS + "P2_has_type", BASE + "vocab#VariantName") in t for a in apps)


def test_quantities_and_dates() -> None:
    t = _model()
    assert any(p == CRM_NS + "P90_has_value" and o.startswith('"2000"') for _, p, o in t)
    spans = {s for s, p, o in t if o == CRM_NS + "E52_Time-Span"}
    assert len(spans) == 1
    (span,) = spans
    assert (span, CRM_NS + "P82a_begin_of_the_begin",
            '"1962-04-10T00:00:00"^^<http://www.w3.org/2001/XMLSchema#dateTime>') in t
    assert (span, CRM_NS + "P82b_end_of_the_end",
            '"1962-04-20T23:59:59"^^<http://www.w3.org/2001/XMLSchema#dateTime>') in t


def test_model_is_deterministic() -> None:
    assert _model() == _model()


def test_every_iri_follows_the_minting_pattern() -> None:
    import re

    pattern = re.compile(r"^" + re.escape(BASE) + r"(id/[a-z-]+/[A-Za-z0-9._~/-]+|vocab#\w+|graph/[\w/-]+)$")
    for s, _, o in _model():
        for term in (s, o):
            if term.startswith(BASE):
                assert pattern.match(term), term


def test_jsonld_compactor_never_produces_ambiguous_compact_iris() -> None:
    c = Compactor(context(BASE))
    assert c(CRM_NS + "E9_Move") == "crm:E9_Move"
    assert c(BASE + "id/place/tacheng") == "id:place/tacheng"
    assert c("http://other.org/x") == "http://other.org/x"


def test_jsonld_nodes_are_written_as_json_dumps_writes_them() -> None:
    """jsonld_of writes each node from ready parts; it must give the bytes json.dumps gives,
    escapes, tabs, language tags, datatypes and escapes it does not take over included."""
    import json

    from archivekg.model.terms import GraphBuilder, Term, text, typed
    from archivekg.publish import lines

    b = GraphBuilder(BASE + "graph/t")
    s = BASE + "id/x/1"
    for n, value in enumerate(["a\tb", 'q"uote', "back\\slash\\u", "nl\nr\r", "\u2028 ünï", "plain"]):
        b.add(s, "http://www.w3.org/2000/01/rdf-schema#label", text(value, "en" if n % 2 else None))
        b.add(s, BASE + "vocab#v", typed(value, "http://www.w3.org/2001/XMLSchema#string"))
        b.add(s, BASE + "vocab#w", typed(value, "http://www.w3.org/2001/XMLSchema#date"))
    b.add(s, BASE + "vocab#u", Term('"a\\u0001b\\tc"'))  # escapes only a parsed file would hold
    b.add(s, BASE + "vocab#o", BASE + "id/x/2")
    b.a(s, CRM_NS + "E9_Move", CRM_NS + "E5_Event")
    compact = Compactor(context(BASE))
    node = {"@id": compact(s)}
    for p, objs in b.groups()[0][1].items():
        key = "@type" if p == lines.RDF_TYPE else compact(p[1:-1])
        node[key] = [compact(o[1:-1]) for o in objs] if key == "@type" else \
            [lines._jsonld_value(o, compact) for o in objs]
    written = lines.jsonld_of(b.groups(), BASE, BASE + "graph/t").decode("utf-8")
    assert written.split("\n")[-4] == json.dumps(node, ensure_ascii=False)
    assert json.loads(written)["@graph"] == [node]


def test_names_without_latin_letters_get_distinct_keys() -> None:
    keys = {slug(n) for n in ("毛泽东", "周恩来", "Ким Ир Сен", "ኢትዮጵያ")}
    assert len(keys) == 4
    assert slug("毛泽东") == slug("毛泽东")


def test_original_languages_are_named_nodes_with_or_without_a_code() -> None:
    from dataclasses import replace

    m = Minter(BASE)
    ex = _extraction()
    iris, _ = assign_iris([ex], m)
    doc = replace(_doc(), original_language="Tigrinya and Amharic", language_code=None)
    b = model_record(doc, ex, iris[0], m)
    got = {(s.value, p.value, o.value if isinstance(o, NamedNode) else str(o)) for s, p, o in b.triples()}
    d = m.id("document", "42")
    langs = {o for s, p, o in got if s == d and p == crm("P72_has_language")}
    assert langs == {m.id("language", "tigrinya"), m.id("language", "amharic")}
    labels = {s: o for s, p, o in got if p == "http://www.w3.org/2000/01/rdf-schema#label" and s in langs}
    assert labels == {m.id("language", "tigrinya"): '"Tigrinya"', m.id("language", "amharic"): '"Amharic"'}
    assert (d, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", crm("E33_Linguistic_Object")) in got


@pytest.mark.parametrize("per_chunk", [1, 2, 3, 1000])
def test_nquads_in_chunks_are_the_nquads(per_chunk: int) -> None:
    from archivekg.model.terms import GraphBuilder, text

    def graph() -> GraphBuilder:
        b = GraphBuilder("https://data.example.org/graph/c")
        for n, label in enumerate(["Tacheng [Qoqek]", "Urümqi", "a .\nb", "Ili"]):
            b.add_terms(iri(f"https://data.example.org/id/place/p{n}"),
                        iri("http://www.w3.org/2000/01/rdf-schema#label"), text(label))
        return b

    whole = graph().nquads().encode("utf-8")
    fresh = graph()  # nothing cached yet: the chunks are made from the lines
    chunks = list(fresh.nquads_chunks(per_chunk))
    assert b"".join(chunks) == whole and whole.count(b" <https://data.example.org/graph/c> .\n") == 4
    assert len(chunks) == -(-4 // per_chunk)
