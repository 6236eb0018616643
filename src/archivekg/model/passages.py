"""Web Annotation anchors: each claim, event, date, quantity and name to its passage."""
from __future__ import annotations

from pathlib import Path

from ..records import Method, Span
from ..vocab import DCTERMS_NS, OA_NS, PROV_NS, RDF_NS, RDFS_NS
from .context import RecordContext
from .terms import GraphBuilder, Term, iri, nni, text

CONTEXT = 32  # characters of prefix/suffix kept in a TextQuoteSelector


_A = iri(RDF_NS + "type")
_ANNOTATION, _SPECIFIC, _QUOTE, _POSITION = (iri(OA_NS + c) for c in (
    "Annotation", "SpecificResource", "TextQuoteSelector", "TextPositionSelector"))
_HAS_BODY, _MOTIVATED_BY, _HAS_TARGET, _HAS_SOURCE, _HAS_SELECTOR = (iri(OA_NS + p) for p in (
    "hasBody", "motivatedBy", "hasTarget", "hasSource", "hasSelector"))
_EXACT, _PREFIX, _SUFFIX, _START, _END = (iri(OA_NS + p) for p in ("exact", "prefix", "suffix", "start", "end"))
_GENERATED_BY = iri(PROV_NS + "wasGeneratedBy")


def annotate(b: GraphBuilder, ctx: RecordContext, key: str, bodies: list[str], span: Span, *,
             motivation: str = "describing", method: Method | None = None) -> str:
    # The commonest shape of the graph (one per mention): its terms are made once and added as
    # terms, without looking each IRI up again.
    doc_text = ctx.doc.text
    if span.end > len(doc_text):
        raise ValueError(f"passage {span.start}..{span.end} lies outside the text of record {ctx.rid}")
    exact = doc_text[span.start:span.end]
    node = ctx.item_iri("annotation", key)
    n, target, quote, position = iri(node), iri(node + "/target"), iri(node + "/quote"), iri(node + "/position")
    add = b.add_terms
    add(n, _A, _ANNOTATION)
    for body in bodies:
        add(n, _HAS_BODY, body if isinstance(body, Term) else iri(body))
    add(n, _MOTIVATED_BY, iri(OA_NS + motivation))
    add(n, _HAS_TARGET, target)
    add(target, _A, _SPECIFIC)
    add(target, _HAS_SOURCE, iri(ctx.text_iri))
    add(target, _HAS_SELECTOR, quote)
    add(target, _HAS_SELECTOR, position)
    add(quote, _A, _QUOTE)
    add(quote, _EXACT, text(exact))
    add(quote, _PREFIX, text(doc_text[max(0, span.start - CONTEXT):span.start]))
    add(quote, _SUFFIX, text(doc_text[span.end:span.end + CONTEXT]))
    add(position, _A, _POSITION)
    add(position, _START, nni(span.start))
    add(position, _END, nni(span.end))
    if method is not None:
        add(n, _GENERATED_BY, iri(ctx.activity_iri(method)))
    return node


def model_activity(b: GraphBuilder, ctx: RecordContext, method: Method) -> str:
    """Our own provenance: which rule set or curator's file produced the record's statements."""
    node = ctx.activity_iri(method)
    b.a(node, PROV_NS + "Activity")
    b.add(node, PROV_NS + "used", ctx.text_iri)
    agent = ctx.minter.id("agent", "archivekg-" + ctx.software_version.replace(".", "-"))
    b.a(agent, PROV_NS + "SoftwareAgent")
    b.text(agent, RDFS_NS + "label", f"archivekg {ctx.software_version}")
    b.add(node, PROV_NS + "wasAssociatedWith", agent)
    if method.curated:
        # The file name only: the same corpus built from another folder gives the same bytes.
        b.text(node, RDFS_NS + "label", f"Curation of record {ctx.rid} ({Path(method.version).name})")
        b.add(node, DCTERMS_NS + "type", ctx.minter.vocab + "Curation")
    else:
        b.text(node, RDFS_NS + "label", f"Automatic extraction of record {ctx.rid} ({method.name} {method.version})")
        b.add(node, DCTERMS_NS + "type", ctx.minter.vocab + "AutomaticExtraction")
    return node
