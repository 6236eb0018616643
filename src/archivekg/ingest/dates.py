"""The header date of a record -> ISO 8601.

Accepted forms (bold markers already removed), each optionally preceded by "c.", "ca." or
"circa" (the approximation then survives only in ``date_text``):

    April 21, 1962 | Apr. 21, 1962 | 21 April 1962 | April 1962 | 1962 | 1962-04-21 | 1962-04

A line made only of month names, numbers and a four-digit year but in none of these forms
("April 21-22, 1962") is still a date line, just not one we can pin down: the caller keeps its
text and leaves the ISO date empty. Impossible dates (February 31) and years later than next
year are errors, because they mean the header is wrong.
"""
from __future__ import annotations

import calendar
import datetime
import re

MONTHS: dict[str, int] = {}
for _n in range(1, 13):
    MONTHS[calendar.month_name[_n].lower()] = _n
    MONTHS[calendar.month_abbr[_n].lower()] = _n
MONTHS["sept"] = 9

_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_APPROX = r"(?:(?:c\.|ca\.|circa)\s*)?"

_FORMS = tuple(re.compile(f"^{_APPROX}{form}$", re.IGNORECASE) for form in (
    rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}",  # April 21, 1962
    rf"{_DAY}\s+{_MONTH},?\s+{_YEAR}",  # 21 April 1962
    rf"{_MONTH},?\s+{_YEAR}",  # April 1962
    rf"{_YEAR}(?:-(?P<imonth>\d{{2}})(?:-(?P<iday>\d{{2}}))?)?",  # 1962, 1962-04, 1962-04-21
))

# Words that may stand in a date line besides month names.
_DATE_WORDS = frozenset(["c", "ca", "circa", "and", "to", "or", "st", "nd", "rd", "th", "early", "late", "mid"])


class DateError(ValueError):
    """A date line that names no possible date."""


def looks_like_date(text: str) -> bool:
    """A short line of month names, numbers and a year: a date line, parseable or not."""
    if len(text) > 40 or not re.search(r"\b\d{4}\b", text):
        return False
    words = re.findall(r"[A-Za-z]+", text)
    return all(w.lower() in MONTHS or w.lower() in _DATE_WORDS for w in words) \
        and not re.search(r"[^\w\s,.\-–/]", text)


def parse_date(text: str, today: datetime.date | None = None) -> str | None:
    """ISO form (YYYY-MM-DD, YYYY-MM or YYYY) of a date line; None for a form not accepted.

    Raises DateError for an impossible day or month and for a year after next year.
    """
    text = text.strip().rstrip(".").strip()
    for form in _FORMS:
        m = form.match(text)
        if not m:
            continue
        parts = m.groupdict()
        year = int(parts["year"])
        month: int | None
        if parts.get("month"):
            month = MONTHS.get(parts["month"].lower())
            if month is None:
                return None  # "Foo 21, 1962": not a month name
        else:
            month = int(parts["imonth"]) if parts.get("imonth") else None
        day_text = parts.get("day") or parts.get("iday")
        day = int(day_text) if day_text else None
        _check(text, year, month, day, today or datetime.date.today())
        if month is None:
            return f"{year:04d}"
        if day is None:
            return f"{year:04d}-{month:02d}"
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def _check(text: str, year: int, month: int | None, day: int | None, today: datetime.date) -> None:
    if year < 1:
        raise DateError(f"impossible date {text!r}: there is no year 0")
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"impossible date {text!r}: there is no month {month}")
    if month is not None and day is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise DateError(f"impossible date {text!r}: {calendar.month_name[month]} {year} has {last} days")
    if year > today.year + 1:
        raise DateError(f"date {text!r} lies in the future")
