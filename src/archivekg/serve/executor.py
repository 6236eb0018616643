"""Where SPARQL queries run: in the calling thread, or in worker processes that can be stopped.

pyoxigraph has no query timeout, and a long aggregate or join never returns to Python until it
is done. The server therefore runs user queries in worker processes that open the on-disk store
read-only; a query past its time limit has its worker killed and replaced, and the server goes on
answering everything else. Pages never go through here: they read the store directly.
"""
from __future__ import annotations

import logging
import multiprocessing as mp
import queue
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, Protocol

import pyoxigraph as ox

from ..errors import ArchiveKGError, StoreError
from ..store import QueryRefused, QuerySyntaxError, QueryTimeout, query
from .formats import result_bytes

log = logging.getLogger("archivekg.serve")
ERRORS: dict[str, type[StoreError]] = {"QuerySyntaxError": QuerySyntaxError, "QueryRefused": QueryRefused,
                                       "QueryTimeout": QueryTimeout, "StoreError": StoreError}


@dataclass(frozen=True)
class Request:
    text: str
    media_type: str
    default_graphs: list[str] | None = None
    named_graphs: list[str] | None = None


@dataclass(frozen=True)
class Answer:
    form: str
    body: bytes
    truncated: bool


class QueryService(Protocol):
    timeout: float
    limit: int

    def run(self, req: Request) -> Answer: ...

    def close(self) -> None: ...


def execute(store: ox.Store, req: Request, prefixes: dict[str, str], timeout: float, limit: int) -> Answer:
    result = query(store, req.text, timeout, limit, default_graphs=req.default_graphs, named_graphs=req.named_graphs)
    return Answer(result.form, result_bytes(result, req.media_type, prefixes), result.truncated)


class InlineService:
    """Queries in the caller's thread: for the CLI, static export and tests of pages.

    The time limit is checked between result rows only; use :class:`ProcessService` to serve.
    """

    def __init__(self, store: ox.Store, prefixes: dict[str, str], timeout: float = 10.0, limit: int = 10_000):
        self.store, self.prefixes, self.timeout, self.limit = store, prefixes, timeout, limit

    def run(self, req: Request) -> Answer:
        return execute(self.store, req, self.prefixes, self.timeout, self.limit)

    def close(self) -> None:
        pass


def _worker(store_path: str, prefixes: dict[str, str], timeout: float, limit: int, conn: Connection) -> None:
    store = ox.Store.read_only(store_path)
    while True:
        try:
            req = conn.recv()
        except (EOFError, OSError):
            return
        if req is None:
            return
        try:
            reply: tuple[Any, ...] = ("ok", execute(store, req, prefixes, timeout, limit))
        except ArchiveKGError as exc:
            name = type(exc).__name__ if type(exc).__name__ in ERRORS else "StoreError"
            reply = ("error", name, exc.message)
        except Exception as exc:  # never let a worker die silently; the parent logs, clients get no trace
            reply = ("error", "StoreError", f"internal error ({type(exc).__name__})")
        try:
            conn.send(reply)
        except (OSError, ValueError):
            return


class _Worker:
    def __init__(self, ctx: Any, args: tuple[Any, ...]) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker, args=(*args, child), daemon=True)
        self.proc.start()
        child.close()

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.proc.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                self.proc.kill()
        self.proc.join(2)
        self.conn.close()


class ProcessService:
    """A pool of query processes over a read-only on-disk store; a slow query costs one process."""

    def __init__(self, store_path: str, prefixes: dict[str, str], timeout: float = 10.0, limit: int = 10_000,
                 workers: int = 2, grace: float = 0.5) -> None:
        self.timeout, self.limit, self.grace = timeout, limit, grace
        self._ctx = mp.get_context("spawn")  # no fork: the parent may hold threads and store handles
        self._args = (store_path, prefixes, timeout, limit)
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._closed = False
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        for _ in range(max(1, workers)):
            self._spawn()

    def _spawn(self) -> None:
        w = _Worker(self._ctx, self._args)
        with self._lock:
            if self._closed:
                w.stop()
                return
            self._all.add(w)
        self._idle.put(w)

    def _replace(self, w: _Worker) -> None:
        with self._lock:
            self._all.discard(w)
        w.stop(kill=True)
        threading.Thread(target=self._spawn, daemon=True).start()

    def run(self, req: Request) -> Answer:
        try:
            w = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise QueryTimeout("every query worker is busy; try again shortly", field="query") from None
        try:
            w.conn.send(req)
            ready = w.conn.poll(self.timeout + self.grace)
            reply = w.conn.recv() if ready else None
        except (OSError, EOFError):
            log.warning("a query worker died; replacing it")
            self._replace(w)
            raise StoreError("the query worker stopped unexpectedly", field="query") from None
        if reply is None:
            log.warning("query stopped after %.1f s: %.200s", self.timeout, req.text)
            self._replace(w)
            raise QueryTimeout(f"the query ran longer than {self.timeout:g} s and was stopped", field="query")
        self._idle.put(w)
        if reply[0] == "ok":
            return reply[1]
        raise ERRORS.get(reply[1], StoreError)(reply[2], field="query")

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        for w in workers:
            w.stop()
