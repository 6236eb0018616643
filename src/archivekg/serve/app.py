"""The web application (WSGI): linked-data pages with content negotiation, files, SPARQL.

Routes (the base IRI is mapped onto the server root, so ``<base>id/place/x`` is ``/id/place/x``):

  /id/<kind>/<key>      303 See Other -> /doc/<kind>/<key> (the thing vs. the document about it)
  /doc/<kind>/<key>     its description: HTML, Turtle, JSON-LD or N-Triples by Accept;
                        .html .ttl .jsonld .nt pick one directly; Link headers name the others
  /graph/<name>         a named graph (records: the published Turtle/JSON-LD files)
  /vocab                the project vocabulary; /.well-known/void -> /void.ttl
  /<published file>     archivekg.nq, void.ttl, records/<id>.ttl, ... (only files publish wrote)
  /sparql               SPARQL 1.1 Protocol, read-only; a query page for browsers
  /, /records, /browse/<kind>, /search, /timeline, /map, /health
"""
from __future__ import annotations

import hashlib
import logging
import mimetypes
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from . import pages, sparql
from .conneg import PAGE_OFFERS, SUFFIX_OF, link_header, negotiate, split_suffix
from .data import Dataset
from .executor import QueryService
from .formats import HTML, JSONLD, NTRIPLES, TURTLE, graph_bytes
from .messages import Req, Resp, html, json_error

MAX_BODY = 1 << 20  # 1 MiB: a query larger than that is not a query
MAX_PATH = 2048
PUBLISHED = re.compile(r"^(?:records/)?[A-Za-z0-9][A-Za-z0-9._-]*\.(?:nq|trig|ttl|jsonld|json|md|nt)$")
FILE_TYPES = {".nq": "application/n-quads", ".trig": "application/trig", ".ttl": "text/turtle; charset=utf-8",
              ".jsonld": "application/ld+json", ".json": "application/json", ".md": "text/markdown; charset=utf-8",
              ".nt": "application/n-triples"}
SECURITY = [("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer"),
            ("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
             "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")]
CORS = [("Access-Control-Allow-Origin", "*"), ("Access-Control-Expose-Headers", "Link, Content-Location, "
                                                                                "X-Result-Truncated")]
CACHE_BYTES = 64 << 20  # rendered pages and descriptions kept per process
CACHE_ITEM = 1 << 20
STREAM_OVER = 8 << 20
KINDS = ("person", "place", "group", "event", "document", "claim")


class App:
    """A WSGI application over one published dataset."""

    def __init__(self, ds: Dataset, queries: QueryService, *, max_body: int = MAX_BODY,
                 cache_bytes: int = CACHE_BYTES) -> None:
        self.ds = ds
        self.queries = queries
        self.max_body = max_body
        self.log = logging.getLogger("archivekg.serve")
        self._rendered: dict[str, bytes] = {}
        self._rendered_bytes = 0
        self.cache_bytes = cache_bytes

    def close(self) -> None:
        self.queries.close()

    # -- WSGI -----------------------------------------------------------------------------------

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        resp = self.respond(environ)
        size = resp.stream.stat().st_size if resp.stream else len(resp.body)
        headers = [("Content-Type", resp.content_type), ("Content-Length", str(size)),
                   *CORS, *SECURITY, *resp.headers]
        start_response(resp.status_line, headers)
        if environ.get("REQUEST_METHOD") == "HEAD":
            return [b""]
        return _chunks(resp.stream) if resp.stream else [resp.body]

    def respond(self, environ: dict[str, Any]) -> Resp:
        try:
            req = self._request(environ)
            if isinstance(req, Resp):
                return req
            return self.handle(req)
        except Exception:  # the client gets a plain message; the trace goes to the log only
            self.log.exception("error while answering %s", environ.get("PATH_INFO"))
            return json_error(500, "internal", "internal server error")

    def _request(self, environ: dict[str, Any]) -> Req | Resp:
        raw_path = environ.get("PATH_INFO", "/") or "/"
        if len(raw_path) > MAX_PATH or len(environ.get("QUERY_STRING", "")) > 16 * MAX_PATH:
            return json_error(414, "too-long", "the request URI is too long")
        try:
            path = raw_path.encode("latin-1").decode("utf-8")  # WSGI hands the path over as latin-1
        except UnicodeError:
            return json_error(400, "bad-path", "the path is not UTF-8")
        headers = {k[5:].replace("_", "-").lower(): v for k, v in environ.items() if k.startswith("HTTP_")}
        if environ.get("CONTENT_TYPE"):
            headers["content-type"] = environ["CONTENT_TYPE"]
        body = b""
        method = environ.get("REQUEST_METHOD", "GET").upper()
        if method == "POST":
            if "chunked" in headers.get("transfer-encoding", "").lower():
                return json_error(411, "length-required", "send a Content-Length, not chunked data")
            try:
                length = int(environ.get("CONTENT_LENGTH") or 0)
            except ValueError:
                return json_error(400, "bad-length", "Content-Length is not a number")
            if length > self.max_body:
                return json_error(413, "too-large", f"request bodies are limited to {self.max_body} bytes")
            body = environ["wsgi.input"].read(length) if length > 0 else b""
        query = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True, max_num_fields=200)
        return Req(method, path, query, headers, body)

    # -- routing --------------------------------------------------------------------------------

    def handle(self, req: Req) -> Resp:
        if req.method == "OPTIONS":
            return Resp(204, headers=[("Allow", "GET, HEAD, POST, OPTIONS"),
                                      ("Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS"),
                                      ("Access-Control-Allow-Headers", "Accept, Content-Type, Authorization"),
                                      ("Access-Control-Max-Age", "86400")])
        path = req.path
        if path == "/sparql":
            return sparql.handle(self, req)
        if req.method not in ("GET", "HEAD"):
            return json_error(405, "method", "only GET and HEAD here", [("Allow", "GET, HEAD, OPTIONS")])
        if "\x00" in path or "/../" in path + "/" or "\\" in path:
            return json_error(400, "bad-path", "the path is not allowed")
        if path.startswith("/id/"):
            return self.redirect_id(path)
        if path.startswith("/doc/"):
            return self.describe(req, "/id/" + path[5:], "/doc/" + path[5:])
        if path.startswith("/graph/"):
            return self.graph(req, path)
        if path in ("/vocab", "/vocab.html"):
            return self.file(req, "vocab.ttl")
        if path == "/.well-known/void":
            return Resp(303, headers=[("Location", "/void.ttl")])
        if path == "/health":
            return Resp(200, b"ok\n")
        page = self.page(req, path)
        if page is not None:
            return self.cached(req, page, "text/html; charset=utf-8", HTML)
        rel = path.lstrip("/")
        if PUBLISHED.match(rel):
            return self.file(req, rel)
        return self.not_found(req)

    def page(self, req: Req, path: str) -> str | None:
        ds = self.ds
        page_no = _page_number(req.param("page"))
        if path in ("/", "/index.html"):
            return pages.home_page(ds)
        if path == "/records":
            return pages.records_page(ds, page_no)
        if path.startswith("/browse/") and path[8:] in KINDS:
            return pages.browse_page(ds, path[8:], page_no)
        if path == "/search":
            return pages.search_page(ds, req.param("q")[:200])
        if path == "/timeline":
            year = req.param("year")
            return pages.timeline_page(ds, year if re.fullmatch(r"-?\d{1,4}", year) else "")
        if path == "/map":
            return pages.map_page(ds)
        return None

    def not_found(self, req: Req) -> Resp:
        if negotiate(req.header("accept"), ((HTML, HTML), ("application/json", "json"))) == HTML:
            return html(404, pages.error_page(self.ds, 404, f"Nothing is published at {req.path}."))
        return json_error(404, "not-found", f"nothing is published at {req.path}")

    # -- linked data ------------------------------------------------------------------------------

    def redirect_id(self, path: str) -> Resp:
        iri = self.ds.iri(path)
        if not self.ds.exists(iri):
            return json_error(404, "not-found", f"no resource {iri}")
        # Cool URIs: the IRI names a thing, so it answers 303 with the document describing it.
        return Resp(303, f"See /doc/{path[4:]}\n".encode(), headers=[
            ("Location", "/doc/" + path[4:]), ("Vary", "Accept"), ("Link", link_header("/doc/" + path[4:]))])

    def describe(self, req: Req, id_path: str, doc_path: str) -> Resp:
        id_path, media = split_suffix(id_path)
        doc_path, _ = split_suffix(doc_path)
        iri = self.ds.iri(id_path)
        if not self.ds.exists(iri):
            return self.not_found(req)
        chosen = media or negotiate(req.header("accept"), PAGE_OFFERS)
        if chosen is None:
            return json_error(406, "not-acceptable", "available: text/html, text/turtle, application/ld+json, "
                              "application/n-triples", [("Link", link_header(doc_path))])
        headers = [("Link", link_header(doc_path, chosen) + f', <{iri}>; rel="describes"')]
        if media is None:
            headers += [("Vary", "Accept"), ("Content-Location", doc_path + SUFFIX_OF[chosen])]
        if chosen == HTML:
            page = _page_number(req.param("page"))
            html_ = lambda: pages.resource_page(self.ds, iri, doc_path, page)  # noqa: E731
            return self.cached(req, html_, "text/html; charset=utf-8", chosen, headers)
        body = lambda: graph_bytes(self.ds.describe(iri), chosen, self.ds.prefixes)  # noqa: E731
        return self.cached(req, body, _typed(chosen), chosen, headers)

    def graph(self, req: Req, path: str) -> Resp:
        bare, media = split_suffix(path)
        name = bare[len("/graph/"):]
        files = {"entities": "entities.ttl", "links": "links.ttl", "dataset": "void.ttl"}
        if name.startswith("record/") and re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", name[7:]):
            rid = name[7:]
            ttl, jsonld = f"records/{rid}.ttl", f"records/{rid}.jsonld"
        elif name in files:
            ttl, jsonld = files[name], None
        else:
            return self.not_found(req)
        if not (self.ds.dir / ttl).is_file():
            return self.graph_from_store(req, bare, media)
        offers = ((TURTLE, TURTLE), (JSONLD, JSONLD), ("application/json", JSONLD), (HTML, HTML))
        chosen = media or negotiate(req.header("accept"), offers)
        headers = [("Vary", "Accept"), ("Link", f'<{bare}.ttl>; rel="alternate"; type="text/turtle"')]
        if chosen == TURTLE:
            return self.file(req, ttl, headers)
        if chosen == JSONLD and jsonld and (self.ds.dir / jsonld).is_file():
            return self.file(req, jsonld, headers)
        if chosen == HTML and name.startswith("record/"):
            return Resp(303, headers=[("Location", f"/doc/document/{name[7:]}")])
        if chosen == NTRIPLES or chosen is None:
            return json_error(406, "not-acceptable", "graphs are published as Turtle and JSON-LD", headers)
        return self.file(req, ttl, headers)

    def graph_from_store(self, req: Req, bare: str, media: str | None) -> Resp:
        """A named graph that has no file of its own, written from the store (Turtle or JSON-LD)."""
        from .data import N

        graph = N(self.ds.iri(bare))
        if not self.ds.store.contains_named_graph(graph):
            return self.not_found(req)
        offers = ((TURTLE, TURTLE), (JSONLD, JSONLD), ("application/json", JSONLD), (NTRIPLES, NTRIPLES))
        chosen = media if media in (TURTLE, JSONLD, NTRIPLES) else negotiate(req.header("accept"), offers)
        if chosen is None:
            return json_error(406, "not-acceptable", "graphs are available as Turtle, JSON-LD and N-Triples")
        body = lambda: graph_bytes([q.triple for q in self.ds.quads(g=graph)], chosen, self.ds.prefixes)  # noqa: E731
        return self.cached(req, body, _typed(chosen), chosen, [("Vary", "Accept")])

    def file(self, req: Req, rel: str, headers: list[tuple[str, str]] | None = None) -> Resp:
        """A file publish wrote, and only that: no traversal, no links out, no hidden files."""
        root = self.ds.dir.resolve()
        target = (root / rel).resolve()
        if root not in target.parents or not target.is_file() or any(p.startswith(".") for p in Path(rel).parts):
            return self.not_found(req)
        ctype = FILE_TYPES.get(target.suffix) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if target.stat().st_size > STREAM_OVER:  # a dump of the whole dataset: sent in chunks
            resp = self.cached(req, "", ctype, rel, headers)
            if resp.status == 200:
                resp.stream = target
            return resp
        return self.cached(req, target.read_bytes, ctype, rel, headers)

    def cached(self, req: Req, make: Callable[[], str | bytes] | str, ctype: str, variant: str,
               headers: list[tuple[str, str]] | None = None) -> Resp:
        """A 200 with an ETag for this build, or 304 when the client already has it."""
        key = f"{self.ds.fingerprint}|{req.path}|{sorted(req.query.items())}|{variant}"
        tag = '"' + hashlib.sha256(key.encode()).hexdigest()[:20] + '"'
        headers = [*(headers or []), ("ETag", tag), ("Cache-Control", "public, max-age=300")]
        if tag in [t.strip() for t in req.header("if-none-match").split(",")]:
            return Resp(304, headers=headers)
        body = self._rendered.get(tag)
        if body is None:
            made = make if isinstance(make, str) else make()
            body = made.encode("utf-8") if isinstance(made, str) else made
            if len(body) <= min(CACHE_ITEM, self.cache_bytes):  # kept: the data never change
                if self._rendered_bytes + len(body) > self.cache_bytes:
                    self._rendered.clear()
                    self._rendered_bytes = 0
                self._rendered[tag] = body
                self._rendered_bytes += len(body)
        return Resp(200, body, ctype, headers)


def _chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as f:
        while block := f.read(1 << 20):
            yield block


def _typed(media: str) -> str:
    return media + ("; charset=utf-8" if media in (TURTLE, NTRIPLES) else "")


def _page_number(text: str) -> int:
    return min(int(text), 100_000) if text.isdigit() else 0
