"""The archival layer: record, file, holder, citation, translation, translator, web record."""
from __future__ import annotations

from ..ingest.languages import language_code, language_label, language_names
from ..vocab import BIBO_NS, DCTERMS_NS, LA_NS, RDFS_NS, RICO_NS, crm, slug
from .context import RecordContext
from .terms import XSD_DATE, XSD_GYEAR, XSD_GYEARMONTH, GraphBuilder, Term, iri, text, typed
from .timespans import day_bounds, span_node

DCT = DCTERMS_NS
LABEL = RDFS_NS + "label"


def date_literal(value: str) -> Term:
    if len(value) == 10:
        return typed(value, XSD_DATE)
    if len(value) == 7:
        return typed(value, XSD_GYEARMONTH)
    return typed(value, XSD_GYEAR)


def model_document(b: GraphBuilder, ctx: RecordContext, refers_to: list[str]) -> None:
    doc, m = ctx.doc, ctx.minter
    d = ctx.doc_iri
    b.a(d, crm("E31_Document"), RICO_NS + "Record")
    b.text(d, LABEL, doc.title)
    b.text(d, DCT + "title", doc.title)
    b.text(d, DCT + "identifier", doc.record_id)
    if doc.date:
        b.add(d, DCT + "date", date_literal(doc.date))
    b.text(d, DCT + "bibliographicCitation", doc.citation)
    b.text(d, DCT + "abstract", doc.summary)
    if doc.url:
        b.add(d, DCT + "source", iri(doc.url))
    if doc.language_code:
        b.text(d, DCT + "language", doc.language_code)
    if doc.original_language:
        # A document is a text too (P73 and P72 are properties of texts): its languages by name,
        # so that a language without an ISO 639-1 code is still stated.
        b.a(d, crm("E33_Linguistic_Object"))
        for name in language_names(doc.original_language):
            code = language_code(name)
            lang = m.id("language", slug(language_label(name)))
            b.a(lang, crm("E56_Language"))
            b.text(lang, LABEL, language_label(name))
            if code:
                b.text(lang, DCT + "identifier", code)
            b.crm(d, "P72_has_language", lang)
    for target in sorted(set(refers_to)):
        b.crm(d, "P67_refers_to", target)

    # Archival references: an identifier each, the file (record set) and its holder.
    for n, ref in enumerate(doc.archive_refs, 1):
        ident = m.id("identifier", doc.record_id, f"ref-{n}")
        b.a(ident, crm("E42_Identifier"))
        b.crm(ident, "P190_has_symbolic_content", text(ref.text))
        b.crm(ident, "P2_has_type", m.vocab + "ArchivalReference")
        b.text(ident, LABEL, ref.text)
        b.crm(d, "P1_is_identified_by", ident)
        holder = m.id("group", "archive-" + slug(ref.archive))
        b.a(holder, crm("E74_Group"), RICO_NS + "CorporateBody")
        b.text(holder, LABEL, ref.archive)
        siglum = m.id("identifier", "archive-" + slug(ref.archive))
        b.a(siglum, crm("E42_Identifier"))
        b.crm(siglum, "P190_has_symbolic_content", text(ref.archive))
        b.crm(siglum, "P2_has_type", m.vocab + "ArchiveSiglum")
        b.text(siglum, LABEL, ref.archive)
        b.crm(holder, "P1_is_identified_by", siglum)
        if ref.file:
            rs = m.id("record-set", slug(ref.signature))
            b.a(rs, RICO_NS + "RecordSet")
            b.text(rs, LABEL, ref.signature)
            b.text(rs, RICO_NS + "identifier", ref.file)
            b.add(rs, RICO_NS + "hasOrHadHolder", holder)
            b.add(d, RICO_NS + "isOrWasIncludedIn", rs)
        if ref.pages and n == 1:
            first, _, last = ref.pages.partition("-")
            b.text(d, BIBO_NS + "pageStart", first.strip())
            b.text(d, BIBO_NS + "pageEnd", (last or first).strip())

    # Creation of the original by its author, on the document date.
    creation = m.id("event", doc.record_id, "creation")
    b.a(creation, crm("E65_Creation"))
    b.text(creation, LABEL, f"Creation of {doc.title}")
    b.crm(d, "P94i_was_created_by", creation)
    b.crm(creation, "P14_carried_out_by", ctx.author_iri())
    span = ctx.doc_date_span()
    if span:
        b.crm(creation, "P4_has_time-span", span)
    for addressee in ctx.ex.addressees:
        if addressee in ctx.entity_iris:
            b.add(d, RICO_NS + "hasAddressee", ctx.entity_iris[addressee].iri)
    if not (ctx.ex.author and ctx.ex.author in ctx.entity_iris):
        author = ctx.author_iri()
        b.a(author, crm("E74_Group"))
        name = f"Author of record {doc.record_id}"
        b.text(author, LABEL, name)
        b.crm(author, "P2_has_type", m.vocab + "UnknownAuthor")
        app = m.id("appellation", "group", doc.record_id, "author")
        b.a(app, crm("E33_E41_Linguistic_Appellation"))
        b.crm(app, "P190_has_symbolic_content", text(name))
        b.crm(app, "P2_has_type", m.vocab + "PreferredName")
        b.text(app, LABEL, name)
        b.crm(author, "P1_is_identified_by", app)

    # The English translation and its translator(s); the web record that carries it.
    t = ctx.text_iri
    b.a(t, crm("E33_Linguistic_Object"))
    b.text(t, LABEL, f"{doc.contents or 'Translation'}: {doc.title}")
    b.crm(t, "P73i_is_translation_of", d)
    # The text itself, so that offsets and quotes can be checked and pages can show it whole.
    b.crm(t, "P190_has_symbolic_content", text(doc.text))
    b.crm(d, "P73_has_translation", t)
    b.text(t, DCT + "language", ctx.language)
    translating = m.id("event", doc.record_id, "translation")
    b.a(translating, crm("E65_Creation"))
    b.text(translating, LABEL, f"Translation of {doc.title}")
    b.crm(translating, "P2_has_type", m.vocab + "Translating")
    b.crm(t, "P94i_was_created_by", translating)
    for name in doc.translators:
        person = m.id("person", slug(name))
        b.a(person, crm("E21_Person"))
        b.text(person, LABEL, name)
        app = m.id("appellation", "person", slug(name), slug(name))
        b.a(app, crm("E33_E41_Linguistic_Appellation"))
        b.crm(app, "P190_has_symbolic_content", text(name))
        b.crm(app, "P2_has_type", m.vocab + "PreferredName")
        b.text(app, LABEL, name)
        b.crm(person, "P1_is_identified_by", app)
        b.crm(translating, "P14_carried_out_by", person)
    web = ctx.digital_iri
    b.a(web, crm("E73_Information_Object"))
    b.text(web, LABEL, f"Web record {doc.record_id}" + (f" of the {doc.archive_name}" if doc.archive_name else ""))
    b.add(t, LA_NS + "digitally_carried_by", web)
    if doc.url:
        b.add(web, LA_NS + "access_point", iri(doc.url))
    number = m.id("identifier", doc.record_id, "record-number")
    b.a(number, crm("E42_Identifier"))
    b.crm(number, "P190_has_symbolic_content", text(doc.record_id))
    b.crm(number, "P2_has_type", m.vocab + "RecordNumber")
    b.text(number, LABEL, doc.record_id)
    b.crm(web, "P1_is_identified_by", number)
    for funder in doc.funders:
        b.text(web, m.vocab + "fundedBy", funder)


def model_shared_day(b: GraphBuilder, ctx: RecordContext) -> None:
    """The calendar day (or month, year) of the document: shared by every record of that date."""
    span = ctx.doc_date_span()
    if span and ctx.doc.date:
        begin, end = day_bounds(ctx.doc.date)
        span_node(b, span, ctx.doc.date, begin, end)

