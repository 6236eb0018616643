"""Where SPARQL queries run: in the calling thread, or in worker processes that can be stopped.

pyoxigraph has no query timeout, and a long aggregate or join never returns to Python until it
is done. The server therefore runs user queries in worker processes that open the on-disk store
read-only; a query past its time limit has its worker killed and replaced, and the server goes on
answering everything else. Pages never go through here: they read the store directly.
"""
from __future__ import annotations

import contextlib
import logging
import multiprocessing as mp
import os
import queue
import shutil
import signal
import socket
import tempfile
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
    _loop(ox.Store.read_only(store_path), prefixes, timeout, limit, conn)


def _loop(store: ox.Store, prefixes: dict[str, str], timeout: float, limit: int, conn: Connection) -> None:
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
        self._idle: queue.Queue[Any] = queue.Queue()
        self._closed = False
        self._all: set[Any] = set()
        self._lock = threading.Lock()
        for _ in range(max(1, workers)):
            self._spawn()

    def _new_worker(self) -> Any:
        return _Worker(self._ctx, self._args)

    def _spawn(self) -> None:
        w = self._new_worker()
        with self._lock:
            if self._closed:
                w.stop()
                return
            self._all.add(w)
        self._idle.put(w)

    def _replace(self, w: Any) -> None:
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


class Zygote:
    """A process forked while the server is still single-threaded, that forks query workers.

    Workers forked from it share the in-memory store copy-on-write (no second copy, no disk
    store), and a worker killed at a time limit is replaced by another fork from here; the
    HTTP processes, which run threads, never fork. A worker's channel is the very connection
    on which it was asked for.
    """

    def __init__(self, store: ox.Store, prefixes: dict[str, str], timeout: float, limit: int) -> None:
        self.path = os.path.join(tempfile.mkdtemp(prefix="archivekg-zygote-"), "socket")
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(self.path)
        listener.listen(64)
        parent = os.getpid()
        self.pid = os.fork()
        if self.pid == 0:  # the zygote
            code = 0
            try:
                signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # workers are reaped by the kernel
                signal.signal(signal.SIGINT, signal.SIG_IGN)
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                listener.settimeout(1.0)
                while os.getppid() == parent:  # the server is gone: so is the zygote
                    try:
                        conn, _ = listener.accept()
                    except TimeoutError:
                        continue
                    conn.settimeout(None)
                    if os.fork() == 0:
                        listener.close()
                        _serve_queries(store, prefixes, timeout, limit, conn)
                        os._exit(0)
                    conn.close()
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        listener.close()

    def connect(self) -> tuple[Connection, int]:
        """A new worker: its channel and its process id."""
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.connect(self.path)
        conn = Connection(sock.detach())
        return conn, conn.recv()

    def close(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGTERM)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)
        shutil.rmtree(os.path.dirname(self.path), ignore_errors=True)


def _serve_queries(store: ox.Store, prefixes: dict[str, str], timeout: float, limit: int, sock: socket.socket) -> None:
    conn = Connection(sock.detach())
    conn.send(os.getpid())
    _loop(store, prefixes, timeout, limit, conn)


class _Forked:
    def __init__(self, zygote: Zygote) -> None:
        self.conn, self.pid = zygote.connect()

    def stop(self, kill: bool = False) -> None:
        if kill:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
        else:
            with contextlib.suppress(OSError):
                self.conn.send(None)
        self.conn.close()


class ForkService(ProcessService):
    """:class:`ProcessService` with workers forked from a :class:`Zygote` (shared in-memory store)."""

    def __init__(self, zygote: Zygote, timeout: float = 10.0, limit: int = 10_000, workers: int = 2,
                 grace: float = 0.5) -> None:
        self._zygote = zygote
        super().__init__("", {}, timeout, limit, workers, grace)

    def _new_worker(self) -> Any:
        return _Forked(self._zygote)
