"""The automatic extract stage: ``extract(doc) -> Extraction``, rule-based and explainable.

Every item carries ``Method("rules", RULESET_VERSION, rule=...)`` naming the rule that produced
it, a confidence, and the exact passage (a verbatim slice of ``Document.text``). The stage is pure:
same document (and gazetteer), same extraction.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import replace
from itertools import accumulate

from ..records import Document, Extraction, Method
from .classify import analyse
from .context import (
    GOVERNMENT_TAIL,
    PASSIVE_AGENT,
    capitalised_shared_heads,
    dividing_lines,
    enumerations,
    governments_named_for_heads,
    hyphenated_places,
    introduced_bodies,
    introduced_lists,
    lowercase_glossed_bodies,
    lowercase_heads,
    lowercase_names,
    lowercase_units,
    named_bodies,
    numbered_bodies,
    numbered_names,
    office_symbols,
    peoples_of,
    quoted_bodies,
    shared_heads,
    state_adjective_lists,
    tribal_groups,
)
from .dates import find_dates
from .events import build_items
from .footnotes import footnote_variants
from .gazetteer import Gazetteer, build_gazetteer
from .lexicon import fold, lexicon, words
from .names import Cand, strip_leading
from .periods import DateHit
from .quantities import find_quantities
from .recase import proper_words, recase
from .resolve import decide, entities
from .runs import runs
from .text import View, build_view, lines, sentences

_HEADING_WORD = re.compile(r"[A-Za-z][\w'’-]*")

RULESET_VERSION = "1.30"
METHOD = Method("rules", RULESET_VERSION)

__all__ = ["RULESET_VERSION", "Gazetteer", "build_gazetteer", "extract", "name_candidates"]

# (the look-ahead at the first letter lets the regex engine skip other positions fast)
_LOWER_WORD = re.compile(r"(?=[a-z])(?<![\w'’-])[a-z][a-z'’-]+")
_LOWER_WORD_SHAPE = re.compile(r"[a-z][a-z'’-]+")
_FIRST_LETTER = re.compile(r"[\"“'‘(\[\]\u25a1\s\d.)]*")


def _starts(text: str, sents: list[tuple[int, int]]) -> frozenset[int]:
    out = set()
    for s, _ in sents:
        m = _FIRST_LETTER.match(text, s)
        out.add(m.end() if m else s)
    return frozenset(out)


class _LowerWords:
    """The words written in lower case in the text: what ``_LOWER_WORD`` finds there.
    A record asks about a few words only: each is looked for when asked, which is much cheaper than
    gathering all of them; a long record asks about many, and they are gathered after the first 32."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._known: dict[str, bool] = {}
        self._all: frozenset[str] | None = None

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        found = self._known.get(word)
        if found is None:
            if self._all is None and len(self._known) >= 32:
                self._all = frozenset(_LOWER_WORD.findall(self.text))
            found = self._known[word] = word in self._all if self._all is not None else self._written(word)
        return found

    def _written(self, word: str) -> bool:
        if not _LOWER_WORD_SHAPE.fullmatch(word):
            return False
        text, n = self.text, len(word)
        i = text.find(word)
        while i >= 0:
            before, after = text[i - 1:i] if i else "", text[i + n:i + n + 1]
            # not inside a longer word, and not followed by what the word pattern would take too
            if not (before.isalnum() or before in ("_", "'", "’", "-")) \
                    and not ("a" <= after <= "z" or after in ("'", "’", "-")):
                return True
            i = text.find(word, i + 1)
        return False


def _headings(text: str) -> list[tuple[int, int]]:
    """Lines written in title case (headings, letterheads): weak context rules do not apply there."""
    out = []
    for s, e in lines(text):
        if e - s > 240 or e - s < 12 or text[e - 1] in ".:;!?":
            continue
        words = _HEADING_WORD.findall(text, s, e)
        long_words = [w for w in words if len(w) > 3]
        if len(words) >= 3 and not text[s:e].rstrip().endswith((".", ":")) and long_words and \
                sum(1 for w in long_words if w[0].isupper()) >= 0.7 * len(long_words):
            out.append((s, e))
    return out


def _inside_phrases(cands: list[Cand], phrases: list[Cand]) -> list[Cand]:
    """Lexicon phrases win over the pieces the runs made of them ('Voice' of 'Voice of America');
    a phrase inside a longer name is left to that name."""
    if not phrases:
        return list(cands)
    inside_name = _inside([(c.start, c.end) for c in cands if c.kind])
    phrases = [p for p in phrases if p.nested or not inside_name(p.start, p.end)]
    inside_phrase = _inside([(p.start, p.end) for p in phrases])
    # (a member of an enumeration is a name of its own: 'Benxi' of 'the Anshan and Benxi steel works')
    return [c for c in cands if c.nested or c.rule.startswith("enumeration:") or not inside_phrase(c.start, c.end)] \
        + phrases


def _inside(spans: list[tuple[int, int]]) -> Callable[[int, int], bool]:
    """A test whether one of the spans holds start..end and is not that span itself (in log time, for a
    long record has many of both)."""
    spans = sorted(spans)
    starts = [s for s, _ in spans]
    reach = list(accumulate((e for _, e in spans), max))  # the furthest end of the spans up to each

    def test(start: int, end: int) -> bool:
        before = bisect.bisect_left(starts, start)  # spans that start before start
        if before and reach[before - 1] >= end:
            return True
        upto = bisect.bisect_right(starts, start)  # spans that start at start or before
        return upto > 0 and reach[upto - 1] > end
    return test


def _dedup(cands: list[Cand]) -> list[Cand]:
    """One candidate per span; a decided one wins over an undecided one it overlaps."""
    covered = bytearray(max((c.end for c in cands), default=0) + 1)
    for d in cands:
        if d.kind and not d.nested:
            covered[d.start:d.end] = b"\x01" * (d.end - d.start)
    out: list[Cand] = []
    seen: set[tuple[int, int, str]] = set()
    for c in sorted(cands, key=lambda c: (c.kind is None, -c.confidence, c.start)):
        # (a place nested in a body's name may share the span of a name: 'Anshan' of 'the Anshan and
        # Benxi steel works')
        key = (c.start, c.end, c.kind if c.nested and c.kind == "place" else "")
        if key in seen:
            continue
        if c.kind is None and 1 in covered[c.start:c.end]:
            continue
        seen.add(key)
        out.append(c)
    return sorted(out, key=lambda c: (c.start, c.end))


def _without_governments(text: str, cands: list[Cand], governments: list[Cand]) -> list[Cand]:
    """'the Nixon Administration' names the president, not a body: the run of the name and the head
    gives way to the person."""
    heads = {g.start: g.end for g in governments if g.kind == "person"}
    return [c for c in cands if not (c.start in heads and c.end > heads[c.start]
                                     and GOVERNMENT_TAIL.fullmatch(text, heads[c.start], c.end))]


def _league(c: Cand) -> Cand:
    """In Inner Mongolia a league is a territory above the banners ('Xilinguole [Xilingol] League',
    'the Hulunbei'er League Party Committee'): a place, not an association."""
    words_ = c.name.split()
    if c.kind == "group" and len(words_) == 2 and words_[1] == "League" and c.subtype == "association":
        return replace(c, kind="place", subtype="league", rule=c.rule + "+league-of-banners")
    return c


def view_of(doc: Document) -> View:
    """The record text prepared for the rules (capitals recased with the names the record itself
    writes in mixed case: title, summary, other lines)."""
    return build_view(doc.text, lambda t: recase(t, lambda: proper_words(doc.title or "", doc.summary or "",
                                                                          doc.text)))


def name_candidates(view: View, gazetteer: Gazetteer | None = None, body_end: int | None = None,
                    undecided: list[Cand] | None = None) -> list[Cand]:
    """Decided name candidates of the view text (persons, places, groups); the capitalised names
    no rule could type are appended to ``undecided`` (when given)."""
    text = view.text
    sents = sentences(text)
    starts = _starts(text, sents)
    lower_vocab = _LowerWords(text)
    cands: list[Cand] = []
    months = {m.start() for m in _MONTH_BEFORE_NAME.finditer(text)
              if _DATE_BEFORE_MONTH.search(text, max(0, m.start() - 7), m.start())}
    for run in runs(text):
        cands += analyse(strip_leading(run, starts, lower_vocab, months))
    cands += enumerations(text) + shared_heads(text) + lowercase_heads(text) + dividing_lines(text) \
        + capitalised_shared_heads(text) + state_adjective_lists(text)
    governments = governments_named_for_heads(text)
    if governments:
        cands = _without_governments(text, cands, governments)
    named = numbered_names(text) + quoted_bodies(text)
    units = numbered_bodies(text)
    if named:  # ('Department XX' of 'MfS Main Department XX' is no body of its own)
        within = _inside([(c.start, c.end) for c in named])
        units = [u for u in units if not within(u.start, u.end)]
    cands = _inside_phrases(cands, lowercase_names(text) + units + named_bodies(text)
                            + office_symbols(text) + lowercase_glossed_bodies(text) + introduced_bodies(text)
                            + introduced_lists(text) + governments + tribal_groups(text)
                            + hyphenated_places(text) + peoples_of(text) + lowercase_units(text) + named)
    cands = _dedup(cands)
    decided = _defined_short_names(text, decide(view, cands, _headings(text), gazetteer, body_end))
    decided = [c for c in decided if not (c.kind == "person" and _LONE_LETTER.fullmatch(c.name))
               and not (c.kind == "group" and (_archive_siglum(text, c) or _HOLIDAY_AFTER.match(text, c.end)))]
    if "Banner" in text or "Inner Mongolia" in text:
        decided = [_league(c) for c in decided]
    decided = _surname_first(text, decided)
    decided = _without_parents(text, decided)
    listed = _peoples_listed(text, decided)
    decided = _counted_peoples(text, [_state_if_actor(text, c, i in listed) for i, c in enumerate(decided)])
    if any(c.name == "Korea" and c.rule == "state-named-by-adjective" for c in decided):
        decided = _korean_state(text, decided)
    if undecided is not None:
        undecided += [c for c in cands if not c.kind and not c.nested and _worth_reporting(c, starts)]
    return decided


_SOME_OF = frozenset(words("units troops forces detachments elements formations"))


def _without_parents(text: str, cands: list[Cand]) -> list[Cand]:
    """A body named only inside another's name ('the Ministry of Foreign Affairs' of 'the 1st Department
    of the Ministry of Foreign Affairs', 'the Council of Ministers' of 'the KGB under the Council of
    Ministers of the USSR') is that organ's parent, not a body the record speaks of."""
    bodies = [c for c in cands if c.kind == "group"]
    if len(bodies) < 2:
        return cands
    listed = ("shared-head", "enumeration", "capitalised-shared")  # (members of a list are bodies of their own)
    inside = _inside([(c.start, c.end) for c in bodies if not c.rule.startswith(listed)
                      # ('Units of the German Border Police': some of a body, no organ of it)
                      and c.name.split()[0].lower() not in _SOME_OF])
    ends = {c.end for c in bodies}
    parents = {id(c) for c in bodies if (inside(c.start, c.end) and not c.rule.startswith(listed))
               or (text[max(0, c.start - 11):c.start] == " under the " and c.start - 11 in ends)}
    # ('Units of Military Region 3': some of a body, named by the body)
    some = {id(c) for c in bodies if c.name.split()[0].lower() in _SOME_OF and c.name.split()[1:2] == ["of"]}
    if not parents and not some:
        return cands
    named = {fold(c.name) for c in bodies if id(c) not in parents}
    return [c for c in cands if id(c) not in some and (id(c) not in parents or fold(c.name) in named)]


# A month that closes a date ('at the end of August', 'on 22 August'): no name begins with it.
_MONTH_BEFORE_NAME = re.compile(r"(?=[JFMASOND])(?:January|February|March|April|May|June|July|August|September|"
                                r"October|November|December)\s(?=[A-Z])")
_DATE_BEFORE_MONTH = re.compile(r"(?:\b(?i:of|in|since|until|by|early|late|mid-?)|\d)\s$")


# After 1948 'the Korean side', 'the Korean comrades' are one of two states: the North, unless the
# record speaks of the South and never of the North.
_NORTH_KOREA = re.compile(r"(?=[NDPKndpk])\b(?:DPRK|D\.P\.R\.K\.|(?i:North Korea|Pyongyang|Kim Il[- ]Sung|"
                          r"Democratic People['’]s Republic of Korea))\b")
_SOUTH_KOREA = re.compile(r"(?=[SRPsrp])(?<!People's )(?<!People’s )(?<!PEOPLE'S )(?<!PEOPLE’S )\b"
                          r"(?:ROK|R\.O\.K\.|(?i:South Korea|Seoul|Republic of Korea|Park Chung[- ]Hee|"
                          r"Syngman Rhee))\b")


def _korean_state(text: str, cands: list[Cand]) -> list[Cand]:
    state = "South Korea" if _SOUTH_KOREA.search(text) and not _NORTH_KOREA.search(text) else "North Korea"
    return [replace(c, name=state) if c.name == "Korea" and c.rule == "state-named-by-adjective" else c
            for c in cands]


# A person's particulars with the surname in capitals first, as registers and interrogation records
# write them: 'KOVÁCS, Ilona, born on ...'.
_SURNAME_FIRST = re.compile(r"(?<![\w])([A-ZÀ-Þ][A-ZÀ-Þ'’-]{3,}), ([A-ZÀ-Þ][a-zß-ÿ]+)(?=[,;(\n])")


def _surname_first(text: str, decided: list[Cand]) -> list[Cand]:
    lex = lexicon()
    found = [m for m in _SURNAME_FIRST.finditer(text) if fold(m.group(2)) in lex.given
             and fold(m.group(1)) not in lex.names and fold(m.group(1)) not in lex.acronyms]
    if not found:
        return decided
    out = list(decided)
    for m in found:
        surname = m.group(1)[0] + m.group(1)[1:].lower()
        out = [c for c in out if not (m.start() <= c.start < m.end())]
        out.append(Cand("person", f"{m.group(2)} {surname}", m.start(), m.end(), "surname-first", 0.75,
                        variants=[f"{surname} {m.group(2)}"]))
    return sorted(out, key=lambda c: (c.start, c.end))


# People counted ('21 Americans, 1 Briton and 325 Koreans', '14,227 Chinese and 7,612 Korean'): a
# national group of persons, never the state their people's name may stand for elsewhere.
_COUNTED = re.compile(r"(?<![\w,.])(?:\d{1,3}(?:,\d{3})+|\d+|two|three|four|five|six|seven|eight|nine|ten|"
                      r"eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand) ([A-Z][a-z]+)"
                      r"(?=,? (?:and|or) [\d,]+ |, [\d,]+ |[,.;:)]|$|(?<=s) [a-z])")


_COUNTED_PLAIN = re.compile(r",? (?:and|or) [\d,]+ |, [\d,]+ ")


def _counted_peoples(text: str, decided: list[Cand]) -> list[Cand]:
    lex = lexicon()
    by_span = {(c.start, c.end): i for i, c in enumerate(decided)}
    out = list(decided)
    added = False
    for m in _COUNTED.finditer(text):
        w = m.group(1)
        f = fold(w)
        if text[m.end(1):m.end(1) + 1] == " " and not (f in lex.peoples and f not in lex.demonyms) \
                and not _COUNTED_PLAIN.match(text, m.end(1)):
            continue  # only a plural people is counted before a verb ('400 Guatemalans have crossed')
        if f + "s" in lex.peoples:
            label = w + "s"
        elif f in lex.peoples:
            label = w
        elif f in lex.demonyms and lex.people_of.get(lex.demonyms[f]):
            label = lex.people_of[lex.demonyms[f]]
        else:
            continue
        c = Cand("group", label, m.start(1), m.end(1), "people-counted", 0.8, "national group",
                 variants=[w] if w != label else [])
        i = by_span.get((c.start, c.end))
        if i is not None:
            if decided[i].kind == "place" or decided[i].rule == "people":
                out[i] = c
            continue
        if not any(d.start < c.end and c.start < d.end for d in decided):
            out.append(c)
            added = True
    return sorted(out, key=lambda c: (c.start, c.end)) if added else out


# An archive's siglum in a file reference ('RGANI, f. 5, op. 49, d. 288', 'ABS, f. I. správa SNB, reg. č.
# 11470'): the holder of a file, not a body the text speaks of.
_REFERENCE_AFTER = re.compile(r", (?:f|op|d|ll|sygn|reg|fasc|dos|Bl|fol|inv|vol|k)\. ?[\dIVXLa-zč]")
_ACRONYM_NAME = re.compile(r"[A-Z][A-Z&]{1,7}")


def _archive_siglum(text: str, c: Cand) -> bool:
    return bool(_ACRONYM_NAME.fullmatch(text[c.start:c.end]) and _REFERENCE_AFTER.match(text, c.end))


# A country's people doing what states do ('the Americans proposed', 'the Yugoslavs insisted'): the
# state as actor, which the records' idiom names by its people; elsewhere the people themselves.
_ACTOR_AFTER = re.compile(r",? (?:have |had |would |will |also |then |now |again |still )?(?:said|say|says|told|"
                          r"propos\w*|agree\w*|insist\w*|refus\w*|demand\w*|want\w*|ask\w*|request\w*|"
                          r"inform\w*|declar\w*|stat(?:e|ed|es)|announc\w*|offer\w*|promis\w*|suggest\w*|"
                          r"repl\w*|answer\w*|threaten\w*|intend\w*|plan(?:s|ned)?|decid\w*|protest\w*|"
                          r"accus\w*|reject\w*|signed|support\w*|oppos\w*|sent|deliver\w*|supplied|"
                          r"negotiat\w*|recogni[sz]\w*)\b"
                          # an auxiliary before any verb: 'the Soviets had lent', 'the French will not'
                          r"|,? (?:have|has|had|would|will|could|should|did|do|does|must|can|cannot|may|might)"
                          r"(?: not)? [\"“]?(?!been\b|be\b)[a-z]+")  # (not 'the Georgians have been offended')


# The gap between two members of a list of peoples: 'the Poles and the Hungarians', 'the West Germans,
# the Canadians and the Japanese'.
_PEOPLE_GAP = re.compile(r"(?:,|,? and|,? or) (?:the )?")


def _peoples_listed(text: str, cands: list[Cand]) -> set[int]:
    """Indexes of the peoples of countries named in a list of two or more ('ahead of the Yugoslavs and
    the West Germans', 'the Norwegians and the Swedes were measuring'): countries compared or acting
    side by side, each the state (a list with a community that is no country's people, 'the Hungarians
    and Szeklers in Transylvania', is one of peoples)."""
    peoples = lexicon().peoples
    out: set[int] = set()
    run: list[int] = []

    def close() -> None:
        first = cands[run[0]].start if run else 0
        if len(run) < 2 or text[max(0, first - 4):first] not in ("the ", "The ") \
                or _IN_AFTER.match(text, cands[run[-1]].end):
            return
        if all((cands[k].rule == "people" and fold(text[cands[k].start:cands[k].end]) in peoples)
               or cands[k].rule == "people-for-state" for k in run):  # ('the Americans' is already the state)
            out.update(k for k in run if cands[k].rule == "people")

    for i, c in enumerate(cands):
        if c.nested:
            continue
        prev = cands[run[-1]] if run else None
        if prev is not None and c.start - prev.end <= 10 and _PEOPLE_GAP.fullmatch(text, prev.end, c.start):
            run.append(i)
            continue
        close()
        run = [i]
    close()
    return out


_IN_AFTER = re.compile(r" (?:in|of|at|living|who live) ")


def _state_if_actor(text: str, c: Cand, listed: bool = False) -> Cand:
    if c.kind != "group" or not c.rule.startswith("people") or not (
            listed or _ACTOR_AFTER.match(text, c.end) or PASSIVE_AGENT.search(text, max(0, c.start - 30), c.start)):
        return c
    lex = lexicon()
    country = lex.peoples.get(fold(text[c.start:c.end]))
    if country is None:
        return c
    return Cand("place", country, c.start, c.end, "people-as-state", 0.7, "country",
                variants=[text[c.start:c.end]])


# 'Armed Forces Day', 'Army Day': a holiday named after a body, not the body.
_HOLIDAY_AFTER = re.compile(r" Day\b")

# A single capital ('Comrade W', 'J agreed'): an initial or a letter standing for a name, not a name.
_LONE_LETTER = re.compile(r"\W*\w\.?\W*")

# A short name defined in parentheses right after a body's full name: 'State Security Committee (KGB)',
# 'State Planning Committee of the USSR (Gosplan)', 'Korean Central News Agency (KCNA)'.
_DEFINED = re.compile(r"\s?\((?:the )?([A-Z][A-Za-z\u00c0-\u024f.&-]{1,11})\)")
_SHORT_NAME = re.compile(r"[A-Z\u00c0-\u024f][A-Za-z\u00c0-\u024f.&-]*")


def _defined_short_names(text: str, cands: list[Cand]) -> list[Cand]:
    """A group followed by its acronym (or one-word short name) in parentheses takes it as a variant;
    the acronym's own candidate then names the same body."""
    out = list(cands)
    by_start = {c.start: c for c in cands}
    for c in cands:
        m = _DEFINED.match(text, c.end) if c.kind == "group" and " " in c.name else None
        if not m or not _SHORT_NAME.fullmatch(m.group(1)) or sum(ch.isupper() for ch in m.group(1)) < 1:
            continue
        short = m.group(1)
        if short not in c.variants:
            c.variants.append(short)
        inner = by_start.get(m.start(1))
        if inner is not None and inner.kind != "group":
            inner.kind, inner.rule = "group", inner.rule + "+defined-short-name"
        elif inner is None:
            out.append(Cand("group", short, m.start(1), m.end(1), "defined-short-name", 0.8, c.subtype))
    return sorted(out, key=lambda c: (c.start, c.end))


def _worth_reporting(c: Cand, starts: frozenset[int]) -> bool:
    """An undecided name a curator may want to look at: several words, or one that opens no sentence."""
    return c.start not in starts or " " in c.name


def _outside_numbered_bodies(hits: list[DateHit], cands: list[Cand]) -> list[DateHit]:
    """A day that opens a body's name ('the 30th September Movement', 'the 26th of July Movement')
    is part of the name, not a date."""
    bodies = [(c.start, c.end) for c in cands if c.rule == "numbered-body"]
    if not bodies:
        return hits
    return [h for h in hits if not any(s < h.end <= e for s, e in bodies)]


def extract(doc: Document, gazetteer: Gazetteer | None = None) -> Extraction:
    """Persons, places, groups, dates, quantities, events, claims and references of one record."""
    view = view_of(doc)
    text = view.text
    sents = sentences(text)
    undecided: list[Cand] = []
    cands = name_candidates(view, gazetteer, view.view_pos(doc.body_end) if doc.body_end else None, undecided)
    ents = entities(view, cands, RULESET_VERSION)
    ents = footnote_variants(doc, view, ents)
    unresolved: list[tuple[int, int]] = []
    date_hits = _outside_numbered_bodies(find_dates(text, doc.date, sents, unresolved), cands)
    qty_hits = find_quantities(text, [(h.start, h.end) for h in date_hits])
    ex = build_items(doc, view, sents, ents, cands, date_hits, qty_hits, METHOD)
    problems = [f"date {view.quote(s, e)[0]!r} at {view.span(s, e).start}: the record has no document date "
                "to resolve it against" for s, e in unresolved]
    problems += [f"name {c.name!r} at {view.span(c.start, c.end).start}: no rule tells whether it is a person, "
                 "a place or a group" for c in undecided]
    return replace(ex, unmodelled=tuple(problems))
