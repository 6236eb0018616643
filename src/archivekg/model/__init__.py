"""The only code that creates triples: Document + Extraction -> the record's named graph."""
from __future__ import annotations

from collections.abc import Iterable

from ..records import Document, Entity, Extraction, Method
from ..vocab import Minter
from .context import EntityName, RecordContext
from .document import model_document, model_shared_day
from .entities import model_entity
from .events import model_claim, model_event
from .limits import quantity_publishable
from .passages import annotate, model_activity
from .terms import GraphBuilder
from .timespans import model_quantity, model_timespan

__all__ = ["EntityName", "GraphBuilder", "RecordContext", "model_record", "model_shared"]


def model_record(doc: Document, ex: Extraction, entity_iris: dict[str, EntityName], minter: Minter, *,
                 language: str = "en", software_version: str = "0") -> GraphBuilder:
    """Everything derived from one record, as its named graph."""
    ctx = RecordContext(minter, doc, ex, entity_iris, language, software_version)
    b = GraphBuilder(ctx.graph_iri)
    methods: set[Method] = set()

    refers_to: list[str] = []
    for e in ex.entities:
        node = model_entity(b, ctx, e)
        if e.kind != "cohort":
            refers_to.append(node)
        methods.add(_base_method(e.method))
        for mention in sorted(set(e.mentions), key=lambda m: (m.span.start, m.span.end)):
            annotate(b, ctx, f"m-{e.key}-{mention.span.start}-{mention.span.end}", [node], mention.span,
                     motivation="identifying", method=e.method)
    model_document(b, ctx, refers_to)

    for ts in ex.dates:
        node = model_timespan(b, ctx, ts)
        ctx.local[ts.key] = node
        methods.add(_base_method(ts.method))
        if ts.mention:
            annotate(b, ctx, f"d-{ts.key}", [node], ts.mention.span, method=ts.method)
    # A number no store can hold leaves its quantity out (pass 1 warns); events skip it.
    kept = [q for q in ex.quantities if quantity_publishable(q)]
    quantities = {q.key: q for q in kept}
    for q in kept:
        node = model_quantity(b, ctx, q)
        ctx.local[q.key] = node
        methods.add(_base_method(q.method))
        if q.mention:
            annotate(b, ctx, f"q-{q.key}", [node], q.mention.span, method=q.method)
    for ev in ex.events:
        claims = model_event(b, ctx, ev, quantities)
        methods.add(_base_method(ev.method))
        if ev.mention:
            # One passage, one annotation: the event and each claim it makes are its bodies.
            annotate(b, ctx, f"e-{ev.key}", [ctx.local[ev.key], *claims], ev.mention.span, method=ev.method)
    for c in ex.claims:
        node = model_claim(b, ctx, c)
        methods.add(_base_method(c.method))
        if c.mention:
            annotate(b, ctx, f"c-{c.key}", [node], c.mention.span, method=c.method)
    for r in ex.references:
        _model_reference(b, ctx, r)
        methods.add(_base_method(r.method))
    for method in sorted(methods, key=lambda m: (m.name, m.version)):
        model_activity(b, ctx, method)
    return b


def _base_method(method: Method) -> Method:
    # Provenance is recorded per rule set or curation file, not per individual rule.
    return Method(method.name, method.version)


def _model_reference(b: GraphBuilder, ctx: RecordContext, r) -> None:
    from ..vocab import RDFS_NS, crm

    passage = ctx.item_iri("text", f"{ctx.rid}-passage-{r.key}")
    b.a(passage, crm("E33_Linguistic_Object"))
    b.text(passage, RDFS_NS + "label", f"Passage of record {ctx.rid}")
    b.crm(passage, "P106i_forms_part_of", ctx.text_iri)
    for key in (*r.entities, *r.dates, *r.quantities):
        target = ctx.entity_iris[key].iri if key in ctx.entity_iris else ctx.local.get(key)
        if target:
            b.crm(passage, "P67_refers_to", target)
    annotate(b, ctx, f"r-{r.key}", [passage], r.mention.span, motivation="identifying", method=r.method)


def model_shared(records: Iterable[tuple[str, str | None, list[Entity], dict[str, EntityName]]], minter: Minter,
                 graph: str) -> GraphBuilder:
    """The shared graph: canonical entity descriptions (all name forms) and calendar days.

    Built from each record's id, date, entities and their identities (not from the text), so it
    can be rebuilt from the manifest without reading the records again.
    """
    b = GraphBuilder(graph)
    for record_id, date, entities, iris in records:
        doc = Document(path="", record_id=record_id, title="", text="", date=date)
        ctx = RecordContext(minter, doc, Extraction(record_id, entities=tuple(entities)), iris)
        for e in entities:
            if e.kind != "cohort":
                model_entity(b, ctx, e)
        model_shared_day(b, ctx)
    return b
