"""The project's JSON-LD context and IRI compaction.

The context is embedded in every JSON-LD file (see ``lines.jsonld_from_lines``) as well as
published beside them as ``context.jsonld``, so nothing has to be fetched to read a file.
"""
from __future__ import annotations

import json
from typing import Any

from ..vocab import PREFIXES, XSD_NS

XSD_STRING = XSD_NS + "string"


def context(base: str) -> dict[str, Any]:
    ctx: dict[str, Any] = dict(sorted(PREFIXES.items()))
    ctx["id"] = base + "id/"
    ctx["vocab"] = base + "vocab#"
    return ctx


class Compactor:
    """IRI -> compact IRI. Its caches are bounded: one compactor serves every graph a process
    writes (see ``lines.jsonld_of``)."""

    LIMIT = 200_000

    def __init__(self, ctx: dict[str, Any]) -> None:
        # Longest namespace first, so that "id" never shadows a longer match.
        self.pairs = sorted(((ns, p) for p, ns in ctx.items() if isinstance(ns, str)),
                            key=lambda x: (-len(x[0]), x[1]))

        self.cache: dict[str, str] = {}
        self.terms: dict[str, str] = {}

    def __call__(self, iri: str) -> str:
        done = self.cache.get(iri)
        if done is not None:
            return done
        if len(self.cache) >= self.LIMIT:
            self.cache.clear()
        done = self.cache[iri] = self._compact(iri)
        return done

    def term(self, term: str) -> str:
        """The compact form of an N-Triples IRI term (``<iri>``)."""
        done = self.terms.get(term)
        if done is None:
            if len(self.terms) >= self.LIMIT:
                self.terms.clear()
            done = self.terms[term] = self._compact(term[1:-1])
        return done

    def _compact(self, iri: str) -> str:
        for ns, prefix in self.pairs:
            if iri.startswith(ns):
                local = iri[len(ns):]
                # A compact IRI must not look like an absolute IRI or a network path.
                if local and not local.startswith("//") and ":" not in local:
                    return f"{prefix}:{local}"
        return iri


def context_document(base: str) -> str:
    return json.dumps({"@context": context(base)}, ensure_ascii=False, indent=1) + "\n"
