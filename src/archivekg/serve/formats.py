"""Writers for query results (SPARQL JSON, XML, CSV, TSV) and for graphs (Turtle, JSON-LD, N-Triples).

Graph writers take triples already in memory (a resource description or a CONSTRUCT result).
JSON-LD uses compact IRIs from the project's prefixes, so it reads like the published files and
expands to exactly the same triples.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from ..store import QueryResult

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

RESULTS_JSON = "application/sparql-results+json"
RESULTS_XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
TURTLE = "text/turtle"
JSONLD = "application/ld+json"
NTRIPLES = "application/n-triples"
HTML = "text/html"

RESULT_TYPES = (RESULTS_JSON, RESULTS_XML, CSV, TSV)
GRAPH_TYPES = (TURTLE, JSONLD, NTRIPLES)
# Names accepted in the non-standard but common ``format=`` parameter.
FORMAT_NAMES = {"json": RESULTS_JSON, "srj": RESULTS_JSON, "xml": RESULTS_XML, "srx": RESULTS_XML,
                "csv": CSV, "tsv": TSV, "turtle": TURTLE, "ttl": TURTLE, "jsonld": JSONLD,
                "json-ld": JSONLD, "nt": NTRIPLES, "ntriples": NTRIPLES, "n-triples": NTRIPLES, "html": HTML}

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


# --- SELECT / ASK ------------------------------------------------------------------------------

def _json_term(term: Term) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": {"subject": _json_term(term.subject),
                                        "predicate": _json_term(term.predicate),
                                        "object": _json_term(term.object)}}


def results_json(result: QueryResult) -> bytes:
    if result.boolean is not None:
        return json.dumps({"head": {}, "boolean": result.boolean}).encode()
    bindings = [{v: _json_term(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
                for row in result.rows]
    doc = {"head": {"vars": result.variables}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()


def _xml_term(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return (f"<triple><subject>{_xml_term(term.subject)}</subject><predicate>{_xml_term(term.predicate)}"
            f"</predicate><object>{_xml_term(term.object)}</object></triple>")


def results_xml(result: QueryResult) -> bytes:
    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
    out.extend(f"<variable name={quoteattr(v)}/>" for v in result.variables)
    out.append("</head>\n")
    if result.boolean is not None:
        out.append(f"<boolean>{'true' if result.boolean else 'false'}</boolean>\n")
    else:
        out.append("<results>\n")
        for row in result.rows:
            out.append("<result>")
            out.extend(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                       for v, t in zip(result.variables, row, strict=True) if t is not None)
            out.append("</result>\n")
        out.append("</results>\n")
    out.append("</sparql>\n")
    return "".join(out).encode()


def _csv_value(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    if isinstance(term, ox.NamedNode | ox.Literal):
        return term.value
    return str(term)


def results_csv(result: QueryResult) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    if result.boolean is not None:
        w.writerow(["boolean"])
        w.writerow(["true" if result.boolean else "false"])
    else:
        w.writerow(result.variables)
        w.writerows([_csv_value(t) for t in row] for row in result.rows)
    return buf.getvalue().encode()


def _tsv_value(term: Term | None) -> str:
    # TSV carries terms in their SPARQL/N-Triples form; tabs and newlines are escaped there.
    return "" if term is None else str(term)


def results_tsv(result: QueryResult) -> bytes:
    if result.boolean is not None:
        return f"?boolean\n{'true' if result.boolean else 'false'}\n".encode()
    lines = ["\t".join("?" + v for v in result.variables)]
    lines.extend("\t".join(_tsv_value(t) for t in row) for row in result.rows)
    return ("\n".join(lines) + "\n").encode()


RESULT_WRITERS = {RESULTS_JSON: results_json, RESULTS_XML: results_xml, CSV: results_csv, TSV: results_tsv}


# --- graphs --------------------------------------------------------------------------------------

class Compactor:
    """Turns IRIs into ``prefix:local`` where a prefix covers them and the result stays unambiguous."""

    def __init__(self, prefixes: dict[str, str]) -> None:
        self.pairs = sorted(((ns, p) for p, ns in prefixes.items()), key=lambda x: (-len(x[0]), x[1]))

    def __call__(self, iri: str) -> str:
        for ns, prefix in self.pairs:
            if iri.startswith(ns):
                local = iri[len(ns):]
                if local and not local.startswith("//") and ":" not in local and "#" not in local:
                    return f"{prefix}:{local}"
        return iri


def _jsonld_value(obj: Term, compact: Compactor) -> Any:
    if isinstance(obj, ox.NamedNode):
        return {"@id": compact(obj.value)}
    if isinstance(obj, ox.BlankNode):
        return {"@id": "_:" + obj.value}
    if isinstance(obj, ox.Literal):
        if obj.language:
            return {"@value": obj.value, "@language": obj.language}
        if obj.datatype.value == XSD_STRING:
            return obj.value
        return {"@value": obj.value, "@type": compact(obj.datatype.value)}
    raise ValueError("RDF-star triples have no JSON-LD 1.1 form")


def graph_jsonld(triples: Iterable[ox.Triple], prefixes: dict[str, str]) -> bytes:
    compact = Compactor(prefixes)
    nodes: dict[str, dict[str, Any]] = {}
    for t in sorted(triples, key=str):
        s = t.subject
        key = compact(s.value) if isinstance(s, ox.NamedNode) else "_:" + str(getattr(s, "value", s))
        node = nodes.setdefault(key, {"@id": key})
        if t.predicate.value == RDF_TYPE and isinstance(t.object, ox.NamedNode):
            node.setdefault("@type", []).append(compact(t.object.value))
        else:
            node.setdefault(compact(t.predicate.value), []).append(_jsonld_value(t.object, compact))
    doc = {"@context": dict(sorted(prefixes.items())), "@graph": [nodes[k] for k in sorted(nodes)]}
    return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode()


def _iris(t: ox.Triple) -> Iterator[str]:
    for term in (t.subject, t.predicate, t.object):
        if isinstance(term, ox.NamedNode):
            yield term.value
        elif isinstance(term, ox.Literal):
            yield term.datatype.value


def turtle_prefixes(triples: Iterable[ox.Triple], prefixes: dict[str, str]) -> dict[str, str]:
    """The prefixes the triples use, minus any that would need escaped slashes in a local name."""
    used: dict[str, bool] = {}
    pairs = sorted(((ns, p) for p, ns in prefixes.items()), key=lambda x: -len(x[0]))
    for t in triples:
        for iri in _iris(t):
            for ns, p in pairs:
                if iri.startswith(ns):
                    local = iri[len(ns):]
                    used[p] = used.get(p, True) and bool(local) and not any(c in local for c in "/#:~.")
                    break
    return {p: prefixes[p] for p, ok in used.items() if ok}


def graph_bytes(triples: Sequence[ox.Triple], media_type: str, prefixes: dict[str, str]) -> bytes:
    if media_type == JSONLD:
        return graph_jsonld(triples, prefixes)
    ordered = sorted(triples, key=str)
    if media_type == TURTLE:
        return ox.serialize(ordered, format=ox.RdfFormat.TURTLE,
                            prefixes=turtle_prefixes(ordered, prefixes)) or b""
    if media_type == NTRIPLES:
        return ox.serialize(ordered, format=ox.RdfFormat.N_TRIPLES) or b""
    raise ValueError(f"no graph writer for {media_type}")


def result_bytes(result: QueryResult, media_type: str, prefixes: dict[str, str]) -> bytes:
    """Serialise any query result in a media type suited to its form."""
    if result.form in ("CONSTRUCT", "DESCRIBE"):
        return graph_bytes(result.triples, media_type, prefixes)
    return RESULT_WRITERS[media_type](result)
