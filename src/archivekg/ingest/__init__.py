"""Ingest: record files -> Document. Reads files; no interpretation beyond the layout, no network.

    find_records(corpus)        the record files of a corpus folder, sorted
    read_record(path)           bytes -> text -> Document (warnings to the log)
    read_record_with_warnings   the same, returning the warnings to the caller
    parse_wilson(text, path)    the Wilson Center layout, pure
    decode_bytes(data, path)    bytes -> (text, warnings)
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

from ..errors import IngestError
from ..records import Document
from .textfile import decode_bytes
from .wilson import parse_wilson, parse_wilson_with_warnings, source_line

__all__ = [
    "decode_bytes",
    "find_records",
    "is_record_file",
    "parse_wilson",
    "parse_wilson_with_warnings",
    "read_record",
    "read_record_with_warnings",
    "source_line",
]

log = logging.getLogger("archivekg.ingest")

RECORD_SUFFIXES = (".txt", ".md")
# The largest record file read. Long minutes run to a few hundred kilobytes; a bigger file is
# a corpus pasted into one record, or not a record, and extraction time grows faster than size.
MAX_RECORD_BYTES = 2_000_000
# Files that live in a corpus folder but are not records.
NOT_RECORDS = ("archivekg.toml",)


def is_record_file(path: Path) -> bool:
    """A record text file: *.txt or *.md, not hidden, not a README or a curation file."""
    return is_record_name(path.name) and path.is_file()


def is_record_name(name: str) -> bool:
    if name.startswith(".") or name in NOT_RECORDS:
        return False
    if name.lower().endswith(".curation.yaml") or ".curation." in name.lower():
        return False
    stem, dot, suffix = name.rpartition(".")
    if not dot or not stem or stem.lower() in ("readme", "license", "changelog"):
        return False
    return f".{suffix.lower()}" in RECORD_SUFFIXES


def find_records(corpus: Path) -> list[Path]:
    """The record files directly inside a corpus folder, sorted by name; a record file given
    instead of a folder is returned alone. Subfolders are not searched."""
    if corpus.is_file():
        if not is_record_file(corpus):
            raise IngestError("not a record file (expected *.txt or *.md)", path=str(corpus))
        return [corpus]
    if not corpus.is_dir():
        raise IngestError("no such folder", path=str(corpus))
    # One directory read: the entry types come with it, no stat per file.
    with os.scandir(corpus) as entries:
        names = sorted(e.name for e in entries if is_record_name(e.name) and e.is_file())
    found = [corpus / name for name in names]
    for p in found:
        try:
            p.name.encode("utf-8")
        except UnicodeEncodeError:  # bytes that are no UTF-8: the name could not be printed or hashed
            shown = os.fsencode(p.name).decode("utf-8", "replace")
            raise IngestError(f"the file name {shown!r} is not valid UTF-8; rename the file",
                              path=str(corpus)) from None
    if not found:
        raise IngestError("no record files (*.txt or *.md) in this folder", path=str(corpus))
    return found


def read_record_with_warnings(path: Path, default_id: str | None = None) -> tuple[Document, list[str]]:
    """Read, decode and parse one record file; the warnings say what was repaired or left out."""
    try:
        size = path.stat().st_size
        if size > MAX_RECORD_BYTES:
            raise IngestError(f"the file is {size / 1e6:.1f} MB; a record may have at most "
                              f"{MAX_RECORD_BYTES / 1e6:.0f} MB", path=str(path),
                              hint="split it into one file per record")
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"cannot read the file: {exc.strerror or exc}", path=str(path)) from None
    text, warnings = decode_bytes(data, str(path))
    doc, more = parse_wilson_with_warnings(text, str(path), default_id)
    if not doc.text.strip():
        last = max((n for _, n in doc.header_lines), default=1)
        more.append(f"line {last}: no text after the header; only the record's description is published")
    return doc, warnings + more


def read_record(path: Path) -> Document:
    """Read, decode and parse one record file. Warnings are logged to ``archivekg.ingest``."""
    doc, warnings = read_record_with_warnings(path)
    for warning in warnings:
        log.warning("%s: %s", path, warning)
    return doc
