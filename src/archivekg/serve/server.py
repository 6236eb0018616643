"""A small HTTP/1.1 server for the WSGI app: keep-alive, bounded threads, optional worker processes.

Standard library only. Worker processes are forked before any store is opened or thread started;
they share the listening socket, and each opens the on-disk store read-only for itself.
"""
from __future__ import annotations

import contextlib
import logging
import os
import signal
import socket
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, HTTPServer
from socketserver import ThreadingMixIn
from typing import Any
from urllib.parse import unquote_to_bytes

log = logging.getLogger("archivekg.serve")
MAX_CONNECTIONS = 64
IDLE_TIMEOUT = 30.0
MAX_LINE = 8192


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "archivekg"
    sys_version = ""
    timeout = IDLE_TIMEOUT  # idle keep-alive connections and slow senders are dropped

    def _serve(self) -> None:
        if len(self.path) > MAX_LINE:
            self.send_error(414)
            return
        path, _, query = self.path.partition("?")
        if path.startswith(("http://", "https://")):  # absolute-form request target
            path = "/" + path.split("/", 3)[-1] if path.count("/") >= 3 else "/"
        environ: dict[str, Any] = {
            "REQUEST_METHOD": self.command, "PATH_INFO": unquote_to_bytes(path).decode("latin-1"),
            "QUERY_STRING": query, "SERVER_NAME": "localhost",
            "SERVER_PORT": str(getattr(self.server, "server_port", "")), "SERVER_PROTOCOL": self.request_version,
            "REMOTE_ADDR": self.client_address[0], "wsgi.url_scheme": "http", "wsgi.input": self.rfile,
            "CONTENT_TYPE": self.headers.get("Content-Type", ""),
            "CONTENT_LENGTH": self.headers.get("Content-Length", ""),
        }
        for name, value in self.headers.items():
            key = "HTTP_" + name.upper().replace("-", "_")
            if key not in ("HTTP_CONTENT_TYPE", "HTTP_CONTENT_LENGTH"):
                environ[key] = value if key not in environ else environ[key] + ", " + value
        status_headers: dict[str, Any] = {}

        def start_response(status: str, headers: list[tuple[str, str]]) -> None:
            status_headers["status"], status_headers["headers"] = status, headers

        chunks = iter(self.server.app(environ, start_response))  # type: ignore[attr-defined]
        first = next(chunks, b"")
        code, _, reason = status_headers["status"].partition(" ")
        self.send_response(int(code), reason)
        for k, v in status_headers["headers"]:
            self.send_header(k, v)
        # Head and body in one write: two small writes meet the peer's delayed ACK (40 ms stalls).
        pending: list[bytes] = self._headers_buffer  # type: ignore[attr-defined]
        pending.append(b"\r\n")
        if first and self.command != "HEAD":
            pending.append(first)
        self.flush_headers()
        if self.command != "HEAD":
            for chunk in chunks:
                self.wfile.write(chunk)
        close = getattr(chunks, "close", None)
        if close:
            close()
        # A POST body the app refused to read would be taken for the next request: close instead.
        if self.command == "POST" and int(code) in (411, 413):
            self.close_connection = True

    do_GET = do_HEAD = do_POST = do_OPTIONS = do_PUT = do_DELETE = do_PATCH = _serve

    def setup(self) -> None:
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s " + format, self.client_address[0], *args)


class Server(ThreadingMixIn, HTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 1024  # above the number of clients a busy page may see at once

    def __init__(self, address: tuple[str, int], app: Callable[..., Any] | None = None) -> None:
        super().__init__(address, Handler)
        self.app = app
        self._slots = threading.BoundedSemaphore(MAX_CONNECTIONS)

    def process_request(self, request: Any, client_address: Any) -> None:
        self._slots.acquire()  # back-pressure: at most MAX_CONNECTIONS connections at once
        try:
            super().process_request(request, client_address)
        except Exception:
            self._slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()


def serve_forever(server: Server, make_app: Callable[[], Callable[..., Any]], workers: int,
                  ready: Callable[[], None] | None = None) -> None:
    """Serve with ``workers`` processes (1: this one); each builds its own app after the fork."""
    if workers <= 1 or not hasattr(os, "fork"):
        # SIGTERM ends the loop through the finally clauses, so helper processes are stopped.
        signal.signal(signal.SIGTERM, _interrupt)
        server.app = make_app()
        if ready:
            ready()
        _run(server)
        return
    children = []
    for _ in range(workers):
        pid = os.fork()
        if pid == 0:  # the child: its own store handles, threads and query processes
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            try:
                server.app = make_app()
                _run(server)
            finally:
                os._exit(0)
        children.append(pid)
    if ready:
        ready()

    def stop(signum: int, frame: Any) -> None:
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for pid in children:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
    server.server_close()


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def _run(server: Server) -> None:
    try:
        server.serve_forever(poll_interval=0.5)
    except KeyboardInterrupt:
        pass
    finally:
        close = getattr(server.app, "close", None)
        if close:
            close()


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


__all__ = ["Server", "free_port", "serve_forever"]
