"""The entity IRIs a build keeps for the next one (``.build/identity.json`` and ``iris.jsonl``).

Every record's IRIs are one line of ``iris.jsonl``, in record id order, and ``identity.json``
holds the rest of the identity record with the digest of that file. A rebuild that changed a few
records needs only their lines: ``SavedIris`` finds each record's line without parsing the
others, which at 10,000 records is most of the half second a whole parse takes.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

IDENTITY = "identity.json"
IRIS = "iris.jsonl"


class SavedIris(Mapping[str, list[list[str]]]):
    """record id -> its sorted [key, IRI, label] rows, read from the lines of ``iris.jsonl``."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._spans: dict[str, tuple[int, int]] = {}
        decoder = json.JSONDecoder()
        at = 0
        while at < len(text):
            end = text.index("\n", at)
            if not text.startswith('["', at):
                raise ValueError("not a line of iris.jsonl")
            record_id, _ = decoder.raw_decode(text, at + 1)  # the record id only: the rest waits
            self._spans[str(record_id)] = (at, end)
            at = end + 1

    def __getitem__(self, record_id: str) -> list[list[str]]:
        start, end = self._spans[record_id]
        rid, rows = json.loads(self.text[start:end])
        if rid != record_id or not isinstance(rows, list):
            raise ValueError(f"damaged line for record {record_id}")
        return rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._spans)

    def __len__(self) -> int:
        return len(self._spans)

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._spans


def iris_text(iris: Mapping[str, list[list[str]]]) -> str:
    if isinstance(iris, SavedIris):
        return iris.text
    return "".join(json.dumps([rid, iris[rid]], ensure_ascii=False) + "\n" for rid in sorted(iris))


def write_identity(folder: Path, identity: dict[str, Any]) -> None:
    text = iris_text(identity["iris"])
    head = dict(identity, iris=hashlib.sha256(text.encode("utf-8")).hexdigest())
    (folder / IRIS).write_text(text, encoding="utf-8")
    (folder / IDENTITY).write_text(json.dumps(head, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def read_identity(folder: Path) -> dict[str, Any] | None:
    """The saved identity record with its IRIs as ``SavedIris``; None when missing or damaged
    (the IRIs file not the one the record names)."""
    try:
        saved = json.loads((folder / IDENTITY).read_text(encoding="utf-8"))
        text = (folder / IRIS).read_text(encoding="utf-8")
        if not isinstance(saved, dict) or hashlib.sha256(text.encode("utf-8")).hexdigest() != saved.get("iris"):
            return None
        saved["iris"] = SavedIris(text)
    except (OSError, ValueError):
        return None
    return saved
