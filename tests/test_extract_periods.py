"""Vague periods and partial document dates: the conventions of ``periods`` (thirds of a month or
a year, 'since X' up to the document date, a record dated by month or year only)."""
from __future__ import annotations

from itertools import pairwise

import pytest

from archivekg.extract.dates import find_dates
from archivekg.extract.periods import MONTH_THIRDS, YEAR_THIRDS


def one(text: str, date: str) -> tuple[str, str]:
    hits = find_dates(text, date)
    assert len(hits) == 1, [(text[h.start:h.end], h.begin, h.last) for h in hits]
    return hits[0].begin.isoformat(), hits[0].last.isoformat()


@pytest.mark.parametrize("text, begin, end", [
    ("It was planned for early 1958.", "1958-01-01", "1958-04-30"),
    ("It was planned for mid-1958.", "1958-05-01", "1958-08-31"),
    ("It was planned for late 1958.", "1958-09-01", "1958-12-31"),
    ("It happened at the end of May.", "1968-05-21", "1968-05-31"),
    ("It happened at the beginning of May.", "1968-05-01", "1968-05-10"),
    ("It happened in mid-May.", "1968-05-11", "1968-05-20"),
    ("by the end of February", "1968-02-21", "1968-02-29"),
])
def test_vague_parts_of_months_and_years_are_thirds(text: str, begin: str, end: str) -> None:
    assert one(text, "1968-09") == (begin, end)


def test_the_thirds_cover_the_period_without_gaps() -> None:
    for thirds, last in ((MONTH_THIRDS, 31), (YEAR_THIRDS, 12)):
        spans = [thirds[k] for k in ("early", "mid", "late")]
        assert spans[0][0] == 1 and spans[-1][1] == last
        assert all(a[1] + 1 == b[0] for a, b in pairwise(spans))


@pytest.mark.parametrize("date", ["1968-09", "1968"])
@pytest.mark.parametrize("text, begin, end", [
    ("In January the troops left.", "1968-01-01", "1968-01-31"),
    ("On 5 February they met.", "1968-02-05", "1968-02-05"),
    ("In December they met again.", "1968-12-01", "1968-12-31"),
])
def test_a_record_dated_by_month_or_year_keeps_its_year(date: str, text: str, begin: str, end: str) -> None:
    assert one(text, date) == (begin, end)


def test_a_full_document_date_still_takes_the_nearest_year() -> None:
    assert one("The meeting will be held in early January.", "1956-12-22") == ("1957-01-01", "1957-01-10")


@pytest.mark.parametrize("date, text, begin, end", [
    ("1968-09-20", "on the 14th", "1968-09-14", "1968-09-14"),
    ("1968-09-20", "on the 28th", "1968-08-28", "1968-08-28"),
    ("1968-09", "on the 28th", "1968-09-28", "1968-09-28"),
    ("1968-09-20", "the 15th of this month", "1968-09-15", "1968-09-15"),
    ("1968-09", "the 15th of this month", "1968-09-15", "1968-09-15"),
])
def test_a_day_of_the_month_is_in_the_documents_month_unless_it_is_later(date: str, text: str, begin: str,
                                                                        end: str) -> None:
    assert one(text, date) == (begin, end)


@pytest.mark.parametrize("date, end", [("1968-09-20", "1968-09-20"), ("1968-09", "1968-09-30"),
                                       ("1968", "1968-12-31")])
def test_since_runs_to_the_document_date(date: str, end: str) -> None:
    assert one("Prices have risen since March 1958.", date) == ("1958-03-01", end)


@pytest.mark.parametrize("text, begin, end", [
    ("It was settled at the end of the year.", "1959-12-01", "1959-12-31"),
    ("It was settled by the end of last year.", "1958-12-01", "1958-12-31"),
    ("It began at the beginning of 1958.", "1958-01-01", "1958-01-31"),
    ("On the 14th of September they met.", "1958-09-14", "1958-09-14"),
    ("They met on the 5th and 6th of May.", "1959-05-05", "1959-05-06"),
])
def test_ends_of_a_year_and_days_written_with_the(text: str, begin: str, end: str) -> None:
    assert one(text, "1959-01-12") == (begin, end)


@pytest.mark.parametrize(("sentence", "begin", "end"), [
    ("Trade fell between October and December.", "1959-10-01", "1959-12-31"),
    ("Shipments were planned for March-April 1960.", "1960-03-01", "1960-04-30"),
    ("Output grew in the first five months of this year.", "1960-01-01", "1960-05-31"),
    ("The 1958/59 harvest was poor.", "1958-01-01", "1959-12-31"),
])
def test_month_ranges_first_months_and_split_years(sentence: str, begin: str, end: str) -> None:
    assert one(sentence, "1960-06-15") == (begin, end)


def _all(text: str, date: str) -> list[tuple[str, str]]:
    return sorted((h.begin.isoformat(), h.last.isoformat()) for h in find_dates(text, date))


def test_two_days_joined_by_and_are_two_dates_even_when_running() -> None:
    got = _all("The talks were held on 4 and 6 May. The visits fell on 9 and 10 May.", "1960-06-15")
    assert got == [("1960-05-04", "1960-05-04"), ("1960-05-06", "1960-05-06"), ("1960-05-09", "1960-05-09"),
                   ("1960-05-10", "1960-05-10")]


def test_days_between_two_days_are_still_one_range() -> None:
    assert _all("The fair ran between 9 and 10 May.", "1960-06-15") == [("1960-05-09", "1960-05-10")]


def test_a_period_since_a_dated_event_and_the_event_date() -> None:
    got = _all("Since the opening of the bridge in March the traffic has doubled.", "1960-06-15")
    assert got == [("1960-03-01", "1960-03-31"), ("1960-03-01", "1960-06-15")]


def test_a_line_may_open_with_a_relative_date() -> None:
    assert _all("To the Ministry\n\nthe day before yesterday the envoy left.", "1960-06-15") == \
        [("1960-06-13", "1960-06-13")]


def test_the_last_days_of_a_month_are_its_last_ten() -> None:
    assert _all("The convoys stopped in the last days of May.", "1960-06-15") == [("1960-05-21", "1960-05-31")]


def test_between_two_years_is_one_period() -> None:
    assert _all("Between 1951 and 1955 he taught in Brno.", "1960-06-15") == [("1951-01-01", "1955-12-31")]


def test_the_last_days_counted_end_the_day_before_the_document() -> None:
    assert _all("Over the last five days the rain never stopped.", "1960-06-15") == [("1960-06-10", "1960-06-14")]


def test_this_summer_written_in_spring_is_the_summer_to_come() -> None:
    assert _all("The minister wanted the treaty signed this summer.", "1960-04-15") == [("1960-06-01", "1960-08-31")]


def test_a_diary_entry_is_the_reference_of_its_relative_dates() -> None:
    text = ("Diary of the envoy\n\n3 May (Monday)\n\nArrived in Kabul.\n\n5 May (Wednesday)\n\n"
            "The minister came back yesterday. The paper has been silent since Monday.")
    got = _all(text, "1965-05-09")
    assert ("1965-05-04", "1965-05-04") in got  # yesterday of the entry, not of the document
    assert ("1965-05-03", "1965-05-05") in got  # since Monday, up to the entry's day
    assert ("1965-05-08", "1965-05-08") not in got


def test_a_year_named_in_the_paragraph_keeps_a_day_in_that_year() -> None:
    # written in July 1981: without the year, a past-tense 'fell on 3 October' would be 1980
    assert _all("In 1981 the feast fell on 3 October.", "1981-07-15") == [
        ("1981-01-01", "1981-12-31"), ("1981-10-03", "1981-10-03")]


def test_a_day_said_of_the_future_takes_no_past_year_of_its_paragraph() -> None:
    got = _all("In 1978 and 1979 many were arrested. The committee will publish an appeal for 3 October.",
               "1981-07-15")
    assert ("1981-10-03", "1981-10-03") in got


def test_a_day_of_the_month_before_a_count() -> None:
    assert _all("On the 9th three trucks arrived. The 20th Congress met.", "1960-06-15") == [
        ("1960-06-09", "1960-06-09")]
