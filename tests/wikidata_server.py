"""A local stand-in for the Wikidata Action API, for tests: a real HTTP server on 127.0.0.1.

It serves entity records from directories of JSON files (``Q….json``, the canonical entity JSON
that wbgetentities returns) and answers the three questions the reconciler asks:

* ``action=wbsearchentities`` -- label/alias match (exact or prefix, case folded) in the asked
  language and its fallbacks, with the real answer's fields (id, label, description, match ...);
* ``action=wbgetentities&ids=Q1|Q2`` -- records keyed by requested id, ``missing`` for unknown ids,
  redirects, ``props`` and ``languages`` filters, the API's ``toomanyvalues`` error above 50 ids;
* ``action=query&list=search`` -- words in labels, aliases and descriptions, ``haswbstatement:``.

Every request is recorded (path, params, headers, start/end time, requests in flight), and faults
can be queued: maxlag errors, HTTP 429/503 with Retry-After, slow answers, malformed JSON, empty
results, dropped connections.
"""
from __future__ import annotations

import json
import re
import threading
import time
import unicodedata
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

DATA = Path(__file__).parent / "data" / "wikidata"
FALLBACK = {"en": ("en", "mul"), "zh": ("zh", "zh-hans", "zh-hant", "zh-cn", "mul", "en"),
            "ru": ("ru", "mul", "en")}


@dataclass
class Fault:
    """One misbehaviour: maxlag | status | slow | malformed | empty | drop."""

    kind: str
    status: int = 200
    retry_after: str | None = None
    delay: float = 0.0
    action: str | None = None  # only for requests of this action
    times: int = 1  # how many requests it affects (-1: all)


@dataclass
class Recorded:
    path: str
    params: dict[str, str]
    headers: dict[str, str]
    start: float
    end: float = 0.0
    in_flight: int = 0  # requests being served when this one started (itself included)
    status: int = 200


@dataclass
class _State:
    records: dict[str, dict[str, Any]] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)
    requests: list[Recorded] = field(default_factory=list)
    faults: deque[Fault] = field(default_factory=deque)
    lock: threading.Lock = field(default_factory=threading.Lock)
    in_flight: int = 0
    max_in_flight: int = 0
    latency: float = 0.0


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold().strip()


def _clean(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if not k.startswith("_")}


def load_records(*dirs: Path) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    records: dict[str, dict[str, Any]] = {}
    redirects: dict[str, str] = {}
    for d in dirs:
        for path in sorted(d.glob("Q*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            if "_redirect_to" in data:
                redirects[path.stem] = data["_redirect_to"]
                continue
            records[data["id"]] = _clean(data)
    return records, redirects


class _Handler(BaseHTTPRequestHandler):
    server_version = "wikidata-test/1"
    state: _State

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:
        st = self.state
        url = urlsplit(self.path)
        params = {k: v[-1] for k, v in parse_qs(url.query, keep_blank_values=True).items()}
        with st.lock:
            st.in_flight += 1
            st.max_in_flight = max(st.max_in_flight, st.in_flight)
            rec = Recorded(url.path, params, dict(self.headers.items()), time.monotonic(), in_flight=st.in_flight)
            st.requests.append(rec)
            fault = self._take_fault(params.get("action"))
        try:
            if st.latency:
                time.sleep(st.latency)
            rec.status = self._answer(url.path, params, fault)
        finally:
            with st.lock:
                st.in_flight -= 1
                rec.end = time.monotonic()

    def _take_fault(self, action: str | None) -> Fault | None:
        faults = self.state.faults
        for f in list(faults):
            if f.action is None or f.action == action:
                if f.times > 0:
                    f.times -= 1
                    if f.times == 0:
                        faults.remove(f)
                return f
        return None

    def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None,
              ctype: str = "application/json; charset=utf-8") -> int:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)
        return status

    def _json(self, data: Any, status: int = 200, headers: dict[str, str] | None = None) -> int:
        return self._send(status, json.dumps(data, ensure_ascii=False).encode("utf-8"), headers)

    def _answer(self, path: str, params: dict[str, str], fault: Fault | None) -> int:
        if path != "/w/api.php":
            return self._send(404, b"not found", ctype="text/plain")
        if fault is not None:
            if fault.kind == "slow":
                time.sleep(fault.delay)
            elif fault.kind == "drop":
                self.close_connection = True
                self.connection.shutdown(2)
                return 0
            elif fault.kind == "maxlag":
                headers = {"X-Database-Lag": "7"}
                if fault.retry_after is not None:
                    headers["Retry-After"] = fault.retry_after
                return self._json({"error": {"code": "maxlag", "info": "Waiting for db1: 7 seconds lagged",
                                             "host": "db1", "lag": 7, "type": "db"},
                                   "servedby": "mw-test"}, headers=headers)
            elif fault.kind == "status":
                headers = {"Retry-After": fault.retry_after} if fault.retry_after is not None else {}
                return self._send(fault.status, b"<html><body>Too many requests</body></html>", headers,
                                  ctype="text/html")
            elif fault.kind == "malformed":
                return self._send(200, b'{"search": [{"id": "Q1", "label": ')
        action = params.get("action")
        empty = fault is not None and fault.kind == "empty"
        if action == "wbsearchentities":
            return self._json(self._search(params, empty))
        if action == "wbgetentities":
            return self._json(self._get(params, empty))
        if action == "query" and params.get("list") == "search":
            return self._json(self._fulltext(params, empty))
        return self._json({"error": {"code": "badvalue", "info": f"Unrecognized value for action: {action}"}})

    # -- the three answers ------------------------------------------------------------------

    def _search(self, params: dict[str, str], empty: bool) -> dict[str, Any]:
        text = params.get("search", "")
        lang = params.get("language", "en")
        limit = int(params.get("limit", "7"))
        offset = int(params.get("continue", "0"))
        q = _fold(text)
        hits: list[tuple[tuple[int, int, int], dict[str, Any]]] = []
        for qid, rec in ({} if empty else self.state.records).items():
            if not q:
                break
            best: tuple[int, int, str, str] | None = None
            for lg in FALLBACK.get(lang, (lang, "mul", "en")):
                label = (rec.get("labels", {}).get(lg) or {}).get("value")
                terms = [(label, "label")] if label else []
                terms += [(a["value"], "alias") for a in rec.get("aliases", {}).get(lg, [])]
                for value, kind in terms:
                    f = _fold(value)
                    if f == q or f.startswith(q):
                        rank = (0 if f == q else 1, 0 if kind == "label" else 1)
                        if best is None or rank < best[:2]:
                            best = (*rank, kind, value, lg)  # type: ignore[assignment]
            if best is not None:
                hits.append(((best[0], best[1], int(qid[1:])), self._hit(rec, best[2], best[3], best[4])))
        hits.sort(key=lambda h: h[0])
        page = [h for _, h in hits[offset:offset + limit]]
        out: dict[str, Any] = {"searchinfo": {"search": text}, "search": page}
        if len(hits) > offset + limit:
            out["search-continue"] = offset + limit
        out["success"] = 1
        return out

    @staticmethod
    def _hit(rec: dict[str, Any], kind: str, text: str, lang: str) -> dict[str, Any]:
        qid = rec["id"]
        label = (rec.get("labels", {}).get("en") or rec.get("labels", {}).get("mul") or {}).get("value", qid)
        desc = (rec.get("descriptions", {}).get("en") or {}).get("value")
        hit: dict[str, Any] = {
            "id": qid, "title": qid, "pageid": int(qid[1:]), "repository": "wikidata",
            "url": f"//www.wikidata.org/wiki/{qid}", "concepturi": f"http://www.wikidata.org/entity/{qid}",
            "display": {"label": {"value": label, "language": "en"}},
            "label": label, "match": {"type": kind, "language": lang, "text": text}}
        if desc:
            hit["display"]["description"] = {"value": desc, "language": "en"}
            hit["description"] = desc
        if text != label:
            hit["aliases"] = [text]
        return hit

    def _get(self, params: dict[str, str], empty: bool) -> dict[str, Any]:
        ids = [i for i in params.get("ids", "").split("|") if i]
        if len(ids) > 50:
            return {"error": {"code": "toomanyvalues",
                              "info": "Too many values supplied for parameter \"ids\". The limit is 50.",
                              "limit": 50}}
        if empty:
            return {"entities": {}, "success": 1}
        props = set(params.get("props", "info|sitelinks|aliases|labels|descriptions|claims|datatype").split("|"))
        langs = set(params["languages"].split("|")) if params.get("languages") else None
        entities: dict[str, Any] = {}
        for i in ids:
            target = self.state.redirects.get(i, i) if params.get("redirects", "yes") == "yes" else i
            rec = self.state.records.get(target)
            if rec is None:
                entities[i] = {"id": i, "missing": ""}
                continue
            out: dict[str, Any] = {"type": rec.get("type", "item"), "id": rec["id"]}
            if target != i:
                out["redirects"] = {"from": i, "to": target}
            for key in ("labels", "descriptions", "aliases"):
                if key in props:
                    values = rec.get(key, {})
                    out[key] = {lg: v for lg, v in values.items() if langs is None or lg in langs}
            if "claims" in props:
                out["claims"] = rec.get("claims", {})
            if "sitelinks" in props:
                out["sitelinks"] = rec.get("sitelinks", {})
            entities[i] = out
        return {"entities": entities, "success": 1}

    def _fulltext(self, params: dict[str, str], empty: bool) -> dict[str, Any]:
        text = params.get("srsearch", "")
        limit = int(params.get("srlimit", "10"))
        filters = re.findall(r"haswbstatement:(P\d+)=(Q\d+)", text)
        words = [_fold(w) for w in re.sub(r"haswbstatement:\S+", " ", text).split() if w]
        found: list[dict[str, Any]] = []
        for qid, rec in sorted(({} if empty else self.state.records).items(), key=lambda kv: int(kv[0][1:])):
            blob = " ".join(_fold(v["value"]) for v in rec.get("labels", {}).values())
            blob += " " + " ".join(_fold(a["value"]) for vs in rec.get("aliases", {}).values() for a in vs)
            blob += " " + " ".join(_fold(v["value"]) for v in rec.get("descriptions", {}).values())
            if not words or not all(w in blob.split() for w in words):
                continue
            ok = True
            for prop, value in filters:
                values = {((s.get("mainsnak", {}).get("datavalue") or {}).get("value") or {}).get("id")
                          for s in rec.get("claims", {}).get(prop, [])}
                ok = ok and value in values
            if ok:
                found.append({"ns": 0, "title": qid, "pageid": int(qid[1:]), "size": 1000, "wordcount": 10,
                              "snippet": "", "timestamp": "2020-07-01T00:00:00Z"})
        return {"batchcomplete": "", "query": {"searchinfo": {"totalhits": len(found)},
                                               "search": found[:limit]}}


class WikidataServer:
    """``with WikidataServer() as wd: ... wd.url ...``; records in ``wd.requests``."""

    def __init__(self, *dirs: Path, latency: float = 0.0) -> None:
        dirs = dirs or (DATA / "real", DATA / "handmade")
        self.state = _State(latency=latency)
        self.state.records, self.state.redirects = load_records(*dirs)
        handler = type("Handler", (_Handler,), {"state": self.state})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}/w/api.php"

    @property
    def requests(self) -> list[Recorded]:
        with self.state.lock:
            return list(self.state.requests)

    @property
    def max_in_flight(self) -> int:
        return self.state.max_in_flight

    def fail(self, *faults: Fault) -> None:
        with self.state.lock:
            self.state.faults.extend(faults)

    def start(self) -> WikidataServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> WikidataServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
