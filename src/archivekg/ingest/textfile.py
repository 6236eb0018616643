"""Bytes of a record file -> clean text.

Accepted: UTF-8 (with or without BOM), UTF-16/UTF-32 with BOM, UTF-16 without BOM when the NUL
pattern is unmistakable (with a warning), and legacy 8-bit files (cp1252, else Latin-1) with a
warning. Line endings become LF. Control characters other than LF and TAB are removed with a
warning, because XML-based RDF syntaxes cannot carry them in literals.
"""
from __future__ import annotations

import codecs
import re

from ..errors import IngestError

# Longest BOM first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# C0 (except TAB, LF), DEL, C1, and the two non-characters U+FFFE/U+FFFF.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")

# Above this share (and count) of control characters a file is taken for binary data, not text;
# a few stray form feeds in a record are repaired instead.
_BINARY_SHARE = 0.05
_BINARY_MIN = 8


def _bom(data: bytes) -> tuple[str | None, bytes]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, data[len(bom):]
    return None, data


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text with no BOM: NULs in (nearly) every even or every odd byte of ASCII-heavy text."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    for zeros, encoding in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros.count(0) >= 0.9 * len(zeros):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


# Files often saved under a .txt name by mistake, told apart by their first bytes.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive, perhaps a Word .docx or OpenDocument file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Word or Excel file"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
)

_HINT = "a record is a UTF-8 text file in the Wilson Center layout"


def _binary(path: str, what: str | None = None) -> IngestError:
    hint = f"it looks like {what}; {_HINT}" if what else _HINT
    return IngestError("binary file, not a text record", path=path, hint=hint)


def _signature(data: bytes) -> str | None:
    return next((what for magic, what in _SIGNATURES if data.startswith(magic)), None)


def _byte(b: int) -> str:
    try:
        return bytes([b]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(b)  # the five bytes cp1252 leaves undefined: Latin-1


def _utf8_with_stray_bytes(data: bytes) -> tuple[str, int] | None:
    """A UTF-8 file with a few bytes of another encoding (an edit in a legacy editor): the UTF-8
    stays UTF-8 and only the stray bytes are read as Windows-1252. None when the file holds no
    valid UTF-8 sequence at all, or more stray bytes than valid sequences: then it is a legacy file."""
    text = data.decode("utf-8", errors="surrogateescape")
    stray = sum(1 for c in text if "\udc80" <= c <= "\udcff")
    valid = sum(1 for c in text if c > "\x7f" and not "\udc80" <= c <= "\udcff")
    if valid == 0 or stray > valid:
        return None
    return "".join(_byte(ord(c) - 0xDC00) if "\udc80" <= c <= "\udcff" else c for c in text), stray


def _decode(data: bytes, path: str, warnings: list[str]) -> str:
    encoding, payload = _bom(data)
    if encoding is not None:
        try:
            return payload.decode(encoding)
        except UnicodeDecodeError as exc:
            line = payload[: exc.start].decode(encoding, errors="replace").count("\n") + 1
            raise IngestError(f"invalid {encoding.upper()} at byte {exc.start + len(data) - len(payload)}",
                              path=path, line=line) from None
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is not None:
            warnings.append("no byte order mark; decoded as UTF-16")
            return text
        # Otherwise a few NULs in text are stray control characters (removed with a warning);
        # many make the file binary (decode_bytes counts them).
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        where = f"byte {exc.start}"
        first = exc.start
    mixed = _utf8_with_stray_bytes(data)
    if mixed is not None:
        text, stray = mixed
        line = data.count(b"\n", 0, first) + 1
        warnings.append(f"line {line}: {stray} byte(s) not UTF-8 in a UTF-8 file (first at byte {first}); "
                        "decoded as Windows-1252")
        return text
    try:
        text = data.decode("cp1252")
        warnings.append(f"not UTF-8 (first bad {where}); decoded as Windows-1252")
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; Latin-1 decodes everything.
        text = data.decode("latin-1")
        warnings.append(f"not UTF-8 (first bad {where}); decoded as Latin-1")
    return text


def _remove_controls(text: str, warnings: list[str]) -> str:
    found = _CONTROL.findall(text)
    if not found:
        return text
    first = _CONTROL.search(text)
    assert first is not None
    line = text.count("\n", 0, first.start()) + 1
    kinds = ", ".join(f"U+{ord(c):04X}" for c in sorted(set(found)))
    warnings.append(f"removed {len(found)} control character(s) ({kinds}); the first on line {line}")
    return _CONTROL.sub("", text)


def decode_bytes(data: bytes, path: str) -> tuple[str, list[str]]:
    """The text of a record file and the warnings decoding it raised.

    Raises IngestError for empty or whitespace-only files and for binary data.
    """
    warnings: list[str] = []
    what = _signature(data)
    if what is not None:
        raise _binary(path, what)
    text = _decode(data, path, warnings)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(_CONTROL.findall(text)) > max(_BINARY_MIN, _BINARY_SHARE * len(text)):
        raise _binary(path)
    text = _remove_controls(text, warnings)
    if not text.strip():
        raise IngestError("empty record", path=path, hint="the file holds no text")
    return text, warnings
