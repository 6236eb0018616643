"""Loading the published graphs into a remote store with the SPARQL 1.1 Graph Store Protocol.

Each named graph is sent with ``PUT <endpoint>?graph=<iri>``, which replaces that graph: loading
the same build twice leaves the store as after one load, and loading a new build replaces each
record's graph. Record graphs are sent as the Turtle files publish wrote; the shared graphs are cut
from the N-Quads. Afterwards one SPARQL query counts the triples of every graph and compares them
with the counts in the N-Quads.
"""
from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
import requests

from .errors import StoreError

NQ_NAME = "archivekg.nq"
RECORD_GRAPH = "graph/record/"
COUNT_QUERY = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


@dataclass
class Payload:
    graph: str
    body: bytes
    content_type: str


@dataclass
class LoadReport:
    endpoint: str
    graphs: int = 0
    triples: int = 0
    seconds: float = 0.0
    verified: bool = False
    # (graph, expected, found) for every graph whose count differs after loading.
    mismatches: list[tuple[str, int, int]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.mismatches


def query_endpoint_for(endpoint: str) -> str:
    """The SPARQL query URL next to a Graph Store URL, for the stores whose layout is known."""
    base = endpoint.rstrip("/")
    for gsp, sparql in (("/store", "/query"), ("/data", "/sparql"), ("/sparql-graph-crud-auth", "/sparql"),
                        ("/sparql-graph-crud", "/sparql"), ("/rdf-graphs/service", "")):
        if base.endswith(gsp):
            return base[: -len(gsp)] + sparql
    return endpoint


def published_nquads(data_dir: Path) -> Path:
    """The folder's N-Quads dump; refused while an update of the folder is unfinished (the
    dumps may then hold some graphs of the next build and some of the last)."""
    folder = Path(data_dir)
    path = folder / NQ_NAME
    if not path.is_file():
        raise StoreError(f"no {NQ_NAME} here; run `archivekg build` first", path=str(data_dir))
    if (folder.resolve().parent / f".{folder.resolve().name}.commit").exists():
        raise StoreError("a build is updating this folder, or was stopped while it did; wait for it, or run "
                         "`archivekg build` again to finish the update", path=str(data_dir))
    return path


def graph_counts_and_shared(data_dir: Path) -> tuple[Counter[str], dict[str, list[str]]]:
    """Triples per graph in the N-Quads, and the N-Triples lines of every non-record graph."""
    counts: Counter[str] = Counter()
    shared: dict[str, list[str]] = {}
    path = published_nquads(data_dir)
    try:
        for q in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS):
            g = q.graph_name
            name = g.value if isinstance(g, ox.NamedNode) else ""
            counts[name] += 1
            if RECORD_GRAPH not in name:
                shared.setdefault(name, []).append(f"{q.triple} .\n")
    except SyntaxError as exc:
        raise StoreError(f"cannot read: {exc}", path=str(path)) from None
    return counts, shared


def payloads(data_dir: Path, counts: Counter[str], shared: dict[str, list[str]]) -> Iterator[Payload]:
    records = Path(data_dir) / "records"
    for graph in sorted(counts):
        if graph in shared:
            yield Payload(graph, "".join(shared[graph]).encode(), "application/n-triples")
            continue
        rid = graph.rsplit("/", 1)[-1]
        ttl = records / f"{rid}.ttl"
        if not ttl.is_file():
            raise StoreError(f"graph {graph} has no Turtle file", path=str(ttl))
        yield Payload(graph, ttl.read_bytes(), "text/turtle")


def _session(user: str | None, password: str | None, auth: str, token: str | None) -> requests.Session:
    s = requests.Session()
    if token:
        s.headers["Authorization"] = f"Bearer {token}"
    elif user is not None:
        if auth == "digest":
            s.auth = requests.auth.HTTPDigestAuth(user, password or "")
        elif auth == "basic":
            s.auth = requests.auth.HTTPBasicAuth(user, password or "")
        else:
            raise StoreError(f"unknown authentication scheme {auth!r} (basic or digest)", field="auth")
    return s


def put_graph(session: requests.Session, endpoint: str, payload: Payload, timeout: float, attempts: int = 3) -> None:
    """PUT one graph. PUT replaces, so a failed attempt is simply made again: stores under load
    answer some concurrent writes with a 5xx (Virtuoso reports a deadlocked transaction)."""
    target = "default" if not payload.graph else "graph=" + quote(payload.graph, safe="")
    url = endpoint + ("&" if "?" in endpoint else "?") + target
    for attempt in range(1, attempts + 1):
        try:
            r = session.put(url, data=payload.body, headers={"Content-Type": payload.content_type},
                            timeout=timeout)
        except requests.RequestException as exc:
            if attempt == attempts:
                raise StoreError(f"PUT failed: {exc.__class__.__name__}", path=endpoint,
                                 field=payload.graph) from None
        else:
            if r.status_code in (200, 201, 204):
                return
            if r.status_code < 500 or attempt == attempts:
                raise StoreError(f"PUT answered {r.status_code}: {_text(r)}", path=endpoint, field=payload.graph)
        time.sleep(0.5 * attempt)


def _text(r: requests.Response) -> str:
    """The gist of an error page: its text without markup, shortened."""
    return " ".join(re.sub(r"<[^>]+>", " ", r.text).split())[:200]


def remote_counts(session: requests.Session, query_url: str, timeout: float) -> dict[str, int]:
    try:
        r = session.post(query_url, data={"query": COUNT_QUERY}, timeout=timeout,
                         headers={"Accept": "application/sparql-results+json"})
        r.raise_for_status()
        rows = r.json()["results"]["bindings"]
    except (requests.RequestException, ValueError, KeyError) as exc:
        raise StoreError(f"cannot count the loaded graphs: {exc.__class__.__name__}", path=query_url) from None
    return {row["g"]["value"]: int(row["n"]["value"]) for row in rows if "g" in row and "n" in row}


def load_endpoint(data_dir: Path, endpoint: str, *, query_url: str | None = None, user: str | None = None,
                  password: str | None = None, auth: str = "basic", token: str | None = None,
                  verify: bool = True, timeout: float = 120.0, workers: int = 4,
                  progress: Callable[[int, int], None] | None = None) -> LoadReport:
    """PUT every graph of the build to ``endpoint`` (a Graph Store Protocol URL), then check counts."""
    started = time.monotonic()
    counts, shared = graph_counts_and_shared(data_dir)
    report = LoadReport(endpoint, graphs=len(counts), triples=sum(counts.values()))
    session = _session(user, password, auth, token)
    done = 0
    batch: list[Payload] = []
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        # Batches keep only a few files in memory at a time.
        for payload in chain(payloads(data_dir, counts, shared), [None]):
            if payload is not None:
                batch.append(payload)
            if len(batch) >= 8 * workers or (payload is None and batch):
                for _ in pool.map(lambda p: put_graph(session, endpoint, p, timeout), batch):
                    done += 1
                    if progress:
                        progress(done, len(counts))
                batch = []
    if verify:
        found = remote_counts(session, query_url or query_endpoint_for(endpoint), timeout)
        report.mismatches = [(g, n, found.get(g, 0)) for g, n in sorted(counts.items()) if found.get(g, 0) != n]
        report.verified = True
    report.seconds = time.monotonic() - started
    return report
