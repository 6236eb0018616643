"""The embedded store: published N-Quads in pyoxigraph, read-only SPARQL with a guard and limits.

Queries are checked before they run: a small SPARQL lexer (strings, IRIs and comments are
skipped, so ``"SERVICE"`` in a literal is harmless) finds the query form and refuses updates,
``LOAD`` and ``SERVICE`` (pyoxigraph would otherwise fetch the URL), then pyoxigraph's own parser
decides the rest. The store is used read-only; pages may read from it, but files are never
written from it (the Store normalises some literals).
"""
from __future__ import annotations

import hashlib
import json
import re
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .errors import StoreError
from .load import LoadReport, load_endpoint, published_nquads

NQ_NAME = "archivekg.nq"
__all__ = ["LoadReport", "QueryResult", "check_query", "load_endpoint", "open_store", "query"]
QUERY_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")
# Words that start a SPARQL 1.1 Update operation; none may appear as a bare word in a query.
UPDATE_WORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"})
REFUSED_WORDS = UPDATE_WORDS | {"SERVICE"}


class QuerySyntaxError(StoreError):
    """The query text is not SPARQL (HTTP 400)."""


class QueryRefused(StoreError):
    """The query asks for something this read-only service never does (HTTP 403)."""


class QueryTimeout(StoreError):
    """The query ran past its time limit (HTTP 503)."""


# --- lexer -----------------------------------------------------------------------------------

_TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<long>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\")
  | (?P<string>'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+)
  | (?P<bnode>_:[\w.\-]+)
  | (?P<pname>(?:[^\W\d][\w.\-]*)?:[\w.\-:%\\]*)
  | (?P<word>[^\W\d][\w\-]*)
  | (?P<langtag>@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*)
  | (?P<number>[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<punct>\^\^|\|\||&&|!=|<=|>=|[{}()\[\];,.*/+\-=<>!|^@])
""", re.VERBOSE | re.DOTALL)


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    pos: int


def tokens(text: str) -> Iterator[Token]:
    """SPARQL tokens without whitespace and comments; an unclosed string or stray byte is an error."""
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            line = text.count("\n", 0, pos) + 1
            raise QuerySyntaxError(f"unexpected character {text[pos]!r} at line {line}", field="query")
        kind = m.lastgroup or "punct"
        if kind not in ("ws", "comment"):
            yield Token(kind, m.group(), pos)
        pos = m.end()


def check_query(text: str) -> str:
    """The query form (SELECT, CONSTRUCT, DESCRIBE or ASK); refuses updates, LOAD and SERVICE."""
    if not text.strip():
        raise QuerySyntaxError("the query is empty", field="query")
    form = ""
    expect_prologue = 0  # tokens still owed to a PREFIX or BASE declaration
    for tok in tokens(text):
        word = tok.text.upper() if tok.kind == "word" else ""
        if word in REFUSED_WORDS:
            what = "SERVICE (federated query)" if word == "SERVICE" else f"{word} (SPARQL Update)"
            raise QueryRefused(f"{what} is not allowed: this endpoint is read-only and fetches no URL",
                               field="query")
        if form:
            continue
        if expect_prologue:
            expect_prologue -= 1
        elif word in ("PREFIX", "BASE"):
            expect_prologue = 2 if word == "PREFIX" else 1
        elif word in QUERY_FORMS:
            form = word
        else:
            raise QuerySyntaxError(f"expected SELECT, CONSTRUCT, DESCRIBE or ASK, found {tok.text[:40]!r}",
                                   field="query")
    if not form:
        raise QuerySyntaxError("no SELECT, CONSTRUCT, DESCRIBE or ASK in the query", field="query")
    return form


# --- opening the published data ----------------------------------------------------------------

def nquads_path(data_dir: Path) -> Path:
    return published_nquads(data_dir)


def data_fingerprint(data_dir: Path) -> str:
    """Identifies one build: the manifest's hash of the N-Quads if given, else a hash of the file."""
    manifest = Path(data_dir) / "manifest.json"
    if manifest.is_file():
        try:
            files = json.loads(manifest.read_text(encoding="utf-8")).get("files", {})
            if isinstance(files, dict) and isinstance(files.get(NQ_NAME), str):
                return files[NQ_NAME]
        except (ValueError, AttributeError):
            pass  # a manifest we cannot read: fall back to hashing the data itself
    h = hashlib.sha256()
    with nquads_path(data_dir).open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def open_store(data_dir: Path, path: Path | None = None) -> ox.Store:
    """The published N-Quads in a Store: in memory, or on disk at ``path`` (reused when current).

    An on-disk store can then be opened read-only by other processes (``Store.read_only``).
    """
    source = nquads_path(data_dir)
    if path is None:
        store = ox.Store()
        _bulk_load(store, source)
        return store
    path = Path(path)
    marker = path / "archivekg-source.txt"
    stamp = data_fingerprint(data_dir)
    if marker.is_file() and marker.read_text(encoding="utf-8") == stamp:
        return ox.Store.read_only(str(path))
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    store = ox.Store(str(path))
    _bulk_load(store, source)
    store.flush()
    store.optimize()
    del store  # release the write lock before opening read-only
    marker.write_text(stamp, encoding="utf-8")
    return ox.Store.read_only(str(path))


def _bulk_load(store: ox.Store, source: Path) -> None:
    try:
        store.bulk_load(path=str(source), format=ox.RdfFormat.N_QUADS)
    except (SyntaxError, ValueError, OSError) as exc:
        raise StoreError(f"cannot load: {exc}", path=str(source)) from None


# --- running a query ----------------------------------------------------------------------------

@dataclass
class QueryResult:
    """What a query returned, materialised up to the row cap."""

    form: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None, ...]] = field(
        default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)
    truncated: bool = False
    seconds: float = 0.0


def query(store: ox.Store, text: str, timeout: float = 10.0, limit: int = 10_000, *,
          default_graphs: list[str] | None = None, named_graphs: list[str] | None = None) -> QueryResult:
    """Run a read-only query; at most ``limit`` rows or triples; stops between rows at ``timeout``.

    The default graph is the union of all graphs (every triple lives in a named graph) unless
    ``default_graphs`` names some. A single long step inside the engine (a large aggregate)
    cannot be interrupted here; the server runs queries in a separate process it can stop.
    """
    form = check_query(text)
    started = time.monotonic()
    deadline = started + timeout
    try:
        raw = store.query(
            text,
            use_default_graph_as_union=default_graphs is None,
            default_graph=[ox.NamedNode(g) for g in default_graphs] if default_graphs is not None else None,
            named_graphs=[ox.NamedNode(g) for g in named_graphs] if named_graphs is not None else None,
        )
        result = _collect(form, raw, deadline, limit, timeout)
    except SyntaxError as exc:
        raise QuerySyntaxError(str(exc), field="query") from None
    except ValueError as exc:  # a malformed graph IRI in the protocol parameters
        raise QuerySyntaxError(str(exc), field="default-graph-uri") from None
    except OSError as exc:
        raise StoreError(f"the query failed: {exc}", field="query") from None
    result.seconds = time.monotonic() - started
    return result


def _collect(form: str, raw: object, deadline: float, limit: int, timeout: float) -> QueryResult:
    if isinstance(raw, ox.QueryBoolean):
        return QueryResult(form, boolean=bool(raw))
    if isinstance(raw, ox.QuerySolutions):
        result = QueryResult(form, variables=[v.value for v in raw.variables])
        width = len(result.variables)
        for solution in raw:
            if len(result.rows) >= limit:
                result.truncated = True
                break
            result.rows.append(tuple(solution[i] for i in range(width)))
            if time.monotonic() > deadline:
                raise QueryTimeout(f"the query ran longer than {timeout:g} s", field="query")
        return result
    result = QueryResult(form)
    for triple in raw:  # type: ignore[attr-defined]
        if len(result.triples) >= limit:
            result.truncated = True
            break
        result.triples.append(triple)
        if time.monotonic() > deadline:
            raise QueryTimeout(f"the query ran longer than {timeout:g} s", field="query")
    return result


