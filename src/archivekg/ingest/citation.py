"""What a citation and a credits line say: archive, archival references, translators, funders.

Everything here is pure string work on one paragraph; nothing raises. A part that cannot be read
is left out (an empty tuple or None) rather than guessed.
"""
from __future__ import annotations

import re

from ..records import ArchiveRef

# The digital archive named in a citation: the comma-separated part ending in "Digital Archive".
_ARCHIVE_NAME = re.compile(r"(?:^|,)\s*([^,\"“”]*?\bDigital Archive)\s*(?=,|\.|;|$)")

# The title in quotes that opens a citation: "Title", date, ...
_QUOTED_TITLE = re.compile(r'^\s*["“](.+?)["”]\s*,')

# Words that open the archival signature rather than name the archive ("Fond 5", "Box 3").
_LOCATOR_WORDS = frozenset({
    "fond", "opis", "delo", "folder", "box", "file", "series", "record", "group", "vol", "volume",
    "bd", "sig", "signatur", "karton", "doboz", "carton", "dossier", "sheet", "fol", "folio",
    "page", "pages", "item", "no", "nr",
})

# A trailing page or leaf locator: "1-4", "pp. 1-4", "ll. 1-3" (Russian listy), "k. 12-15" (Polish
# karty), "f. 2-38" (Romanian file), "S. 3" (German Seite). Bare numbers
# of four digits are left alone: after a comma they are more often a year than a page.
_PAGES = re.compile(
    r"^(?:(?P<unit>pp|p|ll|l|ff|f|fols?|kk|k|S)\.?\s*)?"
    r"(?P<pages>\d+[a-z]?\s*[-–]\s*\d+[a-z]?|\d{1,3}[a-z]?)$"
)

# "Translated by X", "Obtained and translated for CWIHP by X", "translated from Russian by X".
# The clause between "translated" and "by" is bounded: an unbounded lazy scan from each of many
# "translated" words is quadratic.
_TRANSLATED_BY = re.compile(r"\btranslated\b(?:\s+(?:for|from|into)\s+[^.;]{0,200}?)?\s+by\s+", re.IGNORECASE)

# "made possible with support from X", "with the support of X", "funded by X".
_SUPPORT = re.compile(
    r"\b(?:support\s+(?:from|of)|made\s+possible\s+by|funded\s+by|supported\s+by|funding\s+from)\s+",
    re.IGNORECASE,
)

# Separators in a list of names: "X, Y, and Z", "X and Y", "X & Y", "X; Y".
_NAME_SPLIT = re.compile(r"\s*(?:,\s*and\s+|,|;|\s+and\s+|\s*&\s*)\s*")
_NAME_SUFFIX = re.compile(r"^(?:Jr|Sr|II|III|IV)\.?$")

# Phrases that begin a new sentence after the archival part, not a reference.
_NOT_A_REF = re.compile(r"^(?:translated|obtained|contributed|published|included|originally|donated|"
                        r"document|reprinted|courtesy)\b", re.IGNORECASE)


def sentence_end(text: str, start: int = 0) -> int:
    """Index just past the sentence that begins at ``start`` (its final period excluded).

    A period ends the sentence when followed by a space and a capital letter (or by the end),
    unless it closes an initial ("Mark H. Doctoroff").
    """
    for m in re.finditer(r"\.(?=\s+[A-Z\"“'‘]|\s*$)", text[start:]):
        at = start + m.start()
        # An initial: the word before the period is one capital letter (looked at locally; taking
        # the last word of text[:at] for every period is quadratic).
        if "A" <= text[at - 1: at] <= "Z" and (at == 1 or text[at - 2].isspace()):
            continue
        return at
    return len(text.rstrip())


def citation_title(citation: str | None) -> str | None:
    """The title the citation quotes, or None."""
    if not citation:
        return None
    m = _QUOTED_TITLE.match(citation)
    return m.group(1).strip() if m else None


def _after_title(citation: str) -> int:
    m = _QUOTED_TITLE.match(citation)
    return m.end() - 1 if m else 0  # keep the comma so the archive name pattern can anchor on it


def archive_name(citation: str | None) -> str | None:
    """The digital archive a citation names ("Wilson Center Digital Archive"), or None."""
    if not citation:
        return None
    m = _ARCHIVE_NAME.search(citation, _after_title(citation))
    return m.group(1).strip() if m else None


def archival_part(citation: str | None) -> str | None:
    """The text after the digital archive's name up to the end of that sentence."""
    if not citation:
        return None
    m = _ARCHIVE_NAME.search(citation, _after_title(citation))
    if not m:
        return None
    rest = citation[m.end():].lstrip(" ,")
    part = rest[: sentence_end(rest)].strip(" ,;.")
    if not part or _NOT_A_REF.match(part):
        return None
    return part


def _split_archive(text: str) -> tuple[str, str]:
    """(archive siglum or name, the rest) of one reference."""
    m = re.match(r"^[^,(]*?\(([A-Z][A-Za-z-]*)\)\s*,?\s*(.*)$", text)
    if m:  # "Archive of the President of the Russian Federation (APRF), f. 3"
        return m.group(1), m.group(2)
    taken: list[str] = []
    rest = text
    for tok in re.finditer(r"\S+", text):
        word = tok.group(0)
        bare = word.rstrip(",")
        is_abbreviation = bare.endswith(".") and len(bare) <= 5
        if (any(c.isdigit() for c in bare) or bare.startswith("(") or is_abbreviation
                or bare.lower().strip(".") in _LOCATOR_WORDS):
            rest = text[tok.start():]
            break
        if not bare[:1].isupper():
            if taken:  # a long name such as "National Archives and Records Administration, RG 59"
                name, _, after = text.partition(",")
                return name.strip(), after.strip()
            return "", text
        taken.append(bare)
        rest = text[tok.end():]
        if word.endswith(","):
            break
    else:
        rest = ""
    rest = rest.strip(" ,")
    paren = re.match(r"^\([^)]*\)\s*,?\s*", rest)
    if paren:  # "ANIC (Romanian National Archives), CC RCP" keeps "ANIC"
        rest = rest[paren.end():]
    return " ".join(taken), rest


def _split_pages(rest: str) -> tuple[str, str | None]:
    """(the rest without its trailing page locator, the pages) of one reference."""
    head, sep, last = rest.rpartition(",")
    if not sep:
        return rest, None
    m = _PAGES.match(last.strip())
    if not m:
        return rest, None
    # In Russian signatures "p." is a folder (papka) and "f." a fond, not pages: f. 5, op. 30, p. 362.
    if m.group("unit") in ("p", "f") and re.search(r"\bop\.", head):
        return rest, None
    return head.rstrip(" ,"), re.sub(r"\s*([-–])\s*", r"\1", m.group("pages"))


def parse_ref(text: str) -> ArchiveRef | None:
    """One archival reference: 'PRC FMA 118-01100-06, 1-4' -> archive, file, pages."""
    text = text.strip(" .;,")
    if not text:
        return None
    archive, rest = _split_archive(text)
    file, pages = _split_pages(rest)
    # The signature is the reference as written, minus its page locator.
    signature = text[: text.rfind(",")].rstrip(" ,") if pages is not None else text
    return ArchiveRef(text=text, archive=archive, signature=signature, file=file.strip(" ,"), pages=pages)


def archive_refs(citation: str | None) -> tuple[ArchiveRef, ...]:
    """The archival references of a citation, several when separated by ';'."""
    part = archival_part(citation)
    if not part:
        return ()
    refs = (parse_ref(piece) for piece in part.split(";"))
    return tuple(r for r in refs if r is not None)


def split_names(text: str) -> tuple[str, ...]:
    """'X, Y and Z' -> ('X', 'Y', 'Z'); suffixes such as 'Jr.' stay with their name."""
    names: list[str] = []
    text = " ".join(text.split())  # one space between words: the separators' \s* are quadratic on long runs
    for part in _NAME_SPLIT.split(text):
        part = part.strip(" .")
        if not part:
            continue
        if _NAME_SUFFIX.match(part) and names:
            names[-1] = f"{names[-1]}, {part}"
            continue
        if part.lower().startswith("the "):
            part = part[4:]
        names.append(part)
    return tuple(names)


def translators(citation: str | None) -> tuple[str, ...]:
    """Names after 'translated ... by' in a citation."""
    if not citation:
        return ()
    m = _TRANSLATED_BY.search(citation)
    if not m:
        return ()
    clause = citation[m.end():]
    clause = clause[: sentence_end(clause)]
    clause = re.split(r"\s+(?:for|from|with)\s+", clause)[0]  # "X for CWIHP" -> "X"
    return split_names(clause)


def funders(credits: str | None) -> tuple[str, ...]:
    """Who the credits say made the record possible."""
    if not credits:
        return ()
    m = _SUPPORT.search(credits)
    if not m:
        return ()
    clause = credits[m.end():]
    return split_names(clause[: sentence_end(clause)])
