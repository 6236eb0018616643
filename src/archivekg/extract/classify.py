"""Read one run of capitalised words: which names it holds and of what kind.

The order of evidence: the lexicon; a title chain (person, or an unnamed office holder); the head
word before "of"/"in" (group or place); person-name shapes (given name, initials, East Asian family
name); ethnonyms and peoples. Anything else stays undecided for ``resolve``.
"""
from __future__ import annotations

import re

from .lexicon import Known, fold, lexicon, words
from .names import (
    ARTICLES,
    OF_IN,
    PARTICLES,
    PATRONYMIC_ENDINGS,
    STATE_HEADS,
    Cand,
    Tok,
    head_of,
    is_generic,
    is_mod,
    is_title,
    render,
    tokens,
)
from .recase import english, office_word
from .runs import main_head

# 'Soviet' is a citizenship, not a nationality: 'the Soviets' (and 'the Americans') of diplomatic prose are
# the state.
STATE_PEOPLES = frozenset({"soviets", "americans"})  # peoples whose name stands for their state
# Adjectives that go on to the noun they qualify: a body's name never ends with one.
_NAME_ADJECTIVES = frozenset(words("great grand supreme national central federal higher high joint united royal "
                                   "popular democratic socialist standing permanent provisional revolutionary"))
# Adjectives that go on to a noun in an office's name: an organisation never ends with one.
_LEADING_ADJECTIVES = frozenset(words("foreign external internal economic political military naval cultural "
                                      "commercial public international social scientific technical"))
# heads written before the name ('VEB': a people's enterprise of the GDR, 'VEB Carl Zeiss Jena')
_NAME_AFTER_HEAD = frozenset({"radio", "lake", "mount", "cape", "port", "fort", "veb"})
# A syllable of an East Asian name, Vietnamese diacritics included ('Lộc', 'Văn').
_SYL = "a-zß-öø-ÿđ\u0100-\u024f\u1e00-\u1eff"
_PINYIN = re.compile(rf"^[A-ZÀ-ÖØ-ÞĐ][{_SYL}]{{0,6}}(?:[-'][{_SYL}]{{1,6}})?$")
_ORGANS = frozenset({"Central Committee", "Politburo", "Presidium", "Secretariat", "Standing Committee"})
# Names of meetings, not bodies: 'the Eighth Plenum of the CCP Central Committee' names the committee.
_MEETINGS = frozenset(words("plenum plenary congress session conference meeting"))


# Heads of units that are parts of a larger body but named in their own right: 'the Advanced Brigade
# of the High-Speed Cooperative' is two groups, while 'the Central Committee of the CPSU' is one.
_SUBUNITS = frozenset(words("brigade brigades cooperative cooperatives farm farms commune communes team teams "
                            "company companies station stations"))
# Bodies that are not named again when one of their organs or departments is named after them.
_ORGAN_TYPES = frozenset({"party", "party central committee", "committee", None})
_ACRONYM = re.compile(r"[A-Z]{2,6}")
_ROMAN = re.compile(r"(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")


def _known(toks: list[Tok]) -> Cand | None:
    lex = lexicon()
    if not toks:
        return None
    for t in toks:
        if t.typ not in ("word", "init", "abbr", "conn"):
            return None
    if len(toks) > lex.max_len + 3:
        return None
    name = " ".join([t.text for t in toks])
    k = lex.names.get(fold(name))
    if k is None:
        return None
    return Cand(k.kind, name, toks[0].start, toks[-1].end, "lexicon", 0.95, k.subtype, known=k)


def _title_chain(toks: list[Tok]) -> int:
    """Length of the leading run of title words ('Soviet Vice Foreign Minister'), 0 if no core title."""
    n = 0
    core = False
    names = lexicon().names
    for k, t in enumerate(toks):
        if k + 1 < len(toks) and f"{t.f} {toks[k + 1].f}" in names:
            break  # 'Sri Lanka', 'Prince Edward Island': a title word opening a known name
        if is_title(t):
            core = True
        elif not (is_mod(t) or (t.typ == "abbr" and t.f in lexicon().titles)):
            break
        n += 1
    return n if core else 0


# Letters written after a name: membership of a parliament, orders and honours, degrees.
_POSTNOMINALS = frozenset(words("MP MPs QC KC PC KG KT GCMG KCMG CMG GCB KCB CB GBE KBE CBE OBE MBE DSO MC "
                                "KCVO CVO MVO FRS PhD MD MEP Esq"))


def person(toks: list[Tok], rule: str, titled: bool, conf: float) -> list[Cand]:
    """A person's name with its bracketed completion, real name, variant or [sic] flag."""
    lex = lexicon()
    while len(toks) > 1 and toks[-1].typ == "word" and toks[-1].text in _POSTNOMINALS:
        toks = toks[:-1]  # 'Hector Monro MP': letters after a name are no part of it
    names = [t for t in toks if t.typ in ("word", "init", "abbr")]
    brks = [t for t in toks if t.typ == "brk"]
    sic = any(t.typ == "sic" for t in toks)
    start, end = toks[0].start, toks[-1].end
    # particles stay in the name: 'Javier Pérez de Cuéllar', 'Jorge de Carvalho e Silva'
    outside = " ".join(t.text for k, t in enumerate(toks) if t.typ in ("word", "init", "abbr")
                       or (t.typ == "conn" and t.text.split(" ")[0] in PARTICLES and 0 < k < len(toks) - 1))
    if not names and brks:
        return [Cand("person", brks[0].text[1:-1], start, end, rule + "+bracket", conf, titled=titled)]
    if not names:
        return []
    c = Cand("person", outside, start, end, rule, conf, titled=titled, uncertain=sic)
    reordered = _surname_last(names)
    if reordered:
        c.name, c.variants = reordered, [outside]
    if brks:
        inner = brks[-1].text[1:-1]
        real = lex.pseudonyms.get(fold(outside))
        known = lex.names.get(fold(inner))
        if real or (known and known.kind == "person" and fold(outside) not in fold(inner)):
            c.name = known.label if known and known.kind == "person" else (real or inner)
            c.pseudonyms = [outside]
            c.variants = [inner] if inner != c.name else []
            c.rule = rule + "+pseudonym"
        elif len(names) == 1 and " " not in inner and _PINYIN.match(outside) and _PINYIN.match(inner):
            c.name = f"{outside} {inner}"  # Chairman Mao [Zedong]
            c.variants = [outside]
            c.rule = rule + "+completion"
        elif len(inner.split()) >= 2 and len(names) == 1:
            c.name = inner
            c.variants = [outside]
            c.rule = rule + "+completion"
        else:
            c.variants = [inner]
    k = lex.names.get(fold(c.name))
    if k and k.kind == "person" and k.label != c.name:
        c.variants.append(c.name)
        c.name = k.label
    return [c]


def _person_shape(toks: list[Tok]) -> str | None:
    """Which person-name shape the words have, if any."""
    lex = lexicon()
    words = [t for t in toks if t.typ in ("word", "init")]
    if len(words) < 2 or len(words) != len([t for t in toks if t.typ not in ("brk", "sic", "conn")]):
        return None
    if any(head_of(t) or t.f in lex.demonyms or t.f in lex.common or t.f in _CREEDS for t in words if t.typ == "word"):
        return None  # ('Roman Catholic' is no Roman)
    if words[0].typ == "init" and words[-1].typ == "word" and len(words[-1].text) > 1:  # ('U.S. C-130')
        if len(words) == 2 and words[0].text in ("I.", "V.", "X.") and words[1].f in english():
            return None  # 'I. Scope of the report': a heading numbered in Roman figures
        return "initials"
    if words[0].f in lex.given and words[-1].typ == "word":
        return "given-name"
    if len(words) == 3 and [t.typ for t in words] == ["word", "init", "word"] and len(words[1].text) == 2:
        return "middle-initial"  # 'Karen J. Whitlock', 'Harry S. Truman'

    if (words[0].f in lex.surnames and 2 <= len(words) <= 3
            and all(_PINYIN.match(t.text) and len(t.text) <= 10 for t in words[1:])):
        return "family-name-first"
    if _surname_first_caps(words):
        return "surname-first"
    return None


def _surname_first_caps(words: list[Tok]) -> bool:
    """The surname in capitals before initials or a given name, as Soviet registers, sentences and
    lists of participants write persons: 'KOROTKOV A. I.', 'PALIY Ivan Stepanovych'."""
    lex = lexicon()
    first, rest = words[0], words[1:]
    if first.typ != "word" or len(first.text) < 3 or not first.text.isupper() or not first.text.isalpha() \
            or first.f in lex.acronyms or first.f in lex.names or first.f in lex.common or not 1 <= len(rest) <= 3:
        return False
    if all(t.typ == "init" for t in rest):
        return True
    return len(rest) <= 2 and all(t.typ == "word" and t.text[:1].isupper() and not t.text.isupper() for t in rest) \
        and (rest[0].f in lex.given or rest[-1].f.endswith(PATRONYMIC_ENDINGS))


def _surname_last(names: list[Tok]) -> str | None:
    """'S. I. Ostapchuk' for 'OSTAPCHUK S. I.', 'Ivan Stepanovych Paliy' for 'PALIY Ivan Stepanovych'."""
    if len(names) < 2 or not _surname_first_caps(names):
        return None
    surname = "-".join(p[:1] + p[1:].lower() for p in names[0].text.split("-"))
    return " ".join(t.text for t in names[1:]) + " " + surname


def analyse(toks: list[Tok]) -> list[Cand]:
    """The names in one run (already stripped of leading ordinary words)."""
    if not toks:
        return []
    if len(toks) == 1 and toks[0].typ == "word":
        return _one_word(toks[0])
    if len(toks) == 2 and toks[-1].f in ("catholic", "orthodox") and toks[0].f == "roman":
        return []  # 'Roman Catholic' (a creed in a list of particulars): no name
    completed = _completed_person(toks)
    if completed:
        return completed
    k = next((k for k in range(1, len(toks)) if toks[k].f in _ADDRESSES and toks[k - 1].typ != "conn"), None)
    if k is not None:  # 'Council of Ministers of the MPR Comrade Yu. Tsedenbal': the body, then its holder
        return analyse(toks[:k]) + analyse(toks[k:])
    i = next((k for k, t in enumerate(toks) if t.typ == "conn" and t.text in OF_IN), None)
    known = _known(toks)
    if known:
        nested = [c for c in analyse(toks[i + 1:]) if c.kind == "place"] if i is not None else []
        first = lexicon().names.get(toks[0].f) if len(toks) > 1 and toks[0].typ == "word" else None
        if known.kind == "group" and first is not None and first.kind == "place":
            # 'Warsaw Pact', 'Moscow Radio': the place the body is named after is named too
            nested.append(Cand("place", first.label, toks[0].start, toks[0].end, "lexicon+nested", 0.9,
                               first.subtype, known=first))
        for c in nested:
            c.nested = True
        return [known, *nested]  # 'Socialist Unity Party of Germany' and Germany
    if i is None:
        return simple(toks, looked_up=True)
    pre, conn, post = toks[:i], toks[i], toks[i + 1:]
    if _title_chain(pre) == len(pre):
        return _title_of(pre, post)
    led = _party_of_leader(toks, i)
    if led:
        return led
    head = next((head_of(t) for t in reversed(pre) if head_of(t)), None)
    pre_c = simple(pre)
    w = next((k for k, t in enumerate(post) if t.typ == "conn" and t.text.startswith("with")), None)
    # ('Society for Friendship with the Soviet Union': the place after 'with' is named, not a body)
    post_c = analyse(post) if w is None else [*analyse(post[:w]), *(c for c in analyse(post[w + 1:])
                                                                      if c.kind == "place")]
    if any(t.f in _MEETINGS for t in pre):
        return post_c
    if head is None:
        post_head = head_of(post[-1])
        if post_head and post_head[0] == "group" and not any(c.kind for c in pre_c) and conn.text == "for":
            label, variants, sic = render(toks)  # 'Tractors for Freedom Committee'
            return [Cand("group", label, toks[0].start, toks[-1].end, f"head:{post_head[1]}+{conn.text}", 0.75,
                         post_head[1], variants=variants, uncertain=sic)]
        return pre_c + post_c
    main = main_head(pre)
    if main is not None and main.f in STATE_HEADS and len(pre) == 1 and post_c \
            and post_c[0].kind in ("place", None) and (post_c[0].start, post_c[0].end) == (post[0].start, post[-1].end):
        post_c[0].kind = "place"  # a government is always of a place
        c = post_c[0]  # 'the Government of the Democratic Republic of Vietnam', 'of West Bengal' is the state
        c.start, c.variants = toks[0].start, [*c.variants, " ".join(t.text for t in toks)]
        c.rule = "state-named-by-government"
        return [c]
    if pre_c and post_c and any(c.kind == "group" for c in post_c) and pre_c[0].kind == "group" \
            and main is not None and main.f in _SUBUNITS:
        return pre_c + post_c  # 'Advanced Brigade of the High-Speed Cooperative'
    specific_pre = any(not is_generic(t) for t in pre)
    if not specific_pre and any(c.kind == "group" for c in post_c) and conn.text.startswith("of") \
            and main is not None and main.f in _SUBUNITS:
        return post_c  # 'Second Brigade of the Cattle Farm'
    if not specific_pre and not any(t.typ != "conn" and t.f not in ARTICLES for t in post):
        return []
    kind, subtype = head
    if main is not None and main.f == "bank" and len(pre) == 2 and pre[0].f in _BANK_SIDES:
        kind, subtype = "place", "region"  # 'the East Bank of the Jordan'
    if main is not None and main.f == "church" and conn.text.startswith("of") \
            and next((t.f for t in post if t.f not in ARTICLES), "") in _SAINTS:
        kind, subtype = "place", "building"  # 'the Church of St. Nicholas': a building, no denomination
    if kind == "group" and conn.text == "of" and len(post_c) == 1 and post_c[0].kind == "person" and pre_c \
            and pre_c[0].kind == "group" and (post_c[0].start, post_c[0].end) == (post[0].start, post[-1].end):
        return pre_c + post_c  # 'the Social Credit Party of R. Smith': the party, and its leader
    heads_of_government = [c for c in post_c if c.kind == "person" and c.titled]
    if subtype == "government" and len(pre) == 1 and conn.text == "of" and len(heads_of_government) == 1 \
            and all(c.kind == "person" or (c.kind is None and fold(c.name) in ARTICLES) for c in post_c):
        return heads_of_government  # 'the Government of His Excellency Qavam': named for its head
    at = next((k for k in range(i, len(toks)) if toks[k].typ == "conn" and toks[k].text.startswith("in")), None)
    if kind == "place" and at is not None:
        # 'Democratic Republic of Vietnam in Budapest' (inside an embassy's name): two places
        return analyse(toks[:at]) + [c for c in analyse(toks[at + 1:]) if c.kind in ("place", None)]
    label, variants, sic = render(toks)
    body = _known(pre) if conn.text.startswith("of") else None
    country = _known(post) if body is not None else None
    if body is not None and body.known is not None and body.kind == "group" and country is not None \
            and country.kind == "place" and not body.known.label.startswith(("Ministry", "Embassy", "Consulate")):
        # 'the Central Intelligence Agency of the United States': the body the lexicon knows, named with its country
        variants, label = [label, body.name, *variants], body.known.label
    whole = Cand(kind, label, toks[0].start, toks[-1].end, f"head:{subtype}+{conn.text.split()[0]}", 0.85,
                 subtype, variants=variants, uncertain=sic)
    # the place and the ministry or agency the name belongs to are named too ('Embassy in Budapest',
    # 'Asian Affairs Department of the Foreign Ministry'); a party is not named again by its organs
    # ('Central Committee of the CPSU')
    nested = [c for c in post_c if c.kind in ("place", None) or (c.kind == "group" and c.subtype not in _ORGAN_TYPES)]
    if len(post) > 1 and post[-1].typ == "brk":
        for c in nested:  # 'Islamic Party of Afghanistan [Hezb-e Islami]': the body's name, not the place's
            if c.kind == "place":
                c.variants = [v for v in c.variants if v != post[-1].text[1:-1]]
    for c in nested:
        c.nested = True
        if conn.text.startswith("in") and c.kind is None:
            c.kind, c.rule = "place", c.rule + "+in-after-organisation"
    if conn.text.startswith("in") and main is not None and lexicon().heads[main.f][1] == "institute":
        whole.variants.append(render(pre)[0])  # 'Karl Marx University in Leipzig'
    elif kind == "group" and any(c.kind == "group" for c in post_c) and specific_pre \
            and not any(is_title(t) or t.f in lexicon().demonyms for t in pre):
        whole.variants.append(render(pre)[0])  # a department is named by its own name in short
    return [whole, *nested]


_LED_BODIES = frozenset({"party", "association", "organization"})


def _party_of_leader(toks: list[Tok], i: int) -> list[Cand]:
    """'the Islamic Party of Afghanistan [Hezb-e Islami] of Gulbuddin Hekmatyar': a party with an
    'of' of its own, then the leader's name after a second 'of'. The party, and its leader."""
    j = next((k for k in range(len(toks) - 1, i, -1) if toks[k].typ == "conn" and toks[k].text == "of"), None)
    if j is None or j < len(toks) - 3 or not all(t.typ == "word" for t in toks[j + 1:]) or len(toks) - j < 3:
        return []
    head = next((head_of(t) for t in reversed(toks[:i]) if head_of(t)), None)
    if head is None or head[0] != "group" or head[1] not in _LED_BODIES:
        return []
    tail = analyse(toks[j + 1:])
    if len(tail) != 1 or (tail[0].start, tail[0].end) != (toks[j + 1].start, toks[-1].end):
        return []
    if tail[0].kind != "person" and (tail[0].kind is not None or any(t.f in english() for t in toks[j + 1:])):
        return []  # 'the League for the Defence of Human Rights': ordinary words, no leader
    tail[0].kind = "person"
    return analyse(toks[:j]) + tail


_INITIALS = re.compile(r"(?:(?:Yu|Ya|Ye|Zh|Kh|Ch|Sh|Ts|[A-Z])\.\s?)+")


def _completed_person(toks: list[Tok]) -> list[Cand]:
    """A surname after the translator's bracketed initials or given name, with or without a title:
    'Marshal [I.S.] Konev', 'Comrade [N. G.] Sudarikov', '[Georgios] Papadopoulos', '[Vice President
    Lyndon] Johnson'. The name is the completed one; the surname alone is a variant."""
    lex = lexicon()
    if not any(t.typ == "brk" for t in toks):
        return []  # no bracket to complete the name with
    n = _title_chain(toks)
    rest = toks[n:]
    if len(rest) < 2 or rest[0].typ != "brk" or not all(t.typ == "word" for t in rest[1:]) or len(rest) > 3 \
            or any(t.f in lex.common or head_of(t) or is_title(t) or t.f in lex.demonyms or _names_body(t)
                   for t in rest[1:]):
        return []
    inner = tokens(rest[0].text[1:-1], 0)
    k = _title_chain(inner)
    given, titled = inner[k:], n > 0 or k > 0
    if not given or not (_INITIALS.fullmatch(rest[0].text[1:-1] + " ") or all(
            t.typ == "word" and t.f not in lex.common and not head_of(t) and t.f not in lex.names
            and t.f not in lex.demonyms for t in given)):
        return []
    surname = " ".join(t.text for t in rest[1:])
    name = " ".join(t.text for t in given) + " " + surname
    return [Cand("person", name, toks[0].start, toks[-1].end, "bracketed-completion", 0.85 if titled else 0.75,
                 variants=[surname], titled=titled)]


def _ethnonym(t: Tok) -> Cand:
    lex = lexicon()
    label = lex.ethnonyms[t.f]
    return Cand("group", label, t.start, t.end, "ethnonym", 0.85, lex.ethnonym_types.get(label, "ethnic group"),
                variants=[t.text])


def _names_body(t: Tok) -> bool:
    """A word that is itself the name of a place or body ('CPC', 'USSR'), not part of a person's name."""
    k = lexicon().names.get(t.f)
    return k is not None and k.kind != "person"


def _one_word(t: Tok) -> list[Cand]:
    """A run of one plain word: the lexicon, a people, or an undecided name (titles and heads alone
    name nothing)."""
    lex = lexicon()
    f = t.f
    k = lex.names.get(f)
    if k:
        return [Cand(k.kind, t.text, t.start, t.end, "lexicon", 0.95, k.subtype, known=k)]
    if is_title(t) or head_of(t) or f in lex.title_mods:
        return []
    return _unheaded([t])


_NO_ORGAN = Known("group", "")
_CREEDS = frozenset(words("catholic catholics orthodox protestant lutheran calvinist evangelical uniate muslim "
                          "moslem sunni shia shiite jewish buddhist"))


def _title_of(pre: list[Tok], post: list[Tok]) -> list[Cand]:
    """'Secretary of the Tacheng County Party Committee' (a group), or 'Minister of Foreign Affairs
    Chen Yi' and 'President of the Democratic Republic of Vietnam Ho Chi Minh' (a person after the
    body the title belongs to)."""
    for k in range(1, len(post)):
        org, name = post[:k], post[k:]
        if org[-1].typ == "conn" or org[-1].text.endswith(("'s", "’s", "s'", "s’")) or org[-1].f in _NAME_ADJECTIVES \
                or org[-1].f in _LEADING_ADJECTIVES:  # ('... with Foreign Countries Fang Yi')
            continue  # a possessive or an adjective qualifies the next word: 'People's Great Khural' is one name
        n = _title_chain(name)
        rest = name[n:]
        if not rest or any(t.typ in ("conn", "abbr") or head_of(t) or is_title(t) or is_mod(t) or _names_body(t)
                           for t in rest):
            continue
        if not any(t.typ in ("word", "init") for t in rest):
            continue
        if len(rest) == 1 and _ACRONYM.fullmatch(rest[0].text) and (lexicon().names.get(org[-1].f) or _NO_ORGAN).label \
                in _ORGANS:
            continue  # 'Secretary of the CC PDPA': the party the organ belongs to, no person
        if all(is_generic(t) for t in org):
            return person(rest, "title", True, 0.85)
        org_c = analyse(org)
        if org_c and org_c[0].kind in ("group", "place") and org_c[0].start == org[0].start \
                and org_c[0].end == org[-1].end:
            return [*person(rest, "title", True, 0.85), *org_c]
        if all(t.typ == "conn" or (t.typ == "word" and office_word(t.f)) for t in org) \
                and rest[0].typ == "word" and not office_word(rest[0].f):
            # 'Minister of Fisheries Ishkov', 'Minister of Agriculture and Forestry Suzuki': the office's
            # own words, then its holder
            return person(rest, "title", True, 0.85)
    rest_c = analyse(post)
    for c in rest_c:
        if c.kind is None:  # the office's own words ('Minister of Foreign Affairs'): no name of anyone
            c.nested = True
    return rest_c


def simple(toks: list[Tok], looked_up: bool = False) -> list[Cand]:
    """A run without 'of'/'in' connectors (``looked_up``: the caller found the run in the lexicon
    under no name)."""
    lex = lexicon()
    whole = len(toks)
    toks = list(toks)
    while toks and toks[-1].typ == "conn":
        toks = toks[:-1]
    if not toks:
        return []
    known = None if looked_up and len(toks) == whole else _known(toks)
    if known:
        return [known]
    n = _title_chain(toks)
    if n:
        rest = toks[n:]
        if not rest or all(t.typ == "sic" for t in rest):
            return []  # an unnamed office holder
        if head_of(rest[-1]) and not any(t.typ == "brk" for t in rest):
            return simple(rest)
        if len(rest) == 1 and _ACRONYM.fullmatch(rest[0].text) and rest[0].f not in lex.surnames \
                and rest[0].f not in lex.given:
            return simple(rest)  # 'Comd CFI', 'Chairman NNRC': the body the office belongs to
        if rest[0].typ == "brk" or any(t.typ in ("word", "init") for t in rest):
            return person(rest, "title", True, 0.9)
    # a title later in the run: 'Yili Vice-Consul', 'Soviet Embassy Counselor Sudarikov'
    t_idx = next((k for k in range(len(toks) - 1, -1, -1) if is_title(toks[k])), None)
    if t_idx is not None and t_idx == len(toks) - 1 and toks[t_idx].f == "general" and t_idx > 0 \
            and (head_of(toks[t_idx - 1]) or ("", ""))[0] == "group":
        # 'Royal Swedish Consulate General', 'Secretariat General': 'General' after a body's head is
        # part of the name, no title
        _, subtype = head_of(toks[t_idx - 1]) or ("", "")
        label, variants, sic = render(toks)
        return [Cand("group", label, toks[0].start, toks[-1].end, f"head:{subtype}", 0.85, subtype,
                     variants=variants, uncertain=sic)]
    if t_idx is not None and t_idx > 0:
        s = t_idx
        while s > 0 and (is_title(toks[s - 1]) or (is_mod(toks[s - 1]) and toks[s - 1].f not in lex.demonyms)):
            s -= 1
        before, after = toks[:s], toks[t_idx + 1:]
        out = simple(before) if before else []
        for c in out:
            if c.kind is None:  # words qualifying a title ('Production Team Leader'): only a name
                c.nested = True  # known elsewhere in the record makes them an entity
        if after and any(t.typ == "word" or (t.typ == "brk" and len(after) == 1) for t in after) \
                and not any(head_of(t) for t in after):  # ('His Imperial Majesty [Mohammad Reza Shah]')
            out += person(after, "title", True, 0.85)
        return out
    h = next((k for k in range(len(toks) - 1, -1, -1) if head_of(toks[k])), None)
    if h is not None and not (len(toks) == 2 and toks[0].f in ("cc",)):
        return _headed(toks, h)
    return _unheaded(toks)


def _headed(toks: list[Tok], h: int) -> list[Cand]:
    lex = lexicon()
    after = toks[h + 1:]
    out: list[Cand] = []
    if after and all(t.text.isdigit() for t in after):
        after = []  # 'Brigade 2506': the number is the name
    if h == 0 and toks[0].f in _NAME_AFTER_HEAD and after and all(t.typ == "word" for t in after[:-1]) \
            and after[-1].typ in ("word", "brk") and after[0].typ == "word":
        kind, subtype = lex.heads[toks[0].f]  # 'Radio Ostrava', 'Radio Free Europe', 'Radio Warsaw [Polskie Radio]'
        label, variants, sic = render(toks)
        words_after = [t for t in after if t.typ == "word"]
        places = [c for c in simple(words_after) if c.kind == "place"] if kind == "group" else []
        for c in places:
            c.nested = True
        return [Cand(kind, label, toks[0].start, toks[-1].end, f"head-first:{subtype}", 0.8, subtype,
                     variants=variants, uncertain=sic), *places]
    if after and any(t.typ == "word" for t in after):
        out += simple(after)
        toks = toks[:h + 1]
    elif after:
        toks = toks  # trailing bracket: a variant of the whole name
    kind, subtype = lex.heads[toks[h].f]
    if kind == "place" and h > 0 and (toks[h - 1].f in ("military", "guard", "guards")
                                      or (toks[h - 1].f == "border" and toks[h].f == "district")):
        # 'Kunming Military Region', 'Győr Border Guard District': a command
        kind, subtype = "group", f"{toks[h - 1].f.rstrip('s')} {toks[h].f}"
    if toks[h].f == "bank" and h == 1 and toks[0].f in _BANK_SIDES:
        kind, subtype = "place", "region"  # 'the West Bank', 'the East Bank of the Jordan': land by a river
    specific = [t for t in toks[:h] if not is_generic(t) and t.typ != "sic"] + [t for t in toks[h + 1:]
                                                                                 if t.text.isdigit()]
    if not specific and kind == "group" and toks[h].f not in STATE_HEADS and toks[h].f not in _SUBUNITS:
        mods = [t for t in toks[:h] if t.typ == "word" and t.f in lex.title_mods and head_of(t) is None
                and t.f not in ("first", "second", "third", "new", "old", "former", "late", "then", "current")]
        if mods:  # 'Military Committee', 'Supreme National Committee': a body named by its words
            label, variants, sic = render(toks)
            return [Cand(kind, label, toks[0].start, toks[-1].end, f"head:{subtype}+modifier", 0.6, subtype,
                         variants=variants), *out]
    brk = toks[-1] if toks[-1].typ == "brk" and h < len(toks) - 1 else None
    if not specific and brk is not None and (h > 0 or kind == "place") and _original_name(brk.text[1:-1]):
        # 'the Voivodeship Office [Urząd Wojewódzki]': a body the translator names in its language
        label, variants, sic = render(toks)
        return [Cand(kind, label, toks[0].start, toks[-1].end, f"head:{subtype}+original", 0.65, subtype,
                     variants=variants, uncertain=sic), *out]
    if not specific:
        return out
    place = lex.names.get(fold(" ".join(t.text for t in specific))) if h == len(toks) - 1 else None
    if kind == "group" and toks[h].f in STATE_HEADS and place is not None and place.kind == "place":
        return [Cand("place", place.label, toks[0].start, toks[-1].end, "state-named-by-government", 0.85,
                     place.subtype, variants=[" ".join(t.text for t in toks)]), *out]  # 'the Bhutan Government'
    if kind == "group" and toks[h].f in STATE_HEADS and all(t.f in lex.demonyms for t in specific):
        country = lex.demonyms[specific[0].f]
        return [Cand("place", country, toks[0].start, toks[-1].end, "state-named-by-adjective", 0.85,
                     "country", variants=[" ".join(t.text for t in toks)]), *out]
    for k in range(1, h):
        body = _known(toks[:k])
        if not (body and body.subtype == "party" and body.known):
            continue
        organ = lex.names.get(fold(" ".join(t.text for t in toks[k:h + 1])))
        if organ and organ.label in _ORGANS:
            written = " ".join(t.text for t in toks)  # 'CPSU Central Committee', 'PLA Central Committee'
            return [Cand("group", f"{organ.label} of the {body.known.label}", toks[0].start, toks[h].end,
                         "body+organ", 0.8, organ.subtype, variants=[written]), *out]
    label, variants, sic = render(toks)
    if kind == "group":  # 'Alma-Ata [Almaty] Station': 'Almaty Station' is a name of it, 'Almaty' is not
        inner = toks[-1].text[1:-1] if toks[-1].typ == "brk" and h == len(toks) - 2 else ""
        if inner and (lex.names.get(fold(inner)) or _NO_PLACE).kind == "place":
            inner = ""  # 'Motorised Rifle Division [Banská Bystrica]': where the body is, no name of it
        variants = [v for v in variants if toks[h].text in v or (v == inner and inner[:1].isupper())]
        if h == 1 and re.fullmatch(r"[A-Z]{2,9}", toks[0].text) and subtype == "party":
            variants.append(toks[0].text)  # 'the FRELIMO Party' is FRELIMO
    c = Cand(kind, label, toks[0].start, toks[-1].end, f"head:{subtype}", 0.85, subtype,
             variants=variants, uncertain=sic)
    nested = _leading_place(toks, h)
    return [c, *nested, *out]


_NO_PLACE = Known("", "", None)
_ADDRESSES = frozenset({"comrade", "comrades", "mr", "mr.", "mrs", "mrs.", "monsieur", "herr", "senor", "señor"})
_SAINTS = frozenset(words("st. st saint sts. holy"))
_BANK_SIDES = frozenset(words("east west left right north south"))
# Adjectives of the level of a body's territory: the words before them name the territory.
_LEVEL_ADJECTIVES = {"provincial": "province", "municipal": "city", "prefectural": "prefecture",
                     "regional": "region"}


def _original_name(inner: str) -> bool:
    """A name in the original's language: capitalised words, none of them ordinary English."""
    words_ = inner.split()
    return 0 < len(words_) <= 5 and words_[0][:1].isupper() and not any(fold(w) in english() for w in words_)


def _leading_place(toks: list[Tok], h: int) -> list[Cand]:
    """A place named at the start of an organisation's name ('Tacheng County Party Committee')."""
    lex = lexicon()
    for k in range(h - 1, -1, -1):
        hk = head_of(toks[k])
        if hk and hk[0] == "place" and k > 0 and toks[k + 1].f not in ("guard", "guards", "troops", "police") \
                and not (toks[k].f == "border" and toks[k + 1].f == "district"):  # (a command, no border)
            label, variants, _ = render(toks[:k + 1])
            return [Cand("place", label, toks[0].start, toks[k].end, f"nested-head:{hk[1]}", 0.8, hk[1],
                         variants=variants, nested=True)]
    level = next((k for k in range(1, h) if toks[k].f in _LEVEL_ADJECTIVES), None)
    if level is not None:
        # 'North Hamgyong [Hamgyŏng-pukto] Provincial People's Committee', 'Pingxiang Municipal Party
        # Committee': the words before the level name a place of that level
        end = level
        while end > 0 and (toks[end - 1].f == "autonomous" or toks[end - 1].f in lex.ethnonyms
                           or toks[end - 1].f in lex.demonyms):
            end -= 1
        named = [t for t in toks[:end] if t.typ == "word"]
        if named and any(not is_generic(t) for t in named) and toks[0].typ == "word":
            label, variants, _ = render(toks[:end])
            known = lex.names.get(fold(label))
            return [Cand("place", known.label if known and known.kind == "place" else label, toks[0].start,
                         toks[end - 1].end, f"nested-level:{_LEVEL_ADJECTIVES[toks[level].f]}", 0.75,
                         _LEVEL_ADJECTIVES[toks[level].f], variants=variants, nested=True)]
    first = toks[0]
    known_first = lex.names.get(first.f) if h == 1 and first.typ == "word" else None
    if h == 1 and known_first is not None and known_first.kind == "place" and lex.heads[toks[1].f][0] == "group":
        # 'the Pakistan Army', 'the Baghdad Pact': one word before the head, a place the lexicon knows
        return [Cand("place", known_first.label, first.start, first.end, "nested-modifier", 0.6,
                     known_first.subtype, nested=True)]
    if first.typ == "word" and first.f not in lex.demonyms and not is_generic(first) and h > 1:
        end = 1
        if len(toks) > 1 and toks[1].typ == "brk":
            end = 2
        label, variants, _ = render(toks[:end])
        known = lex.names.get(first.f)
        kind = "place" if known and known.kind == "place" else None
        if kind is None and known is None and _named_for_its_site(toks, h):
            return [Cand("place", label, first.start, toks[end - 1].end, "site-of-body", 0.55, None,
                         variants=variants, nested=True)]
        return [Cand(kind, known.label if kind and known else label, first.start, toks[end - 1].end,
                     "nested-modifier", 0.6, known.subtype if kind and known else None, variants=variants,
                     nested=True)]
    return []


# Plants, stations and works are named for where they stand ('the Kremikovtsi Metallurgical Combine',
# 'the Fierza Hydroelectric Power Station'): an unknown word that no person's name or English word
# can be, before such a head, names a place.
_SITE_BODY_HEADS = frozenset(words("station combine kombinat factory plant works mill mine refinery dam outpost "
                                   "airfield airport"))


def _named_for_its_site(toks: list[Tok], h: int) -> bool:
    lex = lexicon()
    first = toks[0]
    if len(toks) > 1 and toks[1].typ == "brk" and fold(toks[1].text[1:4]) != first.f[:3]:
        return False  # ('the Neftochim [Petrochemical] Combine': a word the translator translates, not respells)
    return toks[h].f in _SITE_BODY_HEADS and first.typ == "word" and not first.text.isupper() \
        and first.f not in english() and first.f not in _COLOURS and first.f not in lex.surnames \
        and first.f not in lex.given and first.f not in lex.ethnonyms and first.f not in lex.peoples


_COLOURS = frozenset(words("red white black green blue golden"))  # ('the Red Star Tractor Factory')


_TRADE_ORGANISATION = re.compile(r"^(?:sov|soyuz|export|import|techno|tyazh|prom|mash|avto|traktoro|energo|stanko)"
                                 r"\w*(?:export|eksport|import|fracht|khleb|intorg|torg)\w*$|^(?:export|import)\w{3,}$"
                                 # ('Škodaexport', 'Strojexport', 'Technoimport'; and a few known by no such word)
                                 r"|^\w{3,}(?:export|import|eksport)$|^(?:omnipol|motokov|polimex|cekop|navibulgar)$")
_PARTY_MEMBERS = frozenset(words("democrats communists socialists nationalists republicans liberals conservatives "
                                  "radicals christian-democrats social-democrats"))


def _unheaded(toks: list[Tok]) -> list[Cand]:
    lex = lexicon()
    words = [t for t in toks if t.typ == "word"]
    start, end = toks[0].start, toks[-1].end
    plain = [t for t in toks if t.typ != "sic"]
    if len(plain) == 1 and words:
        f = words[0].f
        if f in lex.ethnonyms:
            return [_ethnonym(words[0])]
        if f in STATE_PEOPLES:
            return [Cand("place", lex.peoples[f], start, end, "people-for-state", 0.75, "country",
                         variants=[words[0].text])]
        if f in lex.peoples and f not in lex.demonyms:
            return [Cand("group", words[0].text, start, end, "people", 0.8, "national group")]
        if f in lex.demonyms:
            return []
    if len(words) == 1 and (len(plain) == 1 or (len(plain) == 2 and plain[1].typ == "brk")) \
            and _TRADE_ORGANISATION.search(words[0].f) and words[0].f not in lex.names:
        # 'Sovfracht', 'Exportkhleb', 'Soyuzgazeksport [Soyuzgazexport]': a foreign-trade organisation
        return [Cand("group", words[0].text, start, end, "trade-organisation", 0.7, "company",
                     variants=[plain[1].text[1:-1]] if len(plain) == 2 else [])]
    if len(words) >= 2 and len(plain) == len(words):
        f = fold(" ".join(t.text for t in words))
        if f in lex.ethnonyms:  # 'Crimean Tatars', 'Old Believers'
            label = lex.ethnonyms[f]
            return [Cand("group", label, start, end, "ethnonym", 0.85, lex.ethnonym_types.get(label, "ethnic group"))]
        if f in lex.peoples and f not in STATE_PEOPLES:  # 'the West Germans'
            return [Cand("group", " ".join(t.text for t in words), start, end, "people", 0.8, "national group")]
        if all(t.f in lex.ethnonyms or t.f in lex.peoples for t in words) \
                and any(t.f in lex.ethnonyms for t in words):
            # 'Muslim Bengalis', 'Kazakh Muslims': each word names a community of its own
            return [_ethnonym(t) if t.f in lex.ethnonyms else
                    Cand("group", lex.people_of.get(lex.peoples[t.f], t.text), t.start, t.end, "people", 0.75,
                         "national group") for t in words]
        region = lex.names.get(f[:-2]) if f.endswith("ns") else None
        if region is not None and region.kind == "place" and region.subtype != "country":
            # the people of a region ('Inner Mongolians', 'Siberians'); a country's are in the lexicon
            return [Cand("group", " ".join(t.text for t in words), start, end, "people-of-region", 0.7,
                         "ethnic group")]
    if len(words) == 2 and words[1].f in _PARTY_MEMBERS and toks[1] is words[1] \
            and (len(plain) == 2 or (len(plain) == 3 and plain[2].typ == "brk")) and not is_title(words[0]):
        # 'the Kurdish Democrats', 'the Italian Communists', 'the Christian Democrats [DC]': a party named
        # by its members
        return [Cand("group", f"{words[0].text} {words[1].text}", start, end, "party-members", 0.7, "party",
                     variants=[plain[2].text[1:-1]] if len(plain) == 3 else [])]
    if len(words) == 2 and words[0].f in lex.demonyms and words[1].f in lex.ethnonyms:
        # 'Bulgarian Muslims', 'Soviet Jews': the community of one country
        label = lex.ethnonyms[words[1].f]
        return [Cand("group", f"{words[0].text} {words[1].text}", start, end, "ethnonym+demonym", 0.75,
                     lex.ethnonym_types.get(label, "ethnic group"))]
    if len(words) == 2 and len(toks) in (2, 3) and toks[-1].typ == "brk":
        both = fold(f"{words[0].text} {toks[-1].text[1:-1]}")
        if both in lex.ethnonyms:  # 'White [Russians]'
            return [Cand("group", lex.ethnonyms[both], start, end, "ethnonym", 0.85,
                         lex.ethnonym_types.get(lex.ethnonyms[both], "ethnic group"))]
    if len(words) == 1 and len(plain) == 2 and plain[1].typ == "brk" and words[0].f in lex.ethnonyms:
        c = _ethnonym(words[0])  # 'Gypsies [Roma]': a people, the bracket another name of it
        c.end, c.variants = end, [*c.variants, plain[1].text[1:-1]]
        return [c]
    if len(words) == 1 and len(plain) == 2 and plain[1].typ == "brk":
        both = fold(f"{words[0].text} {plain[1].text[1:-1]}")
        if both in lex.ethnonyms:
            return [Cand("group", lex.ethnonyms[both], start, end, "ethnonym", 0.85,
                         lex.ethnonym_types.get(lex.ethnonyms[both], "ethnic group"))]
    if plain and plain[-1].typ == "brk" and len(words) >= 1:
        outside = fold(" ".join(t.text for t in words))
        inner_toks = tokens(plain[-1].text[1:-1], 0)
        inner = lex.names.get(fold(plain[-1].text[1:-1]))
        completion = len(words) == 1 and (outside in lex.surnames or outside in lex.given)  # 'Kim [Il Sung]'
        inner_main = main_head(inner_toks) if inner_toks else None  # ('[Federation of University Students]')
        inner_head = head_of(inner_main or inner_toks[-1]) if inner_toks else None
        if (inner and inner.kind == "group") or (inner is None and inner_head and inner_head[0] == "group"
                                                 and len(inner_toks) > 1 and outside not in lex.names):
            # 'Maki [Israeli Communist Party]', 'Stapo [Staatspolizei]': the bracket names a body
            label, variants, sic = render(toks)
            return [Cand("group", label, start, end, "bracketed-body", 0.75,
                         inner.subtype if inner else inner_head[1] if inner_head else None,
                         variants=variants, uncertain=sic)]
        if outside in lex.pseudonyms or (inner and inner.kind == "person") or _person_shape(inner_toks) or completion:
            found = person(toks, "bracketed-person", False, 0.75)  # 'Filippov [Stalin]', 'Chang Myon [Zhang Mian]'
            if outside == fold(plain[-1].text[1:-1]) and not completion:
                # 'Cao Bang [Cao Bằng]', 'Lang Son [Lạng Sơn]': the name spelt in its language says not
                # whether it is a person's or a place's; the context decides, a person when it says nothing
                for c in found:
                    c.kind, c.hint = None, "person"
            return found
    if len(plain) == 2 and all(t.typ == "word" and lex.names.get(t.f) and lex.names[t.f].kind == "group"
                               for t in plain) and lex.names[plain[0].f].label in _ORGANS \
            and lex.names[plain[1].f].subtype == "party":
        organ, body = lex.names[plain[0].f], lex.names[plain[1].f]  # 'CC PUWP', 'CC CPSU'
        return [Cand("group", f"{organ.label} of the {body.label}", start, end, "organ+body", 0.8, organ.subtype,
                     variants=[" ".join(t.text for t in plain)])]
    if len(plain) == 2 and all(t.typ == "word" for t in plain) and lex.names.get(plain[0].f) \
            and lex.names[plain[0].f].kind == "group" and lex.names[plain[0].f].label in _ORGANS \
            and plain[1].f not in lex.names and _ACRONYM.fullmatch(plain[1].text):
        organ = lex.names[plain[0].f]  # 'CC PDPA': an organ of a party the lexicon does not know
        return [Cand("group", f"{organ.label} of the {plain[1].text}", start, end, "organ+acronym", 0.75,
                     organ.subtype, variants=[" ".join(t.text for t in plain)])]
    if len(plain) == 2 and all(t.typ == "word" and t.f in lex.names for t in plain):
        org, country = (plain[0], plain[1]) if lex.names[plain[0].f].kind == "group" else (plain[1], plain[0])
        ministry, land = lex.names[org.f], lex.names[country.f]
        if ministry.kind == "group" and ministry.subtype in ("ministry", "office") and land.kind == "place" \
                and land.subtype == "country":
            # 'MFA USSR', 'DRV MFA': a country's ministry written with the two short names
            of = f"the {country.text}" if country.text.isupper() else land.label
            place = Cand("place", land.label, country.start, country.end, "lexicon", 0.9, land.subtype,
                         variants=[country.text], nested=True)
            return [Cand("group", f"{ministry.label} of {of}", start, end, "ministry+country", 0.8, ministry.subtype,
                         variants=[" ".join(t.text for t in plain)]), place]
    if len(words) >= 2 and words[0].f in lex.demonyms and len(plain) == len(words):
        rest = lex.names.get(fold(" ".join(t.text for t in words[1:])))
        if rest and rest.kind == "group":  # 'Czechoslovak Red Cross'
            label = " ".join(t.text for t in words)
            return [Cand("group", label, start, end, "adjective+organisation", 0.8, rest.subtype)]
    for n in range(1, min(4, len(plain))):
        lead = _known(plain[:n])
        if lead and lead.kind != "person" and _person_shape(plain[n:]):  # 'PRC P. F. Yudin'
            return [lead, *person(plain[n:], f"person-shape:{_person_shape(plain[n:])}", False, 0.75)]
        if plain[n].typ == "init" and all(t.typ == "word" and (is_generic(t) or t.f in english()) for t in plain[:n]) \
                and _person_shape(plain[n:]) == "initials":
            # the end of an office's name before the holder's initials: '(Secretary of Defence and)
            # External Affairs N. Q. Dias'
            return person(plain[n:], "person-shape:initials", False, 0.75)
    shape = _person_shape(toks)
    if shape == "family-name-first":
        # East Asian family names are also syllables of place names ('Dong Hoi'): the context decides.
        c = person(toks, f"person-shape:{shape}", False, 0.7)[0]
        c.kind, c.hint = None, "person"
        return [c]
    if shape:
        return person(toks, f"person-shape:{shape}", False, 0.8)
    # a known name at the start or the end of a longer run ('Moscow Radio' is left to the head rule)
    label, variants, sic = render(toks)
    entry = lex.names.get(fold(label))
    if entry:
        return [Cand(entry.kind, entry.label, start, end, "lexicon", 0.9, entry.subtype, variants=variants,
                     uncertain=sic, known=entry)]
    if all(t.typ == "brk" for t in plain):
        return []
    c = Cand(None, label, start, end, "capitalised", 0.5, variants=variants, uncertain=sic)
    if len(plain) == 1 and _ACRONYM.fullmatch(label) and not _ROMAN.fullmatch(label):
        c.hint, c.rule = "group", "acronym"  # an unknown acronym names a body more often than not
    return [c]
