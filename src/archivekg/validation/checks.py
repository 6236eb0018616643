"""The rules SHACL Core cannot state, and lookups that map violations back to passages.

Both work on plain triples of strings so that rdflib graphs, pyoxigraph stores and lists of
quads are handled alike: IRIs as ``str``, blank nodes as ``"_:id"``, literals as ``Lit``.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
import rdflib

from ..vocab import CRM_NS, DCTERMS_NS, OA_NS, RDF_NS
from .report import Violation, shorten

Triple = tuple[str, str, str]

RDF_TYPE = RDF_NS + "type"
HAS_BODY, HAS_TARGET, HAS_SOURCE = OA_NS + "hasBody", OA_NS + "hasTarget", OA_NS + "hasSource"
HAS_SELECTOR, EXACT, START, END = OA_NS + "hasSelector", OA_NS + "exact", OA_NS + "start", OA_NS + "end"
NO_BLANK_NODES = "NoBlankNodes"  # shape names under <base>shapes#, for the Python checks
QUOTE_MATCHES_TEXT = "QuoteMatchesText"


class Lit(str):
    """The lexical form of a literal (a ``str`` marked so it is not taken for an IRI)."""

    __slots__ = ()


def node(term: Any) -> str:
    """An rdflib or pyoxigraph term as a plain string (see the module docstring)."""
    kind = type(term)  # the common cases first: abstract isinstance tests are slow
    if kind is str or kind is Lit:
        return term
    if kind is ox.NamedNode:
        return term.value
    if kind is ox.Literal:
        return Lit(term.value)
    if kind is ox.BlankNode:
        return "_:" + term.value
    if isinstance(term, rdflib.term.Identifier):  # before str: rdflib terms are str subclasses
        if isinstance(term, rdflib.Literal):
            return Lit(term)
        return "_:" + term if isinstance(term, rdflib.BNode) else str(term)
    if isinstance(term, str):  # already plain (Lit stays Lit)
        return term
    if isinstance(term, ox.Literal):
        return Lit(term.value)
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    return str(term.value)


def triples(data: Any) -> list[Triple]:
    """Plain triples from an rdflib Graph, a pyoxigraph Store/Dataset, or an iterable of
    triples/quads of either library (graph names are dropped)."""
    if hasattr(data, "triples") and callable(data.triples):  # rdflib
        items: Iterable[Any] = data.triples((None, None, None))
    elif hasattr(data, "quads_for_pattern"):  # pyoxigraph Store
        items = data.quads_for_pattern(None, None, None)
    else:
        items = data
    out = []
    for item in items:
        if hasattr(item, "subject"):
            out.append((node(item.subject), node(item.predicate), node(item.object)))
        else:
            out.append((node(item[0]), node(item[1]), node(item[2])))
    return out


def _index(data: list[Triple], predicate: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for s, p, o in data:
        if p == predicate:
            found[s].append(o)
    for values in found.values():
        values.sort()
    return found


def passages(data: list[Triple]) -> dict[str, str]:
    """Each annotated node (body, annotation, target, selector) mapped to its quoted words."""
    bodies, targets = _index(data, HAS_BODY), _index(data, HAS_TARGET)
    selectors, exacts = _index(data, HAS_SELECTOR), _index(data, EXACT)
    found: dict[str, str] = {}
    for annotation in sorted(set(bodies) | set(targets)):
        words = [exacts[sel][0] for t in targets.get(annotation, ()) for sel in selectors.get(t, ())
                 if exacts.get(sel)]
        if not words:
            continue
        quote = min(words)
        related = [annotation, *bodies.get(annotation, ())]
        for t in targets.get(annotation, ()):
            related += [t, *selectors.get(t, ())]
        for key in related:
            # A node anchored by several passages shows the shortest (then first) one.
            if key not in found or (len(quote), quote) < (len(found[key]), found[key]):
                found[key] = quote
    return found


def document_record(data: list[Triple]) -> str | None:
    """The record id of the graph's one E31 document (dcterms:identifier), if there is one."""
    documents = {s for s, p, o in data if p == RDF_TYPE and o == CRM_NS + "E31_Document"}
    ids = {o for s, p, o in data if p == DCTERMS_NS + "identifier" and s in documents}
    return next(iter(ids)) if len(ids) == 1 else None


def check_blank_nodes(data: list[Triple], *, base: str) -> list[Violation]:
    """Published data has no blank nodes: each one is reported where it is used."""
    shape = base + "shapes#" + NO_BLANK_NODES
    message = ("blank nodes are not allowed in published data; give this node its own IRI "
               "(<base>id/<kind>/<key>)")
    found = []
    referred = set()
    for s, p, o in data:
        if o.startswith("_:") and not isinstance(o, Lit):
            referred.add(o)
            found.append(Violation(s, p, o, message, shape, component="python:no-blank-nodes"))
    for s, _p, _o in data:
        if s.startswith("_:") and s not in referred:
            referred.add(s)
            found.append(Violation(s, None, None, message, shape, component="python:no-blank-nodes"))
    return found


def _integer(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


@dataclass(frozen=True)
class QuoteIndex:
    """What check_quotes reads, indexed by subject: the values of oa:hasSource and oa:hasSelector
    by target, and of oa:exact, oa:start and oa:end by selector."""

    sources: Mapping[str, list[str]]
    selectors: Mapping[str, list[str]]
    exacts: Mapping[str, list[str]]
    starts: Mapping[str, list[str]]
    ends: Mapping[str, list[str]]

    @classmethod
    def of(cls, plain: list[Triple]) -> QuoteIndex:
        return cls(_index(plain, HAS_SOURCE), _index(plain, HAS_SELECTOR), _index(plain, EXACT),
                   _index(plain, START), _index(plain, END))


def check_quotes(data: Any, texts: Mapping[str, str], *, base: str = "") -> tuple[Violation, ...]:
    """Every oa:exact must equal ``text[start:end]`` of its passage's source text.

    ``data`` is an rdflib Graph, a pyoxigraph Store, triples/quads or a QuoteIndex; ``texts``
    maps text IRIs (the oa:hasSource values) to their full text. Passages on texts not supplied
    are reported once per text as notes (severity Info), since they could not be checked.
    """
    index = data if isinstance(data, QuoteIndex) else QuoteIndex.of(triples(data))
    shape = base + "shapes#" + QUOTE_MATCHES_TEXT
    sources, selectors = index.sources, index.selectors
    exacts, starts, ends = index.exacts, index.starts, index.ends
    found: list[Violation] = []
    unchecked: set[str] = set()
    for target in sorted(sources):
        for source in sources[target]:
            if source not in texts:
                unchecked.add(source)
                continue
            text = texts[source]
            chosen = selectors.get(target, ())
            quotes = [(sel, q) for sel in chosen for q in exacts.get(sel, ())]
            spans = [(sel, _integer(s), _integer(e)) for sel in chosen
                     for s in starts.get(sel, ()) for e in ends.get(sel, ())]
            for pos, start, end in spans:
                if start is None or end is None or not 0 <= start <= end <= len(text):
                    found.append(Violation(
                        pos, START, None, f"the passage position {start}–{end} lies outside the text "
                        f"(which has {len(text)} characters)", shape, component="python:quote"))
                    continue
                actual = text[start:end]
                for sel, quote in quotes:
                    if quote != actual:
                        found.append(Violation(
                            sel, EXACT, Lit(quote),
                            f'the quotation (oa:exact) is not the text at characters {start}–{end}, '
                            f'which reads "{shorten(actual, 60)}"', shape, passage=quote,
                            component="python:quote"))
    for source in sorted(unchecked):
        found.append(Violation(source, None, None, "quotations from this text were not checked: "
                               "the text was not supplied", shape, severity="Info",
                               component="python:quote"))
    return tuple(found)
