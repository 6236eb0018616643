"""Who wrote the record and to whom: from its title, else from its closing signature.

'Cable from the Xinjiang Foreign Affairs Office, ...' names the sender after 'from'; 'Ciphered
Telegram, Filippov [Stalin] to Mao Zedong' names it after the genre and the comma; 'to X' names the
addressee. The names are matched to the record's entities by their name forms.
"""
from __future__ import annotations

import re

from ..records import Document, Entity
from .resolve import key_of

_FROM = re.compile(r"\bfrom (?:the )?(.+?)(?:\s+to (?:the )?(.+?))?(?:,|\s+on\s|\s+regarding\s|\s+concerning\s|"
                   r"\s+about\s|\s+via\s|\s+'|\s+\"|$)", re.I)
_COMMA = re.compile(r"^[^,]{3,60}, (.+?)\s+to (?:the )?(.+?)(?:,|\s+via\s|\s+on\s|\s+regarding\s|\s+'|$)")
_BY = re.compile(r"\bby (?:the )?(.+?)(?:,|\s+on\s|\s+'|$)", re.I)


def _match(ents: list[Entity], phrase: str | None) -> str | None:
    """The entity whose longest name form appears as words in the phrase."""
    if not phrase:
        return None
    text = f" {key_of(phrase)} "
    best: tuple[int, str] | None = None
    for e in ents:
        if e.kind not in ("person", "group"):
            continue
        for n in (*e.names(), *(m.text for m in e.mentions)):
            k = key_of(n)
            if k and f" {k} " in text and (best is None or len(k) > best[0]):
                best = (len(k), e.key)
    return best[1] if best else None


def author_and_addressees(doc: Document, ents: list[Entity]) -> tuple[str | None, tuple[str, ...]]:
    title = " ".join((doc.title or "").split())
    author = to = None
    for rx in (_FROM, _COMMA):
        m = rx.search(title)
        if m:
            author, to = _match(ents, m.group(1)), _match(ents, m.group(2))
            if author:
                break
    if author is None:
        m = _BY.search(title)
        author = _match(ents, m.group(1)) if m else None
    if author is None:
        author = _signature(doc, ents)
    if to is None:
        to = _salutation(doc, ents)
    return author, ((to,) if to and to != author else ())


_TO_LINE = re.compile(r"^\s*\[?(?:To|TO)\]?(?: \[?the\]?)?\]?:?\s+(.+?)[:,]?\s*$")


def _salutation(doc: Document, ents: list[Entity]) -> str | None:
    """'[To the] Ministry of Foreign Affairs:' among the first lines of the body."""
    for line in doc.body.splitlines()[:12]:
        m = _TO_LINE.match(line)
        if m:
            return _match(ents, m.group(1))
    return None


def _signature(doc: Document, ents: list[Entity]) -> str | None:
    body = doc.body.rstrip()
    tail = [ln.strip() for ln in body.splitlines()[-4:] if ln.strip()]
    for line in reversed(tail):
        if re.search(r"\d{4}\s*$", line) and not re.search(r"[A-Za-z]{4,}.*[A-Za-z]{4,}", line.split(",")[0]):
            continue
        key = _match(ents, line)
        if key and len(key_of(line).split()) <= 8:
            return key
    return None
