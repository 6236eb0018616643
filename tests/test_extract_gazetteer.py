"""What the corpus teaches: a name typed in one record types it in another."""
from __future__ import annotations

from archivekg.extract import build_gazetteer, extract
from archivekg.extract.gazetteer import Gazetteer
from archivekg.records import Document


def doc(rid: str, text: str) -> Document:
    return Document(path=f"{rid}.txt", record_id=rid, title="Report", text=text, date="1962-04-21",
                    body_end=len(text))


TEACHER = doc("a", "Residents fled from Kuerle [Korla] and from Bole [Bortala] County.")
LEARNER = doc("b", "The Kuerle situation is calm; Bole is quiet.")


def kinds(d: Document, gaz: Gazetteer | None) -> dict[str, str]:
    return {e.label: e.kind for e in extract(d, gaz).entities}


def test_names_seen_in_other_records_are_typed() -> None:
    assert "Kuerle" not in kinds(LEARNER, None)
    gaz = build_gazetteer([TEACHER, LEARNER])
    assert gaz.kind_of(["Kuerle"]) == "place" and gaz.kind_of(["Korla"]) == "place"
    learned = kinds(LEARNER, gaz)
    assert learned.get("Kuerle") == "place" and learned.get("Bole") == "place"


def test_names_seen_with_two_kinds_are_not_learned() -> None:
    a = doc("a", "Ambassador Bole said that the talks were useful.")
    b = doc("b", "They fled from Bole [Bortala] County.")
    gaz = build_gazetteer([a, b])
    assert gaz.kind_of(["Bole"]) is None
    assert len(gaz) > 0
