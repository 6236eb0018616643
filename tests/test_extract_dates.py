"""Dates: absolute, completed from the document date, relative to it; one span per expression."""
from __future__ import annotations

import pytest

from archivekg.extract.dates import find_dates


def spans(text: str, date: str | None = "1962-04-21") -> list[tuple[str, str, str]]:
    return [(text[h.start:h.end], h.begin.isoformat(), h.last.isoformat()) for h in find_dates(text, date)]


@pytest.mark.parametrize("text, begin, end", [
    ("It happened on 21 April 1962.", "1962-04-21", "1962-04-21"),
    ("It happened on April 21, 1962.", "1962-04-21", "1962-04-21"),
    ("They fled from 10 April through 20 April.", "1962-04-10", "1962-04-20"),
    ("They fled from 13 March through 20 April.", "1962-03-13", "1962-04-20"),
    ("The visit lasted from 14 to 21 February.", "1962-02-14", "1962-02-21"),
    ("He returned on January 31.", "1962-01-31", "1962-01-31"),
    ("He came in January and met many.", "1962-01-01", "1962-01-31"),
    ("In 1961 the Soviet Union sent packages.", "1961-01-01", "1961-12-31"),
    ("In the first quarter of 1962, 562 packages came.", "1962-01-01", "1962-03-31"),
    ("in the second and third quarters of this year", "1962-04-01", "1962-09-30"),
    ("in the second half of April", "1962-04-16", "1962-04-30"),
    ("in early November", "1961-11-01", "1961-11-10"),
    ("by the end of February", "1962-02-21", "1962-02-28"),
    ("in the middle of May", "1962-05-11", "1962-05-20"),
    ("SENT: 19.III.50, 23:40", "1950-03-19", "1950-03-19"),
    ("received 9.02.1965 at 19:05", "1965-02-09", "1965-02-09"),
    ("in the 1950s", "1950-01-01", "1959-12-31"),
])
def test_absolute_and_completed_dates(text: str, begin: str, end: str) -> None:
    found = spans(text)
    assert [(b, e) for _, b, e in found] == [(begin, end)]


@pytest.mark.parametrize("text, begin, end", [
    ("six times last winter and this spring", "1961-12-01", "1962-04-21"),
    ("Since this year, the Soviet side", "1962-01-01", "1962-04-21"),
    ("they will come tomorrow or the day after tomorrow", "1962-04-22", "1962-04-23"),
    ("as he said yesterday", "1962-04-20", "1962-04-20"),
    ("on the 3rd of this month", "1962-04-03", "1962-04-03"),
    ("last week", "1962-04-09", "1962-04-15"),
    ("last year", "1961-01-01", "1961-12-31"),
    ("In the coming ten days", "1962-04-22", "1962-05-01"),
    ("the last century", "1800-01-01", "1899-12-31"),
    ("from 12 to 15 May last year", "1961-05-12", "1961-05-15"),
])
def test_relative_dates_resolve_against_the_document_date(text: str, begin: str, end: str) -> None:
    hits = find_dates(text, "1962-04-21")
    assert [(h.begin.isoformat(), h.last.isoformat()) for h in hits] == [(begin, end)]
    assert hits[0].relative or "last year" in text or "century" in text or "May" in text


def test_words_as_written_are_kept_with_the_preposition() -> None:
    text = "around 2,000 people fled from Tacheng County from 10 April through 20 April"
    assert spans(text)[0][0] == "from 10 April through 20 April"


@pytest.mark.parametrize("text", [
    "at 3:00 p.m. they met", "the 20th Congress of the CPSU", "model T-34 tanks", "No. 412 of 1147",
    "he may come", "We march to the border", "1,777 packages",
])
def test_not_dates(text: str) -> None:
    assert spans(text) == []


def test_without_a_document_date_partial_dates_are_left_out() -> None:
    assert spans("on 20 April and on 21 April 1962", None) == [("on 21 April 1962", "1962-04-21", "1962-04-21")]


def test_a_month_without_year_takes_the_year_nearest_the_document() -> None:
    # written in January 1960: 'November' is the November before, 'February' the one after
    hits = find_dates("in November they came; in February they will go", "1960-01-12")
    assert [h.begin.isoformat() for h in hits] == ["1959-11-01", "1960-02-01"]
