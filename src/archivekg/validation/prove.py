"""A quick proof, in Python over the model's own terms, that the compiled checks would find nothing.

Loading a batch into a Store and running the compiled queries is most of what validation costs,
and on the data the model writes they find nothing. This reads the same shapes (the shapes file
stays the single source of the rules) and, for every focus node and value, decides each
constraint only where it can do so exactly from the N-Triples terms: a class by the node's
rdf:type terms, a count by the distinct values, a datatype by the term's suffix and a lexical
form of the plainest kind (``"12"^^xsd:nonNegativeInteger``, ``"1987-03-26"^^xsd:date``) ...
Anything else (a datatype written another way, a comparison of other values, an unknown
parameter) is "unknown", and then the compiled queries run as before. So ``proven`` is True
only where the queries would return no row; it never decides a violation or a message.

Three-valued answers: True (conforms), False (certainly does not: used only where it is as
exact as True, for classes, node kinds and counts) and None (unknown).
"""
from __future__ import annotations

import datetime
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from decimal import Decimal
from functools import lru_cache

import rdflib
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, XSD

from ..model.terms import Group
from .compile import HANDLED, STRUCTURE, component_name
from .facts import value_of
from .resources import normalise_base, shapes_graph, subclasses

RDF_TYPE = f"<{RDF.type}>"
Tri = bool | None
Test = Callable[["Data", str], Tri]  # a value (or focus node) -> does it conform
Proof = Callable[["Data"], bool]  # the data -> no focus node breaks the rules
FocusTest = Callable[["Data", set[str]], bool]  # the focus nodes -> they keep the rules
Key = tuple[str, str]  # a rule: its shape and component, as compile.Rule names them

_INTEGER = re.compile(r"-?[0-9]{1,18}")  # within what a Store's integers hold
_DECIMAL = re.compile(r"-?[0-9]{1,15}(\.[0-9]{1,15})?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATETIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}")
_PLAIN_PATTERN = re.compile(r"[A-Za-z0-9/._~\-\[\]()|+*?^$]*")  # same meaning in SPARQL and Python
XSD_STRING, LANG_STRING, XSD_DATETIME = f"<{XSD.string}>", f"<{RDF.langString}>", f"<{XSD.dateTime}>"
_STRINGS = {XSD_STRING, LANG_STRING}
# A node kind as the first characters of the terms it allows.
_KINDS = {SH.IRI: "<", SH.Literal: '"', SH.BlankNode: "_", SH.IRIOrLiteral: '<"', SH.BlankNodeOrIRI: "_<",
          SH.BlankNodeOrLiteral: '_"'}
# Parameters a property check holds one of (the others are lists of tests).
_ONE_EACH = {SH.minCount, SH.maxCount, SH.hasValue, SH.lessThanOrEquals, SH.nodeKind}
# rdflib looks namespace members up on each use: these are read per value.
_XSD_INTEGER, _XSD_DECIMAL, _XSD_DATE, _XSD_DATETIME = XSD.integer, XSD.decimal, XSD.date, XSD.dateTime


class Data:
    """The union of some graphs, by subject, predicate and class (all as N-Triples terms)."""

    def __init__(self, graphs: Iterable[list[Group]]) -> None:
        spo: dict[str, dict[str, list[str]]] = {}
        instances: dict[str, list[str]] = defaultdict(list)
        merged: set[str] = set()  # subjects whose dict is a copy of their first graph's, and ours
        for groups in graphs:
            for st, preds in groups:
                have = spo.get(st)
                if have is None:
                    spo[st] = preds  # the builder's own, never changed here (see below)
                    for c in preds.get(RDF_TYPE, ()):
                        instances[c].append(st)
                    continue
                if st not in merged:
                    merged.add(st)
                    have = spo[st] = dict(have)
                for pt, objs in preds.items():
                    old = have.get(pt)
                    if pt == RDF_TYPE:
                        for c in objs:
                            if old is None or c not in old:
                                instances[c].append(st)
                    have[pt] = objs if old is None else sorted(set(old).union(objs))
        self.spo = spo
        self.instances = instances
        self._inverse: dict[str, dict[str, list[str]]] = {}
        self.focus: dict[rdflib.term.Node, set[str]] = {}  # per node shape, once found

    def values(self, node: str, predicate: str, inverse: bool) -> list[str]:
        if not inverse:
            preds = self.spo.get(node)
            return preds.get(predicate, []) if preds is not None else []
        index = self._inverse.get(predicate)
        if index is None:
            index = self._inverse[predicate] = defaultdict(list)
            for st, preds in self.spo.items():
                for o in preds.get(predicate, ()):
                    index[o].append(st)
        return index.get(node, [])


def _literal(term: str) -> tuple[str, str, str] | None:
    """(lexical as written, language, datatype term) of a literal term; None for an IRI."""
    if term[0] != '"':
        return None
    end = term.rindex('"')
    rest = term[end + 1:]
    if not rest:
        return term[1:end], "", XSD_STRING
    if rest[0] == "@":
        return term[1:end], rest[1:], LANG_STRING
    return term[1:end], "", rest[2:]


def _text(term: str) -> str | None:
    """STR() of an IRI or a string literal. None for other literals: a Store may hold another
    lexical form of them ("05" as 5)."""
    if term[0] == "<":
        return term[1:-1]
    found = _literal(term)
    if found is None or found[2] not in _STRINGS:
        return None
    return value_of(term)


def _valid(datatype: rdflib.term.Node, lexical: str) -> bool:
    """A lexical form of the plainest kind, which the compiled cast surely accepts."""
    if "\\" in lexical:
        return False
    if datatype == _XSD_INTEGER:
        return bool(_INTEGER.fullmatch(lexical))
    if datatype == _XSD_DECIMAL:
        return bool(_DECIMAL.fullmatch(lexical))
    try:
        if datatype == _XSD_DATE:
            return bool(_DATE.fullmatch(lexical)) and datetime.date.fromisoformat(lexical).year >= 1
        if datatype == _XSD_DATETIME:
            return bool(_DATETIME.fullmatch(lexical)) and datetime.datetime.fromisoformat(lexical).year >= 1
    except ValueError:
        return False
    return False


_NUMBER_TYPES = "(?:integer|nonNegativeInteger|decimal)"
_WHOLE = re.compile(rf'"(-?[0-9]{{1,18}})"\^\^<{re.escape(str(XSD))}{_NUMBER_TYPES}>')
_FRACTION = re.compile(rf'"(-?[0-9]{{1,15}}\.[0-9]{{1,15}})"\^\^<{re.escape(str(XSD))}{_NUMBER_TYPES}>')


def _number(term: str) -> int | Decimal | None:
    """A number plainly written as xsd:integer, xsd:nonNegativeInteger or xsd:decimal."""
    found = _WHOLE.fullmatch(term)
    if found:
        return int(found.group(1))
    found = _FRACTION.fullmatch(term)
    return Decimal(found.group(1)) if found else None


def _less_or_equal(a: str, b: str) -> bool:
    """Surely ``a <= b`` as SPARQL compares them: two plain numbers, or two dateTimes written
    alike without a time zone."""
    x, y = _number(a), _number(b)
    if x is not None and y is not None:
        return x <= y
    la, lb = _literal(a), _literal(b)
    if la and lb and la[2] == lb[2] == XSD_DATETIME and _valid(_XSD_DATETIME, la[0]) and _valid(_XSD_DATETIME, lb[0]):
        return la[0] <= lb[0]
    return False


class Prover:
    """The shapes as Python tests, one Proof per compiled rule (by shape and component)."""

    def __init__(self, graph: rdflib.Graph, closure: dict[str, frozenset[str]]) -> None:
        self.g = graph
        self.closure = closure

    def classes(self, *classes: rdflib.term.Node) -> frozenset[str]:
        return frozenset(f"<{c}>" for cls in classes for c in self.closure.get(str(cls), frozenset({str(cls)})))

    def path(self, shape: rdflib.term.Node) -> tuple[str, bool] | None:
        path = self.g.value(shape, SH.path)
        if isinstance(path, rdflib.URIRef):
            return f"<{path}>", False
        inverse = self.g.value(path, SH.inversePath) if path is not None else None
        if isinstance(inverse, rdflib.URIRef):
            return f"<{inverse}>", True
        return None

    def params(self, shape: rdflib.term.Node) -> list[tuple[rdflib.term.Node, rdflib.term.Node]] | None:
        found = sorted(((p, o) for p, o in self.g.predicate_objects(shape) if p not in STRUCTURE), key=str)
        return None if {p for p, _ in found} - HANDLED else found

    # -- value tests: does one node conform ---------------------------------------------------
    def value_test(self, param: rdflib.term.Node, arg: rdflib.term.Node, shape: rdflib.term.Node) -> Test | None:
        if param == SH.datatype:
            return self.datatype_test(arg)
        if param == SH.nodeKind:
            kinds = _KINDS.get(arg)  # type: ignore[call-overload]
            if kinds is None:
                return None
            return lambda data, v: v[0] in kinds
        if param == SH.pattern:
            pattern = str(arg)
            if not _PLAIN_PATTERN.fullmatch(pattern):
                return None
            regex = re.compile(pattern)

            def matches(data: Data, v: str) -> Tri:
                text = _text(v)
                return True if text is not None and "\n" not in text and regex.search(text) else None
            return matches
        if param == SH.minLength:
            n = int(arg)  # type: ignore[call-overload]

            def long_enough(data: Data, v: str) -> Tri:
                text = _text(v)
                return True if text is not None and len(text) >= n else None
            return long_enough
        if param == SH.languageIn:
            ranges = [str(t).lower() for t in Collection(self.g, arg)]

            def english(data: Data, v: str) -> Tri:
                found = _literal(v)
                if found is None:
                    return False
                tag = found[1].lower()
                return True if tag and any(r == "*" or tag == r or tag.startswith(r + "-") for r in ranges) else None
            return english
        if param == SH["class"]:
            classes = self.classes(arg)

            def of_class(data: Data, v: str) -> Tri:
                preds = data.spo.get(v)
                return preds is not None and not classes.isdisjoint(preds.get(RDF_TYPE, ()))
            return of_class
        if param == SH.hasValue:
            if self.g.value(shape, SH.path) is not None or not isinstance(arg, rdflib.URIRef):
                return None
            value = f"<{arg}>"
            return lambda data, v: v == value
        if param == SH["or"]:
            members = [self.conforms_test(m) for m in Collection(self.g, arg)]
            if any(m is None for m in members):
                return None
            tests = [m for m in members if m is not None]

            def either(data: Data, v: str) -> Tri:
                answers = [t(data, v) for t in tests]
                return True if True in answers else False if all(a is False for a in answers) else None
            return either
        if param == SH.node:
            return self.conforms_test(arg)
        return None

    def datatype_test(self, arg: rdflib.term.Node) -> Test | None:
        dt = f"<{arg}>"
        if arg == XSD.nonNegativeInteger:
            # As written (what the build checks the offsets against) and as a Store holds it.
            written = re.compile(r'"[0-9]{1,18}"\^\^' + re.escape(dt))
            return lambda data, v: True if written.fullmatch(v) else None if v[0] == '"' else False
        if arg in (XSD.positiveInteger, XSD.nonPositiveInteger, XSD.negativeInteger):
            return None
        checked = arg in (XSD.integer, XSD.decimal, XSD.date, XSD.dateTime, XSD.boolean, XSD.double)

        def typed(data: Data, v: str) -> Tri:
            found = _literal(v)
            if found is None:
                return False
            if found[2] != dt:
                return None
            return True if not checked or _valid(arg, found[0]) else None
        return typed

    def conforms_test(self, shape: rdflib.term.Node) -> Test | None:
        """A test of a nested shape (an sh:or member or sh:node) on one node."""
        params = self.params(shape)
        if params is None:
            return None
        tests: list[Test] = []
        path = self.path(shape) if self.g.value(shape, SH.path) is not None else None
        if self.g.value(shape, SH.path) is None:
            for param, arg in params:
                test = self.value_test(param, arg, shape)
                if test is None:
                    return None
                tests.append(test)
            for prop in self.g.objects(shape, SH.property):
                test = self.conforms_test(prop)
                if test is None:
                    return None
                tests.append(test)
        else:
            if path is None:
                return None
            for param, arg in params:
                test = self.path_test(param, arg, shape, *path)
                if test is None:
                    return None
                tests.append(test)

        if len(tests) == 1:
            return tests[0]

        def conforms(data: Data, v: str) -> Tri:
            return _all(t(data, v) for t in tests)
        return conforms

    def path_test(self, param: rdflib.term.Node, arg: rdflib.term.Node, shape: rdflib.term.Node,
                  predicate: str, inverse: bool) -> Test | None:
        """A test of one constraint of a nested property shape, on the node it starts from."""
        if param == SH.minCount and int(arg) <= 1:  # type: ignore[call-overload]
            n = int(arg)  # type: ignore[call-overload]

            def enough(data: Data, v: str) -> Tri:
                return len(data.values(v, predicate, inverse)) >= n
            return enough
        if param == SH.maxCount and int(arg) == 1:  # type: ignore[call-overload]
            def one(data: Data, v: str) -> Tri:
                # Not False on two values: two spellings may be one RDF term.
                return True if len(data.values(v, predicate, inverse)) <= 1 else None
            return one
        if param in (SH.minCount, SH.maxCount):
            return None
        if param == SH.hasValue:
            if not isinstance(arg, rdflib.URIRef):
                return None
            value = f"<{arg}>"

            def has(data: Data, v: str) -> Tri:
                return value in data.values(v, predicate, inverse)
            return has
        each = self.value_test(param, arg, shape)
        if each is None:
            return None

        def every(data: Data, v: str) -> Tri:
            assert each is not None
            return _all(each(data, y) for y in data.values(v, predicate, inverse))
        return every

    # -- top-level rules ------------------------------------------------------------------------
    def focus(self, node_shape: rdflib.term.Node) -> Callable[[Data], set[str]]:
        classes = self.classes(*self.g.objects(node_shape, SH.targetClass))
        objects_of = [f"<{p}>" for p in self.g.objects(node_shape, SH.targetObjectsOf)]

        def nodes(data: Data) -> set[str]:
            found = data.focus.get(node_shape)
            if found is None:
                found = data.focus[node_shape] = {s for c in classes for s in data.instances.get(c, ())}
                for p in objects_of:
                    found.update(o for preds in data.spo.values() for o in preds.get(p, ()))
            return found
        return nodes

    def proof(self, node_shape: rdflib.term.Node) -> tuple[set[Key], Proof]:
        """The rules of a targeted node shape this can prove, keyed as compile.Rule names them
        (shape, component), and one proof for all of them: a test per constraint or property
        shape, run on every focus node."""
        focus = self.focus(node_shape)
        keys: set[Key] = set()
        tests: list[Test] = []
        checks: list[FocusTest] = []
        for param, arg in self.params(node_shape) or []:
            test = self.value_test(param, arg, node_shape)
            if test is not None:
                keys.add((str(node_shape), component_name(rdflib.URIRef(str(param)))))
                tests.append(test)
        for prop in sorted(self.g.objects(node_shape, SH.property), key=str):
            proved, check = self.property_check(prop)
            keys |= proved
            checks.append(check)

        def proof(data: Data) -> bool:
            nodes = focus(data)
            for test in tests:
                for v in nodes:
                    if test(data, v) is not True:
                        return False
            return all(check(data, nodes) for check in checks)
        return keys, proof

    def property_check(self, prop: rdflib.term.Node) -> tuple[set[Key], FocusTest]:
        """The constraints of a property shape this can decide, as one test of a focus node."""
        keys: set[Key] = set()
        path = self.path(prop)
        params = self.params(prop)
        if path is None or params is None:
            return keys, lambda data, nodes: True  # the compiler refuses these shapes: nothing proven
        predicate, inverse = path
        low, high, has, other = 0, -1, None, None
        kinds = ""  # the first characters of the node kinds allowed, if restricted
        classes: list[frozenset[str]] = []  # each value must be of one of each set (inlined: common)
        each: list[Test] = []
        qualified: list[tuple[Test, int | None, int | None]] = []  # test, at least, at most
        repeated = {p for p, _ in params if sum(1 for q, _ in params if q == p) > 1}
        for param, arg in params:
            key = (str(prop), component_name(rdflib.URIRef(str(param))))
            if param in repeated and param in _ONE_EACH:
                continue  # kept below as one value: with two, neither is proven
            if param == SH.minCount:
                # Values are distinct terms; two spellings of one literal would count twice.
                if int(arg) <= 1:  # type: ignore[call-overload]
                    low = int(arg)  # type: ignore[call-overload]
                    keys.add(key)
            elif param == SH.maxCount:
                high = int(arg)  # type: ignore[call-overload]
                keys.add(key)
            elif param == SH.hasValue:
                if isinstance(arg, rdflib.URIRef):
                    has = f"<{arg}>"
                    keys.add(key)
            elif param == SH.lessThanOrEquals:
                if not inverse:
                    other = f"<{arg}>"
                    keys.add(key)
            elif param == SH.qualifiedValueShape:
                test = self.conforms_test(arg)
                if test is None:
                    continue
                least = self.g.value(prop, SH.qualifiedMinCount)
                most = self.g.value(prop, SH.qualifiedMaxCount)
                # At least two would count two spellings of one literal twice, as above.
                at_least = int(least) if least is not None and int(least) <= 1 else None  # type: ignore[call-overload]
                at_most = int(most) if most is not None else None  # type: ignore[call-overload]
                qualified.append((test, at_least, at_most))
                if at_least is not None:
                    keys.add((str(prop), "QualifiedMinCountConstraintComponent"))
                if at_most is not None:
                    keys.add((str(prop), "QualifiedMaxCountConstraintComponent"))
            elif param == SH.nodeKind and arg in _KINDS:
                kinds = _KINDS[arg]  # type: ignore[index]
                keys.add(key)
            elif param == SH["class"]:
                classes.append(self.classes(arg))
                keys.add(key)
            else:
                test = self.value_test(param, arg, prop)
                if test is not None:
                    each.append(test)
                    keys.add(key)
        none: list[str] = []

        def check(data: Data, nodes: set[str]) -> bool:
            spo = data.spo
            for v in nodes:
                if inverse:
                    values = data.values(v, predicate, True)
                else:
                    preds = spo.get(v)
                    values = preds.get(predicate, none) if preds is not None else none
                k = len(values)
                if k < low or (high >= 0 and k > high) or (has is not None and has not in values):
                    return False
                for y in values:
                    if kinds and y[0] not in kinds:
                        return False
                    for allowed in classes:
                        found = spo.get(y)
                        if found is None or allowed.isdisjoint(found.get(RDF_TYPE, none)):
                            return False
                    for test in each:
                        if test(data, y) is not True:
                            return False
                if other is not None:
                    for y in data.values(v, other, False):
                        for x in values:
                            if not _less_or_equal(x, y):
                                return False
                for test, at_least, at_most in qualified:
                    surely = maybe = 0  # values that conform, values that may conform
                    for y in values:
                        answer = test(data, y)
                        if answer is not False:
                            maybe += 1
                            if answer is True:
                                surely += 1
                    if (at_least is not None and surely < at_least) or (at_most is not None and maybe > at_most):
                        return False
            return True
        return keys, check


def _all(answers: Iterable[Tri]) -> Tri:
    unknown = False
    for a in answers:
        if a is False:
            return False
        if a is None:
            unknown = True
    return None if unknown else True


@lru_cache(maxsize=8)
def shape_proofs(base: str) -> tuple[frozenset[Key], tuple[Proof, ...]]:
    """The rules of the shapes that can be proven, and the proofs (one per node shape)."""
    base = normalise_base(base)
    graph = shapes_graph(base)
    prover = Prover(graph, subclasses(base))
    targeted = {s for p in (SH.targetClass, SH.targetObjectsOf) for s in graph.subjects(p, None)}
    keys: set[Key] = set()
    proofs = []
    for node_shape in sorted(targeted, key=str):
        proved, proof = prover.proof(node_shape)
        keys |= proved
        proofs.append(proof)
    return frozenset(keys), tuple(proofs)


def proven(data: Data, base: str) -> bool:
    """True when no compiled check can find a row in ``data``: every rule is one this can prove,
    and every proof holds."""
    from .compile import compiled_checks

    keys, proofs = shape_proofs(normalise_base(base))
    if any((rule.shape, rule.component) not in keys for check in compiled_checks(normalise_base(base))
           for rule in check.rules):
        return False
    return all(proof(data) for proof in proofs)
