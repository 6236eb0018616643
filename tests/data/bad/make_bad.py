"""Writes the bad inputs of this folder (records, curation, review and config files).

The files are committed; this script documents how the ones that cannot be typed (binary data,
other encodings, control characters) were made, and rewrites them all identically when run:
``python tests/data/bad/make_bad.py``. The two big cases (a 20 MB body, a 1 MB line) are not
committed: tests/test_robustness.py makes them in a temporary folder with ``big_body`` and
``long_line`` below.
"""
from __future__ import annotations

import codecs
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
URL = "https://digitalarchive.wilsoncenter.org/document/"


def record(body: str = "Comrade Petrov arrived in Plovdiv with 40 engineers.", *, date: str | None = "May 2, 1963",
           title: str | None = "Report on the Engineers in Plovdiv", rid: str | None = "990002",
           url: str | None = None, citation: bool = True) -> str:
    """A small record in the archive's layout; each part can be left out or replaced."""
    parts: list[str] = []
    if date is not None:
        parts.append(f"**{date}**")
    if title is not None:
        parts.append(f"**{title}**")
    if citation:
        link = url if url is not None else (URL + rid if rid else None)
        cite = f'"{title or "Untitled"}", {date or "n.d."}, Wilson Center Digital Archive, TsDA, f. 1B, l. 7.'
        parts.append("**Citation:**\n\n" + cite + (f"\n<{link}>" if link else ""))
    parts.append("**Original Language:**\n\nBulgarian")
    parts.append("**Contents:**\n\nTranslation - English")
    parts.append("[...]")
    parts.append(body)
    parts.append("[...]")
    return "\n\n".join(parts) + "\n"


def big_body(megabytes: int = 20) -> str:
    """A record whose translation is ``megabytes`` MB of ordinary paragraphs."""
    para = ("The delegation visited the works in Plovdiv and Stara Zagora on 3 May and met 120 workers. "
            "Comrade Petrov spoke about the plan for 1964.\n\n")
    return record(para * (megabytes * 1_000_000 // len(para) + 1), rid="990020")


def long_line(megabytes: int = 1) -> str:
    """A record one of whose lines is ``megabytes`` MB long (no line break, words and spaces)."""
    words = "grain Varna Comrade Petrov 40 tons and "
    return record("Begin. " + words * (megabytes * 1_000_000 // len(words) + 1) + "End.", rid="990021")


def records() -> dict[str, bytes]:
    rng = random.Random(1962)
    ok = record()
    out: dict[str, bytes] = {
        "empty.txt": b"",
        "whitespace-only.txt": b"  \n\t\n   \r\n\n",
        "binary-png.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.randrange(256) for _ in range(600)),
        "pdf-saved-as-text.txt": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nstream\n"
                                 + bytes(rng.randrange(256) for _ in range(600)) + b"\nendstream\n",
        "word-saved-as-text.txt": b"PK\x03\x04\x14\x00\x06\x00" + bytes(rng.randrange(256) for _ in range(600)),
        "latin1.txt": record("Le délégué arriva à Genève avec 40 ingénieurs.").encode("latin-1"),
        "utf8-with-a-latin1-word.txt": record("Comrade Petrov — back from Genève — arrived in Plovdiv.", rid="990006")
        .encode().replace("Genève".encode(), "Genève".encode("latin-1")),
        "utf16-bom.txt": codecs.BOM_UTF16_LE + ok.encode("utf-16-le"),
        "utf16-be-bom.txt": codecs.BOM_UTF16_BE + ok.encode("utf-16-be"),
        "utf16-no-bom.txt": ok.encode("utf-16-le"),
        "utf8-bom-invalid.txt": codecs.BOM_UTF8 + ok.encode("utf-8")[:40] + b"\xff\xfe\xc3" + b" rest\n",
        "utf16-odd-length.txt": codecs.BOM_UTF16_LE + ok.encode("utf-16-le") + b"\x41",
        "nul-bytes-in-utf8.txt": record("Comrade Petrov\x00 arrived in Plovdiv\x00 with 40 engineers.").encode(),
        "control-characters.txt": record("Comrade \x1b[31mPetrov\x1b[0m arrived\x07 in Plovdiv\x0b with 40 "
                                         "engineers.\x0c").encode(),
        "html-page.txt": (b"<!DOCTYPE html>\n<html lang=\"en\">\n<head><title>Wilson Center Digital Archive"
                          b"</title></head>\n<body>\n<h1>Report on the Engineers in Plovdiv</h1>\n"
                          b"<p>Comrade Petrov arrived in Plovdiv.</p>\n</body>\n</html>\n"),
        "html-fragment.txt": (b"<html><body><p><b>May 2, 1963</b></p>\n<p><b>Report on the Engineers</b>"
                              b"</p></body></html>\n"),
        "truncated-header.txt": b"**May 2, 1963**\n\n**Report on the Engineers in Plovdiv**\n\n**Citation:**\n",
        "truncated-citation.txt": b"**May 2, 1963**\n\n**Report on the Engineers in Plovdiv**\n\n**Citation:**\n\n"
                                  b"\"Report on the Engineers in Plovdiv\", May 2, 1963, Wilson Cen",
        "no-title.txt": b"**May 2, 1963**\n\n**Citation:**\n\nWilson Center Digital Archive, TsDA, l. 7.\n\n"
                        b"[...]\n\nComrade Petrov arrived.\n\n[...]\n",
        "no-date.txt": record(date=None).encode(),
        "no-citation.txt": record(citation=False).encode(),
        "markers-only.txt": b"[...]\n\n[...]\n",
        "impossible-date.txt": record(date="February 31, 1962").encode(),
        "impossible-date-iso.txt": record(date="1963-02-29").encode(),
        "month-thirteen.txt": record(date="1963-13-01").encode(),
        "future-date.txt": record(date="June 1, 2962").encode(),
        "year-zero.txt": record(date="February 1, 0000").encode(),
        "absurd-numbers.txt": record(
            "The plan foresees 999999999999999999999999999999999999999999 tons of grain, 1e400 rubles, "
            "-40 refugees, 0.0000000000000000000000001 percent growth and 1,000,000,000,000,000,000,000,000 "
            "tractors in 99999999999 years.").encode(),
        "iri-characters-in-names.txt": record(
            'Comrade <Li> "Wei" {Zhang}|Bo^ and `Ivanov\\Petrov` met Comrade Petrov in Plovdiv. '
            "Zhang<Wei> spoke for the {Plovdiv|Committee}.", rid="990003").encode(),
        "iri-characters-in-title.txt": record(title='<script>alert("x")</script> {Plan}|^` \\ for Plovdiv',
                                              rid="990004").encode(),
        "right-to-left.txt": record(
            "السفير محمد حسن وصل إلى بغداد. השגריר דוד כהן הגיע לתל אביב. "
            "Comrade \u202eVORTEP\u202c arrived in Plovdiv with 40 engineers.", title="تقرير عن المهندسين",
            rid="990005").encode(),
        "duplicate-id.txt": record(rid="990001").encode(),
        "unsafe-id-in-url.txt": record(url=URL + "..%2F..%2Fetc%2Fpasswd").encode(),
        "iri-characters-in-url.txt": record(url=URL + '99"0{0}2|x^`y').encode(),
        "record <1> & {x}.txt": record(citation=False).encode(),
        "long-title.txt": record(title="Report on the Engineers " * 400).encode(),
        "second-citation-field.txt": record().replace("**Original Language:**",
                                                      "**Citation:**\n\nAnother citation.\n\n**Original Language:**"
                                                      ).encode(),
        "crlf-and-cr.txt": record().replace("\n", "\r\n").replace("[...]\r\n", "[...]\r").encode(),
        "quadratic-header.txt": (b"**May 2, 1963**\n\n**Report on the Engineers**\n\n**Citation:** "
                                 + b" " * 60_000 + b"x\n\nText " + b". " * 30_000 + b"A.\n"),
    }
    return out


def curation() -> dict[str, str]:
    head = 'record: "990001"\n'
    return {
        "yaml-syntax.curation.yaml": head + "entities:\n  - id: zhivkov\n    kind: person\n    label: [Todor Zhivkov\n",
        "tab-indent.curation.yaml": head + "entities:\n\t- id: zhivkov\n",
        "unknown-key.curation.yaml": head + "entities:\n  - id: zhivkov\n    kind: person\n    label: Todor Zhivkov\n"
                                           "    lable: Zhivkov\n",
        "wrong-type.curation.yaml": head + "entities:\n  - id: zhivkov\n    kind: person\n"
                                           "    label: [Todor, Zhivkov]\n",
        "unknown-reference.curation.yaml": head + "entities:\n  - id: zhivkov\n    kind: person\n"
                                                  "    label: Todor Zhivkov\nevents:\n  - id: report\n"
                                                  "    type: activity\n    label: Zhivkov informs the Politburo\n"
                                                  "    actors: [zhivkov, politburo]\n",
        "wrong-record.curation.yaml": 'record: "118180"\n',
        "empty.curation.yaml": "",
        "quote-not-found.curation.yaml": head + "claims:\n  - id: c1\n    subject: zhivkov\n    property: P3_has_note\n"
                                                "    value: x\n    quote: Comrade Brezhnev informed\n"
                                                "entities:\n  - id: zhivkov\n    kind: person\n"
                                                "    label: Todor Zhivkov\n",
        "huge-occurrence.curation.yaml": head + "dates:\n  - id: d1\n    text: 20 March\n"
                                                "    occurrence: 1000000000000000000000000000000\n"
                                                "    begin: 1963-03-20\n",
        "impossible-date.curation.yaml": head + "dates:\n  - id: d1\n    text: 20 March\n    begin: 1963-02-30\n",
        "infinite-number.curation.yaml": head + "quantities:\n  - id: q1\n    text: \"2,000 tons\"\n    value: .inf\n"
                                                "    unit: tons\n",
        "nan-number.curation.yaml": head + "quantities:\n  - id: q1\n    text: \"2,000 tons\"\n    value: .nan\n"
                                           "    unit: tons\n",
        "duplicate-key.curation.yaml": head + "entities:\n  - id: zhivkov\n    kind: person\n    label: Todor Zhivkov\n"
                                              "    kind: group\n",
        "deep-nesting.curation.yaml": head + "note: " + "[" * 5000 + "]" * 5000 + "\n",
        "alias-bomb.curation.yaml": head + "a: &a [x, x, x, x, x, x, x, x, x]\n"
                                           + "".join(f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n"
                                                     for p, c in zip("abcdefgh", "bcdefghi", strict=True)),
        "python-tag.curation.yaml": head + "note: !!python/object/apply:os.system [\"echo hi\"]\n",
        # Valid, with <>"{}|\^` and a right-to-left override in every free-text field: all must stay text.
        "hostile-names.curation.yaml": head + (Path(__file__).with_name("hostile-names.yaml.in").read_text(
            encoding="utf-8")),
    }


def curation_bytes() -> dict[str, bytes]:
    return {
        "latin1.curation.yaml": 'record: "990001"\nnote: "Révisé à Genève"\n'.encode("latin-1"),
        "binary.curation.yaml": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01\x02",
    }


ENTRY = ('- iri: "https://archivekg.example.org/id/person/todor-zhivkov"\n  kind: person\n  label: "Todor Zhivkov"\n'
         '  names: ["Todor Zhivkov"]\n  status: review\n')


def review() -> dict[str, bytes]:
    top = "version: 1\nentities:\n"
    return {k: v.encode("utf-8") if isinstance(v, str) else v for k, v in {
        "yaml-syntax.yaml": top + ENTRY + "  decision: [Q1\n",
        "unknown-key.yaml": top + ENTRY + "  decison: Q3066\n",
        "wrong-type.yaml": top + ENTRY + "  decision: [Q3066]\n",
        "bad-decision.yaml": top + ENTRY + "  decision: maybe\n",
        "accept-without-candidates.yaml": top + ENTRY + "  decision: accept\n  candidates: []\n",
        "duplicate-entry.yaml": top + ENTRY + "  decision: reject\n" + ENTRY + "  decision: Q3066\n",
        "entities-not-a-list.yaml": "version: 1\nentities: Todor Zhivkov\n",
        "missing-iri.yaml": top + '- kind: person\n  label: "Todor Zhivkov"\n  decision: reject\n',
        "unknown-kind.yaml": top + ENTRY.replace("kind: person", "kind: wizard"),
        "top-level-list.yaml": "- Todor Zhivkov\n- Varna\n",
        "latin1.yaml": (top + ENTRY + '  note: "Révisé"\n').encode("latin-1"),
        "unknown-entity.yaml": top + ENTRY.replace("todor-zhivkov", "nobody-at-all").replace("Todor Zhivkov", "Nobody")
                                + "  decision: Q42\n  curator: \"A. Curator\"\n",
    }.items()}


def config() -> dict[str, bytes]:
    return {k: v.encode("utf-8") if isinstance(v, str) else v for k, v in {
        "syntax.toml": 'title = "Grain"\nbase = "https://example.org/\n',
        "unknown-key.toml": 'title = "Grain"\ntitel = "Grain"\n',
        "unknown-table.toml": 'title = "Grain"\n\n[server]\nport = 80\n',
        "wrong-type.toml": 'title = "Grain"\nmax_in_flight = "four"\n',
        "wrong-type-string.toml": "title = 42\n",
        "bad-base.toml": 'base = "archive dot org"\n',
        "base-with-fragment.toml": 'base = "https://example.org/data#"\n',
        "base-bad-percent.toml": 'base = "https://example.org/%zz/"\n',
        "base-bad-host.toml": 'base = "http://[::1/"\n',
        "base-with-quote.toml": 'base = "https://example.org/a\\"b/"\n',
        "bad-reconcile.toml": 'reconcile = "sometimes"\n',
        "too-many-in-flight.toml": "max_in_flight = 99\n",
        "bad-language.toml": 'language = "English!"\n',
        "bad-license.toml": 'license = "CC BY 4.0"\n',
        "threshold-out-of-range.toml": "match_threshold = 7\n",
        "negative-timeout.toml": "timeout = -5\n",
        "duplicate-key.toml": 'title = "A"\ntitle = "B"\n',
        "latin1.toml": 'title = "Récolte"\n'.encode("latin-1"),
        "empty-title.toml": 'title = ""\n',
    }.items()}


def write_all() -> None:
    groups = {"records": records(), "curation": {**{k: v.encode() for k, v in curation().items()}, **curation_bytes()},
              "review": review(), "config": config()}
    for folder, files in groups.items():
        (HERE / folder).mkdir(exist_ok=True)
        for name, data in files.items():
            (HERE / folder / name).write_bytes(data)


if __name__ == "__main__":
    write_all()
