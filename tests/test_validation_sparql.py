"""The SPARQL engine gives the same verdicts as pySHACL on every shape test graph."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from archivekg.validate import validate_graph
from archivekg.validation.compile import Compiler, compiled_checks
from archivekg.validation.sparql import validate_quads, validate_store
from test_shapes import BASE, CONFORMING, DATA, RULES, TEXT_IRI, load, patched, text

CASES = [CONFORMING, *RULES]


def quads_of(graph: rdflib.Graph) -> list[ox.Quad]:
    return list(ox.parse(graph.serialize(format="nt"), format=ox.RdfFormat.N_TRIPLES))


def verdict(report) -> set[tuple]:  # type: ignore[no-untyped-def]
    return {(v.focus, v.shape, v.path, v.value, v.message, v.severity, v.component, v.record, v.passage)
            for v in report.violations}


@pytest.mark.parametrize("case", CASES, ids=[p.stem for p in CASES])
def test_same_verdict_as_pyshacl(case: Path) -> None:
    graph = load(case) if case == CONFORMING else patched(case)
    reference = validate_graph(graph, base=BASE, texts={TEXT_IRI: text()})
    fast = validate_quads(quads_of(graph), BASE, texts={TEXT_IRI: text()})
    assert fast.conforms == reference.conforms
    assert verdict(fast) == verdict(reference)
    assert fast.describe() == reference.describe()


def test_a_store_graph_is_validated_on_its_own() -> None:
    store = ox.Store()
    good, bad = ox.NamedNode(BASE + "graph/record/good"), ox.NamedNode(BASE + "graph/record/bad")
    for name, graph in ((good, load(CONFORMING)), (bad, patched(DATA / "claim-asserter.ttl"))):
        store.extend(ox.Quad(q.subject, q.predicate, q.object, name) for q in quads_of(graph))
    assert validate_store(store, good.value, BASE).conforms
    report = validate_store(store, bad.value, BASE)
    assert [v.shape.rsplit("#", 1)[1] for v in report.violations] == ["Claim-asserter"]
    # The union of both graphs holds the asserter from the good copy.
    assert validate_store(store, [good.value, bad.value], BASE).conforms


def test_a_store_alone_cannot_see_integer_offsets() -> None:
    """A Store keeps xsd:nonNegativeInteger as xsd:integer; only the quads as given tell them apart."""
    graph = patched(DATA / "position-end.ttl")
    store = ox.Store()
    store.extend(quads_of(graph))
    assert validate_store(store, None, BASE).conforms
    assert not validate_quads(quads_of(graph), BASE).conforms


def test_checks_are_compiled_once_per_base() -> None:
    assert compiled_checks(BASE) is compiled_checks(BASE)
    other = compiled_checks("https://data.example.net/kg/")
    assert other != compiled_checks(BASE)
    assert any("https://data.example.net/kg/vocab#SourceAssertion" in c.query for c in other)
    # Far fewer queries than constraints: rules on one focus or one path share a query.
    assert len(compiled_checks(BASE)) < sum(len(c.rules) for c in compiled_checks(BASE)) / 1.5


def test_unsupported_shacl_is_refused_not_ignored() -> None:
    shapes = rdflib.Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:s> a sh:NodeShape ; sh:targetClass <urn:C> ;
            sh:property [ sh:path <urn:p> ; sh:maxLength 3 ] .""", format="turtle")
    compiler = Compiler(shapes, {})
    with pytest.raises(NotImplementedError, match="maxLength"):
        list(compiler.rules(rdflib.URIRef("urn:s")))


@pytest.mark.parametrize("case", CASES, ids=[p.stem for p in CASES])
def test_the_build_path_gives_the_same_verdict(case: Path) -> None:
    """The build validates the model's own terms (validate_graphs): facts read from the grouped
    terms, lines loaded as they are. It must say what validate_quads says."""
    from archivekg.model.terms import GraphBuilder, Term
    from archivekg.validation.engine import validate_graphs

    graph = load(case) if case == CONFORMING else patched(case)
    quads = quads_of(graph)
    if any(isinstance(q.subject, ox.BlankNode) for q in quads):
        pytest.skip("the model cannot write a blank subject")
    b = GraphBuilder(BASE + "graph/record/t")
    for q in quads:
        o = q.object.value if isinstance(q.object, ox.NamedNode) else Term(str(q.object))
        b.add(q.subject.value, q.predicate.value, o)
    reference = validate_quads(quads, BASE, texts={TEXT_IRI: text()})
    fast = validate_graphs([b], BASE, texts={TEXT_IRI: text()})
    assert verdict(fast) == verdict(reference)
    assert fast.describe() == reference.describe()
