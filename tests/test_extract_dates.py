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


@pytest.mark.parametrize("text, date, begin, end", [
    ("In the spring of 1958 they met. At the end of May some 5,000 men were assembled.", "1959-01-12",
     "1958-05-21", "1958-05-31"),
    ("Annual report for the year 1958. Fighting went on in August and September.", "1959-01-12",
     "1958-08-01", "1958-09-30"),
    ("The rationing, introduced in March, covers all foodstuffs.", "1962-10-26", "1962-03-01", "1962-03-31"),
    ("Since last Thursday the barriers were closed.", "1961-08-22", "1961-08-17", "1961-08-22"),
    ("Since Monday, the militias have mobilized.", "1962-10-26", "1962-10-22", "1962-10-26"),
    ("Deliveries continued from August onwards.", "1962-10-26", "1962-08-01", "1962-10-26"),
    ("imports were larger in the mid-1950s", "1959-01-12", "1953-01-01", "1957-12-31"),
    ("In the first half of the 1950s we erred.", "1956-10-20", "1950-01-01", "1954-12-31"),
    ("output will triple by the end of the decade", "1973-09-18", "1977-01-01", "1979-12-31"),
    ("they reported that in the last week officers met", "1961-03-24", "1961-03-17", "1961-03-24"),
    ("letters must be sent before the 20th", "1961-06-14", "1961-06-20", "1961-06-20"),
    ("the period between 1 January and 31 August", "1967-09-12", "1967-01-01", "1967-08-31"),
    ("in October and November last year", "1963-03-04", "1962-10-01", "1962-11-30"),
])
def test_dates_anchored_by_their_text(text: str, date: str, begin: str, end: str) -> None:
    found = [(b, e) for _, b, e in spans(text, date)]
    assert found[-1] == (begin, end)  # the last expression (a year named before it is a date too)


def test_the_next_day_follows_the_date_just_named() -> None:
    found = spans("On 14 August he said Pravda would print it the next day.", "1968-08-20")
    assert [(b, e) for _, b, e in found] == [("1968-08-14", "1968-08-14"), ("1968-08-15", "1968-08-15")]


def test_a_report_on_an_earlier_year_keeps_relative_months_on_the_document_date() -> None:
    text = "Annual report for the year 1958. More staff are needed next month. Leave is due next year."
    assert [(b, e) for _, b, e in spans(text, "1959-01-12")][-2:] == [("1959-02-01", "1959-02-28"),
                                                                       ("1959-01-01", "1959-12-31")]


@pytest.mark.parametrize("text, date, begin, end", [
    # a day with a month abbreviated without a full stop, as war diaries write it
    ("3 Mar: the column halted.", "1951-03-05", "1951-03-03", "1951-03-03"),
    ("Losses from 11 to 13 Nov were light.", "1951-11-20", "1951-11-11", "1951-11-13"),
    # 'last' / 'next' before a bare month: its occurrence before / after the document's month
    ("The riots of last August are forgotten.", "1962-04-21", "1961-08-01", "1961-08-31"),
    ("The fair opens next February.", "1962-04-21", "1963-02-01", "1963-02-28"),
    # a season of a relative year, a winter over two years
    ("The dam will close in the spring of next year.", "1962-04-21", "1963-03-01", "1963-05-31"),
    ("the harvest failed in the winter of 1946-1947", "1950-04-21", "1946-12-01", "1947-02-28"),
    # parts of a week
    ("The delegation leaves at the beginning of next week.", "1962-04-18", "1962-04-23", "1962-04-25"),
    ("an answer is due by the middle of next week", "1962-04-18", "1962-04-24", "1962-04-26"),
    # an academic year named by its two years
    ("places for the 1971/72 academic year", "1971-03-01", "1971-09-01", "1972-06-30"),
])
def test_relative_months_seasons_weeks_and_school_years(text: str, date: str, begin: str, end: str) -> None:
    assert [(b, e) for _, b, e in spans(text, date)] == [(begin, end)]


def test_the_next_morning_follows_the_date_just_named() -> None:
    found = spans("The trucks left on 4 May. The next morning they reached the river.", "1962-05-10")
    assert [(b, e) for _, b, e in found] == [("1962-05-04", "1962-05-04"), ("1962-05-05", "1962-05-05")]


def test_a_day_of_the_month_in_a_plan_lies_ahead() -> None:
    found = spans("I intend to visit the camp on the 25th and to report at once.", "1962-04-21")
    assert [(b, e) for _, b, e in found] == [("1962-04-25", "1962-04-25")]
    found = spans("On the morning of the 12th patrols crossed the river.", "1962-04-21")
    assert [(b, e) for _, b, e in found] == [("1962-04-12", "1962-04-12")]


def test_a_birth_year_or_a_since_year_does_not_set_the_paragraph_year() -> None:
    found = spans("Born on 2 May 1931 in Split, he was detained on 20 March.", "1952-03-25")
    assert found[-1][1:] == ("1952-03-20", "1952-03-20")
    found = spans("the worst drought since 1921. Relief trains left on 8 March.", "1952-03-25")
    assert found[-1][1:] == ("1952-03-08", "1952-03-08")


def test_a_season_takes_the_year_of_its_paragraph_or_tense() -> None:
    found = spans("The harvest of 1961 was poor: frost struck in the spring and locusts in the summer.",
                  "1962-01-20")
    assert [(b, e) for _, b, e in found][1:] == [("1961-03-01", "1961-05-31"), ("1961-06-01", "1961-08-31")]
    found = spans("The ports were idle in the autumn.", "1962-02-10")
    assert [(b, e) for _, b, e in found] == [("1961-09-01", "1961-11-30")]
    found = spans("The fair will open in Leipzig this summer.", "1962-02-10")
    assert [(b, e) for _, b, e in found] == [("1962-06-01", "1962-08-31")]


def test_a_deadline_ahead_and_a_month_followed_by_a_count() -> None:
    found = spans("The new stadium is to open by 30 November.", "1967-05-20")
    assert [(b, e) for _, b, e in found] == [("1967-11-30", "1967-11-30")]
    found = spans("In October 31 lorries had come back empty.", "1967-11-15")
    assert [(b, e) for _, b, e in found] == [("1967-10-01", "1967-10-31")]


@pytest.mark.parametrize("text, date, begin, end", [
    # fixed feasts take the year of the document, or the last one when said of the past
    ("Parcels sent for Christmas were held back.", "1958-02-10", "1957-12-25", "1957-12-25"),
    ("The parade on May Day was smaller.", "1963-06-01", "1963-05-01", "1963-05-01"),
    # a birth year
    ("KOVAL Petro, born 1919, a carpenter.", "1950-03-01", "1919-01-01", "1919-12-31"),
    # months counted back from the document's day, by the calendar
    ("Rents rose in the last six months.", "1963-06-28", "1962-12-29", "1963-06-28"),
    # a weekday in a clause of its own in the past, in a sentence about the future
    ("It would refute the claim, made by Mr. Lowe in parliament on Monday, that the plan failed.",
     "1971-05-13", "1971-05-10", "1971-05-10"),
])
def test_feasts_birth_years_months_back_and_a_weekday_in_a_past_clause(text: str, date: str, begin: str,
                                                                        end: str) -> None:
    assert [(b, e) for _, b, e in spans(text, date)] == [(begin, end)]


def test_a_compared_year_does_not_set_the_paragraph_year() -> None:
    found = spans("Imports grew by a tenth, more than in 1970. At the end of May the account was in balance.",
                  "1971-09-15")
    assert found[-1][1:] == ("1971-05-21", "1971-05-31")


def test_since_independence_runs_to_the_document_and_diary_days_may_be_abbreviated() -> None:
    found = spans("Since independence on 30 June no troops have left.", "1960-08-06")
    assert ("1960-06-30", "1960-08-06") in [(b, e) for _, b, e in found]
    diary = "Mon. 8 May\n\nArrived at noon.\n\nTues. 9 May\n\nSince 3 May the roads are closed."
    assert [(b, e) for _, b, e in spans(diary, "1961-05-13")][-1] == ("1961-05-03", "1961-05-09")


def test_the_date_of_a_treaty_and_a_date_of_last_year_set_no_year_for_the_paragraph() -> None:
    found = spans("The treaty of 3 November 1978 has proved its worth. They ask for the fuel agreed in January.",
                  "1979-02-21")
    assert found[-1][1:] == ("1979-01-01", "1979-01-31")
    found = spans("The line was agreed on 26 December last year. From 15 May to 10 June the survey went on.",
                  "1963-06-20")
    assert found[-1][1:] == ("1963-05-15", "1963-06-10")


def test_the_first_months_of_the_documents_year() -> None:
    assert spans("In the first seven months output fell.", "1977-08-05")[-1][1:] == ("1977-01-01", "1977-07-31")
    assert not [s for s in spans("In the first seven months output will rise.", "1977-03-05") if s[1] == "1977-01-01"]


@pytest.mark.parametrize("text, date, expected", [
    # the season under way is the whole season, unless a range ends with it
    ("The herds will stay north this winter.", "1960-12-03", [("1960-12-01", "1961-02-28")]),
    ("The ice was thin this autumn.", "1962-10-25", [("1962-09-01", "1962-11-30")]),
    ("Cold came last winter and this spring.", "1962-04-21", [("1961-12-01", "1962-04-21")]),
    # 'this winter' from summer on is the coming one; the season 'before' which a thing is done too
    ("Electricity will be cut this winter.", "1973-07-10", [("1973-12-01", "1974-02-28")]),
    ("The dam must be closed before the winter.", "1961-09-23", [("1961-12-01", "1962-02-28")]),
    ("It was calculated before the fall in oil prices.", "1986-02-20", []),
    # a year that qualifies what happened or was agreed in it
    ("They broke the 1958 agreement and went to the 1964 Games.", "1965-03-02",
     [("1958-01-01", "1958-12-31"), ("1964-01-01", "1964-12-31")]),
    ("The 1950 tons of grain arrived.", "1965-03-02", []),
    # two days named by ordinals alone are two days; with their month, one span
    ("Strikes were held on the 22nd and 23rd in the port.", "1956-11-25",
     [("1956-11-22", "1956-11-22"), ("1956-11-23", "1956-11-23")]),
    ("Talks on the 12th and 13th of this month.", "1965-02-20", [("1965-02-12", "1965-02-13")]),
])
def test_seasons_qualified_years_and_two_ordinal_days(text: str, date: str, expected: list[tuple[str, str]]) -> None:
    assert [(b, e) for _, b, e in spans(text, date)] == expected


@pytest.mark.parametrize("text, date, expected", [
    ("The poll was held between the 18th February and the 3rd April.", "1959-04-20",
     [("1959-02-18", "1959-04-03")]),
    # a deadline already past is in last month; one to come in this month
    ("By the 19th, the water had fallen.", "1964-07-09", [("1964-06-19", "1964-06-19")]),
    ("By the 26th the delegation must leave.", "1964-07-09", [("1964-07-26", "1964-07-26")]),
])
def test_ranges_of_ordinal_days_and_deadlines_past_or_to_come(text: str, date: str,
                                                             expected: list[tuple[str, str]]) -> None:
    assert [(b, e) for _, b, e in spans(text, date)] == expected
