"""The SPARQL 1.1 Protocol at /sparql: GET, POST form and POST body; read-only; a query page.

The default graph is the union of all graphs (every triple lives in a named graph);
``default-graph-uri`` and ``named-graph-uri`` narrow it as the protocol says. Updates, ``LOAD``
and ``SERVICE`` are refused (403) before anything runs; errors are JSON (or the page, for a browser).
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING

from ..errors import StoreError
from ..store import QueryRefused, QuerySyntaxError, QueryTimeout, check_query
from .conneg import GRAPH_OFFERS, RESULT_OFFERS, negotiate
from .executor import Request
from .formats import FORMAT_NAMES, GRAPH_TYPES, HTML, RESULTS_JSON, TURTLE
from .html import e, layout, link, table
from .messages import Req, Resp, html, json_error
from .views import Ref

if TYPE_CHECKING:
    from .app import App

FORM_TYPE = "application/x-www-form-urlencoded"
ERROR_STATUS = {QuerySyntaxError: (400, "syntax"), QueryRefused: (403, "refused"), QueryTimeout: (503, "timeout")}


def examples(base: str) -> list[tuple[str, str]]:
    crm = "PREFIX crm: <http://www.cidoc-crm.org/cidoc-crm/>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    return [
        ("Records and their dates", "PREFIX dcterms: <http://purl.org/dc/terms/>\n"
         "SELECT DISTINCT ?record ?date ?title WHERE {\n"
         "  ?record a <http://www.cidoc-crm.org/cidoc-crm/E31_Document> ;\n"
         "    dcterms:date ?date ; dcterms:title ?title .\n} ORDER BY ?date LIMIT 50"),
        ("Places with coordinates", "PREFIX geo: <http://www.opengis.net/ont/geosparql#>\n" + crm +
         "SELECT DISTINCT ?place ?label ?wkt WHERE {\n  ?place a crm:E53_Place ; rdfs:label ?label .\n"
         "  { ?place geo:asWKT ?wkt } UNION { ?place geo:hasGeometry/geo:asWKT ?wkt }\n} LIMIT 100"),
        ("Claims, who made them, and in which record", crm +
         "SELECT DISTINCT ?claim ?subject ?property ?value ?claimant ?record WHERE {\n"
         "  ?claim a crm:E13_Attribute_Assignment ; crm:P140_assigned_attribute_to ?subject ;\n"
         "    crm:P177_assigned_property_of_type ?property ; crm:P141_assigned ?value ;\n"
         "    crm:P14_carried_out_by ?claimant ; crm:P70i_is_documented_in ?record .\n} LIMIT 100"),
        ("Moves, from where to where", crm +
         "SELECT DISTINCT ?move ?label ?from ?to WHERE {\n  ?move a crm:E9_Move ; rdfs:label ?label .\n"
         "  OPTIONAL { ?move crm:P27_moved_from ?from } OPTIONAL { ?move crm:P26_moved_to ?to }\n} LIMIT 100"),
        ("Triples per named graph", "SELECT ?g (COUNT(*) AS ?triples) WHERE { GRAPH ?g { ?s ?p ?o } }\n"
         "GROUP BY ?g ORDER BY DESC(?triples) LIMIT 20"),
    ]


def _params(req: Req) -> tuple[dict[str, list[str]], str | None, Resp | None]:
    """The protocol parameters and the query text, or an error response."""
    params = dict(req.query)
    if req.method == "POST":
        ct = req.content_type
        if ct == FORM_TYPE:
            for k, v in req.form().items():
                params.setdefault(k, []).extend(v)
        elif ct == "application/sparql-query":
            params.setdefault("query", []).append(req.body.decode("utf-8", "replace"))
        elif ct == "application/sparql-update":
            return params, None, json_error(403, "refused", "SPARQL Update is not allowed: this endpoint is read-only")
        else:
            return params, None, json_error(415, "unsupported", f"cannot read a query sent as {ct or 'nothing'!r}; "
                                            f"use {FORM_TYPE} or application/sparql-query")
    if "update" in params:
        return params, None, json_error(403, "refused", "SPARQL Update is not allowed: this endpoint is read-only")
    queries = params.get("query", [])
    if len(queries) > 1:
        return params, None, json_error(400, "protocol", "give exactly one query parameter")
    return params, (queries[0] if queries else None), None


def handle(app: App, req: Req) -> Resp:
    if req.method not in ("GET", "HEAD", "POST"):
        return json_error(405, "method", "use GET or POST", [("Allow", "GET, HEAD, POST, OPTIONS")])
    params, text, err = _params(req)
    if err:
        return err
    fmt = (params.get("format") or [""])[0].lower()
    if fmt and fmt not in FORMAT_NAMES:
        return json_error(400, "protocol", f"unknown format {fmt!r}; known: {', '.join(sorted(FORMAT_NAMES))}")
    accept = req.header("accept")
    browser = fmt == "html" or (not fmt and negotiate(accept, RESULT_OFFERS) == HTML)
    if text is None:
        if browser or not accept:
            return html(200, page(app, "", None))
        return json_error(400, "protocol", "no query given (parameter 'query')")
    try:
        form = check_query(text)
    except StoreError as exc:
        return _error(app, exc, text, browser)
    graph_result = form in ("CONSTRUCT", "DESCRIBE")
    media = HTML if browser else FORMAT_NAMES[fmt] if fmt else negotiate(accept, GRAPH_OFFERS if graph_result
                                                                          else RESULT_OFFERS)
    if media is None or (media != HTML and (media in GRAPH_TYPES) != graph_result):
        return json_error(406, "not-acceptable", f"no acceptable format for a {form} result")
    run_as = media
    if media == HTML:
        run_as = RESULTS_JSON if form in ("SELECT", "ASK") else TURTLE
    try:
        answer = app.queries.run(Request(text, run_as, params.get("default-graph-uri"), params.get("named-graph-uri")))
    except StoreError as exc:
        return _error(app, exc, text, media == HTML)
    headers = [("X-Result-Truncated", "true")] if answer.truncated else []
    if media == HTML:
        return html(200, page(app, text, (answer.form, answer.body, answer.truncated)), headers)
    charset = "; charset=utf-8" if not media.endswith("+json") and media != "application/ld+json" else ""
    return Resp(200, answer.body, media + charset, headers)


def _error(app: App, exc: StoreError, text: str, browser: bool) -> Resp:
    status, kind = next(((s, k) for cls, (s, k) in ERROR_STATUS.items() if isinstance(exc, cls)), (500, "store"))
    if status == 500:
        app.log.error("query failed: %s", exc)
    message = exc.message if status != 500 else "the query could not be run"
    if browser:
        return html(status, page(app, text, None, error=message))
    return json_error(status, kind, message)


def _results_html(app: App, form: str, body: bytes, truncated: bool) -> str:
    ds = app.ds
    note = f"<p>Results stop at {app.queries.limit} rows.</p>" if truncated else ""
    if form not in ("SELECT", "ASK"):
        return f"<h2>Result</h2>{note}<pre>{e(body.decode('utf-8', 'replace'))}</pre>"
    doc = json.loads(body)
    if "boolean" in doc:
        return f"<h2>Result</h2><p>{'true' if doc['boolean'] else 'false'}</p>"
    names = doc["head"]["vars"]
    rows = []
    for b in doc["results"]["bindings"]:
        cells = []
        for n in names:
            v = b.get(n)
            if v is None:
                cells.append("")
            elif v["type"] == "uri":
                cells.append(link(ds, Ref(v["value"], v["value"])))
            else:
                cells.append(e(v["value"]))
        rows.append(cells)
    count = f"<p>{len(rows)} rows.</p>"
    return "<h2>Results</h2>" + count + note + (table(names, rows) or "")


def page(app: App, text: str, result: tuple[str, bytes, bool] | None, error: str | None = None) -> str:
    ds = app.ds
    exs = examples(ds.base)
    text = text or exs[0][1]
    ex_links = "".join(f'<li><a href="{e(ds.prefix)}sparql?format=html&amp;query={_q(q)}">{e(t)}</a></li>'
                       for t, q in exs)
    options = "".join(f'<option value="{v}"{" selected" if v == "html" else ""}>{label}</option>' for v, label in (
        ("html", "Table (HTML)"), ("json", "SPARQL JSON"), ("xml", "SPARQL XML"), ("csv", "CSV"), ("tsv", "TSV"),
        ("turtle", "Turtle (CONSTRUCT/DESCRIBE)"), ("jsonld", "JSON-LD (CONSTRUCT/DESCRIBE)")))
    body = [
        "<h1>SPARQL</h1><p>Read-only SPARQL 1.1 over every graph of the dataset (the default graph is their "
        f"union). Queries stop after {app.queries.timeout:g} s and {app.queries.limit} rows; SERVICE and updates "
        "are refused. Machines can use this URL with the SPARQL 1.1 Protocol. A triple that several graphs "
        "repeat (an entity's label in each record that names it) matches once per graph: use DISTINCT.</p>",
        f'<form method="get" action="{e(ds.prefix)}sparql" id="sparql-form"><p><label for="query">Query</label></p>'
        f'<textarea id="query" name="query" rows="12" spellcheck="false">{e(text)}</textarea>'
        f'<p><label for="format">Results as</label> <select id="format" name="format">{options}</select> '
        '<button type="submit" id="run">Run query</button></p></form>',
        f"<section><h2>Examples</h2><ul>{ex_links}</ul></section>",
    ]
    if error:
        body.append(f'<div class="error" role="alert"><h2>Error</h2><p>{e(error)}</p></div>')
    if result:
        body.append(f'<section id="results">{_results_html(app, *result)}</section>')
    return layout(ds, "SPARQL", "".join(body))


def _q(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="")
