"""Text written in capitals ('CIPHERED TELEGRAM ... COMRADE MAO ZEDONG') recased for the rules.

Ordinary English words become lower case, other words capitalised, known acronyms stay; the
length of the text never changes, so offsets still index the record.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from .lexicon import DIR, fold, lexicon, words
from .wordlist import is_ordinary

_CAPS_WORD = re.compile(r"[A-Z][A-Z'’\-\.]*[A-Z]|[A-Z]")
_LETTERS = re.compile(r"[A-Za-z]")
_SUFFIXES = ("tion", "sion", "ment", "ness", "ity", "ance", "ence", "ous", "ive", "ize", "ise", "ally",
             "ful", "less", "ship", "able", "ible", "ical", "ated", "ting", "ding", "ying", "ring", "ling",
             "ssed", "ched", "ered", "ened", "ized", "ised")
# (weekday names too: English writes both capitalised)
_MONTHS = frozenset(words(
"january february march april may june july august september october november december "
"monday tuesday wednesday thursday friday saturday sunday"))


@lru_cache(maxsize=1)
def english() -> frozenset[str]:
    """Ordinary English words (``lexicon/english.txt``, made by ``wordlist.py``)."""
    rows = (DIR / "english.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(r.strip() for r in rows if r.strip() and not r.startswith("#"))


# Portfolios the list of ordinary English words leaves out.
_PORTFOLIOS = frozenset(words("forestry fisheries fishery telecommunications metallurgy irrigation shipbuilding"))


def office_word(f: str) -> bool:
    """A folded word an office's name is made of ('Agriculture and Forestry'): ordinary English."""
    return f in _PORTFOLIOS or is_ordinary(f, english())


def _ordinary(f: str) -> bool:
    lex = lexicon()
    return f in lex.common or f in lex.heads or f in lex.titles or f in lex.title_mods or is_ordinary(f, english()) \
        or f.endswith(_SUFFIXES)


def _word(w: str, proper: frozenset[str]) -> str:
    if len(w) > 3 and w[-2:] in ("'S", "’S") and not _ordinary(fold(w[:-2])):
        stem = _word(w[:-2], proper)  # a name's possessive is cased as the name ('MENGISTU'S REGIME')
        if stem[:1].isupper():
            return stem + w[-2:].lower()
    lex = lexicon()
    f = fold(w)
    if f in lex.acronyms or re.fullmatch(r"[IVX]+", w):
        return w  # USSR, PRC, U.S., Roman month numbers
    if f in lex.common and f not in _MONTHS:
        return w.lower()
    if (f in _MONTHS or f in proper or f in lex.names or f in lex.titles or f in lex.demonyms
            or f in lex.ethnonyms or f in lex.peoples or (f in lex.name_words and f not in lex.heads)):
        return _title(w)
    if len(w) <= 2 and "." in w:
        return w  # an initial
    if not w.isascii():
        return _title(w)  # 'HRUBEŠ', 'NIKAIDŌ': English words carry no diacritics
    # A word that is no ordinary English ('XUAN THUY', 'DONG HOI', 'UDORN') is part of a name.
    return w.lower() if _ordinary(f) else _title(w)


def _title(w: str) -> str:
    out = []
    up = True
    for ch in w:
        out.append(ch.upper() if up else ch.lower())
        up = ch in "-. "
    return "".join(out)


_ASCII_UPPER = bytes(range(ord("A"), ord("Z") + 1))
_ASCII_LOWER = bytes(range(ord("a"), ord("z") + 1))


_BRACKETS = re.compile(r"\[[^\]\n]*\]")


def _caps_line(line: str) -> bool:
    """A line written in capitals; a translator's bracket in it ('MINDAN [Korean Residents Union]')
    does not count."""
    if "[" in line:
        line = _BRACKETS.sub(" ", line)
    if line.isascii():  # the letters counted by bytes.translate: much faster than one by one
        b = line.encode("ascii")
        upper = len(b) - len(b.translate(None, _ASCII_UPPER))
        if upper < 4:
            return False
        return upper >= 0.85 * (upper + len(b) - len(b.translate(None, _ASCII_LOWER)))
    upper = sum(map(str.isupper, line))
    if upper < 4:
        return False
    return upper >= 0.85 * (upper + sum(map(str.islower, line)))


# (letters of any script: 'KŌZU', 'YŎNG-SU' are single words)
_TOKEN = re.compile(r"\[[^\]\n]{1,40}\]|[A-Z]\.|[^\W\d_]+(?:['’\-][^\W\d_]+)*")


def _line(line: str, proper: frozenset[str]) -> str:
    """Recase one line; a word after a title or initials, and a word with a bracketed variant, is a name."""
    lex = lexicon()
    toks = list(_TOKEN.finditer(line))
    out = list(line)
    forced: set[int] = set()
    # Lexicon names of several words first ('SOVIET UNION', 'PEOPLE'S LIBERATION ARMY').
    for i in range(len(toks)):
        for n in (5, 4, 3, 2):  # ('GREAT HALL OF THE PEOPLE')
            if i + n <= len(toks) and ((joined := fold(" ".join(t.group() for t in toks[i:i + n]))) in lex.names
                                       or joined in lex.demonyms):  # ('WEST GERMAN', 'SOUTH VIETNAMESE')
                forced.update(range(i, i + n))
                break
    forced.update(_body_names([t.group() for t in toks], line, [t.span() for t in toks]))
    # A bracket that spells the words before it in mixed case ('LANG SON [Lạng Sơn]', 'NGUYEN CO THACH
    # [Nguyễn Cơ Thạch]'): those words are a name.
    for i, m in enumerate(toks):
        w = m.group()
        if w.startswith("[") and not w[1:-1].isupper():
            spelt = fold(w[1:-1]).replace("-", " ").split()
            n = len(spelt)
            if 0 < n <= 4 and i >= n and \
                    fold(" ".join(t.group() for t in toks[i - n:i])).replace("-", " ").split() == spelt:
                forced.update(range(i - n, i))
    prev_title = False
    for i, m in enumerate(toks):
        w = m.group()
        if w.startswith("[") and not w[1:-1].isupper():
            prev_title = False
            continue  # a translator's bracket written in mixed case stays as written
        if w.startswith("["):
            inner = w[1:-1]
            new = "[" + " ".join(_title(x) if fold(x) not in lex.common or fold(x) == "sic" else x.lower()
                                 for x in inner.split(" ")) + "]"
            out[m.start():m.end()] = new.replace("[Sic]", "[sic]")
            prev_title = False
            continue
        nxt = toks[i + 1].group() if i + 1 < len(toks) else ""
        f = fold(w)
        new = _word(w, proper)
        bracket_next = nxt.startswith("[") and fold(nxt[1:-1]) not in lex.common
        named = new.islower() and f not in lex.common and (i in forced or prev_title or bracket_next)
        if named or (i in forced and f not in lex.acronyms):
            new = _title(w)
        if new[:1].isupper() and not new.isupper() and i and (
                _is_address(toks[i - 1].group()) or (fold(toks[i - 1].group()) in lex.titles
                                                     and toks[i - 1].group().isupper())):
            # 'SIR ARCHIBALD', 'MR. HARRIMAN', 'GENERAL PRAPHAS': a form of address or a title before
            # a name is written as one
            p = toks[i - 1]
            out[p.start():p.end()] = _title(p.group())
        elif new.islower() and i and out[toks[i - 1].start()].isupper() and not toks[i - 1].group().startswith("[") \
                and f in _NAME_PLACE_HEADS and not _ordinary(fold(toks[i - 1].group())) \
                and fold(toks[i - 1].group()) not in lex.demonyms:
            new = _title(w)  # 'RATCHADAMNOEN AVENUE': a place's head after its name
        prev_title = ((f in lex.titles and f not in lex.common) or (len(w) == 2 and w.endswith(".")))
        out[m.start():m.end()] = new
    return "".join(out)


_ADDRESS = frozenset(words("mr mrs ms sir madame monsieur herr frau dr msgr"))
# Heads that end a place's proper name ('RATCHADAMNOEN AVENUE', 'KHAO LAEM RIVER'), unlike those of
# areas and borders ('THE SAM THONG AREA', 'THE SINO-SOVIET BORDER').
_NAME_PLACE_HEADS = frozenset(words("avenue street square boulevard river lake sea island islands mountain "
                                    "mountains strait gulf bay pass valley canal airport airfield harbour harbor"))


def _is_address(w: str) -> bool:
    return w.isupper() and fold(w.rstrip(".")) in _ADDRESS


# Heads of the names of state and party bodies: in capitals, 'THE MINISTRY OF DEFENCE' and 'THE STATE
# COMMITTEE FOR FOREIGN ECONOMIC RELATIONS' are names (the head, its modifiers and its 'of' part).
_BODY_HEADS = frozenset(words(
    "ministry committee commission department directorate secretariat presidium politburo council embassy "
    "consulate legation commissariat inspectorate procuratorate chancellery minister ministers"))
# Heads that also name things in general ('THE POLICE STATION', 'THE HEADQUARTERS'): a name only with
# a word before them that is no ordinary English ('THE MINAMI POLICE STATION') or an 'of' part
# ('THE SECURITY BUREAU OF THE NATIONAL POLICE AGENCY').
_COMMON_HEADS = frozenset(words(
    "bureau agency office police station headquarters branch service union association federation "
    "army force forces university institute academy gendarmerie pact"))
_DETERMINERS = frozenset(words("the our their his her its this"))
_LINKS = frozenset(words("of for"))
_POSTS = frozenset(words("embassy consulate legation"))  # named by their seat (THE EMBASSY IN BEIJING)
# Words that end a body's name: function words, and verbs ('THE MINISTRY OF DEFENCE SHOULD').
_NAME_END = frozenset(words(
    "the a an and or but of for in on at to by from with without into as that which who whom whose this these "
    "those it its is are was were be been has have had will would shall should can could may might must not "
    "also about after before between during under over through against within i we he she they you our their "
    "his her my your "
    # (verbs of reporting: 'THE VIETNAMESE MINISTRY OF HEALTH ASKS THAT', 'THE MINISTRY OF FOREIGN TRADE SEND')
    "asks ask asked send sends sent says say said tells told requests request requested proposes propose "
    "proposed reports reported informs informed wants want wanted insists insisted agrees agreed thinks thought "
    # (words of time and degree: 'THE MINISTRY OF JUSTICE NO LATER THAN 25 JULY')
    "no later than until since when if because yesterday today tomorrow now then"))


def _body_names(toks: list[str], line: str, spans: list[tuple[int, int]]) -> set[int]:
    """Token indices of the names of bodies in a line in capitals: modifiers after a determiner, the
    head, and up to four words after 'of'/'for' (with 'the'), up to punctuation or a function word."""
    out: set[int] = set()
    for i, w in enumerate(toks):
        if fold(w) not in _BODY_HEADS and fold(w) not in _COMMON_HEADS:
            continue
        named: set[int] = set()
        j = i - 1
        mods: list[int] = []
        while j >= 0 and i - j <= 2 and fold(toks[j]) not in _NAME_END and toks[j].isalpha() \
                and not line[spans[j][1]:spans[j + 1][0]].strip():
            mods.append(j)
            j -= 1
        if mods and j >= 0 and fold(toks[j]) in _DETERMINERS:
            named.update(mods)
        k = i + 1
        links = _LINKS | ({"in"} if fold(w) in _POSTS else set())
        if k < len(toks) and fold(toks[k]) in links and not line[spans[i][1]:spans[k][0]].strip():
            k += 1
            if k < len(toks) and fold(toks[k]) == "the":
                k += 1
            n = 0
            while k < len(toks) and n < 4 and fold(toks[k]) not in _NAME_END and toks[k][0].isalpha() \
                    and not toks[k].endswith("ED") and not line[spans[k - 1][1]:spans[k][0]].strip():
                named.add(k)
                k, n = k + 1, n + 1
                if fold(toks[k - 1]) in _BODY_HEADS | _COMMON_HEADS and not (
                        k < len(toks) and fold(toks[k]) in _BODY_HEADS | _COMMON_HEADS):
                    break  # the name ends with its last head ('... OF THE NATIONAL POLICE AGENCY TOLD')
        if fold(w) in _COMMON_HEADS and not any(k > i for k in named) \
                and all(_ordinary(fold(toks[k])) for k in named):
            continue  # 'THE LOCAL POLICE'
        if named:  # a bare head ('THE DEPARTMENT') names nothing
            out.update(named | {i})
    return out


def _short_line(line: str) -> str:
    """A short line in capitals in a mixed-case record (a letterhead, a signature): every word that is
    not ordinary English is taken for a name."""
    lex = lexicon()
    # a letterhead naming a body ('MINISTRY OF INTERNAL AFFAIRS', 'FOREIGN AND COMMONWEALTH OFFICE',
    # '1ST TERRITORIAL DEPARTMENT'): every word but the function words is part of the name
    body = any(fold(t) in _BODY_HEADS or fold(t) in _COMMON_HEADS or fold(t) in _LETTERHEAD_HEADS
               for t in _TOKEN.findall(line))

    def one(m: re.Match[str]) -> str:
        w = m.group()
        f = fold(w)
        if w.startswith("[") or f in lex.acronyms or re.fullmatch(r"[IVX]+", w):
            return w
        if m.start() and line[m.start() - 1].isdigit():
            return w.lower()  # '1ST'
        if body:
            return w.lower() if f in _FUNCTION_WORDS else _title(w)
        return w.lower() if f in lex.common else _title(w)
    return _TOKEN.sub(one, line)


def _letterhead(line: str) -> bool:
    """A short line of capitals that names a body and says nothing else ('SIXTH DIRECTORATE OF STATE
    SECURITY' at the head of a telegram in capitals): no article, verb or other function word."""
    toks = [fold(t) for t in _TOKEN.findall(line)]
    return 0 < len(toks) <= 5 and not line.rstrip().endswith((".", ":")) \
        and any(t in _BODY_HEADS or t in _COMMON_HEADS or t in _LETTERHEAD_HEADS for t in toks) \
        and not any(t in _NAME_END and t not in _FUNCTION_WORDS for t in toks) and "the" not in toks


_LETTERHEAD_HEADS = frozenset(words("institute academy university embassy consulate legation mission"))
_FUNCTION_WORDS = frozenset(words("of the and for in on at to a an"))


def proper_words(*texts: str) -> frozenset[str]:
    """Words written capitalised inside sentences of mixed-case text: the record's own names."""
    out: set[str] = set()
    lex = lexicon()
    for t in texts:
        for m in re.finditer(r"(?<=[a-z,;] )([A-Z][a-z][A-Za-z'’\-]*)", t or ""):
            f = fold(m.group(1))
            if f not in lex.common:
                out.add(f)
    return frozenset(out)


def recase(text: str, names: Callable[[], frozenset[str]] = frozenset) -> str:
    """The text with every line written in capitals recased; other lines unchanged. ``names`` gives
    the record's own names (asked for only when there is something to recase)."""
    caps = [_caps_line(m.group()) for m in re.finditer(r"[^\n]+", text)]
    if not any(caps):
        return text
    proper = names()
    caps_doc = sum(caps) >= 0.5 * len(caps)
    parts: list[str] = []
    pos = 0
    for m in re.finditer(r"[^\n]+", text):
        if not _caps_line(m.group()) or (not caps_doc and len(_LETTERS.findall(m.group())) < 12):
            continue
        parts.append(text[pos:m.start()])
        short = (not caps_doc and len(m.group().split()) <= 5) or _letterhead(m.group())
        parts.append(_short_line(m.group()) if short else _line(m.group(), proper))
        pos = m.end()
    parts.append(text[pos:])
    out = "".join(parts)
    assert len(out) == len(text)
    return out
