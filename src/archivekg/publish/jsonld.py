"""JSON-LD written straight from the triples, compacted with the project context.

A single pass over sorted triples (no framing, no quadratic compaction step). The context is
embedded in every file as well as published beside them as ``context.jsonld``, so nothing has
to be fetched to read a file.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from pyoxigraph import Literal, NamedNode

from ..vocab import PREFIXES, RDF_NS, XSD_NS

XSD_STRING = XSD_NS + "string"


def context(base: str) -> dict[str, Any]:
    ctx: dict[str, Any] = dict(sorted(PREFIXES.items()))
    ctx["id"] = base + "id/"
    ctx["vocab"] = base + "vocab#"
    return ctx


class Compactor:
    def __init__(self, ctx: dict[str, Any]) -> None:
        # Longest namespace first, so that "id" never shadows a longer match.
        self.pairs = sorted(((ns, p) for p, ns in ctx.items() if isinstance(ns, str)),
                            key=lambda x: (-len(x[0]), x[1]))

        self.cache: dict[str, str] = {}

    def __call__(self, iri: str) -> str:
        done = self.cache.get(iri)
        if done is not None:
            return done
        done = self.cache[iri] = self._compact(iri)
        return done

    def _compact(self, iri: str) -> str:
        for ns, prefix in self.pairs:
            if iri.startswith(ns):
                local = iri[len(ns):]
                # A compact IRI must not look like an absolute IRI or a network path.
                if local and not local.startswith("//") and ":" not in local:
                    return f"{prefix}:{local}"
        return iri


def _value(obj: NamedNode | Literal, compact: Compactor) -> Any:
    if isinstance(obj, NamedNode):
        return {"@id": compact(obj.value)}
    if obj.language:
        return {"@value": obj.value, "@language": obj.language}
    if obj.datatype.value == XSD_STRING:
        return obj.value
    return {"@value": obj.value, "@type": compact(obj.datatype.value)}


def to_jsonld(triples: Iterable[tuple[NamedNode, NamedNode, NamedNode | Literal]], base: str,
              graph_iri: str | None = None) -> str:
    ctx = context(base)
    compact = Compactor(ctx)
    nodes: dict[str, dict[str, Any]] = {}
    for s, p, o in triples:
        node = nodes.setdefault(s.value, {"@id": compact(s.value)})
        if p.value == RDF_NS + "type" and isinstance(o, NamedNode):
            node.setdefault("@type", []).append(compact(o.value))
        else:
            node.setdefault(compact(p.value), []).append(_value(o, compact))
    # One node per line: the C encoder does the work, and a change shows as a changed line.
    head = {"@context": ctx, **({"@id": compact(graph_iri)} if graph_iri else {})}
    lines = [json.dumps(head, ensure_ascii=False, indent=1)[:-2] + ',\n "@graph": [\n']
    lines.append(",\n".join(json.dumps(nodes[k], ensure_ascii=False) for k in sorted(nodes)))
    lines.append("\n ]\n}\n")
    return "".join(lines)


def context_document(base: str) -> str:
    return json.dumps({"@context": context(base)}, ensure_ascii=False, indent=1) + "\n"
