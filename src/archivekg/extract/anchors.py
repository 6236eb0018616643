"""Dates whose year or day the text itself anchors, after the calendar rules have run.

A report on an earlier year ('Annual Report ... for the year 1958', dated January 1959) speaks of
that year: its months without a year are in it. A month without a year in a paragraph that has
just named an earlier year is in that year. A month or weekday said of the past ('since Monday',
'introduced in March') is its last occurrence, not the nearest. 'From August onwards' runs to the
end of the period the record covers; 'the next day' is the day after the date just named.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from .periods import DAY, DateHit, Reference, month_end
from .text import lower_same_length, matches_at, occurrences, windows

# A report, review or survey of one year: the year it covers.
_SUBJECT_YEAR = re.compile(r"\b(?:report|review|survey|account|summary)\b[^.\n]{0,60}?\b(?:for|of|on|covering)"
                           r" (?:the (?:calendar )?year )?(1[89]\d\d|20\d\d)\b(?![-–/]\d)", re.I)
# What each match opens with, as written in the lower-cased text, and the letters before it: 'review'
# is looked for as 'rev' (its i may be an ı) and 'survey' and 'summary' from their second letter (an s
# may be an ſ), since case is ignored.
_SUBJECT_WORDS = (("report", 0), ("rev", 0), ("account", 0), ("urvey", 1), ("ummary", 1))
# Words that put a clause in the future (or make it a plan): its dates need not be past.
_FUTURE = re.compile(r"\b(?:will|shall|would|could|can|may|might|going to|is to|are to|be|plan\w*|intend\w*|"
                     r"expect\w*|hope\w*|ask\w*|request\w*|propos\w*|next|coming|soon|should|must)\b", re.I)
# A verb in the past ('introduced in March', 'told us on Friday', 'have mobilized since Monday').
_PAST = re.compile(r"\b(?:was|were|had|has|have|did|told|said|came|went|left|met|gave|took|sent|began|made|saw|"
                   r"held|brought|fell|rose|spoke|wrote|[a-z]{2,}ed)\b", re.I)
# A deadline or a start ('by May 25', 'before Thursday', 'after 1 January') may lie ahead.
_AHEAD = re.compile(r"\b(?:by|before|after|until|till|from)(?: the)? $", re.I)
# A sentence ends after a word of two letters or more (not after the initial in 'N. S. Khrushchev').
_SENT_END = re.compile(r"(?<=[a-z\d\"”)]{2}[.!?;])\s|\n")
_ONWARDS = re.compile(r" onwards?\b", re.I)
_FROM = re.compile(r"\bfrom $", re.I)
# (the look-ahead at the first letter lets the regex engine skip other positions fast)
_NEXT_DAY = re.compile(r"(?=[tnf])(?:\b(?:the )?(?:next|following) (?:day|morning|afternoon|evening|night)\b"
                       r"|\bthe day after\b(?! tomorrow))", re.I)
_PREV_DAY = re.compile(r"(?=t)(?:\bthe (?:previous|preceding) (?:day|morning|afternoon|evening|night)\b"
                       r"|\bthe day before\b(?! yesterday))", re.I)
_DAY = re.compile("day|morning|afternoon|evening|night")
# A year named after these does not set the time of the rest of its paragraph: a birth date ('born on
# 14 March 1921') or the start of a period up to now ('since 1950').
# A year compared with ('6.4 per cent more than in 1984') is not the year spoken of either,
# nor does the date that names a treaty, a statement or a letter ('the Treaty of 3 November 1978').
_NO_ANCHOR = re.compile(r"\b(?:since|born(?: on| in)?|than(?: in)?|(?:treaty|agreement|accord|statement|resolution|"
                        r"declaration|communiqu[ée]|protocol|decree|convention|law|letter|note|constitution) of) $",
                        re.I)
# A date in a year counted from the document's ('on 26 December last year') names no year of its own.
_RELATIVE_YEAR = re.compile(r"\b(?:last|this|next|previous|following|preceding) year\b", re.I)
# Rules whose year (or month) was taken from the document date: they may move.
_RANGE_GAP = re.compile(r"^ ?(?:-|–|to|through|till|until|thru|and|or)(?: the)? ?$")
_HARD_RANGE = re.compile(r"^ ?(?:-|–|through|till|until|thru)(?: the)? ?$")
_WEEKDAY_GAP = re.compile(r",? (?:the )?")
_MOVABLE = ("date:dm", "date:md", "date:ddm", "date:mdd", "date:my", "date:month", "date:part-of-month",
            "date:range", "date:halfmonth", "date:tendays", "date:season", "date:holiday")


def subject_year(text: str, doc_year: int | None) -> int | None:
    """The earlier year a report covers ('Annual Report ... for the year 1958' written in 1959)."""
    if doc_year is None:
        return None
    # (the pattern is only tried where one of its words is written)
    low = lower_same_length(text)[:4000]
    starts = {k - skip for word, skip in _SUBJECT_WORDS for k in occurrences(low, (word,)) if k >= skip}
    for m in matches_at(_SUBJECT_YEAR, text[:4000], sorted(starts)):
        y = int(m.group(1))
        if doc_year - 3 <= y < doc_year:
            return y
    return None


def reference_for(text: str, doc_date: str | None) -> Reference:
    """The reference date the text's partial dates are completed from: the document date, or the
    whole earlier year a report covers."""
    r = Reference(doc_date)
    y = subject_year(text, r.year)
    return Reference(str(y)) if y is not None else r


def _shift_year(h: DateHit, n: int) -> DateHit | None:
    try:
        return replace(h, begin=h.begin.replace(year=h.begin.year + n), last=h.last.replace(year=h.last.year + n))
    except ValueError:  # 29 February
        return None


def _paragraph_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


# Titles and abbreviations whose full stop ends no sentence ('Mrs. Thatcher').
_ABBREVIATION = re.compile(r"(?:^|[\s(])(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Capt|Maj|Lt|Prof|Sen|Gov|Rev|Mons|Messrs|No|Nos|"
                           r"Art|vol|cf|viz|etc)\.$")


def _sentence_end(text: str, m: re.Match[str]) -> bool:
    return m.group() == "\n" or not _ABBREVIATION.search(text, max(0, m.start() - 9), m.start())


def _sentence_span(text: str, pos: int) -> tuple[int, int]:
    starts = [m.end() for m in _SENT_END.finditer(text, max(0, pos - 600), pos) if _sentence_end(text, m)]
    end = next((m for m in _SENT_END.finditer(text, pos) if _sentence_end(text, m)), None)
    return starts[-1] if starts else max(0, pos - 600), end.start() if end else len(text)


def _sentence(text: str, pos: int) -> str:
    a, b = _sentence_span(text, pos)
    return text[a:b]


def _said_of_past(text: str, h: DateHit, clause_of_its_own: bool = False) -> bool:
    if _AHEAD.search(text[max(0, h.start - 12):h.start]):
        return False
    sentence = _sentence(text, h.start)
    if not _FUTURE.search(sentence):
        return bool(_PAST.search(sentence))
    if not clause_of_its_own:
        return False
    # a weekday in a clause of its own in the past ('it would confirm the thesis, repeated by X on
    # Wednesday, that'): a week's days are near, so the clause's own verb decides
    clause = _clause(text, h.start)
    return bool(_PAST.search(clause)) and not _FUTURE.search(clause) and " that " not in clause


_CLAUSE_END = re.compile(r"[,;:]\s|\n")


def _clause(text: str, pos: int) -> str:
    """The part of the sentence at pos between commas, semicolons or colons."""
    a, b = _sentence_span(text, pos)
    starts = [m.end() for m in _CLAUSE_END.finditer(text, a, pos)]
    end = _CLAUSE_END.search(text, pos, b)
    return text[starts[-1] if starts else a:end.start() if end else b]


def said_of_future(text: str, pos: int) -> bool:
    """The sentence at pos speaks of what is to come ('I propose to call on him on the 19th')."""
    sentence = _sentence(text, pos)
    return bool(_FUTURE.search(sentence)) and not _PAST.search(sentence)


def anchor(text: str, hits: list[DateHit], r: Reference) -> list[DateHit]:
    """The hits with years taken from their paragraph or tense, open ends closed, and days after
    a named date resolved."""
    out: list[DateHit] = []
    for h in hits:
        out.append(_anchored(text, h, out, r))
    return out


def _anchored(text: str, h: DateHit, before: list[DateHit], r: Reference) -> DateHit:
    if h.partial and h.rule.split("+")[0] in _MOVABLE and r.year is not None:
        para = _paragraph_start(text, h.start)
        named = [p for p in before if p.start >= para and not p.partial and not p.relative
                 and p.begin.year == p.last.year and not _NO_ANCHOR.search(text, max(0, p.start - 24), p.start)
                 and not _RELATIVE_YEAR.search(text, p.start, p.end)]
        if named and named[-1].begin.year == h.begin.year:
            pass  # 'in 1981 the festival fell on 7-8 October': the year named keeps the date in it
        elif named and named[-1].begin.year < h.begin.year <= r.year and not said_of_future(text, h.start):
            # (not 'will prepare an appeal for 7 October': the future is no year of the paragraph's past)
            h = _shift_year(h, named[-1].begin.year - h.begin.year) or h
        elif r.precision == "day" and r.ref is not None and h.begin > r.ref and _said_of_past(text, h):
            h = _shift_year(h, -1) or h  # said of the past: the last occurrence
        elif r.precision == "day" and r.ref is not None and h.last < r.ref \
                and _AHEAD.search(text[max(0, h.start - 12):h.start]) and said_of_future(text, h.start):
            h = _shift_year(h, 1) or h  # 'is to open by 29 November' written in May: the next one
    if h.rule == "date:weekday" and r.ref is not None and h.begin > r.ref and _said_of_past(text, h, True):
        h = replace(h, begin=h.begin - 7 * DAY, last=h.last - 7 * DAY)
    onwards = _ONWARDS.match(text, h.end)
    if onwards and _FROM.search(text[max(0, h.start - 5):h.start]) and r.last and r.last > h.last:
        h = replace(h, end=onwards.end(), last=r.last, rule=h.rule + "+onwards")
    return h


def days_after(text: str, hits: list[DateHit]) -> list[DateHit]:
    """'the next day', 'the previous day': the day after (before) the last single day named before."""
    found: list[DateHit] = []
    # Each match holds the word 'day' (in any case) at most 14 characters after its start and ends (with
    # what its look-ahead reads) less than 24 after it: the patterns need only be tried near the word.
    near = windows([m.span() for m in _DAY.finditer(lower_same_length(text))], len(text), 16, 24)
    for rx, step in ((_NEXT_DAY, 1), (_PREV_DAY, -1)):
        for m in (m for a, b in near for m in rx.finditer(text, a, b)):
            if any(h.start <= m.start() < h.end for h in hits):
                continue
            prior = [h for h in hits if h.end <= m.start() and h.begin == h.last]
            if not prior or m.start() - prior[-1].end > 600:
                continue
            d: dt.date = prior[-1].begin + step * DAY
            found.append(DateHit(m.start(), m.end(), d, d, relative=True, rule="date:next-day"))
    return sorted(hits + found, key=lambda h: h.start)


def combine(text: str, hits: list[DateHit]) -> list[DateHit]:
    """Pieces that make one period joined ('from 10 April through 20 April', 'in August and September');
    a weekday followed by its date is that date."""
    out: list[DateHit] = []
    for h in hits:
        if out and out[-1].rule == "date:weekday" and _WEEKDAY_GAP.fullmatch(text[out[-1].end:h.start]):
            out[-1] = replace(h, start=out[-1].start)  # 'Monday, 29 October': the date names the day
            continue
        if out:
            a = out[-1]
            gap = text[a.end:h.start]
            before = text[max(0, a.start - 13):a.start].lower().removesuffix("the ")
            joined = _RANGE_GAP.match(gap) and (
                _HARD_RANGE.match(gap) or before.endswith(("from ", "between "))
                or (gap.strip() in ("and", "or") and a.relative and h.relative
                    and "day-of-month" not in a.rule + h.rule)
                or (gap.strip() == "and" and _whole_months(a, h) and a.last + DAY == h.begin.replace(
                    year=a.last.year if a.partial else h.begin.year)))
            if joined:
                begin, last = a.begin, h.so_far or h.last
                if a.partial and _same_year(begin, last.year) <= last:
                    begin = _same_year(begin, last.year)
                if begin <= last:
                    out[-1] = DateHit(a.start, h.end, begin, last, a.approximate or h.approximate,
                                      a.relative or h.relative, h.partial, "date:range")
                    continue
        out.append(h)
    return out


def _whole_months(a: DateHit, h: DateHit) -> bool:
    """Two hits that are each one whole month ('in August and September', 'October and November')."""
    return all(x.begin.day == 1 and x.last == month_end(x.begin.year, x.begin.month) for x in (a, h))


def _same_year(d: dt.date, year: int) -> dt.date:
    return d.replace(year=year, day=min(d.day, 28)) if d.month == 2 else d.replace(year=year)
