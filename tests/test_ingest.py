"""Ingest: the sample record field by field, variant records, decoding, spans, corpus listing."""
from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archivekg.errors import IngestError
from archivekg.ingest import (
    decode_bytes,
    find_records,
    is_record_file,
    parse_wilson,
    parse_wilson_with_warnings,
    read_record,
    read_record_with_warnings,
    source_line,
)
from archivekg.ingest.citation import archive_refs, funders, parse_ref, translators
from archivekg.ingest.languages import LANGUAGES, language_code
from archivekg.records import ArchiveRef, Document
from archivekg.vocab import SAFE_KEY

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "wilson-118180.txt"
DATA = Path(__file__).resolve().parent / "data" / "ingest"

SAMPLE_TITLE = ("Cable from the Xinjiang Foreign Affairs Office, 'Report on the Flight of Border Residents "
                "from the Yili and Tacheng Areas to the Soviet Union'")
SAMPLE_CITATION = (
    "\"Cable from the Xinjiang Foreign Affairs Office, 'Report on the Flight of Border Residents from the "
    "Yili and Tacheng Areas to the Soviet Union'\", April 21, 1962, Wilson Center Digital Archive, PRC FMA "
    "118-01100-06, 1-4. Translated by Charles Kraus."
)


@pytest.fixture(scope="module")
def sample() -> Document:
    return read_record(SAMPLE)


def variant(name: str) -> Document:
    return read_record_with_warnings(DATA / name)[0]


def blocks(text: str) -> list[str]:
    """Runs of non-blank lines of a text, stripped; computed independently of the parser."""
    out: list[str] = []
    run: list[str] = []
    for line in [*text.split("\n"), ""]:
        if line.strip():
            run.append(line)
        elif run:
            out.append("\n".join(run).strip())
            run = []
    return out


# --- the sample record ---------------------------------------------------------------------------

def test_sample_metadata(sample: Document) -> None:
    assert sample.record_id == "118180"
    assert sample.title == SAMPLE_TITLE
    assert sample.date == "1962-04-21"
    assert sample.date_text == "April 21, 1962"
    assert sample.citation == SAMPLE_CITATION
    assert sample.url == "https://wilson-center-digital-archive.dvincitest.com/document/118180"
    assert sample.archive_name == "Wilson Center Digital Archive"
    assert sample.archive_refs == (ArchiveRef(text="PRC FMA 118-01100-06, 1-4", archive="PRC FMA",
                                              signature="PRC FMA 118-01100-06", file="118-01100-06",
                                              pages="1-4"),)
    assert sample.translators == ("Charles Kraus",)
    assert sample.summary == ("The Xinjiang Foreign Affairs Office offers one of the first accounts of the "
                              "cross-border flight of Uyghurs and Kazakhs.")
    assert sample.credits == "This document was made possible with support from MacArthur Foundation"
    assert sample.funders == ("MacArthur Foundation",)
    assert sample.original_language == "Chinese"
    assert sample.language_code == "zh"
    assert sample.contents == "Translation - English"
    assert sample.path == str(SAMPLE)


def test_sample_title_equals_the_quoted_title_of_its_citation(sample: Document) -> None:
    assert sample.citation is not None
    assert sample.citation.startswith(f'"{sample.title}", ')


def test_sample_header_lines(sample: Document) -> None:
    assert sample.header_lines == (
        ("date", 13), ("title", 15), ("citation", 21), ("url", 22), ("summary", 26), ("credits", 30),
        ("original_language", 34), ("contents", 38), ("body", 42), ("footnotes", 99),
    )
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    assert lines[sample.line_of("date") - 1] == "**April 21, 1962**"
    assert lines[sample.line_of("url") - 1].startswith("<https://")


def test_sample_text_is_verbatim(sample: Document) -> None:
    raw = SAMPLE.read_text(encoding="utf-8")
    body = sample.body
    assert body.startswith("Report on the Flight of Border Residents from the Yili and Tacheng Areas to the "
                           "Soviet Union\n\n[To the] Ministry of Foreign Affairs:\n\nThere have recently")
    assert body.endswith("please give instructions.\n\nXinjiang Foreign Affairs Office  \n21 April 1962")
    assert body in raw  # nothing rejoined, nothing removed
    assert body.count("□") == raw.count("□") == 35
    assert "the Premier [Zhou\n\nEnlai]" in body
    assert sample.body_end == len(body)
    assert sample.text == body + "\n\n" + raw.split("[...]\n\n")[-1].strip()
    assert sample.text.endswith('[3] In Chinese, "minzu ganbu."')


def test_sample_footnotes(sample: Document) -> None:
    text = sample.text
    assert [(f.marker, f.text) for f in sample.footnotes] == [
        ("1", 'The meaning of the original text, which reads "gai lingshi dui chi bai tiaozhi de ren," '
              "is vague."),
        ("2", 'In Chinese, the "Suqiao xiehui."'),
        ("3", 'In Chinese, "minzu ganbu."'),
    ]
    first = sample.footnotes[0].refs
    assert len(first) == 1
    assert text[:first[0].end].endswith("(non-Soviet nationals)[1]")
    assert text[:sample.footnotes[1].refs[0].end].endswith("[in Xinjiang].[2]")
    assert text[:sample.footnotes[2].refs[0].end].endswith("nationalities cadres,[3]")


def test_sample_paragraphs(sample: Document) -> None:
    texts = [sample.text[s.start:s.end] for s in sample.paragraphs]
    assert texts == blocks(sample.body)
    assert texts[0] == "Report on the Flight of Border Residents from the Yili and Tacheng Areas to the Soviet Union"
    assert texts[-1] == "Xinjiang Foreign Affairs Office  \n21 April 1962"


def test_source_line_points_back_into_the_file(sample: Document) -> None:
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    for span in sample.paragraphs:
        first_line = sample.text[span.start:span.end].split("\n")[0]
        assert lines[source_line(sample, span.start) - 1].startswith(first_line)
    for note in sample.footnotes:
        assert lines[source_line(sample, note.span.start) - 1] == f"[{note.marker}] {note.text}"
    assert source_line(sample, len(sample.text) + 1) is None


# --- spans slice to the right text, for every record we have ----------------------------------------

ALL_READABLE = ["avprf-two-refs.txt", "latin1.txt", "mol-crlf.txt", "omission-markers.txt",
                "sapmo-minimal.txt", "title-only.txt", "truncated.txt", "utf16-bom.txt"]


@pytest.mark.parametrize("path", [SAMPLE, *(DATA / n for n in ALL_READABLE)], ids=lambda p: p.name)
def test_every_span_slices_to_its_text(path: Path) -> None:
    doc = read_record(path)
    assert [doc.text[s.start:s.end] for s in doc.paragraphs] == blocks(doc.body)
    for note in doc.footnotes:
        assert doc.text[note.span.start:note.span.end] == note.text
        assert note.span.start >= doc.body_end
        for ref in note.refs:
            assert ref.end <= doc.body_end
            assert doc.text[ref.start:ref.end] == f"[{note.marker}]"
    assert SAFE_KEY.match(doc.record_id)


_PIECES = st.sampled_from([
    "**Citation:**", "Summary:", "[...]", "[…]", "[1] A note.", "Text[1] here.", "", "", "**April 21, 1962**",
    "February 30, 1962", "**A Title**", "<https://example.org/document/5>", "Original Language: Chinese",
    "Contents:", "  ", "**Other:**", "□□", "1962", "[a] n", "Wilson Center",
    '"T", 1962, Wilson Center Digital Archive, PRC FMA 1-2, 3. Translated by X and Y.',
])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")),
                                           max_size=12)), max_size=20))
def test_any_arrangement_parses_or_raises_an_ingest_error(parts: list[str]) -> None:
    try:
        doc = parse_wilson("\n".join(parts), "f.txt")
    except IngestError:
        return
    assert doc.title
    assert [doc.text[s.start:s.end] for s in doc.paragraphs] == blocks(doc.body)
    for note in doc.footnotes:
        assert doc.text[note.span.start:note.span.end] == note.text
        assert all(doc.text[r.start:r.end] == f"[{note.marker}]" and r.end <= doc.body_end for r in note.refs)


# --- variant records -------------------------------------------------------------------------------

def test_russian_record_with_two_refs_and_two_translators() -> None:
    doc = variant("avprf-two-refs.txt")
    assert doc.record_id == "500001"
    assert doc.date == "1956-03-21"
    assert doc.date_text == "21 March 1956"
    assert doc.title == ("Record of a Conversation between the Soviet Ambassador and the Director of the "
                         "Chinese Railway Bureau")
    assert doc.archive_name == "History and Public Policy Program Digital Archive"
    assert doc.archive_refs == (
        ArchiveRef(text="AVPRF f. 0100, op. 49, d. 7, p. 410, ll. 12-15", archive="AVPRF",
                   signature="AVPRF f. 0100, op. 49, d. 7, p. 410", file="f. 0100, op. 49, d. 7, p. 410",
                   pages="12-15"),
        ArchiveRef(text="RGANI f. 5, op. 28, d. 409", archive="RGANI", signature="RGANI f. 5, op. 28, d. 409",
                   file="f. 5, op. 28, d. 409", pages=None),
    )
    assert doc.translators == ("Anna Petrova", "Daniel Reyes")
    # wrapped summary lines are joined with one space
    assert doc.summary == ("The two officials discuss freight volumes on the Manchurian line and the schedule "
                           "for returning rolling stock.")
    assert doc.funders == ("Example Heritage Trust", "Northern Archives Fund")
    assert (doc.original_language, doc.language_code) == ("Russian", "ru")  # "Original language:" label
    assert doc.body.startswith("The Ambassador received")  # opened by "[…]"
    assert [(f.marker, f.text) for f in doc.footnotes] == [
        ("1", 'The figure in the original is written by hand\nover a crossed-out "1,100".'),
        ("2", "See the telegram of 24 March 1956."),
    ]
    assert doc.line_of("footnotes") == 41


def test_hungarian_record_with_crlf_and_no_footnotes() -> None:
    raw = (DATA / "mol-crlf.txt").read_bytes()
    assert b"\r\n" in raw
    doc = variant("mol-crlf.txt")
    assert "\r" not in doc.text and "\r" not in doc.title
    assert doc.date == "1962-04"
    assert doc.date_text == "April 1962"
    assert doc.title == "Report of the Hungarian Embassy in Pyongyang on the Harvest in South Hamgyong Province"
    assert doc.archive_refs == (ArchiveRef(
        text="MOL, XIX-J-1-j Korea, 1962, 11. doboz, 5/b, 002418/1962", archive="MOL",
        signature="MOL, XIX-J-1-j Korea, 1962, 11. doboz, 5/b, 002418/1962",
        file="XIX-J-1-j Korea, 1962, 11. doboz, 5/b, 002418/1962", pages=None),)
    assert doc.translators == ("Eva Kertesz",)  # "Translated for CWIHP by"
    assert doc.funders == ("Example Foundation",)
    assert doc.language_code == "hu"
    assert doc.text == "The harvest in South Hamgyong was poor this year.\n\nRations were cut by a fifth in the cities."
    assert doc.footnotes == ()
    assert doc.body_end == len(doc.text)


def test_east_german_record_without_bold_summary_credits_or_language() -> None:
    doc = variant("sapmo-minimal.txt")
    assert doc.record_id == "sapmo-minimal"  # no URL: the file stem
    assert doc.url is None
    assert (doc.date, doc.date_text) == ("1961", "1961")
    # a title over three lines, not bold
    assert doc.title == ("Letter from the Socialist Unity Party Secretariat to the Embassy in Beijing "
                         "concerning the Exchange of Students")
    assert doc.archive_refs == (ArchiveRef(text="SAPMO-BArch, DY 30/IV 2/20/123", archive="SAPMO-BArch",
                                           signature="SAPMO-BArch, DY 30/IV 2/20/123",
                                           file="DY 30/IV 2/20/123", pages=None),)
    assert doc.translators == ("Karl Weber", "Lena Hoffmann", "Tomas Novak")
    assert (doc.summary, doc.credits, doc.funders) == (None, None, ())
    assert (doc.original_language, doc.language_code) == (None, None)
    assert doc.contents == "Translation - English"  # "contents:" in lower case
    # no [...] line: the text starts after the last header field
    assert doc.text == ("Dear Comrades,\n\nthe Secretariat has decided to send twelve students in the "
                        "autumn.\n\nWith socialist greetings")
    assert doc.line_of("body") == 13


def test_record_that_is_only_a_title_and_text() -> None:
    raw = (DATA / "title-only.txt").read_text(encoding="utf-8")
    doc = parse_wilson(raw, "title-only.txt", default_id="khorgos-1")
    assert doc.record_id == "khorgos-1"
    assert doc.title == "Notes on the Border Meeting at Khorgos"
    assert (doc.date, doc.citation, doc.summary, doc.archive_refs) == (None, None, None, ())
    assert doc.body == ("The delegations met on the bridge at noon.\n\nBoth sides agreed to meet again in "
                        "May.[1]")
    # no closing [...] line: trailing notes that the text cites are still footnotes
    assert [(f.marker, f.text) for f in doc.footnotes] == [("1", "The May meeting did not take place.")]
    assert doc.header_lines == (("title", 3), ("body", 5), ("footnotes", 9))


def test_omission_marks_inside_the_text_stay_in_it() -> None:
    doc = variant("omission-markers.txt")
    assert (doc.date, doc.date_text) == ("1949-09-05", "Sept. 5, 1949")
    assert (doc.original_language, doc.language_code) == ("Serbo-Croatian", "sh")  # value on the label line
    assert doc.contents == "Original Scan\n\nTranslation - English"
    assert doc.body == ("The Legation reports that the harvest talks were broken off.\n\n[...]\n\n"
                        "On the next day the talks resumed.[1]")
    assert [f.text for f in doc.footnotes] == ["The text breaks off here in the original."]
    assert doc.archive_refs == (ArchiveRef(text="AJ 507, CK SKJ, IX, 1/I-12, pp. 3-4", archive="AJ",
                                           signature="AJ 507, CK SKJ, IX, 1/I-12", file="507, CK SKJ, IX, 1/I-12",
                                           pages="3-4"),)


def test_utf16_record_with_bom() -> None:
    assert (DATA / "utf16-bom.txt").read_bytes()[:2] == b"\xff\xfe"
    doc, warnings = read_record_with_warnings(DATA / "utf16-bom.txt")
    assert warnings == []
    assert doc.title == "Conversation between Zhou Enlai (周恩来) and a Visiting Delegation"
    assert doc.record_id == "500003"
    assert doc.date == "1959-10-02"
    assert doc.text == "Premier Zhou welcomed the delegation to Beijing."


def test_latin1_record_decodes_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    doc, warnings = read_record_with_warnings(DATA / "latin1.txt")
    assert warnings == ["not UTF-8 (first bad byte 23); decoded as Windows-1252"]
    assert doc.title == "Note du Ministère des Affaires étrangères sur la Réunion de Genève"
    assert (doc.date, doc.date_text) == ("1958", "c. 1958")
    assert doc.archive_refs == (ArchiveRef(text="AMAE, Asie-Océanie, Chine, vol. 525, pp. 10-12", archive="AMAE",
                                           signature="AMAE, Asie-Océanie, Chine, vol. 525",
                                           file="Asie-Océanie, Chine, vol. 525", pages="10-12"),)
    assert doc.language_code == "fr"
    assert doc.text == "La délégation est arrivée à Genève le lundi."
    with caplog.at_level(logging.WARNING, logger="archivekg.ingest"):
        read_record(DATA / "latin1.txt")
    assert "decoded as Windows-1252" in caplog.text


def test_truncated_header_is_read_as_far_as_it_goes() -> None:
    doc = variant("truncated.txt")
    assert doc.title == "A Header Cut Short"
    assert doc.date == "1950-05-09"
    assert (doc.citation, doc.url, doc.archive_refs, doc.translators) == (None, None, (), ())
    assert (doc.text, doc.paragraphs, doc.footnotes, doc.body_end) == ("", (), (), 0)
    assert doc.line_of("citation") == 5


@pytest.mark.parametrize(("name", "message", "line", "field"), [
    ("empty.txt", "empty record", None, None),
    ("binary.txt", "binary file, not a text record", None, None),
    ("impossible-date.txt", "impossible date 'February 31, 1962': February 1962 has 28 days", 3, "date"),
    ("no-title.txt", "no title", 3, "title"),
])
def test_bad_records_raise_with_message_and_line(name: str, message: str, line: int | None,
                                                 field: str | None) -> None:
    with pytest.raises(IngestError) as info:
        read_record(DATA / name)
    assert info.value.message == message
    assert info.value.line == line
    assert info.value.field == field
    assert info.value.path == str(DATA / name)


# --- parse_wilson on small texts ---------------------------------------------------------------------

def test_date_forms() -> None:
    def date(line: str) -> tuple[str | None, str | None]:
        doc = parse_wilson(f"**{line}**\n\n**A Title**\n\nText.\n", "t.txt")
        return doc.date, doc.date_text

    assert date("April 21, 1962") == ("1962-04-21", "April 21, 1962")
    assert date("21 April 1962") == ("1962-04-21", "21 April 1962")
    assert date("Apr. 3, 1962") == ("1962-04-03", "Apr. 3, 1962")
    assert date("April 1962") == ("1962-04", "April 1962")
    assert date("1962") == ("1962", "1962")
    assert date("c. 1962") == ("1962", "c. 1962")
    assert date("1962-04-21") == ("1962-04-21", "1962-04-21")
    assert date("February 29, 1960") == ("1960-02-29", "February 29, 1960")


def test_unreadable_date_line_is_kept_as_text_with_a_warning() -> None:
    doc, warnings = parse_wilson_with_warnings("April 21-22, 1962\n\nA Title\n\nText.\n", "t.txt")
    assert (doc.date, doc.date_text, doc.title) == (None, "April 21-22, 1962", "A Title")
    assert warnings == ["line 1: date 'April 21-22, 1962' is in no form we read; ISO date left empty"]


@pytest.mark.parametrize(("line", "message"), [
    ("February 29, 1962", "impossible date 'February 29, 1962': February 1962 has 28 days"),
    ("1962-13-01", "impossible date '1962-13-01': there is no month 13"),
    ("June 1, 3024", "date 'June 1, 3024' lies in the future"),
])
def test_dates_that_cannot_be(line: str, message: str) -> None:
    with pytest.raises(IngestError) as info:
        parse_wilson(f"\n**{line}**\n\n**A Title**\n", "t.txt")
    assert (info.value.message, info.value.line, info.value.field) == (message, 2, "date")


def test_title_falls_back_to_the_citation() -> None:
    text = 'Citation:\n\n"A Quoted Title", 1950, Wilson Center Digital Archive, MOL 5, 1.\n\n[...]\n\nText.\n'
    doc, warnings = parse_wilson_with_warnings(text, "t.txt")
    assert doc.title == "A Quoted Title"
    assert warnings == ["no title line; the title is taken from the citation"]
    assert doc.text == "Text."


def test_unsafe_url_segment_becomes_a_safe_record_id() -> None:
    text = "**A Title**\n\n**Citation:**\n\n\"A Title\", 1950.\n<https://example.org/document/Report:1>\n"
    doc = parse_wilson(text, "t.txt")
    assert doc.url == "https://example.org/document/Report:1"
    assert SAFE_KEY.match(doc.record_id) and doc.record_id.startswith("report-1-")
    assert parse_wilson("A Title\n\nText.\n", "dir/My File.txt").record_id.startswith("my-file-")


def test_header_with_a_url_on_the_citation_line_and_inline_labels() -> None:
    text = ("**May 1, 1951**\n**A Title on the Date Block**\n\nCitation: \"A Title on the Date Block\", May 1, "
            "1951, Wilson Center Digital Archive, RGASPI f. 17, op. 1, d. 2. Translated by Ann Lee. "
            "<https://example.org/document/7>\nSummary: Short.\nOriginal Language: German\n\n[...]\n\nText.\n")
    doc = parse_wilson(text, "t.txt")
    assert doc.title == "A Title on the Date Block"
    assert doc.citation == ("\"A Title on the Date Block\", May 1, 1951, Wilson Center Digital Archive, "
                            "RGASPI f. 17, op. 1, d. 2. Translated by Ann Lee.")
    assert (doc.url, doc.record_id, doc.summary, doc.language_code) == (
        "https://example.org/document/7", "7", "Short.", "de")
    assert doc.translators == ("Ann Lee",)
    assert doc.text == "Text."


# --- citation parts ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("citation", "names"), [
    ("X. Translated by Charles Kraus.", ("Charles Kraus",)),
    ("X. Translated by Gary Goldberg and Sergey S. Radchenko.", ("Gary Goldberg", "Sergey S. Radchenko")),
    ("X. Translated by A One, B Two and C Three", ("A One", "B Two", "C Three")),
    ("X. Translated by A One, B Two, and C Three.", ("A One", "B Two", "C Three")),
    ("X. Translated for CWIHP by Mark H. Doctoroff.", ("Mark H. Doctoroff",)),
    ("X. Obtained and translated by Jane Roe. Published in 1995.", ("Jane Roe",)),
    ("X. Translated by Jane Roe for CWIHP.", ("Jane Roe",)),
    ("X. Obtained by Jane Roe.", ()),
])
def test_translators(citation: str, names: tuple[str, ...]) -> None:
    assert translators(citation) == names


@pytest.mark.parametrize(("credits", "names"), [
    ("This document was made possible with support from MacArthur Foundation", ("MacArthur Foundation",)),
    ("Made possible with support from the Korea Foundation and Leon Levy Foundation.",
     ("Korea Foundation", "Leon Levy Foundation")),
    ("With the support of A Trust, B Fund, and C Foundation. Thanks.", ("A Trust", "B Fund", "C Foundation")),
    ("Scanned by the archive.", ()),
])
def test_funders(credits: str, names: tuple[str, ...]) -> None:
    assert funders(credits) == names


@pytest.mark.parametrize(("text", "archive", "file", "pages"), [
    ("PRC FMA 118-01100-06, 1-4", "PRC FMA", "118-01100-06", "1-4"),
    ("AVPRF f. 0100, op. 46, d. 12, p. 362", "AVPRF", "f. 0100, op. 46, d. 12, p. 362", None),
    ("APRF f. 45, op. 1, d. 331, l. 87", "APRF", "f. 45, op. 1, d. 331", "87"),
    ("AMSZ, Z. 10, w. 28, t. 411, k. 12-15", "AMSZ", "Z. 10, w. 28, t. 411", "12-15"),
    ("ANIC, fond CC al PCR, dosar 17/1964, f. 2-38", "ANIC", "fond CC al PCR, dosar 17/1964", "2-38"),
    ("Archive of the President of the Russian Federation (APRF), f. 3, op. 65, d. 776", "APRF",
     "f. 3, op. 65, d. 776", None),
    ("National Archives and Records Administration, RG 59, Box 12", "National Archives and Records Administration",
     "RG 59, Box 12", None),
    ("PRC FMA 109-01234", "PRC FMA", "109-01234", None),
    ("118-01100-06, 1-4", "", "118-01100-06", "1-4"),
])
def test_parse_ref(text: str, archive: str, file: str, pages: str | None) -> None:
    ref = parse_ref(text)
    assert ref is not None
    assert (ref.archive, ref.file, ref.pages) == (archive, file, pages)
    assert ref.text == text


def test_archive_refs_need_an_archive_name_and_skip_translator_sentences() -> None:
    assert archive_refs('"T", 1950, Some Library, PRC FMA 1-2-3, 4.') == ()
    assert archive_refs('"T", 1950, Wilson Center Digital Archive. Translated by X.') == ()
    assert archive_refs(None) == ()


def test_language_table() -> None:
    expected = {
        "Chinese": "zh", "Russian": "ru", "English": "en", "Korean": "ko", "German": "de", "Hungarian": "hu",
        "Vietnamese": "vi", "Albanian": "sq", "French": "fr", "Polish": "pl", "Czech": "cs",
        "Romanian": "ro", "Bulgarian": "bg", "Mongolian": "mn", "Japanese": "ja", "Serbo-Croatian": "sh",
        "Spanish": "es", "Italian": "it", "Hindi": "hi", "Persian": "fa", "Arabic": "ar",
        "Portuguese": "pt", "Slovak": "sk", "Ukrainian": "uk", "Hebrew": "he", "Turkish": "tr",
        "Dutch": "nl", "Swedish": "sv", "Finnish": "fi", "Greek": "el",
    }
    assert {name: language_code(name) for name in expected} == expected
    assert language_code("Russian, Chinese") == "ru"
    assert language_code("German (East Germany)") == "de"
    assert language_code("Klingon") is None
    assert all(re.fullmatch(r"[a-z]{2}", code) for code in LANGUAGES.values())


def test_unknown_language_is_a_warning() -> None:
    _, warnings = parse_wilson_with_warnings("T\n\nOriginal Language:\n\nKlingon\n", "t.txt")
    assert warnings == ["language 'Klingon' has no ISO 639-1 code in our table"]


# --- decoding --------------------------------------------------------------------------------------

def test_decode_utf8_with_and_without_bom_and_line_endings() -> None:
    assert decode_bytes(b"a\r\nb\rc\n", "p") == ("a\nb\nc\n", [])
    assert decode_bytes(b"\xef\xbb\xbfT\xc3\xa9", "p") == ("Té", [])
    assert decode_bytes(b"\xfe\xff" + "Té\r\n".encode("utf-16-be"), "p") == ("Té\n", [])


def test_decode_utf16_without_bom_warns() -> None:
    assert decode_bytes("Title\nText\n".encode("utf-16-le"), "p") == (
        "Title\nText\n", ["no byte order mark; decoded as UTF-16"])


def test_decode_removes_control_characters_with_a_warning() -> None:
    text, warnings = decode_bytes(b"Title\n\nA\x0cB\x07C\n", "p")
    assert text == "Title\n\nABC\n"
    assert warnings == ["removed 2 control character(s) (U+0007, U+000C); the first on line 3"]


def test_decode_cp1252_and_latin1_fallbacks() -> None:
    assert decode_bytes(b"\x93Quoted\x94", "p") == (
        "\u201cQuoted\u201d", ["not UTF-8 (first bad byte 0); decoded as Windows-1252"])
    # 0x81 is undefined in cp1252: Latin-1 takes it, and it is a C1 control, removed.
    text, warnings = decode_bytes(b"Caf\xe9 \x81ok", "p")
    assert text == "Café ok"
    assert warnings[0] == "not UTF-8 (first bad byte 3); decoded as Latin-1"


@pytest.mark.parametrize(("data", "message"), [
    (b"", "empty record"),
    (b" \n\r\n\t ", "empty record"),
    (b"\xef\xbb\xbf", "empty record"),
    (b"GIF89a\x00\x01\x02\x03", "binary file, not a text record"),
    (bytes(range(1, 32)) * 10, "binary file, not a text record"),
])
def test_decode_rejects(data: bytes, message: str) -> None:
    with pytest.raises(IngestError) as info:
        decode_bytes(data, "some/file.txt")
    assert (info.value.message, info.value.path) == (message, "some/file.txt")


# --- finding records -------------------------------------------------------------------------------

def test_find_records(tmp_path: Path) -> None:
    for name in ("b.txt", "a.md", "README.md", "readme.txt", "archivekg.toml", "a.curation.yaml",
                 ".hidden.txt", "notes.json", "c.TXT"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.txt").write_text("x", encoding="utf-8")
    (tmp_path / "folder.txt").mkdir()
    assert find_records(tmp_path) == [tmp_path / "a.md", tmp_path / "b.txt", tmp_path / "c.TXT"]
    assert find_records(tmp_path / "b.txt") == [tmp_path / "b.txt"]
    assert not is_record_file(tmp_path / "README.md")
    with pytest.raises(IngestError, match="no such folder"):
        find_records(tmp_path / "missing")
    with pytest.raises(IngestError, match="not a record file"):
        find_records(tmp_path / "notes.json")


def test_the_bundled_corpus_has_one_record() -> None:
    assert find_records(ROOT / "corpus") == [SAMPLE]


def test_unreadable_path_is_an_ingest_error(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="cannot read the file"):
        read_record(tmp_path / "nope.txt")
