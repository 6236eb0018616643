"""Dates and periods: absolute, completed from the document date, or relative to it.

Each expression becomes inclusive ISO day bounds. A day or month without a year takes the
document's year (the year before, when that would put a past event months after the document).
Words that depend on the document date ('last winter', 'since this year', 'tomorrow') are resolved
against it and marked relative; seasons and parts of months are marked approximate. Two pieces
joined as one period ('from 10 April through 20 April', 'last winter and this spring') are one span.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10,
          "xi": 11, "xii": 12}
_M = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|" \
     r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
_D = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_Y = r"(?:1[89]\d\d|20\d\d)"
_NUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
        "ten": 10, "a few": 3, "several": 3, "a couple of": 2}
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}


@dataclass(frozen=True)
class DateHit:
    start: int  # view offsets
    end: int
    begin: dt.date
    last: dt.date
    approximate: bool = False
    relative: bool = False
    partial: bool = False  # year taken from the document date
    rule: str = ""


def _month(word: str) -> int:
    return _MONTHS[word.rstrip(".").lower()]


def _mend(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _day(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _int(s: str) -> int:
    return int(re.sub(r"\D", "", s))


class Resolver:
    """Turns matched pieces into day bounds against the document date (which may be missing)."""

    def __init__(self, doc_date: str | None) -> None:
        self.ref: dt.date | None = None
        self.year: int | None = None
        if doc_date:
            parts = [int(p) for p in doc_date.split("-")]
            self.year = parts[0]
            if len(parts) == 3:
                self.ref = _day(*parts)
            elif len(parts) == 2:
                self.ref = _mend(parts[0], parts[1])
            else:
                self.ref = dt.date(parts[0], 12, 31)

    def year_for(self, month: int, future: bool) -> int | None:
        """The document's year, or the year before when the month lies well after the document."""
        if self.year is None:
            return None
        if self.ref and not future and month > self.ref.month + 2:
            return self.year - 1
        return self.year


_PATTERNS: list[tuple[str, str]] = [
    ("dmy", rf"(?P<d>{_D})(?: of)? (?P<m>{_M}),? (?P<y>{_Y})\b"),
    ("mdy", rf"(?P<m>{_M}) (?P<d>{_D}),? (?P<y>{_Y})\b"),
    ("num", rf"\b(?P<d>[0-3]?\d)\. ?(?P<mn>[01]?\d|[IVX]{{1,4}})\. ?(?P<y>{_Y}|\d\d)\b(?![.,:]\d)"),
    ("slash", rf"\b(?P<d>[0-3]?\d)/(?P<mn>[IVX]{{1,4}})/(?P<y>{_Y}|\d\d)\b"),
    ("iso", rf"\b(?P<y>{_Y})-(?P<mn>[01]\d)-(?P<d>[0-3]\d)\b"),
    ("ddm", rf"(?P<d>{_D}) ?(?:-|–|to|through|and) ?(?P<d2>{_D})(?: of)? (?P<m>{_M})(?:,? (?P<y>{_Y}))?\b"),
    ("mdd", rf"(?P<m>{_M}) (?P<d>{_D}) ?(?:-|–|to|through) ?(?P<d2>{_D})(?:,? (?P<y>{_Y}))?\b"),
    ("dm", rf"(?P<d>{_D})(?: of)? (?P<m>{_M})(?![\w])"),
    ("md", rf"(?P<m>{_M}) (?P<d>{_D})\b(?!,? ?\d)"),
    ("my", rf"(?:(?P<edge>early|mid|late|the beginning of|the end of|the middle of|the start of)[- ])?"
           rf"(?P<m>{_M}),? (?:of )?(?P<y>{_Y})\b"),
    ("part", rf"(?:the )?(?P<ord>first|second|third|fourth|last) (?P<part>quarter|half) of "
             rf"(?:(?P<y>{_Y})|(?P<rel>this|last|next) year|the year)"),
    ("edge", r"(?P<edge>early|mid|late|the beginning of|the end of|the middle of|the start of)[- ]"
             rf"(?:(?P<m>{_M})|(?P<y>{_Y})|(?P<rel>this|last|next) (?P<unit>year|month))"),
    ("season", rf"(?:(?P<rel>last|this|next|the past|the coming) (?P<s>spring|summer|autumn|fall|winter)\b"
               rf"|(?:the )?(?P<s2>spring|summer|autumn|fall|winter)(?: of)? (?P<y>{_Y})\b)"),
    ("decade", rf"(?:the )?(?P<y>1[89]\d0|20\d0)s\b"),
    ("yrange", rf"(?P<y>{_Y}) ?(?:-|–) ?(?P<y2>{_Y}|\d\d)\b"),
    ("rel", r"(?P<w>the day after tomorrow|the day before yesterday|today|tonight|yesterday|tomorrow|"
            r"this (?:morning|afternoon|evening)|(?:this|last|next|the past|the coming|the current) "
            r"(?:year|month|week))\b"),
    ("ago", r"(?P<n>one|two|three|four|five|six|seven|eight|nine|ten|a few|several|a couple of|\d{1,2}) "
            r"(?P<unit>day|week|month|year)s? ago\b"),
    ("month", rf"(?P<m>{_M})(?![\w])"),
    ("year", rf"(?P<y>{_Y})\b(?![-–/]\d|\.\d|,\d)"),
]
_RX = re.compile("|".join(f"(?P<{name}>{rx.replace('(?P<', f'(?P<{name}_')})" for name, rx in _PATTERNS))
# A bare month or year is a date only after one of these ('in January', 'since 1961').
_PREP = re.compile(r"\b(?:in|since|until|till|by|during|of|from|to|through|before|after|and|or|year|end|"
                   r"beginning|early|late|mid|summer|winter|spring|autumn|fall)[ -]$", re.I)
_FUTURE = re.compile(r"\b(?:will|shall|next|plan|plans|planned|intend|intends|coming|upcoming|would)\b", re.I)


def _g(m: re.Match[str], name: str, key: str) -> str | None:
    k = f"{name}_{key}"
    return m.group(k) if k in m.re.groupindex else None


def _hit(name: str, m: re.Match[str], r: Resolver, future: bool) -> DateHit | None:  # noqa: C901
    s, e = m.span()
    g = lambda key: _g(m, name, key)  # noqa: E731

    def year_of(month: int) -> tuple[int | None, bool]:
        y = g("y")
        return (int(y), False) if y else (r.year_for(month, future), True)

    if name in ("dmy", "mdy", "dm", "md"):
        mo = _month(g("m") or "")
        y, partial = year_of(mo)
        d = _day(y, mo, _int(g("d") or "")) if y else None
        return DateHit(s, e, d, d, partial=partial, rule=f"date:{name}") if d else None
    if name in ("num", "iso", "slash"):
        mn = g("mn") or ""
        mo = _ROMAN.get(mn.lower()) or (int(mn) if mn.isdigit() else 0)
        y = int(g("y") or 0)
        if y < 100:
            century = (r.year // 100) * 100 if r.year else 1900
            y = century + y if century + y <= (r.year or 2100) + 1 else century - 100 + y
        d = _day(y, mo, int(g("d") or 0)) if 1 <= mo <= 12 else None
        return DateHit(s, e, d, d, rule=f"date:{name}") if d else None
    if name in ("ddm", "mdd"):
        mo = _month(g("m") or "")
        y, partial = year_of(mo)
        if not y:
            return None
        a, b = _day(y, mo, _int(g("d") or "")), _day(y, mo, _int(g("d2") or ""))
        return DateHit(s, e, a, b, partial=partial, rule=f"date:{name}") if a and b and a <= b else None
    if name in ("month", "year") and not _PREP.search(m.string[max(0, s - 16):s]):
        return None
    if name in ("my", "month"):
        mo = _month(g("m") or "")
        y, partial = year_of(mo)
        if not y:
            return None
        hit = DateHit(s, e, dt.date(y, mo, 1), _mend(y, mo), partial=partial, rule=f"date:{name}")
        return _edge(hit, g("edge")) if name == "my" else hit
    if name == "part":
        y = int(g("y")) if g("y") else _rel_year(r, g("rel"))
        if not y:
            return None
        part = g("part")
        n = {"first": 0, "second": 1, "third": 2, "fourth": 3, "last": 3 if part == "quarter" else 1}[g("ord") or ""]
        size = 3 if part == "quarter" else 6
        if n * size >= 12:
            return None
        return DateHit(s, e, dt.date(y, n * size + 1, 1), _mend(y, n * size + size), relative=not g("y"),
                       rule=f"date:{part}")
    if name == "edge":
        return _edge_hit(s, e, g, r, future)
    if name == "season":
        return _season(s, e, g, r)
    if name == "decade":
        y = int(g("y") or 0)
        return DateHit(s, e, dt.date(y, 1, 1), dt.date(y + 9, 12, 31), approximate=True, rule="date:decade")
    if name == "yrange":
        y1, y2s = int(g("y") or 0), g("y2") or ""
        y2 = int(y2s) if len(y2s) == 4 else (y1 // 100) * 100 + int(y2s)
        return DateHit(s, e, dt.date(y1, 1, 1), dt.date(y2, 12, 31), rule="date:years") if y1 < y2 else None
    if name == "rel":
        return _relative(s, e, (g("w") or "").lower(), r)
    if name == "ago":
        return _ago(s, e, g, r)
    if name == "year":
        y = int(g("y") or 0)
        return DateHit(s, e, dt.date(y, 1, 1), dt.date(y, 12, 31), rule="date:year")
    return None


def _rel_year(r: Resolver, rel: str | None) -> int | None:
    if r.year is None:
        return None
    return r.year + {"last": -1, "next": 1}.get(rel or "this", 0)


def _edge(hit: DateHit, edge: str | None) -> DateHit:
    """early/mid/late or the beginning/middle/end of a month or year."""
    if not edge:
        return hit
    b, e = hit.begin, hit.last
    span = (e - b).days + 1
    third = span // 3
    if edge in ("early", "the beginning of", "the start of"):
        e = b + dt.timedelta(days=third - 1)
    elif edge in ("mid", "the middle of"):
        b, e = b + dt.timedelta(days=third), b + dt.timedelta(days=2 * third - 1)
    else:
        b = b + dt.timedelta(days=2 * third)
    return replace(hit, begin=b, last=e, approximate=True)


def _edge_hit(s: int, e: int, g, r: Resolver, future: bool) -> DateHit | None:  # type: ignore[no-untyped-def]
    edge = g("edge")
    if g("m"):
        mo = _month(g("m"))
        y = r.year_for(mo, future)
        if not y:
            return None
        return _edge(DateHit(s, e, dt.date(y, mo, 1), _mend(y, mo), partial=True, rule="date:part-of-month"), edge)
    if g("y"):
        y = int(g("y"))
        return _edge(DateHit(s, e, dt.date(y, 1, 1), dt.date(y, 12, 31), rule="date:part-of-year"), edge)
    if r.ref is None:
        return None
    if g("unit") == "year":
        y = (_rel_year(r, g("rel")) or 0)
        return _edge(DateHit(s, e, dt.date(y, 1, 1), dt.date(y, 12, 31), relative=True, rule="date:part-of-year"),
                     edge)
    mo, y = r.ref.month + {"last": -1, "next": 1}.get(g("rel") or "this", 0), r.ref.year
    if mo < 1:
        mo, y = 12, y - 1
    if mo > 12:
        mo, y = 1, y + 1
    return _edge(DateHit(s, e, dt.date(y, mo, 1), _mend(y, mo), relative=True, rule="date:part-of-month"), edge)


def _season(s: int, e: int, g, r: Resolver) -> DateHit | None:  # type: ignore[no-untyped-def]
    name = g("s") or g("s2")
    m1, m2 = _SEASONS[name]
    if g("y"):
        y = int(g("y"))
        b = dt.date(y - 1 if m1 > m2 else y, m1, 1) if name != "winter" else dt.date(y, 1, 1)
        last = _mend(y, m2) if name != "winter" else _mend(y, 2)
        return DateHit(s, e, b, last, approximate=True, rule="date:season")
    ref = r.ref
    if ref is None:
        return None
    # The season's occurrence that contains the document date, or the latest one before it.
    starts = []
    for y in (ref.year - 1, ref.year, ref.year + 1):
        b = dt.date(y, m1, 1)
        last = _mend(y + 1, m2) if m1 > m2 else _mend(y, m2)
        starts.append((b, last))
    current = next(((b, last) for b, last in starts if b <= ref <= last), None)
    past = [x for x in starts if x[1] < ref]
    future = [x for x in starts if x[0] > ref]
    rel = g("rel")
    if rel in ("last", "the past"):
        b, last = past[-1]
    elif rel in ("next", "the coming"):
        b, last = future[0]
    else:
        b, last = current or past[-1]
        last = min(last, ref) if current else last
    return DateHit(s, e, b, last, approximate=True, relative=True, rule="date:season")


def _relative(s: int, e: int, w: str, r: Resolver) -> DateHit | None:
    ref = r.ref
    if ref is None or r.ref is None:
        return None
    day = dt.timedelta(days=1)
    fixed = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
             "yesterday": -1, "tomorrow": 1, "the day after tomorrow": 2, "the day before yesterday": -2}
    if w in fixed:
        d = ref + fixed[w] * day
        return DateHit(s, e, d, d, relative=True, rule="date:relative-day")
    rel, unit = w.rsplit(" ", 1)
    if unit == "year":
        y = ref.year + {"last": -1, "next": 1}.get(rel, 0)
        if rel in ("this", "the current"):
            return DateHit(s, e, dt.date(y, 1, 1), dt.date(y, 12, 31), relative=True, rule="date:relative-year")
        if rel == "the past":
            return DateHit(s, e, ref - 365 * day, ref, approximate=True, relative=True, rule="date:relative-year")
        if rel == "the coming":
            return DateHit(s, e, ref, ref + 365 * day, approximate=True, relative=True, rule="date:relative-year")
        return DateHit(s, e, dt.date(y, 1, 1), dt.date(y, 12, 31), relative=True, rule="date:relative-year")
    if unit == "month":
        mo, y = ref.month + {"last": -1, "next": 1}.get(rel, 0), ref.year
        if mo < 1:
            mo, y = 12, y - 1
        if mo > 12:
            mo, y = 1, y + 1
        return DateHit(s, e, dt.date(y, mo, 1), _mend(y, mo), relative=True, rule="date:relative-month")
    monday = ref - ref.weekday() * day
    shift = {"last": -7, "next": 7}.get(rel, 0)
    b = monday + shift * day
    return DateHit(s, e, b, b + 6 * day, relative=True, approximate=rel in ("the past", "the coming"),
                   rule="date:relative-week")


def _ago(s: int, e: int, g, r: Resolver) -> DateHit | None:  # type: ignore[no-untyped-def]
    if r.ref is None:
        return None
    n_s = g("n")
    n = int(n_s) if n_s.isdigit() else _NUM[n_s]
    days = {"day": 1, "week": 7, "month": 30, "year": 365}[g("unit")] * n
    d = r.ref - dt.timedelta(days=days)
    return DateHit(s, e, d, d, approximate=True, relative=True, rule="date:ago")


_RANGE_GAP = re.compile(r"^ ?(?:-|–|to|through|till|until|thru|and|or) ?$")
_HARD_RANGE = re.compile(r"^ ?(?:-|–|through|till|until|thru) ?$")
_PREFIX = re.compile(r"\b(in|on|since|from|during|between|by|until|till)( the)? $", re.I)


def find_dates(text: str, doc_date: str | None, sentences: list[tuple[int, int]]) -> list[DateHit]:
    """Every date expression of the view text, ranges joined, with its leading preposition."""
    r = Resolver(doc_date)
    hits: list[DateHit] = []
    for m in _RX.finditer(text):
        name = m.lastgroup or ""
        sent = next(((a, b) for a, b in sentences if a <= m.start() < b), (m.start(), m.end()))
        future = bool(_FUTURE.search(text[sent[0]:sent[1]]))
        h = _hit(name, m, r, future)
        if h:
            hits.append(h)
    return _combine(text, hits, r)


def _combine(text: str, hits: list[DateHit], r: Resolver) -> list[DateHit]:
    out: list[DateHit] = []
    for h in hits:
        if out:
            a = out[-1]
            gap = text[a.end:h.start]
            before = text[max(0, a.start - 9):a.start].lower()
            joined = _RANGE_GAP.match(gap) and (
                _HARD_RANGE.match(gap) or before.endswith(("from ", "between "))
                or (gap.strip() in ("and", "or") and a.relative and h.relative))
            if joined:
                begin = a.begin
                if a.partial and not h.partial and begin.replace(year=h.last.year) <= h.last:
                    begin = begin.replace(year=h.last.year)
                if begin <= h.last:
                    out[-1] = DateHit(a.start, h.end, begin, h.last, a.approximate or h.approximate,
                                      a.relative or h.relative, h.partial, "date:range")
                    continue
        out.append(h)
    final = []
    for h in out:
        m = _PREFIX.search(text[max(0, h.start - 14):h.start])
        if m:
            start = h.start - (len(m.group()))
            word = m.group(1).lower()
            if word == "since" and r.ref and r.ref >= h.begin:
                h = replace(h, last=r.ref, relative=True, rule=h.rule + "+since")
            h = replace(h, start=start)
        final.append(h)
    return final
