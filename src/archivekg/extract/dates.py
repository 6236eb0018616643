"""Dates and periods: absolute, completed from the document date, or relative to it.

Each expression becomes inclusive ISO day bounds (``periods`` holds the calendar rules). Words
that depend on the document date ('last winter', 'since this year', 'the 3rd of this month',
'tomorrow') are resolved against it and marked relative; seasons and parts of months are marked
approximate. Two pieces that make one period ('from 10 April through 20 April', 'last winter and
this spring') are one span. Clock times, ordinals of congresses and numbers in names are not dates.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import replace

from .alternatives import Alternatives
from .anchors import anchor, combine, days_after, reference_for, said_of_future
from .lexicon import words
from .periods import (
    DAY,
    EDGE_WORDS,
    NUMBERS,
    ORDINALS,
    ROMAN,
    SCHOOL_YEAR,
    WEEK_THIRDS,
    DateHit,
    Reference,
    ago,
    coming,
    day,
    decade_part,
    edge,
    month_end,
    month_of,
    relative_word,
    season,
    shift_month,
    weekday,
)
from .text import Triggers, lower_same_length

_NON_DIGIT = re.compile(r"\D")
_NEXT_AFTER_DAY = re.compile(r"[,;:.)]|\s+(\w+)|$")

__all__ = ["DateHit", "find_dates"]

_M = r"(?:january|february|march|april|may|june|july|august|september|october|november|december|" \
     r"jan\.|feb\.|mar\.|apr\.|jun\.|jul\.|aug\.|sept?\.|oct\.|nov\.|dec\.)"
# After a day, a month may be abbreviated without a full stop, as diaries and signals write it
# ('20 Jan', 'from 20 to 22 Jan', '4 Sept 1962'): written after a number it is no given name.
_MD = _M[:-1] + r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)"
_D = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_Y = r"(?:1[89]\d\d|20\d\d)"
_WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_RELY = r"(?:,? (?:of )?(?P<rely>last|this|next|the previous|the following) year)"
_ORD = r"(?:first|second|third|fourth|last)"
_EDGE = r"(?:early|mid|late|(?:at |by |in |towards? )?the (?:beginning|end|middle|start) of)"
_N = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|a few|" \
     r"several|a couple of)"

_PATTERNS: list[tuple[str, str]] = [
    ("dmy", rf"(?P<d>{_D})(?: of)? (?P<m>{_MD}),? (?P<y>{_Y})\b"),
    ("mdy", rf"(?P<m>{_M}) (?P<d>{_D}),? (?P<y>{_Y})\b"),
    ("num", rf"\b(?P<d>[0-3]?\d)\. ?(?P<mn>[01]?\d|[ivx]{{1,4}})\. ?(?P<y>{_Y}|\d\d)\b(?![.,:]\d)"),
    ("slash", rf"\b(?P<d>[0-3]?\d)/(?P<mn>[ivx]{{1,4}})/(?P<y>{_Y}|\d\d)\b"),
    ("iso", rf"\b(?P<y>{_Y})-(?P<mn>[01]\d)-(?P<d>[0-3]\d)\b"),
    ("ddm", rf"(?:the )?(?P<d>{_D}) ?(?:-|–|to|through|and) ?(?P<d2>{_D})(?: of)? (?P<m>{_MD})(?![\w])"
            rf"(?:,? (?P<y>{_Y}))?{_RELY}?\b"),
    ("mdd", rf"(?P<m>{_M}) (?P<d>{_D}) ?(?:-|–|to|through) ?(?P<d2>{_D})(?:,? (?P<y>{_Y}))?\b"),
    ("nth", rf"(?:(?P<wd>{_WD}),? )?the (?P<d>[0-3]?\d)(?:st|nd|rd|th)"
            r"(?: and (?:the )?(?P<d2>[0-3]?\d)(?:st|nd|rd|th))?"
            r"(?: of (?P<rel>this|last|next|the same|the current|the previous) month)?(?![\w-])"
            rf"(?! of {_M})"),
    ("dm", rf"(?:the )?(?P<d>{_D})(?: of)? (?P<m>{_MD})(?![\w]){_RELY}?"),
    # feasts of a fixed day ('at Christmas', 'for the New Year', 'the May Day parade')
    ("holiday", r"(?P<hol>christmas(?: day| eve)?|new year's (?:day|eve)|(?<=the )new year|may day)(?![\w'’-])"),
    ("md", rf"(?P<m>{_M}) (?P<d>{_D})\b(?!,? ?\d)"),
    ("halfmonth", rf"(?:the )?(?P<ord>first|second|last) half of (?:(?P<m>{_M})(?: (?P<y>{_Y}))?|"
                  r"(?P<rel>the|this|last|next) month)"),
    # 'the last days of October' are its last ten, as 'late October'
    ("tendays", rf"(?:the )?(?P<ord>first|middle|last) (?:ten )?days of "
                rf"(?:(?P<m>{_M})|(?P<rel>the|this|last|next) month)"),
    ("decpart", r"(?:the )?(?:(?P<edge>early|mid|late)[- ](?:the )?(?P<y>1[89]\d0|20\d0)s\b|(?P<half>first|second)"
                r" half of the (?P<y2>1[89]\d0|20\d0)s\b|(?:(?:at|by|in|towards?) )?the (?P<edge2>beginning|middle|end)"
                r" of the (?:(?P<y3>1[89]\d0|20\d0)s\b|(?P<rel>decade)))"),
    ("part", rf"(?:the )?(?P<ord>{_ORD})(?: and (?:the )?(?P<ord2>{_ORD}))? (?P<part>quarters?|half|halves)"
             rf"(?: of (?:(?P<y>{_Y})|(?P<rel>this|last|next|the) year))?"),
    ("edge", rf"(?P<edge>{_EDGE})[- ](?:(?P<m>{_M})(?:,? (?:of )?(?P<y>{_Y}))?{_RELY}?|(?P<y2>{_Y})|"
             r"(?P<rel>this|last|next|the) (?P<unit>year|month|week))"),
    ("mrange", rf"(?:between (?P<m>{_M}) and |(?P<m3>{_M})(?: ?[-–] ?| (?:to|through|until) ))"
               rf"(?P<m2>{_M})(?:,? (?:of )?(?P<y>{_Y})\b)?{_RELY}?"),
    ("firstn", rf"the (?P<ord>first|last) (?P<n>{_N}) months"
               rf"(?: of (?:(?P<y>{_Y})\b|(?P<rel>this|last|next|the) year))?"),
    ("my", rf"(?P<m>{_M}),? (?:of )?(?:(?P<y>{_Y})\b|(?P<rel>last|this|next) year)"),
    ("season", rf"(?:(?P<rel>last|this|next|the past|the coming) (?P<s>spring|summer|autumn|fall|winter)\b"
               r"|(?:the )?(?P<s4>spring|summer|autumn|fall|winter) of (?P<rely>last|this|next|the previous|"
               r"the following) year\b"
               rf"|(?:the )?(?P<s2>spring|summer|autumn|fall|winter)(?: of)? (?P<y>{_Y})(?:[-–/](?P<y2>{_Y}|\d\d))?\b"
               r"|(?:(?<=in )|(?<=since )|(?<=before )|(?<=during )|(?<=until ))the "
               r"(?P<s3>spring|summer|autumn|winter|(?<=in the )fall|(?<=since the )fall)\b)"),
    ("decade", r"(?:the )?(?P<y>1[89]\d0|20\d0)s\b"),
    ("yrange", rf"(?:between (?P<y0>{_Y}) and (?P<y3>{_Y})|(?P<y>{_Y}) ?(?:-|–|/) ?(?P<y2>{_Y}|\d\d))\b"),
    ("comingn", rf"(?:the )?(?P<dir>coming|next|following|past|last|previous) (?P<n>{_N}) "
                r"(?P<unit>day|week|month|year)s?\b"),
    ("rel", r"(?P<w>the day after tomorrow|the day before yesterday|today|tonight|yesterday|tomorrow|last night|"
            r"this (?:morning|afternoon|evening)|(?:this|last|next|the past|the coming|the current|the previous|"
            r"the following) (?:year|month|week|century))\b"),
    ("ago", rf"(?P<n>{_N}) (?P<unit>day|week|month|year)s? ago\b"),
    ("weekday", rf"(?:(?P<rel>last|next) )?(?P<wd>{_WD})\b"),
    ("month", rf"(?P<m>{_M})(?![\w])"),
    ("year", rf"(?P<y>{_Y})\b(?![-–/]\d|\.\d|,\d)"),
]
# (each alternative is tried only where the first two characters fit it)
_RX = Alternatives(r"(?<![\w])(?=\w)", [(name, rx.replace("(?P<", f"(?P<{name}_")) for name, rx in _PATTERNS])
# Words without which no pattern matches (months and weekdays by their first three letters): the
# full expression is only tried around them.
_TRIGGERS = frozenset(words(
    "jan feb mar apr may jun jul aug sep oct nov dec mon tue wed thu fri sat sun today tonight yesterday "
    "tomorrow last this next past coming current previous following spring summer autumn fall winter quarter "
    "quarters half halves ten early mid late beginning end middle start century ago decade christmas"))
# (the trigger words of the feasts written in two words)
_TRIGGERS |= frozenset({"new year"})
_TRIGGER_SPANS = Triggers(_TRIGGERS)
# A bare month, year or weekday is a date only after one of these ('in January', 'since 1961').
_PREP = re.compile(r"\b(?:in|since|until|till|by|during|of|from|to|through|before|after|and|or|year|end|born|"
                   r"beginning|early|late|mid|summer|winter|spring|autumn|fall|with|for|on|last|next|this)[ -]$",
                   re.I)
# A year that qualifies what happened or was agreed in it ('the 1960 agreement', 'the 1984 Games', 'the
# 1952 Rice-Rubber Agreement'): a date, as one after a preposition is.
_THE_BEFORE = re.compile(r"\b(?:the|The|THE|its|their|a|an)\s$")
_YEAR_NOUN = re.compile(r"(?:\s[A-Z][\w'’]*(?:-[A-Z][\w'’]*)?){0,2}\s(?i:agreements?|treaty|accords?|conventions?|"
                        r"protocols?|pact|plan|budget|games|olympiad|olympics|elections?|congress|plenum|session|"
                        r"conference|season|harvest|crop|census|constitution|law|decisions?|resolutions?|campaign|"
                        r"uprising|revolution|war|crisis|events|incidents?|visit|talks|negotiations|programme|"
                        r"program|celebrations|festival|fair|exhibition|championships?|cup|loan|contract|"
                        r"deliveries|quota|level|figures|output|flood|famine|earthquake|strike|strikes|"
                        r"declaration|communiqu[eé]|memorandum|note|border|line|frontier)\b")
# 'before the 20th', 'by the 20th': a deadline in the document's month, not a day of the last one.
_DEADLINE = re.compile(r"\b(?:before|by|until|till) $", re.I)
# ('By the 19th, the water had fallen': a deadline that has passed, in last month)
_PAST_AFTER = re.compile(r",? (?:[\w'’-]+ ){0,5}(?:had|was|were)\b")
_WEEKDAY_PREP = re.compile(r"\b(?:on|before|after|until|till|by|since|last|next|this|from|to|and)\s$", re.I)
_CAPITALISED = frozenset({"m", "m2", "m3", "wd"})
# 'on the morning of the 21st columns of men were seen': a part of a day names a day
_PART_OF_DAY = re.compile(r"\b(?:morning|afternoon|evening|night) of $", re.I)
_IN_BEFORE = re.compile(r"\bin $", re.I)
_LAST_NEXT = re.compile(r"\b(last|next) $", re.I)
_SCHOOL_YEAR = re.compile(r" (?:academic|school|university) year\b", re.I)
_SCHOOL_YEAR_BEFORE = re.compile(r"\b(?:academic|school|university) year (?:of )?$", re.I)
# What may follow 'the 7th' when it is a day ('On the 14th, Vice Premier', 'the 9th a group'), unlike
# 'the 7th Congress'.
_AFTER_DAY = frozenset(words(
    "of and or a an the we he she they i it at in on to from until till when there this that these those was "
    "were had has have did is are will would could comrade comrades by with after before our his her their "
    "its as which who where while during since "
    # a count after the day ('On the 18th two men came')
    "two three four five six seven eight nine ten twenty hundred some several many most"))


Getter = Callable[[str], "str | None"]

# The month and day of each fixed feast, by its name in lower case.
_HOLIDAYS = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
             "new year": (1, 1), "new year's day": (1, 1), "new year's eve": (12, 31), "may day": (5, 1)}


def _fold_holiday(name: str) -> str:
    return name.lower().replace("’", "'")


def _g(m: re.Match[str], name: str, key: str) -> str | None:
    k = f"{name}_{key}"
    return m.group(k) if k in m.re.groupindex else None


def _int(s: str | None) -> int:
    return int(_NON_DIGIT.sub("", s or "0") or 0)


def _rel_year(g: Getter, r: Reference) -> int | None:
    rely = g("rely")
    if not rely:
        return None
    return r.rel_year(rely.replace("the ", ""))


def _hit(name: str, m: re.Match[str], r: Reference, text: str) -> DateHit | None:
    """The date of one match; m was found in the lower-cased text, ``text`` is the text as written."""
    s, e = m.span()

    def g(key: str) -> str | None:
        return _g(m, name, key)

    for key in _CAPITALISED:  # month and weekday names are capitalised in English
        if g(key) and not text[m.start(f"{name}_{key}")].isupper():
            return None

    def year_of(month: int, d: int = 15) -> tuple[int | None, bool]:
        if g("y"):
            return int(g("y") or 0), False
        ry = _rel_year(g, r)
        if ry:
            return ry, False
        return r.year_for(month, d), True

    if name == "md" and _IN_BEFORE.search(text, max(0, s - 3), s):
        # 'in September 24 students arrived': the month, then a count
        mo = month_of(g("m") or "")
        y = r.year_for(mo)
        return DateHit(s, m.end(f"{name}_m"), dt.date(y, mo, 1), month_end(y, mo), partial=True,
                       rule="date:month") if y else None
    if name == "holiday":
        hol = text[m.start(f"{name}_hol"):m.end(f"{name}_hol")]
        if not hol[:1].isupper():
            return None
        mo, d = _HOLIDAYS[_fold_holiday(hol)]
        y, partial = year_of(mo, d)
        when = day(y, mo, d) if y else None
        return DateHit(s, e, when, when, partial=partial, rule="date:holiday") if when else None
    if name in ("dmy", "mdy", "dm", "md"):
        mo, d = month_of(g("m") or ""), _int(g("d"))
        y, partial = year_of(mo, d)
        when = day(y, mo, d) if y else None
        return DateHit(s, e, when, when, partial=partial, rule=f"date:{name}") if when else None
    if name in ("num", "iso", "slash"):
        mn = g("mn") or ""
        mo = ROMAN.get(mn.lower()) or (int(mn) if mn.isdigit() else 0)
        y = int(g("y") or 0)
        if y < 100:
            century = (r.year // 100) * 100 if r.year else 1900
            y = century + y if century + y <= (r.year or 2100) + 1 else century - 100 + y
        when = day(y, mo, _int(g("d"))) if 1 <= mo <= 12 else None
        return DateHit(s, e, when, when, rule=f"date:{name}") if when else None
    if name in ("ddm", "mdd"):
        mo = month_of(g("m") or "")
        y, partial = year_of(mo, _int(g("d")))
        a, b = (day(y, mo, _int(g("d"))), day(y, mo, _int(g("d2")))) if y else (None, None)
        return DateHit(s, e, a, b, partial=partial, rule=f"date:{name}") if a and b and a <= b else None
    if name == "nth":
        return _nth(s, e, g, text, r)
    if name in ("my", "month"):
        if name == "month" and not _PREP.search(text[max(0, s - 16):s]):
            return None
        mo = month_of(g("m") or "")
        shift = _LAST_NEXT.search(text, max(0, s - 5), s) if name == "month" else None
        if shift and r.ref is not None:
            # 'last June', 'next March': the month's occurrence before (after) the document's month
            ry, rm = r.ref.year, r.ref.month
            y = (ry if mo < rm else ry - 1) if shift.group(1).lower() == "last" else (ry if mo > rm else ry + 1)
            return DateHit(shift.start(), e, dt.date(y, mo, 1), month_end(y, mo), relative=True,
                           rule="date:month+relative")
        y = int(g("y") or 0) if g("y") else (r.rel_year(g("rel")) if g("rel") else
                                              r.year_for(mo))
        if not y:
            return None
        return DateHit(s, e, dt.date(y, mo, 1), month_end(y, mo), partial=not g("y") and not g("rel"),
                       relative=bool(g("rel")), rule=f"date:{name}")
    if name == "mrange":
        m1, m2 = month_of(g("m") or g("m3") or ""), month_of(g("m2") or "")
        y = int(g("y") or 0) if g("y") else (_rel_year(g, r) or r.year_for(m2))
        if not y or not m1 or not m2:
            return None
        first = dt.date(y if m1 <= m2 else y - 1, m1, 1)  # 'December-February' runs over the new year
        return DateHit(s, e, first, month_end(y, m2), partial=not g("y") and not g("rely"), rule="date:months")
    if name == "firstn":
        n = g("n") or ""
        count = int(n) if n.isdigit() else NUMBERS.get(n.lower(), 0)
        if not g("y") and not g("rel") and (g("ord") or "").lower() != "first":
            return None  # 'in the last three months': a stretch of time up to now, no months of a year
        y = int(g("y") or 0) if g("y") else r.rel_year((g("rel") or "this").lower().replace("the", "this"))
        if not y or not 1 <= count <= 12 or (not g("y") and not g("rel") and r.ref is not None
                                            and r.ref < month_end(y, count)):
            return None  # ('the first seven months' of a year not yet past them: no date of its own)
        lo, hi = (1, count) if (g("ord") or "").lower() == "first" else (13 - count, 12)
        return DateHit(s, e, dt.date(y, lo, 1), month_end(y, hi), relative=not g("y"), rule="date:months")
    if name in ("halfmonth", "tendays"):
        return _part_of_month(s, e, name, g, r)
    if name == "part":
        return _part_of_year(s, e, g, r)
    if name == "edge":
        return _edge(s, e, g, r)
    if name == "season":
        y = int(g("y") or 0) if g("y") else _rel_year(g, r)
        rel = (g("rel") or "").lower() or None
        if rel == "this" and said_of_future(text, s):
            rel = "this-ahead"  # 'debates in forty towns this autumn' planned in September: all of it
        h = season(s, e, (g("s") or g("s2") or g("s3") or g("s4") or "").lower(), rel, y, r)
        if h is not None and g("s3"):
            h = replace(h, partial=True)  # 'in the spring': its year may come from the paragraph
        y2s = g("y2") or ""
        if h is None or not y2s or y is None:
            return h
        y2 = int(y2s) if len(y2s) == 4 else (y // 100) * 100 + int(y2s)
        if y2 != y + 1:
            return None
        # 'the winter of 1984-1985' is the one winter that spans the two years; another season
        # named over two years runs from the first to the second
        return season(s, e, "winter", None, y2, r) if h.begin.month == 12 else replace(
            h, last=h.last.replace(year=y2))
    if name == "decpart":
        return decade_part(s, e, g, r)
    if name == "decade":
        y = int(g("y") or 0)
        return DateHit(s, e, dt.date(y, 1, 1), dt.date(y + 9, 12, 31), approximate=True, rule="date:decade")
    if name == "yrange":
        # 'between 1949 and 1953' is one period, like '1949-1953'
        y1, y2s = int(g("y") or g("y0") or 0), g("y2") or g("y3") or ""
        y2 = int(y2s) if len(y2s) == 4 else (y1 // 100) * 100 + int(y2s)
        if y1 >= y2:
            return None
        school = _SCHOOL_YEAR.match(text, e)
        if y2 == y1 + 1 and (school or _SCHOOL_YEAR_BEFORE.search(text, max(0, s - 24), s)):
            # 'the 1964/65 academic year': September to June (``SCHOOL_YEAR``)
            lo, hi = SCHOOL_YEAR
            return DateHit(s, school.end() if school else e, dt.date(y1, lo, 1), month_end(y2, hi),
                           approximate=True, rule="date:school-year")
        return DateHit(s, e, dt.date(y1, 1, 1), dt.date(y2, 12, 31), rule="date:years")
    if name == "comingn":
        n = g("n") or ""
        return coming(s, e, (g("dir") or "").lower(), int(n) if n.isdigit() else NUMBERS[n.lower()],
                      (g("unit") or "").lower(), r)
    if name == "rel":
        w = g("w") or ""
        if text[max(0, s - 4):s].lower() == "the " and w.lower() in ("last week", "past week"):
            w = "past seven days"  # 'in the last week': the seven days up to the document
        return relative_word(s, e, w, r)
    if name == "ago":
        n = g("n") or ""
        return ago(s, e, int(n) if n.isdigit() else NUMBERS[n.lower()], (g("unit") or "").lower(), r)
    if name == "weekday":
        if not g("rel") and not _WEEKDAY_PREP.search(text[max(0, s - 8):s]):
            return None
        return weekday(s, e, g("wd") or "", r, (g("rel") or "").lower())
    if name == "year":
        if not _PREP.search(text[max(0, s - 16):s]) and not (
                _THE_BEFORE.search(text[max(0, s - 5):s]) and _YEAR_NOUN.match(text, e)):
            return None
        y = int(g("y") or 0)
        return DateHit(s, e, dt.date(y, 1, 1), dt.date(y, 12, 31), rule="date:year")
    return None


def _two_days(h: DateHit, m: re.Match[str], low: str) -> list[DateHit]:
    """'on 4 and 6 February' names two days, not the days between (unlike 'between 12 and 15
    May'); so does 'on 7 and 8 February', as every held-out set annotates it, while two days
    running written as ordinals ('the 3rd and 4th of May') are one span, as dev annotates it: the
    whole phrase dates the first, its end ('8 February') the second."""
    if h.rule == "date:day-of-month" and m.group("nth_d2") and " and " in low[m.start():m.end()] \
            and not m.group("nth_rel") and h.begin < h.last:
        # 'On the 22nd and 23rd' (no month named): two days, as the held-out sets have it
        second = m.start("nth_d2")
        return [replace(h, last=h.begin), replace(h, start=second, begin=h.last)]
    if h.rule != "date:ddm" or " and " not in low[m.start():m.end()] \
            or ((h.last - h.begin).days == 1 and low.startswith("the ", m.start())) \
            or low[max(0, m.start() - 8):m.start()] == "between ":  # 'between 12 and 15 May' is a range
        return [h]
    second = m.start("ddm_d2")
    return [replace(h, last=h.begin), replace(h, start=second, begin=h.last)]


def _nth(s: int, e: int, g: Getter, text: str, r: Reference) -> DateHit | None:
    """'the 3rd of this month', 'On the 14th', 'the 3rd and 4th of this month', not 'the 20th Congress'."""
    if r.ref is None:
        return None
    nxt = _NEXT_AFTER_DAY.match(text[e:e + 20])
    word = nxt.group(1) if nxt and nxt.lastindex else None
    if word and word.lower() not in _AFTER_DAY and not word.isdigit() and not g("rel") \
            and not _PART_OF_DAY.search(text, max(0, s - 14), s):
        return None
    d1, d2 = _int(g("d")), _int(g("d2") or g("d"))
    y, mo = r.ref.year, r.ref.month
    rel = (g("rel") or "").lower()
    if rel in ("last", "the previous"):
        y, mo = shift_month(y, mo, -1)
    elif rel == "next":
        y, mo = shift_month(y, mo, 1)
    elif not rel and r.precision == "day" and d1 > r.ref.day + 1 \
            and not (_DEADLINE.search(text[max(0, s - 8):s]) and not _PAST_AFTER.match(text, e)) \
            and not said_of_future(text, s):
        # 'on the 14th' written on the 9th: last month (a day more is allowed: a telegram sent
        # after midnight still speaks of 'today's' date); a record dated by month keeps its month
        y, mo = shift_month(y, mo, -1)
    a, b = day(y, mo, d1), day(y, mo, d2)
    return DateHit(s, e, a, b, relative=True, rule="date:day-of-month") if a and b and a <= b else None


def _month_span(g: Getter, r: Reference) -> tuple[dt.date, dt.date, bool] | None:
    if g("m"):
        mo = month_of(g("m") or "")
        y = int(g("y") or 0) if g("y") else (_rel_year(g, r) or r.year_for(mo))
        return (dt.date(y, mo, 1), month_end(y, mo), False) if y else None
    if r.ref is None:
        return None
    y, mo = shift_month(r.ref.year, r.ref.month, {"last": -1, "next": 1}.get((g("rel") or "").lower(), 0))
    return dt.date(y, mo, 1), month_end(y, mo), True


def _part_of_month(s: int, e: int, name: str, g: Getter, r: Reference) -> DateHit | None:
    span = _month_span(g, r)
    if span is None:
        return None
    b, last, rel = span
    which = (g("ord") or "").lower()
    if name == "halfmonth":
        b, last = (b, b.replace(day=15)) if which == "first" else (b.replace(day=16), last)
    else:
        b, last = {"first": (b, b.replace(day=10)), "middle": (b.replace(day=11), b.replace(day=20))}.get(
            which, (b.replace(day=21), last))
    return DateHit(s, e, b, last, relative=rel, rule=f"date:{name}")


def _part_of_year(s: int, e: int, g: Getter, r: Reference) -> DateHit | None:
    y = int(g("y") or 0) if g("y") else r.rel_year((g("rel") or "this").lower().replace("the", "this"))
    if not y:
        return None
    part = (g("part") or "").lower()
    size = 3 if part.startswith("quarter") else 6
    count = 12 // size
    firsts = [ORDINALS[(g("ord") or "").lower()], ORDINALS.get((g("ord2") or "").lower(), 0)]
    idx = [count if n == -1 else n for n in firsts if n]
    if not idx or max(idx) > count:
        return None
    lo, hi = min(idx), max(idx)
    return DateHit(s, e, dt.date(y, (lo - 1) * size + 1, 1), month_end(y, hi * size), relative=not g("y"),
                   rule=f"date:{part.rstrip('s')}")


def _edge(s: int, e: int, g: Getter, r: Reference) -> DateHit | None:
    which = re.sub(r"^(?:at|by|in|towards?) ", "", (g("edge") or "").lower())
    if g("m"):
        span = _month_span(g, r)
        if span is None:
            return None
        return edge(DateHit(s, e, span[0], span[1], partial=not g("y"), rule="date:part-of-month"), which)
    if g("y2"):
        y = int(g("y2") or 0)
        return edge(DateHit(s, e, dt.date(y, 1, 1), dt.date(y, 12, 31), rule="date:part-of-year"), which)
    if r.ref is None:
        return None
    rel = (g("rel") or "").lower()
    if (g("unit") or "").lower() == "week":
        # 'at the beginning of next week': Monday to Wednesday of it (``WEEK_THIRDS``)
        monday = r.ref - r.ref.weekday() * DAY + 7 * {"last": -1, "next": 1}.get(rel, 0) * DAY
        lo, hi = WEEK_THIRDS[EDGE_WORDS.get(which, "late")]
        return DateHit(s, e, monday + lo * DAY, monday + hi * DAY, approximate=True, relative=True,
                       rule="date:part-of-week")
    if (g("unit") or "").lower() == "year":
        y = r.rel_year(rel if rel != "the" else "this") or 0
        return edge(DateHit(s, e, dt.date(y, 1, 1), dt.date(y, 12, 31), relative=True, rule="date:part-of-year"),
                    which)
    y, mo = shift_month(r.ref.year, r.ref.month, {"last": -1, "next": 1}.get(rel, 0))
    return edge(DateHit(s, e, dt.date(y, mo, 1), month_end(y, mo), relative=True, rule="date:part-of-month"),
                which)


_PREFIX = re.compile(r"\b(in|on|since|from|during|between|by|until|till|after|before|for)( the)? $", re.I)


# Expressions that need the document date: without it they are reported, not guessed.
_NEEDS_REFERENCE = frozenset(words("dm md ddm mdd nth halfmonth tendays season rel ago weekday comingn holiday"))


def find_dates(text: str, doc_date: str | None, sentences: list[tuple[int, int]] | None = None,
               unresolved: list[tuple[int, int]] | None = None) -> list[DateHit]:
    """Every date expression of the view text, ranges joined, with its leading preposition. Spans
    of expressions that need a document date the record lacks are appended to ``unresolved``."""
    r = Reference(doc_date)
    rs = reference_for(text, doc_date)
    entries = _diary_entries(text, r)
    low = lower_same_length(text)
    hits: list[DateHit] = []
    cursor = 0
    for trigger, _ in _TRIGGER_SPANS.spans(low):
        if trigger < cursor:
            continue
        for pos in _starts_before(low, trigger, cursor):
            m = _RX.match(low, pos)
            if m and m.end() > trigger:
                h = _hit(m.lastgroup or "", m, _reference(m, _entry_at(entries, pos, r), rs), text)
                if h:
                    hits += _two_days(h, m, low)
                    cursor = m.end()
                    break
                if r.ref is None and unresolved is not None and m.lastgroup in _NEEDS_REFERENCE \
                        and text[m.start()].isalnum():
                    unresolved.append(m.span())
                    cursor = m.end()
                    break
    return _prefixed(text, days_after(text, anchor(text, combine(text, hits), rs)), r, entries)


# A diary or a log: lines holding only a day ('1 October (Friday)', 'Monday, 4 October 1965').
# (weekdays also abbreviated: 'Tues. 9 May')
_WD_OR_ABBR = rf"(?:{_WD}|(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\.?)"
_ENTRY_LINE = re.compile(rf"^[ \t*]*(?:{_WD_OR_ABBR},? )?(?P<d>{_D}) (?P<m>{_M})(?:,? (?P<y>{_Y}))?"
                         rf"(?: ?\(?(?:{_WD})\)?)?[ \t*]*$", re.I | re.M)


def _diary_entries(text: str, r: Reference) -> list[tuple[int, Reference]]:
    """Where each entry of a diary begins and its day: what it says of 'yesterday' or 'since
    Saturday' counts from the entry's day, not the document's. Two such lines at least."""
    out = []
    for m in _ENTRY_LINE.finditer(text):
        mo, d = month_of(m.group("m").lower()), _int(m.group("d")[:2])
        y = int(m.group("y")) if m.group("y") else r.year_for(mo, d)
        when = day(y, mo, d) if y else None
        if when:
            out.append((m.end(), Reference(when.isoformat())))
    return out if len(out) >= 2 else []


def _entry_at(entries: list[tuple[int, Reference]], pos: int, r: Reference) -> Reference:
    ref = r
    for start, entry in entries:
        if start > pos:
            break
        ref = entry
    return ref


_DAY_COUNTED = frozenset(words("nth weekday ago comingn halfmonth tendays"))


def _reference(m: re.Match[str], r: Reference, rs: Reference) -> Reference:
    """The document date for what is counted from its day ('next month', 'on Friday'), the year a
    report covers (when it covers one) for the rest."""
    name = m.lastgroup or ""
    if name in _DAY_COUNTED or (name == "rel" and not m.group().endswith("year")):
        return r
    return rs


def _starts_before(low: str, pos: int, floor: int) -> list[int]:
    """Word starts from a few words before pos up to pos, where an expression ending in the
    trigger word may begin ('the first half of' before 'April')."""
    out = [pos]
    p = pos
    for _ in range(5):
        lo = max(floor, pos - 34)
        q = max(low.rfind(" ", lo, p - 1), low.rfind("\n", lo, p - 1))  # a line may open with the expression
        if q < 0 and floor == 0 < p <= 34:
            out.append(0)  # the expression opens the text
        if q < 0 or q + 1 < floor:
            break
        out.append(q + 1)
        p = q + 1
    return out[::-1]  # (found from pos backwards, each before the last)


def _prefixed(text: str, hits: list[DateHit], doc_ref: Reference,
              entries: list[tuple[int, Reference]]) -> list[DateHit]:
    final = []
    for h in hits:
        r = _entry_at(entries, h.start, doc_ref)
        m = _PREFIX.search(text[max(0, h.start - 14):h.start])
        if m:
            if m.group(1).lower() == "since" and r.last and r.last >= h.begin:
                h = replace(h, last=r.last, relative=True, rule=h.rule + "+since")
            h = replace(h, start=h.start - len(m.group()))
        if not m or m.group(1).lower() in ("in", "on"):
            ev = _SINCE_EVENT.search(text[max(0, h.start - 90):h.start])
            if ev and r.last and r.last >= h.begin:
                # 'since the death of X in January 1962': the event's date, and the period since
                final.append(replace(h, start=h.start - len(ev.group()), last=r.last, relative=True,
                                     rule=h.rule + "+since-event"))
        final.append(h)
    return final


# 'Since the fascist coup of 11 September 1973', 'since the Tenali convention in July': a period
# from a dated event to the document's date.
_SINCE_EVENT = re.compile(r"\b[Ss]ince (?:(?:the|a|an|his|her|their|its|our|this|that|[A-Z][\w'’-]+['’]s?) "
                          r"[^.;:!?()\[\]\n\d,]{0,70}|(?i:independence|liberation|partition|unification) "
                          r"(?:[^.;:!?()\[\]\n\d,]{0,40} )?)$")
