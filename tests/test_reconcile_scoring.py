"""Pure parts: item parsing and class walking on real records, scoring, decisions, identity."""
from __future__ import annotations

import json
from pathlib import Path

from archivekg.reconcile import EntityRef, unify
from archivekg.reconcile.classes import ClassGraph, ClassInfo
from archivekg.reconcile.items import parse_item
from archivekg.reconcile.names import core, fold, levels_of, search_forms
from archivekg.reconcile.scoring import Context, Scored, decide, score
from archivekg.records import Link

REAL = Path(__file__).parent / "data" / "wikidata" / "real"


def real(qid: str) -> dict[str, object]:
    return json.loads((REAL / f"{qid}.json").read_text(encoding="utf-8"))


def real_classes(ids: list[str]) -> dict[str, ClassInfo]:
    out = {}
    for q in ids:
        if (REAL / f"{q}.json").is_file():
            item = parse_item(q, real(q))
            out[q] = ClassInfo(q, item.label or "", item.p279)
    return out


def test_real_soviet_union_record_is_read() -> None:
    su = parse_item("Q15180", real("Q15180"))
    assert su.label == "Soviet Union" and "USSR" in su.names and "СССР" in su.names
    assert "Q3024240" in su.p31 and "Q3624078" in su.p31
    assert (su.inception, su.dissolved) == (1922, 1991)
    assert su.coordinates == (90.0, 65.0) and su.precision == 1


def test_class_walk_over_real_class_records() -> None:
    asked: list[list[str]] = []

    def fetch(ids: list[str]) -> dict[str, ClassInfo]:
        asked.append(ids)
        return real_classes(ids)

    graph = ClassGraph(fetch, known={})
    # Real record: "city" P279 "human settlement"; an unknown class under city is walked up.
    graph.classes.pop("Q515")
    graph.load(["Q515"])
    assert asked == [["Q515"]]
    assert graph.fit("place", ["Q515"]).status == "match"
    assert graph.fit("person", ["Q515"]).status == "wrong"
    assert graph.fit("place", ["Q5"]).status == "wrong"  # a human is never the place named after them
    assert graph.fit("person", ["Q5"]).status == "match"
    assert graph.fit("group", ["Q43229"]).status == "match"
    assert graph.fit("place", ["Q999"]).status == "unknown"
    assert graph.fit("place", ["Q3024240"]).levels == ("country",)


def test_dissolved_state_scores_by_document_date() -> None:
    su = parse_item("Q15180", real("Q15180"))
    graph = ClassGraph()
    fit = graph.fit("place", su.p31)
    assert fit.status == "match"
    in_1962 = score(su, Context("place", ("Soviet Union",), ("country",), 1962), fit, {})
    in_1995 = score(su, Context("place", ("Soviet Union",), ("country",), 1995), fit, {})
    in_1905 = score(su, Context("place", ("Soviet Union",), ("country",), 1905), fit, {})
    assert in_1962.part("date") == 1.0 and in_1962.total == 1.0
    assert in_1995.part("date") == -0.5 and "dissolved-before" in in_1995.flags
    assert in_1905.part("date") == -1.0 and "not-yet-existing" in in_1905.flags
    assert in_1962.total > in_1995.total > in_1905.total


def test_russian_empire_is_a_historical_country_not_a_match_for_ussr() -> None:
    empire = parse_item("Q34266", real("Q34266"))
    fit = ClassGraph().fit("place", empire.p31)
    s = score(empire, Context("place", ("Soviet Union",), (), 1962), fit, {})
    assert fit.status == "match" and s.part("name") < 0.9 and s.total < 0.8


def test_decide_needs_threshold_margin_type_and_exact_name() -> None:
    def s(q: str, total: float, name: float = 1.0, status: str = "match") -> Scored:
        return Scored(q, q, None, total, (("name", name),), type_status=status)

    assert decide([s("Q1", 0.95), s("Q2", 0.7)], 0.8, 0.15).status == "auto"
    assert decide([s("Q1", 0.95), s("Q2", 0.9)], 0.8, 0.15).status == "review"
    assert decide([s("Q1", 0.75)], 0.8, 0.15).status == "review"
    assert decide([s("Q1", 0.9, name=0.6)], 0.8, 0.15).status == "review"
    assert decide([s("Q1", 0.9, status="unknown")], 0.8, 0.15).status == "review"
    assert decide([s("Q1", 0.9, status="likely")], 0.8, 0.15).status == "auto"
    assert decide([], 0.8, 0.15).status == "none"


def test_names() -> None:
    assert fold("Ürümqi") == fold("urumqi")
    assert core("Huocheng County") == "huocheng" and core("Kezileisu Prefecture") == "kezileisu"
    assert levels_of("prefecture-level city") == {"city"}
    assert levels_of("Yili Autonomous Prefecture") == {"prefecture"}
    assert search_forms(("Tie-lie-ke [sic]", "Huocheng County")) == ("Tie-lie-ke", "Huocheng County",
                                                                      "Tielieke", "Huocheng")


def ref(iri: str, label: str, *names: str, kind: str = "place", record: str = "r1") -> EntityRef:
    return EntityRef(iri, kind, label, names=names, record_ids=(record,))


def test_identity_by_qid_then_by_name() -> None:
    refs = [ref("a:tacheng-1", "Tacheng", "Qoqek"), ref("b:qoqek", "Qoqek", record="r2"),
            ref("c:tacheng-city", "Tacheng City", record="r3"), ref("d:tacheng-2", "Tacheng", record="r4"),
            ref("e:kirov", "Kirov", kind="person")]
    links = [Link("a:tacheng-1", "Q648696", 1.0), Link("c:tacheng-city", "Q648696", 1.0)]
    ident = unify(refs, links)
    assert ident.iri("c:tacheng-city") == "a:tacheng-1"  # same QID, different names
    assert ident.iri("b:qoqek") == "a:tacheng-1"  # shares the variant Qoqek
    assert ident.iri("d:tacheng-2") == "a:tacheng-1"  # same normalised name and kind
    assert ident.iri("e:kirov") == "e:kirov"
    assert ident.conflicts == ()


def test_two_qids_under_one_name_are_reported_not_merged() -> None:
    refs = [ref("a:ili", "Ili"), ref("b:ili", "Ili", record="r2"), ref("c:ili", "Ili", record="r3")]
    links = [Link("a:ili", "Q990000051", 1.0), Link("b:ili", "Q990000052", 1.0)]
    ident = unify(refs, links)
    assert ident.iri("a:ili") != ident.iri("b:ili")
    assert ident.iri("c:ili") == "c:ili"  # unlinked, under a contested name: left alone
    assert len(ident.conflicts) == 1 and "Q990000051" in ident.conflicts[0] and "Q990000052" in ident.conflicts[0]


def test_kinds_never_merge() -> None:
    ident = unify([ref("a:kirov", "Kirov"), ref("b:kirov", "Kirov", kind="person")], [])
    assert len(ident.groups) == 2


def test_kind_inferred_when_classes_are_unknown() -> None:
    from archivekg.reconcile.classes import TypeFit, inferred

    unknown = TypeFit("unknown")
    assert inferred("place", unknown, has_coordinates=True, has_birth=False,
                    description_levels={"city"}).status == "likely"
    assert inferred("place", unknown, has_coordinates=True, has_birth=False,
                    description_levels=set()).status == "unknown"  # a ship or a building
    assert inferred("person", unknown, has_coordinates=False, has_birth=True,
                    description_levels=set()).status == "likely"
    assert inferred("person", unknown, has_coordinates=True, has_birth=False,
                    description_levels={"city"}).status == "unknown"
    assert inferred("group", unknown, has_coordinates=True, has_birth=True,
                    description_levels={"city"}).status == "unknown"
    assert inferred("place", TypeFit("wrong"), has_coordinates=True, has_birth=False,
                    description_levels={"city"}).status == "wrong"
