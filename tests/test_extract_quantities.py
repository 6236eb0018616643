"""Quantities: digits and words, ranges, approximation, unit and kind; what is not a quantity."""
from __future__ import annotations

from decimal import Decimal

import pytest

from archivekg.extract.dates import find_dates
from archivekg.extract.quantities import find_quantities, words_value


def qtys(text: str) -> list:  # type: ignore[type-arg]
    taken = [(h.start, h.end) for h in find_dates(text, "1962-04-21")]
    return find_quantities(text, taken)


@pytest.mark.parametrize("words, value", [
    ("seventy-eight", 78), ("2,519", 2519), ("four", 4), ("two hundred and fifty", 250), ("1.5 million", 1500000),
    ("twenty-five", 25), ("ten thousand", 10000),
])
def test_number_words_and_digits(words: str, value: int) -> None:
    assert words_value(words) == Decimal(value)


@pytest.mark.parametrize("text, value, unit, approx, kind", [
    ("around 2,000 people fled", 2000, "person", "around", "count"),
    ("seventy-eight people from Huocheng", 78, "person", None, "count"),
    ("562 packages weighing four tons", 562, "package", None, "count"),
    ("weighing around 20 tons were sent", 20, "ton", "around", "weight"),
    ("three Hans and two people", 3, "person", None, "count"),
    ("the four Ke-zi-bie-ti [sic] Brigades of", 4, "brigade", None, "count"),
    ("two small brigades which are", 2, "brigade", None, "count"),
    ("went to Tacheng for seven days in", 7, "day", None, "duration"),
    ("more than twenty times.", 20, "time", "more than", "count"),
    ("about 30 million rubles", 30000000, "ruble", "about", "money"),
    ("70 percent of the plan", 70, "percent", None, "ratio"),
    ("the talk lasted one hour and a half", Decimal("1.5"), "hour", None, "duration"),
])
def test_quantities(text: str, value: object, unit: str, approx: str | None, kind: str) -> None:
    found = qtys(text)
    assert found, text
    q = found[0]
    assert (q.value, q.unit, q.approximation, q.kind) == (Decimal(str(value)), unit, approx, kind)


def test_ranges_give_low_and_high() -> None:
    q = qtys("the transfer will take 5-6 days by rail")[0]
    assert (q.low, q.high, q.value, q.unit) == (Decimal(5), Decimal(6), None, "day")
    q = qtys("he should remain two or three days")[0]
    assert (q.low, q.high) == (Decimal(2), Decimal(3))


def test_one_phrase_two_counts() -> None:
    found = qtys("signed collectively by 270 families, or 1,326 people, from Tacheng")
    assert [(q.value, q.unit) for q in found] == [(Decimal(270), "family"), (Decimal(1326), "person")]


@pytest.mark.parametrize("text", [
    "a pistol with them", "a few people from Suiding", "one letter to the Premier", "in 1961 the Soviet Union",
    "non-Soviet nationals)[1] and", "telegram No. 412 of the embassy", "T-34 tanks", "members of Brigade 2506",
    "at 22:15 Comrade Novotný telephoned", "dozens of dead", "the 20th Congress", "from 10 April through 20 April",
    "1. To approve the draft",
])
def test_not_quantities(text: str) -> None:
    assert qtys(text) == []


@pytest.mark.parametrize("text, value, unit", [
    ("5 lakh refugees crossed the border", 500000, "refugee"),
    ("a loan of 2 crore rupees", 20000000, "rupee"),
    ("1.5 lakh people", 150000, "person"),
    ("credits of 2.5 million rubles", 2500000, "ruble"),
    ("the talks lasted two and a half hours", Decimal("2.5"), "hour"),
])
def test_scales_and_halves(text: str, value: int, unit: str) -> None:
    q = qtys(text)
    assert [(x.value, x.unit) for x in q] == [(Decimal(value), unit)]


@pytest.mark.parametrize("text, low, high", [
    ("About 40,000-50,000 people fled.", 40000, 50000),
    ("between 200 and 300 refugees", 200, 300),
    ("from 1,500 to 2,000 specialists", 1500, 2000),
    ("2-3 million tons of grain", 2000000, 3000000),
])
def test_ranges_with_separators_and_shared_scales(text: str, low: int, high: int) -> None:
    q = qtys(text)
    assert [(x.low, x.high) for x in q] == [(Decimal(low), Decimal(high))]


@pytest.mark.parametrize("text", ["On 14 oktobar the troops arrived.", "Dana 3 septembra they met.",
                                  "the note of 1 Mai", "signed on 2 stycznia"])
def test_days_of_months_in_other_languages_are_no_counts(text: str) -> None:
    assert qtys(text) == []


@pytest.mark.parametrize("text, value, unit", [
    # proportions and multiples written in words
    ("nearly half of the wagons were empty", "0.5", "fraction"),
    ("the goats were sold at half price in the bazaar", "0.5", "fraction"),
    ("about three quarters of the delegates voted", "0.75", "fraction"),
    ("two wells out of five had dried up", "0.4", "fraction"),
    ("the inspector came twice in May", "2", "time"),
    ("a crowd of half a million gathered", "500000", "unit"),
    ("they say it will cost a million", "1000000", "unit"),
    # a sign, a unit joined by a hyphen
    ("a frost of minus 25 degrees", "-25", "degree"),
    ("within the 3-mile limit", "3", "mile"),
    # national nouns and adjectives with no noun after them count persons
    ("the train carried 2,310 Hungarian and 1,204 Romanian refugees", "2310", "person"),
    ("among them 4 Americans and 1 Briton.", "1", "person"),
    # counts with no noun after them
    ("1,920 from the first camp and 2,645 from the second", "2645", "unit"),
    ("Three of our drivers were held", "3", "unit"),
    ("a loan of 40 million was refused. Talks went on", "40000000", "unit"),
])
def test_fractions_signs_and_counts_without_nouns(text: str, value: str, unit: str) -> None:
    found = [(q.value, q.unit) for q in qtys(text)]
    assert (Decimal(value), unit) in found


@pytest.mark.parametrize("text", [
    "the officers of 4 PATHAN and 6 BALUCH, the guards of Gate 7",
    "Release from Blocks 12 to 14 began; a Tupolev 104 landed.",
    "They chose a new one today; second, the council",
])
def test_designations_and_clause_ends_are_no_counts(text: str) -> None:
    assert [(text[q.start:q.end]) for q in qtys(text)] == []


@pytest.mark.parametrize("text, value, unit", [
    ("The clashes left 14 dead and 60 wounded in the port.", "14", "person"),
    ("Her brother, aged 23, was arrested.", "23", "year"),
    ("A 9-year-old girl was among them.", "9", "year"),
    ("The brigade counts 57 campesinos [peasants] now.", "57", "campesino"),
    ("Exports shrank by nearly half after the floods.", "0.5", "fraction"),
    ("Yields dropped by about a third in the north.", "0.333", "fraction"),
    ("Roughly one in five of the recruits deserted.", "0.2", "fraction"),
    ("They waited less than half an hour.", "0.5", "hour"),
    ("The talk lasted an hour and a quarter.", "1.25", "hour"),
    ("The search went on for about a week.", "1", "week"),
])
def test_casualties_ages_proportions_and_durations_in_words(text: str, value: str, unit: str) -> None:
    found = [(str(q.value), q.unit) for q in qtys(text)]
    assert (value, unit) in found


@pytest.mark.parametrize("text", [
    "The second five-year plan and the Seven-Year Plan were discussed.",
    "He is paid 90 dinars a month, and a fortnight's rest costs more than a month's pay.",
    "The third party did not answer; a third person came in one in the morning.",
])
def test_plans_rates_and_ordinals_are_no_quantities(text: str) -> None:
    assert [text[q.start:q.end] for q in qtys(text)] in ([], ["90 dinars"])
