"""Text written in capitals: ordinary English words lower-cased, other words kept as names."""
from __future__ import annotations

from pathlib import Path

from archivekg.extract.recase import recase
from archivekg.extract.wordlist import extend, is_ordinary

CAPS = ("ALSO PRESENT WERE THE MINISTER XUAN THUY AND THE HEAD OF THE DEPARTMENT. THE AMERICAN AIR RAIDS ON "
        "DONG HOI ON 7 FEBRUARY SHOWED THAT AIRCRAFT STRUCK POINTS NEAR UDORN. I CONSIDER IT NECESSARY TO "
        "INSTRUCT THE MINISTRY OF DEFENCE AND THE STATE COMMITTEE FOR FOREIGN ECONOMIC RELATIONS.\n")


def test_words_that_are_no_english_stay_names() -> None:
    out = recase(CAPS)
    assert len(out) == len(CAPS)
    for name in ("Xuan Thuy", "Dong Hoi", "Udorn"):
        assert name in out
    for word in ("present", "raids", "struck", "points", "necessary", "instruct"):
        assert f" {word} " in out


def test_bodies_named_in_capitals_keep_their_name() -> None:
    out = recase(CAPS)
    assert "the Ministry of Defence" in out
    assert "the State Committee for Foreign Economic Relations" in out
    assert "the department." in out  # a bare head names nothing


def test_ordinary_words_by_ending_and_compound() -> None:
    known = frozenset({"attack", "plan", "high", "air", "surface"})
    assert is_ordinary("attacking", known) and is_ordinary("planned", known) and is_ordinary("highly", known)
    assert is_ordinary("surface-to-air", known)
    assert not is_ordinary("thuy", known) and not is_ordinary("udorn", known)


def test_a_line_in_capitals_with_a_mixed_case_bracket_is_recased_and_the_bracket_kept() -> None:
    line = "SOME 400 MEMBERS OF SOHYO [General Council of Trade Unions of Japan] MARCHED TO THE DIET TODAY.\n"
    out = recase(line)
    assert "marched" in out and "[General Council of Trade Unions of Japan]" in out


def test_words_with_diacritics_in_capitals_are_names() -> None:
    out = recase("THE DRIVER, SERGEANT PAVEL DVOŘÁČEK, AND THE GUARD TOMÁŠ KLÍMA FLED ACROSS THE BORDER.\n")
    assert "Dvořáček" in out and "Tomáš Klíma" in out


def test_bodies_with_general_heads_named_in_capitals() -> None:
    out = recase("OFFICERS OF THE TRAFFIC BUREAU OF THE METROPOLITAN POLICE AGENCY AND OF THE SHINJUKU POLICE "
                 "STATION QUESTIONED HIM, BUT THE LOCAL POLICE SAID NOTHING TO THE PRESS.\n")
    assert "the Traffic Bureau of the Metropolitan Police Agency and" in out
    assert "the Shinjuku Police Station" in out and "the local police" in out


def test_a_letterhead_in_capitals_names_a_body_with_all_its_words() -> None:
    text = ("The report follows, written in the usual way by the staff.\nSTATE COMMITTEE FOR PUBLIC SECURITY\n"
            "2ND OPERATIVE DEPARTMENT\nTHE MINISTRY REPLIES\nThe text goes on in ordinary case here.\n")
    out = recase(text)
    assert "State Committee for Public Security" in out and "2nd Operative Department" in out
    assert "the ministry replies" in out.lower() and "Ministry Replies" not in out


def test_weekday_names_in_capitals_are_capitalised_like_months() -> None:
    text = recase("THE MINISTER RETURNS ON MONDAY AND LEAVES IN MAY.")
    assert "Monday" in text and "May" in text and "leaves" in text


def test_more_records_teach_words_written_in_lower_case_in_three_of_them(tmp_path: Path) -> None:
    texts = ["The delegation will abrogate the treaty; Director Kowalski [Kowalsky] came.",
             "We must not abrogate it. The loan [kredyt] is ready.",
             "They abrogate nothing, said the director, and a loan is a loan."]
    paths = []
    for k, text in enumerate(texts):
        paths.append(tmp_path / f"r{k}.txt")
        paths[-1].write_text(text, encoding="utf-8")
    words = extend(["treaty"], paths)
    assert "abrogate" in words and "treaty" in words
    assert "loan" not in words  # (in two records only: the third writes it in a bracket)
    assert "director" not in words and "kowalsky" not in words  # (a title; a bracket)
    assert extend(["treaty"], paths, min_records=4) == ["treaty"]


def test_a_title_before_a_name_and_a_place_head_after_one_keep_their_capitals() -> None:
    text = recase("GENERAL KRIANGSAK [Chamanan] SAID THAT THE STUDENTS MARCHED ALONG SILOM AVENUE TO THE THA CHIN "
                  "RIVER. THE GENERAL SAID THAT THE KHORAT AREA AND THE SINO-LAO BORDER ARE CALM.")
    assert "General Kriangsak" in text and "Silom Avenue" in text and "Tha Chin River" in text
    assert "the general said" in text and "Khorat area" in text and "Sino-Lao border" in text
