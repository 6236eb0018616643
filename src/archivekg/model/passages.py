"""Web Annotation anchors: each claim, event, date, quantity and name to its passage."""
from __future__ import annotations

from pathlib import Path

from ..records import Method, Span
from ..vocab import DCTERMS_NS, OA_NS, PROV_NS, RDFS_NS
from .context import RecordContext
from .terms import GraphBuilder, nni, text

CONTEXT = 32  # characters of prefix/suffix kept in a TextQuoteSelector


def annotate(b: GraphBuilder, ctx: RecordContext, key: str, bodies: list[str], span: Span, *,
             motivation: str = "describing", method: Method | None = None) -> str:
    doc_text = ctx.doc.text
    if span.end > len(doc_text):
        raise ValueError(f"passage {span.start}..{span.end} lies outside the text of record {ctx.rid}")
    exact = doc_text[span.start:span.end]
    node = ctx.item_iri("annotation", key)
    target = node + "/target"
    quote = node + "/quote"
    position = node + "/position"
    b.a(node, OA_NS + "Annotation")
    for body in bodies:
        b.add(node, OA_NS + "hasBody", body)
    b.add(node, OA_NS + "motivatedBy", OA_NS + motivation)
    b.add(node, OA_NS + "hasTarget", target)
    b.a(target, OA_NS + "SpecificResource")
    b.add(target, OA_NS + "hasSource", ctx.text_iri)
    b.add(target, OA_NS + "hasSelector", quote)
    b.add(target, OA_NS + "hasSelector", position)
    b.a(quote, OA_NS + "TextQuoteSelector")
    b.add(quote, OA_NS + "exact", text(exact))
    b.add(quote, OA_NS + "prefix", text(doc_text[max(0, span.start - CONTEXT):span.start]))
    b.add(quote, OA_NS + "suffix", text(doc_text[span.end:span.end + CONTEXT]))
    b.a(position, OA_NS + "TextPositionSelector")
    b.add(position, OA_NS + "start", nni(span.start))
    b.add(position, OA_NS + "end", nni(span.end))
    if method is not None:
        b.add(node, PROV_NS + "wasGeneratedBy", ctx.activity_iri(method))
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
