"""Candidate generation: every name form through wbsearchentities, full-text search as fallback."""
from __future__ import annotations

from dataclasses import dataclass

from .client import WikidataClient, WikidataError
from .names import fold, script, search_forms, squash
from .refs import EntityRef

SEARCH_LIMIT = 20
FULLTEXT_LIMIT = 10
MAX_CANDIDATES = 30
# Full-text filters per kind, so that a person's name does not bring back the ships and streets
# named after them (CirrusSearch keyword, see the background notes).
FULLTEXT_FILTER = {"person": " haswbstatement:P31=Q5"}


@dataclass(frozen=True)
class Found:
    """Candidate QIDs for one entity, in the order the searches ranked them."""

    qids: tuple[str, ...]
    forms: tuple[str, ...]  # the forms searched
    exact: bool  # some hit matched a form exactly (label or alias)
    errors: tuple[WikidataError, ...] = ()
    fulltext: bool = False  # the full-text fallback ran


def _exact(hit: dict[str, object], forms: tuple[str, ...]) -> bool:
    keys = {fold(f) for f in forms} | {squash(f) for f in forms}
    texts = [hit.get("label")]
    match = hit.get("match")
    if isinstance(match, dict):
        texts.append(match.get("text"))
    aliases = hit.get("aliases")
    if isinstance(aliases, list):
        texts.extend(aliases)
    return any(isinstance(t, str) and (fold(t) in keys or squash(t) in keys) for t in texts)


def find(client: WikidataClient, ref: EntityRef, *, fulltext: bool = True) -> Found:
    """Search every name form; fall back to full-text search when no hit matched exactly.

    A form whose request fails is skipped with its error kept, so one bad answer does not lose
    the candidates the other forms brought.
    """
    forms = search_forms(ref.all_names())
    qids: list[str] = []
    errors: list[WikidataError] = []
    exact = False
    for form in forms:
        try:
            hits = client.search(form, language=script(form), limit=SEARCH_LIMIT)
        except WikidataError as exc:
            errors.append(exc)
            continue
        for hit in hits:
            qid = str(hit["id"])
            if qid not in qids:
                qids.append(qid)
            exact = exact or _exact(hit, forms)
    ran_fulltext = False
    if fulltext and not exact and not errors:
        ran_fulltext = True
        for form in forms[:2]:
            try:
                found = client.fulltext(form + FULLTEXT_FILTER.get(ref.kind, ""), limit=FULLTEXT_LIMIT)
            except WikidataError as exc:
                errors.append(exc)
                continue
            qids.extend(q for q in found if q not in qids)
    return Found(tuple(qids[:MAX_CANDIDATES]), forms, exact, tuple(errors), ran_fulltext)
