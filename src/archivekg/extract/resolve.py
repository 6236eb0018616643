"""Within one record: decide undecided names, then gather mentions into entities.

A name decided anywhere in the record decides its other occurrences ('Tacheng [Qoqek]' typed
by its bracket, 'Tacheng County' by its head, then every bare 'Tacheng'). Mentions of one entity
are joined when they share a name form, a place's core name ('Tacheng County' = 'Tacheng'), a
person's family name ('Chairman Mao' = 'Mao Zedong'), or an organisation's name without a
leading place ('Tacheng October Cooperative' = 'October Cooperative').
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache

from ..disjoint import DisjointSets
from ..records import Entity, Mention, Method
from ..vocab import slug as _vocab_slug
from . import context
from .gazetteer import Gazetteer
from .lexicon import fold, lexicon, words
from .names import PATRONYMIC_ENDINGS, Cand
from .recase import english
from .text import View


@lru_cache(maxsize=65536)
def slug(text: str, limit: int = 80) -> str:
    """IRI-safe keys, cached: the same names come back in every record."""
    return _vocab_slug(text, limit)


_ADMIN = frozenset(words(
"county city prefecture province region district area areas municipality town village "
                   "township oblast krai raion autonomous uyghur kirghiz kazakh mongol hui tibetan zhuang "
                   "special administrative"))
_NORM = re.compile(r"[\W_]+")


@lru_cache(maxsize=65536)
def key_of(name: str) -> str:
    n = _NORM.sub(" ", fold(name).replace("[sic]", " ")).strip()
    return n[4:] if n.startswith("the ") else n


@lru_cache(maxsize=65536)
def place_core(name: str) -> str:
    words = key_of(name).split()
    while len(words) > 1 and words[-1] in _ADMIN:
        words.pop()
    return " ".join(words)


def _forms(c: Cand) -> list[str]:
    forms = [c.name, *c.variants, *c.pseudonyms]
    if c.known and c.known.label not in forms:
        forms.append(c.known.label)  # 'USSR' and 'Soviet Union' are one name in the lexicon
    return forms


def decide(view: View, cands: list[Cand], headings: list[tuple[int, int]],
           gazetteer: Gazetteer | None, body_end: int | None = None) -> list[Cand]:
    """Give undecided candidates a kind from the record, the gazetteer or their context; drop the rest."""
    text = view.text
    votes: dict[str, dict[str, int]] = {}
    index: dict[str, str] = {}
    for c in cands:
        if c.rule == "bracketed-person" and not c.kind and _ROUTE_BEFORE.search(text, max(0, c.start - 30), c.start) \
                and c.variants and fold(c.variants[-1]) == fold(c.name):
            # 'the road to Cao Bang [Cao Bằng]': a name spelt as in its language, at the end of a road
            c.kind, c.rule, c.confidence = "place", c.rule + "+route", 0.6
    new = [c for c in cands if c.kind]
    for _round in range(2):
        # a decided candidate keeps its name and kind: its votes are counted once, and only the names
        # it votes for may change their kind
        for key in _vote(votes, new):
            index[key] = _top(votes[key])
        in_record = set(index.values())
        undecided = [c for c in cands if not c.kind]
        for c in undecided:
            hit = _lookup(index, c) or (gazetteer.kind_of(_forms(c)) if gazetteer else None)
            if hit:
                c.kind, c.rule, c.confidence = hit, c.rule + "+seen-in-record" if hit in in_record else \
                    c.rule + "+gazetteer", max(c.confidence, 0.7)
        if _round == 0:
            _by_signature(text, [c for c in cands if not c.kind and not c.nested], body_end)
            _by_context(text, [c for c in cands if not c.kind and not c.nested], headings)
            _by_enumeration(text, cands)
            new = [c for c in undecided if c.kind]
    return [c for c in cands if c.kind]


_ROUTE_BEFORE = re.compile(r"\b(?:road|roads|route|railway|railroad|highway|bridge|journey|trip|flight|way) "
                           r"(?:to|from|through|via|between) $|\b(?:arrived in|arrive in|reached|the province of|"
                           r"the district of) $")


def _top(votes: dict[str, int]) -> str:
    """The kind with the most votes (the first in alphabetical order when tied)."""
    if len(votes) == 1:
        return next(iter(votes))
    return max(sorted(votes), key=lambda kind: votes[kind])


def _vote(votes: dict[str, dict[str, int]], cands: Iterable[Cand]) -> set[str]:
    """Add the votes of decided candidates: name key -> kind -> votes (for the kind most candidates
    with that name, or core name, or family name, have). The keys voted for are returned."""
    touched: set[str] = set()

    def vote(key: str, kind: str, n: int) -> None:
        v = votes.setdefault(key, {})
        v[kind] = v.get(kind, 0) + n
        touched.add(key)

    for c in cands:
        assert c.kind
        for f in _forms(c):
            vote(key_of(f), c.kind, 2)
        if c.kind == "place":
            vote(place_core(c.name), c.kind, 1)
        if c.kind == "person":
            parts = key_of(c.name).split()
            if len(parts) > 1:
                vote(parts[0], "person", 1)
                vote(parts[-1], "person", 1)
    return touched


def _lookup(index: dict[str, str], c: Cand) -> str | None:
    for f in _forms(c):
        k = index.get(key_of(f))
        if k:
            return k
    return None


def _in(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(s <= pos < e for s, e in spans)


def _by_context(text: str, cands: list[Cand], headings: list[tuple[int, int]]) -> None:
    for c in cands:
        if _glued_initials(text, c):
            c.kind, c.rule, c.confidence = "person", c.rule + "+glued-initials", 0.6
            continue
        if _in(headings, c.start):  # a heading or a header line: only what the name itself says
            if context.field_label(text, c):
                c.kind, c.rule, c.confidence = "person", c.rule + "+field-label", 0.65
            elif context.title_after(text, c) and c.hint != "group":
                # 'Getachew Kibret, Chargé d'Affaires a.i., Embassy of Ethiopia': a list of participants
                c.kind, c.rule, c.confidence = "person", c.rule + "+title-after", 0.65
            elif c.hint:
                c.kind, c.rule = c.hint, c.rule + "+shape"
            continue
        if c.hint == "group":  # an unknown acronym: no context makes it a person or a place
            c.kind, c.confidence = "group", 0.5
            continue
        if _designated(text, c):
            continue  # 'in Room 209', 'at Hostel No. 2': a thing with its number, no name
        verb = context.speech_after(text, c)
        if _PRESS_BEFORE.search(text[max(0, c.start - 24):c.start]) \
                or _PRESS_LIST_BEFORE.search(text[max(0, c.start - 90):c.start]):
            c.kind, c.rule, c.confidence, c.subtype = "group", c.rule + "+press-word", 0.7, "newspaper"
        elif context.speaker(text, c):
            c.kind, c.rule, c.confidence = "person", c.rule + "+speaker-label", 0.7
        elif context.appositive(text, c):
            c.kind, c.rule, c.confidence = "person", c.rule + "+title-apposition", 0.75
        elif verb == "speech-verb" and not context.ordinary_word(c.name):
            c.kind, c.rule, c.confidence = "person", c.rule + "+speech-verb", 0.75
        elif context.field_label(text, c):
            c.kind, c.rule, c.confidence = "person", c.rule + "+field-label", 0.65
        elif context.attendance(text, c):
            c.kind, c.rule, c.confidence = "person", c.rule + "+attendance-list", 0.65
        elif context.title_after(text, c):
            c.kind, c.rule, c.confidence = "person", c.rule + "+title-after", 0.7
        elif context.occupation(text, c):
            c.kind, c.rule, c.confidence = "person", c.rule + "+occupation", 0.7
        elif context.correspondent(text, c):
            c.kind, c.rule, c.confidence = "person", c.rule + "+correspondent", 0.55
        elif context.locative(text, c):
            c.kind, c.rule, c.confidence = "place", c.rule + "+locative", 0.6
        elif _PART_OF_LAND.fullmatch(c.name) and not heads_word(c.name.split()[1]):
            # 'Central Java', 'Upper Silesia', 'Northern Epirus': a part of a land
            c.kind, c.rule, c.confidence = "place", c.rule + "+part-of-land", 0.6
        elif verb and not context.ordinary_word(c.name):
            c.kind, c.rule, c.confidence = "person", c.rule + "+person-verb", 0.6
        elif c.hint == "person" and c.rule == "bracketed-person":
            c.kind, c.confidence = "person", 0.7  # (a name spelt in its language, no context says a place)
        elif c.variants and not c.uncertain and any(_ACRONYM.fullmatch(n) for n in (c.name, *c.variants)):
            # 'Polish Red Cross [PCK]', 'EPLF [Eritrean People's Liberation Front]': a body and its initials
            c.kind, c.rule, c.confidence = "group", c.rule + "+acronym-variant", 0.6
        elif c.variants and any(_fuller_name(c.name, v) for v in c.variants):
            # 'Savimbi [Jonas Savimbi]': the translator completes a person's name
            c.kind, c.rule, c.confidence = "person", c.rule + "+completed-name", 0.7
        elif c.variants and not c.uncertain and _body_gloss(c.variants):
            # 'Pemuda Rakjat [People's Youth]', 'Sarandoy [militia of the Ministry ...]': the gloss
            # names a body or a people, so does the name it translates
            c.kind, c.rule, c.confidence = "group", c.rule + "+body-gloss", 0.6
        elif c.variants and _transcribed_person(c):
            # 'Tuo-ni Ha-ge-en [Toni Hagen]': a foreign person's name written in syllables, and as spelt
            c.kind, c.rule, c.confidence = "person", c.rule + "+transcribed-name", 0.65
        elif c.variants and c.hint == "person" and c.rule.startswith("person-shape:") \
                and fold(c.variants[-1]) != fold(c.name) and fold(c.variants[-1]).split()[0] == fold(c.name).split()[0]:
            # 'Kim Chang-guk [Kim Ch'ang-guk]': a person's name and its other romanisation
            c.kind, c.rule, c.confidence = "person", c.rule + "+romanisation", 0.65
        elif c.variants and not c.uncertain:
            c.kind, c.rule, c.confidence = "place", c.rule + "+translator-variant", 0.55
        elif _glossed_body(text, c):
            c.kind, c.rule, c.confidence = "group", c.rule + "+body-gloss", 0.6
        elif c.hint:
            c.kind, c.rule = c.hint, c.rule + "+shape"
        elif c.uncertain:
            c.kind, c.rule, c.confidence = "person", c.rule + "+sic-transliteration", 0.5


_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,7}")
# Words that make a gloss a body or a people: 'Youth' (organisations of the young), nomads, tribes.
_GLOSS_GROUP_WORDS = frozenset({"youth", "nomads", "tribe", "tribes", "tribesmen", "people", "peoples", "unity"})


def _transcribed_person(c: Cand) -> bool:
    """A name of two or three words written in syllables ('Ba-ba Ye-xi'), its bracket a name of as many
    capitalised words ('Baba Yeshi'), or a bracket that opens with a given name."""
    inner = c.variants[-1].split()
    if not 2 <= len(inner) <= 3 or not all(w[:1].isupper() for w in inner) or any(heads_word(w) for w in inner):
        return False
    outer = c.name.split()
    lex = lexicon()
    return (2 <= len(outer) <= 3 and all("-" in w for w in outer)) or inner[0].lower() in lex.given


def _body_gloss(variants: list[str]) -> bool:
    """A bracketed gloss that names a body ('State Information Service', 'Indonesian Women's
    Movement', 'militia of the Ministry of Internal Affairs') or a people ('nomads', 'ethnic Chinese')."""
    heads = lexicon().heads
    for v in variants:
        words_ = [fold(w) for w in re.findall(r"[\w'’-]+", v.split(" of ")[0])]
        last = words_[-1] if words_ else ""
        if last in _GLOSS_GROUP_WORDS or (heads.get(last, ("", ""))[0] == "group" and len(words_) > 1) \
                or (v[:1].islower() and (words_[0] == "ethnic" or heads.get(words_[0], ("", ""))[0] == "group")):
            return True
    return False


_PART_OF_LAND = re.compile(r"(?:Central|Northern|Southern|Eastern|Western|Upper|Lower) [A-Z][^\W\d_]+")


def _fuller_name(name: str, variant: str) -> bool:
    """The variant is the name with given names before it ('Jonas Savimbi' for 'Savimbi')."""
    words_ = variant.split()
    return 2 <= len(words_) <= 4 and variant.endswith(" " + name) and " " not in name \
        and all(w[:1].isupper() and w.isalpha() and not heads_word(w) for w in words_)


def heads_word(w: str) -> bool:
    return fold(w) in lexicon().heads or fold(w) in lexicon().common


# A translator's gloss in lower case after a name: 'Sarandoy [militia of the Ministry ...]', 'Kuchis [nomads]'.
_GLOSS_AFTER = re.compile(r" ?\[([a-z][^\[\]\n]{1,60})\]")


def _glossed_body(text: str, c: Cand) -> bool:
    m = _GLOSS_AFTER.match(text, c.end)
    return m is not None and _body_gloss([m.group(1)])


_NUMBER_AFTER = re.compile(r"(?: No\.?| Nos?\.)? ?\d")


# Initials run together with the surname, as drafting and clearance lines write them ('Drafted:
# EUR/SOV: PMLandry', 'Cleared: JMcKay'): a person, after a colon on the line.
_GLUED = re.compile(r"[A-Z]{1,3}(?:Mc|Mac|O')?[A-Z][a-z]{2,}")
_COLON_BEFORE = re.compile(r":[ \t]*$")


def _glued_initials(text: str, c: Cand) -> bool:
    return bool(_GLUED.fullmatch(c.name)) and bool(_COLON_BEFORE.search(text, max(0, c.start - 4), c.start))


_UNIT_ABBREVIATION_AFTER = re.compile(r"\. ?\d")


def _designated(text: str, c: Cand) -> bool:
    """An ordinary English noun written with a number after it ('Room 209', 'Hostel No. 2')."""
    words_ = c.name.split()
    if len(c.name) <= 3 and _UNIT_ABBREVIATION_AFTER.match(text, c.end):
        return True  # 'Rs. 180 crores', 'Fr. 20': a currency's abbreviation before its amount
    if len(words_) == 2 and words_[-1] in ("No", "Nos"):
        return bool(re.match(r"\.? ?\d", text[c.end:c.end + 3]))  # 'Hostel No. 2'
    if not _NUMBER_AFTER.match(text, c.end):
        return False
    return len(words_) == 1 and words_[0].lower() in english()
# A name right after the word for a newspaper, journal or broadcaster: 'the newspapers Al-Ayyam and
# ...', 'the weekly Tempo', 'the party organ Nepszava'.
_PRESS_BEFORE = re.compile(r"\b(?:newspapers?|dailies|daily|weekly|weeklies|monthly|journal|journals|magazines?|"
                           r"periodicals?|organ|radio station|news agency|agency) (?:the )?$")
# ... and the names after it in a list: 'the newspapers Al-Ayyam, Barada and Al-Nasr'.
_PRESS_LIST_BEFORE = re.compile(r"\b(?:newspapers|dailies|weeklies|journals|magazines|periodicals) "
                                r"(?:[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,3}(?:, |,? and )){1,4}$")
_SIGNATURE_LINE = re.compile(r"^[^\d:;.!?]{2,60}$")


def _by_signature(text: str, cands: list[Cand], body_end: int | None) -> None:
    """A name alone on one of the last lines of the body is the signature of a person."""
    end = body_end if body_end is not None else len(text)
    body = text[:end].rstrip()
    tail_start = body.rfind("\n", 0, max(0, len(body) - 1))
    for _ in range(5):
        if tail_start <= 0:
            break
        tail_start = body.rfind("\n", 0, tail_start)
    tail_start = max(tail_start, 0)
    for c in cands:
        if not tail_start <= c.start < len(body):
            continue
        ls = text.rfind("\n", max(0, c.start - 80), c.start) + 1
        le = text.find("\n", c.end, c.end + 80)
        if (ls == 0 and c.start > 80) or (le < 0 and len(text) - c.end > 80):
            continue  # not on a short line
        line = text[ls:le if le >= 0 else len(text)].strip()
        rest = line.replace(text[c.start:c.end], "").strip(" ,[]")
        if _SIGNATURE_LINE.match(line) and len(line.split()) <= 5 and rest.lower() in ("", "illegible", "signed",
                                                                                      "signature"):
            c.kind, c.rule, c.confidence = "person", c.rule + "+signature", 0.65


_LIST_GAP = re.compile(r"^(?:,|,? and|,? or)(?: the)? $")


def _by_enumeration(text: str, cands: list[Cand]) -> None:
    """Members of 'X, Y and Z' share the kind their decided members have."""
    order = sorted((c for c in cands if not c.nested), key=lambda c: c.start)
    groups: list[list[Cand]] = []
    for c in order:
        end = groups[-1][-1].end if groups else 0
        # (a gap of more than ', and the ' is no list gap: it need not be cut out and matched)
        if groups and c.start - end <= 10 and _LIST_GAP.match(text[end:c.start]):
            groups[-1].append(c)
        else:
            groups.append([c])
    for g in groups:
        if len(g) < 2:
            continue
        kinds = Counter(c.kind for c in g if c.kind)
        if not kinds:
            continue
        kind = kinds.most_common(1)[0][0]
        for c in g:
            if not c.kind:
                c.kind, c.rule, c.confidence = kind, c.rule + "+enumeration", 0.6


def _merge_keys(c: Cand, place_words: set[str], shared_rests: set[str]) -> list[str]:
    keys = [f"{c.kind}:{key_of(f)}" for f in _forms(c)]
    if c.kind == "place" and c.subtype not in ("river", "lake", "sea", "mountain", "border", "street", "port"):
        keys.append(f"place-core:{place_core(c.name)}")
    rest = _rest_after_place(c, place_words)
    if rest is not None and rest not in shared_rests:
        keys.append(f"group:{rest}")  # 'Tacheng County Party Committee' is 'the County Party Committee'
    return keys


def _rest_after_place(c: Cand, place_words: set[str]) -> str | None:
    """A body's name without the place that opens it ('county party committee'), when it opens with one."""
    if c.kind != "group":
        return None
    words = key_of(c.name).split()
    return " ".join(words[1:]) if len(words) > 2 and words[0] in place_words else None


def _shared_rests(cands: list[Cand], place_words: set[str]) -> set[str]:
    """Rests that bodies of two places share ('the Changjin and Pujon power stations'): no short name
    of either."""
    seen: dict[str, str] = {}
    shared: set[str] = set()
    for c in cands:
        rest = _rest_after_place(c, place_words)
        if rest is not None and seen.setdefault(rest, key_of(c.name)) != key_of(c.name):
            shared.add(rest)
    return shared


def entities(view: View, cands: list[Cand], version: str) -> list[Entity]:
    """Cluster decided candidates into entities with labels, variants and verbatim mentions."""
    cands = sorted(cands, key=lambda c: (c.start, -c.end))
    n = len(cands)
    sets = DisjointSets(range(n))
    place_words = {key_of(c.name) for c in cands if c.kind == "place"} | \
                  {place_core(c.name) for c in cands if c.kind == "place"}
    first: dict[str, int] = {}
    shared = _shared_rests(cands, place_words)
    for i, c in enumerate(cands):
        for k in _merge_keys(c, place_words, shared):
            if k in first:
                sets.union(first[k], i)
            else:
                first[k] = i
    _join_short_persons(cands, sets)
    clusters: dict[int, list[Cand]] = defaultdict(list)
    for i, c in enumerate(cands):
        clusters[sets.find(i)].append(c)
    out: list[Entity] = []
    used: set[str] = set()
    for root in sorted(clusters):
        out.append(_entity(view, clusters[root], version, used))
    return out




def _join_short_persons(cands: list[Cand], sets: DisjointSets[int]) -> None:
    """'Mao' or 'Khrushchev' alone joins the one full name in the record that has that word."""
    full: dict[str, set[int]] = defaultdict(set)
    for i, c in enumerate(cands):
        parts = key_of(c.name).split()
        if c.kind == "person" and len(parts) > 1:
            full[parts[0]].add(sets.find(i))
            full[parts[-1]].add(sets.find(i))
    for i, c in enumerate(cands):
        parts = key_of(c.name).split()
        if c.kind != "person":
            continue
        # 'Mao' alone, or a given name with a patronymic ('Nikita Sergeyevich')
        if len(parts) == 1 or (len(parts) == 2 and parts[1].endswith(PATRONYMIC_ENDINGS)):
            roots = {sets.find(j) for j in full.get(parts[0], ())} - {sets.find(i)}
            if len(roots) == 1:
                sets.union(next(iter(roots)), i)
    _join_initials(cands, sets)


def _initials(name: str) -> tuple[str, tuple[str, ...]] | None:
    """('batitsky', ('p', 'f')) for 'P. F. Batitsky' or 'Pavel Fyodorovich Batitsky'."""
    words = name.replace(".", ". ").split()
    if len(words) < 2:
        return None
    return key_of(words[-1]), tuple(key_of(w)[:1] for w in words[:-1])


def _join_initials(cands: list[Cand], sets: DisjointSets[int]) -> None:
    """'P. F. Batitsky' joins 'Pavel Fyodorovich Batitsky' (same family name, initials that fit)."""
    people = [(i, _initials(c.name)) for i, c in enumerate(cands) if c.kind == "person"]
    by_surname: dict[str, list[tuple[int, tuple[str, ...]]]] = defaultdict(list)
    for i, ini in people:
        if ini:
            by_surname[ini[0]].append((i, ini[1]))
    for group in by_surname.values():
        for a, (i, ia) in enumerate(group):
            for j, ib in group[a + 1:]:
                n = min(len(ia), len(ib))
                if ia[:n] == ib[:n] and "." in cands[i].name + cands[j].name:
                    sets.union(i, j)


def _entity(view: View, group: list[Cand], version: str, used: set[str]) -> Entity:
    kind = group[0].kind if len(group) == 1 else Counter(c.kind for c in group).most_common(1)[0][0]
    assert kind
    known = next((c.known for c in group if c.known), None)
    if known:
        label = known.label
    elif kind == "person":
        label = max((c.name for c in group), key=lambda n: (len(n.split()), "." not in n, -len(n)))
        famous = lexicon().by_surname.get(key_of(label)) if len(label.split()) == 1 else None
        if famous:  # 'Premier Zhou' with no full name in the record: the one well-known Zhou
            group = [*group]
            group[0] = Cand(kind, famous, group[0].start, group[0].end, group[0].rule + "+surname",
                            group[0].confidence, variants=[*group[0].variants, label])
            label = famous
    elif kind == "place":
        # the first name written with its translator variant, else the first one that is not a plural
        # heading form ('the Yili and Tacheng Areas')
        label = next((c.name for c in group if c.variants and not c.nested),
                     next((c.name for c in group if not c.name.endswith("s") or (c.name == group[0].name
                           and len(group) == 1)), group[0].name))
    else:
        label = group[0].name
    label = " ".join(label.split())
    names: list[str] = []
    seen = {key_of(label)}
    for c in group:
        for f in _forms(c):
            f = " ".join(f.split())
            k = key_of(f)
            if k not in seen:
                seen.add(k)
                names.append(f)
    pseudonyms = tuple(sorted({" ".join(p.split()) for c in group for p in c.pseudonyms}))
    variants = tuple(n for n in names if n not in pseudonyms)
    uncertain = tuple(sorted({" ".join(c.name.split()) for c in group if c.uncertain}))
    mentions: dict[tuple[int, int], Mention] = {}
    for c in group:
        quote, span = view.quote(c.start, c.end)
        mentions.setdefault((span.start, span.end), Mention(quote, span))
    best = max(group, key=lambda c: c.confidence)
    # (the subtype of the label, else of a name that is no plural, else any; looked for in turn)
    subtype = next((c.subtype for c in group if c.subtype and c.name == label), None) \
        or next((c.subtype for c in group if c.subtype and not c.name.endswith("s")), None) \
        or next((c.subtype for c in group if c.subtype), None)
    key = slug(label) or "entity"
    if key in used:
        key = f"{key}-{kind}"
    used.add(key)
    conf = min(0.99, best.confidence + 0.05 * (len(group) - 1))
    return Entity(key=key, kind=kind, label=label, subtype=subtype, variants=variants, uncertain=uncertain,
                  pseudonyms=pseudonyms, mentions=tuple(mentions[k] for k in sorted(mentions)),
                  method=Method("rules", version, rule=best.rule), confidence=round(conf, 2))
