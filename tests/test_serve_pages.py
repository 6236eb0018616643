"""What the pages show: passages marked in the text, claims with quote, claimant and citation,
names, Wikidata links, maps, timelines, search; escaping and basic accessibility."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from archivekg.serve import make_app
from archivekg.serve.app import App
from archivekg.serve.data import parse_point
from archivekg.serve.pages import highlight
from archivekg.serve.testing import call
from archivekg.serve.views import Passage, Ref

DATA = Path(__file__).parent / "data" / "serve"
BASE = "https://archivekg.example.org/"


@pytest.fixture(scope="module")
def app() -> App:
    return make_app(DATA)


def page(app: App, path: str) -> str:
    r = call(app, path, headers={"Accept": "text/html"})
    assert r.status == 200, r.body[:300]
    return r.text


def test_record_page_marks_each_passage_and_links_it(app: App) -> None:
    html = page(app, "/doc/document/118180")
    text = html[html.index('<div class="text">'):html.index("</div>", html.index('<div class="text">'))]
    assert '<a href="/doc/dimension/118180/fled-count">around 2,000</a>' in text
    assert '<a href="/doc/place/tacheng-county">Tacheng County</a>' in text
    assert re.sub(r"<[^>]+>", "", text).replace("&#x27;", "'").startswith("According to incomplete statistics")
    assert "PRC FMA 118-01100-06, 1-4. Translated by Charles Kraus." in html  # the citation
    assert 'href="https://digitalarchive.example.org/document/118180"' in html


def test_record_without_full_text_lists_its_passages(app: App) -> None:
    html = page(app, "/doc/document/990001")
    assert '<div class="text">' not in html
    assert "<mark>reached Tacheng on 3 May</mark>" in html
    assert 'href="/doc/event/990001/delegation"' in html


def test_entity_page_has_names_claims_records_map_and_timeline(app: App) -> None:
    html = page(app, "/doc/place/tacheng-county")
    assert "<h1>Tacheng County</h1>" in html
    assert "Also written: Tacheng, Tacheng [Qoqek]" in html
    assert 'href="http://www.wikidata.org/entity/Q1338591"' in html
    claims = html[html.index('id="claims"'):html.index('id="map"')]
    assert claims.count("<tr>") == 1 + 3  # header + three claims about it
    assert "<mark>reached Tacheng on 3 May</mark>" in claims  # the quote
    assert "Xinjiang Foreign Affairs Office" in claims  # the claimant
    assert "PRC FMA 118-01100-06, 5." in claims  # the citation of the record that makes the claim
    assert "Reported" in claims and "IncompleteStatistics" in claims  # qualifiers
    records = html[html.index('id="records"'):]
    assert "2 records mention Tacheng County." in records
    assert '<svg class="map"' in html and '<svg class="timeline"' in html
    assert "Consular visits to Tacheng" in html and "Delegation to Tacheng" in html


def test_event_and_claim_pages(app: App) -> None:
    ev = page(app, "/doc/event/118180/flight")
    assert "Flight from Tacheng County to the Soviet Union" in ev and "from 10 April through 20 April" in ev
    assert 'href="/doc/place/soviet-union"' in ev and '<svg class="map"' in ev
    cl = page(app, "/doc/claim/118180/flight-count")
    assert "<mark>around 2,000 people</mark>" in cl and "Xinjiang Foreign Affairs Office" in cl


def test_timeline_map_search_and_lists(app: App) -> None:
    tl = page(app, "/timeline")
    assert "1961" in tl and "1962" in tl and '<svg class="histogram"' in tl
    year = page(app, "/timeline?year=1962")
    assert "Flight from Tacheng County" in year and '<svg class="timeline"' in year
    m = page(app, "/map")
    assert m.count("<circle") == 3 and "46.7500" in m
    s = page(app, "/search?q=qoqek")
    assert 'href="/doc/place/tacheng-county"' in s and "1 results" in s
    assert "0 results" in page(app, "/search?q=zzzz-nothing")
    assert page(app, "/browse/place").count('href="/doc/place/') == 3
    assert page(app, "/records").count('href="/doc/document/') == 2


@pytest.mark.parametrize("path", ["/", "/doc/document/118180", "/doc/place/tacheng-county", "/sparql", "/map",
                                  "/timeline?year=1962", "/doc/timespan/118180/flight"])
def test_pages_are_accessible_and_self_contained(app: App, path: str) -> None:
    html = page(app, path)
    assert html.startswith("<!DOCTYPE html>") and '<html lang="en">' in html
    assert html.count("<h1") == 1 and '<main id="main">' in html and 'href="#main"' in html
    assert '<label for="q"' in html  # the search box has a label
    for svg in re.findall(r"<svg[^>]*>", html):
        assert 'role="img"' in svg and "aria-labelledby" in svg
    assert "<script" not in html
    # Nothing is loaded from another host (links to other sites are fine).
    assert not re.search(r'src="(https?:)?//', html) and 'rel="stylesheet"' not in html


def test_hostile_text_is_escaped(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    evil = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    with (data / "archivekg.nq").open("a") as f:
        f.write(f'<{BASE}id/person/charles-kraus> <http://www.w3.org/2004/02/skos/core#altLabel> '
                f'"{evil.replace(chr(34), chr(92) + chr(34))}" <{BASE}graph/entities> .\n')
    a = make_app(data)
    for path in ("/doc/person/charles-kraus", "/search?q=script"):
        html = page(a, path)
        assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img" in page(a, "/doc/person/charles-kraus")
    assert 'href="/doc/person/charles-kraus"' in page(a, "/search?q=script")  # found by the variant
    assert "&lt;script" in page(a, "/search?q=%3Cscript%3E")


def test_highlight_handles_overlaps_and_bad_offsets() -> None:
    class DS:
        def href(self, iri: str) -> str:
            return "/doc/" + iri

    text = "around 2,000 people fled"
    ps = [Passage("a1", 0, 19, "around 2,000 people", "", "", [Ref("claim", "Claim")]),
          Passage("a2", 0, 12, "around 2,000", "", "", [Ref("dim", "Count")]),
          Passage("a3", 99, 120, "fled", "", "", [Ref("event", "Flight")])]  # offsets wrong: the quote is used
    out = highlight(DS(), text, ps)  # type: ignore[arg-type]
    assert '<a href="/doc/dim">around 2,000</a>' in out
    assert '<a href="/doc/claim"> people</a>' in out
    assert '<a href="/doc/event">fled</a>' in out
    assert re.sub(r"<[^>]+>", "", out) == text


def test_wkt_points() -> None:
    assert parse_point("Point(82.98 46.75)") == (82.98, 46.75)
    assert parse_point("<http://www.opengis.net/def/crs/OGC/1.3/CRS84> POINT ( -3.5 40.1 )") == (-3.5, 40.1)
    assert parse_point("Point(200 10)") is None and parse_point("LINESTRING(1 2, 3 4)") is None


def test_every_claim_is_reachable_a_page_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("archivekg.serve.views.CLAIM_CAP", 2)  # pages of two claims
    app = make_app(DATA)  # a fresh app: nothing rendered before the change
    first = page(app, "/doc/place/tacheng-county")
    assert "Claims 1–2 of 3." in first and 'href="/doc/place/tacheng-county?page=1#claims"' in first
    second = page(app, "/doc/place/tacheng-county?page=1")
    assert "Claims 3–3 of 3." in second and 'rel="prev"' in second
    claims = set(re.findall(r'href="/doc/(claim/[^"]+)"', first + second))
    assert claims == {"claim/118180/flight-from", "claim/118180/visits-place", "claim/990001/delegation-place"}
