"""The validation report: typed violations mapped back to records and source passages."""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from ..errors import ValidationFailed

# IRI kinds whose first key segment is the record id: <base>id/claim/<record>/<key>.
RECORD_KINDS = frozenset({"document", "claim", "event", "timespan", "dimension", "annotation",
                          "identifier", "activity", "object", "digital"})
_ID_PART = re.compile(r"/id/([a-z-]+)/(.+)$")
PASSAGE_LIMIT = 80
SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}


@dataclass(frozen=True)
class Violation:
    """One broken rule at one node.

    ``focus``, ``path``, ``value`` and ``shape`` are IRIs or lexical forms as strings (blank nodes
    as ``_:id``); ``passage`` is the quoted source text the focus node is anchored to, if any;
    ``record`` the id of the archival record the node belongs to, if known.
    """

    focus: str
    path: str | None
    value: str | None
    message: str
    shape: str
    severity: str = "Violation"
    passage: str | None = None
    record: str | None = None
    component: str | None = None  # the SHACL constraint component, or "python:<check>"

    def sort_key(self) -> tuple[str, ...]:
        return (self.record or "", self.focus, self.shape, self.path or "", self.value or "",
                self.message, str(SEVERITY_ORDER.get(self.severity, 9)), self.component or "")

    def describe(self) -> str:
        """One readable line: where, what is wrong, and the passage it concerns."""
        where = f"record {self.record}: " if self.record else ""
        text = f"{where}{_kind(self.focus)} {_short(self.focus)} — {self.message}"
        if self.severity != "Violation":
            text = f"[{self.severity.lower()}] {text}"
        if self.value is not None and self.value != self.focus:
            text += f"; value: {_short(self.value)}"
        if self.passage:
            text += f'; passage: "{shorten(self.passage)}"'
        return text


@dataclass(frozen=True)
class Report:
    """The outcome of validating one or more graphs."""

    conforms: bool
    violations: tuple[Violation, ...] = ()

    @classmethod
    def of(cls, violations: Iterable[Violation]) -> Report:
        """A report over these violations, sorted and without duplicates; conforms unless one
        of them has severity Violation."""
        unique = sorted(set(violations), key=Violation.sort_key)
        return cls(not any(v.severity == "Violation" for v in unique), tuple(unique))

    @classmethod
    def merge(cls, reports: Iterable[Report]) -> Report:
        return cls.of(v for r in reports for v in r.violations)

    def describe(self) -> str:
        if not self.violations:
            return "conforms: no violations"
        lines = [v.describe() for v in self.violations]
        counts = []
        for severity, word in (("Violation", "violation"), ("Warning", "warning"), ("Info", "note")):
            n = sum(1 for v in self.violations if v.severity == severity)
            if n or severity == "Violation":
                counts.append(f"{n} {word}{'s' if n != 1 else ''}")
        lines.append(", ".join(counts))
        return "\n".join(lines)

    def raise_if_failed(self, path: str | None = None) -> None:
        """Raise ValidationFailed carrying the readable report if the data does not conform."""
        if not self.conforms:
            raise ValidationFailed("data does not conform to the shapes:\n" + self.describe(), path=path)


def shorten(text: str, limit: int = PASSAGE_LIMIT) -> str:
    """The passage on one line, cut at a word boundary when long."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] or text[:limit]
    return cut + " …"


def _kind(node: str) -> str:
    if node.startswith("_:"):
        return "blank node"
    match = _ID_PART.search(node)
    return match.group(1).replace("-", " ") if match else "node"


def _short(node: str) -> str:
    if node.startswith("_:"):
        return node
    match = _ID_PART.search(node)
    if match:
        return f"<…/{match.group(1)}/{match.group(2)}>"
    if node.startswith(("http://", "https://", "urn:")):
        return f"<{node}>"
    return f'"{node}"'


def record_of(node: str, base: str, default: str | None = None) -> str | None:
    """The record id a minted IRI belongs to, from its first key segment; else ``default``."""
    prefix = base + "id/"
    if node.startswith(prefix):
        parts = node[len(prefix):].split("/")
        if parts[0] in RECORD_KINDS and len(parts) >= 2 and parts[1]:
            return parts[1]
    return default


def attach(violations: Iterable[Violation], *, base: str, passages: Mapping[str, str],
           record: str | None) -> list[Violation]:
    """Fill in record and passage from the focus node."""
    out = []
    for v in violations:
        out.append(replace(v, record=v.record or record_of(v.focus, base, record),
                           passage=v.passage or passages.get(v.focus)))
    return out
