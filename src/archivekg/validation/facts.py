"""What the Python checks read, taken straight from the model's N-Triples lines.

Reading these back from a Store costs a query each plus a conversion per row; the lines are at
hand, so the few that matter are picked out by their predicate and parsed once (of rdf:type
lines only the distinct classes). Each parsed triple is then tested by its actual predicate or
node kind; any line with a blank node, or not split as expected, is parsed whole.

``facts_of_terms`` reads the same from the terms the model already grouped by subject and
predicate (``GraphBuilder.groups``, merged by ``prove.Data``), so no line is split or parsed
again.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from .checks import END, EXACT, HAS_SELECTOR, HAS_SOURCE, RDF_TYPE, START, Lit, QuoteIndex, Triple, node

QUOTE_PREDICATES = (HAS_SOURCE, HAS_SELECTOR, EXACT, START, END)


@dataclass(frozen=True)
class Facts:
    """The classes used, blank-node triples, quote triples and literals as given (all of them, or
    from ``facts_of_terms`` only those that may be off their rule's datatype)."""

    present: frozenset[str]
    blank: list[Triple]
    quotes: QuoteIndex
    given: dict[tuple[str, str], list[ox.Literal]]


def _quote_triples(found: dict[str, set[Triple]]) -> list[Triple]:
    """The triples the quote query selects: source and selector of targets having both, and the
    exact/start/end of those selectors."""
    sources: dict[str, list[Triple]] = defaultdict(list)
    selectors: dict[str, list[Triple]] = defaultdict(list)
    values: dict[str, list[Triple]] = defaultdict(list)
    for t in found[HAS_SOURCE]:
        sources[t[0]].append(t)
    for t in found[HAS_SELECTOR]:
        selectors[t[0]].append(t)
    for predicate in (EXACT, START, END):
        for t in found[predicate]:
            values[t[0]].append(t)
    out: set[Triple] = set()
    for target in sources.keys() & selectors.keys():
        out.update(sources[target])
        for t in selectors[target]:
            out.add(t)
            out.update(values.get(t[2], ()))
    return sorted(out)


def facts(lines: list[str], watched: frozenset[str]) -> Facts:
    """The facts of the N-Triples ``lines`` (each ending in a newline); ``watched`` are the
    predicates whose literals are kept as given (the Store rewrites their datatypes)."""
    marks = {f"<{p}>" for p in watched | set(QUOTE_PREDICATES)}
    type_mark = f"<{RDF_TYPE}>"
    picked: list[str] = []
    classes: set[str] = set()  # the classes as written; only the distinct ones are parsed
    for line in lines:
        parts = line.split(" ", 2)  # the model writes "<s> <p> o ." with single spaces
        if "_:" in line or len(parts) < 3:
            picked.append(line)
        elif parts[1] == type_mark:
            classes.add(parts[2].rstrip()[:-1].rstrip())
        elif parts[1] in marks:
            picked.append(line)
    picked += [f"<urn:x:s> {type_mark} {c} .\n" for c in sorted(classes)]
    subset = "".join(picked)
    present: set[str] = set()
    blank: set[Triple] = set()
    quotes: dict[str, set[Triple]] = {p: set() for p in QUOTE_PREDICATES}
    given: dict[tuple[str, str], list[ox.Literal]] = {}
    for t in ox.parse(subset.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES):
        s, p, o = t.subject, t.predicate.value, t.object
        if type(s) is ox.BlankNode or type(o) is ox.BlankNode:
            blank.add((node(s), p, node(o)))
        if p == RDF_TYPE:
            present.add(node(o))
        elif p in quotes:
            quotes[p].add((node(s), p, node(o)))
        if p in watched and type(o) is ox.Literal:
            given.setdefault((node(s), p), []).append(o)
    return Facts(frozenset(present), sorted(blank), QuoteIndex.of(_quote_triples(quotes)), given)


_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")
_ECHARS = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescaped(m: re.Match[str]) -> str:
    code = m.group(1) or m.group(2)
    return chr(int(code, 16)) if code else _ECHARS[m.group(3)]


def value_of(term: str) -> str:
    """An N-Triples IRI or literal term as ``node`` gives it: the IRI, or the lexical form."""
    if term[0] == "<":
        return term[1:-1]
    lexical = term[1:term.rindex('"')]
    return Lit(_ESCAPE.sub(_unescaped, lexical) if "\\" in lexical else lexical)


def facts_of_terms(spo: Mapping[str, Mapping[str, Sequence[str]]], datatypes: Mapping[str, frozenset[str]]
                   ) -> Facts:
    """The facts of graphs without blank nodes, given as their distinct N-Triples terms by
    subject and predicate (``prove.Data.spo``). ``datatypes`` are the watched predicates with
    the datatypes their rules require: a literal written with the one datatype all of them
    require cannot break those rules and is left out of ``given``, so only the others are
    parsed."""
    type_term = f"<{RDF_TYPE}>"
    quote_terms = [(f"<{p}>", p) for p in QUOTE_PREDICATES]
    fine = [(f"<{p}>", f"^^<{next(iter(dts))}>" if len(dts) == 1 else None) for p, dts in datatypes.items()]
    classes: set[str] = set()
    index: dict[str, dict[str, list[str]]] = {p: {} for p in QUOTE_PREDICATES}
    odd: list[str] = []  # lines of watched literals to parse
    for st, preds in spo.items():
        types = preds.get(type_term)
        if types:
            classes.update(types)
        for pt, predicate in quote_terms:
            objs = preds.get(pt)
            if objs:
                # Distinct values, sorted, as _index gives them from the distinct triples.
                index[predicate][st[1:-1]] = [value_of(objs[0])] if len(objs) == 1 else \
                    sorted({value_of(o) for o in objs})
        for pt, ok in fine:
            objs = preds.get(pt)
            if objs:
                odd += [f"{st} {pt} {o} .\n" for o in objs if o[0] == '"' and (ok is None or not o.endswith(ok))]
    present = frozenset(value_of(c) for c in classes)
    given: dict[tuple[str, str], list[ox.Literal]] = {}
    if odd:
        for t in ox.parse("".join(odd).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES):
            assert type(t.object) is ox.Literal
            given.setdefault((node(t.subject), t.predicate.value), []).append(t.object)
    # As the quote query selects: sources and selectors of the targets that have both.
    sources, selectors = index[HAS_SOURCE], index[HAS_SELECTOR]
    quotes = QuoteIndex({t: v for t, v in sources.items() if t in selectors},
                        {t: v for t, v in selectors.items() if t in sources},
                        index[EXACT], index[START], index[END])
    return Facts(present, [], quotes, given)
