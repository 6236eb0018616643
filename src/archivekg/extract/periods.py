"""Calendar arithmetic for dates: the document date as reference, parts of months and years,
seasons, weekdays and relative words.

Every convention for vague periods is a constant of the block below (one place to read or
change them): a month is cut in thirds for early/mid/late and beginning/middle/end, a year in
thirds for early/mid/late while its beginning and end are its first and last ten days;
halves of a month are days 1-15 and 16-last; autumn is September-November, winter
December-February; 'since X' runs from X to the document date (to the end of the document's
month or year when the record is dated by month or year only). A day or month without a year
takes the year that puts it nearest a full document date (the earlier one on a tie), and the
document's own year when the record is dated by month or year only.
"""
from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace

DAY = dt.timedelta(days=1)
MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10, "xi": 11,
         "xii": 12}
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
           "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "a few": 3,
           "several": 3, "a couple of": 2}
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}

# --- Conventions for vague periods -------------------------------------------------------------
# The words that name a part of a month or a year, and which third of it they mean.
EDGE_WORDS = {"early": "early", "beginning of": "early", "the beginning of": "early", "start of": "early",
              "the start of": "early", "mid": "mid", "middle of": "mid", "the middle of": "mid",
              "late": "late", "end of": "late", "the end of": "late"}
# The thirds of a month, in days ('at the end of May' = 21-31 May; the last third runs to the month's end).
MONTH_THIRDS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
# The thirds of a year, in months ('early 1958' = January-April, 'mid-1958' = May-August,
# 'late 1958' = September-December).
YEAR_THIRDS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
# The beginning and the end of a year named as such ('at the end of the year', 'the beginning of
# last year') are its first and last months, January and December; 'early/late 1958' are thirds.
# The thirds of a decade, in years ('the early 1960s' = 1960-1963, 'the mid-1960s' = 1963-1967, 'the late
# 1960s' = 1967-1969; 'the end of the decade' is its last third too).
DECADE_THIRDS = {"early": (0, 3), "mid": (3, 7), "late": (7, 9)}
# The parts of a week, in days from its Monday ('at the beginning of next week' = Monday-Wednesday,
# 'the middle of the week' = Tuesday-Thursday, 'the end of this week' = Friday-Sunday).
WEEK_THIRDS = {"early": (0, 2), "mid": (1, 3), "late": (4, 6)}
# An academic or school year named by its two years ('the 1964/65 academic year'): September to June.
SCHOOL_YEAR = (9, 6)
YEAR_ENDS = {"the beginning of": "early", "beginning of": "early", "the start of": "early", "start of": "early",
             "the end of": "late", "end of": "late"}
# ------------------------------------------------------------------------------------------------
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1}
SHIFT = {"last": -1, "previous": -1, "past": -1, "next": 1, "following": 1, "coming": 1}


@dataclass(frozen=True)
class DateHit:
    start: int  # view offsets
    end: int
    begin: dt.date
    last: dt.date
    approximate: bool = False
    relative: bool = False
    partial: bool = False  # the year was taken from the document date
    rule: str = ""
    # the season under way up to the document date: where a range ends with it ('last winter and this
    # spring'); alone, 'this spring' is the whole season
    so_far: dt.date | None = None


def month_of(word: str) -> int:
    return MONTHS[word.rstrip(".").lower()]


def month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def day(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def shift_month(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


class Reference:
    """The document date (which may be missing or partial) and what it makes of partial dates."""

    def __init__(self, doc_date: str | None) -> None:
        self.ref: dt.date | None = None  # a day standing for the document date (mid-month, mid-year)
        self.last: dt.date | None = None  # the last day the document date may be
        self.year: int | None = None
        self.precision = "none"  # day | month | year
        if doc_date:
            parts = [int(p) for p in doc_date.split("-")]
            self.year = parts[0]
            if len(parts) == 3:
                self.ref = self.last = day(*parts)
                self.precision = "day"
            elif len(parts) == 2:
                self.ref, self.last = dt.date(parts[0], parts[1], 15), month_end(parts[0], parts[1])
                self.precision = "month"
            else:
                self.ref, self.last = dt.date(parts[0], 7, 1), dt.date(parts[0], 12, 31)
                self.precision = "year"

    def year_for(self, month: int, d: int = 15) -> int | None:
        """The year that puts the month (and day) nearest the document date; the earlier on a tie.
        A record dated by month or year only keeps its own year (its 'January' is not the next one)."""
        if self.year is None or self.ref is None or self.precision != "day":
            return self.year
        best: tuple[int, int] | None = None
        for y in (self.year - 1, self.year, self.year + 1):
            when = day(y, month, min(d, 28)) or dt.date(y, month, 1)
            dist = abs((when - self.ref).days)
            if best is None or dist < best[0]:
                best = (dist, y)
        return best[1] if best else self.year

    def rel_year(self, rel: str | None) -> int | None:
        if self.year is None:
            return None
        return self.year + SHIFT.get(rel or "this", 0)


def edge(hit: DateHit, which: str | None) -> DateHit:
    """early/mid/late, beginning/middle/end of a month or a year: its first, middle or last third
    (``MONTH_THIRDS``, ``YEAR_THIRDS``)."""
    if not which:
        return hit
    third = EDGE_WORDS.get(" ".join(which.lower().split()), "late")
    b, e = hit.begin, hit.last
    if (e - b).days < 40:
        lo, hi = MONTH_THIRDS[third]
        return replace(hit, begin=b.replace(day=lo), last=min(e, b.replace(day=min(hi, e.day))), approximate=True)
    if YEAR_ENDS.get(" ".join(which.lower().split())) == "early":
        return replace(hit, last=dt.date(b.year, 1, 31), approximate=True)
    if YEAR_ENDS.get(" ".join(which.lower().split())) == "late":
        return replace(hit, begin=dt.date(e.year, 12, 1), approximate=True)
    lo, hi = YEAR_THIRDS[third]
    return replace(hit, begin=dt.date(b.year, lo, 1), last=month_end(e.year, hi), approximate=True)


def season(s: int, e: int, name: str, rel: str | None, year: int | None, r: Reference) -> DateHit | None:
    m1, m2 = SEASONS[name]
    if year is not None:
        b = dt.date(year - 1, 12, 1) if name == "winter" else dt.date(year, m1, 1)
        return DateHit(s, e, b, month_end(year, m2), approximate=True, rule="date:season")
    ref = r.ref
    if ref is None:
        return None
    spans = []
    for y in (ref.year - 2, ref.year - 1, ref.year, ref.year + 1):
        spans.append((dt.date(y, m1, 1), month_end(y + 1, m2) if m1 > m2 else month_end(y, m2)))
    current = next(((b, last) for b, last in spans if b <= ref <= last), None)
    past = [x for x in spans if x[1] < ref]
    future = [x for x in spans if x[0] > ref]
    if rel in ("last", "the past", "past", "previous"):
        b, last = past[-1]
    elif rel in ("next", "the coming", "coming", "following"):
        b, last = future[0]
    elif rel == "this" and current:
        return DateHit(s, e, current[0], current[1], approximate=True, relative=True, rule="date:season",
                       so_far=min(current[1], ref))
    elif rel == "this" and name != "winter":
        # 'this summer' written in April is the summer to come: the one of the document's year
        b, last = next((b, last) for b, last in spans if b.year == ref.year)
    elif rel == "this":  # 'this winter' in spring is the one just over; from summer on, the coming one
        b, last = past[-1] if ref.month <= 5 else future[0]
    elif rel == "this-ahead":  # said of what is to come: the season under way, or the next one
        b, last = current or future[0]
    else:  # 'in the autumn': the season under way, else the one of the document's year
        b, last = current or next(((b, last) for b, last in spans if b.year == ref.year), spans[2])
    return DateHit(s, e, b, last, approximate=True, relative=True, rule="date:season")


def relative_word(s: int, e: int, w: str, r: Reference) -> DateHit | None:
    ref = r.ref
    if ref is None:
        return None
    w = " ".join(w.lower().split())
    if w == "past seven days":
        return DateHit(s, e, ref - 7 * DAY, ref, relative=True, rule="date:past-week")
    fixed = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
             "yesterday": -1, "last night": -1, "tomorrow": 1, "the day after tomorrow": 2,
             "the day before yesterday": -2}
    if w in fixed:
        d = ref + fixed[w] * DAY
        return DateHit(s, e, d, d, relative=True, rule="date:relative-day")
    rel, unit = w.rsplit(" ", 1)
    rel = rel.replace("the ", "")
    n = SHIFT.get(rel, 0)
    if unit == "year":
        if rel in ("past", "coming"):
            b, last = (ref - 365 * DAY, ref) if rel == "past" else (ref + DAY, ref + 365 * DAY)
            return DateHit(s, e, b, last, approximate=True, relative=True, rule="date:relative-year")
        return DateHit(s, e, dt.date(ref.year + n, 1, 1), dt.date(ref.year + n, 12, 31), relative=True,
                       rule="date:relative-year")
    if unit == "month":
        y, m = shift_month(ref.year, ref.month, n)
        return DateHit(s, e, dt.date(y, m, 1), month_end(y, m), relative=True, rule="date:relative-month")
    if unit == "century":
        c = (ref.year - 1) // 100 + n  # 1964 is in the century that began in 1901
        return DateHit(s, e, dt.date(c * 100, 1, 1), dt.date(c * 100 + 99, 12, 31), relative=True,
                       rule="date:relative-century")
    monday = ref - ref.weekday() * DAY + 7 * n * DAY
    return DateHit(s, e, monday, monday + 6 * DAY, relative=True, rule="date:relative-week")


def coming(s: int, e: int, direction: str, n: int, unit: str, r: Reference) -> DateHit | None:
    """'the coming ten days' (the ten days after the document), 'the past two weeks'."""
    if r.ref is None:
        return None
    size = {"day": 1, "week": 7, "month": 30, "year": 365}[unit] * n
    if SHIFT.get(direction, 0) > 0:
        b, last = r.ref + DAY, r.ref + size * DAY
    elif unit == "day" and r.precision == "day":
        # 'the last eight days' are the eight whole days before the document's day
        b, last = r.ref - size * DAY, r.ref - DAY
    elif unit == "month" and r.precision == "day":
        # 'in the last twelve months': from the day after the same date n months back, to the document
        y, m = divmod(r.ref.year * 12 + r.ref.month - 1 - n, 12)
        b, last = dt.date(y, m + 1, min(r.ref.day, month_end(y, m + 1).day)) + DAY, r.ref
    else:
        b, last = r.ref - size * DAY, r.ref
    return DateHit(s, e, b, last, relative=True, rule="date:coming-period")


def ago(s: int, e: int, n: int, unit: str, r: Reference) -> DateHit | None:
    if r.ref is None:
        return None
    d = r.ref - {"day": 1, "week": 7, "month": 30, "year": 365}[unit] * n * DAY
    return DateHit(s, e, d, d, approximate=True, relative=True, rule="date:ago")


def weekday(s: int, e: int, name: str, r: Reference, rel: str = "") -> DateHit | None:
    """The occurrence of the weekday nearest the document date (the earlier on a tie); 'last'
    and 'next' take the one strictly before or after it."""
    if r.ref is None:
        return None
    k = WEEKDAYS[name.lower()]
    back = (r.ref.weekday() - k) % 7
    fwd = (k - r.ref.weekday()) % 7
    if rel == "last":
        d = r.ref - (back or 7) * DAY
    elif rel == "next":
        d = r.ref + (fwd or 7) * DAY
    else:
        d = r.ref - back * DAY if back <= fwd else r.ref + fwd * DAY
    return DateHit(s, e, d, d, relative=True, rule="date:weekday")


def decade_part(s: int, e: int, g: Callable[[str], str | None], r: Reference) -> DateHit | None:
    """'the mid-1960s', 'the first half of the 1950s', 'by the end of the decade' (``DECADE_THIRDS``)."""
    if g("half"):
        y = int(g("y2") or 0)
        b, last = (y, y + 4) if (g("half") or "").lower() == "first" else (y + 5, y + 9)
    else:
        if g("rel"):
            if r.year is None:
                return None
            y = r.year // 10 * 10
        else:
            y = int(g("y") or g("y3") or 0)
        which = EDGE_WORDS.get((g("edge") or "").lower()) or EDGE_WORDS[f"{(g('edge2') or '').lower()} of"]
        lo, hi = DECADE_THIRDS[which]
        b, last = y + lo, y + hi
    return DateHit(s, e, dt.date(b, 1, 1), dt.date(last, 12, 31), approximate=True, relative=bool(g("rel")),
                   rule="date:part-of-decade")
