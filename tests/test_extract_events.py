"""Events, claims, references and the author: anchored to sentences, every key resolvable."""
from __future__ import annotations

from pathlib import Path

import pytest

from archivekg.extract import RULESET_VERSION, extract
from archivekg.ingest import read_record
from archivekg.records import Document, Extraction

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "wilson-118180.txt"


def doc(text: str, title: str = "Report", date: str | None = "1962-04-21") -> Document:
    return Document(path="test.txt", record_id="t1", title=title, text=text, date=date, body_end=len(text))


@pytest.fixture(scope="module")
def sample() -> tuple[Document, Extraction]:
    d = read_record(SAMPLE)
    return d, extract(d)


def test_flight_from_x_to_y_with_cohort_time_and_qualifiers() -> None:
    text = ("According to incomplete statistics given during a telephone report, around 2,000 people fled to "
            "the Soviet Union from Tacheng County from 10 April through 20 April.")
    ex = extract(doc(text))
    (ev,) = ex.events
    assert (ev.type, ev.subtype) == ("move", "flight")
    places = {e.key: e.label for e in ex.entities}
    assert places[ev.origin or ""] == "Tacheng County" and places[ev.destination or ""] == "Soviet Union"
    (cohort,) = [e for e in ex.entities if e.key in ev.actors]
    assert cohort.kind == "cohort" and cohort.label == "around 2,000 people"
    assert ex.dates[0].key == ev.time and ex.dates[0].begin == "1962-04-10"
    assert {"incomplete-statistics", "telephone-report"} <= set(ev.qualifiers)
    assert ev.mention is not None and ev.mention.text == text


def test_statement_yields_a_claim_with_what_was_said() -> None:
    ex = extract(doc("Comrade Kim Il Sung said that the Volunteers would leave Korea in three stages."))
    (ev,) = ex.events
    assert ev.subtype == "statement" and ev.actors == ("kim-il-sung",)
    (claim,) = ex.claims
    assert claim.subject == ev.key and claim.value.startswith("the Volunteers would leave Korea")


def test_letter_to_a_person_is_addressed_to_them() -> None:
    ex = extract(doc("One letter to the Premier [Zhou Enlai] was signed by 106 families, or 562 people."))
    (ev,) = ex.events
    assert ev.type == "creation" and ev.addressees == ("zhou-enlai",)
    assert "zhou-enlai" not in ev.actors


def test_sentences_without_a_pattern_are_references() -> None:
    ex = extract(doc("The situation in Tacheng is tense. Yining had 300 residents in 1961."))
    assert not ex.events
    assert [r.entities for r in ex.references] == [("tacheng",), ("yining",)]
    assert ex.references[1].dates and ex.references[1].quantities


def test_author_and_addressee_from_title_and_salutation(sample: tuple[Document, Extraction]) -> None:
    _, ex = sample
    assert ex.author == "xinjiang-foreign-affairs-office"
    assert ex.addressees == ("ministry-of-foreign-affairs",)


def test_every_item_is_anchored_explained_and_resolvable(sample: tuple[Document, Extraction]) -> None:
    d, ex = sample
    keys = [e.key for e in ex.entities] + [t.key for t in ex.dates] + [q.key for q in ex.quantities] + \
        [v.key for v in ex.events] + [c.key for c in ex.claims] + [r.key for r in ex.references]
    assert len(keys) == len(set(keys))
    known = set(keys)
    for item in (*ex.dates, *ex.quantities, *ex.events, *ex.claims):
        assert item.method.name == "rules" and item.method.version == RULESET_VERSION and item.method.rule
        assert 0 < item.confidence <= 1
        m = item.mention
        assert m is not None and d.text[m.span.start:m.span.end] == m.text
    for ev in ex.events:
        refs = [*ev.actors, *ev.participants, *ev.places, *ev.quantities, *ev.objects, *ev.addressees]
        refs += [x for x in (ev.origin, ev.destination, ev.time) if x]
        assert set(refs) <= known
    for r in ex.references:
        assert set(r.entities) | set(r.dates) | set(r.quantities) <= known
    for t in ex.dates:
        assert t.begin <= t.end
    assert ex.author in known


def test_same_record_same_extraction(sample: tuple[Document, Extraction]) -> None:
    d, ex = sample
    assert extract(d) == ex


def test_what_cannot_be_modelled_is_reported() -> None:
    ex = extract(doc("On 20 April the Zorbian Delegation came, and last winter Qixwell Trump arrived.", date=None))
    assert not ex.dates
    reported = "\n".join(ex.unmodelled)
    assert "'20 April'" in reported and "'last winter'" in reported and "'Qixwell Trump'" in reported
    assert "no document date" in reported
