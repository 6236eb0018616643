"""Merging automatic items with a curator's file: curated wins, deletions apply, complete rules."""
from __future__ import annotations

import dataclasses
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from archivekg.curation import find_all, load_curation
from archivekg.merge import merge
from archivekg.records import Claim, Document, Entity, Event, Extraction, Mention, Method, Quantity, TimeSpan

sys.path.insert(0, str(Path(__file__).parent))
from test_curation import SAMPLE, read_sample

RULES = Method("rules", "0.1")


@pytest.fixture(scope="module")
def doc() -> Document:
    return read_sample()


def at(doc: Document, text: str, n: int = 1) -> Mention:
    span = find_all(doc.text, text)[n - 1]
    return Mention(doc.text[span.start:span.end], span)


def automatic(doc: Document) -> Extraction:
    """What a rule set might find in the sample: some right, some wrong, some partial."""
    return Extraction("118180", methods=(RULES,), author="xinjiang foreign affairs office", entities=(
        Entity("tacheng county", "place", "Tacheng County", mentions=(at(doc, "Tacheng County"),), method=RULES),
        Entity("tacheng", "group", "Tacheng", mentions=(at(doc, "Tacheng", 2),), method=RULES),
        Entity("chinese government", "place", "Chinese government", mentions=(at(doc, "Chinese government"),),
               method=RULES),
        Entity("xinjiang foreign affairs office", "group", "Xinjiang Foreign Affairs Office",
               mentions=(at(doc, "Xinjiang Foreign Affairs Office"),), method=RULES),
        Entity("beijing", "place", "Beijing", mentions=(at(doc, "Beijing"),), method=RULES)),
        dates=(TimeSpan("t1", "10 April through 20 April", "1962-04-10", "1962-04-20",
                        mention=at(doc, "10 April through 20 April"), method=RULES),
               TimeSpan("t2", "in January", "1962-01-01", "1962-01-31", mention=at(doc, "in January"),
                        method=RULES),
               TimeSpan("t3", "in 1961", "1961-01-01", "1961-12-31", mention=at(doc, "in 1961"), method=RULES)),
        quantities=(Quantity("n1", "2,000 people", "person", value=Decimal(2000), counts="tacheng county",
                             mention=at(doc, "2,000 people"), method=RULES),
                    Quantity("n2", "1,777 packages", "package", value=Decimal(1777),
                             mention=at(doc, "1,777 packages"), method=RULES)),
        events=(Event("v1", "move", "Flight", actors=("chinese government",), origin="tacheng county",
                      destination="beijing", time="t1", quantities=("n1",),
                      mention=at(doc, "2,000 people fled to the Soviet Union"), method=RULES),
                Event("v2", "activity", "Something in January", time="t2", actors=("tacheng",),
                      mention=at(doc, "The Yili Vice-Consul went to Tacheng"), method=RULES)),
        claims=(Claim("k1", "chinese government", "P3_has_note", "agrees",
                      mention=at(doc, "as long as the Chinese government agrees"), method=RULES),
                Claim("k2", "beijing", "P3_has_note", "letters go there",
                      mention=at(doc, "you can write letters to Yili"), method=RULES)))


CURATION = """\
record: "118180"
author: fao
entities:
  - id: tacheng
    kind: place
    label: Tacheng
    variants: [Tacheng County]
  - id: fao
    kind: group
    label: Xinjiang Foreign Affairs Office
  - id: cohort
    kind: cohort
    label: People who fled from Tacheng County
dates:
  - id: d-flight
    text: from 10 April through 20 April
    begin: 1962-04-10
    end: 1962-04-20
quantities:
  - id: q-fled
    text: around 2,000 people
    value: 2000
    unit: person
    approximation: around
    counts: cohort
events:
  - id: flight
    type: move
    label: Flight from Tacheng County
    quote: around 2,000 people fled to the Soviet Union from Tacheng County
    actors: [cohort]
    from: tacheng
    time: d-flight
    quantities: [q-fled]
  - id: visit
    type: creation
    label: Not the same type as the automatic activity
    quote: The Yili Vice-Consul went to Tacheng for seven days
delete:
  entities: [Chinese Government]
  dates: [in January]
"""


def curated(doc: Document, tmp_path: Path, text: str = CURATION) -> Extraction:
    path = tmp_path / "x.curation.yaml"
    path.write_text(text, encoding="utf-8")
    return load_curation(path, doc)


def keys(items: tuple) -> list[str]:
    return [i.key for i in items]


def test_without_curation_the_automatic_items_stay_in_text_order(doc: Document) -> None:
    auto = automatic(doc)
    merged = merge(auto, None)
    assert sorted(keys(merged.entities)) == sorted(keys(auto.entities))
    starts = [e.mentions[0].span.start for e in merged.entities]
    assert starts == sorted(starts)
    assert merged.events == tuple(sorted(auto.events, key=lambda e: e.mention.span.start))  # type: ignore[union-attr]


def test_curated_items_replace_the_automatic_ones_they_match(doc: Document, tmp_path: Path) -> None:
    merged = merge(automatic(doc), curated(doc, tmp_path))
    # 'Tacheng County' (a place) is curated 'tacheng'; 'Tacheng' as a group is another thing.
    tacheng = merged.entity("tacheng")
    assert tacheng is not None and tacheng.method.curated and tacheng.kind == "place"
    assert merged.entity("tacheng county") is None
    other = merged.entity("tacheng-auto")
    assert other is not None and other.kind == "group" and other.method == RULES
    assert merged.entity("fao").method.curated  # type: ignore[union-attr]
    assert merged.entity("xinjiang foreign affairs office") is None
    # Overlapping dates and quantities: the curated one, with its own words.
    assert [d.key for d in merged.dates] == ["d-flight", "t3"]
    assert [q.key for q in merged.quantities] == ["q-fled", "n2"]
    # Overlapping passage and the same type: the curated event; another type: both stay.
    assert keys(merged.events) == ["flight", "v2", "visit"]
    v2 = next(e for e in merged.events if e.key == "v2")
    assert v2.actors == ("tacheng-auto",)  # re-pointed to the renamed automatic group


def test_surviving_automatic_items_point_to_what_replaced_them(doc: Document, tmp_path: Path) -> None:
    auto = automatic(doc)
    # An automatic event the curator did not write, referring to replaced items.
    # Two automatic places that are both the curated Tacheng become one actor.
    place = Entity("tacheng place", "place", "Tacheng", mentions=(at(doc, "Tacheng", 3),), method=RULES)
    other = Event("v3", "activity", "Sending", actors=("tacheng county", "chinese government", "tacheng place"),
                  origin="tacheng county", time="t1", quantities=("n1", "n2"),
                  mention=at(doc, "the Soviet Union sent 1,777 packages"), method=RULES)
    auto = dataclasses.replace(auto, entities=(*auto.entities, place), events=(*auto.events, other))
    merged = merge(auto, curated(doc, tmp_path))
    v3 = next(e for e in merged.events if e.key == "v3")
    assert (v3.actors, v3.origin, v3.time, v3.quantities) == (("tacheng",), "tacheng", "d-flight",
                                                              ("q-fled", "n2"))
    assert merged.author == "fao"


def test_delete_removes_automatic_items_and_what_hangs_on_them(doc: Document, tmp_path: Path) -> None:
    merged = merge(automatic(doc), curated(doc, tmp_path))
    assert not any(e.label == "Chinese government" for e in merged.entities)  # deleted by name, any case
    assert not any(d.text == "in January" for d in merged.dates)
    v2 = next(e for e in merged.events if e.key == "v2")
    assert v2.time is None  # its date was deleted
    # The claim about the deleted entity goes; the claim about Beijing stays.
    assert keys(merged.claims) == ["k2"]
    assert [(d.what, d.match) for d in merged.deletions] == [("entity", "Chinese Government"),
                                                             ("date", "in January")]


def test_complete_keeps_only_curated_items(doc: Document, tmp_path: Path) -> None:
    cur = curated(doc, tmp_path, CURATION.replace('record: "118180"\n', 'record: "118180"\ncomplete: true\n'))
    merged = merge(automatic(doc), cur)
    assert merged.complete
    items = [*merged.entities, *merged.dates, *merged.quantities, *merged.events, *merged.claims]
    assert items and all(i.method.curated for i in items)
    assert merged.methods == cur.methods
    assert sorted(keys(merged.entities)) == sorted(keys(cur.entities))


def test_the_complete_sample_curation_wins_outright(doc: Document) -> None:
    cur = load_curation(SAMPLE, doc)
    merged = merge(automatic(doc), cur)
    assert sorted(keys(merged.events)) == sorted(keys(cur.events))
    assert len(merged.entities) == len(cur.entities) and len(merged.quantities) == 25 and len(merged.dates) == 10


def test_merge_is_deterministic_and_pure(doc: Document, tmp_path: Path) -> None:
    auto, cur = automatic(doc), curated(doc, tmp_path)
    first = merge(auto, cur)
    assert merge(auto, cur) == first
    shuffled = dataclasses.replace(auto, entities=auto.entities[::-1], dates=auto.dates[::-1],
                                   quantities=auto.quantities[::-1], events=auto.events[::-1],
                                   claims=auto.claims[::-1])
    assert merge(shuffled, cur) == first
    assert auto == automatic(doc)  # inputs untouched
    for part in (first.entities, first.dates, first.quantities, first.events, first.claims):
        order = [((i.mentions[0].span.start if i.mentions else sys.maxsize) if isinstance(i, Entity)
                  else (i.mention.span.start if i.mention else sys.maxsize), i.key) for i in part]
        assert order == sorted(order)
    assert first.methods == (RULES, cur.methods[0])
