"""Writes the small published-output fixture the serve tests read (run it to regenerate).

Two records share one place, so "records that mention" and shared entity graphs are exercised.
It follows the output layout: archivekg.nq/.trig, records/<id>.ttl/.jsonld, context.jsonld,
void.ttl, entities.ttl, links.ttl, vocab.ttl, README.md, manifest.json.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pyoxigraph as ox

HERE = Path(__file__).parent
B = "https://archivekg.example.org/"
ID = B + "id/"
V = B + "vocab#"
CRM = "http://www.cidoc-crm.org/cidoc-crm/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
RICO = "https://www.ica.org/standards/RiC/ontology#"
VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
LA = "https://linked.art/ns/terms/"
GEO = "http://www.opengis.net/ont/geosparql#"
PREFIXES = {"crm": CRM, "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "skos": SKOS, "dcterms": DCT, "prov": PROV,
            "oa": OA, "rico": RICO, "void": VOID, "dcat": DCAT, "la": LA, "geo": GEO,
            "wd": "http://www.wikidata.org/entity/", "vocab": V, "id": ID}

TEXTS = {
    "118180": ("According to incomplete statistics given during a telephone report, around 2,000 people "
               "fled to the Soviet Union from Tacheng County from 10 April through 20 April. "
               "Personnel from the Soviet Consulate in Yili went to Tacheng six times."),
    "990001": ("The delegation of the Xinjiang Foreign Affairs Office reached Tacheng on 3 May and "
               "reported that the border crossings were closed."),
}

quads: list[ox.Quad] = []


def node(v: str) -> ox.NamedNode:
    return ox.NamedNode(v)


def add(g: str, s: str, p: str, o: object) -> None:
    obj = o if isinstance(o, ox.Literal | ox.NamedNode) else ox.NamedNode(str(o))
    quads.append(ox.Quad(node(s), node(p), obj, node(g)))


def lit(v: str, dt: str | None = None, lang: str | None = None) -> ox.Literal:
    if lang:
        return ox.Literal(v, language=lang)
    return ox.Literal(v, datatype=node(dt)) if dt else ox.Literal(v)


def annotate(g: str, rid: str, key: str, body: str, exact: str, motivation: str = "describing") -> None:
    text = TEXTS[rid]
    start = text.index(exact)
    end = start + len(exact)
    a = f"{ID}annotation/{rid}/{key}"
    add(g, a, RDF + "type", OA + "Annotation")
    add(g, a, OA + "hasBody", body)
    add(g, a, OA + "motivatedBy", OA + motivation)
    add(g, a, OA + "hasTarget", a + "/target")
    add(g, a, PROV + "wasGeneratedBy", f"{ID}activity/{rid}/rules-0-1-0")
    add(g, a + "/target", RDF + "type", OA + "SpecificResource")
    add(g, a + "/target", OA + "hasSource", f"{ID}text/{rid}-en")
    add(g, a + "/target", OA + "hasSelector", a + "/quote")
    add(g, a + "/target", OA + "hasSelector", a + "/position")
    add(g, a + "/quote", RDF + "type", OA + "TextQuoteSelector")
    add(g, a + "/quote", OA + "exact", lit(exact))
    add(g, a + "/quote", OA + "prefix", lit(text[max(0, start - 32):start]))
    add(g, a + "/quote", OA + "suffix", lit(text[end:end + 32]))
    add(g, a + "/position", RDF + "type", OA + "TextPositionSelector")
    add(g, a + "/position", OA + "start", lit(str(start), XSD + "nonNegativeInteger"))
    add(g, a + "/position", OA + "end", lit(str(end), XSD + "nonNegativeInteger"))


def entity(g: str, kind: str, cls: str, key: str, label: str, variants: tuple[str, ...] = ()) -> str:
    e = f"{ID}{kind}/{key}"
    add(g, e, RDF + "type", CRM + cls)
    add(g, e, RDFS + "label", lit(label))
    forms = [(label, "PreferredName")] + [(v, "TranslatorVariant") for v in variants]
    for form, typ in forms:
        app = f"{ID}appellation/{kind}/{key}/{form.lower().replace(' ', '-').strip('[]')}"
        app = app.replace("[", "").replace("]", "")
        add(g, e, CRM + "P1_is_identified_by", app)
        add(g, app, RDF + "type", CRM + "E33_E41_Linguistic_Appellation")
        add(g, app, CRM + "P190_has_symbolic_content", lit(form))
        add(g, app, CRM + "P2_has_type", V + typ)
        add(g, app, RDFS + "label", lit(form))
        if typ != "PreferredName":
            add(g, e, SKOS + "altLabel", lit(form))
    return e


def timespan(g: str, key: str, label: str, begin: str, end: str) -> str:
    t = f"{ID}timespan/{key}"
    add(g, t, RDF + "type", CRM + "E52_Time-Span")
    add(g, t, RDFS + "label", lit(label))
    add(g, t, CRM + "P82a_begin_of_the_begin", lit(begin + "T00:00:00", XSD + "dateTime"))
    add(g, t, CRM + "P82b_end_of_the_end", lit(end + "T23:59:59", XSD + "dateTime"))
    return t


def document(rid: str, title: str, date: str, citation: str, full_text: bool) -> tuple[str, str]:
    g = f"{B}graph/record/{rid}"
    d = f"{ID}document/{rid}"
    url = f"https://digitalarchive.example.org/document/{rid}"
    add(g, d, RDF + "type", CRM + "E31_Document")
    add(g, d, RDF + "type", RICO + "Record")
    add(g, d, RDFS + "label", lit(title))
    add(g, d, DCT + "title", lit(title))
    add(g, d, DCT + "date", lit(date, XSD + "date"))
    add(g, d, DCT + "bibliographicCitation", lit(citation))
    add(g, d, DCT + "identifier", lit(rid))
    add(g, d, DCT + "source", url)
    add(g, d, DCT + "abstract", lit(f"Summary of record {rid}."))
    add(g, d, DCT + "language", lit("zh"))
    ident = f"{ID}identifier/{rid}/ref-1"
    add(g, d, CRM + "P1_is_identified_by", ident)
    add(g, ident, RDF + "type", CRM + "E42_Identifier")
    add(g, ident, CRM + "P190_has_symbolic_content", lit("PRC FMA 118-01100-06, 1-4"))
    add(g, ident, RDFS + "label", lit("PRC FMA 118-01100-06, 1-4"))
    rs = f"{ID}record-set/prc-fma-118-01100-06"
    add(g, d, RICO + "isOrWasIncludedIn", rs)
    add(g, rs, RDF + "type", RICO + "RecordSet")
    add(g, rs, RDFS + "label", lit("PRC FMA 118-01100-06"))
    add(g, rs, RICO + "identifier", lit("118-01100-06"))
    add(g, rs, RICO + "hasOrHadHolder", f"{ID}group/archive-prc-fma")
    add(g, f"{ID}group/archive-prc-fma", RDF + "type", CRM + "E74_Group")
    add(g, f"{ID}group/archive-prc-fma", RDFS + "label", lit("PRC FMA"))
    creation = f"{ID}event/{rid}/creation"
    add(g, d, CRM + "P94i_was_created_by", creation)
    add(g, creation, RDF + "type", CRM + "E65_Creation")
    add(g, creation, RDFS + "label", lit(f"Creation of {title}"))
    add(g, creation, CRM + "P14_carried_out_by", f"{ID}group/xinjiang-foreign-affairs-office")
    add(g, creation, CRM + "P4_has_time-span", timespan(g, date, date, date, date))
    t = f"{ID}text/{rid}-en"
    add(g, d, CRM + "P73_has_translation", t)
    add(g, t, RDF + "type", CRM + "E33_Linguistic_Object")
    add(g, t, RDFS + "label", lit(f"Translation - English: {title}"))
    add(g, t, CRM + "P73i_is_translation_of", d)
    if full_text:
        add(g, t, CRM + "P190_has_symbolic_content", lit(TEXTS[rid]))
    tr = f"{ID}event/{rid}/translation"
    add(g, t, CRM + "P94i_was_created_by", tr)
    add(g, tr, RDF + "type", CRM + "E65_Creation")
    add(g, tr, RDFS + "label", lit(f"Translation of {title}"))
    add(g, tr, CRM + "P2_has_type", V + "Translating")
    add(g, tr, CRM + "P14_carried_out_by", f"{ID}person/charles-kraus")
    dig = f"{ID}digital/{rid}"
    add(g, t, LA + "digitally_carried_by", dig)
    add(g, dig, RDF + "type", CRM + "E73_Information_Object")
    add(g, dig, RDFS + "label", lit(f"Web record {rid}"))
    add(g, dig, LA + "access_point", url)
    act = f"{ID}activity/{rid}/rules-0-1-0"
    add(g, act, RDF + "type", PROV + "Activity")
    add(g, act, RDFS + "label", lit(f"Automatic extraction of record {rid} (rules 0.1.0)"))
    add(g, act, PROV + "used", t)
    add(g, act, PROV + "wasAssociatedWith", f"{ID}agent/archivekg-0-1-0")
    add(g, f"{ID}agent/archivekg-0-1-0", RDF + "type", PROV + "SoftwareAgent")
    add(g, f"{ID}agent/archivekg-0-1-0", RDFS + "label", lit("archivekg 0.1.0"))
    return g, d


def claim(g: str, rid: str, key: str, subject: str, prop: str, value: object, qualifiers: tuple[str, ...],
          exact: str) -> str:
    c = f"{ID}claim/{rid}/{key}"
    add(g, c, RDF + "type", CRM + "E13_Attribute_Assignment")
    add(g, c, RDFS + "label", lit(f"Claim: {key}"))
    add(g, c, CRM + "P14_carried_out_by", f"{ID}group/xinjiang-foreign-affairs-office")
    add(g, c, CRM + "P140_assigned_attribute_to", subject)
    add(g, c, CRM + "P177_assigned_property_of_type", prop)
    add(g, c, CRM + "P141_assigned", value)
    add(g, c, CRM + "P70i_is_documented_in", f"{ID}document/{rid}")
    add(g, c, CRM + "P2_has_type", V + "SourceAssertion")
    for q in qualifiers:
        add(g, c, CRM + "P2_has_type", V + q)
    add(g, c, PROV + "wasGeneratedBy", f"{ID}activity/{rid}/rules-0-1-0")
    annotate(g, rid, "claim-" + key, c, exact)
    return c


def record_118180() -> None:
    rid = "118180"
    title = ("Cable from the Xinjiang Foreign Affairs Office, 'Report on the Flight of Border Residents "
             "from the Yili and Tacheng Areas to the Soviet Union'")
    g, d = document(rid, title, "1962-04-21", f'"{title}", April 21, 1962, Wilson Center Digital Archive, '
                    "PRC FMA 118-01100-06, 1-4. Translated by Charles Kraus.", full_text=True)
    tacheng = entity(g, "place", "E53_Place", "tacheng-county", "Tacheng County", ("Tacheng [Qoqek]",))
    soviet = entity(g, "place", "E53_Place", "soviet-union", "Soviet Union")
    yili = entity(g, "place", "E53_Place", "yili", "Yili", ("Yili [Ili]",))
    office = entity(g, "group", "E74_Group", "xinjiang-foreign-affairs-office", "Xinjiang Foreign Affairs Office")
    kraus = entity(g, "person", "E21_Person", "charles-kraus", "Charles Kraus")
    consulate = entity(g, "group", "E74_Group", "soviet-consulate-in-yili", "Soviet Consulate in Yili")
    for e in (tacheng, soviet, yili, office, kraus, consulate):
        add(g, d, CRM + "P67_refers_to", e)
    cohort = f"{ID}group/{rid}-fled-tacheng"
    add(g, cohort, RDF + "type", CRM + "E74_Group")
    add(g, cohort, RDFS + "label", lit("People who fled from Tacheng County"))
    add(g, cohort, CRM + "P2_has_type", V + "Cohort")
    span = timespan(g, f"{rid}/flight", "from 10 April through 20 April", "1962-04-10", "1962-04-20")
    add(g, span, CRM + "P2_has_type", V + "Approximate")
    dim = f"{ID}dimension/{rid}/fled-count"
    add(g, dim, RDF + "type", CRM + "E54_Dimension")
    add(g, dim, RDFS + "label", lit("around 2,000"))
    add(g, dim, CRM + "P90_has_value", lit("2000", XSD + "decimal"))
    add(g, dim, CRM + "P91_has_unit", f"{ID}unit/people")
    add(g, dim, CRM + "P2_has_type", V + "Count")
    add(g, dim, CRM + "P2_has_type", V + "Approximate")
    add(g, cohort, V + "hasMemberCount", dim)
    move = f"{ID}event/{rid}/flight"
    add(g, move, RDF + "type", CRM + "E9_Move")
    add(g, move, RDFS + "label", lit("Flight from Tacheng County to the Soviet Union"))
    add(g, move, CRM + "P14_carried_out_by", cohort)
    add(g, move, CRM + "P27_moved_from", tacheng)
    add(g, move, CRM + "P26_moved_to", soviet)
    add(g, move, CRM + "P4_has_time-span", span)
    add(g, move, CRM + "P70i_is_documented_in", d)
    visit = f"{ID}event/{rid}/consular-visits"
    add(g, visit, RDF + "type", CRM + "E7_Activity")
    add(g, visit, RDFS + "label", lit("Consular visits to Tacheng"))
    add(g, visit, CRM + "P14_carried_out_by", consulate)
    add(g, visit, CRM + "P7_took_place_at", tacheng)
    add(g, visit, CRM + "P70i_is_documented_in", d)
    winter = timespan(g, f"{rid}/last-winter", "last winter and this spring", "1961-12-01", "1962-04-21")
    add(g, winter, CRM + "P2_has_type", V + "Relative")
    add(g, visit, CRM + "P4_has_time-span", winter)
    sent = "around 2,000 people fled to the Soviet Union from Tacheng County from 10 April through 20 April"
    claim(g, rid, "flight-from", move, CRM + "P27_moved_from", tacheng, ("IncompleteStatistics",), sent)
    claim(g, rid, "flight-to", move, CRM + "P26_moved_to", soviet, (), sent)
    claim(g, rid, "flight-count", cohort, V + "hasMemberCount", dim, ("Approximate", "IncompleteStatistics"),
          "around 2,000 people")
    claim(g, rid, "visits-place", visit, CRM + "P7_took_place_at", tacheng, (),
          "Personnel from the Soviet Consulate in Yili went to Tacheng six times")
    annotate(g, rid, "event-flight", move, sent)
    annotate(g, rid, "time-flight", span, "from 10 April through 20 April")
    annotate(g, rid, "dim-fled-count", dim, "around 2,000")
    annotate(g, rid, "name-tacheng-county", tacheng, "Tacheng County", "identifying")
    annotate(g, rid, "name-soviet-union", soviet, "Soviet Union", "identifying")
    annotate(g, rid, "name-yili", yili, "Yili", "identifying")


def record_990001() -> None:
    rid = "990001"
    title = "Note on the Delegation of the Xinjiang Foreign Affairs Office to Tacheng"
    g, d = document(rid, title, "1962-05-04", f'"{title}", May 4, 1962, Wilson Center Digital Archive, '
                    "PRC FMA 118-01100-06, 5.", full_text=False)
    tacheng = entity(g, "place", "E53_Place", "tacheng-county", "Tacheng County", ("Tacheng",))
    office = entity(g, "group", "E74_Group", "xinjiang-foreign-affairs-office", "Xinjiang Foreign Affairs Office")
    for e in (tacheng, office):
        add(g, d, CRM + "P67_refers_to", e)
    span = timespan(g, f"{rid}/arrival", "on 3 May", "1962-05-03", "1962-05-03")
    visit = f"{ID}event/{rid}/delegation"
    add(g, visit, RDF + "type", CRM + "E7_Activity")
    add(g, visit, RDFS + "label", lit("Delegation to Tacheng"))
    add(g, visit, CRM + "P14_carried_out_by", office)
    add(g, visit, CRM + "P7_took_place_at", tacheng)
    add(g, visit, CRM + "P4_has_time-span", span)
    add(g, visit, CRM + "P70i_is_documented_in", d)
    claim(g, rid, "delegation-place", visit, CRM + "P7_took_place_at", tacheng, ("Reported",),
          "reached Tacheng on 3 May")
    annotate(g, rid, "event-delegation", visit, "reached Tacheng on 3 May")
    annotate(g, rid, "time-arrival", span, "on 3 May")
    annotate(g, rid, "name-tacheng", tacheng, "Tacheng", "identifying")


def shared() -> None:
    ge = B + "graph/entities"
    for kind, cls, key, label in (("place", "E53_Place", "tacheng-county", "Tacheng County"),
                                  ("place", "E53_Place", "soviet-union", "Soviet Union"),
                                  ("place", "E53_Place", "yili", "Yili"),
                                  ("group", "E74_Group", "xinjiang-foreign-affairs-office",
                                   "Xinjiang Foreign Affairs Office"),
                                  ("group", "E74_Group", "soviet-consulate-in-yili", "Soviet Consulate in Yili"),
                                  ("person", "E21_Person", "charles-kraus", "Charles Kraus")):
        add(ge, f"{ID}{kind}/{key}", RDF + "type", CRM + cls)
        add(ge, f"{ID}{kind}/{key}", RDFS + "label", lit(label))
    add(ge, f"{ID}place/tacheng-county", SKOS + "altLabel", lit("Tacheng [Qoqek]"))
    add(ge, f"{ID}place/tacheng-county", SKOS + "altLabel", lit("Tacheng"))
    gl = B + "graph/links"
    for key, q, wkt in (("tacheng-county", "Q1338591", "Point(82.98 46.75)"),
                        ("soviet-union", "Q15180", "Point(37.62 55.75)"), ("yili", "Q1518391", "Point(81.32 43.92)")):
        e = f"{ID}place/{key}"
        wd = "http://www.wikidata.org/entity/" + q
        add(gl, e, SKOS + "exactMatch", wd)
        add(gl, e, LA + "equivalent", wd)
        add(gl, e, GEO + "hasGeometry", f"{ID}link/{key}/geometry")
        add(gl, f"{ID}link/{key}/geometry", RDF + "type", GEO + "Geometry")
        add(gl, f"{ID}link/{key}/geometry", GEO + "asWKT", lit(wkt, GEO + "wktLiteral"))
        link = f"{ID}link/{key}"
        add(gl, link, RDF + "type", V + "LinkRecord")
        add(gl, link, RDFS + "label", lit(f"Wikidata match for {key}"))
        add(gl, link, V + "score", lit("0.93", XSD + "decimal"))
    gd = B + "graph/dataset"
    ds = B + "id/dataset/archivekg"
    add(gd, ds, RDF + "type", VOID + "Dataset")
    add(gd, ds, RDF + "type", DCAT + "Dataset")
    add(gd, ds, DCT + "title", lit("Border flight from Xinjiang, 1962 (serve fixture)"))
    add(gd, ds, DCT + "license", "https://creativecommons.org/licenses/by/4.0/")
    add(gd, ds, VOID + "sparqlEndpoint", B + "sparql")
    add(gd, ds, VOID + "uriSpace", lit(ID))
    add(gd, V + "Approximate", RDF + "type", CRM + "E55_Type")
    add(gd, V + "Approximate", RDFS + "label", lit("approximate"))
    add(gd, f"{ID}unit/people", RDF + "type", CRM + "E58_Measurement_Unit")
    add(gd, f"{ID}unit/people", RDFS + "label", lit("people"))


def ntriples(qs: list[ox.Quad]) -> list[ox.Triple]:
    return sorted({q.triple for q in qs}, key=str)


def write() -> None:
    record_118180()
    record_990001()
    shared()
    qs = sorted(set(quads), key=str)
    (HERE / "records").mkdir(exist_ok=True)
    (HERE / "archivekg.nq").write_bytes(ox.serialize(qs, format=ox.RdfFormat.N_QUADS))
    (HERE / "archivekg.trig").write_bytes(ox.serialize(qs, format=ox.RdfFormat.TRIG, prefixes=PREFIXES))
    ctx = {"@context": {k: v for k, v in sorted(PREFIXES.items())}}
    (HERE / "context.jsonld").write_text(json.dumps(ctx, indent=1) + "\n")
    by_graph: dict[str, list[ox.Quad]] = {}
    for q in qs:
        by_graph.setdefault(q.graph_name.value, []).append(q)
    counts = {}
    for gname, gqs in sorted(by_graph.items()):
        counts[gname] = len(gqs)
        triples = ntriples(gqs)
        ttl = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
        if gname.startswith(B + "graph/record/"):
            rid = gname.rsplit("/", 1)[1]
            (HERE / "records" / f"{rid}.ttl").write_bytes(ttl)
            (HERE / "records" / f"{rid}.jsonld").write_bytes(
                ox.serialize(triples, format=ox.RdfFormat.JSON_LD))
        elif gname.endswith("/entities"):
            (HERE / "entities.ttl").write_bytes(ttl)
        elif gname.endswith("/links"):
            (HERE / "links.ttl").write_bytes(ttl)
        elif gname.endswith("/dataset"):
            (HERE / "void.ttl").write_bytes(ttl)
    (HERE / "vocab.ttl").write_text(
        f"@prefix rdfs: <{RDFS}> .\n<{V}Approximate> rdfs:label \"approximate\" .\n")
    (HERE / "README.md").write_text("# Published dataset (serve fixture)\n")
    files = sorted(p for p in HERE.rglob("*") if p.is_file() and p.suffix != ".py" and p.name != "manifest.json")
    manifest = {"base": B, "graphs": counts,
                "files": {str(p.relative_to(HERE)): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}}
    (HERE / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    write()
