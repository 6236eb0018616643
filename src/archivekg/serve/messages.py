"""Requests and responses as plain values, so routes are testable without a socket."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path
from urllib.parse import parse_qs


@dataclass
class Req:
    method: str
    path: str  # decoded path, without the query string
    query: dict[str, list[str]] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    body: bytes = b""

    def header(self, name: str, default: str = "") -> str:
        return self.headers.get(name.lower(), default)

    def param(self, name: str, default: str = "") -> str:
        values = self.query.get(name)
        return values[0] if values else default

    @property
    def content_type(self) -> str:
        return self.header("content-type").split(";")[0].strip().lower()

    def form(self) -> dict[str, list[str]]:
        return parse_qs(self.body.decode("utf-8", "replace"), keep_blank_values=True, max_num_fields=200)


@dataclass
class Resp:
    status: int
    body: bytes = b""
    content_type: str = "text/plain; charset=utf-8"
    headers: list[tuple[str, str]] = field(default_factory=list)
    stream: Path | None = None  # a large file sent in chunks instead of ``body``

    @property
    def status_line(self) -> str:
        try:
            return f"{self.status} {HTTPStatus(self.status).phrase}"
        except ValueError:
            return f"{self.status} Unknown"

    def header(self, name: str) -> str | None:
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None


def json_error(status: int, kind: str, message: str, extra: list[tuple[str, str]] | None = None) -> Resp:
    body = json.dumps({"error": kind, "message": message, "status": status}).encode()
    return Resp(status, body, "application/json", list(extra or []))


def html(status: int, text: str, headers: list[tuple[str, str]] | None = None) -> Resp:
    return Resp(status, text.encode("utf-8"), "text/html; charset=utf-8", list(headers or []))
