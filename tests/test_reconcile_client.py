"""Etiquette and faults of the Wikidata client, against the local Action API server."""
from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from archivekg import __version__
from archivekg.errors import ReconcileError
from archivekg.reconcile import EntityRef, reconcile
from archivekg.reconcile.client import (
    WikidataClient,
    WikidataNetworkError,
    WikidataProtocolError,
    WikidataStatusError,
    WikidataTimeout,
    parse_retry_after,
    user_agent,
)
from wikidata_server import Fault, WikidataServer

CONTACT = "ops@example.org"


@pytest.fixture
def server() -> Iterator[WikidataServer]:
    with WikidataServer() as wd:
        yield wd


def client(server: WikidataServer, tmp: Path | None = None, **kw: object) -> WikidataClient:
    options: dict[str, object] = {"min_lag_wait": 0.2, "backoff": 0.1, "timeout": 5.0}
    options.update(kw)
    return WikidataClient(server.url, contact=CONTACT, cache_path=(tmp / "c.sqlite") if tmp else None,
                          offline=False, **options)  # type: ignore[arg-type]


def place(key: str, label: str, *names: str) -> EntityRef:
    return EntityRef(f"https://x.example/id/place/{key}", "place", label, names=names, record_ids=("r",),
                     doc_date="1962-04-21", country="China")


def test_user_agent_and_maxlag_on_every_request(server: WikidataServer, tmp_path: Path) -> None:
    refs = [place("su", "Soviet Union"), place("w", "Wulumuqi", "Urumqi"), place("t", "Tacheng")]
    reconcile(refs, mode="online", api_url=server.url, contact=CONTACT, corpus=tmp_path, threshold=0.8,
              margin=0.15)
    seen = server.requests
    assert len(seen) > 5
    for r in seen:
        assert r.headers["User-Agent"] == f"archivekg/{__version__} ({CONTACT})"
        assert re.match(r"^archivekg/\d+\.\d+\.\d+ \(.+\)$", r.headers["User-Agent"])
        assert r.params["maxlag"] == "5"
        assert r.params["format"] == "json"
        assert r.path == "/w/api.php"
    actions = {r.params["action"] for r in seen}
    assert {"wbsearchentities", "wbgetentities"} <= actions


def test_batches_never_exceed_50_and_at_most_4_in_flight(tmp_path: Path) -> None:
    with WikidataServer(latency=0.05) as wd:
        c = client(wd, max_in_flight=4)
        ids = [f"Q{n}" for n in range(990000001, 990000131)]  # 130 ids: 3 batches
        records, errors = c.get_entities(ids)
        assert not errors
        batches = [r.params["ids"].split("|") for r in wd.requests if r.params["action"] == "wbgetentities"]
        assert [len(b) for b in batches] and max(len(b) for b in batches) <= 50
        assert sorted(i for b in batches for i in b) == sorted(ids)
        assert "missing" in records["Q990000130"]
        # many searches at once, from many threads
        refs = [place(f"p{n}", name) for n, name in enumerate(
            ["Tacheng", "Yining", "Kashi", "Ili", "Almaty", "Beijing", "Peking", "Urumqi", "Kirov", "Horgos"])]
        reconcile(refs, mode="online", api_url=wd.url, contact=CONTACT, corpus=tmp_path, threshold=0.8,
                  margin=0.15, max_in_flight=4)
        assert 2 <= wd.max_in_flight <= 4
        assert all(r.in_flight <= 4 for r in wd.requests)


def test_in_flight_limit_of_one_is_kept(tmp_path: Path) -> None:
    with WikidataServer(latency=0.03) as wd:
        refs = [place(f"p{n}", name) for n, name in enumerate(["Tacheng", "Yining", "Kashi", "Ili"])]
        reconcile(refs, mode="online", api_url=wd.url, contact=CONTACT, corpus=tmp_path, threshold=0.8,
                  margin=0.15, max_in_flight=1)
        assert wd.max_in_flight == 1


def test_backoff_on_maxlag_then_success(server: WikidataServer) -> None:
    server.fail(Fault("maxlag", retry_after="1"), Fault("maxlag", retry_after="1"))
    c = client(server)
    start = time.monotonic()
    hits = c.search("Almaty")
    assert hits[0]["id"] == "Q35493"
    times = [r.start for r in server.requests]
    assert len(times) == 3
    assert times[1] - times[0] >= 1.0  # Retry-After 1 s honoured
    assert times[2] - times[1] >= 1.0
    assert time.monotonic() - start < 5


def test_maxlag_wait_has_a_floor_and_doubles(server: WikidataServer) -> None:
    server.fail(Fault("maxlag"), Fault("maxlag"))  # no Retry-After: the floor applies, then doubles
    c = client(server, min_lag_wait=0.3)
    c.search("Almaty")
    t = [r.start for r in server.requests]
    assert t[1] - t[0] >= 0.3
    assert t[2] - t[1] >= 0.6


def test_429_with_retry_after_is_honoured(server: WikidataServer) -> None:
    server.fail(Fault("status", status=429, retry_after="1"))
    c = client(server)
    assert c.search("Beijing")[0]["id"] == "Q956"
    t = [r.start for r in server.requests]
    assert len(t) == 2 and t[1] - t[0] >= 1.0


def test_503_retry_after_as_http_date() -> None:
    now = time.time()
    stamp = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(now + 30))
    assert 28 <= (parse_retry_after(stamp, now=now) or 0) <= 31
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after("soon") is None


def test_503_then_success(server: WikidataServer) -> None:
    server.fail(Fault("status", status=503, retry_after="0"))
    assert client(server).search("Kashgar")[0]["id"] == "Q170521"
    assert [r.status for r in server.requests] == [503, 200]


def test_retries_are_bounded(server: WikidataServer) -> None:
    server.fail(Fault("status", status=429, retry_after="0", times=-1))
    c = client(server, max_retries=2)
    with pytest.raises(WikidataStatusError) as info:
        c.search("Beijing")
    assert info.value.status == 429
    assert isinstance(info.value, ReconcileError)
    assert len(server.requests) == 3


def test_a_retry_after_longer_than_allowed_is_not_cut_short(server: WikidataServer) -> None:
    server.fail(Fault("status", status=429, retry_after="3600", times=-1))
    with pytest.raises(WikidataStatusError):
        client(server, max_wait=60).search("Beijing")
    assert len(server.requests) == 1  # gave up rather than calling back before the hour


def test_timeout_leaves_the_entity_unlinked_with_a_warning(server: WikidataServer, tmp_path: Path) -> None:
    server.fail(Fault("slow", delay=1.5, times=-1))
    start = time.monotonic()
    result = reconcile([place("su", "Soviet Union")], mode="online", api_url=server.url, contact=CONTACT,
                       corpus=tmp_path, threshold=0.8, margin=0.15, timeout=0.3)
    assert result.links == ()
    assert any("Soviet Union" in w and "no answer within 0.3 s" in w for w in result.warnings)
    assert time.monotonic() - start < 15
    with pytest.raises(WikidataTimeout):
        client(server, timeout=0.3).search("Almaty")


def test_malformed_json_is_a_protocol_error_and_never_cached(server: WikidataServer, tmp_path: Path) -> None:
    server.fail(Fault("malformed"))
    c = client(server, tmp_path)
    with pytest.raises(WikidataProtocolError):
        c.search("Almaty")
    c2 = client(server, tmp_path)  # a new client on the same cache asks again
    assert c2.search("Almaty")[0]["id"] == "Q35493"
    result = reconcile([place("su", "Soviet Union")], mode="online", api_url=server.url, contact=CONTACT,
                       corpus=tmp_path / "other", threshold=0.8, margin=0.15)
    assert [link.qid for link in result.links] == ["Q15180"]


def test_malformed_answer_in_a_run_gives_a_warning(server: WikidataServer, tmp_path: Path) -> None:
    server.fail(Fault("malformed", action="wbgetentities", times=-1))
    result = reconcile([place("su", "Soviet Union")], mode="online", api_url=server.url, contact=CONTACT,
                       corpus=tmp_path, threshold=0.8, margin=0.15)
    assert result.links == ()
    assert any("not JSON" in w for w in result.warnings)


def test_empty_result_means_no_link_and_no_warning(server: WikidataServer, tmp_path: Path) -> None:
    server.fail(Fault("empty", times=-1))
    result = reconcile([place("su", "Soviet Union")], mode="online", api_url=server.url, contact=CONTACT,
                       corpus=tmp_path, threshold=0.8, margin=0.15)
    assert result.links == () and result.warnings == ()
    assert "status: none" in (tmp_path / "wikidata-review.yaml").read_text(encoding="utf-8")


def test_server_down_the_build_goes_on(tmp_path: Path) -> None:
    wd = WikidataServer().start()
    url = wd.url
    wd.stop()
    refs = [place(f"p{n}", name) for n, name in enumerate(["Tacheng", "Yining", "Kashi", "Ili", "Almaty"])]
    start = time.monotonic()
    result = reconcile(refs, mode="online", api_url=url, contact=CONTACT, corpus=tmp_path, threshold=0.8,
                       margin=0.15)
    assert result.links == ()
    assert result.warnings and all("unlinked" in w or "failed" in w for w in result.warnings)
    assert time.monotonic() - start < 20
    with pytest.raises(WikidataNetworkError):
        client(WikidataServer(), timeout=0.5).search("x")  # never started: nothing listens


def test_dropped_connection_is_a_network_error(server: WikidataServer) -> None:
    server.fail(Fault("drop", times=-1))
    with pytest.raises(WikidataNetworkError):
        client(server).search("Almaty")
    assert len(server.requests) == 2  # one retry only for network faults


def test_api_error_other_than_maxlag_is_a_protocol_error(server: WikidataServer) -> None:
    c = client(server)
    with pytest.raises(WikidataProtocolError, match="toomanyvalues"):
        c.request({"action": "wbgetentities", "ids": "|".join(f"Q{n}" for n in range(1, 60))})


def test_online_without_contact_does_not_touch_the_network(server: WikidataServer, tmp_path: Path) -> None:
    result = reconcile([place("su", "Soviet Union")], mode="online", api_url=server.url, contact="",
                       corpus=tmp_path, threshold=0.8, margin=0.15)
    assert server.requests == [] and result.links == ()
    assert any("no contact" in w for w in result.warnings)
    assert user_agent(" a@b.c ") == f"archivekg/{__version__} (a@b.c)"
