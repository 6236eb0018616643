"""``archivekg reconcile CORPUS``: link the corpus's entities and refresh its review file."""
from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..config import REVIEW_NAME
from .engine import reconcile
from .refs import EntityRef
from .review import load_review


def refs_from_review(corpus: Path) -> list[EntityRef]:
    """The entities the review file lists (used when no pipeline is there to extract them)."""
    review = load_review(corpus / REVIEW_NAME)
    return [EntityRef(e.iri, e.kind, e.label, names=e.names, record_ids=e.records) for e in review.entries]


def _refs(corpus: Path, config: Any) -> list[EntityRef]:
    try:
        pipeline = importlib.import_module("archivekg.pipeline")
    except ImportError:
        pipeline = None
    provider = getattr(pipeline, "entity_refs", None)
    if callable(provider):
        return list(provider(corpus, config))
    return refs_from_review(corpus)


def run_reconcile_command(corpus: Path, config: Any, *, refs: Sequence[EntityRef] | None = None,
                          echo: Callable[[str], None] = print) -> int:
    """Reconcile the corpus in the configured mode; print a summary and the warnings. Returns 0.

    Wikidata faults are warnings, never failures; a malformed review file raises CurationError
    (with its line) for the CLI to report.
    """
    folder = corpus if corpus.is_dir() else corpus.parent
    if config.reconcile == "off":
        echo("reconcile: off (set reconcile = \"cache\" or \"online\")")
        return 0
    entities = list(refs) if refs is not None else _refs(folder, config)
    result = reconcile(entities, mode=config.reconcile, api_url=config.wikidata_api, contact=config.contact,
                       corpus=folder, threshold=config.match_threshold, margin=config.match_margin,
                       max_in_flight=config.max_in_flight, timeout=config.timeout)
    auto = sum(1 for link in result.links if link.method == "auto")
    curated = len(result.links) - auto
    echo(f"reconcile ({config.reconcile}): {len(entities)} entities, {len(result.links)} linked "
         f"({curated} by curators, {auto} automatically); review file {result.review_path}")
    for warning in result.warnings:
        echo(f"warning: {warning}")
    return 0
