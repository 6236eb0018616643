"""E52 time-spans and E54 dimensions: the dates and quantities a record gives."""
from __future__ import annotations

import calendar

from ..records import Quantity, TimeSpan
from ..vocab import RDFS_NS, crm, slug
from .context import RecordContext
from .terms import XSD_DATETIME, GraphBuilder, decimal, text, typed

LABEL = RDFS_NS + "label"

QUANTITY_KINDS = {"count": "Count", "weight": "Weight", "duration": "Duration", "length": "Length",
                  "money": "Money", "area": "Area", "volume": "Volume"}


def day_bounds(value: str) -> tuple[str, str]:
    """First and last day an ISO date, month or year covers."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return value, value
    if len(parts) == 2:
        y, mth = parts
        return f"{y:04d}-{mth:02d}-01", f"{y:04d}-{mth:02d}-{calendar.monthrange(y, mth)[1]:02d}"
    return f"{parts[0]:04d}-01-01", f"{parts[0]:04d}-12-31"


def span_node(b: GraphBuilder, node: str, label: str, begin: str, end: str) -> None:
    b.a(node, crm("E52_Time-Span"))
    b.text(node, LABEL, label)
    b.crm(node, "P82a_begin_of_the_begin", typed(begin + "T00:00:00", XSD_DATETIME))
    b.crm(node, "P82b_end_of_the_end", typed(end + "T23:59:59", XSD_DATETIME))


def model_timespan(b: GraphBuilder, ctx: RecordContext, ts: TimeSpan) -> str:
    node = ctx.item_iri("timespan", ts.key)
    span_node(b, node, ts.text, ts.begin, ts.end)
    if ts.approximate:
        b.crm(node, "P2_has_type", ctx.minter.vocab + "Approximate")
    if ts.relative:
        b.crm(node, "P2_has_type", ctx.minter.vocab + "Relative")
    return node


def unit_iri(ctx: RecordContext, unit: str) -> str:
    return ctx.minter.id("unit", slug(unit))


def model_quantity(b: GraphBuilder, ctx: RecordContext, q: Quantity) -> str:
    node = ctx.item_iri("dimension", q.key)
    b.a(node, crm("E54_Dimension"))
    b.text(node, LABEL, q.text)
    if q.value is not None:
        b.crm(node, "P90_has_value", decimal(q.value))
    if q.low is not None:
        b.crm(node, "P90a_has_lower_value_limit", decimal(q.low))
    if q.high is not None:
        b.crm(node, "P90b_has_upper_value_limit", decimal(q.high))
    unit = unit_iri(ctx, q.unit)
    b.a(unit, crm("E58_Measurement_Unit"))
    b.text(unit, LABEL, q.unit)
    b.crm(node, "P91_has_unit", unit)
    kind = QUANTITY_KINDS.get(q.kind)
    b.crm(node, "P2_has_type", ctx.minter.vocab + kind if kind else ctx.minter.id("type", slug(q.kind)))
    if not kind:
        b.a(ctx.minter.id("type", slug(q.kind)), crm("E55_Type"))
        b.text(ctx.minter.id("type", slug(q.kind)), LABEL, q.kind)
    if q.approximate:
        b.crm(node, "P2_has_type", ctx.minter.vocab + "Approximate")
    as_written = ctx.item_iri("appellation", "q-" + q.key)
    b.a(as_written, crm("E33_E41_Linguistic_Appellation"))
    b.crm(as_written, "P190_has_symbolic_content", text(q.text))
    b.crm(as_written, "P2_has_type", ctx.minter.vocab + "AsWritten")
    b.text(as_written, LABEL, q.text)
    b.crm(node, "P1_is_identified_by", as_written)
    return node
