"""The shapes, the vocabulary and the validator.

Each tests/data/shapes/<rule>.ttl breaks one rule of the conforming record graph
(tests/data/shapes/conforming.ttl): its subjects' descriptions replace theirs there, and its
first line names the shapes expected to report (``# expect: Shape ...``).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.namespace import RDFS, SH, SKOS

from archivekg.errors import ArchiveKGError, ValidationFailed
from archivekg.validate import RDFFileError, check_quotes, validate_files, validate_graph
from archivekg.validation.resources import shapes_graph, vocabulary_graph
from archivekg.vocab import PROJECT_VOCAB, SHAPES_DIR

BASE = "https://archivekg.example.org/"
DATA = Path(__file__).parent / "data" / "shapes"
CONFORMING = DATA / "conforming.ttl"
TEXT_IRI = BASE + "id/text/118180-en"
RULES = sorted(p for p in DATA.glob("*.ttl") if p != CONFORMING)
PYTHON_MESSAGES = {"NoBlankNodes": "blank nodes are not allowed in published data"}
CRM = "http://www.cidoc-crm.org/cidoc-crm/"


def load(path: Path, base: str = BASE) -> rdflib.Graph:
    return rdflib.Graph().parse(path, format="turtle", publicID=base)


def patched(rule: Path, base: str = BASE) -> rdflib.Graph:
    graph = load(CONFORMING, base)
    change = load(rule, base)
    for subject in set(change.subjects()):
        graph.remove((subject, None, None))
    return graph + change


def expected(rule: Path) -> set[str]:
    first = rule.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# expect:"), f"{rule.name} must start with '# expect: <Shape> ...'"
    return set(first.removeprefix("# expect:").split())


def text() -> str:
    return (DATA / "118180-en.txt").read_text(encoding="utf-8")


def shape_name(iri: str) -> str:
    return iri.rsplit("#", 1)[-1]


def declared_messages() -> dict[str, str]:
    shapes = shapes_graph(BASE)
    return {shape_name(str(s)): str(m) for s, m in shapes.subject_objects(SH.message)}


# ---------------------------------------------------------------------------------------------
# The shapes


def test_conforming_graph_conforms() -> None:
    report = validate_graph(load(CONFORMING), base=BASE, texts={TEXT_IRI: text()})
    assert report.conforms, report.describe()
    assert report.violations == ()
    assert report.describe() == "conforms: no violations"


@pytest.mark.parametrize("rule", RULES, ids=[p.stem for p in RULES])
def test_each_rule_is_reported_in_words(rule: Path) -> None:
    report = validate_graph(patched(rule), base=BASE)
    assert not report.conforms
    found = {shape_name(v.shape) for v in report.violations}
    assert found == expected(rule), report.describe()
    messages = declared_messages() | PYTHON_MESSAGES
    for v in report.violations:
        wanted = messages[shape_name(v.shape)]
        assert v.message.startswith(wanted)
        assert wanted in report.describe()
        assert v.severity == "Violation"
        assert not v.focus.startswith(BASE + "shapes#")


def test_every_shape_has_a_comment_and_every_constraint_a_message_and_a_rule_file() -> None:
    shapes = shapes_graph(BASE)
    named = {s for cls in (SH.NodeShape, SH.PropertyShape) for s in shapes.subjects(rdflib.RDF.type, cls)}
    structural = {rdflib.RDF.type, RDFS.label, RDFS.comment, SH.property, SH.targetClass,
                  SH.targetObjectsOf, SH.path}
    constraints = {s for s in named if set(shapes.predicates(s)) - structural - {SH.message}}
    for s in named:
        assert isinstance(s, rdflib.URIRef) and shapes.value(s, RDFS.comment), s
    for s in constraints:
        assert shapes.value(s, SH.message), s
    checked = {name for rule in RULES for name in expected(rule)} - set(PYTHON_MESSAGES)
    assert {shape_name(str(s)) for s in constraints} == checked


def test_claim_without_asserter_is_described_with_record_and_passage() -> None:
    graph = load(CONFORMING)
    claim = rdflib.URIRef(BASE + "id/claim/118180/tacheng-flight-count")
    graph.remove((claim, rdflib.URIRef(CRM + "P14_carried_out_by"), None))
    report = validate_graph(graph, base=BASE)
    (v,) = report.violations
    assert (v.focus, v.path, v.record) == (str(claim), CRM + "P14_carried_out_by", "118180")
    assert v.passage and v.passage.startswith("around 2,000 people fled")
    line = report.describe().splitlines()[0]
    assert line == ('record 118180: claim <…/claim/118180/tacheng-flight-count> — a claim must say who '
                    'made it (P14_carried_out_by); passage: "around 2,000 people fled to the Soviet '
                    'Union from Tacheng County from 10 April …"')
    with pytest.raises(ValidationFailed) as caught:
        report.raise_if_failed("record 118180")
    assert "who made it" in str(caught.value)


def test_entities_take_the_record_of_their_graph() -> None:
    report = validate_graph(patched(DATA / "entity-name.ttl"), base=BASE)
    (v,) = report.violations
    assert v.focus == BASE + "id/place/tacheng-county"
    assert v.record == "118180"
    assert validate_graph(patched(DATA / "entity-name.ttl"), base=BASE, record="x").violations[0].record == "x"


def test_shapes_follow_the_base() -> None:
    other = "https://data.example.net/kg/"
    assert validate_graph(load(CONFORMING, other), base=other).conforms
    # Data minted under one base fails the vocabulary checks of another.
    report = validate_graph(load(CONFORMING, other), base=BASE)
    assert {shape_name(v.shape) for v in report.violations} == {"Claim-sourceAssertion"}


# ---------------------------------------------------------------------------------------------
# Quotations against the text


def test_quotes_match_their_text_slices() -> None:
    graph = load(CONFORMING)
    assert check_quotes(graph, {TEXT_IRI: text()}, base=BASE) == ()
    quads = list(ox.parse(path=str(CONFORMING), format=ox.RdfFormat.TURTLE, base_iri=BASE))
    assert check_quotes(quads, {TEXT_IRI: text()}, base=BASE) == ()


def test_a_shifted_quote_is_reported_with_node_and_passage() -> None:
    graph = load(CONFORMING)
    quote = rdflib.URIRef(BASE + "id/annotation/118180/tacheng-flight-dates/quote")
    exact = rdflib.URIRef("http://www.w3.org/ns/oa#exact")
    graph.set((quote, exact, rdflib.Literal("from 10 April to 20 April")))
    report = validate_graph(graph, base=BASE, texts={TEXT_IRI: text()})
    (v,) = report.violations
    assert v.focus == str(quote) and v.passage == "from 10 April to 20 April"
    assert "characters 506–536" in v.message and '"from 10 April through 20 April"' in v.message
    assert shape_name(v.shape) == "QuoteMatchesText" and v.record == "118180"


def test_a_position_beyond_the_text_is_reported() -> None:
    short = text()[:500]
    found = check_quotes(load(CONFORMING), {TEXT_IRI: short}, base=BASE)
    assert [v.focus.rsplit("/", 2)[-2:] for v in found] == [["tacheng-flight-count", "position"],
                                                          ["tacheng-flight-dates", "position"]]
    assert all("outside the text (which has 500 characters)" in v.message for v in found)


def test_quotes_of_texts_not_supplied_are_noted_but_conform() -> None:
    report = validate_graph(load(CONFORMING), base=BASE, texts={})
    assert report.conforms
    assert [(v.severity, v.focus) for v in report.violations] == [("Info", TEXT_IRI)]
    assert report.describe().splitlines()[-1] == "0 violations, 1 note"


def test_reports_are_deterministic() -> None:
    graph = patched(DATA / "no-blank-nodes.ttl") + patched(DATA / "timespan-order.ttl")
    reordered = rdflib.Graph()
    for triple in sorted(graph, key=str, reverse=True):
        reordered.add(triple)
    first = validate_graph(graph, base=BASE).describe()
    assert first == validate_graph(reordered, base=BASE).describe()
    assert first.splitlines()[-1] == "3 violations"  # blank node; two begins, one after the end


# ---------------------------------------------------------------------------------------------
# The vocabulary


def vocab_terms_used(text: str, prefix: str) -> set[str]:
    return set(re.findall(re.escape(prefix) + r"([A-Za-z]+)\b", text))


def test_vocabulary_declares_every_term_the_shapes_use() -> None:
    vocab = vocabulary_graph(BASE)
    used = {o for o in shapes_graph(BASE).objects() if str(o).startswith(BASE + "vocab#")}
    used |= {BASE + "vocab#" + t for t in
             vocab_terms_used((SHAPES_DIR / "archivekg.shacl.ttl").read_text(encoding="utf-8"), "voc:")}
    assert used
    for term in used:
        term = rdflib.URIRef(term)
        assert vocab.value(term, RDFS.label), term
        assert vocab.value(term, SKOS.definition) or vocab.value(term, RDFS.comment), term


def test_vocabulary_declares_every_term_the_code_uses() -> None:
    source = Path(__file__).parents[1] / "src" / "archivekg"
    used = set()
    for path in source.rglob("*.py"):
        code = path.read_text(encoding="utf-8")
        used |= set(re.findall(r'vocab \+ "([A-Za-z]+)"', code))
        for choice in re.findall(r"vocab \+ \(([^)]*)\)", code):  # vocab + ("A" if x else "B")
            used |= set(re.findall(r'(?:^|else )"([A-Za-z]+)"', choice))
        used |= set(re.findall(r'\.term\("([A-Za-z]+)"\)', code))
    vocab = vocabulary_graph(BASE)
    missing = sorted(t for t in used if not vocab.value(rdflib.URIRef(BASE + "vocab#" + t), RDFS.label))
    assert not missing, f"declare these in ontology/archivekg.ttl: {missing}"


def test_vocabulary_terms_land_under_the_base_with_label_and_definition() -> None:
    for base in (BASE, "https://data.example.net/kg/"):
        vocab = rdflib.Graph().parse(PROJECT_VOCAB, format="turtle", publicID=base)
        subjects = {s for s in vocab.subjects() if isinstance(s, rdflib.URIRef)}
        assert subjects and all(str(s).startswith(base + "vocab") for s in subjects)
        for s in subjects:
            assert vocab.value(s, RDFS.label), s
    vocab = vocabulary_graph(BASE)
    crm = rdflib.Namespace(CRM)
    member = rdflib.URIRef(BASE + "vocab#hasMemberCount")
    assert (member, rdflib.RDF.type, rdflib.RDF.Property) in vocab
    assert (member, rdflib.RDF.type, crm.E55_Type) in vocab
    assert (member, RDFS.domain, crm.E74_Group) in vocab and (member, RDFS.range, crm.E54_Dimension) in vocab
    wanted = [
        "SourceAssertion", "Approximate", "Relative", "IncompleteStatistics", "Unverified", "DetailsUnknown",
        "Reported", "TelephoneReport", "Translating", "ArchivalReference", "ArchiveSiglum", "RecordNumber",
        "Cohort", "PreferredName", "VariantName", "TranslatorVariant", "UncertainTransliteration",
        "Pseudonym", "AsWritten", "Count", "Weight", "Duration", "Length", "Money", "Area", "Volume",
        "Flight", "Movement", "Visit", "Meeting", "Sending", "Letter", "Statement", "Request", "Demand",
        "Proposal", "Arrest", "Recapture", "Broadcast", "Report", "Appointment",
    ]
    for name in wanted:
        term = rdflib.URIRef(BASE + "vocab#" + name)
        assert (term, rdflib.RDF.type, crm.E55_Type) in vocab, name
        assert vocab.value(term, SKOS.definition), name
        assert vocab.value(term, crm.P127_has_broader_term), name


# ---------------------------------------------------------------------------------------------
# Files


def write_dataset(tmp_path: Path, rule: Path | None = None) -> Path:
    """The test record as N-Quads: its own named graph, with the entity labels moved to a shared
    entities graph as the publisher does."""
    graph = patched(rule) if rule else load(CONFORMING)
    entities = ox.NamedNode(BASE + "graph/entities")
    record = ox.NamedNode(BASE + "graph/record/118180")
    quads = []
    for quad in ox.parse(graph.serialize(format="nt"), format=ox.RdfFormat.N_TRIPLES):
        place_label = quad.predicate.value == str(RDFS.label) and "/id/place/" in str(quad.subject)
        quads.append(ox.Quad(quad.subject, quad.predicate, quad.object, entities if place_label else record))
    path = tmp_path / "archivekg.nq"
    path.write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    return path


def test_validate_files_takes_each_record_graph_with_its_shared_entities(tmp_path: Path) -> None:
    assert validate_files([write_dataset(tmp_path)]).conforms
    broken = validate_files([write_dataset(tmp_path, DATA / "claim-asserter.ttl")])
    assert [(shape_name(v.shape), v.record) for v in broken.violations] == [("Claim-asserter", "118180")]


def test_validate_files_reads_turtle_and_offline_jsonld(tmp_path: Path) -> None:
    graph = load(CONFORMING)
    (tmp_path / "context.jsonld").write_text(json.dumps({"@context": {"crm": CRM}}), encoding="utf-8")
    data = json.loads(graph.serialize(format="json-ld"))
    (tmp_path / "record.jsonld").write_text(json.dumps({"@context": "context.jsonld", "@graph": data}),
                                            encoding="utf-8")
    ttl = tmp_path / "record.ttl"
    graph.serialize(ttl, format="turtle")
    report = validate_files([ttl, tmp_path / "record.jsonld"], BASE)
    assert report.conforms, report.describe()


def test_remote_jsonld_context_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "remote.jsonld"
    path.write_text(json.dumps({"@context": "https://example.org/nowhere/ctx.jsonld", "@id": BASE + "id/x"}),
                    encoding="utf-8")
    with pytest.raises(RDFFileError) as caught:
        validate_files([path], BASE)
    assert caught.value.path == str(path) and "context" in (caught.value.hint or "")


@pytest.mark.parametrize(("name", "content", "line"), [
    ("bad.ttl", '@prefix ex: <http://e/> .\nex:a ex:b ex:c .\nex:a ex:b "open\n', 3),
    ("bad.nt", "<http://e/a> <http://e/b> <http://e/c> .\n<http://e/a> <http://e/b> c .\n", 2),
    ("bad.jsonld", '{"@id": "http://e/a",\n "http://e/b": }', 2),
])
def test_parse_errors_carry_path_and_line(tmp_path: Path, name: str, content: str, line: int) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RDFFileError) as caught:
        validate_files([path], BASE)
    assert isinstance(caught.value, ArchiveKGError)
    assert (caught.value.path, caught.value.line) == (str(path), line)
    assert f"{path}:{line}" in str(caught.value)


def test_unknown_extension_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(RDFFileError, match="unknown RDF format"):
        validate_files([tmp_path / "data.csv"], BASE)
    with pytest.raises(RDFFileError, match="no such file"):
        validate_files([tmp_path / "absent.ttl"], BASE)
