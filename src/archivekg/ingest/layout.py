"""The lines of a record sorted into what they are: labels, markers, blank lines and text blocks.

Pure helpers for ``wilson.py``. Line indexes are 0-based here; the Document reports 1-based lines.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Header labels we read, by the names records use (any case, bold or not, value inline or below).
KNOWN_LABELS: dict[str, str] = {
    "citation": "citation",
    "summary": "summary",
    "credits": "credits",
    "credit": "credits",
    "original language": "original_language",
    "original languages": "original_language",
    "contents": "contents",
    "content": "contents",
}

_BOLD = r"(?:\*\*|__)"
# Matched against the line without its leading spaces, and the value taken whole and stripped in
# code: a lazy value before "\s*$", or "\s*" on both sides of an optional "**", backtracks over a
# long run of spaces in quadratic time.
_KNOWN = re.compile(
    rf"^{_BOLD}?\s*(?P<name>{'|'.join(sorted(KNOWN_LABELS, key=len, reverse=True))})\s*{_BOLD}?\s*:"
    rf"(?P<value>.*)$",
    re.IGNORECASE,
)
# Other bold labels ("**Author(s):**") delimit the header fields but are not read.
_OTHER = re.compile(rf"^\s*{_BOLD}\s*(?P<name>[A-Z][\w ()/'-]{{0,40}}?)\s*:\s*{_BOLD}\s*$")
_MARKER = re.compile(rf"^(?:{_BOLD}\s*)?\[\s*(?:\.\.\.|…)\s*\](?:\s*{_BOLD})?$")  # on the stripped line
NOTE = re.compile(r"^\s*\[(?P<marker>\d{1,3}|\*{1,3}|[a-z])\]\s*")
URL_LINE = re.compile(r"^\s*(?:<(?P<a>https?://[^\s>]+)>|(?P<b>https?://\S+)|\[[^\]]*\]\((?P<c>https?://[^)\s]+)\))\s*$")
_TRAILING_URL = re.compile(r"<(?P<url>https?://[^\s>]+)>")

# Lines of the archive's masthead that precede the record header.
_MASTHEAD = frozenset({
    "wilson center", "digital archive", "international history declassified",
    "wilson center digital archive", "history and public policy program digital archive",
})


@dataclass(frozen=True)
class Item:
    """A header label, a body marker, or a block of consecutive text lines [start, end)."""

    kind: str  # label | marker | block
    start: int
    end: int
    name: str | None = None  # label: the field it sets ("citation"), None for labels we do not read
    inline: str = ""  # label: the value written on the label line itself


def is_blank(line: str) -> bool:
    return not line.strip()


def is_marker(line: str) -> bool:
    return bool(_MARKER.match(line.strip()))


def classify(line: str) -> tuple[str, str | None, str]:
    """(kind, field name, inline value) of one line."""
    if is_blank(line):
        return "blank", None, ""
    line = line.strip()
    if _MARKER.match(line):
        return "marker", None, ""
    m = _KNOWN.match(line)
    if m:
        value = m.group("value").strip()
        if value.startswith(("**", "__")):  # "Citation: **value"
            value = value[2:].lstrip()
        return "label", KNOWN_LABELS[re.sub(r"\s+", " ", m.group("name").lower())], value
    if _OTHER.match(line):
        return "label", None, ""
    return "text", None, ""


def items(lines: list[str]) -> list[Item]:
    """Labels, markers and text blocks in file order (blank lines dropped)."""
    out: list[Item] = []
    start: int | None = None
    for i, line in enumerate(lines):
        kind, name, inline = classify(line)
        if kind == "text":
            if start is None:
                start = i
            continue
        if start is not None:
            out.append(Item("block", start, i))
            start = None
        if kind in ("label", "marker"):
            out.append(Item(kind, i, i + 1, name, inline))
    if start is not None:
        out.append(Item("block", start, len(lines)))
    return out


def unbold(line: str) -> str:
    """A header line without bold markers, heading marks and surrounding spaces."""
    line = re.sub(r"^\s*#{1,6}\s+", "", line)
    return re.sub(_BOLD, "", line).strip()


def join_lines(lines: list[str]) -> str:
    """Wrapped lines of one paragraph joined with one space."""
    parts = []
    for line in lines:
        s = line.strip()
        if len(s) > 4 and s.startswith("**") and s.endswith("**"):
            s = s[2:-2].strip()
        if s:
            parts.append(s)
    return " ".join(parts)


def is_masthead(lines: list[str]) -> bool:
    """The archive's name and slogan, or a link to its home page."""
    text = re.sub(r"\s+", " ", " ".join(unbold(x) for x in lines)).strip().lower()
    for phrase in sorted(_MASTHEAD, key=len, reverse=True):
        text = text.replace(phrase, " ")
    if lines and not re.sub(r"[\W_]+", "", text):
        return True
    if len(lines) == 1:
        m = URL_LINE.match(lines[0])
        return bool(m) and not record_url(lines[0])
    return False


def record_url(line: str) -> str | None:
    """The URL of a URL-only line, unless it is a bare site address (no path)."""
    m = URL_LINE.match(line)
    if not m:
        return None
    url = m.group("a") or m.group("b") or m.group("c")
    return url if re.match(r"https?://[^/]+/.+", url) else None


def split_trailing_url(line: str) -> tuple[str, str | None]:
    """'... Kraus. <https://...>' -> ('... Kraus.', 'https://...')."""
    # Found from the end without a regex search: "\s+<" searched over a long run of spaces is quadratic.
    end = line.rstrip()
    start = end.rfind("<")
    if not end.endswith(">") or start < 1 or not line[start - 1].isspace():
        return line, None
    m = _TRAILING_URL.fullmatch(end[start:])
    if not m:
        return line, None
    return line[:start].rstrip(), m.group("url")


def trim_blank(lines: list[str], start: int, end: int) -> tuple[int, int]:
    """[start, end) without blank lines at either end."""
    while start < end and is_blank(lines[start]):
        start += 1
    while end > start and is_blank(lines[end - 1]):
        end -= 1
    return start, end
