"""Serving the published dataset: linked-data pages, content negotiation, SPARQL, loading, export.

The functions here are what the command line calls; each returns an exit code or raises an
``archivekg.errors`` error. The server reads only what publish wrote.
"""
from __future__ import annotations

import logging
import os
import sys
import threading
from pathlib import Path

from ..errors import StoreError, UsageError
from ..store import open_store
from .app import App
from .data import Dataset
from .executor import ForkService, InlineService, ProcessService, Request, Zygote
from .formats import FORMAT_NAMES, GRAPH_TYPES, RESULTS_JSON, TURTLE

log = logging.getLogger("archivekg.serve")
DEFAULT_TIMEOUT = 10.0
DEFAULT_LIMIT = 10_000


def make_app(data: Path, *, base: str | None = None, store_dir: Path | None = None, processes: int = 0,
             timeout: float = DEFAULT_TIMEOUT, limit: int = DEFAULT_LIMIT, warm: bool = False) -> App:
    """An app over ``data``. Pages read an in-memory store (scans there are ten times cheaper than
    on disk). With ``processes`` > 0 (needs ``store_dir``), SPARQL runs in worker processes over
    the on-disk store, where a timeout can stop it; otherwise in the request thread."""
    if processes > 0 and store_dir is None:
        raise UsageError("query processes need an on-disk store (store_dir)")
    if store_dir is not None:
        del_store = open_store(Path(data), store_dir)  # build or check the on-disk copy
        del del_store
    ds = Dataset(Path(data), open_store(Path(data)), base)
    if warm:
        ds.warm()
    return app_for(ds, store_dir, processes, timeout, limit)


def app_for(ds: Dataset, store_dir: Path | None, processes: int, timeout: float, limit: int,
            cache_mb: int = 64, zygote: Zygote | None = None) -> App:
    queries: InlineService | ProcessService
    if processes > 0 and zygote is not None:
        queries = ForkService(zygote, timeout, limit, workers=processes)
    elif processes > 0 and store_dir is not None:
        queries = ProcessService(str(store_dir), ds.prefixes, timeout, limit, workers=processes)
    else:
        queries = InlineService(ds.store, ds.prefixes, timeout, limit)
    return App(ds, queries, cache_bytes=cache_mb << 20)


def run_serve(data: Path, host: str = "127.0.0.1", port: int = 8080, base: str | None = None, *,
              workers: int = 2, query_processes: int = 2, timeout: float = DEFAULT_TIMEOUT,
              limit: int = DEFAULT_LIMIT, cache_mb: int = 64) -> int:
    """Serve until interrupted (``cache_mb``: rendered answers kept per process; 0 renders each time).

    The data are loaded into memory once, with the page indexes built, while the process is still
    single-threaded; then a zygote process is forked (it forks the SPARQL workers, which a time
    limit can kill) and the HTTP worker processes. All of them share the loaded store
    copy-on-write.
    """
    from .server import Server, serve_forever

    data = Path(data)
    ds = Dataset(data, open_store(data), base)
    ds.warm()
    # Forked first, so that neither it nor its workers hold the listening socket.
    zygote = Zygote(ds.store, ds.prefixes, timeout, limit) if query_processes > 0 else None
    try:
        try:
            server = Server((host, port))
        except OSError as exc:
            raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
        host_bound, port_bound = server.server_address[:2]
        print(f"archivekg: serving {data} at http://{host_bound!s}:{port_bound}/", file=sys.stderr, flush=True)
        serve_forever(server, lambda: app_for(ds, None, query_processes, timeout, limit, cache_mb, zygote), workers)
    finally:
        if zygote is not None:
            zygote.close()
    return 0


def run_query(data: Path, query: str, fmt: str = "table", *, timeout: float = 60.0, limit: int = 1_000_000) -> int:
    """Run one query against the published data and write the result to standard output.

    ``fmt``: table (readable columns; Turtle for CONSTRUCT/DESCRIBE), or a result format name
    (json, xml, csv, tsv, ttl, jsonld, nt).
    """
    from ..store import check_query

    form = check_query(query)
    graph_form = form in ("CONSTRUCT", "DESCRIBE")
    fmt = fmt or "table"
    if fmt == "table":
        media = TURTLE if graph_form else RESULTS_JSON
    elif fmt in FORMAT_NAMES and fmt != "html":
        media = FORMAT_NAMES[fmt]
    else:
        raise UsageError(f"unknown format {fmt!r}; use table or one of: "
                         + ", ".join(sorted(k for k in FORMAT_NAMES if k != "html")))
    if (media in GRAPH_TYPES) != graph_form:
        raise UsageError(f"format {fmt!r} does not fit a {form} query")
    store = open_store(Path(data))
    ds = Dataset(Path(data), store)
    service = InlineService(store, ds.prefixes, timeout, limit)
    # The engine cannot be interrupted from Python: a watchdog ends the process at the limit.
    watchdog = threading.Timer(timeout, _give_up, args=(timeout,))
    watchdog.daemon = True
    watchdog.start()
    try:
        answer = service.run(Request(query, media))
    finally:
        watchdog.cancel()
    body = text_table(answer.body) if fmt == "table" and not graph_form else answer.body
    sys.stdout.buffer.write(body)
    sys.stdout.flush()
    if answer.truncated:
        print(f"archivekg: output stops at {limit} rows", file=sys.stderr)
    return 0


def text_table(results_json: bytes) -> bytes:
    """SPARQL JSON results as aligned columns for a terminal."""
    import json

    doc = json.loads(results_json)
    if "boolean" in doc:
        return (("true" if doc["boolean"] else "false") + "\n").encode()
    names = doc["head"]["vars"]
    rows = [[b.get(n, {}).get("value", "") for n in names] for b in doc["results"]["bindings"]]
    widths = [min(max([len(n), *(len(r[i]) for r in rows)]), 80) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.append(f"({len(rows)} rows)")
    return ("\n".join(lines) + "\n").encode()


def _give_up(timeout: float) -> None:

    print(f"archivekg: the query ran longer than {timeout:g} s", file=sys.stderr, flush=True)
    os._exit(3)


def run_load(data: Path, endpoint: str, *, query_url: str | None = None, user: str | None = None,
             password: str | None = None, auth: str = "basic", token: str | None = None, verify: bool = True,
             timeout: float = 120.0) -> int:
    """Load every graph into a remote store (Graph Store Protocol); 1 if the counts disagree after."""
    from ..load import load_endpoint

    report = load_endpoint(Path(data), endpoint, query_url=query_url, user=user, password=password, auth=auth,
                           token=token, verify=verify, timeout=timeout)
    print(f"archivekg: loaded {report.graphs} graphs ({report.triples} triples) into {endpoint} "
          f"in {report.seconds:.1f} s", file=sys.stderr)
    for graph, expected, found in report.mismatches[:20]:
        print(f"archivekg: {graph}: expected {expected} triples, the store has {found}", file=sys.stderr)
    if report.mismatches:
        return 1
    if verify:
        print("archivekg: verified: every graph has the expected number of triples", file=sys.stderr)
    return 0


def run_site(data: Path, out: Path, base: str | None = None) -> int:
    """Write a static copy of the site (HTML, .ttl, .jsonld per resource, server rules) to ``out``."""
    from ..site import export_site

    report = export_site(Path(data), Path(out), base=base)
    print(f"archivekg: wrote {report.resources} resources ({report.files} files) to {out}", file=sys.stderr)
    return 0


__all__ = ["RESULTS_JSON", "App", "StoreError", "make_app", "run_load", "run_query", "run_serve", "run_site"]
