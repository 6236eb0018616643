"""Events the record reports and the E13 claims that attribute each statement to its author."""
from __future__ import annotations

from ..records import EVENT_TYPES, Claim, Event, Method, Quantity
from ..vocab import CRM_NS, PROV_NS, RDFS_NS, RICO_NS, crm, crm_terms, slug
from .context import RecordContext
from .terms import GraphBuilder, text

LABEL = RDFS_NS + "label"

# Source qualifiers a curator or rule may give -> project vocabulary terms.
QUALIFIERS = {
    "approximate": "Approximate", "incomplete-statistics": "IncompleteStatistics",
    "unverified": "Unverified", "details-unknown": "DetailsUnknown", "reported": "Reported",
    "telephone-report": "TelephoneReport",
}
# Qualifiers about numbers: they go on the claims that state a quantity, not on the others.
COUNTING = {"approximate", "incomplete-statistics"}


def claim_node(b: GraphBuilder, ctx: RecordContext, key: str, subject: str, prop: str, value: str,
               qualifiers: tuple[str, ...], method: Method) -> str:
    """One E13: the record's author asserted ``subject prop value``, when the record was written."""
    node = ctx.item_iri("claim", key)
    b.a(node, crm("E13_Attribute_Assignment"))
    b.crm(node, "P14_carried_out_by", ctx.author_iri())
    b.crm(node, "P140_assigned_attribute_to", subject)
    b.crm(node, "P177_assigned_property_of_type", prop)
    b.crm(node, "P141_assigned", value)
    span = ctx.doc_date_span()
    if span:
        b.crm(node, "P4_has_time-span", span)
    b.crm(node, "P70i_is_documented_in", ctx.doc_iri)
    b.crm(node, "P2_has_type", ctx.minter.vocab + "SourceAssertion")
    for q in qualifiers:
        b.crm(node, "P2_has_type", ctx.minter.vocab + QUALIFIERS[q])
    b.add(node, PROV_NS + "wasGeneratedBy", ctx.activity_iri(method))
    b.add(node, PROV_NS + "wasDerivedFrom", ctx.text_iri)
    short = prop.rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    b.text(node, LABEL, f"Claim in record {ctx.rid}: {short}")
    return node


def property_iri(ctx: RecordContext, name: str) -> str:
    """A CRM 7.1.3 property by local name, or a project property."""
    if name in crm_terms():
        return CRM_NS + name
    return ctx.minter.vocab + name


def model_event(b: GraphBuilder, ctx: RecordContext, ev: Event, quantities: dict[str, Quantity]) -> list[str]:
    """The event node plus one claim per statement it makes; returns the claim IRIs."""
    node = ctx.item_iri("event", ev.key)
    ctx.local[ev.key] = node
    b.a(node, crm(EVENT_TYPES[ev.type]))
    b.text(node, LABEL, ev.label)
    b.crm(node, "P70i_is_documented_in", ctx.doc_iri)
    if ev.subtype:
        t = ctx.minter.id("type", slug(ev.subtype))
        b.a(t, crm("E55_Type"))
        b.text(t, LABEL, ev.subtype)
        b.crm(node, "P2_has_type", t)
    b.add(node, PROV_NS + "wasGeneratedBy", ctx.activity_iri(ev.method))

    statements: list[tuple[str, str, str]] = []  # (subject, property IRI, value IRI)

    def ent(key: str) -> str | None:
        if key in ctx.entity_iris:
            return ctx.entity_iris[key].iri
        return ctx.local.get(key)

    def state(subject: str, prop: str, value: str | None) -> None:
        if value is not None:
            b.add(subject, prop, value)
            statements.append((subject, prop, value))

    for a in ev.actors:
        state(node, crm("P14_carried_out_by"), ent(a))
    for p in ev.participants:
        state(node, crm("P11_had_participant"), ent(p))
    if ev.type == "move":
        if ev.origin:
            state(node, crm("P27_moved_from"), ent(ev.origin))
        if ev.destination:
            state(node, crm("P26_moved_to"), ent(ev.destination))
    else:
        for place in (ev.origin, ev.destination):
            if place:
                state(node, crm("P7_took_place_at"), ent(place))
    for place in ev.places:
        state(node, crm("P7_took_place_at"), ent(place))
    if ev.time and ev.time in ctx.local:
        state(node, crm("P4_has_time-span"), ctx.local[ev.time])

    counted_objects: list[str] = []
    for qk in ev.objects:
        # Things moved or created (packages, letters) are E19 physical objects with dimensions.
        q = quantities.get(qk)
        if q is None or qk not in ctx.local:
            continue
        obj = ctx.item_iri("object", ev.key + "-" + qk)
        b.a(obj, crm("E19_Physical_Object"))
        b.text(obj, LABEL, f"{q.text} ({ev.label})")
        state(obj, crm("P43_has_dimension"), ctx.local[qk])
        counted_objects.append(obj)
        if ev.type == "move":
            state(node, crm("P25_moved"), obj)
        elif ev.type == "creation":
            state(node, crm("P108_has_produced"), obj)
    for qk in ev.quantities:
        q = quantities.get(qk)
        if q is None or qk not in ctx.local:
            continue
        target = ent(q.counts) if q.counts else None
        if target is None and ev.actors and q.kind == "count":
            target = ent(ev.actors[0])
        if target is not None and q.kind == "count" and _is_group(ctx, q.counts or ev.actors[0]):
            state(target, ctx.minter.vocab + "hasMemberCount", ctx.local[qk])
        else:
            state(node, ctx.minter.vocab + "hasQuantity", ctx.local[qk])
    for ad in ev.addressees:
        target = ent(ad)
        if target is None:
            continue
        for obj in counted_objects or [node]:
            state(obj, RICO_NS + "hasAddressee", target)

    claims = []
    # Which quantity each statement gives, if any: counting qualifiers belong to those claims only.
    by_node = {ctx.local[k]: quantities[k] for k in (*ev.quantities, *ev.objects) if k in ctx.local and k in quantities}
    for n, (s, p, v) in enumerate(statements, 1):
        q = by_node.get(v)
        quals = [x for x in ev.qualifiers if x in QUALIFIERS and (q is not None or x not in COUNTING)]
        if q is not None and q.approximate and "approximate" not in quals:
            quals.append("approximate")
        claims.append(claim_node(b, ctx, f"{ev.key}-{n}", s, p, v, tuple(quals), ev.method))
    return claims


def _is_group(ctx: RecordContext, key: str) -> bool:
    e = ctx.ex.entity(key)
    return e is not None and e.kind in ("group", "cohort")


def model_claim(b: GraphBuilder, ctx: RecordContext, c: Claim) -> str:
    subject = ctx.entity_iris[c.subject].iri if c.subject in ctx.entity_iris else ctx.local.get(c.subject)
    if subject is None:
        raise ValueError(f"claim {c.key!r} is about {c.subject!r}, which the record does not define")
    value: str
    if c.value in ctx.entity_iris:
        value = ctx.entity_iris[c.value].iri
    elif c.value in ctx.local:
        value = ctx.local[c.value]
    else:
        value = text(c.value)
    prop = property_iri(ctx, c.property)
    quals = tuple(q for q in c.qualifiers if q in QUALIFIERS)
    b.add(subject, prop, value)
    return claim_node(b, ctx, c.key, subject, prop, value, quals, c.method)
