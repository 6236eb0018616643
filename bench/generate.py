"""Deterministic generator of realistic records in the Wilson Center layout, for the benchmark.

Each record is laid out exactly like ``corpus/wilson-118180.txt``: masthead, bold date, bold
wrapped title, Citation (archival references of varied archives, translator, record URL),
Summary, Credits, Original Language, Contents, the translation between two ``[...]`` lines,
then footnotes. The translation is assembled from sentence templates about flights, meetings,
letters and sendings, naming people with titles, places (sometimes with the translator's
bracketed variant or ``[sic]``), organisations, dates (absolute, ranges, relative) and
quantities (digits, words, approximate, ranges); half the sentences are statements without a
dated event and a third plain prose, so that the density of entities, dates and quantities per
100 words is close to that of the sample and the development records. Body lengths are drawn
log-uniformly between 100 and 3,000 words (mean about 800).

Record ``i`` depends only on ``(seed, i)``, so a corpus of 100 records is the first hundred of
a corpus of 1,000 with the same seed.

    python bench/generate.py OUT N [--seed S]
"""
from __future__ import annotations

import argparse
import calendar
import math
import random
import re
import sys
from pathlib import Path

_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:  # the bench scripts import each other as top-level modules
    sys.path.insert(0, _HERE)

from phrases import (  # noqa: E402
    ADJECTIVES,
    ARCHIVES,
    COOPERATIVE_NAMES,
    COUNTRIES,
    FAMOUS,
    GIVEN,
    GOODS,
    MINISTRIES,
    PEOPLE,
    PLACE_SUFFIXES,
    PLACES,
    SURNAMES,
    SYLLABLES,
    TITLES,
    TOPICS,
    TRADITIONS,
    TRANSLATORS,
    Archive,
    Place,
    about,
    archive_ref,
    number_words,
    prose,
)

MIN_WORDS, MAX_WORDS = 100, 3000
FIRST_ID = 7_000_000  # record ids 7000000, 7000001, ...: not ids of the real archive
RECORD_NAME = re.compile(r"^wilson-\d+\.txt$")
MASTHEAD = ("\n\n\n**Wilson  \nCenter**\n\n**Digital Archive**  \nInternational History Declassified\n\n"
            "[digitalarchive.wilsoncenter.org](https://digitalarchive.wilsoncenter.org)\n\n")
URL = "https://digitalarchive.wilsoncenter.org/document/{}"
MONTHS = tuple(calendar.month_name[m] for m in range(1, 13))
ORDINALS = {1: "1st", 2: "2nd", 3: "3rd", 21: "21st", 22: "22nd", 23: "23rd", 31: "31st"}


def words(text: str) -> int:
    return len(text.split())


class Record:
    """The cast and the phrase makers of one record; ``text()`` lays the record out."""

    def __init__(self, rng: random.Random, record_id: str) -> None:
        self.rng = rng
        self.id = record_id
        self.archive: Archive = rng.choice(ARCHIVES)
        self.region = rng.choice(self.archive.region)
        self.year = rng.randint(1949, 1989)
        self.month = rng.randint(1, 12)
        self.day = rng.randint(1, 28)
        self.target = round(math.exp(rng.uniform(math.log(MIN_WORDS), math.log(MAX_WORDS))))
        # Cast sizes calibrated on the sample and the development records: about 4-6 distinct
        # entities, 2 events, 2 dates and 2 quantities per 100 words.
        self.persons = [self._new_person() for _ in range(2 + min(30, self.target // 90))]
        self.places = [self._new_place() for _ in range(2 + min(40, self.target // 60))]
        self.countries = list(COUNTRIES[self.region])
        self.orgs = [self._new_org() for _ in range(1 + min(25, self.target // 110))]
        self.seen: set[str] = set()
        self.last = ""  # the person or place named last, so that a sentence does not pair it with itself
        self.notes: list[str] = []

    # --- the cast -------------------------------------------------------------------------
    def _new_person(self) -> tuple[str, str]:
        r = self.rng
        if r.random() < 0.15:
            name = r.choice(FAMOUS)
        else:
            tradition = self.archive.names if r.random() < 0.5 else r.choice(TRADITIONS[self.region])
            given, surname = r.choice(GIVEN[tradition]), r.choice(SURNAMES[tradition])
            # East Asian names put the surname first.
            name = f"{surname} {given}" if tradition in ("zh", "ko", "vi") else f"{given} {surname}"
        return r.choice(TITLES), name

    def _new_place(self) -> Place:
        r = self.rng
        if r.random() < 0.7:
            return r.choice(PLACES[self.region])
        parts = [r.choice(SYLLABLES) for _ in range(r.randint(2, 4))]
        if r.random() < 0.4:  # a transliteration the translator marks as written in the original
            return Place("-".join(parts).capitalize() + " [sic] " + r.choice(PLACE_SUFFIXES))
        return Place("".join(parts).capitalize() + " " + r.choice(PLACE_SUFFIXES))

    def _new_org(self) -> str:
        r = self.rng
        country = r.choice(COUNTRIES[self.region])
        adjective = ADJECTIVES.get(country, "Soviet")
        city = r.choice(PLACES[self.region]).name
        kind = r.randrange(5)
        if kind == 0:
            return f"the {adjective} {r.choice(MINISTRIES)}"
        if kind == 1:
            return f"the {adjective} {r.choice(('Embassy', 'Consulate', 'Trade Mission'))} in {city}"
        if kind == 2:
            return f"the {city} County Party Committee"
        if kind == 3:
            return f"the {r.choice(COOPERATIVE_NAMES)} Cooperative"
        return f"the {r.choice(MINISTRIES)} of the {city} People's Committee"

    # --- mentions ---------------------------------------------------------------------------
    def person(self, avoid: str = "") -> str:
        """A mention of someone in the cast (not ``avoid``): full name and title the first time."""
        title, name = self.rng.choice([p for p in self.persons if p[1] != avoid] or self.persons)
        self.last = name
        if name in self.seen:  # later mentions are shorter, as translations write them
            surname = name.split()[0] if name.split()[0] in _EAST_ASIAN else name.split()[-1]
            return self.rng.choice((f"{title} {surname}", name, f"Comrade {surname}"))
        self.seen.add(name)
        return f"{title} {name}"

    def two_persons(self) -> tuple[str, str]:
        first = self.person()
        return first, self.person(avoid=self.last)

    def place(self, avoid: str = "") -> str:
        p = self.rng.choice([p for p in self.places if p.name != avoid] or self.places)
        self.last = p.name
        if p.variant and p.name not in self.seen and self.rng.random() < 0.7:
            self.seen.add(p.name)
            return f"{p.name} [{p.variant}]"
        self.seen.add(p.name)
        return p.name

    def two_places(self) -> tuple[str, str]:
        first = self.place()
        return first, self.place(avoid=self.last)

    def country(self) -> str:
        return self.rng.choice(self.countries)

    def org(self) -> str:
        return self.rng.choice(self.orgs)

    def date(self) -> str:
        r, y = self.rng, self.year
        m = r.randint(max(1, self.month - 4), self.month)
        month, d1 = MONTHS[m - 1], r.randint(1, 20)
        d2 = d1 + r.randint(1, 8)
        kind = r.randrange(12)
        forms = (
            f"on {d1} {month} {y}", f"on {month} {d1}, {y}", f"on {d1} {month}",
            f"from {d1} {month} through {d2} {month}", f"from {d1} to {d2} {month} {y}",
            f"between {MONTHS[max(0, m - 3)]} and {month} {y}",
            r.choice(("last winter", "this spring", "last autumn", "this summer", "last week", "yesterday")),
            f"on the {ORDINALS.get(d1, f'{d1}th')} of this month", f"in early {month}",
            f"in the {r.choice(('first', 'second', 'third'))} quarter of {y}", "in the second half of the month",
            f"since {month} {y - r.randint(0, 1)}",
        )
        return forms[kind]

    def quantity(self, noun: str) -> str:
        r = self.rng
        n = round(math.exp(r.uniform(math.log(2), math.log(20000))))
        kind = r.randrange(6)
        if kind == 0 or (kind == 1 and n >= 1000):
            return f"{n:,} {noun}"
        if kind == 1:
            return f"{number_words(n % 100 or 12)} {noun}"
        if kind == 2:
            return f"{r.choice(('around', 'about', 'some', 'nearly', 'more than', 'over'))} {n:,} {noun}"
        if kind == 3:
            low = r.randint(2, 60)
            return f"{low}-{low + r.randint(2, 30)} {noun}"
        if kind == 4:
            return f"{number_words(r.randint(2, 99))} {noun}"
        return f"a total of {n:,} {noun}"

    def goods(self) -> str:
        unit, what = self.rng.choice(GOODS)
        if unit == "rubles":
            return f"{self.rng.choice(('about ', 'some ', ''))}{self.rng.randint(2, 90)} million rubles {what}".strip()
        return f"{self.quantity(unit)} {what}".strip()

    def people(self) -> str:
        return self.quantity(self.rng.choice(PEOPLE))

    # --- sentences and layout -------------------------------------------------------------
    def sentence(self) -> str:
        """An event (20 %), a statement naming people, places or bodies (50 %), or plain prose."""
        r = self.rng
        kind = r.random()
        if kind < 0.2:
            s = r.choice(_TEMPLATES)(self)
        elif kind < 0.7:
            s = r.choice(_STATEMENTS)(self)
        else:
            s = prose(r)
        return s[0].upper() + s[1:]

    def _footnote(self) -> str:
        r = self.rng
        roman = " ".join(r.choice(SYLLABLES) + r.choice(SYLLABLES) for _ in range(r.randint(2, 3)))
        kind = r.randrange(4)
        if kind == 0:
            return f'In {self.archive.language}, the "{roman.capitalize()}."'
        if kind == 1:
            _, name = r.choice(self.persons)
            born = r.randint(1890, 1925)
            return f"{name} ({born}-{born + r.randint(40, 80)}), at the time a member of {self.org()}."
        if kind == 2:
            return f'The meaning of the original text, which reads "{roman}," is vague.'
        return f"Handwritten in the margin: \"{r.choice(TOPICS).capitalize()}.\""

    def title(self) -> str:
        r = self.rng
        (t1, p1), (t2, p2) = self.persons[0], self.persons[1]
        city = r.choice(PLACES[self.region]).name
        subject = f"Report on {about(r.choice(TOPICS))}"
        if self.region in self.archive.home:  # an embassy report comes from abroad
            country = r.choice([c for c in self.countries if c != self.archive.country] or ["the Soviet Union"])
        else:
            country = self.archive.country
        adjective = ADJECTIVES.get(country, "Soviet")
        return r.choice((
            f"Cable from {self.orgs[0]}, '{subject}'",
            f"Record of Conversation between {t1} {p1} and {t2} {p2}",
            f"Report, Embassy of {country.removeprefix('the ')} in {city} to the {adjective} Foreign Ministry",
            f"Letter from {p1} to {p2} on {about(r.choice(TOPICS))}",
            f"Minutes of Conversation between {t1} {p1} and {adjective} {t2} {p2}",
            f"Telegram from the {adjective} Embassy in {city}, '{subject}'",
        ))

    def body(self) -> str:
        r = self.rng
        opening = r.choice((f"[To the] {self.org()[4:]}:", "TOP SECRET", "Urgent", f"Copy No. {r.randint(1, 9)}"))
        closing = f"{self.orgs[0][4:]}  \n{self.day} {MONTHS[self.month - 1]} {self.year}"
        paragraphs: list[str] = [opening]
        count = words(opening) + words(closing)
        para: list[str] = []
        cut_made = False
        while True:
            s = self.sentence()
            if count + words(s) > self.target and count >= MIN_WORDS:
                break
            if r.random() < 0.04 and len(self.notes) < 6:  # only sentences kept may cite a footnote
                self.notes.append(self._footnote())
                s += f"[{len(self.notes)}]"
            para.append(s)
            count += words(s)
            if len(para) >= r.randint(2, 8):
                paragraphs.append(("□ " if r.random() < 0.08 else "") + " ".join(para))
                para = []
                if not cut_made and count > 600 and r.random() < 0.05:
                    paragraphs.append("[...]")  # an omission in the translation
                    cut_made = True
        if para:
            paragraphs.append(" ".join(para))
        paragraphs.append(closing)
        return "\n\n".join(paragraphs)

    def text(self) -> str:
        r = self.rng
        body = self.body()  # first: it decides the footnotes
        title = self.title()
        date = r.choice((f"{MONTHS[self.month - 1]} {self.day}, {self.year}",) * 9
                        + (f"{MONTHS[self.month - 1]} {self.year}",))
        refs = "; ".join(archive_ref(a, r, self.year)
                         for a in [self.archive, *([r.choice(ARCHIVES)] if r.random() < 0.1 else [])])
        translators = " and ".join(sorted(set(r.sample(TRANSLATORS, 1 if r.random() < 0.85 else 2))))
        citation = (f'"{title}", {date}, Wilson Center Digital Archive, {refs}. Translated by {translators}.  \n'
                    f"<{URL.format(self.id)}>")
        (_, p1), (_, p2) = self.persons[0], self.persons[1]
        summary = r.choice((f"{p1} tells {p2} about {r.choice(TOPICS)}.",
                            f"A report on {r.choice(TOPICS)} and on {r.choice(TOPICS)}.",
                            f"{p1} and {p2} discuss {r.choice(TOPICS)}."))
        parts = [
            MASTHEAD, f"**{date}**\n\n", _bold_wrapped(title), "\n\n",
            "**Citation:**\n\n", citation, "\n\n",
            "**Summary:**\n\n", summary, "\n\n",
            "**Credits:**\n\n", f"This document was made possible with support from {self.archive.funder}\n\n",
            "**Original Language:**\n\n", f"{self.archive.language}\n\n",
            "**Contents:**\n\n", "Translation - English\n\n",
            "[...]\n\n", body, "\n\n[...]\n",
        ]
        if self.notes:
            parts.append("\n" + "\n\n".join(f"[{k}] {note}" for k, note in enumerate(self.notes, 1)) + "\n")
        return "".join(parts)


_EAST_ASIAN = frozenset(SURNAMES["zh"] + SURNAMES["ko"] + SURNAMES["vi"] + ("Mao", "Zhou", "Deng", "Ho", "Pham"))

# Sentence templates: flights, meetings, letters, sendings, statements.
_TEMPLATES = (
    lambda g: f"{g.date()}, {g.people()} fled to {g.country()} from {g.place()}.",
    lambda g: f"according to incomplete statistics, {g.people()} from {g.place()} crossed the border into "
              f"{g.country()} {g.date()}.",
    lambda g: "{} met with {} in {} {} and discussed {}.".format(*g.two_persons(), g.place(), g.date(),
                                                                  g.rng.choice(TOPICS)),
    lambda g: "{}, {} received {} at {}.".format(g.date(), *g.two_persons(), g.org()),
    lambda g: "{} wrote a letter to {} {}, asking for {}.".format(*g.two_persons(), g.date(), g.goods()),
    lambda g: f"a letter signed by {g.quantity('families')}, or {g.people()}, was sent to {g.person()} {g.date()}.",
    lambda g: f"{g.org()} sent {g.goods()} to {g.place()} {g.date()}.",
    lambda g: f"{g.person()} said [that] {g.org()} would send {g.goods()} to {g.place()} {g.date()}.",
    lambda g: f"{g.person()} stated that {g.people()} had already returned to {g.place()}.",
    lambda g: f"{g.org()} reported that {g.people()} were preparing to leave {g.place()} {g.date()}.",
    lambda g: "{} flew from {} to {} {}.".format(g.person(), *g.two_places(), g.date()),
    lambda g: f"personnel from {g.org()} went to {g.place()} {number_words(g.rng.randint(2, 9))} times "
              f"{g.date()} and met with {g.people()}.",
    lambda g: f"{g.date()}, {g.quantity('packages')} weighing {g.quantity('tons')} were sent to {g.place()}.",
    lambda g: "{} informed {} that {} agreed to discuss {}.".format(*g.two_persons(), g.org(),
                                                                     g.rng.choice(TOPICS)),
    lambda g: f"those fleeing took {g.quantity('horses')} and {g.quantity('head of livestock')} from {g.org()}.",
    lambda g: f"{g.people()} were recaptured in {g.place()} as they were fleeing {g.date()}.",
)


# Statements that name people, places and bodies but report no dated event.
_STATEMENTS = (
    lambda g: f"{g.org()} has strengthened work related to {g.rng.choice(TOPICS)}.",
    lambda g: f"the situation in {g.place()} remains tense.",
    lambda g: f"{g.person()} is responsible for the work of {g.org()}.",
    lambda g: f"according to {g.person()}, the mood of the masses in {g.place()} is unstable.",
    lambda g: f"many of the residents of {g.place()} have relatives in {g.country()}.",
    lambda g: "the people of {} and {} are closely watching the situation.".format(*g.two_places()),
    lambda g: f"{g.person()} expressed gratitude to {g.org()} for its support.",
    lambda g: f"[he] also said that the doors to {g.country()} are open for those who wish to leave {g.place()}.",
    lambda g: f"the representatives of {g.org()} will hold talks with {g.person()} on {g.rng.choice(TOPICS)}.",
    lambda g: "{} asked {} to convey [his] views to the leadership.".format(*g.two_persons()),
    lambda g: f"{g.org()} has placed returnees in {g.place()} who have extensive contact with the masses.",
    lambda g: f"the roads between {g.place()} and the border are poor, and supplies arrive late.",
)


def _bold_wrapped(title: str, width: int = 50) -> str:
    """The title in bold, wrapped over lines that end in two spaces, as the archive prints it."""
    lines: list[str] = []
    current = ""
    for word in title.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    lines.append(current)
    return "**" + "  \n".join(lines) + "**"


def record_text(seed: int, i: int) -> tuple[str, str]:
    """(record id, file text) of record ``i`` of the corpus with ``seed``."""
    record_id = str(FIRST_ID + i)
    rng = random.Random(f"archivekg-bench:{seed}:{i}")  # str seeds hash the same in every process
    return record_id, Record(rng, record_id).text()


def generate_corpus(out: Path, n: int, seed: int = 0) -> list[Path]:
    """Write ``n`` records into ``out`` (created if needed); returns their paths, sorted.

    Files whose bytes would not change are left alone (their times too), and generated-looking
    record files beyond ``n`` are removed, so the folder holds exactly this corpus.
    """
    if n < 0:
        raise ValueError(f"n must be >= 0, not {n}")
    out.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for i in range(n):
        record_id, text = record_text(seed, i)
        path = out / f"wilson-{record_id}.txt"
        data = text.encode("utf-8")
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
        paths.append(path)
    keep = {p.name for p in paths}
    for stale in out.iterdir():
        if RECORD_NAME.match(stale.name) and stale.name not in keep:
            stale.unlink()
    return sorted(paths)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic corpus in the Wilson Center layout.")
    parser.add_argument("out", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    paths = generate_corpus(args.out, args.n, args.seed)
    print(f"{len(paths)} records in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
