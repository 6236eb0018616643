"""Link persons, places and groups to Wikidata: optional, cached, offline-safe.

The only package that talks to Wikidata. Front door: :func:`reconcile` (EntityRefs -> Links, the
review file kept up to date); :func:`run_reconcile_command` for ``archivekg reconcile CORPUS``;
:func:`unify` for one IRI per real entity across records.
"""
from __future__ import annotations

from ..config import REVIEW_NAME
from .command import run_reconcile_command
from .engine import CACHE_NAME, ReconcileResult, reconcile
from .identity import Identity, unify
from .refs import EntityRef

__all__ = ["CACHE_NAME", "REVIEW_NAME", "EntityRef", "Identity", "ReconcileResult", "reconcile",
           "run_reconcile_command", "unify"]
