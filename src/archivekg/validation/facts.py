"""What the Python checks read, taken straight from the model's N-Triples lines.

Reading these back from a Store costs a query each plus a conversion per row; the lines are at
hand, so the few that matter are picked out by their predicate and parsed once (of rdf:type
lines only the distinct classes). Each parsed triple is then tested by its actual predicate or
node kind; any line with a blank node, or not split as expected, is parsed whole.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pyoxigraph as ox

from .checks import END, EXACT, HAS_SELECTOR, HAS_SOURCE, RDF_TYPE, START, Triple, node

QUOTE_PREDICATES = (HAS_SOURCE, HAS_SELECTOR, EXACT, START, END)


@dataclass(frozen=True)
class Facts:
    """The classes used, blank-node triples, quote triples and literals as given."""

    present: frozenset[str]
    blank: list[Triple]
    quotes: list[Triple]
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
    return Facts(frozenset(present), sorted(blank), _quote_triples(quotes), given)
