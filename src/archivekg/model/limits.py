"""Numbers the output can carry: an xsd:decimal that common RDF stores can hold.

Oxigraph (and other stores with 128-bit decimals) refuse a decimal with 20 or more digits before
the point (beyond about 1.7e20) or more than 18 after it, and so does validation on it. A quantity
whose number lies outside is left out of the record's graph, with a warning.
"""
from __future__ import annotations

from decimal import Decimal

from ..records import Document, Extraction, Quantity

MAX_ABS = Decimal("1e20")  # exclusive
MAX_PLACES = 18


def publishable(value: Decimal) -> bool:
    """A finite decimal below 1e20 in size with at most 18 digits after the point."""
    if not value.is_finite():
        return False
    if value == 0:
        return True
    _, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    trailing = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    places = max(0, -(exponent + trailing))
    return places <= MAX_PLACES and abs(value) < MAX_ABS


def unpublishable_numbers(doc: Document, ex: Extraction) -> list[str]:
    """Warnings ('line N: ...') for the quantities whose value, low or high cannot be published."""
    from ..ingest import source_line

    out = []
    for q in ex.quantities:
        if quantity_publishable(q):
            continue
        line = source_line(doc, q.mention.span.start) if q.mention else None
        where = f"line {line}: " if line else ""
        out.append(f"{where}the number in {q.text!r} is too large or too precise for xsd:decimal; "
                   "the quantity is left out")
    return out


def quantity_publishable(q: Quantity) -> bool:
    return all(v is None or publishable(v) for v in (q.value, q.low, q.high))
