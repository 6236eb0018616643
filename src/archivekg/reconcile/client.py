"""The one HTTP client that talks to the Wikidata Action API.

Every request goes to the configured API URL, carries a User-Agent naming archivekg, its version
and the operator's contact, and ``maxlag=5``. Answers are kept in a requests-cache SQLite file in
the corpus, so a rerun is offline and reproducible; in offline mode a cache miss never touches the
network. Failures are translated once, here, into ReconcileError subclasses grouped by what the
caller can do about them.
"""
from __future__ import annotations

import email.utils
import json
import math
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import requests
import requests_cache

from .. import __version__
from ..errors import ReconcileError

DEFAULT_API = "https://www.wikidata.org/w/api.php"
MAX_BATCH = 50  # wbgetentities ids per call for ordinary clients
MAX_IN_FLIGHT = 4
MAXLAG = "5"
ENTITY_LANGUAGES = "en|mul|zh|zh-hans|zh-hant|ru|kk|ug"


class WikidataError(ReconcileError):
    """A Wikidata request failed; the entity stays unlinked."""


class WikidataTimeout(WikidataError):
    """The server did not answer in time (raise ``timeout`` or retry later)."""


class WikidataNetworkError(WikidataError):
    """The server could not be reached (no network, refused, DNS)."""


class WikidataProtocolError(WikidataError):
    """The answer was not the JSON the API promises, or carried an API error."""


class WikidataStatusError(WikidataError):
    """The server answered with an HTTP error status, still failing after the allowed retries."""

    def __init__(self, message: str, *, status: int, retry_after: float | None = None, **kw: Any) -> None:
        super().__init__(message, **kw)
        self.status = status
        self.retry_after = retry_after


class NotCached(WikidataError):
    """Offline mode: the answer was never recorded, and the network may not be used."""


def user_agent(contact: str) -> str:
    """The User-Agent every request sends: ``archivekg/<version> (<contact>)``."""
    return f"archivekg/{__version__} ({contact.strip()})"


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        seconds = when.timestamp() - (time.time() if now is None else now)
    if math.isnan(seconds) or math.isinf(seconds):
        return None
    return max(0.0, seconds)


def _cacheable(response: requests.Response) -> bool:
    """Keep only well-formed answers that are not API errors (maxlag, ratelimited ...)."""
    if response.status_code != 200 or not response.content:
        return False
    try:
        data = json.loads(response.content)
    except (TypeError, ValueError, UnicodeDecodeError):
        return False
    return isinstance(data, dict) and "error" not in data


def chunks(ids: Sequence[str], size: int = MAX_BATCH) -> list[tuple[str, ...]]:
    size = max(1, min(size, MAX_BATCH))
    return [tuple(ids[i:i + size]) for i in range(0, len(ids), size)]


class WikidataClient:
    """Thin Action API client: search, full-text search and batched entity fetches."""

    def __init__(self, api_url: str, *, contact: str, cache_path: Path | None, offline: bool,
                 max_in_flight: int = MAX_IN_FLIGHT, timeout: float = 20.0, max_retries: int = 3,
                 min_lag_wait: float = 5.0, backoff: float = 1.0, max_wait: float = 60.0,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        if not api_url.startswith(("http://", "https://")):
            raise ReconcileError(f"Wikidata API URL must be http(s), not {api_url!r}", field="wikidata_api")
        self.api_url = api_url
        self.offline = offline
        self.timeout = timeout
        self.max_retries = max(0, max_retries)
        self.min_lag_wait = min_lag_wait
        self.backoff = backoff
        self.max_wait = max_wait
        self.max_in_flight = max(1, min(int(max_in_flight), MAX_IN_FLIGHT))
        self._sleep = sleep
        self._slots = threading.BoundedSemaphore(self.max_in_flight)
        self._lock = threading.Lock()
        self._not_before = 0.0  # shared pause after maxlag/429/503, so all threads back off
        self.sent = 0  # requests that reached the network
        self.cache_hits = 0
        self.headers = {"User-Agent": user_agent(contact), "Accept-Encoding": "gzip"}
        self.session = self._session(cache_path)
        self._index: dict[str, dict[str, Any]] | None = None
        self._memo: dict[tuple[tuple[str, str], ...], dict[str, Any]] = {}
        self._failures = 0  # consecutive requests lost to timeouts or the network
        self.breaker = 3  # after that many, the API counts as down for the rest of the run

    def _session(self, cache_path: Path | None) -> requests.Session:
        if cache_path is None:
            return requests.Session()
        return requests_cache.CachedSession(
            str(cache_path), backend="sqlite", expire_after=requests_cache.NEVER_EXPIRE,
            allowable_codes=(200,), allowable_methods=("GET",),
            # maxlag is a courtesy to the servers, not part of the question asked.
            ignored_parameters=("maxlag",), filter_fn=_cacheable, read_only=self.offline)

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> WikidataClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the three questions ------------------------------------------------------------------

    def search(self, text: str, *, language: str = "en", limit: int = 20) -> list[dict[str, Any]]:
        """wbsearchentities: items whose label or alias matches ``text`` (exact or prefix)."""
        data = self.request({"action": "wbsearchentities", "search": text, "language": language,
                             "uselang": "en", "type": "item", "limit": str(min(limit, 50))})
        hits = data.get("search", [])
        if not isinstance(hits, list):
            raise WikidataProtocolError("wbsearchentities answer has no 'search' list", path=self.api_url)
        return [h for h in hits if isinstance(h, dict) and isinstance(h.get("id"), str)]

    def fulltext(self, text: str, *, limit: int = 10) -> list[str]:
        """action=query&list=search in the item namespace; returns item ids in rank order."""
        data = self.request({"action": "query", "list": "search", "srsearch": text, "srnamespace": "0",
                             "srlimit": str(min(limit, 50)), "srwhat": "text"})
        query = data.get("query", {})
        hits = query.get("search", []) if isinstance(query, dict) else None
        if not isinstance(hits, list):
            raise WikidataProtocolError("list=search answer has no 'query.search' list", path=self.api_url)
        return [h["title"] for h in hits if isinstance(h, dict) and str(h.get("title", "")).startswith("Q")]

    def get_entities(self, ids: Iterable[str], *, props: str = "info|labels|aliases|descriptions|claims",
                     languages: str = ENTITY_LANGUAGES) -> tuple[dict[str, dict[str, Any]], list[WikidataError]]:
        """wbgetentities in sorted batches of at most 50, up to ``max_in_flight`` at once.

        Returns the records keyed by the requested id (``missing`` ones included) and the errors
        of batches that failed; ids of a failed batch are simply absent.
        """
        wanted = sorted({i for i in ids if i})
        batches = chunks(wanted)
        results: dict[str, dict[str, Any]] = {}
        errors: list[WikidataError] = []
        if not batches:
            return results, errors

        def one(batch: tuple[str, ...]) -> dict[str, Any] | WikidataError:
            try:
                return self.request({"action": "wbgetentities", "ids": "|".join(batch), "props": props,
                                     "languages": languages, "redirects": "yes"})
            except WikidataError as exc:
                return exc

        with ThreadPoolExecutor(max_workers=min(self.max_in_flight, len(batches))) as pool:
            answers = list(pool.map(one, batches))
        for batch, answer in zip(batches, answers, strict=True):
            if isinstance(answer, NotCached):
                found = self._from_index(batch)
                results.update(found)
                if len(found) < len(batch):
                    errors.append(answer)
                continue
            if isinstance(answer, WikidataError):
                errors.append(answer)
                continue
            entities = answer.get("entities")
            if not isinstance(entities, dict):
                errors.append(WikidataProtocolError("wbgetentities answer has no 'entities' map",
                                                    path=self.api_url))
                continue
            for key, record in entities.items():
                if isinstance(record, dict):
                    results[key] = record
        return results, errors

    # -- offline help ---------------------------------------------------------------------------

    def _from_index(self, batch: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Offline: records for ids held in any cached wbgetentities answer (batches may differ)."""
        if self._index is None:
            self._index = {}
            cache = getattr(self.session, "cache", None)
            if cache is not None:
                for response in cache.responses.values():
                    if "wbgetentities" not in response.url or not response.url.startswith(self.api_url):
                        continue
                    try:
                        entities = json.loads(response.content or b"{}").get("entities", {})
                    except (TypeError, ValueError, AttributeError):
                        continue
                    for key, record in entities.items():
                        if isinstance(record, dict):
                            self._index.setdefault(key, record)
        return {i: self._index[i] for i in batch if i in self._index}

    # -- the transport --------------------------------------------------------------------------

    def _wait_turn(self) -> None:
        with self._lock:
            delay = self._not_before - time.monotonic()
        if delay > 0:
            self._sleep(delay)

    def _pause_all(self, seconds: float) -> None:
        with self._lock:
            self._not_before = max(self._not_before, time.monotonic() + seconds)

    def _send(self, params: dict[str, str]) -> requests.Response:
        kwargs: dict[str, Any] = {"params": params, "headers": self.headers,
                                  "timeout": (self.timeout, self.timeout)}
        if isinstance(self.session, requests_cache.CachedSession):
            kwargs["only_if_cached"] = self.offline
        with self._slots:
            try:
                response = self.session.get(self.api_url, **kwargs)
            except requests.Timeout as exc:
                raise WikidataTimeout(f"no answer within {self.timeout:g} s ({exc.__class__.__name__})",
                                      path=self.api_url) from None
            except requests.ConnectionError as exc:
                raise WikidataNetworkError(f"cannot reach the API: {_short(exc)}", path=self.api_url) from None
            except requests.RequestException as exc:
                raise WikidataNetworkError(f"request failed: {_short(exc)}", path=self.api_url) from None
        # Offline, requests-cache answers a miss with a made-up 504 (only 200s are ever stored).
        if self.offline and (response.status_code == 504 or not getattr(response, "from_cache", False)):
            raise NotCached(f"not in the Wikidata cache: {_describe(params)}", path=self.api_url)
        if getattr(response, "from_cache", False):
            self.cache_hits += 1
        else:
            with self._lock:
                self.sent += 1
        return response

    def _wait_for(self, attempt: int, asked: float | None, floor: float) -> float:
        """Seconds to wait before the next attempt: at least what the server asked, doubling."""
        return max(asked or 0.0, floor * (2 ** attempt))

    def request(self, params: dict[str, str]) -> dict[str, Any]:
        """One Action API GET with maxlag, bounded retries and Retry-After honoured.

        The same question is asked once per run; after ``breaker`` requests in a row lost to
        timeouts or the network, the API counts as down and later requests fail at once.
        """
        key = tuple(sorted(params.items()))
        with self._lock:
            if key in self._memo:
                return self._memo[key]
            if self._failures >= self.breaker:
                raise WikidataNetworkError(f"Wikidata API unavailable after {self._failures} failed "
                                           "requests; not asking again in this run", path=self.api_url)
        try:
            data = self._request({**params, "format": "json", "maxlag": MAXLAG})
        except (WikidataTimeout, WikidataNetworkError):
            with self._lock:
                self._failures += 1
            raise
        with self._lock:
            self._failures = 0
            self._memo[key] = data
        return data

    def _request(self, params: dict[str, str]) -> dict[str, Any]:
        last: WikidataError | None = None
        for attempt in range(self.max_retries + 1):
            self._wait_turn()
            try:
                response = self._send(params)
            except (WikidataTimeout, WikidataNetworkError) as exc:
                last = exc
                # A server that timed out or refused twice is down: retry such faults once only.
                if attempt >= min(self.max_retries, 1):
                    raise
                self._sleep(self._wait_for(attempt, None, self.backoff))
                continue
            status = response.status_code
            asked = parse_retry_after(response.headers.get("Retry-After"))
            if status == 429 or status >= 500:
                last = WikidataStatusError(f"HTTP {status} from the API", status=status, retry_after=asked,
                                           path=self.api_url)
                if not self._retry(attempt, asked, self.backoff):
                    raise last
                continue
            if status != 200:
                raise WikidataStatusError(f"HTTP {status} from the API", status=status, path=self.api_url)
            try:
                data = response.json()
            except ValueError:
                raise WikidataProtocolError(f"the answer is not JSON ({_describe(params)})",
                                            path=self.api_url) from None
            if not isinstance(data, dict):
                raise WikidataProtocolError("the answer is not a JSON object", path=self.api_url)
            error = data.get("error")
            if isinstance(error, dict):
                code = str(error.get("code", ""))
                if code in ("maxlag", "ratelimited"):
                    floor = self.min_lag_wait if code == "maxlag" else self.backoff
                    last = WikidataStatusError(f"API error {code}: {error.get('info', '')}".strip(),
                                               status=status, retry_after=asked, path=self.api_url)
                    if not self._retry(attempt, asked, floor):
                        raise last
                    continue
                raise WikidataProtocolError(f"API error {code}: {error.get('info', '')}".strip(),
                                            path=self.api_url)
            return data
        assert last is not None
        raise last

    def _retry(self, attempt: int, asked: float | None, floor: float) -> bool:
        """Pause everyone and say whether another attempt is allowed."""
        if attempt >= self.max_retries:
            return False
        wait = self._wait_for(attempt, asked, floor)
        if wait > self.max_wait:
            return False  # the server asked for longer than we may wait: give up, never call early
        self._pause_all(wait)
        return True


def _describe(params: dict[str, str]) -> str:
    keys = ("action", "search", "srsearch", "ids")
    return ", ".join(f"{k}={params[k][:80]}" for k in keys if k in params)


def _short(exc: BaseException) -> str:
    text = str(exc)
    return text if len(text) <= 160 else text[:157] + "..."
