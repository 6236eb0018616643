"""Footnotes that give a name in the original language: 'In Chinese, the "Suqiao xiehui."'.

The name becomes a variant of the entity named just before the footnote marker (skipping a
bracketed insertion and punctuation), and the footnote words are a mention of it.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..records import Document, Entity, Mention, Span
from .text import View

_ORIGINAL = re.compile(r"^(?:In|The) (?:the )?(?:original )?(?:[A-Z][a-z]+)(?: original)?(?: text)?,? "
                       r"(?:the |it reads |it is )?[\"“]([^\"”]{2,60}?)[.,]?[\"”]\.?$")
_BETWEEN = re.compile(r"^(?:\s|\[[^\]]{0,40}\]|[.,;:)\"”’])*$")


def footnote_variants(doc: Document, view: View, ents: list[Entity]) -> list[Entity]:
    out = list(ents)
    for note in doc.footnotes:
        m = _ORIGINAL.match(note.text.strip())
        if not m:
            continue
        name = m.group(1).strip()
        for ref in note.refs:
            best = None
            for i, e in enumerate(out):
                for men in e.mentions:
                    # the distance first: slicing the text up to a far marker costs as much as the text
                    if not 0 <= ref.start - men.span.end <= 40:
                        continue
                    if _BETWEEN.match(doc.text[men.span.end:ref.start]) and (best is None or men.span.end > best[1]):
                        best = (i, men.span.end)
            if best is None:
                continue
            e = out[best[0]]
            if e.kind != "group" and e.kind != "place" and e.kind != "person":
                continue
            start = note.span.start + note.text.find(name)
            if start < note.span.start or doc.text[start:start + len(name)] != name:
                continue
            men = Mention(name, Span(start, start + len(name)))
            variants = e.variants if name in e.variants else (*e.variants, name)
            out[best[0]] = replace(e, variants=variants, mentions=(*e.mentions, men))
    return out
