"""Curation files: the sample curation against the gold checklist, every error a curator can make,
and drafts that read back to the same items."""
from __future__ import annotations

import dataclasses
import json
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from archivekg.curation import curation_path, find_all, load_curation
from archivekg.draft import to_draft_yaml
from archivekg.errors import CurationError
from archivekg.merge import norm
from archivekg.records import Claim, Document, Entity, Event, Extraction, Mention, Method, Quantity, Span, TimeSpan

ROOT = Path(__file__).resolve().parents[1]
RECORD = ROOT / "corpus" / "wilson-118180.txt"
SAMPLE = ROOT / "corpus" / "wilson-118180.curation.yaml"
DATA = Path(__file__).parent / "data" / "curation"
GOLD = ROOT.parent / "shared" / "eval" / "gold" / "wilson-118180.json"


def read_sample() -> Document:
    """The record as ingest reads it; built by hand (same definition) when ingest is absent."""
    try:
        from archivekg.ingest import read_record
    except ImportError:
        lines = RECORD.read_text(encoding="utf-8").split("\n")
        marks = [i for i, line in enumerate(lines) if line == "[...]"]
        body = "\n".join(lines[marks[0] + 1:marks[1]]).strip("\n")
        notes = "\n".join(lines[marks[1] + 1:]).strip()
        return Document(path=str(RECORD), record_id="118180", title="Cable from the Xinjiang Foreign "
                        "Affairs Office, 'Report on the Flight of Border Residents from the Yili and "
                        "Tacheng Areas to the Soviet Union'", text=body + "\n\n" + notes,
                        body_end=len(body))
    return read_record(RECORD)


@pytest.fixture(scope="module")
def doc() -> Document:
    return read_sample()


@pytest.fixture(scope="module")
def sample(doc: Document) -> Extraction:
    return load_curation(SAMPLE, doc)


@pytest.fixture(scope="module")
def gold() -> dict:
    if not GOLD.is_file():
        pytest.skip("the shared gold checklist is not beside the repository")
    return json.loads(GOLD.read_text(encoding="utf-8"))


def _day_bounds(value: str, end: bool) -> str:
    import calendar
    parts = [int(x) for x in value.split("-")]
    if len(parts) == 3:
        return value
    if len(parts) == 2:
        last = calendar.monthrange(parts[0], parts[1])[1]
        return f"{parts[0]:04d}-{parts[1]:02d}-{last if end else 1:02d}"
    return f"{parts[0]:04d}-12-31" if end else f"{parts[0]:04d}-01-01"


def _forms(e: Entity) -> set[str]:
    return {norm(x) for x in (*e.names(), *(m.text for m in e.mentions))}


# --- the sample curation against the gold checklist ------------------------------------------

@pytest.mark.parametrize("kind,section", [("person", "persons"), ("place", "places"), ("group", "groups")])
def test_sample_has_every_gold_entity_and_no_other(sample: Extraction, gold: dict, kind: str,
                                                   section: str) -> None:
    mine = [e for e in sample.entities if e.kind == kind]
    assert len(mine) == len(gold[section])
    for g in gold[section]:
        names = {norm(x) for x in (g["label"], *g.get("alt", []), *g.get("mentions", []))}
        hits = [e for e in mine if _forms(e) & names]
        assert len(hits) == 1, g["label"]
        assert norm(hits[0].label) == norm(g["label"])
        # Every gold mention is one of ours, or stands inside one of ours (the bracketed form).
        texts = [" ".join(m.text.split()) for m in hits[0].mentions]
        for mention in g["mentions"]:
            assert any(mention in t for t in texts), (g["label"], mention)
        if g.get("uncertain"):
            assert hits[0].uncertain, g["label"]


def test_sample_dates_are_the_gold_dates(sample: Extraction, gold: dict) -> None:
    want = Counter((g["text"], _day_bounds(g["begin"], False), _day_bounds(g.get("end") or g["begin"], True))
                   for g in gold["dates"])
    assert Counter((d.text, d.begin, d.end) for d in sample.dates) == want
    flags = {g["text"]: (g.get("approximate", False), g.get("relative", False)) for g in gold["dates"]}
    assert {d.text: (d.approximate, d.relative) for d in sample.dates} == flags


def test_sample_quantities_are_the_gold_quantities(sample: Extraction, gold: dict) -> None:
    want = Counter((g["text"], Decimal(str(g["value"])), g["unit"], g["approximate"]) for g in gold["quantities"])
    got = Counter((q.text, q.value, q.unit, q.approximate) for q in sample.quantities)
    assert got == want
    kinds = {g["text"]: g.get("kind") for g in gold["quantities"] if g.get("kind")}
    assert {q.text: q.kind for q in sample.quantities if q.text in kinds} == kinds


def test_sample_author_addressee_and_no_translator(sample: Extraction) -> None:
    assert sample.complete is True
    author = sample.entity(sample.author or "")
    assert author is not None and author.label == "Xinjiang Foreign Affairs Office"
    assert [sample.entity(a).label for a in sample.addressees] == ["Ministry of Foreign Affairs"]  # type: ignore[union-attr]
    assert not any("Kraus" in n for e in sample.entities for n in e.names())


def test_every_span_slices_to_its_text(sample: Extraction, doc: Document) -> None:
    mentions: list[Mention] = [m for e in sample.entities for m in e.mentions]
    for part in (sample.dates, sample.quantities, sample.events, sample.claims, sample.references):
        mentions += [i.mention for i in part if i.mention is not None]  # type: ignore[attr-defined]
    assert len(mentions) > 150
    for m in mentions:
        assert doc.text[m.span.start:m.span.end] == m.text
    for item in (*sample.dates, *sample.quantities):
        assert item.mention is not None and " ".join(item.mention.text.split()) == item.text


def test_items_carry_the_curation_method(sample: Extraction) -> None:
    method = Method("curation", str(SAMPLE))
    items = [*sample.entities, *sample.dates, *sample.quantities, *sample.events, *sample.claims,
             *sample.references]
    assert {i.method for i in items} == {method}
    assert sample.methods == (method,)


def test_names_inside_other_names_are_not_mentions(sample: Extraction, doc: Document) -> None:
    by_key = {e.key: e for e in sample.entities}
    # 'Russians' stands inside 'White [Russians]': only 'ethnic Russian' names that group.
    assert [m.text for m in by_key["russians"].mentions] == ["ethnic Russian"]
    # Only the third 'Uyghur' (the broadcasts); the others belong to the region's name.
    uyghur = find_all(doc.text, "Uyghur")
    assert [m.span for m in by_key["uyghurs"].mentions] == [uyghur[2]]
    # The association's label inside 'Yining Municipal Soviet Nationals Association' is not it.
    yining_sna = by_key["yining-sna"].mentions[0].span
    assert not any(yining_sna.start <= m.span.start < yining_sna.end
                   for m in by_key["soviet-nationals-association"].mentions)
    # A listed mention counts even inside another name: the city in 'Alma-Ata [Almaty] Station'.
    assert [m.text for m in by_key["alma-ata"].mentions] == ["Alma-Ata [Almaty]"]
    # The shorter form inside a longer form of the same place is one mention, not two.
    tacheng = [m.span for m in by_key["tacheng"].mentions]
    assert not any(a != b and b.start <= a.start and a.end <= b.end for a in tacheng for b in tacheng)
    assert "Premier [Zhou\n\nEnlai]" in [m.text for m in by_key["zhou-enlai"].mentions]


def _event(x: Extraction, key: str) -> Event:
    return next(e for e in x.events if e.key == key)


def _values(x: Extraction, keys: tuple[str, ...]) -> list[Decimal | None]:
    return [next(q for q in x.quantities if q.key == k).value for k in keys]


def test_sample_events_say_what_the_cable_says(sample: Extraction) -> None:
    tacheng = _event(sample, "flight-tacheng")
    assert (tacheng.type, tacheng.origin, tacheng.destination, tacheng.time) == (
        "move", "tacheng", "soviet-union", "d-flight-tacheng")
    assert set(tacheng.qualifiers) == {"approximate", "incomplete-statistics", "telephone-report"}
    assert sample.entity(tacheng.actors[0]).kind == "cohort"  # type: ignore[union-attr]
    assert _values(sample, _event(sample, "flight-huocheng").quantities)[0] == 78
    huocheng_time = next(d for d in sample.dates if d.key == _event(sample, "flight-huocheng").time)
    assert (huocheng_time.begin, huocheng_time.end) == ("1962-03-13", "1962-04-20")
    assert {_event(sample, k).origin for k in ("flight-suiding", "flight-yining", "flight-chabuchaer")} == {
        "suiding", "yining", "chabuchaer"}
    assert _values(sample, _event(sample, "consulate-visits").quantities) == [6, 4743]
    assert _values(sample, _event(sample, "vice-consul-visit-january").quantities) == [7, 1373]
    assert _values(sample, _event(sample, "vice-consul-visit-april").quantities) == [4, 1000]
    assert _event(sample, "letter-mao-liu").addressees == ("mao-zedong", "liu-shaoqi")
    assert _values(sample, _event(sample, "letter-zhou").quantities) == [106, 562]
    assert _values(sample, _event(sample, "packages-tacheng-1962").objects) == [562, 4]
    assert _values(sample, _event(sample, "packages-yili-1962").objects) == [2519, 20]
    riders = _event(sample, "armed-riders")
    assert "details-unknown" in riders.qualifiers and riders.time == "d-armed-riders"
    assert _event(sample, "demand-return").addressees == ("soviet-union",)
    assert {(c.subject, c.value) for c in sample.claims} == {
        ("ai-er-de", "soviet-nationals-association"), ("su-li-tang", "yining-sna")}
    # Cohorts are what events and counts are about; none is left unused.
    used = {k for e in sample.events for k in (*e.actors, *e.participants)}
    used |= {q.counts for q in sample.quantities}
    assert {e.key for e in sample.entities if e.kind == "cohort"} <= used


def test_curation_path_sits_next_to_the_record() -> None:
    assert curation_path(Path("corpus/wilson-118180.txt")) == Path("corpus/wilson-118180.curation.yaml")
    assert curation_path(RECORD) == SAMPLE


def test_find_all_folds_whitespace_and_respects_words() -> None:
    text = "the Premier [Zhou\n\nEnlai] and the Hans; Han."
    assert find_all(text, "Premier [Zhou Enlai]") == [Span(4, 25)]
    assert find_all(text, "Han") == [Span(40, 43)]
    assert find_all(text, "  ") == []


# --- forms a curator may use -----------------------------------------------------------------

def test_variant_forms_load(doc: Document) -> None:
    x = load_curation(DATA / "variants.curation.yaml", doc)
    assert x.record_id == "118180" and x.author == "fao" and x.complete is False
    fao = x.entity("fao")
    assert fao is not None and fao.confidence == 1.0 and fao.method.curated
    assert [m.span for m in x.entity("uyghurs").mentions] == [find_all(doc.text, "Uyghur")[2]]  # type: ignore[union-attr]
    zhou = x.entity("zhou-enlai")
    assert zhou is not None and zhou.qid == "Q16977" and zhou.pseudonyms == ("the Premier",)
    twentieth = x.dates[0]
    assert twentieth.mention is not None and twentieth.mention.span == find_all(doc.text, "20 April")[2]
    assert (x.dates[1].begin, x.dates[1].end) == ("1961-01-01", "1961-12-31")
    few = x.quantities[0]
    assert (few.value, few.low, few.high, few.approximate) == (None, 2, 9, True)
    assert x.claims[0].value == "106 families" and x.claims[0].property == "received_letter_from"
    assert [r.key for r in x.references] == ["ref-tacheng", "ref-tacheng-2"]
    assert [r.mention.span for r in x.references] == find_all(doc.text, "Tacheng")[1:3]
    assert [(d.what, d.match) for d in x.deletions] == [
        ("entity", "Chinese government"), ("date", "Since this year"), ("event", "Flight from Tacheng")]


# --- every mistake names the file, the line and the key ----------------------------------------

ERRORS = [
    ("bad-yaml", 7, None, "not valid YAML: expected ',' or ']', but got ':' (in the [...] list that starts "
     "on line 6)"),
    ("empty", 1, None, "the file is empty; it needs at least 'record:' with the record id"),
    ("unknown-key", 5, "lable", "unknown key 'lable' in entity 'tacheng' (did you mean 'label'?); allowed "
     "keys: id, kind, label, type, variants, uncertain, pseudonyms, mentions, wikidata, note"),
    ("unknown-top-key", 2, "entites", "unknown key 'entites' in the file (did you mean 'entities'?); allowed "
     "keys: record, complete, author, addressees, entities, dates, quantities, events, claims, references, "
     "delete, note"),
    ("duplicate-key", 6, "label", "the key 'label' appears twice in the same entry (first on line 5)"),
    ("wrong-type", 6, "variants", "'variants' of entity 'tacheng' must be a list of texts, not the text "
     "'Qoqek'"),
    ("wrong-type-flag", 7, "approximate", "'approximate' of date 'd-flight-tacheng' must be true or false, "
     "not the text 'yes'"),
    ("missing-label", 3, "label", "entity 'tacheng' has no 'label'"),
    ("missing-value", 3, "value", "quantity 'q-fled' needs 'value', or 'low' and 'high' for a range"),
    ("unknown-kind", 4, "kind", "unknown kind 'town' for entity 'tacheng'; use one of: person, place, group, "
     "cohort"),
    ("unknown-event-type", 4, "type", "unknown type 'flight' for event 'flight-tacheng'; use one of: move, "
     "activity, creation, event"),
    ("unknown-qualifier", 7, "qualifiers", "unknown qualifier 'hearsay' for event 'flight-tacheng'; use one "
     "of: approximate, incomplete-statistics, unverified, details-unknown, reported, telephone-report"),
    ("bad-id", 3, "id", "'Tacheng County' is not a valid id for entity 1 (line 3); use lower-case letters, "
     "digits and hyphens, such as 'tacheng-county'"),
    ("duplicate-id", 7, "id", "the id 'tacheng' is declared twice (first on line 3)"),
    ("undeclared-ref", 12, "to", "event 'flight-tacheng' refers to 'soviet-union' in 'to', but no place "
     "with that id is declared"),
    ("wrong-kind-ref", 11, "from", "event 'flight-tacheng' refers to 'mfa' in 'from', but 'mfa' is a group, "
     "not a place"),
    ("mention-not-found", 8, "mentions", "entity 'tacheng': the mention \"Tacheng Prefecture\" does not occur "
     "in the record text"),
    ("quote-not-found", 6, "quote", "event 'flight-tacheng': the quote \"around 3,000 people fled to the "
     "Soviet Union\" does not occur in the record text"),
    ("text-not-found", 4, "text", "quantity 'q-fled': the text \"around 3,000 people\" does not occur in "
     "the record text"),
    ("occurrence-too-high", 4, "text", "date 'd-riders': the text \"on 20 April\" occurs only once in the "
     "record text, so occurrence 2 does not exist"),
    ("invalid-date", 6, "end", "'end' of date 'd-flight-tacheng' is not a valid date: '1962-04-31'; write "
     "YYYY-MM-DD, YYYY-MM or YYYY"),
    ("reversed-date", 6, "end", "date 'd-flight-tacheng' ends (1962-04-10) before it begins (1962-04-20)"),
    ("record-mismatch", 1, "record", "this file is for record '118181', but the record it sits next to is "
     "'118180'"),
    ("bad-property", 9, "property", "'P107_is_member_of' in claim 'c-chair' is not a CIDOC-CRM 7.1.3 "
     "property; write its full local name, such as P107i_is_current_or_former_member_of"),
]


@pytest.mark.parametrize("name,line,field,message", ERRORS, ids=[e[0] for e in ERRORS])
def test_each_mistake_is_one_clear_line(doc: Document, name: str, line: int, field: str | None,
                                        message: str) -> None:
    path = DATA / f"{name}.curation.yaml"
    with pytest.raises(CurationError) as info:
        load_curation(path, doc)
    err = info.value
    assert (err.message, err.line, err.field, err.path) == (message, line, field, str(path))
    assert "\n" not in str(err) and str(err).startswith(f"{path}:{line}")


def test_every_error_file_has_a_case() -> None:
    files = {p.name.removesuffix(".curation.yaml") for p in DATA.glob("*.curation.yaml")}
    assert files - {"variants"} == {e[0] for e in ERRORS}


def test_unreadable_file_is_a_curation_error(doc: Document, tmp_path: Path) -> None:
    with pytest.raises(CurationError, match="cannot read the curation file"):
        load_curation(tmp_path / "missing.curation.yaml", doc)
    latin = tmp_path / "latin.curation.yaml"
    latin.write_bytes('record: "118180"\nnote: "caf\xe9"\n'.encode("latin-1"))
    with pytest.raises(CurationError, match="not UTF-8"):
        load_curation(latin, doc)


# --- drafts ------------------------------------------------------------------------------------

def _same_method(x: Extraction, method: Method) -> Extraction:
    def fix(items: tuple) -> tuple:
        return tuple(dataclasses.replace(i, method=method) for i in items)
    return dataclasses.replace(x, entities=fix(x.entities), dates=fix(x.dates), quantities=fix(x.quantities),
                               events=fix(x.events), claims=fix(x.claims), references=fix(x.references),
                               methods=(method,))


def test_draft_of_the_sample_reads_back_identical(sample: Extraction, doc: Document, tmp_path: Path) -> None:
    path = tmp_path / "wilson-118180.curation.yaml"
    path.write_text(to_draft_yaml(sample, doc), encoding="utf-8")
    again = load_curation(path, doc)
    method = Method("curation", "x")
    assert _same_method(again, method) == _same_method(sample, method)
    # Drafting is stable: the draft of the draft is the same text.
    assert to_draft_yaml(_same_method(again, method), doc) == to_draft_yaml(_same_method(sample, method), doc)


def _at(doc: Document, text: str, n: int = 1) -> Mention:
    span = find_all(doc.text, text)[n - 1]
    return Mention(doc.text[span.start:span.end], span)


def test_draft_of_automatic_items_reads_back(doc: Document, tmp_path: Path) -> None:
    rules = Method("rules", "0.1", rule="place-bracket")
    auto = Extraction("118180", entities=(
        Entity("tacheng county", "place", "Tacheng County", mentions=(_at(doc, "Tacheng County", 2),),
               method=rules, confidence=0.8),
        Entity("Soviet Union", "place", "Soviet Union", mentions=(_at(doc, "Soviet Union", 3),),
               method=rules, confidence=0.9)),
        dates=(TimeSpan("d1", "from 10 April through 20 April", "1962-04-10", "1962-04-20",
                        mention=_at(doc, "from 10 April through 20 April"), method=rules),
               TimeSpan("d2", "in January", "1962-01-01", "1962-01-31", mention=_at(doc, "in January"),
                        method=rules)),
        quantities=(Quantity("q1", "around 2,000 people", "person", value=Decimal(2000),
                             approximation="around", counts="people who fled",
                             mention=_at(doc, "around 2,000 people"), method=rules),),
        events=(Event("e1", "move", "Flight", subtype="flight", actors=("Soviet Union",),
                      origin="tacheng county", destination="Soviet Union", time="d1", quantities=("q1",),
                      qualifiers=("approximate", "not-a-qualifier"),
                      mention=_at(doc, "around 2,000 people fled to the Soviet Union"), method=rules),))
    text = to_draft_yaml(auto, doc)
    assert "method: rules 0.1 (place-bracket)" in text and "confidence: 0.8" in text
    assert "passage: According to incomplete statistics" in text
    path = tmp_path / "draft.curation.yaml"
    path.write_text(text, encoding="utf-8")
    back = load_curation(path, doc)
    assert [e.key for e in back.entities] == ["tacheng-county", "soviet-union"]
    # The draft names the occurrence the rule found; the label then finds its other occurrences.
    for before, after in zip(auto.entities, back.entities, strict=True):
        assert {m.span for m in before.mentions} < {m.span for m in after.mentions}
        assert {m.span for m in after.mentions} == set(find_all(doc.text, before.label))
    assert "mentions: [{text: Tacheng County, occurrence: 2}]" in text
    assert [(d.begin, d.end, d.mention) for d in back.dates] == [(d.begin, d.end, d.mention) for d in auto.dates]
    assert re.search(r"begin: '?1962-01'?\n", text)
    q = back.quantities[0]
    assert (q.value, q.approximation, q.counts, q.mention) == (2000, "around", "people who fled",
                                                                auto.quantities[0].mention)
    ev = back.events[0]
    assert (ev.origin, ev.destination, ev.actors, ev.time, ev.quantities, ev.qualifiers) == (
        "tacheng-county", "soviet-union", ("soviet-union",), "d1", ("q1",), ("approximate",))
    assert ev.mention == auto.events[0].mention


def test_the_guide_documents_every_key_and_term() -> None:
    from archivekg import curation
    from archivekg.curation_check import ENTITY_KINDS, QUALIFIERS
    guide = (ROOT / "docs" / "curation.md").read_text(encoding="utf-8")
    keys = {k for name in dir(curation) if name.endswith("_KEYS") for k in getattr(curation, name)}
    for key in sorted(keys):
        assert re.search(rf"(^|\s|[{{\[]){re.escape(key)}:", guide, re.M), key
    for term in (*ENTITY_KINDS, *QUALIFIERS, *curation.QUANTITY_KINDS, "move", "activity", "creation"):
        assert re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", guide), term


# --- any automatic extraction drafts to a file the loader accepts ---------------------------------

def _words(doc: Document) -> list[Span]:
    return [Span(m.start(), m.end()) for m in re.finditer(r"\w[\w'-]*", doc.text)]


def _extractions(doc: Document):  # type: ignore[no-untyped-def]
    from hypothesis import strategies as st
    words = _words(doc)
    rules = Method("rules", "0.1")

    @st.composite
    def span(draw, longest: int = 3) -> Mention:  # type: ignore[no-untyped-def]
        i = draw(st.integers(0, len(words) - 1))
        j = min(len(words) - 1, i + draw(st.integers(0, longest - 1)))
        s = Span(words[i].start, words[j].end)
        return Mention(doc.text[s.start:s.end], s)

    keys = st.text(alphabet="abcXY -_.9", min_size=1, max_size=6)
    entity = st.builds(lambda k, kind, ms, label, note, qid: Entity(
        k, kind, label if label is not None else ms[0].text, mentions=tuple(ms), note=note, qid=qid,
        variants=("", " Qoqek "), method=rules), keys, st.sampled_from(["person", "place", "group"]),
        st.lists(span(), min_size=1, max_size=3), st.sampled_from([None, "", "X"]),
        st.sampled_from([None, "  ", "a note"]), st.sampled_from([None, "Q42", "q42", "Q0"]))
    date = st.builds(lambda k, m, a, b: TimeSpan(k, m.text, f"1962-0{min(a, b)}-01", f"1962-0{max(a, b)}-28",
                                                   mention=m, method=rules),
                     keys, span(), st.integers(1, 9), st.integers(1, 9))
    quantity = st.builds(lambda k, m, v, unit: Quantity(k, m.text, unit, value=v, mention=m, method=rules),
                         keys, span(), st.one_of(st.none(), st.decimals(0, 10**6, places=1)),
                         st.sampled_from(["person", "", "ton"]))

    @st.composite
    def extraction(draw) -> Extraction:  # type: ignore[no-untyped-def]
        ents = draw(st.lists(entity, max_size=6, unique_by=lambda e: e.key))
        dates = draw(st.lists(date, max_size=3, unique_by=lambda d: d.key))
        qs = draw(st.lists(quantity, max_size=3, unique_by=lambda q: q.key))
        any_key = st.sampled_from([e.key for e in ents] + ["missing"])
        events = draw(st.lists(st.builds(
            lambda k, m, t, a, o, q: Event(k, t, "", actors=(a,), origin=o, time=dates[0].key if dates else None,
                                           quantities=tuple(x.key for x in qs), qualifiers=(q,), mention=m,
                                           method=rules),
            keys, span(12), st.sampled_from(["move", "activity", "nonsense"]), any_key, any_key,
            st.sampled_from(["approximate", "hearsay"])), max_size=3, unique_by=lambda e: e.key))
        claims = draw(st.lists(st.builds(
            lambda k, m, s, p, v: Claim(k, s, p, v, mention=m, method=rules),
            keys, span(8), any_key, st.sampled_from(["P3_has_note", "P3_bad", "x y", "note"]),
            st.sampled_from(["", "a value", "missing"])), max_size=3, unique_by=lambda c: c.key))
        return Extraction("118180", entities=tuple(ents), dates=tuple(dates), quantities=tuple(qs),
                          events=tuple(events), claims=tuple(claims), methods=(rules,))

    return extraction()


def test_any_automatic_extraction_drafts_to_a_loadable_file(doc: Document, tmp_path: Path) -> None:
    from hypothesis import HealthCheck, given, settings

    path = tmp_path / "draft.curation.yaml"

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(_extractions(doc))
    def check(auto: Extraction) -> None:
        path.write_text(to_draft_yaml(auto, doc), encoding="utf-8")
        back = load_curation(path, doc)
        assert len(back.entities) == len(auto.entities)
        for before, after in zip(auto.entities, back.entities, strict=True):
            spans = {m.span for m in after.mentions}
            # Every span the rules found is kept, or lies inside a longer mention of the same entity.
            for m in before.mentions:
                assert m.span in spans or any(o.start <= m.span.start and m.span.end <= o.end for o in spans)
        kept = {d.mention.span for d in back.dates if d.mention}
        assert kept == {d.mention.span for d in auto.dates if d.mention}
        assert [q.value for q in back.quantities] == [q.value for q in auto.quantities
                                                       if q.value is not None and q.unit]

    check()
