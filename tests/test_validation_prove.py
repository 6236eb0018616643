"""The quick proof (validation.prove) says "conforms" only where the compiled checks find nothing."""
from __future__ import annotations

import random
from pathlib import Path

import pyoxigraph as ox
import pytest

from archivekg.model.terms import GraphBuilder, Term
from archivekg.validation.prove import Data, proven
from archivekg.validation.sparql import validate_quads
from test_shapes import BASE, CONFORMING, RULES, load, patched
from test_validation_sparql import quads_of

XSD = "http://www.w3.org/2001/XMLSchema#"


def builder(quads: list[ox.Quad]) -> GraphBuilder:
    b = GraphBuilder(BASE + "graph/record/t")
    for q in quads:
        o = q.object.value if isinstance(q.object, ox.NamedNode) else Term(str(q.object))
        b.add(q.subject.value, q.predicate.value, o)
    return b


def compiled_violations(quads: list[ox.Quad]) -> list[str]:
    """What the compiled checks report (the Python checks, quotes and blank nodes, left out)."""
    return [v.component for v in validate_quads(quads, BASE).violations if not v.component.startswith("python:")]


def test_the_conforming_graph_is_proven() -> None:
    quads = quads_of(load(CONFORMING))
    assert proven(Data([builder(quads).groups()]), BASE)


@pytest.mark.parametrize("case", RULES, ids=[p.stem for p in RULES])
def test_a_broken_rule_is_never_proven(case: Path) -> None:
    quads = quads_of(patched(case))
    if any(isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode) for q in quads):
        pytest.skip("blank nodes are read by the Python checks")
    if compiled_violations(quads):
        assert not proven(Data([builder(quads).groups()]), BASE)


OBJECTS = ['"x"', '"x"@en', '"x"@EN-gb', '"x"@fr', '""', f'"x"^^<{XSD}string>', f'"5"^^<{XSD}integer>',
           f'"5"^^<{XSD}nonNegativeInteger>', f'"-1"^^<{XSD}nonNegativeInteger>', f'"05"^^<{XSD}nonNegativeInteger>',
           f'"99999999999999999999"^^<{XSD}nonNegativeInteger>', f'"7"^^<{XSD}long>', f'"1.5"^^<{XSD}decimal>',
           f'"abc"^^<{XSD}decimal>', f'"2020-01-01"^^<{XSD}date>', f'"2020-02-30"^^<{XSD}date>',
           f'"2020"^^<{XSD}gYear>', f'"2020-01-01T00:00:00"^^<{XSD}dateTime>',
           f'"2020-01-01T00:00:00Z"^^<{XSD}dateTime>', f'"1999-12-31T23:59:59"^^<{XSD}dateTime>',
           '"a \\"quoted\\" \\\\ word"', f'"05"^^<{XSD}integer>', "<http://example.org/other>"]


def _mutant(quads: list[ox.Quad], rng: random.Random) -> list[ox.Quad]:
    quads = list(quads)
    subjects = sorted({q.subject for q in quads}, key=str)
    predicates = sorted({q.predicate for q in quads}, key=str)
    objects = sorted({q.object for q in quads}, key=str)
    pool = [*objects, *(next(ox.parse(f"<urn:s> <urn:p> {o} .", format=ox.RdfFormat.N_TRIPLES)).object
                        for o in OBJECTS)]
    for _ in range(rng.randint(1, 3)):
        kind = rng.randrange(5)
        i = rng.randrange(len(quads))
        q = quads[i]
        if kind == 0:
            del quads[i]
        elif kind == 1:  # another value for the same property
            quads.append(ox.Quad(q.subject, q.predicate, rng.choice(pool)))
        elif kind == 2:  # a changed value
            quads[i] = ox.Quad(q.subject, q.predicate, rng.choice(pool))
        elif kind == 3:  # a node of another class, or the same statement about another node
            quads.append(ox.Quad(rng.choice(subjects), q.predicate, q.object))
        else:  # a property moved to another predicate
            quads[i] = ox.Quad(q.subject, rng.choice(predicates), q.object)
    return [q for q in quads if not isinstance(q.subject, ox.Literal)]


def test_whatever_is_proven_the_compiled_checks_pass() -> None:
    """Random damage to the conforming graph (and to each rule's graph): wherever the proof
    holds, the compiled checks must find nothing."""
    rng = random.Random(20240611)
    conforming = quads_of(load(CONFORMING))
    bases = [quads_of(patched(p)) for p in RULES]
    held = 0
    for n in range(600):
        base = conforming if n % 3 else bases[n % len(bases)]
        quads = _mutant(base, rng)
        if any(isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode) for q in quads):
            continue
        if proven(Data([builder(quads).groups()]), BASE):
            held += 1
            assert compiled_violations(quads) == [], [str(q) for q in quads if q not in base]
    assert held > 60  # the proof is not simply refused


def test_the_union_of_graphs_is_what_is_proven() -> None:
    """Two graphs repeating a subject are read as their union: a second label in another graph
    breaks a maximum of one."""
    quads = quads_of(load(CONFORMING))
    entity = next(q.subject for q in quads if q.object == ox.NamedNode("http://www.cidoc-crm.org/cidoc-crm/E21_Person"))
    other = GraphBuilder(BASE + "graph/record/u")
    other.add(entity.value, "http://www.w3.org/2000/01/rdf-schema#label", Term('"Another name"'))
    assert not proven(Data([builder(quads).groups(), other.groups()]), BASE)
    assert proven(Data([builder(quads).groups(), builder(quads).groups()]), BASE)


def test_a_constraint_given_twice_is_not_taken_as_one() -> None:
    import rdflib

    from archivekg.validation.prove import Prover

    shapes = rdflib.Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:s> a sh:NodeShape ; sh:targetClass <urn:C> ; sh:property <urn:p> .
        <urn:p> sh:path <urn:q> ; sh:maxCount 1, 2 ; sh:minCount 1 .""", format="turtle")
    keys, _ = Prover(shapes, {}).proof(rdflib.URIRef("urn:s"))
    assert ("urn:p", "MinCountConstraintComponent") in keys
    assert ("urn:p", "MaxCountConstraintComponent") not in keys
