"""Context rules: what the words around an undecided name say it is.

Each rule looks only at the view text next to the candidate; the rule name travels with the
entity so that a reader can see why a name was taken for a person or a place.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import Known, fold, lexicon, words
from .names import ARTICLES, WORD, Cand, Tok, head_of
from .text import UPPER, Triggers, alternation, lower_same_length, matches_at, occurrences

_STRONG_SPEECH = ("said says stated states replied replies answered asked asks told tells declared remarked "
                  "emphasized emphasised stressed added noted notes continued interrupted exclaimed")
_WEAK_VERBS = ("agreed proposed suggested explained informed expressed indicated pointed thinks thought "
               "believes believed wrote writes responded objected insisted confirmed promised requested "
               "demanded warned argued admitted acknowledged observed commented recalled mentioned "
               "underlined underscored criticized criticised praised thanked welcomed spoke talked "
               "instructed ordered greeted shook smiled laughed asserted claimed assured considered "
               "feels felt knows knew wants wanted hoped wished")
_AUX = r"(?:(?:also|then|again|further|later|once|immediately|himself|herself|personally|had|has|have|did|" \
       r"would|will|could|might|may|should|was|were|is|then|only|repeatedly|firmly|clearly),? )*"
SPEECH_AFTER = re.compile(r"\s*(?:\[[^\]]{1,30}\]\s*)?" + _AUX + r"(" + "|".join(_STRONG_SPEECH.split())
                          + r")\b")
VERB_AFTER = re.compile(r"\s*(?:\[[^\]]{1,30}\]\s*)?" + _AUX + r"(" + "|".join(_WEAK_VERBS.split()) + r")\b")
LOC_BEFORE = re.compile(r"(?i)\b(?:in|to|from|at|near|toward|towards|into|via|across|through|throughout|outside|"
                        r"bombed|shelled|occupied|captured|liberated|"
                        r"inside|within|reached|entered|around|along|beyond|across|left|leaving) (?:the )?$")
# '... near the border at X and Y', 'between X and Y': a second place after a conjunction
LIST_BEFORE = re.compile(r"(?:,|\band|\bor) (?:the )?$")
SPEAKER = re.compile(r"^\s*:\s+\S")
LOC_ON = re.compile(r"\b(?:raids?|attacks?|bombings?|strikes?|offensive|advance|march|shelling|bombs|shells)\b"
                    r"[^.;]{0,40}? on (?:the )?$", re.I)
OCCUPATION_BEFORE = re.compile(
    r"\b(?:economist|journalist|writer|poet|novelist|historian|scientist|physicist|professor|academician|engineer|"
    r"diplomat|correspondent|spokesman|interpreter|translator|adviser|advisor|expert|specialist|lawyer|priest|"
    r"pastor|officer|agent|dissident|colleague|brother|sister|son|daughter|wife|husband|widow|mother|father|"
    r"named|called|citizen|comrades?|singer|musician|composer|actor|actress|artist|painter|sculptor|athlete|"
    r"player|boxer|champion|coach|student|teacher|doctor|physician|surgeon|nurse|worker|peasant|farmer|"
    r"businessman|merchant|trader|banker|industrialist|architect|editor|publisher|photographer|"
    r"film-maker|filmmaker|director|missionary|nun|monk|bishop|rabbi|imam|cleric|defector|refugee|emigrant|"
    r"leader|activist|guerrilla|rebel|mayor|landowner|landlord|geologist|geographer|explorer|chieftain|headman|"
    r"pilot|surveyor|"
    # kin and acquaintances ('my cousin Katalin Horváth')
    r"cousin|uncle|aunt|nephew|niece|grandson|granddaughter|grandfather|grandmother|grandchild|fianc[ée]e?|"
    r"brother-in-law|sister-in-law|son-in-law|daughter-in-law|friend|neighbou?r|stepson|stepdaughter),? $")


@lru_cache(maxsize=1)
def _appositive() -> re.Pattern[str]:
    """'the former Governor of the Boertala Autonomous Prefecture, ' before a name."""
    words = sorted((w for w in lexicon().titles if w.isalpha() and len(w) > 2), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(words) + r")(?: of (?:the )?[^,;.:]{1,90})?,\s*$", re.I)


def speech_after(text: str, c: Cand) -> str | None:
    after = text[c.end:c.end + 80]
    if SPEECH_AFTER.match(after):
        return "speech-verb"
    if VERB_AFTER.match(after):
        return "person-verb"
    return None


def appositive(text: str, c: Cand) -> bool:
    if not text[max(0, c.start - 3):c.start].rstrip().endswith(","):
        return False
    return bool(_appositive().search(text[max(0, c.start - 140):c.start]))


PLACE_OF = re.compile(r"\b(?:city|cities|town|towns|village|villages|outskirts|capital|region|regions|province|"
                      r"provinces|district|districts|county|counties|territory|territories|area|areas|"
                      r"port|suburbs|vicinity|residents|inhabitants|population|mayor|streets|centre|center|"
                      r"north|south|east|west|northern|southern|eastern|western|part|parts|environs|"
                      # features of the land named after 'of' ('the heights of Kiafa', 'the pass of Baroukas')
                      r"heights?|hills?|ridges?|pass|passes|valley|valleys|slopes?|peaks?|mountains?|summit|"
                      r"plains?|plateau|coast|shores?|banks?|mouth|island|islands|bay|gulf|lake|basin|delta|"
                      r"oasis|harbour|harbor|straits?|airfields?|airports?|"
                      # units of a country and places named after 'of' ('the municipalities of Lubango,
                      # Chibia and Matala', 'the cemeteries of X', 'from the direction of X', 'the tribes of X')
                      r"municipalit(?:y|ies)|prefectures?|governorates?|oblasts?|voivodeships?|cantons?|"
                      r"departements?|parish(?:es)?|communes|cemeter(?:y|ies)|marsh(?:es)?|swamps?|forests?|"
                      r"woods|ruins|direction|tribes|"
                      # what armies do to places ('the recapture of Degehabur', 'the siege of Khost')
                      r"capture|recapture|siege|occupation|evacuation|bombing|shelling|fall) of (?:the )?$")
# A building named after its kind in lower case ('the cinema Pamir', 'the hotel Metropol').
_BUILDING_BEFORE = re.compile(r"\b(?:cinema|hotel|restaurant|café|cafe|theatre|theater|stadium) $")
# A direction written before a name ('in northern Shoa', 'southern Lebanon'): a part of a place.
_DIRECTION_BEFORE = re.compile(r"\b(?:northern|southern|eastern|western|central|north-eastern|north-western|"
                               r"south-eastern|south-western|northeastern|northwestern|southeastern|southwestern) $")


_CORRESPONDENT = re.compile(r"\b(?:letters?|messages?|greetings|invitations?|repl(?:y|ies)|answers?|regards) "
                            r"(?:from|to) (?:the )?$", re.I)


def correspondent(text: str, c: Cand) -> bool:
    """'a letter from X', 'greetings to X': people write letters more often than places do."""
    return bool(_CORRESPONDENT.search(text, max(0, c.start - 30), c.start))


_TOPONYM_LINK = re.compile(r" (?:am|an der|ob der|upon) ")


def locative(text: str, c: Cand) -> bool:
    """'in X', 'from X', 'raids on X', 'the outskirts of X' — unless the name is made of ordinary
    words ('in the Cultural Revolution')."""
    lex = lexicon()
    name = _TOPONYM_LINK.split(c.name)[0]  # 'Frankfurt am Main': the river's name may be a common word
    if c.hint == "group" or any(len(w) > 3 and w.lower() in lex.common for w in re.findall(r"[A-Za-z]+", name)):
        return False
    before = text[max(0, c.start - 70):c.start]
    if LOC_BEFORE.search(before[-14:]) or LOC_ON.search(before) or PLACE_OF.search(before[-28:]) \
            or _DIRECTION_BEFORE.search(before[-16:]) or _BUILDING_BEFORE.search(before[-12:]):
        return True
    # the next of names listed after such words ('in the areas of Lao Cai [Lào Cai] and Cao Bang')
    listed = _NAMES_LISTED_BEFORE.search(text, max(0, c.start - 160), c.start)
    if listed is None or any(fold(item.split(" [")[0].split(" ")[-1]) in lex.demonyms
                             for item in re.split(r",? (?:and|or) |, ", listed.group()) if item):
        return False  # ('the Central American and Caribbean Games': an adjective, no list of places)
    before = text[max(0, listed.start() - 40):listed.start()]
    return bool(_LIST_LOC_BEFORE.search(before[-14:]) or PLACE_OF.search(before[-28:]))


# (not 'to', 'with': 'letters to Nehru, Sukarno and Nkrumah')
_LIST_LOC_BEFORE = re.compile(r"(?i)\b(?:in|from|at|near|into|via|through|throughout|across|inside|within|reached|"
                              r"bombed|shelled|occupied|captured|liberated|"
                              r"entered|around) (?:the )?$")
_NAMES_LISTED_BEFORE = re.compile(rf"(?:[{UPPER}][\w'’-]*(?: [{UPPER}][\w'’-]*){{0,3}}(?: \[[^\]\n]{{1,40}}\])?"
                                  r"(?:, |,? and |,? or )){0,3}"
                                  rf"[{UPPER}][\w'’-]*(?: [{UPPER}][\w'’-]*){{0,3}}(?: \[[^\]\n]{{1,40}}\])?"
                                  r",? (?:and|or) $")  # (a name after a comma may be in apposition)


@lru_cache(maxsize=1)
def _title_before() -> re.Pattern[str]:
    """A title written in lower case before a name ('the ambassador Puzanov', 'comrade Kim')."""
    words_ = sorted((w for w in lexicon().titles if w.isalpha() and len(w) > 2 and w not in lexicon().common
                     and w not in ("member", "members", "leader", "leaders", "head", "chief", "general")),
                    key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(words_) + r") $")


def occupation(text: str, c: Cand) -> bool:
    before = text[max(0, c.start - 24):c.start]
    return bool(OCCUPATION_BEFORE.search(before[-16:]) or _title_before().search(before))


@lru_cache(maxsize=1)
def _title_after() -> re.Pattern[str]:
    """'Michałowski, Director-General': a name followed by its title."""
    words = sorted((w for w in lexicon().titles if w.isalpha() and len(w) > 3 and w not in lexicon().common),
                   key=len, reverse=True)
    return re.compile(r"^,\s+(?:(?:the|a|an)\s+)?(?:(?:vice|deputy|first|second|acting|former|chief|senior)[\s-])*(?:"
                      + "|".join(words) + r")\b", re.I)


_LABEL_BEFORE = re.compile(r"(?im)(?:^|[;,] )\s*(?:recorder|interpreter|translator|note-taker|notetaker|"
                           r"minutes taken by|prepared by|drafted by|signed|from|to|copy to|attention|addressee|"
                           r"author)\s*:\s*$")


def field_label(text: str, c: Cand) -> bool:
    """'Recorder: Li Ming [sic]': a name after a header label for a person."""
    return bool(_LABEL_BEFORE.search(text[max(0, c.start - 30):c.start]))


# A list of those present at a meeting: 'Present: Berlinguer, Amendola, Pajetta and others.'
_ATTENDANCE = re.compile(r"(?i)[ \t]*(?:[\w-]+ ){0,2}(?:present|absent|participants|participating|attending|"
                         r"in attendance|invited|members present)[ \t]*:[ \t]*(?:[^,;:\n]{1,60}(?:, |,? and ))*$")


def attendance(text: str, c: Cand) -> bool:
    line_start = text.rfind("\n", 0, c.start) + 1
    return c.start - line_start < 600 and bool(_ATTENDANCE.match(text, line_start, c.start)) \
        and not ordinary_word(c.name)


def title_after(text: str, c: Cand) -> bool:
    # (folded: the titles are, and 'Chargé' must match 'charge')
    after = text[c.end:c.end + 40]
    m = _title_after().match(fold(after))
    # ('the consul in Chongjin, Comrade Gusev': a title before the next name is that name's)
    return m is not None and not _NAME_NEXT.match(after, m.end())


_NAME_NEXT = re.compile(rf" [{UPPER}][a-z]")


def speaker(text: str, c: Cand) -> bool:
    line_start = text.rfind("\n", 0, c.start) + 1
    return c.start - line_start <= 1 and bool(SPEAKER.match(text[c.end:c.end + 4])) and not ordinary_word(c.name)


# Labels of the fields of minutes and memoranda, whatever the word list says of them.
_FIELD_LABELS = frozenset(words(
    "invited present absent participants particulars attending attended chaired recorded drafted cleared "
    "approved distribution subject witness witnesses signed copies enclosure enclosures remarks agenda"))


def ordinary_word(name: str) -> bool:
    """One ordinary English word and no known name: 'Particulars:', 'Invited:' label a field, not a
    speaker; 'Working notes' is no one speaking."""
    lex = lexicon()
    f = fold(name)
    eng = _english()
    ordinary = f in eng or f in _FIELD_LABELS or (f.endswith("s") and f[:-1] in eng) \
        or (f.endswith("ed") and (f[:-1] in eng or f[:-2] in eng))
    return " " not in f and ordinary and f not in lex.surnames and f not in lex.given and f not in lex.names


@lru_cache(maxsize=1)
def _english() -> frozenset[str]:
    from .recase import english
    return english()


# Enumerations sharing a lowercase plural head: 'the Huojian, October, and High-Speed cooperatives',
# 'the Canadian Pacific and Canadian National railways', 'the Gobi-Altai and Khovd aimags'; a
# newspaper keeps its own name ('the Asahi and Mainichi newspapers').
_MEMBER = rf"{WORD}(?: {WORD}){{0,2}}(?: \[[^\]\n]{{1,40}}\])?"
_PLURALS = {"cooperatives": "Cooperative", "brigades": "Brigade", "communes": "Commune", "farms": "Farm",
            "counties": "County", "provinces": "Province", "prefectures": "Prefecture", "rivers": "River",
            "parties": "Party", "ministries": "Ministry", "embassies": "Embassy", "consulates": "Consulate",
            "committees": "Committee", "regions": "Region", "districts": "District", "islands": "Islands",
            "stations": "Station", "factories": "Factory", "universities": "University", "cities": "City",
            "minorities": "", "nationalities": "", "peoples": "", "railways": "Railway", "oblasts": "Oblast",
            "aimags": "Aimag", "municipalities": "Municipality", "governorates": "Governorate",
            "voivodeships": "Voivodeship", "regiments": "Regiment", "battalions": "Battalion",
            "divisions": "Division", "departments": "Department", "institutes": "Institute",
            "newspapers": "", "dailies": "", "areas": "", "mines": "Mine", "plants": "Plant", "works": "Works",
            "mills": "Mill", "councils": "Council", "sects": "", "combines": "Combine", "shipyards": "Shipyard",
            "outposts": "Outpost", "companies": "Company", "factions": ""}
# A lower-case word between the names and their shared plural: 'the Anshan and Benxi steel works', 'the
# Changjin and Pujon power stations', 'the Sverdlovsk and Stalino economic councils'.
_PLANT_PLURALS = frozenset(words("mines plants works mills councils"))
_SITE_PLURALS = frozenset(words("mines"))
# ('the Changjin and Pujon power stations', 'the Anshan and Benxi steel works': named after their sites)
_SITE_MODIFIERS = frozenset(words("steel iron power coal hydroelectric chemical cement paper silk textile"))
_ENUM_MODIFIERS = ("steel|iron|power|paper|textile|automobile|tractor|chemical|coal|machine-building|hydroelectric|"
                   "economic|silk|cement|fishing|agricultural|handicraft|herding|state")
_OPENERS = frozenset(words("the a an in on at by from with to of for and or but both all"))
_NAME_ONLY = {"newspapers": ("group", "newspaper"), "dailies": ("group", "newspaper"),
              "sects": ("group", "religious group"), "factions": ("group", "party faction"),
              "areas": ("place", "region")}  # 'the Lao Cai and Hoang Lien Son areas
ENUM = re.compile(rf"((?:{_MEMBER}, )+(?:{_MEMBER},? )?(?:and|or) {_MEMBER}|{_MEMBER} (?:and|or) {_MEMBER}) "
                  rf"(?:({_ENUM_MODIFIERS}) )?({'|'.join(_PLURALS)})\b")
_MEMBER_RE = re.compile(_MEMBER)
# (found by the scan for trigger words, in lower case: a plural written otherwise is left out)
_PLURAL_WORDS = Triggers(frozenset(_PLURALS), numbers=False, then=r"\b")


_AND_ADJECTIVE = re.compile(r" and ([A-Z][a-z]+) [A-Za-z]")
_TIME_BEFORE = re.compile(r"\b(?:since|until|till|from|in|by|before|after|last|next) "
                          r"(?=(?:January|February|March|April|May|June|July|August|September|October|November|"
                          r"December)\b)")


def _shared_noun(text: str, e: int) -> bool:
    """'the British and American ambassadors': two adjectives of one noun, no people."""
    m = _AND_ADJECTIVE.match(text, e)
    lex = lexicon()
    return m is not None and m.group(1).lower() in lex.demonyms and m.group(1).lower() not in lex.peoples


def _people_name(word: str) -> str:
    """The name of the people an adjective in a list of peoples stands for ('Georgian' -> 'Georgians')."""
    lex = lexicon()
    f = word.lower()
    if f in lex.ethnonyms:
        return lex.ethnonyms[f]
    country = lex.demonyms.get(f)
    return lex.people_of.get(country, word) if country else word


def enumerations(text: str) -> list[Cand]:
    lex = lexicon()
    out: list[Cand] = []
    low = lower_same_length(text)
    for start, end in _PLURAL_WORDS.spans(low):
        if text[start:end] != low[start:end]:
            continue
        # (the enumeration that ends at this plural, not an earlier one in the window)
        m = next((k for k in ENUM.finditer(text, max(0, start - 160), end) if k.end() == end), None)
        if m is None:
            continue
        head = _PLURALS[m.group(3)]
        modifier = f"{m.group(2).title()} " if m.group(2) and head else ""
        kind, subtype = lex.heads[head.lower()] if head else _NAME_ONLY.get(m.group(3), ("group", "ethnic group"))
        t = _TIME_BEFORE.search(text, max(0, m.start(1) - 7), m.start(1) + 10)
        if t is not None and t.end() == m.start(1):
            continue  # 'since November, and Comrade Khrushchev's newspapers': a date, then something else
        members: list[tuple[str, int, int]] = []
        for mm in _MEMBER_RE.finditer(m.group(1)):
            words_ = mm.group().split(" [")[0].split(" ")
            skip = 0
            while skip < len(words_) - 1 and words_[skip].lower() in _OPENERS:
                skip += 1  # 'The Huojian and October cooperatives'
            if words_[-1].endswith(("'s", "’s")) or words_[skip].lower() in lex.titles:
                members = []  # 'Comrade Khrushchev's newspapers': a person's, not a list of names
                break
            if all(w.lower() in lex.demonyms for w in words_[skip:]) and (head or m.group(3) in _NAME_ONLY):
                members = []  # 'the Soviet and Chinese newspapers': adjectives, no names
                break
            if m.group(3) in _PLANT_PLURALS and all(fold(w) in _english() for w in words_[skip:]):
                members = []  # 'the Csepel Iron and Metal works': the words of one name
                break
            s = m.start(1) + mm.start() + sum(len(w) + 1 for w in words_[:skip])
            members.append((" ".join(words_[skip:]), s, m.start(1) + mm.end()))
        for word, s, e in members:
            label = f"{word} {modifier}{head}" if head else word if kind == "place" else _people_name(word)
            variants = [word] if head or label != word else []
            inner = text[s:e].partition(" [")[2].rstrip("]")
            if inner and inner.lower() != "sic":
                variants.append(inner)  # 'Lao Cai [Lào Cai]'
            if m.group(3) == "peoples":
                variants.append(f"{word} people")  # 'the Armenian and Georgian peoples'
            site = lex.names.get(fold(word)) if head and kind == "group" else None
            if site is None and (m.group(3) in _SITE_PLURALS or (m.group(2) or "") in _SITE_MODIFIERS) \
                    and " " not in word \
                    and fold(word) not in lex.names and fold(word) not in _english():
                site = Known("place", word, None)  # 'the Changjin and Pujon power stations': named after sites
            if site is not None and site.kind == "place":
                # 'the Derviçan, Goranxi and Jorgucat cooperatives', 'the Anshan and Benxi steel works':
                # bodies named after their places; the word is the body's here and names the place too
                out.append(Cand(kind, label, s, e, f"enumeration:{subtype}", 0.96, subtype,
                                variants=[v for v in variants if v != word]))
                out.append(Cand("place", site.label, s, s + len(word), "enumeration:named-after", 0.75,
                                site.subtype, nested=True))
            else:
                out.append(Cand(kind, label, s, e, f"enumeration:{subtype}", 0.8, subtype, variants=variants))
    return out


# A plural head shared by names joined with 'and (of)': 'the Ministries of Railways and of
# Communications', 'the Ministries of Foreign Trade, of Finance and of Machine Building'. The first
# member is found as a run of its own; the others are named here, each from the head to its end.
_SINGULAR = {"Ministries": "Ministry", "Committees": "Committee", "Departments": "Department",
             "Commissions": "Commission", "Councils": "Council", "Institutes": "Institute",
             "Academies": "Academy", "Directorates": "Directorate", "Administrations": "Administration",
             "Embassies": "Embassy", "Consulates": "Consulate"}
_OF_NAME = rf"(?:the )?{WORD}(?: {WORD}){{0,5}}"
_SHARED_OF = re.compile(rf"(?=[{''.join(sorted({w[0] for w in _SINGULAR}))}])\b({'|'.join(_SINGULAR)}) of {_OF_NAME}"
                        rf"((?:, (?:of )?{_OF_NAME})*,? and (?:of )?{_OF_NAME})")
_NEXT_MEMBER = re.compile(rf"(?:, |,? and )(?:of )?((?:the )?{WORD}(?: {WORD}){{0,5}})")


def shared_heads(text: str) -> list[Cand]:
    lex = lexicon()
    out: list[Cand] = []
    for m in _SHARED_OF.finditer(text):
        head = _SINGULAR[m.group(1)]
        kind, subtype = lex.heads[head.lower()]
        for mm in _NEXT_MEMBER.finditer(text, m.start(2), m.end(2)):
            out.append(Cand(kind, f"{head} of {mm.group(1)}", m.start(), mm.end(), f"shared-head:{subtype}", 0.7,
                            subtype))
    return out


# A pattern that opens with the class of its first character lets the regex engine skip the other
# characters of the text fast (one that opens with a look-around gets no such shortcut): the capital
# comes first, then the look-behind that checks the character before it.
_CAPWORD = re.compile(rf"[{UPPER}](?<![\w'’-].)[\w'’]*(?:-[{UPPER}][\w'’]*)*")
_AFTER_ADJECTIVE = re.compile(r" (side|government|authorities|leadership|regime|comrades|friends|people|nationality|"
                              r"navy|army|police|"
                              r"air force|fleet|embassy|consulate|legation)\b")
# Persons named by their nation ('Mexican citizens', 'Finnish workers', 'Afghan refugees'): mentions of
# the people; a community abroad ('the Mexican colony') is a group of its own.
# ('nationals', 'traders', 'tourists' are left out: annotators split on them)
_PERSONS_AFTER = re.compile(r" (?:[a-z]+ )?(workers|students|refugees|emigrants|émigrés|emigres|citizens|"
                            r"residents|peasants|returnees|prisoners|wives|priests|"
                            r"trade unionists|unionists|pilgrims|settlers|"
                            r"colonists|immigrants|deportees|exiles|volunteers|miners|"
                            r"fishermen|farmers|intellectuals|soldiers|technicians|"
                            # (people named by the nation, not officials: 'Cuban teachers and doctors')
                            r"engineers|teachers|doctors|nurses|women|children|herdsmen|herders|shepherds|nomads|"
                            r"households|railwaymen|sailors|seamen|crews|officers|shipowners|journalists)\b"
                            r"|( (?:colony|community|minority|diaspora))\b")
# (an adjective before the person-noun may only be one of these: 'Finnish skilled workers')
_PERSON_NOUN_ADJECTIVES = frozenset(words("skilled young old former many other some trade"))
_NO_PLACE = Known("", "", None)
# A state's mission named by its adjective in lower case ('the Chinese embassy', 'the Israeli legation').
_MISSIONS = {"embassy": "embassy", "consulate": "consulate", "legation": "embassy"}
_MISSION_AT = re.compile(rf" in ([{UPPER}][\w'’-]+(?: [{UPPER}][\w'’-]+)?)")
_AFTER_PEOPLE = re.compile(r"[,.;:)]| (?:and|or|were|are|had|have|has|would|will|said|did|do|is|was|wanted|want|"
                           r"insisted|agreed|refused|themselves)\b")
_AFTER_BORDER = re.compile(r" (border|frontier)\b(?! (?:defen[cs]e|guards?|troops|posts?|areas?|regions?|residents|"
                           r"stations?|units?|zones?|crossings?|incidents?|disputes?|questions?|issues?|"
                           r"negotiations|talks|trade|patrols?|population|villages?|counties|regime|service|"
                           r"control)\b)")
# Peoples whose noun is their adjective ('the British', 'the French', 'the Dutch'): standing alone before
# a verb, in the records' idiom, they are the state ('the British say', 'after the British leave').
_STATE_ADJECTIVE_PEOPLES = frozenset(words("british french dutch"))
_STATE_VERB_AFTER = re.compile(r",? (?:[a-z]+ )?(?:say|says|said|leave|left|withdr[ae]w\w*|occup\w+|pay|paid|give|"
                               r"gave|sent|send|decid\w+|react\w*|recogni[sz]\w*|landed|bomb\w*|propos\w+|"
                               r"insist\w*|refus\w+|want\w*|agree\w*|might|may|must|would|will|could|should|"
                               r"can|cannot|have|has|had|did|do|does|are|were)\b")
# The agent of a passive ('armed by the British', 'supplied by the Americans'): a people acting as its state.
PASSIVE_AGENT = re.compile(r"\b(?:[a-z]+ed|[a-z]+en) by the $")
# A state's side, government or (in the records' idiom) its comrades and friends: the state itself.
_STATE_WORDS = frozenset(words("side government authorities leadership regime comrades friends"))
_NEXT_CAPITAL = re.compile(r"\s?[A-Z]|-")
_WORD_BEFORE = re.compile(rf"\b([{UPPER}][a-z]+) $")
_KOREA = re.compile(r"(?=[KDPS])\b(?:Korea|Korean|Koreans|DPRK|Pyongyang|Seoul)\b")
_VIETNAM = re.compile(r"(?=[VDHS])\b(?:Vietnam|Vietnamese|DRV|Hanoi|Saigon)\b")


def _persons_after(text: str, e: int) -> tuple[int, bool] | None:
    """The end of the person-noun after a nation's adjective at e, and whether it names a community."""
    m = _PERSONS_AFTER.match(text, e)
    if m is None:
        return None
    if m.group(2):
        return m.end(), True
    between = text[e + 1:m.start(1)].strip()
    if between and between not in _PERSON_NOUN_ADJECTIVES:
        return None
    return m.end(), False


def _divided_country(text: str) -> str | None:
    """In a record about Korea or Vietnam, 'the North' and 'the South' are its two states."""
    if "the North" not in text and "the South" not in text:
        return None
    k, v = len(_KOREA.findall(text)), len(_VIETNAM.findall(text))
    if not k and not v:
        return None
    return "Korea" if k >= v else "Vietnam"


@lru_cache(maxsize=1)
def _adjective_words() -> frozenset[str]:
    """The words the rules of ``lowercase_heads`` look up (a word with a hyphen may be a border)."""
    lex = lexicon()
    return frozenset(lex.demonyms) | frozenset(lex.ethnonyms) | frozenset(lex.names)


def lowercase_heads(text: str) -> list[Cand]:
    """Names made by a capitalised adjective and a lower-case noun: the state ('the Soviet side',
    'Chinese government'), a people ('the Albanian people', 'Russian nationality', 'the Chinese said',
    'ethnic Russian'), an armed force ('the Soviet navy'), a border ('Sino-Soviet border')."""
    lex = lexicon()
    out: list[Cand] = []
    divided = _divided_country(text)
    known = _adjective_words()
    for m in _CAPWORD.finditer(text):
        word = m.group()
        f = word.lower()
        if f not in known and "-" not in word and not divided:
            continue  # no rule below applies to the word
        s, e = m.start(), m.end()
        if divided and word in ("North", "South") and text[max(0, s - 4):s] == "the " \
                and not _NEXT_CAPITAL.match(text, e):
            out.append(Cand("place", f"{word} {divided}", s, e, "divided-country", 0.7, "country", variants=[word]))
            continue
        if f in lex.demonyms:
            country = lex.demonyms[f]
            before = _WORD_BEFORE.search(text, max(0, s - 12), s)
            if before and f"{before.group(1).lower()} {f}" in lex.demonyms:
                # 'the West German side', 'the South Vietnamese authorities': the two words are one adjective
                s = before.start(1)
                country, word = lex.demonyms[f"{before.group(1).lower()} {f}"], text[s:e]
            a = _AFTER_ADJECTIVE.match(text, e)
            if text[max(0, s - 7):s] == "ethnic ":
                label = lex.ethnonyms.get(f) or lex.people_of.get(country, word + "s")
                out.append(Cand("group", label, s - 7, e, "ethnic-adjective", 0.8, "ethnic group"))
            elif a and a.group(1) in _STATE_WORDS:
                out.append(Cand("place", country, s, a.end(), "state-named-by-adjective", 0.8, "country"))
            elif a and a.group(1) in ("people", "nationality"):
                label = lex.people_of.get(country, word + "s")
                out.append(Cand("group", label, s, a.end(), f"people:{a.group(1)}", 0.75, "national group",
                                variants=[text[s:a.end()]]))  # 'the Syrian people' is a name of the Syrians
            elif a and a.group(1) in _MISSIONS:
                end, label = a.end(), f"{word} {a.group(1).title()}"
                at = _MISSION_AT.match(text, end)
                place = lex.names.get(fold(at.group(1))) if at else None
                if at and place is not None and place.kind == "place":
                    end, label = at.end(), f"{label} in {at.group(1)}"  # 'the Italian embassy in Santiago'
                out.append(Cand("group", label, s, end, "mission-by-adjective", 0.7, _MISSIONS[a.group(1)],
                                variants=sorted({text[s:end], text[s:a.end()]})))
            elif a:
                out.append(Cand("group", f"{word} {a.group(1).title()}", s, a.end(), "armed-force-by-adjective",
                                0.7, "armed force"))
            elif text[max(0, s - 9):s].lower() == "overseas " and f in lex.peoples:
                # 'overseas Chinese merchants': the community abroad
                out.append(Cand("group", f"Overseas {word}", s - 9, e, "overseas-people", 0.75,
                                "ethnic group", variants=[text[s - 9:e]]))
            elif f in _STATE_ADJECTIVE_PEOPLES and text[max(0, s - 4):s] in ("the ", "The ") \
                    and (_STATE_VERB_AFTER.match(text, e) or PASSIVE_AGENT.search(text, max(0, s - 30), s)) \
                    and not _shared_noun(text, e):
                out.append(Cand("place", country, s, e, "people-for-state", 0.75, "country", variants=[word]))
            elif f in lex.peoples and text[max(0, s - 4):s] in ("the ", "The ") \
                    and not _STATE_ADJECTIVE_LIST.match(text, s) and (
                    _AFTER_PEOPLE.match(text, e) or PASSIVE_AGENT.search(text, max(0, s - 30), s)) \
                    and not _shared_noun(text, e):
                out.append(Cand("group", word, s, e, "people", 0.75, "national group"))
            elif f != "soviet" and (p := _persons_after(text, e)) is not None:  # (a citizenship, no people)
                noun_end, collective = p
                if collective:
                    out.append(Cand("group", text[s:noun_end], s, noun_end, "community-by-adjective", 0.7,
                                    "national group"))
                else:
                    out.append(Cand("group", lex.people_of.get(country, word + "s"), s, noun_end,
                                    "people:persons", 0.7, "national group", variants=[text[s:noun_end]]))
            elif text[max(0, s - 2):s] == ", " and text[e:e + 1] in (",", ";") and lex.people_of.get(country):
                # a nationality in a person's particulars ('PALIY Ivan, born 1908, Ukrainian, a teacher')
                out.append(Cand("group", lex.people_of[country], s, e, "people:particulars", 0.65,
                                "national group", variants=[word]))
        elif (state := lex.names.get(f)) is not None and state.subtype == "country" and word.isupper() \
                and (p := _persons_after(text, e)) is not None and not p[1]:
            # 'GDR citizens', 'DPRK students': a state's initials used as its adjective
            out.append(Cand("group", lex.people_of.get(state.label, f"{word} citizens"), s, p[0], "people:persons", 0.7,
                            "national group", variants=[text[s:p[0]]]))
        elif f in lex.ethnonyms and text[max(0, s - 7):s] == "ethnic ":
            label = lex.ethnonyms[f]
            out.append(Cand("group", label, s - 7, e, "ethnic-adjective", 0.8,
                            lex.ethnonym_types.get(label, "ethnic group")))
        elif f in lex.ethnonyms and (p := _persons_after(text, e)) is not None and not p[1]:
            # 'Yao women', 'Hmong refugees': people named by their people
            label = lex.ethnonyms[f]
            out.append(Cand("group", label, s, p[0], "ethnic-adjective:persons", 0.75,
                            lex.ethnonym_types.get(label, "ethnic group"), variants=[text[s:p[0]]]))
        b = _AFTER_BORDER.match(text, e) if "-" in word or f in lex.demonyms or f in lex.names else None
        if (b and all(p in lex.demonyms or p == "sino" for p in f.split("-"))) or (b and f in lex.names):
            out.append(Cand("place", f"{word} {b.group(1)}", s, b.end(), "border", 0.8, "border"))
        elif b and "-" in word and f not in lex.names and fold(f"{word} {b.group(1)}") not in lex.names and all(
                (lex.names.get(p) or _NO_PLACE).kind == "place" and (lex.names.get(p) or _NO_PLACE).subtype != "river"
                for p in f.split("-")):
            # 'the Sikkim-Tibet border': the border, and the places it divides
            out.append(Cand("place", f"{word} {b.group(1)}", s, b.end(), "border", 0.8, "border"))
            k = s
            for part in word.split("-"):
                side = lex.names[fold(part)]
                out.append(Cand("place", side.label, k, k + len(part), "border:side", 0.8, side.subtype,
                                nested=True))
                k += len(part) + 1
    return out


# States listed by their adjectives before one plural word for a state ('the Czechoslovak, Polish and
# Hungarian governments', 'the Czechoslovak and Polish friends'): each is its state.
_STATE_ADJECTIVE_LIST = re.compile(rf"(?=[{UPPER}])(?<![\w'’-])((?:[{UPPER}][\w'’-]+, )*[{UPPER}][\w'’-]+,? "
                                   r"(?:and|or) [A-Z][\w'’-]+) (governments|sides|authorities|leaderships|"
                                   r"comrades|friends|regimes)\b")
_ADJECTIVE_IN_LIST = re.compile(r"[^\s,]+")


_STATE_PLURALS = Triggers(frozenset(words("governments sides authorities leaderships comrades friends regimes")),
                         numbers=False, then=r"\b")


def state_adjective_lists(text: str) -> list[Cand]:
    lex = lexicon()
    out: list[Cand] = []
    found = [m for s, e in _STATE_PLURALS.spans(lower_same_length(text)) if text[s - 1:s] == " "
             for m in [next((k for k in _STATE_ADJECTIVE_LIST.finditer(text, max(0, s - 100), e) if k.end() == e),
                            None)] if m is not None]
    for m in found:
        members = [a for a in _ADJECTIVE_IN_LIST.finditer(text, m.start(1), m.end(1))
                   if a.group() not in ("and", "or")]
        if not all(a.group().lower() in lex.demonyms for a in members):
            continue
        for a in members:
            out.append(Cand("place", lex.demonyms[a.group().lower()], a.start(), a.end(), "states-by-adjectives",
                            0.75, "country"))
    return out


# Lines that divide territory, written in lower case: the 17th parallel, the line of actual control,
# the demarcation line, the cease-fire line in Kashmir; a quarantine line is a line at sea, uncertain.
_LINE = re.compile(r"(?=[\dlmdacq])(?<![\w-])(\d{1,2}(?:st|nd|rd|th) parallel|line of (?:actual )?control|"
                   r"(?:military )?demarcation line|armistice line|cease-?fire line(?: in [A-Z][\w-]+)?|"
                   r"quarantine line)\b", re.I)


# Each line holds one of these words (in the lower-cased text: ı and İ match an i when case is
# ignored) at most 21 characters after its start ('military demarcation line').
_LINE_WORDS = ("line", "lıne", "lİne", "parallel")


def dividing_lines(text: str) -> list[Cand]:
    """Lines and parallels named in lower case ('north of the 17th parallel'): places of type border."""
    out = []
    starts = {p for k in occurrences(lower_same_length(text), _LINE_WORDS) for p in range(max(0, k - 21), k + 1)}
    for m in matches_at(_LINE, text, sorted(starts)):
        name = m.group(1)
        out.append(Cand("place", name, m.start(1), m.end(1), "dividing-line", 0.7, "border",
                        uncertain=name.lower().startswith("quarantine")))
    return out


# A nation named as 'the people of' its country or land ('the people of Pakistan', 'the people of the GDR',
# 'self-determination of the people of Kashmir'): a national group, and the place.
_PEOPLE_OF = re.compile(rf"(?<=the )(people|peoples) of (?:the )?([{UPPER}][\w'’-]*(?: [{UPPER}][\w'’-]*){{0,2}})")


def peoples_of(text: str) -> list[Cand]:
    lex = lexicon()
    out: list[Cand] = []
    for m in matches_at(_PEOPLE_OF, text, occurrences(text, ("people of ", "peoples of "))):
        name = m.group(2)
        known = lex.names.get(fold(name))
        if known is None or known.kind != "place" or known.subtype in ("city", "town", "village", "river"):
            continue  # ('the people of Athens and Piraeus': a city's inhabitants, no nation)
        written = text[m.start():m.end()]
        label = lex.people_of.get(known.label, f"people of {name}")
        out.append(Cand("group", label, m.start(), m.end(), "people-of-place", 0.7, "national group",
                        variants=[written] if written != label else []))
        out.append(Cand("place", known.label, m.start(2), m.end(2), "lexicon", 0.95, known.subtype, nested=True,
                        known=known))
    return out


# A name before a lower-case word for a unit of a country: 'Selenge aimag', 'Cuando Cubango province',
# 'Binh Dinh [Bình Định] province' (the place, also named without the word).
_LOWER_UNIT = re.compile(rf"(?<![\w'’.-])([{UPPER}][\w'’-]*(?: [{UPPER}][\w'’-]*){{0,2}})(?: \[([^\]\n]{{1,40}})\])? "
                         r"(aimag|province|county|oblast|prefecture|raion|governorate|voivodeship|canton|"
                         r"municipality|krai)\b")
_LOWER_UNIT_WORDS = Triggers(frozenset(words("aimag province county oblast prefecture raion governorate voivodeship "
                                             "canton municipality krai")), numbers=False)


def lowercase_units(text: str) -> list[Cand]:
    lex = lexicon()
    out: list[Cand] = []
    low = lower_same_length(text)
    for start, _ in _LOWER_UNIT_WORDS.spans(low):
        if not text[start].islower():
            continue
        m = next((k for k in _LOWER_UNIT.finditer(text, max(0, start - 90), start + 16) if k.start(3) == start), None)
        if m is None:
            continue
        name = m.group(1)
        parts = [fold(w) for w in name.split()]
        if any(p in lex.demonyms or p in lex.titles or p in lex.common or p in _DIRECTION_WORDS
               or head_of(Tok(w, 0, 0, "word")) for p, w in zip(parts, name.split(), strict=True)) \
                or all(p in _english() for p in parts):
            continue  # 'the Chinese province', 'the Northern province', 'the Party county'
        known = lex.names.get(fold(name))
        if known is not None and known.kind != "place":
            continue
        label = known.label if known is not None else name
        variants = [text[m.start(1):m.end()]] + ([m.group(2)] if m.group(2) and m.group(2).lower() != "sic" else [])
        out.append(Cand("place", label, m.start(1), m.end(), f"lowercase-unit:{m.group(3)}", 0.75,
                        known.subtype if known is not None else m.group(3), variants=variants))
    return out


_DIRECTION_WORDS = frozenset(words("north south east west northern southern eastern western central upper lower "
                                   "inner outer autonomous border frontier"))


# Two places joined by a hyphen, as roads, railways and routes are named ('the Xinjiang-Tibet road',
# 'the Lanzhou-Urumqi railway', 'the Moscow-Peking train'): each is a place, when the lexicon knows both
# and not the whole ('Guinea-Bissau', 'Alma-Ata').
_HYPHENED = re.compile(rf"(?=[{UPPER}])(?<![\w'’-])([{UPPER}][a-zà-ÿ]+)-([{UPPER}][a-zà-ÿ]+)(?![\w'’-])"
                       r"(?= (?i:road|roads|railway|railways|railroad|highway|highways|route|routes|axis|flight|"
                       r"flights|train|trains|pipeline|canal|corridor|air route|motorway)\b)")


_ROUTE_WORDS = Triggers(frozenset(words("road roads railway railways railroad highway highways route routes axis "
                                        "flight flights train trains pipeline canal corridor air motorway")),
                        numbers=False, then=r"\b")


def hyphenated_places(text: str) -> list[Cand]:
    lex = lexicon()
    out: list[Cand] = []
    found = [k for s, _ in _ROUTE_WORDS.spans(lower_same_length(text)) if text[s - 1:s] == " "
             for k in _HYPHENED.finditer(text, max(0, s - 60), s + 12) if k.end() == s - 1]
    for m in found:
        if fold(m.group()) in lex.names:
            continue
        parts = [lex.names.get(fold(m.group(k))) for k in (1, 2)]
        known = [p for p in parts if p is not None and p.kind == "place"]
        if len(known) == 2 or (known and all(p is not None or _unknown_word(m.group(k))
                                             for k, p in zip((1, 2), parts, strict=True))):
            # (one end the lexicon knows, the other a word no lexicon has: 'the Kathmandu-Kodari road')
            inside = text[m.end() + 1:m.end() + 2].isupper()  # ('the Yingtan-Xiamen Railway Bureau')
            for k, p in zip((1, 2), parts, strict=True):
                out.append(Cand("place", p.label if p else m.group(k), m.start(k), m.end(k), "hyphenated-places",
                                0.7 if p else 0.55, p.subtype if p else None, nested=inside))
    return out


def _unknown_word(word: str) -> bool:
    lex = lexicon()
    f = fold(word)
    return f not in lex.names and f not in _english() and f not in lex.surnames and f not in lex.given \
        and f not in lex.demonyms and f not in lex.peoples


# Code point -> its one-character fold (or its lower case when folding would change the length).
_FOLDED: dict[int, str] = {}


def _fold_chars(text: str) -> str:
    """The text folded one character at a time, so offsets stay those of the text."""
    if text.isascii():  # an ASCII character folds to its lower case, a blank to itself
        return text.lower()
    table = _FOLDED
    for c in set(text):  # the distinct characters: a few dozen, however long the text
        if ord(c) not in table:
            f = fold(c)
            table[ord(c)] = f if len(f) == 1 else c.lower()
    return text.translate(table)


@lru_cache(maxsize=1)
def _phrase_keys() -> list[str]:
    """Lexicon names that carry a lower-case word ('Rudé právo', 'Po prostu', "l'Unità", 'Voice of
    America'), folded: a run of capitalised words cannot find them whole, so they are looked for as
    phrases (in the folded text; in an ASCII text, which folds to its lower case, by the scan for
    trigger words)."""
    lex = lexicon()
    return sorted((k for k, v in lex.names.items() if v.kind == "group" and _has_lower_word(v.label)),
                  key=len, reverse=True)


@lru_cache(maxsize=1)
def _lowercase_names() -> re.Pattern[str]:
    keys = _phrase_keys()
    first = "".join(sorted({re.escape(k[0]) for k in keys}))
    return re.compile(rf"(?=[{first}])(?<![\w'’])(?:{alternation(keys)})(?![\w'’])")


@lru_cache(maxsize=1)
def _phrase_triggers() -> Triggers:
    return Triggers(frozenset(_phrase_keys()), numbers=False, then=r"(?![\w'’])")


def _phrases(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The folded text and the spans of the lexicon phrases in it."""
    if not _phrase_keys():
        return text, []
    if not text.isascii():
        folded = _fold_chars(text)
        return folded, [m.span() for m in _lowercase_names().finditer(folded)]
    low = lower_same_length(text)
    out: list[tuple[int, int]] = []
    end = 0
    for s, e in _phrase_triggers().spans(low):
        # a phrase follows no apostrophe, and none starts inside the one before
        if s >= end and low[s - 1:s] != "'":
            out.append((s, e))
            end = e
    return low, out


_CONNECTORS = frozenset(words("of the in for on and de da do del della di du des van von der den la le al el"))


def _has_lower_word(label: str) -> bool:
    parts = label.split()
    return label[:2] in ("l'", "l’") or any(p[0].islower() for p in parts[1:])


# A capitalised name before a lower-case head that makes it a body: 'the Uljanik shipyard',
# 'the Balanța enterprise', 'the Franciscan order'. (Demonyms are left to lowercase_heads.)
_ORG_AFTER = ("enterprise|iron works|steel works|automobile works|works|machine-building plant|tractor plant|plant|"
              "factory|steel mill|mill|shipyard|coal mine|mine|combine|kombinat|oil refinery|refinery|"
              "hydroelectric power station|power station|company|"
              "firm|bank|newspaper|daily|weekly|magazine|journal|news agency|publishing house|order|brotherhood|"
              # units named by a word before a lower-case head ('the Tjakrabirawa regiment')
              "regiment|battalion|brigade|detachment|outpost|"
              # buildings named by a word before a lower-case head ('the Kalabsha temple'): places
              "mosque|temple|cathedral|synagogue|pagoda|fortress|hospital|hotel|palace|stadium")
_NAMED_BODY = re.compile(rf"(?=[{UPPER}])(?<![\w'’.-])((?:[{UPPER}][\w'’.-]*)(?: [{UPPER}][\w'’.-]*){{0,3}}) "
                         rf"(?:border )?({_ORG_AFTER})\b(?![-'’])")  # ('the Uch-Aral border detachment')


_BODY_TYPES = {"bank": "bank", "newspaper": "newspaper", "daily": "newspaper", "weekly": "newspaper",
               "magazine": "newspaper", "journal": "newspaper", "news agency": "news agency",
               "order": "religious organization", "brotherhood": "religious organization",
               "regiment": "army", "battalion": "army", "brigade": "army", "border detachment": "border troops",
               "outpost": "border post"}


_BUILDINGS = frozenset(words("mosque temple cathedral synagogue pagoda fortress hospital hotel palace stadium"))
_NAMESAKE_FEATURES = frozenset({"river", "lake", "mountain", "sea", "island"})
_SITE_HEADS = frozenset(words("works plant factory mill shipyard mine combine kombinat refinery station detachment "
                               "outpost"))


# (the first words of the heads: the pattern is tried only before them)
_NAMED_BODY_WORDS = Triggers(frozenset(w.split()[0].lower() for w in _ORG_AFTER.split("|")), numbers=False,
                             then=r"\b")


def named_bodies(text: str) -> list[Cand]:
    lex = lexicon()
    out: list[Cand] = []
    found: list[re.Match[str]] = []
    for s, _ in _NAMED_BODY_WORDS.spans(lower_same_length(text)):
        if text[s - 1:s] != " " or not text[s].islower():
            continue
        m = next((k for k in _NAMED_BODY.finditer(text, max(0, s - 120), s + 40) if k.start(2) == s), None)
        if m is not None and (not found or m.start() >= found[-1].end()):
            found.append(m)
    for m in found:
        words_ = m.group(1).split(". ")[-1].split()  # ('in August. A brigade': a sentence ends there)
        while words_ and words_[0].lower() in lex.common:  # 'The', 'In' opening a sentence
            words_ = words_[1:]
        name, head = " ".join(words_), text[m.end(1) + 1:m.end()]
        if head == "detachment":
            continue  # (only a border detachment is named by its site: 'the RCMP detachment' is the RCMP's)
        known = lex.names.get(fold(name))
        site = known is not None and known.kind == "place" and head.split()[-1] in _SITE_HEADS
        if not words_ or all(w.lower() in lex.demonyms for w in words_) or (
                known and known.kind != "group" and known.subtype not in _NAMESAKE_FEATURES and not site):
            continue  # 'the Soviet newspaper', 'the Moscow daily': no name of a body ('the Tisza shipyard' is)
        start = m.end() - len(name) - len(head) - 1
        if head in _BUILDINGS:
            out.append(Cand("place", f"{name} {head}", start, m.end(), f"name+lowercase-head:{head}", 0.65,
                            "building"))
            continue
        out.append(Cand("group", f"{name} {head}", start, m.end(), f"name+lowercase-head:{head}", 0.65,
                        _BODY_TYPES.get(head, "company")))
        if site and known is not None:  # 'the Isfahan steel mill', 'the Arak machine-building plant': the site too
            out.append(Cand("place", known.label, start, start + len(name), "site-of-plant", 0.8, known.subtype,
                            nested=True))
        elif known is None and len(words_) == 1 and head.split()[-1] in _SITE_HEADS \
                and head not in ("works", "shipyard") and not any(ch.isdigit() for ch in name) \
                and fold(name) not in lex.surnames and fold(name) not in lex.given and fold(name) not in _english():
            # a plant named after an unknown word is named after its site ('the Ballsh oil refinery')
            out.append(Cand("place", name, start, start + len(name), "site-of-plant", 0.6, nested=True))
    return out


def lowercase_names(text: str) -> list[Cand]:
    """Newspapers and other bodies the lexicon writes with lower-case words, found as phrases."""
    lex = lexicon()
    out = []
    folded, spans = _phrases(text)
    for start, end in spans:
        if not (text[start].isupper() or text[start + 1] in "'’"):
            continue  # written as a name, capitalised
        entry = lex.names[folded[start:end]]
        out.append(Cand("group", entry.label, start, end, "lexicon-phrase", 0.9, entry.subtype,
                        variants=[text[start:end]], known=entry))
    return out


# Bodies named by a number: 'the 968th Volunteer Unit', 'the 38th Army', 'the Third Department',
# 'Directorate I'. The number is written in figures or lower case, so no capitalised run holds it.
_UNIT_HEADS = ("Army|Armies|Corps|Regiment|Battalion|Fleet|Division|Brigade|Unit|Detachment|Group|Department|"
               "Directorate|Section|Bureau|Administration|Command|Squadron|Front|Movement|Military Region|"
               "Military District")
_ORDINAL_WORDS = ("First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Eleventh|Twelfth")
_NUMBERED_FIRST = "".join(sorted({w[0] for w in f"{_UNIT_HEADS}|{_ORDINAL_WORDS}".split("|")}))
# (capitalised words, no initial and no title of a person: '... of Foreign Affairs D. Tserendorj')
_CAP = rf"(?!Comrades?\b|Mr\b|Mrs\b|Dr\b)[{UPPER}](?:[\w'’-]+|(?![.\w]))"
_CAPS = rf"{_CAP}(?: {_CAP})*"
_NUMBERED = re.compile(
    rf"(?=[\d{_NUMBERED_FIRST}])(?:"
    rf"(?<![\w-])(?:\d{{1,4}}(?:st|nd|rd|th)|{_ORDINAL_WORDS}) (?:of )?(?:[{UPPER}][\w'’-]+ ){{0,3}}(?:{_UNIT_HEADS})\b"
    # (and the body it belongs to: 'the 2nd Division of the Railway Corps')
    rf"(?P<of> of the (?:[{UPPER}][\w'’-]+ ){{1,3}}(?:Army|Corps|Forces|Navy|Guards?|Militia|Volunteers)\b"
    # (a department of a body: 'the 8th Department of the CC of the KSČ')
    rf"|(?:(?<=Department)|(?<=Directorate)|(?<=Section)|(?<=Bureau)|(?<=Administration))"
    rf" of the {_CAPS}(?: of(?: the)? {_CAPS})*)?"
    rf"|(?<![\w-])(?:{_UNIT_HEADS}) (?:[IVX]{{1,4}}|\d{{1,3}})(?=[,.;:)\n]| of\b| and\b| \[|$))")
# A body whose name holds a number after 'No.', or a numbered department with the words before it: 'the
# Andong No. 1 Silk Mill', 'the Shanghai No. 1 Steel Works', 'MfS Main Department XX'.
_NO_NAMED = re.compile(rf"(?<![\w'’.-])([{UPPER}][\w'’-]+ No\. \d{{1,3}} (?:[{UPPER}][\w'’-]+ ){{0,2}}"
                       r"(?:Mill|Works|Factory|Plant|Mine|School|Hospital|Station|Farm|Brigade|Commune|Combine))\b"
                       rf"|(?<![\w'’.-])((?:[A-Z][A-Za-z]{{1,4}} )?(?:Main|Chief|General|Central) "
                       r"(?:Department|Directorate|Administration) (?:[IVX]{1,4}|\d{1,3}))(?=[,.;:)\n ])")


def numbered_names(text: str) -> list[Cand]:
    out: list[Cand] = []
    if " No. " not in text and " Department " not in text and " Directorate " not in text \
            and " Administration " not in text:
        return out
    for m in _NO_NAMED.finditer(text):
        name = m.group(1) or m.group(2)
        start = m.start(1) if m.group(1) else m.start(2)
        words_ = name.split()
        variants = [" ".join(words_[1:])] if m.group(2) and words_[0] not in ("Main", "Chief", "General", "Central") \
            else []
        out.append(Cand("group", name, start, start + len(name), "numbered-name", 0.8, "unit" if m.group(2) else
                        "company", variants=variants))
    return out
# A match opens with a number, an ordinal or a head: the scan for trigger words finds where (in any case).
_NUMBERED_WORDS = Triggers(frozenset(w.lower() for w in f"{_UNIT_HEADS}|{_ORDINAL_WORDS}".split("|")))


def numbered_bodies(text: str) -> list[Cand]:
    """Units, armies and departments named by their number: groups."""
    starts = [s for s, _ in _NUMBERED_WORDS.spans(lower_same_length(text))]
    # (the unit without the body it belongs to is a name of it too)
    return [Cand("group", m.group(), m.start(), m.end(), "numbered-body", 0.75, "unit",
                 variants=[text[m.start():m.start("of")]] if m.group("of") else [])
            for m in matches_at(_NUMBERED, text, starts)]


# Office symbols of a foreign ministry's bureaus and offices ('AF/E', 'AID/FHA', 'EUR/SOV' in the
# drafting and clearance lines of a memorandum): one body each, not two acronyms.
_OFFICE_SYMBOL = re.compile(r"(?<![\w/])[A-Z]{2,5}(?:/[A-Z]{1,5})+(?![\w/]|\.\d)")


def office_symbols(text: str) -> list[Cand]:
    if "/" not in text:
        return []
    return [Cand("group", m.group(), m.start(), m.end(), "office-symbol", 0.7, "office")
            for m in _OFFICE_SYMBOL.finditer(text)]


# A body named by a lower-case noun and, in brackets, its name in the original's language: 'the
# militia [Milicja Obywatelska]', 'the police [Policía Nacional]'.
_ORIGINAL_AFTER = re.compile(r"([a-z]+) \[([A-Z\u00c0-\u024f][^\[\]\n]{2,40})\]")


def lowercase_glossed_bodies(text: str) -> list[Cand]:
    lex = lexicon()
    out: list[Cand] = []
    pos = text.find(" [")
    while pos >= 0:
        m = _ORIGINAL_AFTER.match(text, text.rfind(" ", 0, pos) + 1)
        if m and (lex.heads.get(m.group(1)) or ("", ""))[0] == "group" and _foreign(m.group(2)):
            out.append(Cand("group", m.group(2), m.start(), m.end(), "original-of-body", 0.65,
                            lex.heads[m.group(1)][1]))
        pos = text.find(" [", pos + 2)
    return out


def _foreign(inner: str) -> bool:
    words_ = inner.split()
    return len(words_) <= 5 and not any(fold(w) in _english() for w in words_)


# A body introduced by a lower-case noun of its kind: 'the newspaper "Draugas"', 'the Turkish Cypriot
# paper Halkın Sesi', 'the station "Free Greece"', 'the firm Motokov'.
_INTRODUCED = re.compile(
    rf"(?<![\w-])(newspaper|paper|daily|weekly|journal|magazine|periodical|station|agency|firm|company|concern|"
    rf"publishing house) [\"“]?([{UPPER}][\w'’-]*(?: (?:[{UPPER}][\w'’-]*|de|del|la|el|do|da|of|the)){{0,4}})[\"”]?")
_INTRODUCED_TYPES = {"newspaper": "newspaper", "paper": "newspaper", "daily": "newspaper", "weekly": "newspaper",
                     "journal": "newspaper", "magazine": "newspaper", "periodical": "newspaper",
                     "station": "broadcaster", "agency": "agency"}
_INTRODUCED_WORDS = Triggers(frozenset(_INTRODUCED_TYPES) | frozenset(words("firm company concern publishing")),
                             numbers=False)


def introduced_bodies(text: str) -> list[Cand]:
    lex = lexicon()
    out: list[Cand] = []
    for m in matches_at(_INTRODUCED, text, [s for s, _ in _INTRODUCED_WORDS.spans(lower_same_length(text))]):
        name = m.group(2)
        while name.split(" ")[-1] in ("de", "del", "la", "el", "do", "da", "of", "the"):
            name = name.rsplit(" ", 1)[0]
        first = fold(name.split(" ")[0])
        known = lex.names.get(fold(name))
        if (first in lex.common and (" " not in name or first in ARTICLES)) or first in lex.demonyms \
                or (known and known.kind != "group") \
                or first in lex.titles or head_of(Tok(name.split(" ")[-1], 0, 0, "word")):
            continue  # 'the paper The ...', 'the station Bucharest', 'the firm Director ...'
        start = m.start(2) + (m.group(2).find(name))
        out.append(Cand("group", name, start, start + len(name), f"introduced-by:{m.group(1)}", 0.7,
                        _INTRODUCED_TYPES.get(m.group(1), "company")))
    return out


# Bodies listed after a plural of their kind: 'American firms such as Vinnell and RMK-BRJ', 'newspapers
# like Le Monde or Die Welt'.
_LIST_NAME = rf"[{UPPER}][\w'’&-]*(?: (?:[{UPPER}][\w'’&-]*|de|del|la|le|el|of|the)){{0,4}}"
_INTRODUCED_LIST = re.compile(
    r"(?<![\w-])(firms|companies|concerns|corporations|newspapers|papers|dailies|magazines|journals|agencies|banks) "
    rf"(?:(?:such as|like|including|namely) ((?:{_LIST_NAME}, )*{_LIST_NAME}(?:,? (?:and|or) {_LIST_NAME})?)"
    # (or right after the plural, as two or more names: 'the West German firms Krupp and Demag')
    rf"|((?:{_LIST_NAME}, )*{_LIST_NAME},? (?:and|or) {_LIST_NAME}))")
_LIST_TYPES = {"newspapers": "newspaper", "papers": "newspaper", "dailies": "newspaper", "magazines": "newspaper",
               "journals": "newspaper", "agencies": "agency", "banks": "bank"}
_LIST_ITEM = re.compile(_LIST_NAME)


_LIST_WORDS = Triggers(frozenset(words("firms companies concerns corporations newspapers papers dailies magazines "
                                       "journals agencies banks")), numbers=False, then=r" ")


def introduced_lists(text: str) -> list[Cand]:
    lex = lexicon()
    out: list[Cand] = []
    for m in matches_at(_INTRODUCED_LIST, text, [s for s, _ in _LIST_WORDS.spans(lower_same_length(text))]):
        group = 2 if m.group(2) else 3
        for k in _LIST_ITEM.finditer(m.group(group)):
            name = k.group()
            while name.split(" ")[-1] in ("de", "del", "la", "le", "el", "of", "the"):
                name = name.rsplit(" ", 1)[0]
            f = fold(name)
            known = lex.names.get(f)
            if (known and known.kind != "group") or f in lex.common or f in lex.demonyms or f in lex.titles:
                continue
            start = m.start(group) + k.start()
            out.append(Cand("group", name, start, start + len(name), f"listed-after:{m.group(1)}", 0.85,
                            _LIST_TYPES.get(m.group(1), "company")))
    return out


# A body named by a name in quotation marks and its head: 'the Radom "Walter" Metal Works', 'the
# "Steel of the Party" Metallurgical Combine', 'the Textile Combine "J. V. Stalin"'.
_QUOTED_HEADS = ("Works|Combine|Kombinat|Factory|Plant|Mill|Cooperative|Farm|Brigade|Kolkhoz|Sovkhoz|Mine|Shipyard|"
                 "Enterprise|School|Institute|Club|Society|Association|Station|Commune|Detachment|Regiment|Division")
_QUOTED_NAME_FIRST = re.compile(rf"[\"“]([{UPPER}][^\"”\n]{{0,40}})[\"”] ((?:[{UPPER}][\w'’-]+ ){{0,3}}"
                                rf"(?:{_QUOTED_HEADS}))\b")
_QUOTED_HEAD_FIRST = re.compile(rf"\b((?:[{UPPER}][\w'’-]+ ){{0,2}}(?:{_QUOTED_HEADS})) "
                                rf"[\"“]([{UPPER}][^\"”\n]{{0,40}})[\"”]")


def quoted_bodies(text: str) -> list[Cand]:
    out: list[Cand] = []
    # (tried only at quotation marks: a scan of the whole text with these patterns is slow)
    for q in occurrences(text, ('"', "“")):
        m = _QUOTED_NAME_FIRST.match(text, q)
        if m is not None:
            out.append(Cand("group", f"{m.group(1)} {m.group(2)}", m.start(), m.end(), "quoted-name+head", 0.8,
                            "company", variants=[m.group(1)]))
            continue
        for k in _QUOTED_HEAD_FIRST.finditer(text, max(0, q - 60), q + 46):
            if k.start(2) == q + 1:
                out.append(Cand("group", f"{k.group(1)} {k.group(2)}", k.start(), k.end(), "quoted-name+head", 0.8,
                                "company", variants=[k.group(2)]))
    return out


# A government named after its head ('the Karamanlis government', 'the Diem regime', 'the Ne Win [Nai-wen]
# government', 'the Nixon Administration', 'the Rhodesian [Ian] Smith regime', 'the Lon Nol clique'): the
# person (and the state of a nation's adjective before it).
_GOV_NAME = rf"[{UPPER}][a-zà-ÿ'’]+(?:-[{UPPER}][a-zà-ÿ'’]+)?"
_GOV_HEAD = r"(?:[Gg]overnment|[Cc]abinet|[Rr]egime|[Aa]dministration|[Cc]lique)"
_HEADED_GOVERNMENT = re.compile(
    rf"(?<=the )(?:([{UPPER}][a-z]+) (?=\[))?(\[{_GOV_NAME}(?: {_GOV_NAME})?\] )?"
    rf"[\"“]?({_GOV_NAME}(?: {_GOV_NAME}){{0,2}})[\"”]?(?: \[[^\]\n]{{1,30}}\])? {_GOV_HEAD}\b")
GOVERNMENT_TAIL = re.compile(rf"(?: \[[^\]\n]{{1,30}}\])? {_GOV_HEAD}")
_ADJECTIVE_ENDINGS = ("al", "ist", "ic", "ian", "ese", "ish", "ite", "ive", "ary")
_GOVERNMENT_WORDS = Triggers(frozenset(words("government cabinet regime administration clique")), numbers=False)


def governments_named_for_heads(text: str) -> list[Cand]:
    lex = lexicon()
    out: list[Cand] = []
    for s, _ in _GOVERNMENT_WORDS.spans(lower_same_length(text)):
        m = _HEADED_GOVERNMENT.search(text, max(0, s - 60), s + 16)
        if m is None or m.end() < s or not m.group(3)[0].isupper():
            continue
        name = m.group(3)
        parts = name.split(" ")
        adjective, start = m.group(1), m.start(2) if m.group(2) else m.start(3)
        if adjective is None and len(parts) > 1 and fold(parts[0]) in lex.demonyms:
            adjective, start = parts[0], m.start(3)  # 'the Rhodesian Smith regime'
            parts = parts[1:]
            name = " ".join(parts)
        elif adjective is not None:
            start = m.start(1)
        if adjective is not None and fold(adjective) not in lex.demonyms:
            continue
        known = lex.names.get(fold(name))
        if known is not None and known.kind != "person":
            continue  # 'the Bonn government', 'the Hong Kong government'
        given = m.group(2)[1:-2] if m.group(2) else None
        head = m.group().rsplit(" ", 1)[1]
        if known is None and (any(
                f in lex.names or f in lex.demonyms or f in lex.titles or f in lex.peoples
                or head_of(Tok(w, 0, 0, "word")) or "'" in w or "’" in w
                or f.endswith(_ADJECTIVE_ENDINGS) or not w[0].isupper()
                for w in parts for f in (fold(w),))
                or (not given and all(fold(w) in lex.common or (len(parts) == 1 and fold(w) in _english())
                                      for w in parts))
                or (not given and head[0] in "GCR")):
            # 'the Soviet government', 'the Liberal government', 'the Federal Government'; a capitalised
            # 'Government' after a name it does not know is a province's more often ('the Sind Government')
            continue
        end = m.end() - len(head) - 1  # (the name and its bracket, not the head)
        if known is not None:
            label = known.label
        elif given:
            label = f"{given} {name}"
        else:
            label = lex.by_surname.get(fold(name), name) if len(parts) == 1 else name
        if adjective is not None:  # 'the Rhodesian [Ian] Smith regime': the adjective is the state's
            out.append(Cand("place", lex.demonyms[fold(adjective)], start, start + len(adjective),
                            "government-of-head:state", 0.6, "country", nested=True))
        out.append(Cand("person", label, start, end, "government-of-head", 0.65,
                        variants=[name] if label != name else []))
    return out + _regimes_of(text)


# 'Mengistu's regime', 'the junta of Papadopoulos': a regime named for a person the lexicon knows.
_CAPS_NAME = rf"(?:{_GOV_NAME}|[{UPPER}][{UPPER}'’-]+)"
_REGIME_OF = re.compile(rf"(?:({_CAPS_NAME}(?: {_CAPS_NAME})?)['’][sS] (?i:regime|government|clique|junta|cabinet)"
                        rf"|\b(?i:regime|clique|junta) (?i:of) ({_CAPS_NAME}(?: {_CAPS_NAME})?))\b")


def _regimes_of(text: str) -> list[Cand]:
    lex = lexicon()
    out: list[Cand] = []
    for k in occurrences(lower_same_length(text), ("regime", "clique", "junta", "government", "cabinet")):
        for m in _REGIME_OF.finditer(text, max(0, k - 40), k + 50):
            g = 1 if m.group(1) else 2
            name = m.group(g)
            if not name[0].isupper():
                continue
            f = fold(name)
            known = lex.names.get(f)
            label = known.label if known is not None and known.kind == "person" else lex.by_surname.get(f)
            if label is None and known is None and not m.group().lower().endswith(("government", "cabinet")) \
                    and not any(fold(w) in lex.demonyms or fold(w) in lex.common or fold(w) in _english()
                                or fold(w) in lex.titles for w in name.split()):
                label = name.title() if name.isupper() else name  # 'Mengistu's regime', 'the junta of Papadopoulos'
            if label is None:
                continue  # ('Poland's government', 'the regime of the colonels'): no person
            out.append(Cand("person", label, m.start(g), m.end(g), "regime-of-person", 0.7,
                            variants=[name] if name != label else []))
    return out


# Peoples named before a lower-case word of tribal life: 'the Mohmand and Shinwari tribes', 'Lunda chiefs',
# 'Baluba tribesmen'. Each name is a group (an ethnic group), whatever else the lexicon knows.
_TRIBAL = re.compile(rf"(?<![\w'’-])([{UPPER}][a-zà-ÿ'’-]+)((?:, [{UPPER}][a-zà-ÿ'’-]+)*,? and [{UPPER}][a-zà-ÿ'’-]+)? "
                     r"(tribes?|tribesmen|clans?|chiefs|elders)\b")
_TRIBAL_WORDS = Triggers(frozenset(words("tribe tribes tribesmen clan clans chiefs elders")), numbers=False)
_NOT_TRIBES = frozenset(words("northern southern eastern western central local other rival hostile neighbouring "
                              "frontier border mountain hill desert nomadic arab indian all some many"))
_TRIBE_NAME = re.compile(rf"[{UPPER}][a-zà-ÿ'’-]+")


def tribal_groups(text: str) -> list[Cand]:
    lex = lexicon()
    out: list[Cand] = []
    for s, _ in _TRIBAL_WORDS.spans(lower_same_length(text)):
        m = next((k for k in _TRIBAL.finditer(text, max(0, s - 80), s + 12) if k.start(3) == s), None)
        if m is None:
            continue
        names = [(m.start(1), m.group(1))]
        if m.group(2):
            names += [(m.start(2) + k.start(), k.group()) for k in _TRIBE_NAME.finditer(m.group(2))]
        for start, name in names:
            f = fold(name)
            known = lex.names.get(f)
            if f in lex.common or f in lex.titles or f in lex.demonyms or (known and known.kind == "person") \
                    or f in _english() or f in _NOT_TRIBES:
                continue  # 'the Western tribes' names nobody
            out.append(Cand("group", name, start, start + len(name), f"tribal:{m.group(3)}", 0.7, "ethnic group"))
    return out


# A capitalised plural head after names joined with 'and': 'the Huiyang and Foshan Prefectural Party
# Committees', 'the Kirov and Lenin Collective Farms'. One body per name, the head made singular;
# the last name's run (which holds the plural) is named the same way.
_CAP_PLURALS = {k.title(): v for k, v in _PLURALS.items() if v and k != "works"}  # ("Works" is one body too)
_CAP_NAME = rf"[{UPPER}][\w'’-]+"
_CAP_SHARED = re.compile(rf"(?<![\w'’-])({_CAP_NAME}(?:, {_CAP_NAME})*,? and )({_CAP_NAME})"
                         rf"((?: [{UPPER}][\w'’-]+){{0,3}}) ({'|'.join(_CAP_PLURALS)})\b")
_CAP_PLURAL_WORDS = Triggers(frozenset(k.lower() for k in _CAP_PLURALS), numbers=False, then=r"\b")


def capitalised_shared_heads(text: str) -> list[Cand]:
    lex = lexicon()
    out: list[Cand] = []
    low = lower_same_length(text)
    for start, end in _CAP_PLURAL_WORDS.spans(low):
        if not text[start].isupper():
            continue
        m = next((k for k in _CAP_SHARED.finditer(text, max(0, start - 160), end) if k.end() == end), None)
        if m is None:
            continue
        head = _CAP_PLURALS[m.group(4)]
        kind, subtype = lex.heads[head.lower()]
        middle = m.group(3)
        names = [(m.start(1) + k.start(), k.group()) for k in re.finditer(_CAP_NAME, m.group(1))]
        if any(fold(n) in lex.common or fold(n) in lex.titles or head_of(Tok(n, 0, 0, "word")) for _, n in names):
            continue  # 'the Party and State Committees': no names
        for s, name in names:
            out.append(Cand(kind, f"{name}{middle} {head}", s, s + len(name), f"shared-capital-head:{subtype}", 0.96,
                            subtype))
        last = m.group(2)
        out.append(Cand(kind, f"{last}{middle} {head}", m.start(2), m.end(), f"shared-capital-head:{subtype}", 0.96,
                        subtype, variants=[text[m.start(2):m.end()]]))
    return out

