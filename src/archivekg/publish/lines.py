"""Turtle and JSON-LD written straight from N-Triples terms, without building term objects.

The model keeps each graph as N-Triples terms it wrote itself (``<iri>`` or a literal in
N-Triples syntax with only ``\\\\ \\" \\n \\r`` escaped), grouped by subject and predicate in the
order of the sorted lines (``GraphBuilder.groups``). Both writers are single passes over them.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from ..model.terms import Group, grouped
from ..vocab import RDF_NS, XSD_NS
from .jsonld import Compactor, context

RDF_TYPE = f"<{RDF_NS}type>"
XSD_STRING_TERM = f"<{XSD_NS}string>"
# Local names safe to write as prefix:local in Turtle without escapes.
_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_UNESCAPE = re.compile(r"\\(.)")
_UNESCAPES = {"\\": "\\", '"': '"', "n": "\n", "r": "\r", "t": "\t"}
_CACHED = 200_000  # terms whose abbreviation a process keeps, across the graphs it writes
_ENCODER = json.JSONEncoder(ensure_ascii=False)  # as json.dumps(..., ensure_ascii=False), made once
# In a literal's N-Triples body: an escape other than \\ \" \n \r, or a raw control other than a
# tab. Either makes its JSON string differ from the body (or may: those go the long way).
_JSON_UNSAFE = re.compile(r'[\x00-\x08\x0a-\x1f]|\\[^\\"nr]')
XSD_STRING_TYPED = f"^^<{XSD_NS}string>"
_json_ids: dict[str, dict[str, str]] = {}  # per base: IRI term -> its JSON-LD node reference


class _Abbrev:
    """Term -> prefix:local where Turtle allows it. Kept per set of prefixes and reused across
    graphs: predicates, classes and shared entities recur in every record."""

    def __init__(self, prefixes: dict[str, str]) -> None:
        self.pairs = sorted(((ns, p) for p, ns in prefixes.items()), key=lambda x: (-len(x[0]), x[1]))
        # A local name has no "/" or "#", so when every namespace ends with one of them the only
        # candidate is the IRI up to its last "/" or "#": one lookup instead of a scan.
        self.by_ns: dict[str, str] | None = None
        if all(ns[-1] in "/#" for ns, _ in self.pairs):
            self.by_ns = {}
            for ns, prefix in self.pairs:
                self.by_ns.setdefault(ns, prefix)  # as the scan: the first of two for one namespace
        self.cache: dict[str, str] = {}

    def __call__(self, term: str) -> str:
        done = self.cache.get(term)
        if done is None:
            if len(self.cache) >= _CACHED:
                self.cache.clear()
            done = self.cache[term] = self._abbrev(term)
        return done

    def _abbrev(self, term: str) -> str:
        if not term.startswith("<"):
            return term
        iri = term[1:-1]
        if self.by_ns is not None:
            cut = max(iri.rfind("/"), iri.rfind("#")) + 1
            prefix = self.by_ns.get(iri[:cut]) if cut else None
            return f"{prefix}:{iri[cut:]}" if prefix is not None and _LOCAL.match(iri[cut:]) else term
        for ns, prefix in self.pairs:
            if iri.startswith(ns) and _LOCAL.match(iri[len(ns):]):
                return f"{prefix}:{iri[len(ns):]}"
        return term


_abbrevs: dict[tuple[tuple[str, str], ...], _Abbrev] = {}


def _abbrev_for(prefixes: dict[str, str]) -> _Abbrev:
    key = tuple(sorted(prefixes.items()))
    ab = _abbrevs.get(key)
    if ab is None:
        ab = _abbrevs[key] = _Abbrev(prefixes)
    return ab


def turtle_from_lines(lines: list[str], prefixes: dict[str, str]) -> bytes:
    return turtle_of(grouped(lines), prefixes)


def turtle_of(groups: Iterable[Group], prefixes: dict[str, str]) -> bytes:
    ab = _abbrev_for(prefixes)
    known = ab.cache.get  # most IRIs were abbreviated before: look them up without a call
    out = [f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(prefixes.items())]
    for s, preds in groups:
        parts = []
        for p, objs in preds.items():
            verb = "a" if p == RDF_TYPE else known(p) or ab(p)
            if len(objs) == 1:
                o = objs[0]
                obj = (known(o) or ab(o)) if o[0] == "<" else o if o[-1] != ">" else _literal_ttl(o, ab)
                parts.append(f"{verb} {obj}")
            else:
                parts.append(f"{verb} " + " , ".join([(known(o) or ab(o)) if o[0] == "<" else o if o[-1] != ">"
                                                      else _literal_ttl(o, ab) for o in objs]))
        out.append(f"{s} " + " ;\n\t".join(parts) + " .\n")
    return "".join(out).encode("utf-8")


def _literal_ttl(o: str, ab: _Abbrev) -> str:
    # "lexical"^^<datatype> -> "lexical"^^prefix:local where possible.
    if o.endswith(">") and "^^<" in o:
        lexical, _, dt = o.rpartition("^^")
        return f"{lexical}^^{ab(dt)}"
    return o


def _unescape(s: str) -> str:
    return _UNESCAPE.sub(lambda m: _UNESCAPES.get(m.group(1), m.group(1)), s) if "\\" in s else s


_compactors: dict[str, tuple[dict[str, Any], Compactor]] = {}


def _compactor_for(base: str) -> tuple[dict[str, Any], Compactor]:
    found = _compactors.get(base)
    if found is None:
        ctx = context(base)
        found = _compactors[base] = (ctx, Compactor(ctx))
    return found


def _jsonld_value(o: str, compact: Compactor) -> Any:
    if o[0] == "<":
        return {"@id": compact.term(o)}
    end = o.rindex('"')
    value = _unescape(o[1:end])
    rest = o[end + 1:]
    if not rest:
        return value
    if rest[0] == "@":
        return {"@value": value, "@language": rest[1:]}
    dt = rest[2:]
    if dt == XSD_STRING_TERM:
        return value
    return {"@value": value, "@type": compact.term(dt)}


def _json_value(o: str, compact: Compactor, ids: dict[str, str]) -> str:
    """The JSON text ``_ENCODER.encode(_jsonld_value(o, compact))`` gives, mostly without
    building it: IRIs recur and are cached whole, and a literal's N-Triples body is already a
    JSON string body when its only escapes are \\\\ \\" \\n \\r and its only raw control is a tab."""
    if o[0] == "<":
        done = ids.get(o)
        if done is None:
            if len(ids) >= Compactor.LIMIT:
                ids.clear()
            done = ids[o] = f'{{"@id": "{compact.term(o)}"}}'
        return done
    end = o.rindex('"')
    body = o[1:end]
    if _JSON_UNSAFE.search(body):
        return _ENCODER.encode(_jsonld_value(o, compact))
    if "\t" in body:
        body = body.replace("\t", "\\t")
    rest = o[end + 1:]
    if not rest or rest == XSD_STRING_TYPED:
        return f'"{body}"'
    if rest[0] == "@":
        return f'{{"@value": "{body}", "@language": "{rest[1:]}"}}'
    return f'{{"@value": "{body}", "@type": "{compact.term(rest[2:])}"}}'


def jsonld_from_lines(lines: list[str], base: str, graph_iri: str | None) -> bytes:
    return jsonld_of(grouped(lines), base, graph_iri)


def jsonld_of(groups: Iterable[Group], base: str, graph_iri: str | None) -> bytes:
    ctx, compact = _compactor_for(base)
    head = {"@context": ctx, **({"@id": compact(graph_iri)} if graph_iri else {})}
    # Each node is written as json.dumps(node, ensure_ascii=False) would write it, from parts that
    # need no escaping (compact IRIs hold no quote, backslash or control character).
    term, ids = compact.term, _json_ids.setdefault(base, {})
    known, ref = compact.terms.get, ids.get  # most IRIs were written before: no call for them
    nodes = []
    for s, preds in groups:
        parts = [f'{{"@id": "{known(s) or term(s)}"']
        for p, objs in preds.items():
            if p == RDF_TYPE:
                parts.append(', "@type": ["' + '", "'.join([known(o) or term(o) for o in objs]) + '"]')
            elif len(objs) == 1:
                parts.append(f', "{known(p) or term(p)}": [{ref(objs[0]) or _json_value(objs[0], compact, ids)}]')
            else:
                parts.append(f', "{known(p) or term(p)}": ['
                             + ", ".join([ref(o) or _json_value(o, compact, ids) for o in objs]) + "]")
        parts.append("}")
        nodes.append("".join(parts))
    # One node per line: a change shows as a changed line.
    text = json.dumps(head, ensure_ascii=False, indent=1)[:-2] + ',\n "@graph": [\n' + ",\n".join(nodes) + "\n ]\n}\n"
    return text.encode("utf-8")
