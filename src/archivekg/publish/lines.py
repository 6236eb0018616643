"""Turtle and JSON-LD written straight from sorted N-Triples lines, without building term objects.

The model keeps each graph as N-Triples lines it wrote itself (``<s> <p> o .``, objects either
``<iri>`` or a literal in N-Triples syntax with only ``\\\\ \\" \\n \\r`` escaped), so the lines
can be split with string operations. Both writers are single passes over the sorted lines.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from ..vocab import RDF_NS, XSD_NS
from .jsonld import Compactor, context

RDF_TYPE = f"<{RDF_NS}type>"
XSD_STRING = XSD_NS + "string"
# Local names safe to write as prefix:local in Turtle without escapes.
_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_UNESCAPE = re.compile(r"\\(.)")
_UNESCAPES = {"\\": "\\", '"': '"', "n": "\n", "r": "\r", "t": "\t"}


def split(line: str) -> tuple[str, str, str]:
    """``<s> <p> o .\\n`` -> ('<s>', '<p>', 'o')."""
    i = line.index("> ") + 1
    j = line.index("> ", i + 1) + 1
    return line[:i], line[i + 1:j], line[j + 1:-3]


def grouped(lines: Iterable[str]) -> Iterator[tuple[str, list[tuple[str, list[str]]]]]:
    """(subject, [(predicate, [objects])]) in line order."""
    subject = None
    preds: list[tuple[str, list[str]]] = []
    for line in lines:
        s, p, o = split(line)
        if s != subject:
            if subject is not None:
                yield subject, preds
            subject, preds = s, []
        if preds and preds[-1][0] == p:
            preds[-1][1].append(o)
        else:
            preds.append((p, [o]))
    if subject is not None:
        yield subject, preds


class _Abbrev:
    def __init__(self, prefixes: dict[str, str]) -> None:
        self.pairs = sorted(((ns, p) for p, ns in prefixes.items()), key=lambda x: (-len(x[0]), x[1]))
        self.cache: dict[str, str] = {}

    def __call__(self, term: str) -> str:
        done = self.cache.get(term)
        if done is None:
            done = self.cache[term] = self._abbrev(term)
        return done

    def _abbrev(self, term: str) -> str:
        if not term.startswith("<"):
            return term
        iri = term[1:-1]
        for ns, prefix in self.pairs:
            if iri.startswith(ns) and _LOCAL.match(iri[len(ns):]):
                return f"{prefix}:{iri[len(ns):]}"
        return term


def turtle_from_lines(lines: list[str], prefixes: dict[str, str]) -> bytes:
    ab = _Abbrev(prefixes)
    out = [f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(prefixes.items())]
    for s, preds in grouped(lines):
        parts = []
        for p, objs in preds:
            verb = "a" if p == RDF_TYPE else ab(p)
            parts.append(f"{verb} " + " , ".join(ab(o) if o.startswith("<") else _literal_ttl(o, ab) for o in objs))
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


def _jsonld_value(o: str, compact: Compactor) -> Any:
    if o.startswith("<"):
        return {"@id": compact(o[1:-1])}
    end = o.rindex('"')
    value = _unescape(o[1:end])
    rest = o[end + 1:]
    if not rest:
        return value
    if rest.startswith("@"):
        return {"@value": value, "@language": rest[1:]}
    dt = rest[3:-1]
    if dt == XSD_STRING:
        return value
    return {"@value": value, "@type": compact(dt)}


def jsonld_from_lines(lines: list[str], base: str, graph_iri: str | None) -> bytes:
    ctx = context(base)
    compact = Compactor(ctx)
    head = {"@context": ctx, **({"@id": compact(graph_iri)} if graph_iri else {})}
    nodes = []
    for s, preds in grouped(lines):
        node: dict[str, Any] = {"@id": compact(s[1:-1])}
        for p, objs in preds:
            if p == RDF_TYPE:
                node["@type"] = [compact(o[1:-1]) for o in objs]
            else:
                node[compact(p[1:-1])] = [_jsonld_value(o, compact) for o in objs]
        nodes.append(json.dumps(node, ensure_ascii=False))
    # One node per line: the C encoder does the work, and a change shows as a changed line.
    text = json.dumps(head, ensure_ascii=False, indent=1)[:-2] + ',\n "@graph": [\n' + ",\n".join(nodes) + "\n ]\n}\n"
    return text.encode("utf-8")
