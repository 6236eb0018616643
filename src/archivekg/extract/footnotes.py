"""Footnotes that give a name in the original language: 'In Chinese, the "Suqiao xiehui."'.

The name becomes a variant of the entity named just before the footnote marker (skipping a
bracketed insertion and punctuation), and the footnote words are a mention of it.
"""
from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import replace

from ..records import Document, Entity, Mention, Span
from .text import View

_ORIGINAL = re.compile(r"^(?:In|The) (?:the )?(?:original )?(?:[A-Z][a-z]+)(?: original)?(?: text)?,? "
                       r"(?:the |it reads |it is )?[\"“]([^\"”]{2,60}?)[.,]?[\"”]\.?$")
_BETWEEN = re.compile(r"^(?:\s|\[[^\]]{0,40}\]|[.,;:)\"”’])*$")


def footnote_variants(doc: Document, view: View, ents: list[Entity]) -> list[Entity]:
    out = list(ents)
    # the entities (by index, in order) that have a mention ending at each offset: a marker looks back
    # at most 40 characters, whatever the number of mentions in the record
    ending: dict[int, list[int]] = defaultdict(list)
    for i, e in enumerate(out):
        for men in e.mentions:
            ending[men.span.end].append(i)
    for note in doc.footnotes:
        m = _ORIGINAL.match(note.text.strip())
        if not m:
            continue
        name = m.group(1).strip()
        for ref in note.refs:
            # the first entity with the mention that ends last before the marker, with only blanks,
            # brackets and punctuation between
            best = next(((ending[end][0], end) for end in range(ref.start, ref.start - 41, -1)
                         if ending.get(end) and _BETWEEN.match(doc.text[end:ref.start])), None)
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
            bisect.insort(ending[men.span.end], best[0])
    return out
