"""The Wilson Center Digital Archive record layout -> Document.

A record reads, top to bottom: the archive's masthead, a date line, the title (bold, wrapped),
header fields ("Citation:", "Summary:", "Credits:", "Original Language:", "Contents:") each
followed by its paragraph(s), a ``[...]`` line opening the translation, the translation, a closing
``[...]`` line and footnotes ``[1] ...``. Every part may be missing; only a title is required.

How the header ends and the text begins:
- With a ``[...]`` line right after the last header field's value (short list lines such as
  "Original Scan" / "Translation - English" may stand between), the text starts after it.
- Otherwise the last field's value is its first paragraph and the text starts after it; with no
  header fields at all the text starts after the title (a ``[...]`` right there is skipped).
- The last ``[...]`` line of the text closes it when nothing but footnotes follows; any other
  ``[...]`` line is an omission mark of the translation and stays in the text.
- Without a closing line, trailing paragraphs ``[n] ...`` whose markers the text cites are the
  footnotes.

``Document.text`` is the translation as written (blank lines at its ends removed), then, when
there are footnotes, a blank line and the footnote section, so offsets are stable and a quote is
``text[start:end]``.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import PurePath
from urllib.parse import quote, urlsplit

from ..errors import IngestError
from ..records import Document, Footnote, Span
from ..vocab import safe_key
from . import citation as cit
from .dates import DateError, looks_like_date, parse_date
from .languages import language_code
from .layout import (
    NOTE,
    Item,
    is_blank,
    is_marker,
    is_masthead,
    items,
    join_lines,
    record_url,
    split_trailing_url,
    trim_blank,
    unbold,
)

log = logging.getLogger("archivekg.ingest")

MAX_BLOCKS_BEFORE_LABELS = 3  # subtitle, author line ... between the title and the first label
MAX_VALUE_BLOCKS = 5  # paragraphs one header field may hold when another label follows
SHORT_TAIL = 120  # characters: list lines of the last field standing before the [...] line
# A longer line is no paragraph of a translation but a file without line breaks (or not text);
# it is refused, because reading it would take the extraction stage minutes.
MAX_LINE = 100_000

# A web page saved instead of the record's text: an HTML/XML start on the first non-blank line.
_HTML = re.compile(r"^\s*<(?:!doctype\s+html|html|head|body|\?xml|meta|div|p)[\s>/]", re.IGNORECASE)
# Characters an IRI may not hold (RFC 3987), percent-encoded when a record URL has them.
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f-\x9f]')


@dataclass
class Header:
    date_line: int | None = None
    title: tuple[int, int] | None = None
    # field -> (0-based line of its first value line, paragraphs as lists of lines)
    fields: dict[str, tuple[int, list[list[str]]]] = field(default_factory=dict)
    body_start: int = 0
    expected_title_line: int = 0
    urls: list[tuple[int, str]] = field(default_factory=list)  # URL-only lines before the fields


def _scan_title(lines: list[str], its: list[Item], head: Header) -> int:
    """Masthead, date and title blocks; returns the index of the first item after them."""
    pos = 0
    while pos < len(its) and its[pos].kind == "block":
        it = its[pos]
        block = lines[it.start:it.end]
        if head.title is None and is_masthead(block):
            pos += 1
            continue
        if head.title is None and len(block) == 1 and record_url(block[0]):
            head.urls.append((it.start, record_url(block[0]) or ""))
            pos += 1
            continue
        if head.date_line is None and looks_like_date(unbold(block[0])):
            head.date_line = it.start
            if len(block) > 1 and head.title is None:  # date and title with no blank line between
                head.title = (it.start + 1, it.end)
            pos += 1
            continue
        if head.title is None:
            head.title = (it.start, it.end)
            pos += 1
            continue
        break
    head.expected_title_line = its[pos].start if pos < len(its) else 0
    return pos


def _value(lines: list[str], label: Item, stretch: list[Item]) -> tuple[int, list[list[str]], int]:
    """(first value line, the label's first paragraph, how many stretch blocks it used)."""
    if label.inline:
        para = [label.inline]
        if stretch and stretch[0].start == label.end:  # value continues on the next line
            return label.start, [para + lines[stretch[0].start:stretch[0].end]], 1
        return label.start, [para], 0
    if not stretch:
        return label.start, [], 0
    return stretch[0].start, [lines[stretch[0].start:stretch[0].end]], 1


def _short(lines: list[str], blocks: list[Item]) -> bool:
    return len(blocks) <= 3 and all(
        len(" ".join(lines[b.start:b.end]).strip()) <= SHORT_TAIL for b in blocks)


def _scan_fields(lines: list[str], its: list[Item], pos: int, head: Header, warnings: list[str]) -> None:
    """Header labels and their values; sets where the text begins."""
    first = pos
    while first < len(its) and its[first].kind == "block" and first - pos < MAX_BLOCKS_BEFORE_LABELS:
        first += 1
    if first >= len(its) or its[first].kind != "label":
        # No header fields: the text follows the title, after a [...] line if there is one.
        if pos < len(its):
            head.body_start = its[pos].end if its[pos].kind == "marker" else its[pos].start
        else:
            head.body_start = len(lines)
        return
    k = first
    while True:
        label = its[k]
        m = k + 1
        while m < len(its) and its[m].kind == "block":
            m += 1
        stretch, nxt = its[k + 1:m], (its[m] if m < len(its) else None)
        line, paras, used = _value(lines, label, stretch)
        if nxt is not None and nxt.kind == "label" and len(stretch) <= MAX_VALUE_BLOCKS:
            paras += [lines[b.start:b.end] for b in stretch[used:]]
            _record(head, label, line, paras, warnings)
            k = m
            continue
        if nxt is not None and nxt.kind == "marker" and _short(lines, stretch[used:]):
            paras += [lines[b.start:b.end] for b in stretch[used:]]
            _record(head, label, line, paras, warnings)
            head.body_start = nxt.end
            return
        _record(head, label, line, paras, warnings)
        rest = stretch[used:]
        head.body_start = rest[0].start if rest else (nxt.start if nxt else len(lines))
        return


def _record(head: Header, label: Item, line: int, paras: list[list[str]], warnings: list[str]) -> None:
    if label.name is None:
        return
    if label.name in head.fields:
        warnings.append(f"line {label.start + 1}: second {label.name!r} field ignored")
        return
    head.fields[label.name] = (line, [p for p in paras if any(x.strip() for x in p)])


def _text_field(head: Header, name: str) -> str | None:
    if name not in head.fields:
        return None
    text = "\n\n".join(join_lines(p) for p in head.fields[name][1])
    return text or None


def _citation(head: Header) -> tuple[str | None, str | None, int | None]:
    """(citation without its URL line, the record URL, the URL's 0-based line)."""
    if "citation" not in head.fields:
        return None, None, None
    first, paras = head.fields["citation"]
    kept: list[str] = []
    url: str | None = None
    url_line: int | None = None
    n = first
    for para in paras:
        for line in para:
            found = record_url(line)
            if found is None:
                line, found = split_trailing_url(line)
            if found and url is None:
                url, url_line = found, n
            if record_url(line) is None and line.strip():
                kept.append(line)
            n += 1
    return join_lines(kept) or None, url, url_line


def _body_and_notes(lines: list[str], start: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """Line ranges [start, end) of the translation and of the footnote section."""
    end = len(lines)
    markers = [i for i in range(start, end) if is_marker(lines[i])]
    if markers:
        close = markers[-1]
        after = next((x for x in lines[close + 1:] if not is_blank(x)), None)
        if after is None or NOTE.match(after):
            return trim_blank(lines, start, close), trim_blank(lines, close + 1, end)
    body = trim_blank(lines, start, end)
    # No closing line: trailing "[n] ..." paragraphs whose markers the text cites are footnotes.
    i = body[1]
    cut = body[1]
    while i > body[0]:
        j = i
        while j > body[0] and not is_blank(lines[j - 1]):
            j -= 1
        m = NOTE.match(lines[j])
        if not m or j == body[0]:
            break
        text_before = "\n".join(lines[body[0]:j])
        if f"[{m.group('marker')}]" not in text_before:
            break
        cut = j
        i = j
        while i > body[0] and is_blank(lines[i - 1]):
            i -= 1
    if cut < body[1]:
        return trim_blank(lines, body[0], cut), (cut, body[1])
    return body, (end, end)


def _paragraphs(body: str) -> tuple[Span, ...]:
    spans: list[Span] = []
    offset, start, end = 0, -1, 0
    for line in body.split("\n"):
        if line.strip():
            if start < 0:
                start = offset + len(line) - len(line.lstrip())
            end = offset + len(line.rstrip())
        elif start >= 0:
            spans.append(Span(start, end))
            start = -1
        offset += len(line) + 1
    if start >= 0:
        spans.append(Span(start, end))
    return tuple(spans)


def _footnotes(text: str, body_end: int) -> tuple[Footnote, ...]:
    if body_end >= len(text):
        return ()
    base = body_end + 2
    found: list[tuple[str, int, int]] = []
    offset = base
    for line in text[base:].split("\n"):
        m = NOTE.match(line)
        if m:
            start = offset + m.end()  # a marker followed by spaces only: an empty note, not a span end < start
            found.append((m.group("marker"), start, max(start, offset + len(line.rstrip()))))
        elif line.strip() and found:
            marker, start, _ = found[-1]
            found[-1] = (marker, start, offset + len(line.rstrip()))
        offset += len(line) + 1
    notes: list[Footnote] = []
    body = text[:body_end]
    for marker, start, end in found:
        while start < end and text[start].isspace():
            start += 1
        refs = tuple(Span(i, i + len(marker) + 2) for i in _find_all(body, f"[{marker}]"))
        notes.append(Footnote(marker=marker, text=text[start:end], span=Span(start, end), refs=refs))
    return tuple(notes)


def _find_all(text: str, needle: str) -> list[int]:
    out, i = [], text.find(needle)
    while i >= 0:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


def _record_id(url: str | None, path: str, default_id: str | None, url_line: int | None,
               warnings: list[str]) -> str:
    if url:
        try:
            segment = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]
        except ValueError:  # e.g. "https://[host/...": take the last segment before any query
            segment = re.split(r"[?#]", url)[0].rstrip("/").rsplit("/", 1)[-1]
        if segment:
            key = safe_key(segment)
            if key != segment:
                warnings.append(f"line {(url_line or 0) + 1}: the record URL ends in {segment!r}, which is not safe "
                                f"in a file name or an IRI; the record id is {key!r}")
            return key
    return safe_key(default_id or PurePath(path).stem or "record")


def _clean_url(url: str | None, line: int | None, warnings: list[str]) -> str | None:
    """The record URL with the characters an IRI cannot hold percent-encoded."""
    if url is None or not _NOT_IN_IRI.search(url):
        return url
    clean = _NOT_IN_IRI.sub(lambda m: quote(m.group(0), safe=""), url)
    warnings.append(f"line {(line or 0) + 1}: the record URL holds characters an IRI may not; "
                    f"published as {clean}")
    return clean


def _check_text(text: str, lines: list[str], path: str) -> None:
    """Refuse what is no record text at all: a saved web page, or lines no translation has."""
    first = next((n for n, line in enumerate(lines) if line.strip()), None)
    if first is not None and _HTML.match(lines[first]):
        raise IngestError("an HTML page, not a text record", path=path, line=first + 1,
                          hint="save the record's text, not the web page, as a UTF-8 text file")
    if len(text) > MAX_LINE:
        for n, line in enumerate(lines):
            if len(line) > MAX_LINE:
                raise IngestError(f"the line is {len(line):,} characters long; a record line may have at most "
                                  f"{MAX_LINE:,}", path=path, line=n + 1,
                                  hint="is it a text file with line breaks?")


def _date(lines: list[str], head: Header, path: str, warnings: list[str]) -> tuple[str | None, str | None]:
    if head.date_line is None:
        return None, None
    text = unbold(lines[head.date_line])
    try:
        iso = parse_date(text)
    except DateError as exc:
        raise IngestError(str(exc), path=path, line=head.date_line + 1, field="date",
                          hint="write e.g. 'April 21, 1962', '21 April 1962', 'April 1962' or '1962'") from None
    if iso is None:
        warnings.append(f"line {head.date_line + 1}: date {text!r} is in no form we read; ISO date left empty")
    return iso, text


def parse_wilson_with_warnings(text: str, path: str,
                               default_id: str | None = None) -> tuple[Document, list[str]]:
    """Like ``parse_wilson``, also returning what was odd but readable."""
    warnings: list[str] = []
    lines = text.split("\n")
    _check_text(text, lines, path)
    its = items(lines)
    head = Header()
    _scan_fields(lines, its, _scan_title(lines, its, head), head, warnings)
    date, date_text = _date(lines, head, path, warnings)
    citation, url, url_line = _citation(head)
    if url is None and head.urls:
        url_line, url = head.urls[0]
    url = _clean_url(url, url_line, warnings)
    if head.title is not None:
        title = " ".join(join_lines([unbold(x) for x in lines[head.title[0]:head.title[1]]]).split())
    else:
        title = cit.citation_title(citation) or ""
        if title:
            warnings.append("no title line; the title is taken from the citation")
    if not title:
        raise IngestError("no title", path=path, line=head.expected_title_line + 1, field="title",
                          hint="a record opens with its date and title before the 'Citation:' field")
    (b0, b1), (n0, n1) = _body_and_notes(lines, head.body_start)
    body = "\n".join(lines[b0:b1])
    notes = "\n".join(lines[n0:n1])
    full = body + "\n\n" + notes if notes and body else body or notes
    body_end = len(body) if body else len(full)
    original_language = _text_field(head, "original_language")
    code = language_code(original_language)
    if original_language and code is None:
        warnings.append(f"language {original_language!r} has no ISO 639-1 code in our table")
    credits = _text_field(head, "credits")
    places: list[tuple[str, int | None]] = [
        ("date", head.date_line), ("title", head.title[0] if head.title else None),
        ("citation", head.fields["citation"][0] if "citation" in head.fields else None),
        ("url", url_line),
        *((name, head.fields[name][0] if name in head.fields else None)
          for name in ("summary", "credits", "original_language", "contents")),
        ("body", b0 if b1 > b0 else None), ("footnotes", n0 if n1 > n0 and body else None),
    ]
    doc = Document(
        path=path,
        record_id=_record_id(url, path, default_id, url_line, warnings),
        title=title,
        text=full,
        date=date,
        date_text=date_text,
        citation=citation,
        url=url,
        archive_refs=cit.archive_refs(citation),
        translators=cit.translators(citation),
        summary=_text_field(head, "summary"),
        credits=credits,
        funders=cit.funders(credits),
        original_language=original_language,
        language_code=code,
        contents=_text_field(head, "contents"),
        paragraphs=_paragraphs(full[:body_end]),
        body_end=body_end,
        footnotes=_footnotes(full, body_end),
        header_lines=tuple((name, line + 1) for name, line in places if line is not None),
        archive_name=cit.archive_name(citation),
    )
    return doc, warnings


def parse_wilson(text: str, path: str, default_id: str | None = None) -> Document:
    """Parse one record's text (already decoded, LF line endings). Warnings go to the log."""
    doc, warnings = parse_wilson_with_warnings(text, path, default_id)
    for warning in warnings:
        log.warning("%s: %s", path, warning)
    return doc


def source_line(doc: Document, offset: int) -> int | None:
    """The 1-based line of the record file on which ``doc.text[offset]`` stands."""
    if not 0 <= offset <= len(doc.text):
        return None
    if offset < doc.body_end or doc.body_end >= len(doc.text):
        first = doc.line_of("body")
        return None if first is None else first + doc.text.count("\n", 0, offset)
    first = doc.line_of("footnotes")
    if first is None:
        return None
    return first + doc.text.count("\n", doc.body_end + 2, max(offset, doc.body_end + 2))
